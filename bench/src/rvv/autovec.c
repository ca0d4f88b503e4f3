/* Plain C loop nests that clang vectorizes at -O3 -march=rv64gcv (no intrinsics): an int32 matrix multiply
   in i-k-j order, a float saxpy sweep over a 2-D array, a 5-point int16 stencil widened to int32, and an
   int32 dot product (a vector reduction).
   Usage: autovec [n] [reps]   (n x n arrays, default 128, 1 rep) */
#include "common.h"

__attribute__((noinline)) static void matmul(int n, const int32_t *restrict a, const int32_t *restrict b, int32_t *restrict c) {
  for (int i = 0; i < n; i++) {
    for (int j = 0; j < n; j++) c[i * n + j] = 0;
    for (int k = 0; k < n; k++) {
      int32_t s = a[i * n + k];
      for (int j = 0; j < n; j++) c[i * n + j] += s * b[k * n + j];
    }
  }
}

__attribute__((noinline)) static void saxpy2d(int n, float alpha, const float *restrict x, float *restrict y) {
  for (int i = 0; i < n; i++)
    for (int j = 0; j < n; j++) y[i * n + j] = alpha * x[i * n + j] + y[i * n + j];
}

__attribute__((noinline)) static void stencil(int n, const int16_t *restrict in, int32_t *restrict out) {
  for (int i = 1; i < n - 1; i++)
    for (int j = 1; j < n - 1; j++)
      out[i * n + j] = 4 * (int32_t)in[i * n + j] - in[(i - 1) * n + j] - in[(i + 1) * n + j] - in[i * n + j - 1] - in[i * n + j + 1];
}

__attribute__((noinline)) static int64_t dot(int n, const int32_t *restrict a, const int32_t *restrict b) {
  int64_t s = 0;
  for (int i = 0; i < n; i++) s += (int64_t)a[i] * b[i];
  return s;
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 128, reps = argc > 2 ? atoi(argv[2]) : 1;
  size_t nn = (size_t)n * n;
  int32_t *a = malloc(4 * nn), *b = malloc(4 * nn), *c = malloc(4 * nn), *o = calloc(nn, 4);
  float *x = malloc(4 * nn), *y = malloc(4 * nn);
  int16_t *img = malloc(2 * nn);
  for (size_t i = 0; i < nn; i++) {
    a[i] = (int32_t)(lcg() >> 20) - 2048; b[i] = (int32_t)(lcg() >> 20) - 2048;
    x[i] = frand(); y[i] = frand(); img[i] = (int16_t)(lcg() >> 16);
  }
  uint32_t h = 0;
  int64_t d = 0;
  for (int r = 0; r < reps; r++) {
    matmul(n, a, b, c);
    saxpy2d(n, 0.5f + 0.001f * r, x, y);
    stencil(n, img, o);
    d += dot((int)nn, c, a);
    a[r % nn] += o[(r * 7919) % nn] & 7; /* each rep depends on the last */
  }
  h = hash32(c, nn) * 31 + hash32(o, nn);
  printf("autovec %dx%d x%d matmul+stencil=%08x dot=%lld\n", n, n, reps, h, (long long)d);
  report_f32("saxpy2d", y, nn);
  return 0;
}
