/* mlp.c - tiny neural-network inference demo (no external data).
 *
 * A 2-layer MLP classifies 8x8 binary glyphs into 4 classes ("0", "1", "7",
 * "X"). The weights are built deterministically: each hidden unit is a noisy
 * template matcher (template from the class glyphs + xorshift noise), and the
 * output layer sums its hidden units. Inference is done twice:
 *   - f32:  GEMV + bias + ReLU, GEMV + bias, softmax (expf)
 *   - int8: symmetric per-tensor quantization, int32 accumulation, dequantize
 * and the program prints the class scores, probabilities and argmax of both.
 * Exit status 0 if every sample is classified correctly by both paths.
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#define IN 64
#define HID 32
#define OUT 4

static const char *class_names[OUT] = {"zero", "one", "seven", "cross"};

static const char *glyphs[OUT][8] = {
  {"..####..", ".#....#.", "#......#", "#......#", "#......#", "#......#", ".#....#.", "..####.."},
  {"...##...", "..###...", ".#.##...", "...##...", "...##...", "...##...", "...##...", ".######."},
  {"########", "......#.", ".....#..", "....#...", "...#....", "..#.....", ".#......", "#......."},
  {"#......#", ".#....#.", "..#..#..", "...##...", "...##...", "..#..#..", ".#....#.", "#......#"},
};

/* test inputs: each glyph with a few pixels flipped */
static const struct { int cls; int flips[4]; } samples[] = {
  {0, {3, 20, 45, -1}}, {1, {0, 27, 62, -1}}, {2, {9, 33, 50, 7}}, {3, {1, 28, 36, -1}},
  {0, {-1, -1, -1, -1}}, {2, {63, 40, -1, -1}},
};

static uint32_t rng = 2463534242u;
static uint32_t xorshift32(void) {
  rng ^= rng << 13;
  rng ^= rng >> 17;
  rng ^= rng << 5;
  return rng;
}
static float noise(void) { return ((float)(xorshift32() & 0xffff) / 65535.0f - 0.5f) * 0.2f; }

static float W1[HID][IN], b1[HID], W2[OUT][HID], b2[OUT];

static void build_weights(void) {
  for (int h = 0; h < HID; h++) {
    int c = h % OUT;
    for (int i = 0; i < IN; i++) {
      float t = glyphs[c][i / 8][i % 8] == '#' ? 1.0f : -0.5f;
      W1[h][i] = t * 0.125f + noise() * 0.125f;
    }
    b1[h] = -0.25f + noise();
  }
  for (int o = 0; o < OUT; o++) {
    for (int h = 0; h < HID; h++) W2[o][h] = (h % OUT == o) ? 0.5f : -0.125f;
    b2[o] = 0.0f;
  }
}

static void load_sample(int s, float x[IN]) {
  int c = samples[s].cls;
  for (int i = 0; i < IN; i++) x[i] = glyphs[c][i / 8][i % 8] == '#' ? 1.0f : 0.0f;
  for (int k = 0; k < 4; k++)
    if (samples[s].flips[k] >= 0) x[samples[s].flips[k]] = 1.0f - x[samples[s].flips[k]];
}

static void softmax(const float *z, float *p, int n) {
  float m = z[0], sum = 0.0f;
  for (int i = 1; i < n; i++) if (z[i] > m) m = z[i];
  for (int i = 0; i < n; i++) { p[i] = expf(z[i] - m); sum += p[i]; }
  for (int i = 0; i < n; i++) p[i] /= sum;
}

static int argmax(const float *v, int n) {
  int best = 0;
  for (int i = 1; i < n; i++) if (v[i] > v[best]) best = i;
  return best;
}

static int forward_f32(const float x[IN], float logits[OUT]) {
  float h[HID];
  for (int j = 0; j < HID; j++) {
    float acc = b1[j];
    for (int i = 0; i < IN; i++) acc += W1[j][i] * x[i];
    h[j] = acc > 0.0f ? acc : 0.0f; /* ReLU */
  }
  for (int o = 0; o < OUT; o++) {
    float acc = b2[o];
    for (int j = 0; j < HID; j++) acc += W2[o][j] * h[j];
    logits[o] = acc;
  }
  return argmax(logits, OUT);
}

/* int8 path */
static int8_t qW1[HID][IN], qW2[OUT][HID];
static float sW1, sW2;

static float absmax(const float *v, int n) {
  float m = 0.0f;
  for (int i = 0; i < n; i++) { float a = fabsf(v[i]); if (a > m) m = a; }
  return m;
}
static int8_t q8(float v, float scale) {
  long r = lrintf(v / scale);
  if (r > 127) r = 127;
  if (r < -127) r = -127;
  return (int8_t)r;
}
static void quantize_weights(void) {
  sW1 = absmax(&W1[0][0], HID * IN) / 127.0f;
  sW2 = absmax(&W2[0][0], OUT * HID) / 127.0f;
  for (int j = 0; j < HID; j++) for (int i = 0; i < IN; i++) qW1[j][i] = q8(W1[j][i], sW1);
  for (int o = 0; o < OUT; o++) for (int j = 0; j < HID; j++) qW2[o][j] = q8(W2[o][j], sW2);
}

static int forward_int8(const float x[IN], float logits[OUT], int32_t *checksum) {
  int8_t qx[IN], qh[HID];
  float sx = absmax(x, IN) / 127.0f;
  if (sx == 0.0f) sx = 1.0f;
  for (int i = 0; i < IN; i++) qx[i] = q8(x[i], sx);
  float h[HID];
  for (int j = 0; j < HID; j++) {
    int32_t acc = 0;
    for (int i = 0; i < IN; i++) acc += (int32_t)qW1[j][i] * qx[i];
    *checksum = *checksum * 31 + acc;
    float v = (float)acc * sW1 * sx + b1[j];
    h[j] = v > 0.0f ? v : 0.0f;
  }
  float sh = absmax(h, HID) / 127.0f;
  if (sh == 0.0f) sh = 1.0f;
  for (int j = 0; j < HID; j++) qh[j] = q8(h[j], sh);
  for (int o = 0; o < OUT; o++) {
    int32_t acc = 0;
    for (int j = 0; j < HID; j++) acc += (int32_t)qW2[o][j] * qh[j];
    *checksum = *checksum * 31 + acc;
    logits[o] = (float)acc * sW2 * sh + b2[o];
  }
  return argmax(logits, OUT);
}

int main(void) {
  build_weights();
  quantize_weights();
  printf("MLP %d-%d-%d, int8 scales W1=%.6g W2=%.6g\n", IN, HID, OUT, sW1, sW2);
  int correct = 0, n = (int)(sizeof samples / sizeof samples[0]);
  int32_t checksum = 0;
  for (int s = 0; s < n; s++) {
    float x[IN], lf[OUT], li[OUT], pf[OUT], pi[OUT];
    load_sample(s, x);
    int cf = forward_f32(x, lf);
    int ci = forward_int8(x, li, &checksum);
    softmax(lf, pf, OUT);
    softmax(li, pi, OUT);
    printf("sample %d (label %-5s): f32 logits", s, class_names[samples[s].cls]);
    for (int o = 0; o < OUT; o++) printf(" %8.4f", lf[o]);
    printf(" probs");
    for (int o = 0; o < OUT; o++) printf(" %.4f", pf[o]);
    printf(" -> %s | int8 logits", class_names[cf]);
    for (int o = 0; o < OUT; o++) printf(" %8.4f", li[o]);
    printf(" -> %s\n", class_names[ci]);
    correct += (cf == samples[s].cls) + (ci == samples[s].cls);
  }
  printf("correct %d/%d int8-checksum %08x\n", correct, 2 * n, (unsigned)checksum);
  return correct == 2 * n ? 0 : 1;
}
