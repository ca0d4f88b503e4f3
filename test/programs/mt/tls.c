// Thread-local storage: initialized and zero-initialized __thread variables (each thread starts from the
// initial image, its writes stay its own), and pthread keys whose destructors run at thread exit with
// each thread's own value. Results are printed in thread-index order after all threads are joined.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <sched.h>
#include <stdlib.h>

#define THREADS 6

static __thread uint64_t tls_init = 0x1234;
static __thread uint32_t tls_zero;
static __thread char tls_name[16] = "main";
static __thread uint64_t tls_array[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };

static pthread_key_t key;
static uint64_t destructed[THREADS + 1];  // value each destructor saw, by thread index (+1 for main)
static int destructor_calls;              // atomic
static pthread_barrier_t all_started;

struct result { uint64_t init_seen, zero_seen, sum, final_init; char name[16]; uintptr_t addr; };
static struct result results[THREADS];

static void destructor(void *v) {
  uint64_t *p = v;
  destructed[p[0]] = p[1];
  __atomic_add_fetch(&destructor_calls, 1, __ATOMIC_RELAXED);
  free(p);
}

static void *worker(void *arg) {
  int id = (int)(intptr_t)arg;
  struct result *r = &results[id];
  r->init_seen = tls_init;
  r->zero_seen = tls_zero;
  r->addr = (uintptr_t)&tls_init;
  // Everyone writes their own copies while the others are alive.
  tls_init = 1000 * (id + 1);
  tls_zero = id * 7;
  snprintf(tls_name, sizeof tls_name, "worker-%d", id);
  for (int i = 0; i < 8; i++) tls_array[i] *= (uint64_t)(id + 2);
  uint64_t *v = malloc(2 * sizeof *v);
  v[0] = (uint64_t)id; v[1] = (uint64_t)(id + 1) * 111;
  pthread_setspecific(key, v);
  pthread_barrier_wait(&all_started);
  for (int round = 0; round < 100; round++) {
    tls_init += tls_zero;
    sched_yield();
  }
  uint64_t s = 0;
  for (int i = 0; i < 8; i++) s += tls_array[i];
  r->sum = s;
  r->final_init = tls_init;
  snprintf(r->name, sizeof r->name, "%s", tls_name);
  return (void *)(uintptr_t)s;
}

int main(void) {
  pthread_t th[THREADS];
  pthread_key_create(&key, destructor);
  pthread_barrier_init(&all_started, NULL, THREADS);
  tls_init = 77;  // main's copy; threads still start from the initial image
  for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(intptr_t)i);
  int bad = 0;
  for (int i = 0; i < THREADS; i++) {
    void *ret;
    pthread_join(th[i], &ret);
    if ((uintptr_t)ret != results[i].sum) { printf("FAIL thread %d returned %lu\n", i, (unsigned long)(uintptr_t)ret); bad = 1; }
  }
  for (int i = 0; i < THREADS; i++) {
    struct result *r = &results[i];
    uint64_t want_final = 1000 * (i + 1) + 100 * (uint64_t)(i * 7);
    if (r->init_seen != 0x1234 || r->zero_seen != 0 || r->final_init != want_final || r->sum != 36 * (uint64_t)(i + 2)) {
      printf("FAIL thread %d: start %llx/%llu final %llu sum %llu\n", i, (unsigned long long)r->init_seen,
             (unsigned long long)r->zero_seen, (unsigned long long)r->final_init, (unsigned long long)r->sum);
      bad = 1;
    }
    for (int j = 0; j < i; j++)
      if (results[j].addr == r->addr) { printf("FAIL threads %d and %d share a TLS block\n", j, i); bad = 1; }
    if (destructed[i] != (uint64_t)(i + 1) * 111) { printf("FAIL destructor of thread %d saw %llu\n", i, (unsigned long long)destructed[i]); bad = 1; }
    printf("thread %d: name %s init %llu zero-init %llu array sum %llu key %llu\n", i, r->name,
           (unsigned long long)r->final_init, (unsigned long long)(i * 7), (unsigned long long)r->sum,
           (unsigned long long)destructed[i]);
  }
  if (tls_init != 77 || tls_zero != 0 || tls_array[7] != 8 || tls_name[0] != 'm') { printf("FAIL main's TLS changed\n"); bad = 1; }
  if (destructor_calls != THREADS) { printf("FAIL %d destructor calls\n", destructor_calls); bad = 1; }
  printf("main: init %llu destructors %d\n", (unsigned long long)tls_init, destructor_calls);
  return bad;
}
