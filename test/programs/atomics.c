/* C11 atomics and __atomic/__sync builtins (single-threaded semantics and
   return values; exercises LR/SC loops and AMOs of every width).
   Link with -latomic (sub-word atomics are library calls with GCC 12). */
#include <inttypes.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>

static _Atomic int64_t a64 = 100;
static _Atomic int32_t a32 = -5;
static _Atomic uint8_t a8 = 250;
static _Atomic uint16_t a16 = 65530;
static uint64_t plain64 = 0xdeadbeef;
static uint32_t arr32[4] = {1, 2, 3, 4};

/* evaluate OP first, then print old and new value */
#define SHOW(name, fmt, obj, op)                                      \
  do {                                                                \
    __typeof__(op) old_ = (op);                                       \
    printf("%s %" fmt " -> %" fmt "\n", name, old_, atomic_load(obj)); \
  } while (0)

int main(void) {
  SHOW("fetch_add64", PRId64, &a64, atomic_fetch_add(&a64, 23));
  SHOW("fetch_sub64", PRId64, &a64, atomic_fetch_sub(&a64, 200));
  SHOW("fetch_or64", PRId64, &a64, atomic_fetch_or(&a64, 0xff00));
  SHOW("fetch_and64", PRId64, &a64, atomic_fetch_and(&a64, 0x0ff0));
  SHOW("fetch_xor64", PRId64, &a64, atomic_fetch_xor(&a64, -1));
  SHOW("exchange64", PRId64, &a64, atomic_exchange(&a64, INT64_MIN));
  int64_t exp = 5;
  int ok = atomic_compare_exchange_strong(&a64, &exp, 9);
  printf("cas64 fail ok=%d expected=%" PRId64 " value=%" PRId64 "\n", ok, exp, atomic_load(&a64));
  ok = atomic_compare_exchange_strong(&a64, &exp, 9);
  printf("cas64 succeed ok=%d value=%" PRId64 "\n", ok, atomic_load(&a64));
  SHOW("fetch_add32", PRId32, &a32, atomic_fetch_add(&a32, 7));
  SHOW("fetch_add32 wrap", PRId32, &a32, atomic_fetch_add(&a32, INT32_MAX));
  SHOW("fetch_and32", PRId32, &a32, atomic_fetch_and(&a32, 0x7ffffff0));
  int32_t e32 = atomic_load(&a32);
  ok = atomic_compare_exchange_weak(&a32, &e32, 77);
  while (!ok) ok = atomic_compare_exchange_weak(&a32, &e32, 77);
  printf("cas32 weak -> %" PRId32 "\n", atomic_load(&a32));
  SHOW("fetch_add8", "u", &a8, atomic_fetch_add(&a8, 10));
  SHOW("fetch_sub16", "u", &a16, atomic_fetch_sub(&a16, 65535));
  uint8_t e8 = 4;
  ok = atomic_compare_exchange_strong(&a8, &e8, 200);
  printf("cas8 ok=%d -> %u\n", ok, atomic_load(&a8));
  /* __atomic builtins with various memory orders */
  printf("atomic_add_fetch %" PRIx64 "\n", __atomic_add_fetch(&plain64, 0x11, __ATOMIC_RELAXED));
  uint64_t o = __atomic_fetch_nand(&plain64, 0xff0, __ATOMIC_ACQ_REL);
  printf("atomic_fetch_nand %" PRIx64 " -> %" PRIx64 "\n", o, plain64);
  printf("atomic_exchange_n %" PRIx64 "\n", __atomic_exchange_n(&plain64, 42, __ATOMIC_SEQ_CST));
  uint64_t e = 42;
  ok = __atomic_compare_exchange_n(&plain64, &e, 43, 0, __ATOMIC_ACQUIRE, __ATOMIC_RELAXED);
  printf("atomic_cas_n %d %" PRIu64 "\n", ok, plain64);
  __atomic_store_n(&arr32[2], 0xfffffff0u, __ATOMIC_RELEASE);
  printf("atomic_load_n %x\n", __atomic_load_n(&arr32[2], __ATOMIC_ACQUIRE));
  uint32_t r1 = __sync_fetch_and_add(&arr32[0], 5);
  uint32_t r2 = __sync_val_compare_and_swap(&arr32[1], 2, 20);
  int r3 = __sync_bool_compare_and_swap(&arr32[3], 99, 1);
  uint32_t r4 = __sync_lock_test_and_set(&arr32[3], 8);
  printf("sync_fetch_and_add %u sync_val_cas %u sync_bool_cas %d lock_test_and_set %u\n", r1, r2, r3, r4);
  __sync_synchronize();
  printf("arr32 %u %u %x %u\n", arr32[0], arr32[1], arr32[2], arr32[3]);
  int64_t smin = 10;
  uint64_t usum = 10;
  for (int i = -3; i <= 3; i++) {
    int64_t cur = __atomic_load_n(&smin, __ATOMIC_RELAXED);
    while (i * 7 < cur && !__atomic_compare_exchange_n(&smin, &cur, (int64_t)i * 7, 1, __ATOMIC_RELAXED, __ATOMIC_RELAXED)) {}
    __atomic_fetch_add(&usum, (uint64_t)i, __ATOMIC_RELAXED);
  }
  printf("smin %" PRId64 " usum %" PRIu64 "\n", smin, usum);
  atomic_flag f = ATOMIC_FLAG_INIT;
  int t1 = atomic_flag_test_and_set(&f);
  int t2 = atomic_flag_test_and_set(&f);
  atomic_flag_clear(&f);
  int t3 = atomic_flag_test_and_set(&f);
  printf("flag %d %d %d\n", t1, t2, t3);
  printf("lock free 4:%d 8:%d\n", atomic_is_lock_free(&a32), atomic_is_lock_free(&a64));
  atomic_thread_fence(memory_order_seq_cst);
  _Atomic uint64_t cnt = 0;
  for (int i = 0; i < 100000; i++) atomic_fetch_add_explicit(&cnt, (uint64_t)i, memory_order_relaxed);
  printf("sum %" PRIu64 "\n", atomic_load(&cnt));
  /* explicit AMO instructions of every kind via inline asm */
  static int64_t m64;
  static int32_t m32;
  int64_t rd;
#define AMO(insn, mem, val, init)                                                    \
  do {                                                                               \
    mem = init;                                                                      \
    __asm__ volatile(insn " %0, %2, (%1)" : "=&r"(rd) : "r"(&mem), "r"((int64_t)(val)) : "memory"); \
    printf("%-14s old=%" PRId64 " new=%" PRId64 "\n", insn, rd, (int64_t)mem);   \
  } while (0)
  AMO("amoswap.d", m64, -3, 5);
  AMO("amoadd.d.aq", m64, -3, 5);
  AMO("amoxor.d.rl", m64, 6, 5);
  AMO("amoand.d.aqrl", m64, 6, 5);
  AMO("amoor.d", m64, 6, 5);
  AMO("amomin.d", m64, -3, 5);
  AMO("amomax.d", m64, -3, 5);
  AMO("amominu.d", m64, -3, 5);
  AMO("amomaxu.d", m64, -3, 5);
  AMO("amoswap.w", m32, -3, 5);
  AMO("amoadd.w", m32, 0x7fffffff, 5);
  AMO("amoxor.w", m32, -1, 5);
  AMO("amoand.w", m32, 0xffff0006, 5);
  AMO("amoor.w", m32, 0x80000000, 5);
  AMO("amomin.w", m32, -3, 5);
  AMO("amomax.w", m32, -3, 5);
  AMO("amominu.w", m32, -3, 5);
  AMO("amomaxu.w", m32, -3, 5);
  return 0;
}
