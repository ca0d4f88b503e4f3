/* int8 GEMM with RVV intrinsics: C (int32) = A (int8) * B (int8), row-major. Each B row is loaded as int8,
   sign-extended to int16 (vsext.vf2) and accumulated with the widening vwmacc.vx into int32 accumulators
   whose register groups have LMUL 1 or 4 (the first argument).
   Usage: igemm m1|m4 [n] [reps]   (n x n x n, default 128, 1 rep) */
#include <riscv_vector.h>
#include "common.h"

static void igemm_m1(int n, const int8_t *A, const int8_t *B, int32_t *C) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n;) {
      size_t vl = __riscv_vsetvl_e32m1(n - j);
      vint32m1_t acc = __riscv_vmv_v_x_i32m1(0, vl);
      for (int k = 0; k < n; k++) {
        vint16mf2_t b = __riscv_vsext_vf2_i16mf2(__riscv_vle8_v_i8mf4(&B[k * n + j], vl), vl);
        acc = __riscv_vwmacc_vx_i32m1(acc, A[i * n + k], b, vl);
      }
      __riscv_vse32_v_i32m1(&C[i * n + j], acc, vl);
      j += vl;
    }
}

static void igemm_m4(int n, const int8_t *A, const int8_t *B, int32_t *C) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n;) {
      size_t vl = __riscv_vsetvl_e32m4(n - j);
      vint32m4_t acc = __riscv_vmv_v_x_i32m4(0, vl);
      for (int k = 0; k < n; k++) {
        vint16m2_t b = __riscv_vsext_vf2_i16m2(__riscv_vle8_v_i8m1(&B[k * n + j], vl), vl);
        acc = __riscv_vwmacc_vx_i32m4(acc, A[i * n + k], b, vl);
      }
      __riscv_vse32_v_i32m4(&C[i * n + j], acc, vl);
      j += vl;
    }
}

int main(int argc, char **argv) {
  int m4 = argc > 1 && strcmp(argv[1], "m4") == 0;
  int n = argc > 2 ? atoi(argv[2]) : 128, reps = argc > 3 ? atoi(argv[3]) : 1;
  int8_t *A = malloc(n * n), *B = malloc(n * n);
  int32_t *C = malloc(sizeof(int32_t) * n * n);
  for (int i = 0; i < n * n; i++) { A[i] = (int8_t)(lcg() >> 24); B[i] = (int8_t)(lcg() >> 24); }
  for (int r = 0; r < reps; r++) {
    if (m4) igemm_m4(n, A, B, C); else igemm_m1(n, A, B, C);
    A[r % (n * n)] ^= (int8_t)C[(r * 7) % (n * n)]; /* each rep depends on the last */
  }
  uint32_t h = hash32(C, (size_t)n * n);
  int64_t s = 0;
  for (int i = 0; i < n * n; i++) s += C[i];
  printf("igemm %s %dx%dx%d x%d sum=%lld hash=%08x first=%d last=%d\n", m4 ? "m4" : "m1", n, n, n, reps, (long long)s, h, C[0], C[n * n - 1]);
  return 0;
}
