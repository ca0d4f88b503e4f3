/* 3x3 convolution of an f32 image (valid padding) with RVV intrinsics: each output row strip-mined over x,
   nine vfmacc.vf per strip (one per tap, each on an unaligned vle32 of the input row).
   Usage: conv3x3 [size] [reps]   (size x size image, default 256, 1 rep) */
#include <riscv_vector.h>
#include "common.h"

static void conv(int w, int hgt, const float *in, const float *k, float *out) {
  int ow = w - 2;
  for (int y = 0; y < hgt - 2; y++)
    for (int x = 0; x < ow;) {
      size_t vl = __riscv_vsetvl_e32m2(ow - x);
      vfloat32m2_t acc = __riscv_vfmv_v_f_f32m2(0.0f, vl);
      for (int dy = 0; dy < 3; dy++)
        for (int dx = 0; dx < 3; dx++)
          acc = __riscv_vfmacc_vf_f32m2(acc, k[dy * 3 + dx], __riscv_vle32_v_f32m2(&in[(y + dy) * w + x + dx], vl), vl);
      __riscv_vse32_v_f32m2(&out[y * ow + x], acc, vl);
      x += vl;
    }
}

int main(int argc, char **argv) {
  int n = argc > 1 ? atoi(argv[1]) : 256, reps = argc > 2 ? atoi(argv[2]) : 1;
  float *img = malloc(sizeof(float) * n * n), *out = malloc(sizeof(float) * n * n);
  float k[9];
  for (int i = 0; i < n * n; i++) img[i] = frand();
  for (int i = 0; i < 9; i++) k[i] = frand() * 0.5f;
  for (int r = 0; r < reps; r++) {
    conv(n, n, img, k, out);
    k[r % 9] += out[(r * 7919) % ((n - 2) * (n - 2))] * 0.001f; /* each rep depends on the last */
  }
  char name[48];
  snprintf(name, sizeof name, "conv3x3 %dx%d x%d", n, n, reps);
  report_f32(name, out, (size_t)(n - 2) * (n - 2));
  return 0;
}
