/* f32 3x3 convolution (valid padding) of a 66x66 image and of a 45x31 one: intrinsics (nine vfmacc.vf per
   output row strip, fixed tap order) and auto-vectorized C with the same order of operations. */
#include <riscv_vector.h>
#include "fcommon.h"

static void conv_rvv(int H, int W, const float *in, const float w[9], float bias, float *out) {
  int OH = H - 2, OW = W - 2;
  for (int y = 0; y < OH; y++) {
    for (int x = 0; x < OW;) {
      size_t vl = __riscv_vsetvl_e32m2(OW - x);
      vfloat32m2_t acc = __riscv_vfmv_v_f_f32m2(bias, vl);
      for (int t = 0; t < 9; t++) {
        vfloat32m2_t v = __riscv_vle32_v_f32m2(&in[(y + t / 3) * W + x + t % 3], vl);
        acc = __riscv_vfmacc_vf_f32m2(acc, w[t], v, vl);
      }
      __riscv_vse32_v_f32m2(&out[y * OW + x], acc, vl);
      x += vl;
    }
  }
}

__attribute__((noinline)) static void conv_c(int H, int W, const float *restrict in, const float w[9], float bias, float *restrict out) {
  int OH = H - 2, OW = W - 2;
  for (int y = 0; y < OH; y++)
    for (int x = 0; x < OW; x++) {
      float acc = bias;
      for (int t = 0; t < 9; t++) acc += w[t] * in[(y + t / 3) * W + x + t % 3];
      out[y * OW + x] = acc;
    }
}

static float img[66 * 66], o1[64 * 64], o2[64 * 64];

int main(void) {
  float w[9];
  for (int t = 0; t < 9; t++) w[t] = frand();
  const int shapes[2][2] = {{66, 66}, {45, 31}};
  for (int s = 0; s < 2; s++) {
    int H = shapes[s][0], W = shapes[s][1];
    for (int i = 0; i < H * W; i++) img[i] = frand() * 4.0f;
    conv_rvv(H, W, img, w, 0.125f, o1);
    conv_c(H, W, img, w, 0.125f, o2);
    char name[32];
    snprintf(name, sizeof name, "conv3x3 %dx%d", H, W);
    report(name, o1, (H - 2) * (W - 2));
    printf("auto-vectorized    %s\n", memcmp(o1, o2, sizeof(float) * (H - 2) * (W - 2)) == 0 ? "identical" : "DIFFERENT");
  }
  return 0;
}
