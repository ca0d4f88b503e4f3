/* malloc/calloc/realloc/free churn driven by a fixed PRNG; prints checksums. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t rng_state = 0x9E3779B97F4A7C15ull;
static uint64_t rng(void) { /* xorshift64* */
  rng_state ^= rng_state >> 12;
  rng_state ^= rng_state << 25;
  rng_state ^= rng_state >> 27;
  return rng_state * 0x2545F4914F6CDD1Dull;
}

#define SLOTS 512
struct slot { unsigned char *p; size_t n; unsigned char tag; };

static uint64_t fnv(const unsigned char *p, size_t n, uint64_t h) {
  for (size_t i = 0; i < n; i++) { h ^= p[i]; h *= 0x100000001b3ull; }
  return h;
}

int main(void) {
  static struct slot s[SLOTS];
  uint64_t sum = 0xcbf29ce484222325ull;
  unsigned long allocs = 0, frees = 0, reallocs = 0, errors = 0;
  for (int iter = 0; iter < 6000; iter++) {
    uint64_t r = rng();
    int i = (int)(r % SLOTS);
    unsigned op = (unsigned)((r >> 16) % 8);
    size_t n;
    unsigned sz = (unsigned)((r >> 24) % 100);
    if (sz < 70) n = (r >> 32) % 64;               /* small */
    else if (sz < 95) n = (r >> 32) % 4096;        /* medium */
    else if (sz < 99) n = (r >> 32) % 100000;      /* large (mmap threshold region) */
    else n = 140000 + (r >> 32) % 100000;          /* mmap'd */
    if (s[i].p) {
      /* verify contents */
      for (size_t k = 0; k < s[i].n; k++)
        if (s[i].p[k] != (unsigned char)(s[i].tag + k)) { errors++; break; }
      sum = fnv(s[i].p, s[i].n < 64 ? s[i].n : 64, sum);
      if (op < 3) {
        unsigned char *q = realloc(s[i].p, n ? n : 1);
        if (!q) { errors++; continue; }
        size_t keep = s[i].n < n ? s[i].n : n;
        for (size_t k = keep; k < n; k++) q[k] = (unsigned char)(s[i].tag + k);
        s[i].p = q; s[i].n = n; reallocs++;
        continue;
      }
      free(s[i].p); frees++;
      s[i].p = NULL;
    } else {
      unsigned char *q;
      if (op == 7) {
        q = calloc(n ? n : 1, 1);
        if (q) for (size_t k = 0; k < n; k++) if (q[k]) { errors++; break; }
      } else if (op == 6) {
        if (posix_memalign((void **)&q, 64, n ? n : 1)) q = NULL;
        if (q && ((uintptr_t)q & 63)) errors++;
      } else {
        q = malloc(n);
      }
      if (!q && n) { errors++; continue; }
      unsigned char tag = (unsigned char)(r >> 56);
      for (size_t k = 0; k < n; k++) q[k] = (unsigned char)(tag + k);
      s[i].p = q; s[i].n = n; s[i].tag = tag; allocs++;
    }
    if ((iter & 1023) == 0) printf("iter %d sum %016llx\n", iter, (unsigned long long)sum);
  }
  size_t live = 0, bytes = 0;
  for (int i = 0; i < SLOTS; i++) if (s[i].p) { live++; bytes += s[i].n; free(s[i].p); }
  printf("allocs=%lu frees=%lu reallocs=%lu live=%zu bytes=%zu errors=%lu\n", allocs, frees,
         reallocs, live, bytes, errors);
  printf("checksum %016llx\n", (unsigned long long)sum);
  /* big single allocation (brk vs mmap) */
  size_t big = 4u << 20;
  unsigned char *b = malloc(big);
  if (!b) { printf("big malloc failed\n"); return 1; }
  memset(b, 0x5a, big);
  uint64_t t = 0;
  for (size_t k = 0; k < big; k += 4096) t += b[k] + (k >> 12);
  free(b);
  printf("big ok %llu\n", (unsigned long long)t);
  return errors ? 1 : 0;
}
