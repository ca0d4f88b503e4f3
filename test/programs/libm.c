/* libm results printed in %a (bit-exact), plus lrint/rint/nearbyint in every
   rounding mode, and exception flags raised by basic operations. */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdio.h>

static const double xs[] = {0.0, -0.0, 0.5, 1.0, -1.0, 2.0, 3.0, 0.1, -2.5, 10.0, 100.0,
                            1e-300, 1e300, 0.7853981633974483, 1.5707963267948966,
                            3.141592653589793, 710.0, -745.5, 1e-310, 123456.789};
#define NX (sizeof xs / sizeof xs[0])

typedef double (*f1)(double);
static const struct { const char *name; f1 f; } funcs[] = {
  {"sin", sin}, {"cos", cos}, {"tan", tan}, {"asin", asin}, {"acos", acos}, {"atan", atan},
  {"sinh", sinh}, {"cosh", cosh}, {"tanh", tanh}, {"exp", exp}, {"exp2", exp2}, {"expm1", expm1},
  {"log", log}, {"log2", log2}, {"log10", log10}, {"log1p", log1p}, {"sqrt", sqrt}, {"cbrt", cbrt},
  {"floor", floor}, {"ceil", ceil}, {"round", round}, {"trunc", trunc}, {"fabs", fabs},
  {"erf", erf}, {"tgamma", tgamma}, {"lgamma", lgamma}, {"logb", logb},
};

typedef float (*g1)(float);
static const struct { const char *name; g1 f; } ffuncs[] = {
  {"sinf", sinf}, {"cosf", cosf}, {"expf", expf}, {"logf", logf}, {"sqrtf", sqrtf},
  {"powf2", NULL}, {"atanf", atanf}, {"tanhf", tanhf}, {"cbrtf", cbrtf},
};

static void flags(const char *what) {
  int e = fetestexcept(FE_ALL_EXCEPT);
  printf("%-18s flags:%s%s%s%s%s%s\n", what, e & FE_INVALID ? " NV" : "", e & FE_DIVBYZERO ? " DZ" : "",
         e & FE_OVERFLOW ? " OF" : "", e & FE_UNDERFLOW ? " UF" : "", e & FE_INEXACT ? " NX" : "",
         e ? "" : " none");
}

static volatile double vd;
static volatile float vf;

int main(void) {
  for (size_t k = 0; k < sizeof funcs / sizeof funcs[0]; k++) {
    printf("%s:", funcs[k].name);
    for (size_t i = 0; i < NX; i++) {
      vd = xs[i];
      printf(" %a", funcs[k].f(vd));
    }
    printf("\n");
  }
  for (size_t k = 0; k < sizeof ffuncs / sizeof ffuncs[0]; k++) {
    printf("%s:", ffuncs[k].name);
    for (size_t i = 0; i < NX; i++) {
      vf = (float)xs[i];
      float r = ffuncs[k].f ? ffuncs[k].f(vf) : powf(vf, 2.5f);
      printf(" %a", (double)r);
    }
    printf("\n");
  }
  printf("pow:");
  static const double pb[] = {2.0, -2.0, 0.5, 10.0, 0.0, -0.0, 1.0, -1.0, INFINITY, 1.0000001};
  static const double pe[] = {0.5, 3.0, -1.0, 1e10, -0.5, 0.0, INFINITY, -3.0, 1023.9};
  for (int i = 0; i < 10; i++) for (int j = 0; j < 9; j++) { vd = pb[i]; printf(" %a", pow(vd, pe[j])); }
  printf("\natan2:");
  static const double a2[] = {0.0, -0.0, 1.0, -1.0, INFINITY, -INFINITY};
  for (int i = 0; i < 6; i++) for (int j = 0; j < 6; j++) { vd = a2[i]; printf(" %a", atan2(vd, a2[j])); }
  printf("\nfma:");
  static const double fa[][3] = {{1.0, 1.0, 1.0}, {0x1.0000000000001p0, 0x1.0000000000001p0, -1.0},
                                 {1e308, 10.0, -1e308}, {0.1, 10.0, -1.0}, {-0.0, 0.0, 0.0},
                                 {INFINITY, 0.0, 1.0}, {0x1p-1074, 0.5, 0.0}, {3.0, 1.0 / 3.0, -1.0}};
  for (int i = 0; i < 8; i++) { vd = fa[i][0]; printf(" %a", fma(vd, fa[i][1], fa[i][2])); }
  printf("\nfmaf:");
  for (int i = 0; i < 8; i++) { vf = (float)fa[i][0]; printf(" %a", (double)fmaf(vf, (float)fa[i][1], (float)fa[i][2])); }
  printf("\nhypot %a fmod %a %a remainder %a %a copysign %a fmin %a fmax %a fdim %a\n",
         hypot(3.0, 4.0), fmod(10.5, 3.0), fmod(-10.5, 3.0), remainder(10.5, 3.0), remainder(11.5, 3.0),
         copysign(2.0, -0.0), fmin(NAN, 1.0), fmax(-0.0, 0.0), fdim(2.0, 5.0));
  int ex;
  double m;
  static const double fx[] = {8.0, 0.3, -1e-310, 0.0, 1e300, INFINITY};
  printf("frexp:");
  for (int i = 0; i < 6; i++) { m = frexp(fx[i], &ex); printf(" (%a,%d)", m, ex); }
  printf("\nldexp %a %a %a %a\n", ldexp(1.0, 1023), ldexp(1.0, 1024), ldexp(1.0, -1074), ldexp(3.0, -1075));
  double ip;
  double fr = modf(-3.75, &ip);
  printf("modf %a %a ilogb %d %d scalbn %a\n", fr, ip, ilogb(1000.0), ilogb(0x1p-1060), scalbn(1.5, 10));
  printf("nextafter %a %a %a %a nexttoward %a\n", nextafter(1.0, 2.0), nextafter(1.0, 0.0),
         nextafter(0.0, -1.0), nextafter(DBL_MAX, INFINITY), nexttoward(1.0, 2.0L));
  printf("nextafterf %a %a\n", (double)nextafterf(1.0f, 2.0f), (double)nextafterf(0.0f, 1.0f));
  printf("isnan %d isinf %d isfinite %d signbit %d fpclassify %d %d %d %d %d\n", isnan(NAN) != 0,
         isinf(-INFINITY) != 0, isfinite(1e308) != 0, signbit(-0.0) != 0, fpclassify(0.0) == FP_ZERO,
         fpclassify(1e-310) == FP_SUBNORMAL, fpclassify(1.0) == FP_NORMAL, fpclassify(INFINITY) == FP_INFINITE,
         fpclassify(NAN) == FP_NAN);

  /* rounding modes */
  static const int modes[] = {FE_TONEAREST, FE_DOWNWARD, FE_UPWARD, FE_TOWARDZERO};
  static const char *mnames[] = {"nearest", "down", "up", "towardzero"};
  static const double rv[] = {0.5, 1.5, 2.5, -0.5, -1.5, -2.5, 2.4999999, -3.7, 1e15 + 0.5, 0.0};
  for (int m2 = 0; m2 < 4; m2++) {
    fesetround(modes[m2]);
    printf("%-10s getround_ok=%d lrint:", mnames[m2], fegetround() == modes[m2]);
    for (int i = 0; i < 10; i++) { vd = rv[i]; printf(" %ld", lrint(vd)); }
    printf(" | rint:");
    for (int i = 0; i < 10; i++) { vd = rv[i]; printf(" %a", rint(vd)); }
    printf(" | nearbyint:");
    for (int i = 0; i < 10; i++) { vd = rv[i]; printf(" %g", nearbyint(vd)); }
    printf(" | lrintf:");
    for (int i = 0; i < 10; i++) { vf = (float)rv[i]; printf(" %ld", lrintf(vf)); }
    vd = 1.0;
    double third = vd / 3.0;
    double big = DBL_MAX * (vd + 0x1p-52);
    float fthird = (float)third;
    vd = 0x1p-1070;
    double tiny = vd / 3.0;
    printf(" | 1/3=%a max*(1+eps)=%a (float)=%a tiny/3=%a sqrt2=%a exp1=%a\n", third, big,
           (double)fthird, tiny, sqrt(vd * 0 + 2.0), exp(vd * 0 + 1.0));
  }
  fesetround(FE_TONEAREST);

  /* exception flags */
  feclearexcept(FE_ALL_EXCEPT);
  flags("initial");
  vd = 1.0; vd = vd + 1.0; flags("1+1");
  vd = 1.0; vd = vd / 3.0; flags("1/3");
  feclearexcept(FE_ALL_EXCEPT); vd = 1.0; vd = vd / 0.0; flags("1/0");
  feclearexcept(FE_ALL_EXCEPT); vd = 0.0; vd = vd / 0.0; flags("0/0");
  feclearexcept(FE_ALL_EXCEPT); vd = DBL_MAX; vd = vd * 2.0; flags("max*2");
  feclearexcept(FE_ALL_EXCEPT); vd = DBL_MIN; vd = vd / 3.0; flags("min/3");
  feclearexcept(FE_ALL_EXCEPT); vd = DBL_MIN; vd = vd / 4.0; flags("min/4 (exact)");
  feclearexcept(FE_ALL_EXCEPT); vd = -1.0; vd = sqrt(vd); flags("sqrt(-1)");
  feclearexcept(FE_ALL_EXCEPT); vd = INFINITY; vd = vd - INFINITY; flags("inf-inf");
  feclearexcept(FE_ALL_EXCEPT); vd = NAN; { volatile int c = vd < 1.0; (void)c; } flags("nan<1 (signaling)");
  feclearexcept(FE_ALL_EXCEPT); vd = NAN; { volatile int c = vd == 1.0; (void)c; } flags("nan==1 (quiet)");
  feclearexcept(FE_ALL_EXCEPT); vd = 2.75; { volatile long c = (long)vd; (void)c; } flags("(long)2.75");
  feclearexcept(FE_ALL_EXCEPT); vd = 3.0; { volatile long c = (long)vd; (void)c; } flags("(long)3.0");
  feclearexcept(FE_ALL_EXCEPT); vf = 1e-30f; vf = vf * 1e-20f; flags("float underflow");
  feclearexcept(FE_ALL_EXCEPT); vd = 1e300; vf = (float)vd; flags("(float)1e300");
  feclearexcept(FE_ALL_EXCEPT); vd = 0.1; vf = (float)vd; flags("(float)0.1");
  feclearexcept(FE_ALL_EXCEPT); vd = log(0.0 * vd); flags("log(0)");
  feclearexcept(FE_ALL_EXCEPT); vd = 1e300; vd = exp(vd); flags("exp(1e300)");
  feraiseexcept(FE_INEXACT | FE_DIVBYZERO); flags("feraiseexcept");
  fexcept_t saved;
  fegetexceptflag(&saved, FE_ALL_EXCEPT);
  feclearexcept(FE_ALL_EXCEPT);
  fesetexceptflag(&saved, FE_DIVBYZERO);
  flags("restored DZ only");
  fenv_t envp;
  feholdexcept(&envp);
  flags("after feholdexcept");
  vd = 0.0; vd = vd / 0.0;
  feupdateenv(&envp);
  flags("after feupdateenv");
  return 0;
}
