/* binary16 (Zvfh): f32 -> f16 in each rounding mode (vfncvt.f.f.w, Zvfhmin) and back (vfwcvt.f.f.v), f16
   arithmetic (vfadd, vfmul, vfmacc, vfredosum at SEW 16), and int8 <-> f16 (vfwcvt.f.x.v from SEW 8,
   vfncvt.x.f.w to SEW 8). Written with inline assembly (no binary16 C types), so it builds for rv64gcv;
   run it with Zvfh (--isa rv64gcv_zvfh, qemu zvfh=true). */
#include <fenv.h>
#include "fcommon.h"

#define N 300

static float x[N], y[N];
static uint16_t h[N], h2[N];
static int8_t q[N];

/* n binary32 -> binary16 (frm) */
static void to_f16(const float *in, uint16_t *out, int n) {
  while (n > 0) {
    long vl;
    __asm__ volatile("vsetvli %0, %1, e16, m2, ta, ma\n\tvle32.v v8, (%2)\n\tvfncvt.f.f.w v4, v8\n\tvse16.v v4, (%3)"
                     : "=&r"(vl) : "r"((long)n), "r"(in), "r"(out) : "memory", "v4", "v5", "v8", "v9", "v10", "v11");
    in += vl; out += vl; n -= vl;
  }
}
static void from_f16(const uint16_t *in, float *out, int n) {
  while (n > 0) {
    long vl;
    __asm__ volatile("vsetvli %0, %1, e16, m2, ta, ma\n\tvle16.v v4, (%2)\n\tvfwcvt.f.f.v v8, v4\n\tvsetvli zero, %0, e32, m4, ta, ma\n\tvse32.v v8, (%3)"
                     : "=&r"(vl) : "r"((long)n), "r"(in), "r"(out) : "memory", "v4", "v5", "v8", "v9", "v10", "v11");
    in += vl; out += vl; n -= vl;
  }
}
/* out = a * b + a (f16), and the ordered f16 sum of out */
static uint16_t arith_f16(const uint16_t *a, const uint16_t *b, uint16_t *out, int n) {
  uint16_t sum = 0;
  __asm__ volatile("fmv.w.x ft0, %0\n\tvsetivli zero, 1, e16, m1, ta, ma\n\tvfmv.s.f v12, ft0" : : "r"(0xffff0000 | 0) : "ft0", "v12");
  while (n > 0) {
    long vl;
    __asm__ volatile("vsetvli %0, %1, e16, m2, ta, ma\n\tvle16.v v4, (%2)\n\tvle16.v v6, (%3)\n\tvfmul.vv v8, v4, v6\n\t"
                     "vfmacc.vv v8, v4, v6\n\tvfadd.vv v8, v8, v4\n\tvse16.v v8, (%4)\n\tvfredosum.vs v12, v8, v12"
                     : "=&r"(vl) : "r"((long)n), "r"(a), "r"(b), "r"(out) : "memory", "v4", "v5", "v6", "v7", "v8", "v9", "v12");
    a += vl; b += vl; out += vl; n -= vl;
  }
  __asm__ volatile("vsetivli zero, 1, e16, m1, ta, ma\n\tvmv.x.s %0, v12" : "=r"(sum));
  return sum;
}
/* int8 -> f16 -> (x 0.5, frm) -> int8 */
static void int8_f16(int8_t *p, int n) {
  while (n > 0) {
    long vl;
    __asm__ volatile("vsetvli %0, %1, e8, m1, ta, ma\n\tvle8.v v2, (%2)\n\tvfwcvt.f.x.v v4, v2\n\t"
                     "vsetvli zero, %0, e16, m2, ta, ma\n\tfmv.w.x ft1, %3\n\tvfmul.vf v4, v4, ft1\n\t"
                     "vsetvli zero, %0, e8, m1, ta, ma\n\tvfncvt.x.f.w v2, v4\n\tvse8.v v2, (%2)"
                     : "=&r"(vl) : "r"((long)n), "r"(p), "r"(0xffff3800) : "memory", "ft1", "v2", "v4", "v5");
    p += vl; n -= vl;
  }
}

int main(void) {
  for (int i = 0; i < N; i++) x[i] = frand() * (i % 3 == 0 ? 70000.0f : i % 3 == 1 ? 1.0f : 1e-5f);
  x[0] = 65504.0f; x[1] = 65520.0f; x[2] = -65536.0f; x[3] = 5.96e-8f; x[4] = 2.98e-8f; x[5] = 1.0f + 1.0f / 2048;
  const int modes[4] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  const char *names[4] = {"f16 rne", "f16 rdn", "f16 rup", "f16 rtz"};
  for (int m = 0; m < 4; m++) {
    fesetround(modes[m]);
    to_f16(x, h, N);
    report_bytes(names[m], h, sizeof h);
    from_f16(h, y, N);
    report(names[m], y, N);
  }
  fesetround(FE_TONEAREST);
  for (int i = 0; i < N; i++) y[i] = frand() * 4.0f;
  to_f16(y, h2, N);
  to_f16(x, h, N);
  uint16_t s = arith_f16(h2, h2, h, N);
  report_bytes("f16 arith", h, sizeof h);
  printf("f16 sum            %04x\n", s);
  for (int i = 0; i < N; i++) q[i] = (int8_t)(i * 37 + 11);
  int8_f16(q, N);
  report_bytes("int8 via f16", q, N);
  return 0;
}
