/* Row-wise softmax of an f32 matrix with RVV intrinsics: the row maximum (vfredmax), exp(x - max) by a
   vectorized polynomial (range reduction with vfcvt, Horner's rule with vfmadd, 2^n added to the exponent
   bits), the sum (vfredusum) and a scaling pass.
   Usage: softmax [rows] [cols] [reps]   (default 64 x 1000, 1 rep) */
#include <riscv_vector.h>
#include "common.h"

static inline vfloat32m2_t vexp(vfloat32m2_t x, size_t vl) {
  x = __riscv_vfmax_vf_f32m2(x, -87.0f, vl);
  vint32m2_t n = __riscv_vfcvt_x_f_v_i32m2(__riscv_vfmul_vf_f32m2(x, 1.44269504f, vl), vl);
  vfloat32m2_t nf = __riscv_vfcvt_f_x_v_f32m2(n, vl);
  vfloat32m2_t r = __riscv_vfnmsac_vf_f32m2(x, 0.693145752f, nf, vl);
  r = __riscv_vfnmsac_vf_f32m2(r, 1.42860677e-06f, nf, vl);
  vfloat32m2_t p = __riscv_vfmv_v_f_f32m2(1.0f / 720, vl);
  p = __riscv_vfmadd_vf_f32m2(p, 1.0f, __riscv_vfmv_v_f_f32m2(0, vl), vl);
  static const float c[6] = {1.0f / 120, 1.0f / 24, 1.0f / 6, 0.5f, 1.0f, 1.0f};
  for (int i = 0; i < 6; i++) p = __riscv_vfmadd_vv_f32m2(p, r, __riscv_vfmv_v_f_f32m2(c[i], vl), vl);
  vint32m2_t bits = __riscv_vadd_vv_i32m2(__riscv_vreinterpret_v_f32m2_i32m2(p), __riscv_vsll_vx_i32m2(n, 23, vl), vl);
  return __riscv_vreinterpret_v_i32m2_f32m2(bits);
}

static void softmax_row(const float *x, float *y, int n) {
  size_t vlmax = __riscv_vsetvlmax_e32m1();
  vfloat32m1_t m = __riscv_vfmv_v_f_f32m1(-3.0e38f, vlmax);
  for (int j = 0; j < n;) {
    size_t vl = __riscv_vsetvl_e32m2(n - j);
    m = __riscv_vfredmax_vs_f32m2_f32m1(__riscv_vle32_v_f32m2(&x[j], vl), m, vl);
    j += vl;
  }
  float mx = __riscv_vfmv_f_s_f32m1_f32(m);
  vfloat32m1_t s = __riscv_vfmv_v_f_f32m1(0.0f, vlmax);
  for (int j = 0; j < n;) {
    size_t vl = __riscv_vsetvl_e32m2(n - j);
    vfloat32m2_t e = vexp(__riscv_vfsub_vf_f32m2(__riscv_vle32_v_f32m2(&x[j], vl), mx, vl), vl);
    __riscv_vse32_v_f32m2(&y[j], e, vl);
    s = __riscv_vfredusum_vs_f32m2_f32m1(e, s, vl);
    j += vl;
  }
  float inv = 1.0f / __riscv_vfmv_f_s_f32m1_f32(s);
  for (int j = 0; j < n;) {
    size_t vl = __riscv_vsetvl_e32m2(n - j);
    __riscv_vse32_v_f32m2(&y[j], __riscv_vfmul_vf_f32m2(__riscv_vle32_v_f32m2(&y[j], vl), inv, vl), vl);
    j += vl;
  }
}

int main(int argc, char **argv) {
  int rows = argc > 1 ? atoi(argv[1]) : 64, cols = argc > 2 ? atoi(argv[2]) : 1000, reps = argc > 3 ? atoi(argv[3]) : 1;
  float *x = malloc(sizeof(float) * rows * cols), *y = malloc(sizeof(float) * rows * cols);
  for (int i = 0; i < rows * cols; i++) x[i] = frand() * 8.0f;
  for (int r = 0; r < reps; r++) {
    for (int i = 0; i < rows; i++) softmax_row(&x[i * cols], &y[i * cols], cols);
    x[r % (rows * cols)] += y[(r * 7919) % (rows * cols)] * 4.0f; /* each rep depends on the last */
  }
  char name[48];
  snprintf(name, sizeof name, "softmax %dx%d x%d", rows, cols, reps);
  report_f32(name, y, (size_t)rows * cols);
  return 0;
}
