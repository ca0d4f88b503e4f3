// Integer mix benchmark: SHA-256, CRC32, sorting and integer matrix multiply over generated data.
// Prints one checksum line per part so a wrong result is visible, not only a slow one.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t rng_state = 12345;
static uint32_t rng(void) { rng_state ^= rng_state << 13; rng_state ^= rng_state >> 17; rng_state ^= rng_state << 5; return rng_state; }

static const uint32_t K[64] = {
  0x428a2f98,0x71374491,0xb5c0fbcf,0xe9b5dba5,0x3956c25b,0x59f111f1,0x923f82a4,0xab1c5ed5,0xd807aa98,0x12835b01,0x243185be,0x550c7dc3,
  0x72be5d74,0x80deb1fe,0x9bdc06a7,0xc19bf174,0xe49b69c1,0xefbe4786,0x0fc19dc6,0x240ca1cc,0x2de92c6f,0x4a7484aa,0x5cb0a9dc,0x76f988da,
  0x983e5152,0xa831c66d,0xb00327c8,0xbf597fc7,0xc6e00bf3,0xd5a79147,0x06ca6351,0x14292967,0x27b70a85,0x2e1b2138,0x4d2c6dfc,0x53380d13,
  0x650a7354,0x766a0abb,0x81c2c92e,0x92722c85,0xa2bfe8a1,0xa81a664b,0xc24b8b70,0xc76c51a3,0xd192e819,0xd6990624,0xf40e3585,0x106aa070,
  0x19a4c116,0x1e376c08,0x2748774c,0x34b0bcb5,0x391c0cb3,0x4ed8aa4a,0x5b9cca4f,0x682e6ff3,0x748f82ee,0x78a5636f,0x84c87814,0x8cc70208,
  0x90befffa,0xa4506ceb,0xbef9a3f7,0xc67178f2};
#define ROR(x,n) (((x) >> (n)) | ((x) << (32 - (n))))
static void sha256_block(uint32_t h[8], const uint8_t *p) {
  uint32_t w[64];
  for (int i = 0; i < 16; i++) w[i] = (uint32_t)p[4*i] << 24 | (uint32_t)p[4*i+1] << 16 | (uint32_t)p[4*i+2] << 8 | p[4*i+3];
  for (int i = 16; i < 64; i++) {
    uint32_t s0 = ROR(w[i-15],7) ^ ROR(w[i-15],18) ^ (w[i-15] >> 3), s1 = ROR(w[i-2],17) ^ ROR(w[i-2],19) ^ (w[i-2] >> 10);
    w[i] = w[i-16] + s0 + w[i-7] + s1;
  }
  uint32_t a=h[0],b=h[1],c=h[2],d=h[3],e=h[4],f=h[5],g=h[6],hh=h[7];
  for (int i = 0; i < 64; i++) {
    uint32_t t1 = hh + (ROR(e,6) ^ ROR(e,11) ^ ROR(e,25)) + ((e & f) ^ (~e & g)) + K[i] + w[i];
    uint32_t t2 = (ROR(a,2) ^ ROR(a,13) ^ ROR(a,22)) + ((a & b) ^ (a & c) ^ (b & c));
    hh=g; g=f; f=e; e=d+t1; d=c; c=b; b=a; a=t1+t2;
  }
  h[0]+=a; h[1]+=b; h[2]+=c; h[3]+=d; h[4]+=e; h[5]+=f; h[6]+=g; h[7]+=hh;
}
static uint32_t crc_table[256];
static uint32_t crc32(const uint8_t *p, size_t n) {
  uint32_t c = 0xffffffff;
  for (size_t i = 0; i < n; i++) c = crc_table[(c ^ p[i]) & 0xff] ^ (c >> 8);
  return c ^ 0xffffffff;
}
static int cmp_u64(const void *a, const void *b) { uint64_t x = *(const uint64_t*)a, y = *(const uint64_t*)b; return x < y ? -1 : x > y; }

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : 4;
  size_t n = 65536 * (size_t)scale;
  uint8_t *buf = malloc(n);
  for (size_t i = 0; i < n; i++) buf[i] = (uint8_t)rng();
  uint32_t h[8] = {0x6a09e667,0xbb67ae85,0x3c6ef372,0xa54ff53a,0x510e527f,0x9b05688c,0x1f83d9ab,0x5be0cd19};
  for (int r = 0; r < 4; r++) for (size_t i = 0; i + 64 <= n; i += 64) sha256_block(h, buf + i);
  printf("sha256 %08x%08x%08x%08x\n", h[0], h[1], h[2], h[3]);

  for (uint32_t i = 0; i < 256; i++) { uint32_t c = i; for (int k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >> 1) : c >> 1; crc_table[i] = c; }
  uint32_t crc = 0;
  for (int r = 0; r < 8; r++) { buf[r] ^= (uint8_t)r; crc = crc * 31 + crc32(buf, n); }
  printf("crc32 %08x\n", crc);

  size_t m = 16384 * (size_t)scale;
  uint64_t *v = malloc(m * sizeof *v);
  for (size_t i = 0; i < m; i++) v[i] = (uint64_t)rng() << 32 | rng();
  qsort(v, m, sizeof *v, cmp_u64);
  uint64_t sorted = 1, acc = 0;
  for (size_t i = 1; i < m; i++) { sorted &= v[i-1] <= v[i]; acc = acc * 31 + v[i]; }
  printf("sort %d %016llx\n", (int)sorted, (unsigned long long)acc);

  int dim = 48 + 8 * scale;
  int32_t *A = malloc(sizeof(int32_t) * dim * dim), *B = malloc(sizeof(int32_t) * dim * dim), *C = calloc((size_t)dim * dim, sizeof(int32_t));
  for (int i = 0; i < dim * dim; i++) { A[i] = (int32_t)(rng() % 201) - 100; B[i] = (int32_t)(rng() % 201) - 100; }
  for (int i = 0; i < dim; i++) for (int k = 0; k < dim; k++) { int32_t a = A[i*dim+k]; for (int j = 0; j < dim; j++) C[i*dim+j] += a * B[k*dim+j]; }
  int64_t cs = 0;
  for (int i = 0; i < dim * dim; i++) cs = cs * 7 + C[i];
  printf("matmul %d %lld\n", dim, (long long)cs);
  return 0;
}
