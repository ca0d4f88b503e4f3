/* Row softmax (8 rows of 100, and 3 of 1000): vfredmax for the maximum, a vector exp, the sum accumulated in
   a full-length vector register and reduced with vfredusum at the end (so the result depends on VLEN: the
   partial sums differ), and the reciprocal from vfrec7 refined by two Newton steps. */
#include "fvexp.h"
#include "fcommon.h"

static void softmax(float *x, int n) {
  size_t vmax = __riscv_vsetvlmax_e32m2();
  vfloat32m1_t m = __riscv_vfmv_v_f_f32m1(-__builtin_inff(), 1);
  for (int i = 0; i < n;) {
    size_t vl = __riscv_vsetvl_e32m2(n - i);
    m = __riscv_vfredmax_vs_f32m2_f32m1(__riscv_vle32_v_f32m2(&x[i], vl), m, vl);
    i += vl;
  }
  float mx = __riscv_vfmv_f_s_f32m1_f32(m);
  vfloat32m2_t acc = __riscv_vfmv_v_f_f32m2(0.0f, vmax);
  for (int i = 0; i < n;) {
    size_t vl = __riscv_vsetvl_e32m2(n - i);
    vfloat32m2_t e = vexp(__riscv_vfsub_vf_f32m2(__riscv_vle32_v_f32m2(&x[i], vl), mx, vl), vl);
    __riscv_vse32_v_f32m2(&x[i], e, vl);
    acc = __riscv_vfadd_vv_f32m2_tu(acc, acc, e, vl);
    i += vl;
  }
  vfloat32m1_t s = __riscv_vfredusum_vs_f32m2_f32m1(acc, __riscv_vfmv_v_f_f32m1(0.0f, 1), vmax);
  // 1/s: estimate, then r = r * (2 - s r) twice.
  vfloat32m1_t r = __riscv_vfrec7_v_f32m1(s, 1);
  for (int k = 0; k < 2; k++) {
    vfloat32m1_t t = __riscv_vfnmsub_vv_f32m1(__riscv_vmv_v_v_f32m1(s, 1), r, __riscv_vfmv_v_f_f32m1(2.0f, 1), 1);
    r = __riscv_vfmul_vv_f32m1(r, t, 1);
  }
  float inv = __riscv_vfmv_f_s_f32m1_f32(r);
  for (int i = 0; i < n;) {
    size_t vl = __riscv_vsetvl_e32m2(n - i);
    __riscv_vse32_v_f32m2(&x[i], __riscv_vfmul_vf_f32m2(__riscv_vle32_v_f32m2(&x[i], vl), inv, vl), vl);
    i += vl;
  }
}

static float buf[3000];

int main(void) {
  for (int i = 0; i < 800; i++) buf[i] = frand() * 8.0f;
  for (int r = 0; r < 8; r++) softmax(&buf[r * 100], 100);
  report("softmax 8x100", buf, 800);
  for (int i = 0; i < 3000; i++) buf[i] = frand() * 30.0f;
  for (int r = 0; r < 3; r++) softmax(&buf[r * 1000], 1000);
  report("softmax 3x1000", buf, 3000);
  return 0;
}
