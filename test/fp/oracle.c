// Runs one RV64F/D instruction per input line and prints the destination register and fflags.
// Input lines: "<mnemonic> <rm> <a> <b> <c>" with 64-bit hex operands; f operands are moved in whole
// with fmv.d.x (so singles may be badly NaN-boxed on purpose), x operands are plain registers.
// Output lines: "<dest register, 64-bit hex> <fflags>". Built for and run under qemu-riscv64.
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#define IS(n) (!strcmp(op, n))
#define FFF(n) else if (IS(n)) asm volatile("fmv.d.x ft0,%1\n fmv.d.x ft1,%2\n " n " ft2,ft0,ft1\n fmv.x.d %0,ft2" : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1", "ft2");
#define FF(n) else if (IS(n)) asm volatile("fmv.d.x ft0,%1\n " n " ft2,ft0\n fmv.x.d %0,ft2" : "=r"(r) : "r"(a) : "ft0", "ft2");
#define F4(n) else if (IS(n)) asm volatile("fmv.d.x ft0,%1\n fmv.d.x ft1,%2\n fmv.d.x ft3,%3\n " n " ft2,ft0,ft1,ft3\n fmv.x.d %0,ft2" : "=r"(r) : "r"(a), "r"(b), "r"(c) : "ft0", "ft1", "ft2", "ft3");
#define XFF(n) else if (IS(n)) asm volatile("fmv.d.x ft0,%1\n fmv.d.x ft1,%2\n " n " %0,ft0,ft1" : "=r"(r) : "r"(a), "r"(b) : "ft0", "ft1");
#define XF(n) else if (IS(n)) asm volatile("fmv.d.x ft0,%1\n " n " %0,ft0" : "=r"(r) : "r"(a) : "ft0");
#define FX(n) else if (IS(n)) asm volatile(n " ft2,%1\n fmv.x.d %0,ft2" : "=r"(r) : "r"(a) : "ft2");
#define BOTH(m, s) m(s ".s") m(s ".d")

int main(void) {
  char op[32];
  int rm;
  unsigned long long a, b, c;
  while (scanf("%31s %d %llx %llx %llx", op, &rm, &a, &b, &c) == 5) {
    uint64_t r = 0;
    int fl;
    asm volatile("fsrm %0" : : "r"(rm));
    asm volatile("fsflags x0");
    if (0) {}
    BOTH(FFF, "fadd") BOTH(FFF, "fsub") BOTH(FFF, "fmul") BOTH(FFF, "fdiv")
    BOTH(FFF, "fmin") BOTH(FFF, "fmax") BOTH(FFF, "fsgnj") BOTH(FFF, "fsgnjn") BOTH(FFF, "fsgnjx")
    BOTH(FF, "fsqrt") FF("fcvt.s.d") FF("fcvt.d.s")
    BOTH(F4, "fmadd") BOTH(F4, "fmsub") BOTH(F4, "fnmsub") BOTH(F4, "fnmadd")
    BOTH(XFF, "feq") BOTH(XFF, "flt") BOTH(XFF, "fle") BOTH(XF, "fclass")
    XF("fcvt.w.s") XF("fcvt.wu.s") XF("fcvt.l.s") XF("fcvt.lu.s")
    XF("fcvt.w.d") XF("fcvt.wu.d") XF("fcvt.l.d") XF("fcvt.lu.d")
    FX("fcvt.s.w") FX("fcvt.s.wu") FX("fcvt.s.l") FX("fcvt.s.lu")
    FX("fcvt.d.w") FX("fcvt.d.wu") FX("fcvt.d.l") FX("fcvt.d.lu")
    XF("fmv.x.w") XF("fmv.x.d") FX("fmv.w.x") FX("fmv.d.x")
    else { printf("? 0\n"); continue; }
    asm volatile("frflags %0" : "=r"(fl));
    printf("%llx %d\n", (unsigned long long)r, fl);
  }
  return 0;
}
