/* exp(x) for f32 vectors from basic RVV operations: n = round(x / ln 2) (vfcvt.x.f.v in frm), r = x - n ln 2
   in two fused steps, a degree-6 polynomial by Horner's rule (vfmadd), then 2^n added to the exponent bits. */
#include <riscv_vector.h>

static inline vfloat32m2_t vexp(vfloat32m2_t x, size_t vl) {
  x = __riscv_vfmin_vf_f32m2(__riscv_vfmax_vf_f32m2(x, -87.0f, vl), 88.0f, vl);
  vint32m2_t n = __riscv_vfcvt_x_f_v_i32m2(__riscv_vfmul_vf_f32m2(x, 1.44269504f, vl), vl);
  vfloat32m2_t nf = __riscv_vfcvt_f_x_v_f32m2(n, vl);
  vfloat32m2_t r = __riscv_vfnmsac_vf_f32m2(x, 0.693145752f, nf, vl);
  r = __riscv_vfnmsac_vf_f32m2(r, 1.42860677e-06f, nf, vl);
  vfloat32m2_t p = __riscv_vfmv_v_f_f32m2(1.0f / 720, vl);
  const float c[6] = {1.0f / 120, 1.0f / 24, 1.0f / 6, 0.5f, 1.0f, 1.0f};
  for (int i = 0; i < 6; i++) p = __riscv_vfmadd_vv_f32m2(p, r, __riscv_vfmv_v_f_f32m2(c[i], vl), vl);
  vint32m2_t bits = __riscv_vadd_vv_i32m2(__riscv_vreinterpret_v_f32m2_i32m2(p), __riscv_vsll_vx_i32m2(n, 23, vl), vl);
  return __riscv_vreinterpret_v_i32m2_f32m2(bits);
}
