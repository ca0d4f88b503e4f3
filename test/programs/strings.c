/* String/memory functions over many sizes and alignments, checked against
   simple reference implementations. glibc picks optimized variants; any
   mismatch is reported. Prints per-function pass counts and a checksum. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <ctype.h>

#define BUF 1024
static unsigned char A[BUF + 64], B[BUF + 64], C[BUF + 64];
static uint64_t ck = 1469598103934665603ull;
static void mix(uint64_t v) { ck ^= v; ck *= 1099511628211ull; }
static unsigned fails;
#define CHECK(cond, ...) do { if (!(cond)) { fails++; if (fails < 20) printf("FAIL " __VA_ARGS__); } } while (0)

static void fill(unsigned char *p, size_t n, unsigned s) {
  for (size_t i = 0; i < n; i++) p[i] = (unsigned char)(s * 7 + i * 13 + 1);
}

static const size_t sizes[] = {0, 1, 2, 3, 4, 5, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 65,
                               100, 127, 128, 129, 255, 256, 257, 511, 512, 700, 1000};
#define NS (sizeof sizes / sizeof sizes[0])

int main(void) {
  unsigned n_memcpy = 0, n_memmove = 0, n_memset = 0, n_strlen = 0, n_strcmp = 0, n_memcmp = 0,
           n_strchr = 0, n_memchr = 0, n_strcpy = 0;
  for (size_t si = 0; si < NS; si++) {
    size_t n = sizes[si];
    for (int sa = 0; sa < 8; sa++) for (int da = 0; da < 8; da++) {
      /* memcpy */
      fill(A, sizeof A, (unsigned)(n + sa));
      memset(B, 0xEE, sizeof B);
      memcpy(B + da, A + sa, n);
      int ok = 1;
      for (size_t i = 0; i < sizeof B; i++) {
        unsigned char want = (i >= (size_t)da && i < da + n) ? A[sa + i - da] : 0xEE;
        if (B[i] != want) { ok = 0; break; }
      }
      CHECK(ok, "memcpy n=%zu sa=%d da=%d\n", n, sa, da);
      n_memcpy += ok;
      /* memmove overlapping both directions */
      fill(A, sizeof A, (unsigned)n);
      memcpy(C, A, sizeof A);
      memmove(A + da, A + sa, n);
      memmove(C + 0, C + 0, 0);
      ok = 1;
      {
        unsigned char ref[BUF + 64];
        fill(ref, sizeof ref, (unsigned)n);
        unsigned char tmp[BUF + 64];
        for (size_t i = 0; i < n; i++) tmp[i] = ref[sa + i];
        for (size_t i = 0; i < n; i++) ref[da + i] = tmp[i];
        if (memcmp(ref, A, sizeof A) != 0) ok = 0;
      }
      CHECK(ok, "memmove n=%zu sa=%d da=%d\n", n, sa, da);
      n_memmove += ok;
      mix(A[da] + n);
    }
    for (int al = 0; al < 8; al++) {
      /* memset */
      memset(B, 0x11, sizeof B);
      memset(B + al, (int)(0x80 + n), n);
      int ok = 1;
      for (size_t i = 0; i < sizeof B; i++) {
        unsigned char want = (i >= (size_t)al && i < al + n) ? (unsigned char)(0x80 + n) : 0x11;
        if (B[i] != want) { ok = 0; break; }
      }
      CHECK(ok, "memset n=%zu al=%d\n", n, al);
      n_memset += ok;
      /* strlen / strchr / strcpy / strcmp */
      memset(B, 'x', sizeof B);
      B[al + n] = 0;
      size_t L = strlen((char *)B + al);
      CHECK(L == n, "strlen n=%zu al=%d got %zu\n", n, al, L);
      n_strlen += (L == n);
      char *pc = strchr((char *)B + al, 0);
      CHECK(pc == (char *)B + al + n, "strchr0 n=%zu\n", n);
      if (n) { B[al + n - 1] = 'y'; pc = strchr((char *)B + al, 'y'); CHECK(pc == (char *)B + al + n - 1, "strchr n=%zu\n", n); }
      pc = strchr((char *)B + al, 'z');
      CHECK(pc == NULL, "strchr-miss n=%zu\n", n);
      n_strchr++;
      char *d = (char *)C + (7 - al);
      strcpy(d, (char *)B + al);
      CHECK(strcmp(d, (char *)B + al) == 0 && strlen(d) == n, "strcpy n=%zu al=%d\n", n, al);
      n_strcpy++;
      if (n) {
        d[n - 1] = 'a';
        CHECK(strcmp(d, (char *)B + al) < 0, "strcmp< n=%zu\n", n);
        d[n - 1] = (char)0xF0; /* unsigned compare: 0xF0 > 'y' */
        CHECK(strcmp(d, (char *)B + al) > 0, "strcmp> n=%zu\n", n);
        CHECK(strncmp(d, (char *)B + al, n - 1) == 0, "strncmp n=%zu\n", n);
      }
      n_strcmp++;
      /* memcmp / memchr */
      fill(A, sizeof A, 3); memcpy(B, A, sizeof A);
      CHECK(memcmp(A + al, B + al, n) == 0, "memcmp= n=%zu\n", n);
      if (n) {
        B[al + n - 1] ^= 0x80;
        int r = memcmp(A + al, B + al, n);
        CHECK((A[al + n - 1] < B[al + n - 1]) ? r < 0 : r > 0, "memcmp!= n=%zu\n", n);
        A[al + n / 2] = 0xAB;
        for (size_t i = 0; i < n / 2; i++) if (A[al + i] == 0xAB) A[al + i] = 0;
        unsigned char *m = memchr(A + al, 0xAB, n);
        CHECK(m == A + al + n / 2, "memchr n=%zu\n", n);
      }
      n_memcmp++; n_memchr++;
    }
  }
  printf("memcpy %u memmove %u memset %u strlen %u strchr %u strcpy %u strcmp %u memcmp %u memchr %u\n",
         n_memcpy, n_memmove, n_memset, n_strlen, n_strchr, n_strcpy, n_strcmp, n_memcmp, n_memchr);

  /* assorted string.h / stdlib functions */
  char buf[256];
  strcpy(buf, "The quick brown fox jumps over the lazy dog");
  printf("strrchr: %s\n", strrchr(buf, 'o'));
  printf("strstr: %s\n", strstr(buf, "fox"));
  printf("strspn %zu strcspn %zu\n", strspn(buf, "Teh "), strcspn(buf, "xyz"));
  printf("strpbrk: %s\n", strpbrk(buf, "jz"));
  char *save, *tok; char tb[64]; strcpy(tb, "a,b,,c;d");
  printf("strtok_r:");
  for (tok = strtok_r(tb, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) printf(" [%s]", tok);
  printf("\n");
  printf("strcasecmp %d %d\n", strcasecmp("HeLLo", "hello") == 0, strncasecmp("abcD", "ABCE", 3) == 0);
  char *dup = strdup(buf); printf("strdup %s %d\n", dup, strcmp(dup, buf)); free(dup);
  char nb[8]; strncpy(nb, "abcdefghij", sizeof nb - 1); nb[7] = 0; printf("strncpy %s\n", nb);
  snprintf(buf, sizeof buf, "%s|%5s|%-5s|%.2s|%c|%%|%5d|%-5d|%05d|%x|%X|%o|%#x|%#o|%+d|% d|%ld|%llu|%hhd|%hd|%p",
           "str", "ab", "ab", "xyz", 'Q', 42, 42, 42, 255, 255, 8, 255, 8, 5, 5, -1L,
           18446744073709551615ull, (char)300, (short)70000, (void *)0x1234);
  printf("snprintf: %s\n", buf);
  volatile size_t five = 5;
  int w = snprintf(buf, five, "%d", 123456789);
  printf("truncated: %s (would be %d)\n", buf, w);
  printf("strtol %ld %ld %ld %lu\n", strtol("-123abc", NULL, 10), strtol("0x7fffffffffffffff", NULL, 16),
         strtol("777", NULL, 8), strtoul("18446744073709551615", NULL, 10));
  printf("atoi %d atol %ld atoll %lld\n", atoi("  -42"), atol("99999999999"), atoll("-9223372036854775808"));
  int up = 0; for (int c = 0; c < 128; c++) up += isupper(c) + isalpha(c) * 2 + isdigit(c) * 3 + isspace(c) * 4 > 0;
  printf("ctype classes %d toupper %c tolower %c\n", up, toupper('q'), tolower('Q'));
  printf("ffs %d %d %d\n", ffs(0), ffs(0x80), ffsll(1ll << 40));
  printf("fails=%u checksum=%016llx\n", fails, (unsigned long long)ck);
  return fails != 0;
}
