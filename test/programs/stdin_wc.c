/* Reads all of stdin; prints byte/line/word counts, a checksum, and the input
   with each line reversed. */
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(void) {
  static char buf[1 << 16];
  size_t n = 0;
  ssize_t r;
  while (n < sizeof buf && (r = read(0, buf + n, sizeof buf - n)) > 0) n += (size_t)r;
  unsigned lines = 0, words = 0, inword = 0, h = 5381;
  for (size_t i = 0; i < n; i++) {
    unsigned char c = (unsigned char)buf[i];
    h = h * 33 + c;
    if (c == '\n') lines++;
    if (c == ' ' || c == '\n' || c == '\t') inword = 0;
    else if (!inword) { inword = 1; words++; }
  }
  printf("bytes=%zu lines=%u words=%u djb2=%08x\n", n, lines, words, h);
  size_t s = 0;
  for (size_t i = 0; i <= n; i++) {
    if (i == n || buf[i] == '\n') {
      if (i == n && s == n) break;
      putchar('<');
      for (size_t k = i; k > s; k--) putchar(buf[k - 1]);
      puts(">");
      s = i + 1;
    }
  }
  printf("read at EOF -> %zd\n", read(0, buf, 1));
  return 0;
}
