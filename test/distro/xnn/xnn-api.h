// The part of the XNNPACK and pthreadpool C interfaces the harness calls (library version 0.20241108, as
// Debian trixie ships it), declared here so the harness is compiled from this directory alone and only
// links to the libraries at run time. Every name, parameter order and value below must match the library's
// ABI: a mismatch shows up as a wrong result or a failed status in the corpus, against QEMU.
#ifndef XNN_API_H
#define XNN_API_H

#include <stddef.h>
#include <stdint.h>

/* Bytes past the end of every input array the library may read (it never writes there). */
#define XNN_EXTRA_BYTES 16

enum xnn_status { xnn_status_success = 0 };

/* Operand element types (only the one we use). */
enum xnn_datatype { xnn_datatype_fp32 = 1 };

/* Binary elementwise operators: invalid = -1, add = 0, subtract = 1, multiply = 2, ... */
enum xnn_binary_operator { xnn_binary_invalid = -1, xnn_binary_multiply = 2 };

/* Opaque handles. */
typedef struct xnn_operator *xnn_operator_t;
typedef struct pthreadpool *pthreadpool_t;
struct xnn_allocator;
struct xnn_code_cache;
struct xnn_weights_cache_provider;
struct xnn_quantization_params;

/* A pool of threads_count threads (0: one per logical processor); NULL on failure. */
pthreadpool_t pthreadpool_create(size_t threads_count);
size_t pthreadpool_get_threads_count(pthreadpool_t threadpool);
void pthreadpool_destroy(pthreadpool_t threadpool);

enum xnn_status xnn_initialize(const struct xnn_allocator *allocator);
enum xnn_status xnn_deinitialize(void);
enum xnn_status xnn_run_operator(xnn_operator_t op, pthreadpool_t threadpool);
enum xnn_status xnn_delete_operator(xnn_operator_t op);

enum xnn_status xnn_create_fully_connected_nc_f32(size_t input_channels, size_t output_channels, size_t input_stride,
                                                  size_t output_stride, const float *kernel, const float *bias,
                                                  float output_min, float output_max, uint32_t flags,
                                                  struct xnn_code_cache *code_cache,
                                                  struct xnn_weights_cache_provider *weights_cache,
                                                  xnn_operator_t *op_out);
enum xnn_status xnn_reshape_fully_connected_nc_f32(xnn_operator_t op, size_t batch_size, pthreadpool_t threadpool);
enum xnn_status xnn_setup_fully_connected_nc_f32(xnn_operator_t op, const float *input, float *output);

enum xnn_status xnn_create_convolution2d_nhwc_f32(
    uint32_t input_padding_top, uint32_t input_padding_right, uint32_t input_padding_bottom,
    uint32_t input_padding_left, uint32_t kernel_height, uint32_t kernel_width, uint32_t subsampling_height,
    uint32_t subsampling_width, uint32_t dilation_height, uint32_t dilation_width, uint32_t groups,
    size_t group_input_channels, size_t group_output_channels, size_t input_channel_stride,
    size_t output_channel_stride, const float *kernel, const float *bias, float output_min, float output_max,
    uint32_t flags, struct xnn_code_cache *code_cache, struct xnn_weights_cache_provider *weights_cache,
    xnn_operator_t *op_out);
enum xnn_status xnn_reshape_convolution2d_nhwc_f32(xnn_operator_t op, size_t batch_size, size_t input_height,
                                                   size_t input_width, size_t *workspace_size,
                                                   size_t *workspace_alignment, size_t *output_height_out,
                                                   size_t *output_width_out, pthreadpool_t threadpool);
enum xnn_status xnn_setup_convolution2d_nhwc_f32(xnn_operator_t op, void *workspace, const float *input,
                                                 float *output);

enum xnn_status xnn_create_softmax_nc_f32(uint32_t flags, xnn_operator_t *op_out);
enum xnn_status xnn_reshape_softmax_nc_f32(xnn_operator_t op, size_t channels, size_t input_stride,
                                           size_t output_stride, size_t batch_size, pthreadpool_t threadpool);
enum xnn_status xnn_setup_softmax_nc_f32(xnn_operator_t op, const float *input, float *output);

enum xnn_status xnn_create_binary_elementwise_nd(enum xnn_binary_operator type, enum xnn_datatype datatype,
                                                 const struct xnn_quantization_params *input1_quantization,
                                                 const struct xnn_quantization_params *input2_quantization,
                                                 const struct xnn_quantization_params *output_quantization,
                                                 uint32_t flags, xnn_operator_t *op_out);
enum xnn_status xnn_reshape_binary_elementwise_nd(xnn_operator_t op, size_t num_input1_dims,
                                                  const size_t *input1_shape, size_t num_input2_dims,
                                                  const size_t *input2_shape, pthreadpool_t threadpool);
enum xnn_status xnn_setup_binary_elementwise_nd(xnn_operator_t op, const void *input1, const void *input2,
                                                void *output);

#endif
