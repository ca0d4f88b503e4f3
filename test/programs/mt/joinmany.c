// Creates 64 threads in batches of 16. In each batch, every fourth thread is detached (created detached
// or detached afterwards) and reports through a counter and a condition variable; the others are joined
// and their return values checked. Every thread records its gettid(); all ids must be distinct and differ
// from the main thread's. Only counts are printed.
#define _GNU_SOURCE
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <unistd.h>

#define TOTAL 64
#define BATCH 16

static pid_t tids[TOTAL];
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t detached_done = PTHREAD_COND_INITIALIZER;
static int detached_finished;

static void *joined_worker(void *arg) {
  uintptr_t i = (uintptr_t)arg;
  tids[i] = gettid();
  uint64_t x = i;
  for (int k = 0; k < 100; k++) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  return (void *)(uintptr_t)(x ^ (x >> 29));
}

static void *detached_worker(void *arg) {
  uintptr_t i = (uintptr_t)arg;
  tids[i] = gettid();
  pthread_mutex_lock(&lock);
  detached_finished++;
  pthread_cond_signal(&detached_done);
  pthread_mutex_unlock(&lock);
  return NULL;
}

static uintptr_t expected_return(uintptr_t i) {
  uint64_t x = i;
  for (int k = 0; k < 100; k++) x = x * 6364136223846793005ULL + 1442695040888963407ULL;
  return (uintptr_t)(x ^ (x >> 29));
}

int main(void) {
  int joined = 0, detached = 0, bad_returns = 0, create_errors = 0;
  pthread_attr_t detached_attr;
  pthread_attr_init(&detached_attr);
  pthread_attr_setdetachstate(&detached_attr, PTHREAD_CREATE_DETACHED);
  for (int base = 0; base < TOTAL; base += BATCH) {
    pthread_t th[BATCH];
    int is_detached[BATCH];
    for (int j = 0; j < BATCH; j++) {
      uintptr_t i = (uintptr_t)(base + j);
      is_detached[j] = j % 4 == 3;
      int err;
      if (!is_detached[j]) err = pthread_create(&th[j], NULL, joined_worker, (void *)i);
      else if (j % 8 == 3) err = pthread_create(&th[j], &detached_attr, detached_worker, (void *)i);
      else if ((err = pthread_create(&th[j], NULL, detached_worker, (void *)i)) == 0) err = pthread_detach(th[j]);
      if (err) create_errors++;
      if (is_detached[j]) detached++;
    }
    for (int j = 0; j < BATCH; j++) {
      if (is_detached[j]) continue;
      void *ret;
      if (pthread_join(th[j], &ret) != 0 || (uintptr_t)ret != expected_return((uintptr_t)(base + j))) bad_returns++;
      joined++;
    }
  }
  pthread_mutex_lock(&lock);
  while (detached_finished < detached) pthread_cond_wait(&detached_done, &lock);
  pthread_mutex_unlock(&lock);

  int distinct = 0, zero = 0;
  pid_t me = gettid();
  for (int i = 0; i < TOTAL; i++) {
    if (tids[i] == 0 || tids[i] == me) { zero++; continue; }
    int seen = 0;
    for (int j = 0; j < i; j++) seen |= tids[j] == tids[i];
    distinct += !seen;
  }
  printf("created %d joined %d detached %d\n", TOTAL, joined, detached);
  printf("return values ok %d distinct thread ids %d\n", joined - bad_returns, distinct);
  if (create_errors || bad_returns || zero || distinct != TOTAL || me != getpid()) {
    printf("FAIL create errors %d bad returns %d missing ids %d distinct %d\n", create_errors, bad_returns, zero, distinct);
    return 1;
  }
  return 0;
}
