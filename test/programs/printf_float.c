/* printf/strtod coverage for float, double and long double (binary128 on RV64). */
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const double dvals[] = {
  0.0, -0.0, 1.0, -1.0, 0.1, 0.5, 1.5, 2.5, -2.5, 3.5, 0.125, 1e-5, 123456.789,
  1e21, 1e22, 1e23, 9007199254740993.0, 2.2250738585072014e-308 /* DBL_MIN */,
  4.9406564584124654e-324 /* min subnormal */, 1.7976931348623157e308 /* DBL_MAX */,
  0.3, 2.0 / 3.0, 3.14159265358979323846, 2.718281828459045, 1e100, 1.0 / 3.0,
  0.05, 0.15, 0.25, 0.35, 0.45, 1.005, 2.675, 5e-324, 1e-310, 123.456e-300,
  999999.5, 9.9999995, 0.000123456789, 65536.0, 4294967296.0,
};

static const char *dfmts[] = {
  "%f", "%.0f", "%.1f", "%.2f", "%.3f", "%.17f", "%e", "%.0e", "%.3e", "%.16e",
  "%g", "%.1g", "%.3g", "%.17g", "%#g", "%a", "%.0a", "%.3a", "%A", "%+f", "% e",
  "%12.4f", "%-12.4e|", "%012.3f", "%#.0f", "%#.0e",
};

int main(void) {
  char buf[512];
  printf("== doubles ==\n");
  for (size_t i = 0; i < sizeof dvals / sizeof dvals[0]; i++) {
    double v = dvals[i];
    printf("[%zu]", i);
    for (size_t j = 0; j < sizeof dfmts / sizeof dfmts[0]; j++) {
      /* avoid 300+ digit %f outputs for huge values: still print them, but once */
      if (fabs(v) > 1e30 && strchr(dfmts[j], 'f') && j > 1) continue;
      snprintf(buf, sizeof buf, dfmts[j], v);
      printf(" %s", buf);
    }
    printf("\n");
  }
  printf("DBL_MAX %%f: %f\n", DBL_MAX);
  printf("min subnormal %%.760g: %.760g\n", 4.9406564584124654e-324);

  printf("== specials ==\n");
  double specials[] = {INFINITY, -INFINITY, NAN, -NAN};
  for (int i = 0; i < 4; i++)
    printf("%f %e %g %a %F %E %G %A %10.3f|%-10g|\n", specials[i], specials[i], specials[i],
           specials[i], specials[i], specials[i], specials[i], specials[i], specials[i], specials[i]);

  printf("== floats (promoted) ==\n");
  float fvals[] = {0.1f, 1.0f / 3.0f, 16777217.0f, FLT_MIN, FLT_MAX, 1.4e-45f, 3.4028235e38f, -7.25f};
  for (int i = 0; i < 8; i++) printf("%.9g %a %e %f\n", fvals[i], fvals[i], fvals[i], fvals[i]);

  printf("== long double (binary128) ==\n");
  long double lvals[] = {
    1.0L, 0.1L, -0.1L, 1.0L / 3.0L, 3.14159265358979323846264338327950288L, LDBL_MIN, LDBL_MAX,
    LDBL_EPSILON, 1e4000L, 1e-4000L, 2.5L, 0.5L + LDBL_EPSILON, 123456789012345678901234567890.0L,
  };
  for (size_t i = 0; i < sizeof lvals / sizeof lvals[0]; i++) {
    long double v = lvals[i];
    printf("%.36Lg | %La | %.5Le | %Lg | %.3Lf\n", v, v, v, v, fabsl(v) < 1e30L ? v : 0.0L);
  }
  printf("sizeof(long double)=%zu LDBL_MANT_DIG=%d\n", sizeof(long double), LDBL_MANT_DIG);

  printf("== rounding edge cases (round-half-even on exact binary values) ==\n");
  double halves[] = {0.5, 1.5, 2.5, 3.5, -0.5, -1.5, 0.125, 0.375, 0.625, 0.875, 1.25, 1.75, 2.25};
  for (int i = 0; i < 13; i++) printf("%.0f %.1f %.2f | ", halves[i], halves[i], halves[i]);
  printf("\n");

  printf("== strtod / strtof / strtold round trips ==\n");
  const char *strs[] = {"0.1", "1e-400", "1e400", "-0", "0x1.8p3", "2.2250738585072011e-308",
                        "4.9e-324", "2.4703282292062327e-324", "2.4703282292062328e-324",
                        "1.00000000000000011102230246251565404236316680908203125",
                        "1.00000000000000011102230246251565404236316680908203124",
                        "inf", "-nan", "123456789012345678901234567890", "  +3.25xyz"};
  for (size_t i = 0; i < sizeof strs / sizeof strs[0]; i++) {
    char *end;
    double d = strtod(strs[i], &end);
    float f = strtof(strs[i], NULL);
    long double ld = strtold(strs[i], NULL);
    printf("%s -> %a (%.17g) rest=\"%s\" | f %a | ld %La\n", strs[i], d, d, end, (double)f, ld);
  }
  return 0;
}
