/* memcpy, strlen, strcmp and strcpy with vector loops; the string ones read ahead with fault-only-first
   loads (vle8ff), which is only safe because a load stops (trims vl) at the first inaccessible byte.
   Strings are placed so they end right before an inaccessible page.

   The new vl of each vle8ff is read from the vl CSR with inline asm right after the load: clang 19 loses
   the value its intrinsics return (it hands the register holding it to a later result, e.g. vfirst's, in
   the first trip of these loops), which miscompiles them. */
#include <riscv_vector.h>
#include <sys/mman.h>
#include "kernels.h"

/* The intrinsics' own new-vl output, unused. */
static size_t ff_vl;
#define READ_VL(x) __asm__ volatile("csrr %0, vl" : "=r"(x))

__attribute__((noinline)) static void *vec_memcpy(void *dst, const void *src, size_t n) {
  uint8_t *d = dst;
  const uint8_t *s = src;
  for (size_t vl; n > 0; n -= vl, s += vl, d += vl) {
    vl = __riscv_vsetvl_e8m8(n);
    __riscv_vse8_v_u8m8(d, __riscv_vle8_v_u8m8(s, vl), vl);
  }
  return dst;
}

__attribute__((noinline)) static size_t vec_strlen(const char *str) {
  const uint8_t *p = (const uint8_t *)str;
  size_t vlmax = __riscv_vsetvlmax_e8m8();
  for (;;) {
    size_t vl;
    vuint8m8_t v = __riscv_vle8ff_v_u8m8(p, &ff_vl, vlmax);
    READ_VL(vl);
    long first = __riscv_vfirst_m_b1(__riscv_vmseq_vx_u8m8_b1(v, 0, vl), vl);
    if (first >= 0) return (size_t)(p - (const uint8_t *)str) + (size_t)first;
    p += vl;
  }
}

__attribute__((noinline)) static int vec_strcmp(const char *a, const char *b) {
  const uint8_t *p = (const uint8_t *)a, *q = (const uint8_t *)b;
  size_t vlmax = __riscv_vsetvlmax_e8m2();
  for (;;) {
    size_t vl1, vl2;
    vuint8m2_t x = __riscv_vle8ff_v_u8m2(p, &ff_vl, vlmax);
    READ_VL(vl1);
    vuint8m2_t y = __riscv_vle8ff_v_u8m2(q, &ff_vl, vl1);
    READ_VL(vl2);
    size_t vl = vl2;
    /* The first position where the strings differ or a ends. */
    vbool4_t stop = __riscv_vmor_mm_b4(__riscv_vmsne_vv_u8m2_b4(x, y, vl), __riscv_vmseq_vx_u8m2_b4(x, 0, vl), vl);
    long i = __riscv_vfirst_m_b4(stop, vl);
    if (i >= 0) return (int)p[i] - (int)q[i];
    p += vl; q += vl;
  }
}

__attribute__((noinline)) static char *vec_strcpy(char *dst, const char *src) {
  uint8_t *d = (uint8_t *)dst;
  const uint8_t *s = (const uint8_t *)src;
  size_t vlmax = __riscv_vsetvlmax_e8m4();
  for (;;) {
    size_t vl;
    vuint8m4_t v = __riscv_vle8ff_v_u8m4(s, &ff_vl, vlmax);
    READ_VL(vl);
    vbool2_t zero = __riscv_vmseq_vx_u8m4_b2(v, 0, vl);
    long first = __riscv_vfirst_m_b2(zero, vl);
    if (first >= 0) {
      /* Store up to and including the terminator. */
      vbool2_t upto = __riscv_vmsif_m_b2(zero, vl);
      __riscv_vse8_v_u8m4_m(upto, d, v, vl);
      return dst;
    }
    __riscv_vse8_v_u8m4(d, v, vl);
    s += vl; d += vl;
  }
}

static size_t ref_strlen(const char *s) { size_t n = 0; SCALAR_LOOP while (s[n]) n++; return n; }
static int ref_strcmp(const char *a, const char *b) {
  size_t i = 0;
  SCALAR_LOOP
  while (a[i] && a[i] == b[i]) i++;
  return (int)(uint8_t)a[i] - (int)(uint8_t)b[i];
}
static int sign(int x) { return (x > 0) - (x < 0); }

#define PAGE 4096

int main(void) {
  /* Twice two readable pages followed by an inaccessible one; strings end right before those. */
  uint8_t *area = mmap(0, 6 * PAGE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (area == MAP_FAILED || mprotect(area + 2 * PAGE, PAGE, PROT_NONE) != 0 || mprotect(area + 5 * PAGE, PAGE, PROT_NONE) != 0) {
    puts("mmap failed");
    return 2;
  }
  uint8_t *end = area + 2 * PAGE, *end2 = area + 5 * PAGE;
  static char buf[3 * PAGE], out[3 * PAGE];
  uint64_t h = FNV_INIT;
  int ok_len = 1, ok_cmp = 1, ok_cpy = 1, ok_mem = 1;
  static const size_t lens[] = {0, 1, 2, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 127, 128, 129, 255, 256, 257, 511, 512, 1000, 4000, 8000};
  for (size_t k = 0; k < sizeof lens / sizeof lens[0]; k++) {
    size_t n = lens[k];
    /* The string at the very end of the accessible pages. */
    char *s = (char *)end - n - 1;
    for (size_t i = 0; i < n; i++) s[i] = (char)('a' + lcg_next() % 26);
    s[n] = 0;
    size_t l = vec_strlen(s);
    ok_len &= l == n && l == ref_strlen(s);
    /* Compare with a copy that differs at a random place (or not at all), also ending at the guard. */
    char *t = (char *)end2 - n - 1;
    memcpy(t, s, n + 1);
    size_t at = n ? lcg_next() % (n + 1) : 0;
    int mode = (int)(lcg_next() % 3);
    if (mode == 1 && at < n) t[at] = (char)(t[at] + 1);
    if (mode == 2 && at < n) t[at] = 0;
    int c1 = vec_strcmp(s, t), c2 = vec_strcmp(t, s);
    ok_cmp &= sign(c1) == sign(ref_strcmp(s, t)) && sign(c2) == sign(ref_strcmp(t, s)) && sign(c1) == -sign(c2);
    memset(out, 0x55, n + 16);
    vec_strcpy(out + 3, s);
    ok_cpy &= memcmp(out + 3, s, n + 1) == 0 && (uint8_t)out[3 + n + 1] == 0x55 && (uint8_t)out[2] == 0x55;
    memset(buf, 0, n + 8);
    vec_memcpy(buf + 5, s, n);
    ok_mem &= memcmp(buf + 5, s, n) == 0 && buf[4] == 0 && buf[5 + n] == 0;
    printf("len %zu: strlen %zu strcmp %d %d\n", n, l, sign(c1), sign(c2));
    h = fnv1a(&l, sizeof l, h); h = fnv1a(out, n + 8, h);
  }
  agree("strlen (vle8ff)", ok_len);
  agree("strcmp (vle8ff)", ok_cmp);
  agree("strcpy (vle8ff, vmsif)", ok_cpy);
  agree("memcpy", ok_mem);
  printf("checksum %016llx\n", (unsigned long long)h);
  return failures;
}
