// Memory-bound benchmark: large memset and memcpy (the C library's) over buffers far bigger than any cache,
// then pointer chasing through a random cyclic permutation (every load depends on the one before).
// Usage: memory [scale] [MiB]   (scale rounds over two MiB-sized buffers, default 8 MiB, and scale * MiB * 131072
// chase steps through as many nodes) prints checksums of the buffers and of the chase.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static uint32_t rng = 2463534242u;
static uint32_t xorshift(void) { rng ^= rng << 13; rng ^= rng >> 17; rng ^= rng << 5; return rng; }

static uint64_t fnv(const uint8_t *p, size_t n, size_t step) {
  uint64_t h = 1469598103934665603ull;
  for (size_t i = 0; i < n; i += step) h = (h ^ p[i]) * 1099511628211ull;
  return h;
}

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : 1, mib = argc > 2 ? atoi(argv[2]) : 8;
  if (mib < 1) mib = 1;
  const size_t BUF = (size_t)mib << 20;       /* bytes per buffer */
  const uint32_t NODES = (uint32_t)mib << 17; /* pointer-chase nodes (half a buffer of links) */
  uint8_t *a = malloc(BUF), *b = malloc(BUF);
  uint32_t *next = malloc(NODES * sizeof *next);
  if (!a || !b || !next) { fputs("out of memory\n", stderr); return 1; }

  uint64_t check = 0;
  for (int r = 0; r < scale; r++) {
    memset(a, 0x11 + r, BUF);
    for (size_t i = 0; i < BUF; i += 4096) a[i + (r & 4095)] = (uint8_t)(i >> 12);
    memcpy(b, a, BUF);
    memmove(b + 1, b, BUF - 1);            /* overlapping: byte-by-byte semantics */
    memcpy(a + 3, b + 5, BUF - 8);          /* misaligned source and destination */
    check = check * 31 + fnv(a, BUF, 61) + fnv(b, BUF, 67);
  }
  printf("buffers %016llx\n", (unsigned long long)check);

  /* Sattolo's algorithm: a single cycle through all nodes. */
  for (uint32_t i = 0; i < NODES; i++) next[i] = i;
  for (uint32_t i = NODES - 1; i > 0; i--) {
    uint32_t j = xorshift() % i, t = next[i];
    next[i] = next[j]; next[j] = t;
  }
  uint64_t sum = 0;
  uint32_t p = 0;
  for (uint64_t s = 0; s < (uint64_t)NODES * scale; s++) { p = next[p]; sum += p ^ (uint32_t)s; }
  printf("chase %u steps %llu, at %u, sum %016llx\n", NODES, (unsigned long long)NODES * scale, p, (unsigned long long)sum);
  free(a); free(b); free(next);
  return 0;
}
