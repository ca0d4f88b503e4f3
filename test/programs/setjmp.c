/* setjmp/longjmp, including across frames, with volatile locals and FP state. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;
static int depth;

static void recurse(int n) {
  volatile char pad[64];
  pad[0] = (char)n;
  depth++;
  if (n <= 0) longjmp(env, 7);
  if (n < 1000) recurse(n - 1);
  (void)pad[0];
}

static sigjmp_buf senv;

static double fp_work(double x) {
  volatile double v = x;
  for (int i = 0; i < 5; i++) v = v * 1.5 + 0.25;
  return v;
}

int main(void) {
  volatile int counter = 0;
  volatile double acc = 1.0;
  int r = setjmp(env);
  printf("setjmp returned %d counter=%d acc=%g\n", r, counter, acc);
  if (counter < 3) {
    counter++;
    acc *= 2.5;
    longjmp(env, counter * 10);
  }
  r = setjmp(env);
  if (r == 0) {
    recurse(100);
    printf("not reached\n");
  }
  printf("after deep longjmp: r=%d depth=%d\n", r, depth);
  /* longjmp(env, 0) must make setjmp return 1 */
  volatile int once = 0;
  r = setjmp(env);
  if (!once) { once = 1; longjmp(env, 0); }
  printf("longjmp(0) -> setjmp returned %d\n", r);
  /* callee-saved FP regs survive */
  register double keep = fp_work(3.0);
  r = sigsetjmp(senv, 1);
  if (r == 0) { fp_work(100.0); siglongjmp(senv, 5); }
  printf("sigsetjmp r=%d fp=%a\n", r, keep);
  return 0;
}
