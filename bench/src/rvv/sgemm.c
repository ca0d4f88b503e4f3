/* f32 SGEMM with RVV intrinsics: C = A * B, row-major, vfmacc.vf over k strip-mined over the columns,
   with register groups of LMUL 1 or 4 (the first argument). Each C element is a chain of fused
   multiply-adds in k order, so the result is the same at every VLEN.
   Usage: sgemm m1|m4 [n] [reps]   (n x n x n, default 96, 1 rep) */
#include <riscv_vector.h>
#include "common.h"

static void sgemm_m1(int n, const float *A, const float *B, float *C) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n;) {
      size_t vl = __riscv_vsetvl_e32m1(n - j);
      vfloat32m1_t acc = __riscv_vfmv_v_f_f32m1(0.0f, vl);
      for (int k = 0; k < n; k++) acc = __riscv_vfmacc_vf_f32m1(acc, A[i * n + k], __riscv_vle32_v_f32m1(&B[k * n + j], vl), vl);
      __riscv_vse32_v_f32m1(&C[i * n + j], acc, vl);
      j += vl;
    }
}

static void sgemm_m4(int n, const float *A, const float *B, float *C) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n;) {
      size_t vl = __riscv_vsetvl_e32m4(n - j);
      vfloat32m4_t acc = __riscv_vfmv_v_f_f32m4(0.0f, vl);
      for (int k = 0; k < n; k++) acc = __riscv_vfmacc_vf_f32m4(acc, A[i * n + k], __riscv_vle32_v_f32m4(&B[k * n + j], vl), vl);
      __riscv_vse32_v_f32m4(&C[i * n + j], acc, vl);
      j += vl;
    }
}

int main(int argc, char **argv) {
  int m4 = argc > 1 && strcmp(argv[1], "m4") == 0;
  int n = argc > 2 ? atoi(argv[2]) : 96, reps = argc > 3 ? atoi(argv[3]) : 1;
  float *A = malloc(sizeof(float) * n * n), *B = malloc(sizeof(float) * n * n), *C = malloc(sizeof(float) * n * n);
  for (int i = 0; i < n * n; i++) { A[i] = frand(); B[i] = frand(); }
  for (int r = 0; r < reps; r++) {
    if (m4) sgemm_m4(n, A, B, C); else sgemm_m1(n, A, B, C);
    A[r % (n * n)] += C[(r * 7) % (n * n)] * 0.001f; /* each rep depends on the last */
  }
  char name[48];
  snprintf(name, sizeof name, "sgemm %s %dx%dx%d x%d", m4 ? "m4" : "m1", n, n, n, reps);
  report_f32(name, C, (size_t)n * n);
  return 0;
}
