/* int32 matrix multiply C = A x B (M x K times K x N, row major) with vmacc.vx over rows of B, strip-mined
   along N; a second version transposes B with strided loads (vlse32) and reduces with vredsum. */
#include <riscv_vector.h>
#include "kernels.h"

#define M 37
#define K 29
#define N 43
static int32_t A[M][K], B[K][N], C1[M][N], C2[M][N], R[M][N];

static void matmul_rows(void) {
  for (int i = 0; i < M; i++) {
    for (size_t j = 0, vl; j < N; j += vl) {
      vl = __riscv_vsetvl_e32m2(N - j);
      vint32m2_t acc = __riscv_vmv_v_x_i32m2(0, vl);
      for (int k = 0; k < K; k++) {
        vint32m2_t b = __riscv_vle32_v_i32m2(&B[k][j], vl);
        acc = __riscv_vmacc_vx_i32m2(acc, A[i][k], b, vl);
      }
      __riscv_vse32_v_i32m2(&C1[i][j], acc, vl);
    }
  }
}

static void matmul_dots(void) {
  for (int i = 0; i < M; i++) {
    for (int j = 0; j < N; j++) {
      vint32m1_t s = __riscv_vmv_s_x_i32m1(0, 1);
      for (size_t k = 0, vl; k < K; k += vl) {
        vl = __riscv_vsetvl_e32m4(K - k);
        vint32m4_t a = __riscv_vle32_v_i32m4(&A[i][k], vl);
        vint32m4_t b = __riscv_vlse32_v_i32m4(&B[k][j], N * sizeof(int32_t), vl);
        s = __riscv_vredsum_vs_i32m4_i32m1(__riscv_vmul_vv_i32m4(a, b, vl), s, vl);
      }
      C2[i][j] = __riscv_vmv_x_s_i32m1_i32(s);
    }
  }
}

int main(void) {
  for (int i = 0; i < M; i++) for (int k = 0; k < K; k++) A[i][k] = (int32_t)lcg_next() >> 12;
  for (int k = 0; k < K; k++) for (int j = 0; j < N; j++) B[k][j] = (int32_t)lcg_next() >> 10;
  A[0][0] = INT32_MIN; B[0][0] = -1;
  for (int i = 0; i < M; i++)
    for (int j = 0; j < N; j++) {
      uint32_t s = 0;
      SCALAR_LOOP
      for (int k = 0; k < K; k++) s += (uint32_t)A[i][k] * (uint32_t)B[k][j];
      R[i][j] = (int32_t)s;
    }
  matmul_rows();
  matmul_dots();
  agree("matmul vmacc.vx", memcmp(C1, R, sizeof R) == 0);
  agree("matmul vlse32+vredsum", memcmp(C2, R, sizeof R) == 0);
  printf("C[0][0]=%d C[%d][%d]=%d\n", (int)R[0][0], M - 1, N - 1, (int)R[M - 1][N - 1]);
  printf("checksum %016llx\n", (unsigned long long)fnv1a(R, sizeof R, FNV_INIT));
  return failures;
}
