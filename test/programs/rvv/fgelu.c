/* GELU with the tanh approximation, 0.5 x (1 + tanh(sqrt(2/pi) (x + 0.044715 x^3))): with intrinsics
   (tanh(u) = (e - 1) / (e + 1), e = exp(2u), u clamped), and in plain C with a rational tanh the compiler
   auto-vectorizes (vfmin/vfmax clamps, vfdiv, fused multiply-adds, copysign as vfsgnj). Also tanh itself
   under each static rounding mode (the _rm intrinsics). */
#include <math.h>
#include "fvexp.h"
#include "fcommon.h"

static void gelu_rvv(const float *x, float *y, int n) {
  for (int i = 0; i < n;) {
    size_t vl = __riscv_vsetvl_e32m2(n - i);
    vfloat32m2_t v = __riscv_vle32_v_f32m2(&x[i], vl);
    vfloat32m2_t x3 = __riscv_vfmul_vv_f32m2(__riscv_vfmul_vv_f32m2(v, v, vl), v, vl);
    vfloat32m2_t u = __riscv_vfmul_vf_f32m2(__riscv_vfmacc_vf_f32m2(v, 0.044715f, x3, vl), 0.7978845608f, vl);
    u = __riscv_vfmin_vf_f32m2(__riscv_vfmax_vf_f32m2(u, -9.0f, vl), 9.0f, vl);
    vfloat32m2_t e = vexp(__riscv_vfadd_vv_f32m2(u, u, vl), vl);
    vfloat32m2_t t = __riscv_vfdiv_vv_f32m2(__riscv_vfsub_vf_f32m2(e, 1.0f, vl), __riscv_vfadd_vf_f32m2(e, 1.0f, vl), vl);
    vfloat32m2_t h = __riscv_vfmul_vf_f32m2(__riscv_vfadd_vf_f32m2(t, 1.0f, vl), 0.5f, vl);
    __riscv_vse32_v_f32m2(&y[i], __riscv_vfmul_vv_f32m2(h, v, vl), vl);
    i += vl;
  }
}

static inline float tanh_rational(float u) {
  float a = fminf(fmaxf(fabsf(u), 0.0f), 9.0f);
  float a2 = a * a;
  float p = a * (135135.0f + a2 * (17325.0f + a2 * (378.0f + a2)));
  float q = 135135.0f + a2 * (62370.0f + a2 * (3150.0f + a2 * 28.0f));
  return copysignf(fminf(p / q, 1.0f), u);
}

__attribute__((noinline)) static void gelu_c(const float *restrict x, float *restrict y, int n) {
  for (int i = 0; i < n; i++) {
    float v = x[i];
    y[i] = 0.5f * v * (1.0f + tanh_rational(0.7978845608f * (v + 0.044715f * v * v * v)));
  }
}

/* The _rm intrinsics take the rounding mode as a constant: one function per mode. */
#define TANH_RM(NAME, RM)                                                                                     \
  static void NAME(const float *x, float *y, int n) {                                                         \
    for (int i = 0; i < n;) {                                                                                 \
      size_t vl = __riscv_vsetvl_e32m2(n - i);                                                                \
      vfloat32m2_t u = __riscv_vle32_v_f32m2(&x[i], vl);                                                      \
      vfloat32m2_t e = vexp(__riscv_vfadd_vv_f32m2_rm(u, u, RM, vl), vl);                                     \
      __riscv_vse32_v_f32m2(&y[i], __riscv_vfdiv_vv_f32m2_rm(__riscv_vfsub_vf_f32m2_rm(e, 1.0f, RM, vl),      \
                                                             __riscv_vfadd_vf_f32m2_rm(e, 1.0f, RM, vl), RM, vl), vl); \
      i += vl;                                                                                                \
    }                                                                                                         \
  }
TANH_RM(tanh_rne, __RISCV_FRM_RNE)
TANH_RM(tanh_rtz, __RISCV_FRM_RTZ)
TANH_RM(tanh_rdn, __RISCV_FRM_RDN)
TANH_RM(tanh_rup, __RISCV_FRM_RUP)
TANH_RM(tanh_rmm, __RISCV_FRM_RMM)

static float x[1000], y[1000];

int main(void) {
  for (int i = 0; i < 1000; i++) x[i] = frand() * 6.0f;
  x[0] = 0.0f; x[1] = -0.0f; x[2] = 1e-30f; x[3] = -40.0f; x[4] = 40.0f;
  gelu_rvv(x, y, 1000);
  report("gelu intrinsics", y, 1000);
  gelu_c(x, y, 1000);
  report("gelu auto-vec", y, 1000);
  for (int i = 0; i < 999; i++) x[i] = frand() * 4.0f;
  void (*const fns[5])(const float *, float *, int) = {tanh_rne, tanh_rtz, tanh_rdn, tanh_rup, tanh_rmm};
  const char *names[5] = {"tanh rne", "tanh rtz", "tanh rdn", "tanh rup", "tanh rmm"};
  for (int r = 0; r < 5; r++) {
    fns[r](x, y, 999);
    report(names[r], y, 999);
  }
  return 0;
}
