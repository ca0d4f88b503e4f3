// Prints N lines "line <i> <word>" (i from 1; word defaults to "text"). Exits 2 on a bad N.
// A tool the msh script runs.
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  char *end;
  long n = argc > 1 ? strtol(argv[1], &end, 10) : -1;
  if (argc < 2 || *end != 0 || n < 0) { fprintf(stderr, "usage: mt-gen N [word]\n"); return 2; }
  const char *word = argc > 2 ? argv[2] : "text";
  for (long i = 1; i <= n; i++) printf("line %ld %s\n", i, word);
  return 0;
}
