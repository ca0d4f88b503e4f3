/* 64/32-bit integer arithmetic edge cases. Division by zero and INT_MIN/-1 are
   done with inline asm (undefined in C, fully defined by the RISC-V ISA). */
#include <inttypes.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>

#define ASM_RR(op, a, b) ({ int64_t _r; __asm__ volatile(op " %0, %1, %2" : "=r"(_r) : "r"(a), "r"(b)); _r; })

static const int64_t vals[] = {0, 1, -1, 2, -2, 3, 7, -7, 0x7fffffff, -0x7fffffff - 1, 0xffffffff,
                               0x100000000, INT64_MAX, INT64_MIN, 0x123456789abcdef0, -0x123456789abcdef0,
                               0x8000000080000000, 1000000007};
#define NV (sizeof vals / sizeof vals[0])

static uint64_t h = 0xcbf29ce484222325ull;
static void mix(uint64_t v) { for (int i = 0; i < 8; i++) { h ^= (v >> (i * 8)) & 0xff; h *= 0x100000001b3ull; } }

int main(void) {
  static const char *ops[] = {"div", "divu", "rem", "remu", "divw", "divuw", "remw", "remuw",
                              "mul", "mulh", "mulhu", "mulhsu", "mulw"};
  for (int o = 0; o < 13; o++) {
    uint64_t oh = 0xcbf29ce484222325ull;
    for (size_t i = 0; i < NV; i++) for (size_t j = 0; j < NV; j++) {
      int64_t a = vals[i], b = vals[j], r = 0;
      switch (o) {
        case 0: r = ASM_RR("div", a, b); break;
        case 1: r = ASM_RR("divu", a, b); break;
        case 2: r = ASM_RR("rem", a, b); break;
        case 3: r = ASM_RR("remu", a, b); break;
        case 4: r = ASM_RR("divw", a, b); break;
        case 5: r = ASM_RR("divuw", a, b); break;
        case 6: r = ASM_RR("remw", a, b); break;
        case 7: r = ASM_RR("remuw", a, b); break;
        case 8: r = ASM_RR("mul", a, b); break;
        case 9: r = ASM_RR("mulh", a, b); break;
        case 10: r = ASM_RR("mulhu", a, b); break;
        case 11: r = ASM_RR("mulhsu", a, b); break;
        case 12: r = ASM_RR("mulw", a, b); break;
      }
      mix((uint64_t)r);
      for (int k = 0; k < 8; k++) { oh ^= ((uint64_t)r >> (k * 8)) & 0xff; oh *= 0x100000001b3ull; }
    }
    printf("%-6s hash %016" PRIx64 "\n", ops[o], oh);
  }
  /* explicit interesting cases */
  int64_t z = 0, m1 = -1, mn = INT64_MIN, seven = 7;
  printf("div  7/0=%" PRId64 " INT64_MIN/-1=%" PRId64 "\n", ASM_RR("div", seven, z), ASM_RR("div", mn, m1));
  printf("divu 7/0=%" PRIx64 "\n", (uint64_t)ASM_RR("divu", seven, z));
  printf("rem  7%%0=%" PRId64 " INT64_MIN%%-1=%" PRId64 "\n", ASM_RR("rem", seven, z), ASM_RR("rem", mn, m1));
  printf("remu 7%%0=%" PRId64 "\n", ASM_RR("remu", seven, z));
  int64_t wmin = INT32_MIN;
  printf("divw INT32_MIN/-1=%" PRId64 " remw=%" PRId64 " divw 7/0=%" PRId64 " divuw 7/0=%" PRIx64 " remuw -7/0=%" PRIx64 "\n",
         ASM_RR("divw", wmin, m1), ASM_RR("remw", wmin, m1), ASM_RR("divw", seven, z),
         (uint64_t)ASM_RR("divuw", seven, z), (uint64_t)ASM_RR("remuw", -seven, z));
  /* C-level arithmetic (compiler-generated) */
  int64_t a = 0x0123456789abcdefLL, b = -0x0fedcba987654321LL;
  printf("C: %" PRId64 " %" PRId64 " %" PRId64 " %" PRId64 " %" PRIu64 " %" PRIu64 "\n", a * b, a / 12345, b / 12345,
         b % 12345, (uint64_t)b / 12345u, (uint64_t)b % 12345u);
  printf("shifts: %" PRIx64 " %" PRIx64 " %" PRId64 " %x %d\n", (uint64_t)a << 13, (uint64_t)b >> 7, b >> 7,
         (uint32_t)a >> 31, (int32_t)0x80000000 >> 4);
  /* __int128 */
  unsigned __int128 u = (unsigned __int128)0xffffffffffffffffull * 0xffffffffffffffffull;
  __int128 s = (__int128)INT64_MIN * INT64_MIN;
  __int128 t = (__int128)INT64_MIN * INT64_MAX;
  printf("u128 hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)(u >> 64), (uint64_t)u);
  printf("s128 hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)((unsigned __int128)s >> 64), (uint64_t)s);
  printf("t128 hi=%016" PRIx64 " lo=%016" PRIx64 "\n", (uint64_t)((unsigned __int128)t >> 64), (uint64_t)t);
  volatile unsigned __int128 n = ((unsigned __int128)0x0123456789abcdefull << 64) | 0xfedcba9876543210ull;
  volatile uint64_t d = 1000000007;
  unsigned __int128 q = n / d, r = n % d;
  printf("u128 div q=%016" PRIx64 "%016" PRIx64 " r=%" PRIu64 "\n", (uint64_t)(q >> 64), (uint64_t)q, (uint64_t)r);
  /* 128-bit decimal printing */
  char buf[64]; int p = 63; buf[p] = 0;
  unsigned __int128 x = u;
  do { buf[--p] = (char)('0' + (int)(x % 10)); x /= 10; } while (x);
  printf("u128 dec %s\n", buf + p);
  /* bit tricks the compiler may lower to Zbb if enabled (it is not for rv64gc) */
  uint64_t bits = 0x00f0000000001000ull;
  printf("clz %d ctz %d popcount %d parity %d bswap %016" PRIx64 "\n", __builtin_clzll(bits), __builtin_ctzll(bits),
         __builtin_popcountll(bits), __builtin_parityll(bits), __builtin_bswap64(bits));
  /* overflow builtins */
  volatile int64_t big = INT64_MAX, lo = INT64_MIN, k32 = 0x100000000;
  int64_t ov1, ov2, ov3;
  int f1 = __builtin_add_overflow(big, 1, &ov1);
  int f2 = __builtin_mul_overflow(k32, (int64_t)0x80000000, &ov2);
  int f3 = __builtin_sub_overflow(lo, 1, &ov3);
  printf("add_overflow %d %" PRIx64 " mul_overflow %d %" PRIx64 " sub_overflow %d %" PRIx64 "\n", f1, (uint64_t)ov1, f2,
         (uint64_t)ov2, f3, (uint64_t)ov3);
  /* collatz-ish integer loop */
  uint64_t steps = 0;
  for (uint64_t k = 1; k < 30000; k++) { uint64_t v = k; while (v != 1) { v = (v & 1) ? 3 * v + 1 : v / 2; steps++; } }
  printf("collatz steps %" PRIu64 "\n", steps);
  printf("total hash %016" PRIx64 "\n", h);
  return 0;
}
