/* A non-PIE (ET_EXEC) dynamically linked program: fixed addresses, PLT calls into libc. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char buffer[256];

int main(void) {
  snprintf(buffer, sizeof buffer, "%s-%d-%x", "nopie", 1234, 0xbeef);
  printf("%s len=%zu\n", buffer, strlen(buffer));
  printf("main is in the executable image: %s\n", (unsigned long)&main < 0x1000000UL ? "yes" : "no");
  char *end;
  printf("strtol: %ld\n", strtol("  -98765xyz", &end, 10));
  printf("rest: %s\n", end);
  return 0;
}
