// Copies the named files (or stdin without arguments) to stdout. A file that cannot be opened gets a
// message on stderr and exit status 1. A tool the msh script runs.
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>

static int copy(int fd) {
  char buf[4096];
  ssize_t n;
  while ((n = read(fd, buf, sizeof buf)) > 0)
    for (ssize_t off = 0; off < n;) {
      ssize_t w = write(1, buf + off, (size_t)(n - off));
      if (w <= 0) return 1;
      off += w;
    }
  return n < 0;
}

int main(int argc, char **argv) {
  if (argc < 2) return copy(0);
  int status = 0;
  for (int i = 1; i < argc; i++) {
    int fd = open(argv[i], O_RDONLY);
    if (fd < 0) { fprintf(stderr, "mt-cat: %s: cannot open\n", argv[i]); status = 1; continue; }
    status |= copy(fd);
    close(fd);
  }
  return status;
}
