/* Shared by the vector benchmarks: deterministic inputs and checksums of exact bits. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t lcg_state = 12345u;
static inline uint32_t lcg(void) { return lcg_state = lcg_state * 1664525u + 1013904223u; }
/* A float in [-1, 1) with 24 random bits. */
static inline float frand(void) { return (float)((int32_t)lcg() >> 8) * (1.0f / 8388608.0f); }

/* FNV-1a over n 32-bit words (floats by their bits). */
static inline uint32_t hash32(const void *p, size_t n) {
  const uint32_t *w = p;
  uint32_t h = 2166136261u;
  for (size_t i = 0; i < n; i++) h = (h ^ w[i]) * 16777619u;
  return h;
}

static inline void report_f32(const char *name, const float *x, size_t n) {
  double s = 0;
  for (size_t i = 0; i < n; i++) s += x[i];
  printf("%s sum=%a hash=%08x first=%a last=%a\n", name, s, hash32(x, n), (double)x[0], (double)x[n - 1]);
}
