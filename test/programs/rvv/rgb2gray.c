/* RGB -> gray with segment loads: vlseg3e8 splits interleaved pixels into R, G, B; the weighted sum is
   computed in 16 bits (vwmulu, vwmaccu) and narrowed with rounding (vnclipu, vxrm = round-to-nearest-up).
   A second pass uses strided loads (vlse8) for the same result, and vsseg3e8 writes an inverted image. */
#include <riscv_vector.h>
#include "kernels.h"

#define W 123
#define H 77
#define NPIX (W * H)
static uint8_t rgb[NPIX * 3], gray1[NPIX], gray2[NPIX], gray_ref[NPIX], inv[NPIX * 3], inv_ref[NPIX * 3];

static void gray_seg(const uint8_t *src, uint8_t *dst, size_t n) {
  for (size_t vl; n > 0; n -= vl, src += 3 * vl, dst += vl) {
    vl = __riscv_vsetvl_e8m2(n);
    vuint8m2x3_t px = __riscv_vlseg3e8_v_u8m2x3(src, vl);
    vuint8m2_t r = __riscv_vget_v_u8m2x3_u8m2(px, 0), g = __riscv_vget_v_u8m2x3_u8m2(px, 1), b = __riscv_vget_v_u8m2x3_u8m2(px, 2);
    vuint16m4_t acc = __riscv_vwmulu_vx_u16m4(r, 77, vl);
    acc = __riscv_vwmaccu_vx_u16m4(acc, 150, g, vl);
    acc = __riscv_vwmaccu_vx_u16m4(acc, 29, b, vl);
    /* (acc + 128) >> 8 with rnu rounding; 255 * 256 fits, so nothing saturates. */
    __riscv_vse8_v_u8m2(dst, __riscv_vnclipu_wx_u8m2(acc, 8, __RISCV_VXRM_RNU, vl), vl);
  }
}

static void gray_strided(const uint8_t *src, uint8_t *dst, size_t n) {
  for (size_t vl; n > 0; n -= vl, src += 3 * vl, dst += vl) {
    vl = __riscv_vsetvl_e8m1(n);
    vuint16m2_t acc = __riscv_vmv_v_x_u16m2(128, vl);
    acc = __riscv_vwmaccu_vx_u16m2(acc, 77, __riscv_vlse8_v_u8m1(src, 3, vl), vl);
    acc = __riscv_vwmaccu_vx_u16m2(acc, 150, __riscv_vlse8_v_u8m1(src + 1, 3, vl), vl);
    acc = __riscv_vwmaccu_vx_u16m2(acc, 29, __riscv_vlse8_v_u8m1(src + 2, 3, vl), vl);
    __riscv_vse8_v_u8m1(dst, __riscv_vnsrl_wx_u8m1(acc, 8, vl), vl);
  }
}

/* Swap R and B and invert G, writing interleaved pixels back with vsseg3e8. */
static void swizzle(const uint8_t *src, uint8_t *dst, size_t n) {
  for (size_t vl; n > 0; n -= vl, src += 3 * vl, dst += 3 * vl) {
    vl = __riscv_vsetvl_e8m1(n);
    vuint8m1x3_t px = __riscv_vlseg3e8_v_u8m1x3(src, vl);
    vuint8m1_t r = __riscv_vget_v_u8m1x3_u8m1(px, 0), g = __riscv_vget_v_u8m1x3_u8m1(px, 1), b = __riscv_vget_v_u8m1x3_u8m1(px, 2);
    vuint8m1x3_t out = __riscv_vcreate_v_u8m1x3(b, __riscv_vnot_v_u8m1(g, vl), r);
    __riscv_vsseg3e8_v_u8m1x3(dst, out, vl);
  }
}

int main(void) {
  for (int i = 0; i < NPIX * 3; i++) rgb[i] = (uint8_t)lcg_next();
  rgb[0] = rgb[1] = rgb[2] = 255;
  rgb[3] = rgb[4] = rgb[5] = 0;
  SCALAR_LOOP
  for (int i = 0; i < NPIX; i++) {
    gray_ref[i] = (uint8_t)((77 * rgb[3 * i] + 150 * rgb[3 * i + 1] + 29 * rgb[3 * i + 2] + 128) >> 8);
    inv_ref[3 * i] = rgb[3 * i + 2];
    inv_ref[3 * i + 1] = (uint8_t)~rgb[3 * i + 1];
    inv_ref[3 * i + 2] = rgb[3 * i];
  }
  gray_seg(rgb, gray1, NPIX);
  gray_strided(rgb, gray2, NPIX);
  swizzle(rgb, inv, NPIX);
  agree("gray vlseg3e8+vnclipu", memcmp(gray1, gray_ref, NPIX) == 0);
  agree("gray vlse8+vnsrl", memcmp(gray2, gray_ref, NPIX) == 0);
  agree("swizzle vlseg3e8+vsseg3e8", memcmp(inv, inv_ref, sizeof inv) == 0);
  unsigned long hist = 0;
  for (int i = 0; i < NPIX; i++) hist += gray_ref[i];
  printf("gray[0]=%u gray[1]=%u mean*1000=%lu\n", gray_ref[0], gray_ref[1], hist * 1000 / NPIX);
  printf("checksum %016llx\n", (unsigned long long)fnv1a(inv, sizeof inv, fnv1a(gray_ref, NPIX, FNV_INIT)));
  return failures;
}
