// execve, one line per check:
//  - a child execs /proc/self/exe with new arguments; the new image prints them into a pipe and exits 5;
//  - a '#!' script (written to $TMPDIR) whose interpreter is this program: the interpreter gets the
//    '#!' line's argument, then the script's path, then the caller's arguments;
//  - execve failures: ENOENT (no such file), EACCES (not executable), ENOEXEC (executable, neither ELF nor '#!');
//  - finally the process itself execs /proc/self/exe, and the new image's exit status is the process's.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;
static int failures;

static void report(int ok, const char *what) {
  printf("%s %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}

// Runs argv[0] (path) with args in a child whose stdout is a pipe; returns its output and status.
static int run_captured(const char *path, char *const argv[], char *out, size_t cap, int *status) {
  int p[2];
  if (pipe(p) != 0) return -1;
  pid_t pid = fork();
  if (pid < 0) { printf("FAIL fork: errno %d\n", errno); exit(1); }
  if (pid == 0) {
    dup2(p[1], 1);
    close(p[0]);
    close(p[1]);
    execve(path, argv, environ);
    printf("execve %s: errno %d\n", path, errno);
    fflush(stdout);
    _exit(127);
  }
  close(p[1]);
  size_t got = 0;
  ssize_t r;
  while (got + 1 < cap && (r = read(p[0], out + got, cap - 1 - got)) > 0) got += (size_t)r;
  out[got] = 0;
  close(p[0]);
  waitpid(pid, status, 0);
  return 0;
}

static int exec_errno(const char *path) {
  char *argv[] = { (char *)path, NULL };
  pid_t pid = fork();
  if (pid < 0) { printf("FAIL fork: errno %d\n", errno); exit(1); }
  if (pid == 0) {
    execve(path, argv, environ);
    _exit(errno);
  }
  int st;
  waitpid(pid, &st, 0);
  return WIFEXITED(st) ? WEXITSTATUS(st) : -1;
}

static int write_file(const char *path, const char *text, mode_t mode) {
  int fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, mode);
  if (fd < 0) return -1;
  ssize_t n = write(fd, text, strlen(text));
  close(fd);
  return n == (ssize_t)strlen(text) ? 0 : -1;
}

int main(int argc, char **argv) {
  if (argc >= 2 && strcmp(argv[1], "--print") == 0) {
    printf("new image: argc %d", argc);
    for (int i = 1; i < argc; i++) printf(" [%s]", argv[i]);
    printf("\n");
    return 5;
  }
  if (argc >= 2 && strcmp(argv[1], "--interpreter") == 0) {
    // argv: interpreter, "--interpreter", script path, caller's args...
    const char *script = argc > 2 ? argv[2] : "";
    const char *base = strrchr(script, '/');
    printf("interpreter: argc %d, script %s", argc, base ? base + 1 : script);
    for (int i = 3; i < argc; i++) printf(" [%s]", argv[i]);
    printf("\n");
    return 6;
  }
  if (argc >= 2 && strcmp(argv[1], "--final") == 0) {
    printf("final image: %s, exit 0\n", argc > 2 ? argv[2] : "?");
    return failures;
  }
  setvbuf(stdout, NULL, _IONBF, 0);

  char out[512];
  int st = -1;
  char *self_args[] = { "renamed", "--print", "two words", "", "last", NULL };
  run_captured("/proc/self/exe", self_args, out, sizeof out, &st);
  report(strcmp(out, "new image: argc 5 [--print] [two words] [] [last]\n") == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 5,
         "execve /proc/self/exe: new image ran with the new arguments, exit 5");
  printf("  it printed: %s", out);

  const char *tmp = getenv("TMPDIR");
  if (!tmp) tmp = "/tmp";
  char self[4096], script[4200], text[4300], plain[4200], noexec[4200];
  ssize_t len = readlink("/proc/self/exe", self, sizeof self - 1);
  if (len <= 0) { printf("FAIL readlink /proc/self/exe\n"); return 1; }
  self[len] = 0;
  snprintf(script, sizeof script, "%s/hashbang-script", tmp);
  snprintf(text, sizeof text, "#!%s --interpreter\nthis line is for the interpreter only\n", self);
  if (write_file(script, text, 0755) != 0) { printf("FAIL cannot write %s\n", script); return 1; }
  char *script_args[] = { script, "alpha", "beta gamma", NULL };
  run_captured(script, script_args, out, sizeof out, &st);
  report(strcmp(out, "interpreter: argc 5, script hashbang-script [alpha] [beta gamma]\n") == 0 && WIFEXITED(st) && WEXITSTATUS(st) == 6,
         "execve of a #! script runs its interpreter with the #! argument and the script path, exit 6");
  printf("  it printed: %s", out);

  snprintf(plain, sizeof plain, "%s/plain-text", tmp);
  snprintf(noexec, sizeof noexec, "%s/not-executable", tmp);
  write_file(plain, "echo this is not a program\n", 0755);
  write_file(noexec, "#!/bin/sh\n", 0644);
  char missing[4200];
  snprintf(missing, sizeof missing, "%s/no-such-file", tmp);
  report(exec_errno(missing) == ENOENT, "execve of a missing file: ENOENT");
  report(exec_errno(noexec) == EACCES, "execve of a file without execute permission: EACCES");
  report(exec_errno(plain) == ENOEXEC, "execve of an executable text file without #!: ENOEXEC");
  unlink(script);
  unlink(plain);
  unlink(noexec);

  if (failures) { printf("FAIL %d checks\n", failures); return 1; }
  char *final_args[] = { "exec_self", "--final", "replaced the process", NULL };
  execve("/proc/self/exe", final_args, environ);
  printf("FAIL execve /proc/self/exe in the main process: errno %d\n", errno);
  return 1;
}
