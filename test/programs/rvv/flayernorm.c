/* Layer normalization of 6 rows of 77 and 2 of 512: mean and variance as strictly ordered sums (vfredosum,
   carried across strips, so the result is the same at every VLEN), 1/sqrt(var + eps) from vfrsqrt7 and two
   Newton steps, then (x - mean) * invstd * gamma + beta; plus the same in plain C (auto-vectorized where
   the compiler may) with vfsqrt/vfdiv semantics. */
#include <math.h>
#include <riscv_vector.h>
#include "fcommon.h"

static void layernorm(const float *x, const float *g, const float *b, float *y, int n) {
  vfloat64m1_t s = __riscv_vfmv_v_f_f64m1(0.0, 1);
  for (int i = 0; i < n;) {
    size_t vl = __riscv_vsetvl_e32m4(n - i);
    s = __riscv_vfwredosum_vs_f32m4_f64m1(__riscv_vle32_v_f32m4(&x[i], vl), s, vl);
    i += vl;
  }
  float mean = (float)(__riscv_vfmv_f_s_f64m1_f64(s) / n);
  vfloat32m1_t v = __riscv_vfmv_v_f_f32m1(0.0f, 1);
  for (int i = 0; i < n;) {
    size_t vl = __riscv_vsetvl_e32m4(n - i);
    vfloat32m4_t d = __riscv_vfsub_vf_f32m4(__riscv_vle32_v_f32m4(&x[i], vl), mean, vl);
    v = __riscv_vfredosum_vs_f32m4_f32m1(__riscv_vfmul_vv_f32m4(d, d, vl), v, vl);
    i += vl;
  }
  float var = __riscv_vfmv_f_s_f32m1_f32(v) / n + 1e-5f;
  vfloat32m1_t vv = __riscv_vfmv_v_f_f32m1(var, 1);
  vfloat32m1_t r = __riscv_vfrsqrt7_v_f32m1(vv, 1);
  for (int k = 0; k < 2; k++) {  // r = r * (1.5 - 0.5 var r^2)
    vfloat32m1_t t = __riscv_vfmul_vv_f32m1(__riscv_vfmul_vv_f32m1(r, r, 1), vv, 1);
    t = __riscv_vfnmsac_vf_f32m1(__riscv_vfmv_v_f_f32m1(1.5f, 1), 0.5f, t, 1);
    r = __riscv_vfmul_vv_f32m1(r, t, 1);
  }
  float inv = __riscv_vfmv_f_s_f32m1_f32(r);
  for (int i = 0; i < n;) {
    size_t vl = __riscv_vsetvl_e32m4(n - i);
    vfloat32m4_t d = __riscv_vfmul_vf_f32m4(__riscv_vfsub_vf_f32m4(__riscv_vle32_v_f32m4(&x[i], vl), mean, vl), inv, vl);
    vfloat32m4_t o = __riscv_vfmacc_vv_f32m4(__riscv_vle32_v_f32m4(&b[i], vl), d, __riscv_vle32_v_f32m4(&g[i], vl), vl);
    __riscv_vse32_v_f32m4(&y[i], o, vl);
    i += vl;
  }
}

__attribute__((noinline)) static void layernorm_c(const float *restrict x, const float *restrict g, const float *restrict b,
                                                  float *restrict y, int n) {
  float s = 0, v = 0;
  for (int i = 0; i < n; i++) s += x[i];
  float mean = s / n;
  for (int i = 0; i < n; i++) v += (x[i] - mean) * (x[i] - mean);
  float inv = 1.0f / sqrtf(v / n + 1e-5f);
  for (int i = 0; i < n; i++) y[i] = (x[i] - mean) * inv * g[i] + b[i];
}

static float x[1024], g[512], b[512], y[1024];

int main(void) {
  for (int i = 0; i < 512; i++) { g[i] = 1.0f + frand() * 0.25f; b[i] = frand() * 0.1f; }
  const int rows[2] = {6, 2}, cols[2] = {77, 512};
  for (int s = 0; s < 2; s++) {
    int R = rows[s], n = cols[s];
    for (int i = 0; i < R * n; i++) x[i] = frand() * 3.0f + 0.5f;
    char name[32];
    for (int r = 0; r < R; r++) layernorm(&x[r * n], g, b, &y[r * n], n);
    snprintf(name, sizeof name, "layernorm %dx%d", R, n);
    report(name, y, R * n);
    for (int r = 0; r < R; r++) layernorm_c(&x[r * n], g, b, &y[r * n], n);
    snprintf(name, sizeof name, "layernorm-c %dx%d", R, n);
    report(name, y, R * n);
  }
  return 0;
}
