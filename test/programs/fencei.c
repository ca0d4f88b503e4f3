/* Self-modifying code: writes machine code into an RWX mmap page, executes it,
   patches it, and uses fence.i (Zifencei) before running the new code. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

/* addi a0, a0, imm  (I-type: imm[11:0] rs1=a0(10) funct3=0 rd=a0 opcode=0x13) */
static uint32_t addi_a0(int imm) { return ((uint32_t)(imm & 0xfff) << 20) | (10u << 15) | (10u << 7) | 0x13u; }
#define RET 0x00008067u /* jalr x0, 0(ra) */

typedef long (*fn_t)(long);

static inline void fence_i(void) { __asm__ volatile("fence.i" ::: "memory"); }

int main(void) {
  uint32_t *code = mmap(NULL, 4096, PROT_READ | PROT_WRITE | PROT_EXEC, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (code == MAP_FAILED) { printf("mmap failed\n"); return 1; }
  fn_t f = (fn_t)(uintptr_t)code;
  code[0] = addi_a0(1);
  code[1] = RET;
  fence_i();
  printf("v1: f(10) = %ld\n", f(10));
  code[0] = addi_a0(100);
  fence_i();
  printf("v2: f(10) = %ld\n", f(10));
  /* longer body: 50 x addi a0,a0,3 */
  for (int i = 0; i < 50; i++) code[i] = addi_a0(3);
  code[50] = RET;
  fence_i();
  printf("v3: f(0) = %ld\n", f(0));
  /* patch in the middle of an already-executed body */
  code[25] = RET;
  fence_i();
  printf("v4: f(0) = %ld\n", f(0));
  /* compressed instruction: c.addi a0, -1 (0x157d) followed by c.jr ra (0x8082) */
  uint16_t *c16 = (uint16_t *)code;
  c16[0] = 0x157d;
  c16[1] = 0x8082;
  fence_i();
  printf("v5: f(7) = %ld\n", f(7));
  /* make it non-executable-writable: RX only, then execute */
  if (mprotect(code, 4096, PROT_READ | PROT_EXEC) != 0) { printf("mprotect failed\n"); return 1; }
  printf("v6 (RX): f(1) = %ld\n", f(1));
  munmap(code, 4096);
  return 0;
}
