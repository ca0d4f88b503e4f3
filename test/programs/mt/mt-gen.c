// Prints N lines "line <i> <word>" (i from 1; word defaults to "text"). Exits 2 on a bad N.
// A tool the msh script runs. Formats by hand into a buffer: printf costs ~1000 instructions a line,
// which would dominate the script's run for large N.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static char out[8192];
static size_t used;

static int flush_out(void) {
  for (size_t off = 0; off < used;) {
    ssize_t w = write(1, out + off, used - off);
    if (w <= 0) return -1;
    off += (size_t)w;
  }
  used = 0;
  return 0;
}

static int put(const char *s, size_t n) {
  if (used + n > sizeof out && flush_out() != 0) return -1;
  memcpy(out + used, s, n);
  used += n;
  return 0;
}

int main(int argc, char **argv) {
  char *end;
  long n = argc > 1 ? strtol(argv[1], &end, 10) : -1;
  if (argc < 2 || *end != 0 || n < 0) { fprintf(stderr, "usage: mt-gen N [word]\n"); return 2; }
  const char *word = argc > 2 ? argv[2] : "text";
  size_t word_len = strlen(word);
  if (word_len > 1000) word_len = 1000;
  for (long i = 1; i <= n; i++) {
    char line[1100], digits[24];
    int nd = 0;
    for (long v = i; v > 0; v /= 10) digits[nd++] = (char)('0' + v % 10);
    size_t k = 0;
    memcpy(line, "line ", 5);
    k = 5;
    while (nd > 0) line[k++] = digits[--nd];
    line[k++] = ' ';
    memcpy(line + k, word, word_len);
    k += word_len;
    line[k++] = '\n';
    if (put(line, k) != 0) return 1;
  }
  return flush_out() != 0;
}
