// Ends by a signal's default action: abort() raises SIGABRT, which has no handler here.
#include <stdio.h>
#include <stdlib.h>

int main(void) {
  puts("about to abort");
  fflush(stdout);
  abort();
}
