/* Shared by the floating-point RVV kernels: deterministic inputs and exact checksums. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint32_t lcg_state = 12345u;
/* A float in [-1, 1) with 24 random bits. */
static float frand(void) {
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return (float)((int32_t)lcg_state >> 8) * (1.0f / 8388608.0f);
}

/* The sum in double (element order), an FNV hash of the exact bits, and the ends, all exact. */
static void report(const char *name, const float *x, int n) {
  double s = 0;
  uint32_t h = 2166136261u;
  for (int i = 0; i < n; i++) {
    uint32_t b;
    memcpy(&b, &x[i], 4);
    s += x[i];
    h = (h ^ b) * 16777619u;
  }
  printf("%-18s sum=%a hash=%08x first=%a last=%a\n", name, s, h, (double)x[0], (double)x[n - 1]);
}

static void report_bytes(const char *name, const void *p, int n) {
  const uint8_t *b = p;
  uint32_t h = 2166136261u;
  int64_t s = 0;
  for (int i = 0; i < n; i++) { h = (h ^ b[i]) * 16777619u; s += (int8_t)b[i]; }
  printf("%-18s bytesum=%lld hash=%08x\n", name, (long long)s, h);
}
