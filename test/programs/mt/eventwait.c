#define _GNU_SOURCE
// Waiting for descriptors while other threads run: epoll_wait on an eventfd and a pipe wakes when another
// thread writes them; ppoll with a timeout on a pipe nobody writes returns 0 after the timeout; a blocking
// eventfd read waits for a write from another thread. Prints only what any correct scheduler gives.
#include <poll.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <time.h>
#include <unistd.h>

static int efd, pfd[2];
static volatile unsigned long sink;
static void busy(unsigned long n) { for (unsigned long i = 0; i < n; i++) sink += i; }

static void *writer(void *arg) {
  (void)arg;
  busy(100000);
  uint64_t one = 1;
  if (write(efd, &one, 8) != 8) puts("FAIL eventfd write");
  busy(100000);
  if (write(pfd[1], "hello", 5) != 5) puts("FAIL pipe write");
  busy(100000);
  uint64_t five = 5;
  if (write(efd, &five, 8) != 8) puts("FAIL eventfd write 2");
  return NULL;
}

int main(void) {
  efd = eventfd(0, 0);
  if (pipe(pfd) != 0) { puts("FAIL pipe"); return 1; }
  int ep = epoll_create1(0);
  struct epoll_event ev = { .events = EPOLLIN, .data.u32 = 1 };
  epoll_ctl(ep, EPOLL_CTL_ADD, efd, &ev);
  ev.data.u32 = 2;
  epoll_ctl(ep, EPOLL_CTL_ADD, pfd[0], &ev);
  pthread_t t;
  pthread_create(&t, NULL, writer, NULL);

  struct epoll_event out[4];
  int n = epoll_wait(ep, out, 4, -1);
  printf("epoll woke: %d event(s), first from %s\n", n, out[0].data.u32 == 1 ? "eventfd" : "pipe");
  uint64_t v = 0;
  if (read(efd, &v, 8) != 8) puts("FAIL eventfd read");
  printf("eventfd read: %llu\n", (unsigned long long)v);
  n = epoll_wait(ep, out, 4, -1);
  char buf[16] = {0};
  printf("epoll woke: %d event(s), from %s\n", n, out[0].data.u32 == 2 ? "pipe" : "eventfd");
  if (read(pfd[0], buf, sizeof buf - 1) != 5) puts("FAIL pipe read");
  printf("pipe read: %s\n", buf);
  if (read(efd, &v, 8) != 8) puts("FAIL blocking eventfd read");
  printf("blocking eventfd read: %llu\n", (unsigned long long)v);
  pthread_join(t, NULL);

  int q[2];
  if (pipe(q) != 0) return 1;
  struct pollfd p = { .fd = q[0], .events = POLLIN };
  struct timespec ts = { 0, 200000 };
  struct timespec a, b;
  clock_gettime(CLOCK_MONOTONIC, &a);
  n = ppoll(&p, 1, &ts, NULL);
  clock_gettime(CLOCK_MONOTONIC, &b);
  long waited = (b.tv_sec - a.tv_sec) * 1000000000L + (b.tv_nsec - a.tv_nsec);
  printf("ppoll on a silent pipe: %d, waited at least 200 us: %d\n", n, waited >= 200000);
  return 0;
}
