/* A compress/gather pipeline: keep the elements above a threshold (vmsgtu + vcompress + vcpop), map each
   kept byte through a 64-entry table held in a register group (vrgather.vv), byte-swap 32-bit words
   (vrgather with vid ^ 3 indices), and look up 16-bit indices with vrgatherei16. */
#include <riscv_vector.h>
#include "kernels.h"

#define N 5003
static uint8_t in[N], kept[N], kept_ref[N], mapped[N], mapped_ref[N], table[64];
static uint32_t words[N / 4 * 4], swapped[N / 4 * 4], swapped_ref[N / 4 * 4];
static uint16_t idx16[N], pal16[256], looked[N], looked_ref[N];

static size_t compress_above(const uint8_t *src, uint8_t *dst, size_t n, uint8_t t) {
  size_t out = 0;
  for (size_t vl; n > 0; n -= vl, src += vl) {
    vl = __riscv_vsetvl_e8m4(n);
    vuint8m4_t v = __riscv_vle8_v_u8m4(src, vl);
    vbool2_t m = __riscv_vmsgtu_vx_u8m4_b2(v, t, vl);
    size_t k = __riscv_vcpop_m_b2(m, vl);
    __riscv_vse8_v_u8m4(dst + out, __riscv_vcompress_vm_u8m4(v, m, vl), k);
    out += k;
  }
  return out;
}

static void map_table(const uint8_t *src, uint8_t *dst, size_t n) {
  /* The table needs 64 elements: e8 with LMUL 4 holds at least 64 from VLEN 128 up. */
  vuint8m4_t tab = __riscv_vle8_v_u8m4(table, 64);
  for (size_t vl; n > 0; n -= vl, src += vl, dst += vl) {
    vl = __riscv_vsetvl_e8m4(n);
    vuint8m4_t i = __riscv_vand_vx_u8m4(__riscv_vle8_v_u8m4(src, vl), 63, vl);
    __riscv_vse8_v_u8m4(dst, __riscv_vrgather_vv_u8m4(tab, i, vl), vl);
  }
}

static void bswap32(const uint32_t *src, uint32_t *dst, size_t nwords) {
  size_t n = nwords * 4;
  const uint8_t *s = (const uint8_t *)src;
  uint8_t *d = (uint8_t *)dst;
  for (size_t vl; n > 0; n -= vl, s += vl, d += vl) {
    vl = __riscv_vsetvl_e8m2(n); /* a multiple of 4 whenever n is */
    vuint8m2_t idx = __riscv_vxor_vx_u8m2(__riscv_vid_v_u8m2(vl), 3, vl);
    __riscv_vse8_v_u8m2(d, __riscv_vrgather_vv_u8m2(__riscv_vle8_v_u8m2(s, vl), idx, vl), vl);
  }
}

/* looked[i] = pal16[idx16[i] & 255], the palette gathered 16-bit indexed within register groups when it fits. */
static void lookup16(size_t n) {
  size_t vlmax = __riscv_vsetvlmax_e16m8();
  for (size_t off = 0, vl; off < n; off += vl) {
    vl = __riscv_vsetvl_e16m8(n - off);
    vuint16m8_t ix = __riscv_vand_vx_u16m8(__riscv_vle16_v_u16m8(idx16 + off, vl), 255, vl);
    vuint16m8_t res;
    if (vlmax >= 256) {
      vuint16m8_t pal = __riscv_vle16_v_u16m8(pal16, 256);
      res = __riscv_vrgatherei16_vv_u16m8(pal, ix, vl);
    } else {
      /* Palette larger than a register group: an indexed load instead (byte offsets). */
      res = __riscv_vluxei16_v_u16m8(pal16, __riscv_vsll_vx_u16m8(ix, 1, vl), vl);
    }
    __riscv_vse16_v_u16m8(looked + off, res, vl);
  }
}

int main(void) {
  for (int i = 0; i < N; i++) in[i] = (uint8_t)lcg_next();
  for (int i = 0; i < 64; i++) table[i] = (uint8_t)(i * 37 + 11);
  for (size_t i = 0; i < N / 4 * 4; i++) words[i] = lcg_next();
  for (int i = 0; i < N; i++) idx16[i] = (uint16_t)lcg_next();
  for (int i = 0; i < 256; i++) pal16[i] = (uint16_t)(i * 2654435761u >> 16);

  size_t nk_ref = 0;
  SCALAR_LOOP
  for (int i = 0; i < N; i++) if (in[i] > 100) kept_ref[nk_ref++] = in[i];
  SCALAR_LOOP
  for (size_t i = 0; i < nk_ref; i++) mapped_ref[i] = table[kept_ref[i] & 63];
  SCALAR_LOOP
  for (size_t i = 0; i < N / 4 * 4; i++) swapped_ref[i] = __builtin_bswap32(words[i]);
  SCALAR_LOOP
  for (int i = 0; i < N; i++) looked_ref[i] = pal16[idx16[i] & 255];

  size_t nk = compress_above(in, kept, N, 100);
  map_table(kept, mapped, nk);
  bswap32(words, swapped, N / 4 * 4);
  lookup16(N);
  agree("vcompress", nk == nk_ref && memcmp(kept, kept_ref, nk) == 0);
  agree("vrgather table", memcmp(mapped, mapped_ref, nk_ref) == 0);
  agree("vrgather byte swap", memcmp(swapped, swapped_ref, sizeof swapped) == 0);
  agree("vrgatherei16 / vluxei16 lookup", memcmp(looked, looked_ref, sizeof looked) == 0);
  printf("kept %zu of %d\n", nk_ref, N);
  uint64_t h = fnv1a(mapped_ref, nk_ref, FNV_INIT);
  h = fnv1a(swapped_ref, sizeof swapped_ref, h);
  printf("checksum %016llx\n", (unsigned long long)fnv1a(looked_ref, sizeof looked_ref, h));
  return failures;
}
