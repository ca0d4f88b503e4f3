/* int8 dot products two ways: vwmul (i8 x i8 -> i16) + vwredsum (i16 -> i32 sum), and sign-extend to i16
   then vwmacc (i16 x i16 + i32 -> i32) with a final vredsum. Lengths around VLMAX boundaries. */
#include <riscv_vector.h>
#include "kernels.h"

static int32_t dot_wredsum(const int8_t *a, const int8_t *b, size_t n) {
  vint32m1_t acc = __riscv_vmv_s_x_i32m1(0, 1);
  while (n > 0) {
    size_t vl = __riscv_vsetvl_e8m1(n);
    vint8m1_t va = __riscv_vle8_v_i8m1(a, vl), vb = __riscv_vle8_v_i8m1(b, vl);
    vint16m2_t p = __riscv_vwmul_vv_i16m2(va, vb, vl);
    acc = __riscv_vwredsum_vs_i16m2_i32m1(p, acc, vl);
    a += vl; b += vl; n -= vl;
  }
  return __riscv_vmv_x_s_i32m1_i32(acc);
}

static int32_t dot_wmacc(const int8_t *a, const int8_t *b, size_t n) {
  size_t vlmax = __riscv_vsetvlmax_e32m4();
  vint32m4_t acc = __riscv_vmv_v_x_i32m4(0, vlmax);
  while (n > 0) {
    size_t vl = __riscv_vsetvl_e16m2(n);
    vint16m2_t va = __riscv_vsext_vf2_i16m2(__riscv_vle8_v_i8m1(a, vl), vl);
    vint16m2_t vb = __riscv_vsext_vf2_i16m2(__riscv_vle8_v_i8m1(b, vl), vl);
    acc = __riscv_vwmacc_vv_i32m4_tu(acc, va, vb, vl); /* tail undisturbed: short last chunk keeps sums */
    a += vl; b += vl; n -= vl;
  }
  vint32m1_t s = __riscv_vredsum_vs_i32m4_i32m1(acc, __riscv_vmv_s_x_i32m1(0, 1), vlmax);
  return __riscv_vmv_x_s_i32m1_i32(s);
}

/* Unsigned x signed (vwmulsu) with a masked-off negative a: sum of a[i]*b[i] where a[i] >= 0. */
static int32_t dot_masked(const int8_t *a, const int8_t *b, size_t n) {
  vint32m1_t acc = __riscv_vmv_s_x_i32m1(0, 1);
  while (n > 0) {
    size_t vl = __riscv_vsetvl_e8m1(n);
    vint8m1_t va = __riscv_vle8_v_i8m1(a, vl), vb = __riscv_vle8_v_i8m1(b, vl);
    vbool8_t pos = __riscv_vmsge_vx_i8m1_b8(va, 0, vl);
    vint16m2_t p = __riscv_vwmul_vv_i16m2_m(pos, va, vb, vl);
    acc = __riscv_vwredsum_vs_i16m2_i32m1_m(pos, p, acc, vl);
    a += vl; b += vl; n -= vl;
  }
  return __riscv_vmv_x_s_i32m1_i32(acc);
}

#define N 4099
static int8_t A[N], B[N];

int main(void) {
  for (int i = 0; i < N; i++) { A[i] = (int8_t)lcg_next(); B[i] = (int8_t)lcg_next(); }
  A[0] = -128; B[0] = -128; A[1] = 127; B[1] = -128;
  static const size_t lens[] = {0, 1, 7, 15, 16, 17, 31, 32, 33, 63, 64, 65, 127, 128, 129, 255, 256, 257, 1000, N};
  uint64_t h = FNV_INIT;
  int ok1 = 1, ok2 = 1, ok3 = 1;
  for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
    size_t n = lens[k];
    int32_t s = 0, sm = 0;
    SCALAR_LOOP
    for (size_t i = 0; i < n; i++) { s += A[i] * B[i]; if (A[i] >= 0) sm += A[i] * B[i]; }
    int32_t v1 = dot_wredsum(A, B, n), v2 = dot_wmacc(A, B, n), v3 = dot_masked(A, B, n);
    ok1 &= v1 == s; ok2 &= v2 == s; ok3 &= v3 == sm;
    printf("n=%zu dot=%d masked=%d\n", n, (int)v1, (int)v3);
    h = fnv1a(&v1, 4, h); h = fnv1a(&v2, 4, h); h = fnv1a(&v3, 4, h);
  }
  agree("dot vwmul+vwredsum", ok1);
  agree("dot vsext+vwmacc", ok2);
  agree("dot masked vwmul+vwredsum", ok3);
  printf("checksum %016llx\n", (unsigned long long)h);
  return failures;
}
