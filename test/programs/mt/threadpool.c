// A work-queue thread pool in the style of pthreadpool: N workers (argv[1], default 4) take tasks from a
// mutex-protected queue, wait on a condition variable when it is empty, and count completions with an
// atomic. Each task hashes one range of integers; the checksum is the sum over all tasks, so it does not
// depend on which worker ran what.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#define TASKS 64
#define RANGE 2000

struct task { uint32_t first, count; };

static struct task queue[TASKS];
static int head, tail;
static int shutting_down;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t work_ready = PTHREAD_COND_INITIALIZER;
static pthread_cond_t all_done = PTHREAD_COND_INITIALIZER;
static unsigned completed;       // atomic
static uint64_t results[TASKS];  // one slot per task: no sharing
static unsigned per_worker[64];

static uint64_t hash64(uint64_t x) {
  x ^= x >> 33; x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33; x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

static uint64_t run_task(const struct task *t) {
  uint64_t s = 0;
  for (uint32_t i = 0; i < t->count; i++) s += hash64(t->first + i);
  return s;
}

static void *worker(void *arg) {
  unsigned id = (unsigned)(uintptr_t)arg;
  for (;;) {
    pthread_mutex_lock(&lock);
    while (head == tail && !shutting_down) pthread_cond_wait(&work_ready, &lock);
    if (head == tail) { pthread_mutex_unlock(&lock); return NULL; }
    int slot = head++;
    pthread_mutex_unlock(&lock);
    results[slot] = run_task(&queue[slot]);
    per_worker[id]++;
    if (__atomic_add_fetch(&completed, 1, __ATOMIC_ACQ_REL) == TASKS) {
      pthread_mutex_lock(&lock);
      pthread_cond_signal(&all_done);
      pthread_mutex_unlock(&lock);
    }
  }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 4;
  if (n < 1 || n > 64) { printf("FAIL bad worker count %d\n", n); return 1; }
  pthread_t th[64];
  for (int i = 0; i < n; i++)
    if (pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)i) != 0) { printf("FAIL pthread_create %d\n", i); return 1; }
  // Tasks are queued in two waves, so workers both find work waiting and wait for it.
  for (int wave = 0; wave < 2; wave++) {
    pthread_mutex_lock(&lock);
    for (int i = 0; i < TASKS / 2; i++) {
      int k = tail;
      queue[k].first = (uint32_t)k * RANGE;
      queue[k].count = RANGE;
      tail++;
    }
    pthread_cond_broadcast(&work_ready);
    pthread_mutex_unlock(&lock);
  }
  pthread_mutex_lock(&lock);
  while (__atomic_load_n(&completed, __ATOMIC_ACQUIRE) != TASKS) pthread_cond_wait(&all_done, &lock);
  shutting_down = 1;
  pthread_cond_broadcast(&work_ready);
  pthread_mutex_unlock(&lock);
  for (int i = 0; i < n; i++) pthread_join(th[i], NULL);

  uint64_t sum = 0, want = 0;
  unsigned ran = 0;
  for (int i = 0; i < TASKS; i++) sum += results[i];
  for (int i = 0; i < n; i++) ran += per_worker[i];
  struct task all = { 0, TASKS * RANGE };
  want = run_task(&all);
  if (sum != want || ran != TASKS) { printf("FAIL checksum %016llx want %016llx, tasks run %u\n", (unsigned long long)sum, (unsigned long long)want, ran); return 1; }
  printf("workers %d tasks %d checksum %016llx\n", n, TASKS, (unsigned long long)sum);
  return 0;
}
