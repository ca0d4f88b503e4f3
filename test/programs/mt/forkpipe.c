// Processes and pipes. The parent forks children that report through pipes and exit with distinct
// statuses, and checks, one line each:
//  - 4 children each write a computed result and whether getppid() is the parent, then exit 10+i;
//    the parent reads every pipe to EOF and reaps each child with waitpid (WIFEXITED, WEXITSTATUS);
//  - a child that raises SIGABRT and one killed with kill(pid, SIGTERM) while blocked reading a pipe:
//    WIFSIGNALED, WTERMSIG;
//  - a child writing into a pipe without readers dies of SIGPIPE; with SIGPIPE ignored, write fails EPIPE;
//  - 256 KiB sent through a pipe (larger than its buffer) to a child that sums it and answers back;
//  - vfork + _exit; SIGCHLD reaches a handler; waitpid afterwards fails with ECHILD.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#define CHILDREN 4

static int failures;
static void report(int ok, const char *what) {
  printf("%s %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}

static uint64_t work(int i) {
  uint64_t x = 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 1);
  for (int k = 0; k < 20000; k++) x = (x ^ (x >> 31)) * 0xbf58476d1ce4e5b9ULL + (uint64_t)k;
  return x;
}

static int write_all(int fd, const void *buf, size_t n) {
  const char *p = buf;
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0) { if (errno == EINTR) continue; return -1; }
    p += w; n -= (size_t)w;
  }
  return 0;
}

// Reads until EOF; returns the byte count (or -1).
static ssize_t read_to_eof(int fd, void *buf, size_t cap) {
  size_t got = 0;
  for (;;) {
    ssize_t r = read(fd, (char *)buf + got, cap - got);
    if (r < 0) { if (errno == EINTR) continue; return -1; }
    if (r == 0) return (ssize_t)got;
    got += (size_t)r;
    if (got == cap) return (ssize_t)got;
  }
}

static volatile sig_atomic_t sigchld_seen;
static void on_sigchld(int sig) { sigchld_seen = 1; }

// fork() or the end of the run: with fork failing, the rest would act on pid -1 (kill(-1, ...) signals
// every process we may signal).
static pid_t fork_or_exit(void) {
  pid_t pid = fork();
  if (pid < 0) { printf("FAIL fork: errno %d\n", errno); exit(1); }
  return pid;
}

static int wait_status(pid_t pid) {
  int st;
  pid_t r;
  while ((r = waitpid(pid, &st, 0)) < 0 && errno == EINTR) {}
  return r == pid ? st : -1;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  signal(SIGCHLD, on_sigchld);
  pid_t me = getpid();
  char line[160];

  // 1. Results through one pipe per child, distinct exit statuses.
  pid_t pids[CHILDREN];
  int rfd[CHILDREN];
  for (int i = 0; i < CHILDREN; i++) {
    int p[2];
    if (pipe(p) != 0) { printf("FAIL pipe\n"); return 1; }
    pid_t pid = fork_or_exit();
    if (pid == 0) {
      close(p[0]);
      struct { uint64_t value; int32_t index, parent_ok; } msg = { work(i), i, getppid() == me };
      write_all(p[1], &msg, sizeof msg);
      _exit(10 + i);
    }
    close(p[1]);
    pids[i] = pid;
    rfd[i] = p[0];
  }
  int results_ok = 0, parents_ok = 0, statuses_ok = 0, distinct = 1;
  for (int i = CHILDREN - 1; i >= 0; i--) {
    struct { uint64_t value; int32_t index, parent_ok; } msg;
    char extra[64];
    ssize_t n = read_to_eof(rfd[i], &msg, sizeof msg);
    ssize_t more = read(rfd[i], extra, sizeof extra);  // EOF again: all writers are gone
    close(rfd[i]);
    if (n == (ssize_t)sizeof msg && more == 0 && msg.index == i && msg.value == work(i)) results_ok++;
    if (n == (ssize_t)sizeof msg && msg.parent_ok) parents_ok++;
    int st = wait_status(pids[i]);
    if (st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 10 + i) statuses_ok++;
    for (int j = 0; j < i; j++) distinct &= pids[j] != pids[i] && pids[i] != me;
  }
  uint64_t sum = 0;
  for (int i = 0; i < CHILDREN; i++) sum += work(i);
  snprintf(line, sizeof line, "%d children: results %d, getppid %d, exit statuses %d, checksum %016llx", CHILDREN,
           results_ok, parents_ok, statuses_ok, (unsigned long long)sum);
  report(results_ok == CHILDREN && parents_ok == CHILDREN && statuses_ok == CHILDREN && distinct, line);

  // 2. Terminated by signals.
  pid_t aborter = fork_or_exit();
  if (aborter == 0) {
    int null = open("/dev/null", O_WRONLY);
    dup2(null, 2);  // no core-dump message on our stderr
    raise(SIGABRT);
    _exit(99);
  }
  int st = wait_status(aborter);
  report(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGABRT, "child raising SIGABRT: WIFSIGNALED, WTERMSIG = SIGABRT");

  int block[2];
  pipe(block);
  pid_t sleeper = fork_or_exit();
  if (sleeper == 0) {
    char c;
    close(block[1]);  // the parent still holds a writer, so this read blocks
    read(block[0], &c, 1);
    _exit(98);
  }
  close(block[0]);
  kill(sleeper, SIGTERM);
  st = wait_status(sleeper);
  close(block[1]);
  report(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGTERM, "child blocked in read, kill(SIGTERM): WTERMSIG = SIGTERM");

  // 3. Broken pipes.
  int broken[2];
  pipe(broken);
  close(broken[0]);
  pid_t writer = fork_or_exit();
  if (writer == 0) {
    signal(SIGPIPE, SIG_DFL);
    write(broken[1], "x", 1);
    _exit(97);
  }
  st = wait_status(writer);
  report(st != -1 && WIFSIGNALED(st) && WTERMSIG(st) == SIGPIPE, "write to a pipe without readers: child killed by SIGPIPE");
  signal(SIGPIPE, SIG_IGN);
  errno = 0;
  ssize_t w = write(broken[1], "x", 1);
  report(w == -1 && errno == EPIPE, "same write with SIGPIPE ignored: EPIPE");
  close(broken[1]);
  signal(SIGPIPE, SIG_DFL);

  // 4. Bulk data both ways: more than a pipe buffer holds.
  enum { BULK = 256 * 1024 };
  int down[2], up[2];
  pipe(down);
  pipe(up);
  pid_t summer = fork_or_exit();
  if (summer == 0) {
    close(down[1]);
    close(up[0]);
    static unsigned char buf[4096];
    uint64_t s = 0, bytes = 0;
    ssize_t r;
    while ((r = read(down[0], buf, sizeof buf)) > 0) {
      for (ssize_t k = 0; k < r; k++) s = s * 31 + buf[k];
      bytes += (uint64_t)r;
    }
    uint64_t answer[2] = { bytes, s };
    write_all(up[1], answer, sizeof answer);
    _exit(0);
  }
  close(down[0]);
  close(up[1]);
  static unsigned char bulk[BULK];
  uint64_t want = 0;
  for (int k = 0; k < BULK; k++) { bulk[k] = (unsigned char)(k * 7 + (k >> 9)); want = want * 31 + bulk[k]; }
  int wrote = write_all(down[1], bulk, BULK);
  close(down[1]);
  uint64_t answer[2] = { 0, 0 };
  ssize_t n = read_to_eof(up[0], answer, sizeof answer);
  close(up[0]);
  st = wait_status(summer);
  snprintf(line, sizeof line, "%d bytes through a pipe to a child and its sum back: %016llx", BULK, (unsigned long long)want);
  report(wrote == 0 && n == (ssize_t)sizeof answer && answer[0] == BULK && answer[1] == want && WIFEXITED(st) && WEXITSTATUS(st) == 0, line);

  // 5. vfork, SIGCHLD, nothing left to wait for.
  pid_t vf = vfork();
  if (vf < 0) { printf("FAIL vfork: errno %d\n", errno); return 1; }
  if (vf == 0) _exit(42);
  st = wait_status(vf);
  report(st != -1 && WIFEXITED(st) && WEXITSTATUS(st) == 42, "vfork + _exit(42): status 42");
  report(sigchld_seen, "SIGCHLD handler ran");
  errno = 0;
  report(waitpid(-1, &st, 0) == -1 && errno == ECHILD, "waitpid with no children left: ECHILD");

  if (failures) { printf("FAIL %d checks\n", failures); return 1; }
  printf("all process checks passed\n");
  return 0;
}
