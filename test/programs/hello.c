#include <stdio.h>

int main(void) {
  printf("Hello, RISC-V!\n");
  return 0;
}
