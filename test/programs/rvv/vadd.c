/* RVV smoke test (built with clang for rv64gcv; not part of the default set):
   strip-mined vector add with intrinsics, vsetvl over an odd length, plus an
   auto-vectorizable reduction. Prints deterministic sums. */
#include <riscv_vector.h>
#include <stdint.h>
#include <stdio.h>

#define N 37

int main(void) {
  int32_t a[N], b[N], c[N];
  for (int i = 0; i < N; i++) { a[i] = i; b[i] = 100 * i - 7; }
  size_t n = N;
  const int32_t *pa = a, *pb = b;
  int32_t *pc = c;
  int chunks = 0;
  while (n) {
    size_t vl = __riscv_vsetvl_e32m1(n);
    vint32m1_t va = __riscv_vle32_v_i32m1(pa, vl);
    vint32m1_t vb = __riscv_vle32_v_i32m1(pb, vl);
    __riscv_vse32_v_i32m1(pc, __riscv_vadd_vv_i32m1(va, vb, vl), vl);
    pa += vl; pb += vl; pc += vl; n -= vl;
    chunks++;
  }
  int64_t s = 0;
  for (int i = 0; i < N; i++) s += c[i];
  printf("vadd sum %lld (chunks>0: %d)\n", (long long)s, chunks > 0);
  static uint8_t bytes[1000];
  for (int i = 0; i < 1000; i++) bytes[i] = (uint8_t)(i * 7 + 3);
  uint32_t acc = 0;
  for (int i = 0; i < 1000; i++) acc += bytes[i] ^ 0x5a;
  printf("xor-sum %u\n", acc);
  return 0;
}
