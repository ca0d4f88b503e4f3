/* f32 SGEMM, C = A * B (row-major), with RVV intrinsics (vfmacc.vf over k, strip-mined over columns) and as
   plain C the compiler auto-vectorizes; 64x64x64 and 37x29x23 (no dimension a multiple of VL). Each C element
   is a chain of fused multiply-adds in k order, so the results are the same at every VLEN.
   Usage: fsgemm [reps]   (reps > 1 repeats the 64x64x64 intrinsics product, for timing) */
#include <riscv_vector.h>
#include <stdlib.h>
#include "fcommon.h"

static void sgemm_rvv(int M, int N, int K, const float *A, const float *B, float *C) {
  for (int i = 0; i < M; i++) {
    for (int j = 0; j < N;) {
      size_t vl = __riscv_vsetvl_e32m4(N - j);
      vfloat32m4_t acc = __riscv_vfmv_v_f_f32m4(0.0f, vl);
      for (int k = 0; k < K; k++) {
        vfloat32m4_t b = __riscv_vle32_v_f32m4(&B[k * N + j], vl);
        acc = __riscv_vfmacc_vf_f32m4(acc, A[i * K + k], b, vl);
      }
      __riscv_vse32_v_f32m4(&C[i * N + j], acc, vl);
      j += vl;
    }
  }
}

__attribute__((noinline)) static void sgemm_c(int M, int N, int K, const float *restrict A, const float *restrict B, float *restrict C) {
  for (int i = 0; i < M; i++) {
    for (int j = 0; j < N; j++) C[i * N + j] = 0.0f;
    for (int k = 0; k < K; k++) {
      float a = A[i * K + k];
      for (int j = 0; j < N; j++) C[i * N + j] += a * B[k * N + j];
    }
  }
}

static float A[64 * 64], B[64 * 64], C[64 * 64], D[64 * 64];

static void run(int M, int N, int K) {
  for (int i = 0; i < M * K; i++) A[i] = frand();
  for (int i = 0; i < K * N; i++) B[i] = frand();
  char name[32];
  sgemm_rvv(M, N, K, A, B, C);
  snprintf(name, sizeof name, "sgemm %dx%dx%d", M, N, K);
  report(name, C, M * N);
  sgemm_c(M, N, K, A, B, D);
  printf("auto-vectorized    %s\n", memcmp(C, D, sizeof(float) * M * N) == 0 ? "identical" : "DIFFERENT");
}

int main(int argc, char **argv) {
  int reps = argc > 1 ? atoi(argv[1]) : 1;
  run(64, 64, 64);
  run(37, 29, 23);
  if (reps > 1) {
    for (int i = 0; i < 64 * 64; i++) { A[i] = frand(); B[i] = frand(); }
    for (int r = 0; r < reps; r++) sgemm_rvv(64, 64, 64, A, B, C);
    report("sgemm reps", C, 64 * 64);
  }
  return 0;
}
