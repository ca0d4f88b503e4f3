/* Shared helpers of the RVV kernels: deterministic data, a checksum, and the agreement line each kernel
   prints after comparing its vector result with the scalar one. */
#ifndef RVV_KERNELS_H
#define RVV_KERNELS_H
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t lcg_state = 0x2545f4914f6cdd1dull;
static inline void lcg_seed(uint64_t s) { lcg_state = s; }
static inline uint32_t lcg_next(void) {
  lcg_state = lcg_state * 6364136223846793005ull + 1442695040888963407ull;
  return (uint32_t)(lcg_state >> 32);
}

/* FNV-1a over bytes. */
static inline uint64_t fnv1a(const void *p, size_t n, uint64_t h) {
  const uint8_t *b = (const uint8_t *)p;
  for (size_t i = 0; i < n; i++) { h ^= b[i]; h *= 0x100000001b3ull; }
  return h;
}
#define FNV_INIT 0xcbf29ce484222325ull

/* The scalar reference loops must stay scalar (clang would auto-vectorize them at -O2). */
#define SCALAR_LOOP _Pragma("clang loop vectorize(disable) interleave(disable)")

static int failures = 0;
static void agree(const char *what, int ok) {
  printf("%s: vector and scalar %s\n", what, ok ? "agree" : "DISAGREE");
  if (!ok) failures++;
}
#endif
