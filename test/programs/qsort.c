/* qsort/bsearch on ints, doubles, strings and structs (stable tie-break via index). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint32_t seed = 12345;
static uint32_t lcg(void) { seed = seed * 1103515245u + 12345u; return seed >> 1; }

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_dbl(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}
static int cmp_str(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}
struct rec { int key; int idx; char name[12]; };
static int cmp_rec(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  if (x->key != y->key) return x->key < y->key ? -1 : 1;
  return x->idx - y->idx;
}

int main(void) {
  enum { N = 20000 };
  static int ia[N];
  for (int i = 0; i < N; i++) ia[i] = (int)(lcg() % 100000) - 50000;
  qsort(ia, N, sizeof ia[0], cmp_int);
  long long s = 0; int sorted = 1;
  for (int i = 0; i < N; i++) { s = s * 31 + ia[i]; if (i && ia[i - 1] > ia[i]) sorted = 0; }
  printf("ints sorted=%d min=%d max=%d median=%d hash=%lld\n", sorted, ia[0], ia[N - 1], ia[N / 2], s);
  int found = 0;
  for (int k = -50000; k < 50000; k += 97) if (bsearch(&k, ia, N, sizeof ia[0], cmp_int)) found++;
  printf("bsearch found %d\n", found);

  static double da[5000];
  for (int i = 0; i < 5000; i++) da[i] = (double)(int)(lcg() % 2000000 - 1000000) / 7.0;
  qsort(da, 5000, sizeof da[0], cmp_dbl);
  printf("doubles first=%.6f last=%.6f mid=%a\n", da[0], da[4999], da[2500]);

  static char words[3000][12];
  static char *wp[3000];
  for (int i = 0; i < 3000; i++) {
    int len = 1 + (int)(lcg() % 10);
    for (int j = 0; j < len; j++) words[i][j] = (char)('a' + lcg() % 26);
    words[i][len] = 0;
    wp[i] = words[i];
  }
  qsort(wp, 3000, sizeof wp[0], cmp_str);
  printf("strings: %s %s %s ... %s %s\n", wp[0], wp[1], wp[2], wp[2998], wp[2999]);
  unsigned h = 0;
  for (int i = 0; i < 3000; i++) for (const char *c = wp[i]; *c; c++) h = h * 131 + (unsigned char)*c;
  printf("strings hash %08x\n", h);

  static struct rec ra[4000];
  for (int i = 0; i < 4000; i++) {
    ra[i].key = (int)(lcg() % 50); ra[i].idx = i;
    snprintf(ra[i].name, sizeof ra[i].name, "r%d", i);
  }
  qsort(ra, 4000, sizeof ra[0], cmp_rec);
  printf("recs:");
  for (int i = 0; i < 4000; i += 400) printf(" %d/%s", ra[i].key, ra[i].name);
  printf("\n");
  /* already sorted, reverse sorted, all equal */
  for (int i = 0; i < N; i++) ia[i] = N - i;
  qsort(ia, N, sizeof ia[0], cmp_int);
  printf("reverse -> %d %d %d\n", ia[0], ia[1], ia[N - 1]);
  for (int i = 0; i < N; i++) ia[i] = 7;
  qsort(ia, N, sizeof ia[0], cmp_int);
  printf("equal -> %d %d\n", ia[0], ia[N - 1]);
  return 0;
}
