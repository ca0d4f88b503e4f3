/* f32 <-> int8 quantization: q = sat8(round(x / scale)) by vfcvt.x.f.v (frm) or its rtz form, narrowed with
   vfncvt.x.f.w to int16 and vnclip to int8; dequantization by vsext + vfwcvt.f.x.v + vfmul. The rounding
   mode is switched with fesetround, which the vector conversions must follow. Also f32 <-> f64 widening and
   narrowing (vfwcvt.f.f.v, vfncvt.f.f.w, vfncvt.rod.f.f.w) and the unsigned and 64-bit integer forms. */
#include <fenv.h>
#include <riscv_vector.h>
#include "fcommon.h"

#define N 777

static float x[N], dq[N];
static int8_t q[N];
static double wd[N];
static int64_t l[N];

static void quant(float inv_scale, int rtz) {
  for (int i = 0; i < N;) {
    size_t vl = __riscv_vsetvl_e32m4(N - i);
    vfloat32m4_t v = __riscv_vfmul_vf_f32m4(__riscv_vle32_v_f32m4(&x[i], vl), inv_scale, vl);
    vint16m2_t h = rtz ? __riscv_vfncvt_rtz_x_f_w_i16m2(v, vl) : __riscv_vfncvt_x_f_w_i16m2(v, vl);
    __riscv_vse8_v_i8m1(&q[i], __riscv_vnclip_wx_i8m1(h, 0, __RISCV_VXRM_RNU, vl), vl);
    i += vl;
  }
}

static void dequant(float scale) {
  for (int i = 0; i < N;) {
    size_t vl = __riscv_vsetvl_e8m1(N - i);
    vint16m2_t h = __riscv_vsext_vf2_i16m2(__riscv_vle8_v_i8m1(&q[i], vl), vl);
    vfloat32m4_t f = __riscv_vfwcvt_f_x_v_f32m4(h, vl);
    __riscv_vse32_v_f32m4(&dq[i], __riscv_vfmul_vf_f32m4(f, scale, vl), vl);
    i += vl;
  }
}

int main(void) {
  for (int i = 0; i < N; i++) x[i] = frand() * 140.0f;
  x[0] = 127.5f; x[1] = -128.5f; x[2] = 0.5f; x[3] = -0.5f; x[4] = 1e30f; x[5] = -1e30f; x[6] = 2.5f;
  const int modes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  const char *names[4] = {"quant rne", "quant rdn", "quant rup", "quant rtz"};
  char name[40];
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    quant(1.0f, 0);
    report_bytes(names[m], q, N);
    dequant(0.75f);
    snprintf(name, sizeof name, "dequant %s", names[m] + 6);
    report(name, dq, N);
  }
  fesetround(FE_UPWARD);
  quant(0.9f, 1);
  report_bytes("quant .rtz", q, N);
  fesetround(FE_TONEAREST);

  // f32 -> f64 -> f32 (exact), f64 -> f32 with rounding and with round-to-odd, f32 <-> int64 / uint32.
  for (int i = 0; i < N; i++) wd[i] = (double)frand() * 1e-3 + (double)frand() * 1e-12;
  for (int i = 0; i < N;) {
    size_t vl = __riscv_vsetvl_e32m2(N - i);
    vfloat64m4_t d = __riscv_vle64_v_f64m4(&wd[i], vl);
    __riscv_vse32_v_f32m2(&x[i], __riscv_vfncvt_f_f_w_f32m2(d, vl), vl);
    __riscv_vse32_v_f32m2(&dq[i], __riscv_vfncvt_rod_f_f_w_f32m2(d, vl), vl);
    __riscv_vse64_v_f64m4(&wd[i], __riscv_vfwcvt_f_f_v_f64m4(__riscv_vle32_v_f32m2(&dq[i], vl), vl), vl);
    __riscv_vse64_v_i64m4(&l[i], __riscv_vfwcvt_x_f_v_i64m4(__riscv_vfmul_vf_f32m2(__riscv_vle32_v_f32m2(&x[i], vl), 1e12f, vl), vl), vl);
    vuint32m2_t u = __riscv_vfcvt_xu_f_v_u32m2(__riscv_vfmul_vf_f32m2(__riscv_vle32_v_f32m2(&x[i], vl), 4e12f, vl), vl);
    __riscv_vse32_v_f32m2(&dq[i], __riscv_vfcvt_f_xu_v_f32m2(u, vl), vl);
    i += vl;
  }
  report("f64->f32", x, N);
  report("f32<-u32", dq, N);
  report_bytes("f64 via rod", wd, sizeof wd);
  report_bytes("int64", l, sizeof l);
  return 0;
}
