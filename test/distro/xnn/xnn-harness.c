// A small workload for the distribution corpus: Debian's libXNNPACK (built for rv64gcv, with RVV
// microkernels) running five f32 operators:
//   fully-connected, 3x3 convolution NHWC, 3x3 depthwise convolution, softmax, broadcast multiply.
// Inputs and weights come from a fixed LCG, so the output is a pure function of the library and of the
// vector length it runs at. For each operator it prints the bit patterns of a few outputs and a sum, so
// that two runs agree only when every float agrees bit for bit.
//
// Usage: xnn-harness [THREADS]. Without THREADS (or with 0) every operator runs on the calling thread;
// otherwise on a pthreadpool of THREADS threads, which splits each operator's output into tiles. Every
// output element is computed by the same microkernel in the same order either way, so stdout must not
// change with THREADS (the pool size goes to stderr).
//
// Built by scripts/distro/build-xnn-harness.sh from this file and xnn-api.h (our declarations of the
// library's interface) alone; dynamically linked, so the library code that runs is Debian's.
#include <inttypes.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>

#include "xnn-api.h"

static uint32_t lcg_state = 12345;
static pthreadpool_t pool = NULL; /* NULL: run on the calling thread */

/* A uniform float in [lo, hi) from the top 24 bits of a 32-bit LCG (exactly representable steps). */
static float lcg_float(float lo, float hi) {
  lcg_state = lcg_state * 1664525u + 1013904223u;
  return lo + (hi - lo) * (float)(lcg_state >> 8) * (1.0f / 16777216.0f);
}

static float *random_floats(size_t n, float lo, float hi) {
  float *p = malloc(n * sizeof(float) + XNN_EXTRA_BYTES);
  if (p == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
  for (size_t i = 0; i < n; i++) p[i] = lcg_float(lo, hi);
  return p;
}

static float *zero_floats(size_t n) {
  float *p = calloc(1, n * sizeof(float) + XNN_EXTRA_BYTES);
  if (p == NULL) { fprintf(stderr, "out of memory\n"); exit(1); }
  return p;
}

static uint32_t bits_of(float f) { uint32_t u; memcpy(&u, &f, sizeof u); return u; }
static uint64_t bits_of_double(double d) { uint64_t u; memcpy(&u, &d, sizeof u); return u; }

/* Prints n outputs' count, a few samples as float bits and the sum in double (summed in index order). */
static void report(const char *name, const float *out, size_t n) {
  double sum = 0.0, abs_sum = 0.0;
  uint32_t xor_bits = 0;
  for (size_t i = 0; i < n; i++) {
    sum += out[i];
    abs_sum += out[i] < 0 ? -out[i] : out[i];
    xor_bits ^= bits_of(out[i]) * (uint32_t)(2 * i + 1);
  }
  printf("%s: n=%zu sum=%.17g (%016" PRIx64 ") abs=%.17g xor=%08" PRIx32 "\n", name, n, sum,
         bits_of_double(sum), abs_sum, xor_bits);
  const size_t picks[] = {0, 1, n / 3, n / 2, n - 2, n - 1};
  printf("  samples:");
  for (size_t k = 0; k < sizeof picks / sizeof picks[0]; k++) {
    printf(" [%zu]=%08" PRIx32, picks[k], bits_of(out[picks[k]]));
  }
  printf("\n");
}

static void check(enum xnn_status s, const char *what) {
  if (s != xnn_status_success) {
    fprintf(stderr, "%s failed: status %d\n", what, (int)s);
    exit(1);
  }
}

static void fully_connected(void) {
  const size_t batch = 48, in_ch = 200, out_ch = 136;
  float *input = random_floats(batch * in_ch, -1.0f, 1.0f);
  float *kernel = random_floats(out_ch * in_ch, -0.5f, 0.5f);
  float *bias = random_floats(out_ch, -0.25f, 0.25f);
  float *output = zero_floats(batch * out_ch);
  xnn_operator_t op = NULL;
  check(xnn_create_fully_connected_nc_f32(in_ch, out_ch, in_ch, out_ch, kernel, bias, -INFINITY, INFINITY, 0,
                                          NULL, NULL, &op), "create fully-connected");
  check(xnn_reshape_fully_connected_nc_f32(op, batch, pool), "reshape fully-connected");
  check(xnn_setup_fully_connected_nc_f32(op, input, output), "setup fully-connected");
  check(xnn_run_operator(op, pool), "run fully-connected");
  report("fully-connected 48x200 -> 136", output, batch * out_ch);
  xnn_delete_operator(op);
  free(input); free(kernel); free(bias); free(output);
}

/* A 3x3 convolution, stride 1, padding 1 (same size), with `groups` groups of in/out channels each.
   groups == channels with one channel per group is a depthwise convolution. */
static void convolution(const char *name, size_t groups, size_t group_in, size_t group_out, float out_min,
                        float out_max) {
  const size_t batch = 1, h = 17, w = 15;
  const size_t in_ch = groups * group_in, out_ch = groups * group_out;
  float *input = random_floats(batch * h * w * in_ch, -1.0f, 1.0f);
  float *kernel = random_floats(out_ch * 3 * 3 * group_in, -0.5f, 0.5f);
  float *bias = random_floats(out_ch, -0.1f, 0.1f);
  float *output = zero_floats(batch * h * w * out_ch);
  xnn_operator_t op = NULL;
  check(xnn_create_convolution2d_nhwc_f32(1, 1, 1, 1, 3, 3, 1, 1, 1, 1, (uint32_t)groups, group_in, group_out,
                                          in_ch, out_ch, kernel, bias, out_min, out_max, 0, NULL, NULL, &op),
        name);
  size_t workspace_size = 0, workspace_alignment = 0, out_h = 0, out_w = 0;
  check(xnn_reshape_convolution2d_nhwc_f32(op, batch, h, w, &workspace_size, &workspace_alignment, &out_h, &out_w,
                                           pool), name);
  void *workspace = NULL;
  if (workspace_size != 0 && posix_memalign(&workspace, workspace_alignment < sizeof(void *) ? sizeof(void *)
                                                : workspace_alignment, workspace_size) != 0) {
    fprintf(stderr, "out of memory\n");
    exit(1);
  }
  check(xnn_setup_convolution2d_nhwc_f32(op, workspace, input, output), name);
  check(xnn_run_operator(op, pool), name);
  if (out_h != h || out_w != w) { fprintf(stderr, "%s: unexpected output %zux%zu\n", name, out_h, out_w); exit(1); }
  report(name, output, batch * out_h * out_w * out_ch);
  xnn_delete_operator(op);
  free(workspace); free(input); free(kernel); free(bias); free(output);
}

static void softmax(void) {
  const size_t batch = 24, channels = 1000;
  float *input = random_floats(batch * channels, -8.0f, 8.0f);
  float *output = zero_floats(batch * channels);
  xnn_operator_t op = NULL;
  check(xnn_create_softmax_nc_f32(0, &op), "create softmax");
  check(xnn_reshape_softmax_nc_f32(op, channels, channels, channels, batch, pool), "reshape softmax");
  check(xnn_setup_softmax_nc_f32(op, input, output), "setup softmax");
  check(xnn_run_operator(op, pool), "run softmax");
  report("softmax 24x1000", output, batch * channels);
  free(input); free(output);
  xnn_delete_operator(op);
}

/* Elementwise multiply of a [rows, cols] tensor by a broadcast [cols] row. */
static void multiply(void) {
  const size_t rows = 37, cols = 129;
  float *a = random_floats(rows * cols, -4.0f, 4.0f);
  float *b = random_floats(cols, -2.0f, 2.0f);
  float *output = zero_floats(rows * cols);
  const size_t a_shape[2] = {rows, cols}, b_shape[1] = {cols};
  xnn_operator_t op = NULL;
  check(xnn_create_binary_elementwise_nd(xnn_binary_multiply, xnn_datatype_fp32, NULL, NULL, NULL, 0, &op),
        "create multiply");
  check(xnn_reshape_binary_elementwise_nd(op, 2, a_shape, 1, b_shape, pool), "reshape multiply");
  check(xnn_setup_binary_elementwise_nd(op, a, b, output), "setup multiply");
  check(xnn_run_operator(op, pool), "run multiply");
  report("multiply 37x129 by 129 (broadcast)", output, rows * cols);
  xnn_delete_operator(op);
  free(a); free(b); free(output);
}

int main(int argc, char **argv) {
  const long threads = argc > 1 ? strtol(argv[1], NULL, 10) : 0;
  if (threads < 0) { fprintf(stderr, "usage: xnn-harness [THREADS]\n"); return 2; }

  /* What the library sees of the vector unit (getauxval(AT_HWCAP) bit 'v', then vlenb). */
  const unsigned long hwcap = getauxval(AT_HWCAP);
  const int has_v = (hwcap >> ('v' - 'a')) & 1;
  unsigned long vlenb = 0;
  if (has_v) __asm__ volatile("csrr %0, 0xc22" : "=r"(vlenb)); /* vlenb */
  printf("hwcap v=%d vlenb=%lu\n", has_v, vlenb);

  check(xnn_initialize(NULL), "xnn_initialize");
  if (threads > 0) {
    pool = pthreadpool_create((size_t)threads);
    if (pool == NULL) { fprintf(stderr, "pthreadpool_create(%ld) failed\n", threads); return 1; }
  }
  fprintf(stderr, "pool threads=%zu\n", pool != NULL ? pthreadpool_get_threads_count(pool) : (size_t)1);
  fully_connected();
  convolution("convolution 3x3 NHWC 1x17x15x32 -> 40", 1, 32, 40, -INFINITY, INFINITY);
  convolution("depthwise 3x3 NHWC 1x17x15x40 relu6", 40, 1, 1, 0.0f, 6.0f);
  softmax();
  multiply();
  if (pool != NULL) pthreadpool_destroy(pool);
  check(xnn_deinitialize(), "xnn_deinitialize");
  return 0;
}
