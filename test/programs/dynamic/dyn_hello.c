/* Dynamically linked C: libc and libm through the dynamic linker, stdio, malloc, qsort, environment. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int cmp(const void *a, const void *b) { return *(const int *)a - *(const int *)b; }

int main(int argc, char **argv) {
  printf("hello from a dynamically linked program, argc=%d\n", argc);
  volatile double x = 2.0;
  printf("sqrt(2)=%.12f sin(1)=%.12f exp(1)=%.12f\n", sqrt(x), sin(x / 2), exp(x / 2));
  int *v = malloc(1000 * sizeof *v);
  unsigned s = 12345;
  for (int i = 0; i < 1000; i++) { s = s * 1103515245u + 12345u; v[i] = (int)(s >> 16) % 10000; }
  qsort(v, 1000, sizeof *v, cmp);
  long sum = 0;
  for (int i = 0; i < 1000; i++) sum += (long)v[i] * i;
  printf("sorted: min=%d max=%d weighted=%ld\n", v[0], v[999], sum);
  free(v);
  char *p = strdup("Dynamic Linking");
  for (char *q = p; *q; q++) if (*q >= 'a' && *q <= 'z') *q -= 32;
  printf("%s %zu\n", p, strlen(p));
  free(p);
  const char *e = getenv("RVEMU_FIXTURE");
  printf("env RVEMU_FIXTURE=%s\n", e ? e : "(unset)");
  return argc > 1 ? atoi(argv[1]) : 0;
}
