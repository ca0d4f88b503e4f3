// The real-time interval timer (setitimer/getitimer ITIMER_REAL, alarm): SIGALRM ends pause() and
// interrupts a sleep with EINTR; a periodic timer fires again and again while the program computes;
// getitimer and alarm(0) report the time left; a forked child does not inherit the timer but a timer
// survives execve. Prints only facts that hold under any correct scheduler.
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static volatile sig_atomic_t alarms;
static volatile unsigned long sink;

static void on_alarm(int sig) { (void)sig; alarms++; }

static long ms_since(const struct timespec *a) {
  struct timespec b;
  clock_gettime(CLOCK_MONOTONIC, &b);
  return (b.tv_sec - a->tv_sec) * 1000L + (b.tv_nsec - a->tv_nsec) / 1000000L;
}

int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "after-exec") == 0) {
    // execve kept the timer the parent armed; SIGALRM's disposition is back to default (not ignored).
    struct itimerval left;
    getitimer(ITIMER_REAL, &left);
    printf("after exec: timer still armed: %s\n", left.it_value.tv_sec > 0 || left.it_value.tv_usec > 0 ? "yes" : "no");
    alarm(0);
    return 0;
  }
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = on_alarm; // no SA_RESTART: an interrupted sleep fails with EINTR
  sigaction(SIGALRM, &sa, NULL);

  // alarm + pause
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  alarm(2);
  pause();
  long ms = ms_since(&t0);
  printf("pause ended by SIGALRM: alarms=%d, after >= 2 s: %s, before 2.1 s: %s\n", (int)alarms, ms >= 2000 ? "yes" : "no",
         ms < 2100 ? "yes" : "no");

  // A sleep interrupted by the alarm.
  alarm(1);
  struct timespec ten = { 10, 0 }, rem = { 0, 0 };
  int r = nanosleep(&ten, &rem);
  printf("nanosleep(10 s) with alarm(1): r=%d %s, alarms=%d\n", r, r < 0 && errno == EINTR ? "EINTR" : "?", (int)alarms);

  // alarm(0) cancels and returns the seconds left; getitimer shows the remaining time.
  alarm(30);
  struct itimerval cur;
  getitimer(ITIMER_REAL, &cur);
  printf("getitimer after alarm(30): %s\n", cur.it_value.tv_sec >= 29 && cur.it_value.tv_sec <= 30 ? "29..30 s left" : "wrong");
  printf("alarm(0) returned %u\n", alarm(0));
  getitimer(ITIMER_REAL, &cur);
  printf("after alarm(0): disarmed: %s\n", cur.it_value.tv_sec == 0 && cur.it_value.tv_usec == 0 ? "yes" : "no");

  // A periodic timer while computing.
  alarms = 0;
  struct itimerval every = { { 0, 10000 }, { 0, 10000 } }; // 10 ms
  setitimer(ITIMER_REAL, &every, NULL);
  while (alarms < 5) sink++;
  struct itimerval off = { { 0, 0 }, { 0, 0 } }, old;
  setitimer(ITIMER_REAL, &off, &old);
  printf("periodic: %d alarms while computing, old interval %ld us\n", (int)alarms, (long)old.it_interval.tv_usec);

  // fork: the child has no timer.
  alarm(20);
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) {
    struct itimerval c;
    getitimer(ITIMER_REAL, &c);
    printf("child: timer armed: %s\n", c.it_value.tv_sec != 0 || c.it_value.tv_usec != 0 ? "yes" : "no");
    fflush(stdout);
    _exit(0);
  }
  int st;
  waitpid(pid, &st, 0);
  alarm(0);

  // An ITIMER_REAL that ends the process: default action of SIGALRM (in a child, to see its status).
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    signal(SIGALRM, SIG_DFL);
    alarm(1);
    for (;;) pause();
  }
  waitpid(pid, &st, 0);
  printf("child killed by signal %d\n", WIFSIGNALED(st) ? WTERMSIG(st) : 0);

  // execve keeps the timer.
  fflush(stdout);
  pid = fork();
  if (pid == 0) {
    alarm(50);
    execl("/proc/self/exe", argv[0], "after-exec", (char *)NULL);
    _exit(127);
  }
  waitpid(pid, &st, 0);
  printf("done\n");
  return 0;
}
