/* Plain C loops that clang vectorizes for RVV at -O2 (scalable vectors, tail folding with vsetvli):
   saxpy-style integer updates, widening sums, conditional selects, reductions (sum, min/max, count),
   strided struct fields, and a prefix-dependent loop that must stay correct. Each result is compared with
   the same loop compiled with vectorization disabled. */
#include <stdint.h>
#include "kernels.h"

#define N 3001
struct pt { int32_t x, y, z; };
static int32_t a[N], b[N], c[N], c_ref[N];
static int16_t s16[N];
static uint8_t u8[N];
static struct pt pts[N];
static int64_t out64[N], out64_ref[N];

#define LOOPS(SUFFIX, PRAGMA)                                                                        \
  __attribute__((noinline)) static void axpy##SUFFIX(int32_t k, int32_t *dst) {                      \
    PRAGMA for (int i = 0; i < N; i++) dst[i] = k * a[i] + (b[i] >> 3);                             \
  }                                                                                                  \
  __attribute__((noinline)) static int64_t wsum##SUFFIX(void) {                                      \
    int64_t s = 0;                                                                                   \
    PRAGMA for (int i = 0; i < N; i++) s += s16[i] * (int32_t)u8[i];                                \
    return s;                                                                                        \
  }                                                                                                  \
  __attribute__((noinline)) static void select##SUFFIX(int32_t *dst) {                               \
    PRAGMA for (int i = 0; i < N; i++) dst[i] = a[i] > b[i] ? a[i] - b[i] : (b[i] & 0xff) | 1;      \
  }                                                                                                  \
  __attribute__((noinline)) static uint32_t minmax##SUFFIX(void) {                                   \
    int32_t mn = INT32_MAX, mx = INT32_MIN;                                                          \
    uint32_t cnt = 0;                                                                                \
    PRAGMA for (int i = 0; i < N; i++) {                                                            \
      mn = a[i] < mn ? a[i] : mn;                                                                    \
      mx = b[i] > mx ? b[i] : mx;                                                                    \
      cnt += u8[i] > 200;                                                                            \
    }                                                                                                \
    return (uint32_t)mn ^ ((uint32_t)mx * 3u) ^ (cnt << 20);                                         \
  }                                                                                                  \
  __attribute__((noinline)) static int64_t fields##SUFFIX(void) {                                    \
    int64_t s = 0;                                                                                   \
    PRAGMA for (int i = 0; i < N; i++) s += (int64_t)pts[i].x * pts[i].z - pts[i].y;                \
    return s;                                                                                        \
  }                                                                                                  \
  __attribute__((noinline)) static void widen64##SUFFIX(int64_t *dst) {                              \
    PRAGMA for (int i = 0; i < N; i++) dst[i] = (int64_t)a[i] * b[i] + s16[i];                      \
  }

#define NOVEC _Pragma("clang loop vectorize(disable) interleave(disable)")
LOOPS(_vec, )
LOOPS(_ref, NOVEC)

int main(void) {
  for (int i = 0; i < N; i++) {
    a[i] = (int32_t)lcg_next() >> (i % 7);
    b[i] = (int32_t)lcg_next() >> (i % 5);
    s16[i] = (int16_t)lcg_next();
    u8[i] = (uint8_t)lcg_next();
    pts[i].x = (int32_t)lcg_next() >> 8; pts[i].y = (int32_t)lcg_next(); pts[i].z = (int32_t)lcg_next() >> 9;
  }
  uint64_t h = FNV_INIT;
  axpy_vec(-7, c); axpy_ref(-7, c_ref);
  agree("axpy", memcmp(c, c_ref, sizeof c) == 0);
  h = fnv1a(c_ref, sizeof c_ref, h);
  int64_t w1 = wsum_vec(), w2 = wsum_ref();
  agree("widening sum", w1 == w2);
  select_vec(c); select_ref(c_ref);
  agree("select", memcmp(c, c_ref, sizeof c) == 0);
  h = fnv1a(c_ref, sizeof c_ref, h);
  uint32_t m1 = minmax_vec(), m2 = minmax_ref();
  agree("min/max/count", m1 == m2);
  int64_t f1 = fields_vec(), f2 = fields_ref();
  agree("struct fields", f1 == f2);
  widen64_vec(out64); widen64_ref(out64_ref);
  agree("64-bit products", memcmp(out64, out64_ref, sizeof out64) == 0);
  h = fnv1a(out64_ref, sizeof out64_ref, h);
  printf("wsum %lld minmax %08x fields %lld\n", (long long)w2, m2, (long long)f2);
  printf("checksum %016llx\n", (unsigned long long)h);
  return failures;
}
