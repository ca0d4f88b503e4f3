/* JIT-style code: map memory read-write, write machine code, make it read-execute, run it; then rewrite
   it in place (W^X flip) and run the new code. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

typedef long (*fn_t)(long);

/* addi a0, a0, imm ; ret */
static void emit_add(uint32_t *code, int imm) {
  code[0] = ((uint32_t)(imm & 0xfff) << 20) | (10u << 15) | (0u << 12) | (10u << 7) | 0x13u;
  code[1] = 0x00008067u; /* jalr x0, 0(ra) */
}

int main(void) {
  uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) { perror("mmap"); return 1; }
  emit_add(code, 5);
  __builtin___clear_cache((char *)code, (char *)(code + 2));
  if (mprotect(code, 4096, PROT_READ | PROT_EXEC) != 0) { perror("mprotect"); return 1; }
  fn_t f = (fn_t)(uintptr_t)code;
  long a = f(10);
  printf("jit add 5: %ld\n", a);
  long sum = 0;
  for (int i = 0; i < 1000; i++) sum += f(i);
  printf("loop sum: %ld\n", sum);

  if (mprotect(code, 4096, PROT_READ | PROT_WRITE) != 0) { perror("mprotect"); return 1; }
  emit_add(code, -3);
  __builtin___clear_cache((char *)code, (char *)(code + 2));
  if (mprotect(code, 4096, PROT_READ | PROT_EXEC) != 0) { perror("mprotect"); return 1; }
  printf("jit add -3 after rewrite: %ld\n", f(10));

  /* an RWX page rewritten while executable */
  uint32_t *rwx = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  fn_t g = (fn_t)(uintptr_t)rwx;
  long t = 0;
  for (int k = 1; k <= 4; k++) {
    emit_add(rwx, k * 100);
    __builtin___clear_cache((char *)rwx, (char *)(rwx + 2));
    t += g(k);
  }
  printf("rwx rewritten 4 times: %ld\n", t);
  munmap(code, 4096);
  munmap(rwx, 4096);
  return 0;
}
