// Timeouts and sleeps on the virtual clock while other threads run (1 ns per instruction, all threads):
// a condition-variable wait with a 100 us timeout times out while the signalling thread is still busy for
// ~2 M instructions; a thread that sleeps 50 us lets the busy main thread run meanwhile, and wakes no
// earlier than 50 us later. Prints only facts that hold under any correct scheduler.
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <time.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int ready;
static volatile unsigned long sink;

static long ns_since(const struct timespec *a) {
  struct timespec b;
  clock_gettime(CLOCK_MONOTONIC, &b);
  return (b.tv_sec - a->tv_sec) * 1000000000L + (b.tv_nsec - a->tv_nsec);
}

static void busy(unsigned long n) { for (unsigned long i = 0; i < n; i++) sink += i * i; }

static void *slow_signaller(void *arg) {
  (void)arg;
  busy(500000); // well over 100 us of instructions
  pthread_mutex_lock(&lock);
  ready = 1;
  pthread_cond_signal(&cond);
  pthread_mutex_unlock(&lock);
  return NULL;
}

static void *sleeper(void *arg) {
  struct timespec t0;
  clock_gettime(CLOCK_MONOTONIC, &t0);
  struct timespec d = { 0, 50000 };
  nanosleep(&d, NULL);
  *(long *)arg = ns_since(&t0);
  return NULL;
}

int main(void) {
  pthread_t t;
  pthread_create(&t, NULL, slow_signaller, NULL);
  struct timespec deadline;
  clock_gettime(CLOCK_REALTIME, &deadline);
  deadline.tv_nsec += 100000;
  if (deadline.tv_nsec >= 1000000000L) { deadline.tv_sec++; deadline.tv_nsec -= 1000000000L; }
  pthread_mutex_lock(&lock);
  int r = 0;
  while (!ready && r == 0) r = pthread_cond_timedwait(&cond, &lock, &deadline);
  printf("timedwait before the signal: %s\n", r == ETIMEDOUT ? "ETIMEDOUT" : "woken");
  while (!ready) pthread_cond_wait(&cond, &lock);
  pthread_mutex_unlock(&lock);
  pthread_join(t, NULL);
  printf("signalled afterwards: %d\n", ready);

  long slept = 0;
  pthread_t s;
  pthread_create(&s, NULL, sleeper, &slept);
  busy(20000);
  pthread_join(s, NULL);
  printf("sleeper slept at least 50 us: %d\n", slept >= 50000);
  return 0;
}
