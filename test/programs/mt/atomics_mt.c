// THREADS threads increment shared counters concurrently: with AMOs (__atomic_fetch_add becomes
// amoadd.w/amoadd.d) and with hand-written LR/SC retry loops on 32- and 64-bit words. Every increment must
// land exactly once, however the threads interleave and however often a reservation is lost.
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>

#define THREADS 4
#define ITERS 20000

static uint32_t amo32;
static uint64_t amo64;
static uint32_t lrsc32;
static uint64_t lrsc64;
static uint64_t lrsc_max;  // largest value seen, kept with an LR/SC max loop
static pthread_barrier_t start;

static void lrsc_add_w(uint32_t *p, uint32_t v) {
  uint32_t old, fail;
  __asm__ volatile(
      "1: lr.w.aq %0, (%2)\n"
      "   addw %1, %0, %3\n"
      "   sc.w.rl %1, %1, (%2)\n"
      "   bnez %1, 1b\n"
      : "=&r"(old), "=&r"(fail)
      : "r"(p), "r"(v)
      : "memory");
}

static void lrsc_add_d(uint64_t *p, uint64_t v) {
  uint64_t old, fail;
  __asm__ volatile(
      "1: lr.d.aq %0, (%2)\n"
      "   add %1, %0, %3\n"
      "   sc.d.rl %1, %1, (%2)\n"
      "   bnez %1, 1b\n"
      : "=&r"(old), "=&r"(fail)
      : "r"(p), "r"(v)
      : "memory");
}

// Store v if it is larger than *p (a read-compare-write that must not lose a concurrent larger value).
static void lrsc_max_d(uint64_t *p, uint64_t v) {
  uint64_t old, fail;
  __asm__ volatile(
      "1: lr.d %0, (%2)\n"
      "   bgeu %0, %3, 2f\n"
      "   sc.d %1, %3, (%2)\n"
      "   bnez %1, 1b\n"
      "2:\n"
      : "=&r"(old), "=&r"(fail)
      : "r"(p), "r"(v)
      : "memory");
}

static void *worker(void *arg) {
  uint64_t id = (uint64_t)(uintptr_t)arg;
  pthread_barrier_wait(&start);
  for (uint32_t i = 0; i < ITERS; i++) {
    __atomic_fetch_add(&amo32, 1, __ATOMIC_RELAXED);
    __atomic_fetch_add(&amo64, id + 1, __ATOMIC_SEQ_CST);
    lrsc_add_w(&lrsc32, 1);
    lrsc_add_d(&lrsc64, (uint64_t)1 << 32 | (id + 1));
    lrsc_max_d(&lrsc_max, id * ITERS + i);
  }
  return NULL;
}

int main(void) {
  pthread_t th[THREADS];
  pthread_barrier_init(&start, NULL, THREADS);
  for (int i = 0; i < THREADS; i++) pthread_create(&th[i], NULL, worker, (void *)(uintptr_t)i);
  for (int i = 0; i < THREADS; i++) pthread_join(th[i], NULL);
  uint64_t ids = (uint64_t)THREADS * (THREADS + 1) / 2;  // sum of id + 1
  int bad = 0;
  if (amo32 != THREADS * ITERS) { printf("FAIL amoadd.w total %u\n", amo32); bad = 1; }
  if (amo64 != ids * ITERS) { printf("FAIL amoadd.d total %llu\n", (unsigned long long)amo64); bad = 1; }
  if (lrsc32 != THREADS * ITERS) { printf("FAIL lr.w/sc.w total %u\n", lrsc32); bad = 1; }
  if (lrsc64 != ((uint64_t)THREADS * ITERS << 32 | ids * ITERS)) { printf("FAIL lr.d/sc.d total %llx\n", (unsigned long long)lrsc64); bad = 1; }
  if (lrsc_max != (uint64_t)THREADS * ITERS - 1) { printf("FAIL lr.d/sc.d max %llu\n", (unsigned long long)lrsc_max); bad = 1; }
  if (bad) return 1;
  printf("threads %d iterations %d\n", THREADS, ITERS);
  printf("amoadd.w %u amoadd.d %llu\n", amo32, (unsigned long long)amo64);
  printf("lr.w/sc.w %u lr.d/sc.d %llx max %llu\n", lrsc32, (unsigned long long)lrsc64, (unsigned long long)lrsc_max);
  return 0;
}
