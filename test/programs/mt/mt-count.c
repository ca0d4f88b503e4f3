// Prints "lines L bytes B" for stdin (like wc -lc). A tool the msh script runs.
#include <stdio.h>
#include <unistd.h>

int main(void) {
  char buf[4096];
  ssize_t n;
  unsigned long lines = 0, bytes = 0;
  while ((n = read(0, buf, sizeof buf)) > 0) {
    bytes += (unsigned long)n;
    for (ssize_t i = 0; i < n; i++) lines += buf[i] == '\n';
  }
  if (n < 0) return 1;
  printf("lines %lu bytes %lu\n", lines, bytes);
  return 0;
}
