/* Processes that run different code at the same addresses: the checks for code shared between the
   processes of one run. patchme(x) = x + ADDEND is one uncompressed addi alone on its page; codeshare_b is
   this program built with another ADDEND, so the two have the same layout and differ only in that
   instruction's immediate. Each run(N) calls patchme N times, enough for its loop to be translated.

   codeshare DIR: prints its sum, then
   - forks a child; in four rounds, taking turns through pipes, the parent sums with the original code while
     the child sums with it (round 0), patches the addi to add 100 (W^X: mprotect RW, store, mprotect RX,
     fence.i) and sums (rounds 1, 2), and patches it back (round 3);
   - forks a child that execs codeshare_b (other code at the same addresses), waits for it;
   - sums again, then execs codeshare_b, which sums and execs codeshare, which sums once more. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <unistd.h>

#ifndef ADDEND
#define ADDEND 3
#endif
#define STR2(x) #x
#define STR(x) STR2(x)

__asm__(".section .text.patchme,\"ax\",@progbits\n"
        ".p2align 12\n"
        ".globl patchme\n"
        "patchme:\n"
        ".option push\n"
        ".option norvc\n"
        "addi a0, a0, " STR(ADDEND) "\n"
        "ret\n"
        ".option pop\n"
        ".p2align 12\n");
int patchme(int x);

#define N 20000

static long __attribute__((noinline)) run(void) {
  long s = 0;
  for (int i = 0; i < N; i++) s += patchme(i);
  return s;
}

static int failures = 0;

/* The sum, checked against the addend the code has now. */
static long sum(const char *who) {
  int k = patchme(0);
  long s = run(), want = (long)N * (N - 1) / 2 + (long)N * k;
  if (s != want) { printf("FAIL %s: addend %d, sum %ld, want %ld\n", who, k, s, want); failures++; }
  return s;
}

/* Make patchme add k: W^X, as a JIT would. */
static void set_addend(int k) {
  uintptr_t page = (uintptr_t)patchme & ~(uintptr_t)4095;
  if (mprotect((void *)page, 4096, PROT_READ | PROT_WRITE) != 0) { perror("mprotect RW"); exit(2); }
  *(volatile uint32_t *)(uintptr_t)patchme = ((uint32_t)k << 20) | (10u << 15) | (10u << 7) | 0x13u;
  if (mprotect((void *)page, 4096, PROT_READ | PROT_EXEC) != 0) { perror("mprotect RX"); exit(2); }
  __asm__ volatile("fence.i" ::: "memory");
}

static void run_exec(const char *dir, const char *prog, const char *mode) {
  char path[4096];
  snprintf(path, sizeof path, "%s/%s", dir, prog);
  fflush(stdout);
  execl(path, path, dir, mode, (char *)0);
  perror("execl");
  exit(2);
}

static void rounds(void) {
  int down[2], up[2];
  if (pipe(down) != 0 || pipe(up) != 0) { perror("pipe"); exit(2); }
  fflush(stdout);
  pid_t pid = fork();
  if (pid < 0) { perror("fork"); exit(2); }
  if (pid == 0) {
    close(down[1]); close(up[0]);
    for (int r = 0; r < 4; r++) {
      char c;
      if (read(down[0], &c, 1) != 1) _exit(2);
      if (r == 1) set_addend(100);
      if (r == 3) set_addend(ADDEND);
      long s = sum("child");
      if (write(up[1], &s, sizeof s) != sizeof s) _exit(2);
    }
    _exit(failures != 0);
  }
  close(down[0]); close(up[1]);
  for (int r = 0; r < 4; r++) {
    if (write(down[1], "x", 1) != 1) exit(2);
    long mine = sum("parent"), theirs = 0;
    if (read(up[0], &theirs, sizeof theirs) != sizeof theirs) exit(2);
    printf("round %d: parent %ld, child %ld\n", r, mine, theirs);
  }
  int st = 0;
  waitpid(pid, &st, 0);
  printf("child: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
}

int main(int argc, char **argv) {
  const char *dir = argc > 1 ? argv[1] : ".";
  const char *mode = argc > 2 ? argv[2] : "main";
  const char *other = ADDEND == 3 ? "codeshare_b" : "codeshare";
  printf("%s (addend %d): sum %ld\n", mode, patchme(0), sum(mode));
  if (strcmp(mode, "exec-once") == 0) return failures != 0;
  if (strcmp(mode, "exec-chain") == 0) run_exec(dir, other, "exec-once");
  rounds();
  fflush(stdout);
  pid_t pid = fork();
  if (pid == 0) run_exec(dir, other, "exec-once");
  int st = 0;
  waitpid(pid, &st, 0);
  printf("exec child: exit %d\n", WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
  printf("again: sum %ld\n", sum("again"));
  if (failures == 0) run_exec(dir, other, "exec-chain");
  return 1;
}
