/* Writes to stdout and stderr, then exits with a deliberate non-zero status. */
#include <stdio.h>
#include <stdlib.h>

static void bye(void) { printf("atexit handler ran\n"); }

int main(void) {
  atexit(bye);
  printf("exiting with 42\n");
  fprintf(stderr, "this goes to stderr\n");
  exit(42);
}
