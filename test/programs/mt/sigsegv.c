// Signal delivery to installed handlers, one line per check:
//  - SIGSEGV (SA_SIGINFO) at unmapped and PROT_NONE addresses: si_addr is the faulting address, si_code
//    MAPERR/ACCERR; the handler siglongjmps out; several times in a row (the mask is restored each time);
//  - SIGILL from an all-zero instruction word: si_addr is its pc, si_code ILL_ILLOPC;
//  - SIGUSR1 raised while blocked stays pending (sigpending) and runs when unblocked;
//  - tgkill to the own thread runs a handler with si_code SI_TKILL;
//  - a handler on an alternate stack (sigaltstack + SA_ONSTACK) sees SS_ONSTACK and its locals there;
//  - a handler that edits the saved context (pc, an integer and an FP register) resumes there.
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <ucontext.h>
#include <unistd.h>

static sigjmp_buf escape;
static volatile void *fault_addr;
static volatile int fault_code, fault_signo, handled;
static int failures;

static void report(int ok, const char *what) {
  printf("%s %s\n", ok ? "ok" : "FAIL", what);
  if (!ok) failures++;
}

static void on_fault(int sig, siginfo_t *si, void *uc) {
  fault_signo = sig;
  fault_addr = si->si_addr;
  fault_code = si->si_code;
  siglongjmp(escape, 1);
}

// Loads a byte through p; noinline so the fault is inside this function.
__attribute__((noinline)) static int load_byte(volatile char *p) { return *p; }
__attribute__((noinline)) static void store_word(volatile int *p) { *p = 42; }

// An all-zero instruction word (illegal by definition), then a return.
extern void illegal_instruction(void);
__asm__(".text\n.globl illegal_instruction\n.type illegal_instruction,@function\n.p2align 2\n"
        "illegal_instruction:\n .word 0\n ret\n.size illegal_instruction, .-illegal_instruction\n");

static void install(int sig, void (*fn)(int, siginfo_t *, void *), int extra_flags) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_sigaction = fn;
  sa.sa_flags = SA_SIGINFO | extra_flags;
  sigemptyset(&sa.sa_mask);
  if (sigaction(sig, &sa, NULL) != 0) { printf("FAIL sigaction %d\n", sig); exit(1); }
}

static void check_segv(volatile char *addr, int write, int want_code, const char *what) {
  char line[128];
  fault_addr = NULL; fault_code = 0; fault_signo = 0;
  if (sigsetjmp(escape, 1) == 0) {
    if (write) store_word((volatile int *)addr); else load_byte(addr);
    snprintf(line, sizeof line, "%s: no fault", what);
    report(0, line);
    return;
  }
  snprintf(line, sizeof line, "%s: SIGSEGV at the faulting address, code %s", what, want_code == SEGV_MAPERR ? "SEGV_MAPERR" : "SEGV_ACCERR");
  report(fault_signo == SIGSEGV && fault_addr == (void *)addr && fault_code == want_code, line);
}

static volatile int usr1_count, usr2_code;
static void on_usr1(int sig, siginfo_t *si, void *uc) { usr1_count++; }
static void on_usr2(int sig, siginfo_t *si, void *uc) { usr2_code = si->si_code; handled++; }

static char *alt_base;
static size_t alt_size;
static volatile int alt_on_stack, alt_flag_seen;
static void on_alt(int sig, siginfo_t *si, void *uc) {
  char local;
  stack_t now;
  alt_on_stack = (char *)&local >= alt_base && (char *)&local < alt_base + alt_size;
  sigaltstack(NULL, &now);
  alt_flag_seen = (now.ss_flags & SS_ONSTACK) != 0;
}

// Skips the faulting 4-byte load (pc += 4) and sets the registers it resumes with.
static void on_skip(int sig, siginfo_t *si, void *ucv) {
  ucontext_t *uc = ucv;
  uc->uc_mcontext.__gregs[0] += 4;        // REG_PC
  uc->uc_mcontext.__gregs[10] = 41;       // a0
  uc->uc_mcontext.__fpregs.__d.__f[10] = 0x4045000000000000ULL;  // fa0 = 42.0
  handled++;
}

static void skip_faulting_load(long *a0_out, double *fa0_out) {
  long a0;
  double fa0;
  __asm__ volatile(
      ".option push\n.option norvc\n"
      "li a0, 5\n"
      "fcvt.d.l fa0, a0\n"
      "ld a0, 16(zero)\n"        // faults; the handler resumes at the next instruction
      "addi a0, a0, 1\n"
      ".option pop\n"
      "mv %0, a0\n"
      "fmv.d %1, fa0\n"
      : "=r"(a0), "=f"(fa0)
      :
      : "a0", "fa0", "memory");
  *a0_out = a0;
  *fa0_out = fa0;
}

int main(void) {
  setvbuf(stdout, NULL, _IONBF, 0);
  long page = sysconf(_SC_PAGESIZE);
  install(SIGSEGV, on_fault, 0);
  install(SIGILL, on_fault, 0);

  // Faults at several addresses; each delivery must leave SIGSEGV unblocked again after siglongjmp.
  char *guard = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  mprotect(guard + page, page, PROT_NONE);
  check_segv((volatile char *)16, 0, SEGV_MAPERR, "load from address 16");
  check_segv((volatile char *)0x7ff0, 1, SEGV_MAPERR, "store to address 0x7ff0");
  check_segv(guard + page + 123, 0, SEGV_ACCERR, "load from a PROT_NONE page");
  check_segv(guard + page + 8, 1, SEGV_ACCERR, "store to a PROT_NONE page");
  munmap(guard, 2 * page);
  check_segv(guard + 64, 0, SEGV_MAPERR, "load from an unmapped page");

  fault_addr = NULL;
  if (sigsetjmp(escape, 1) == 0) {
    illegal_instruction();
    report(0, "illegal instruction: no fault");
  } else {
    report(fault_signo == SIGILL && fault_addr == (void *)illegal_instruction && fault_code == ILL_ILLOPC,
           "illegal instruction: SIGILL with si_addr = pc, code ILL_ILLOPC");
  }

  // Blocked signal stays pending until unblocked.
  install(SIGUSR1, on_usr1, 0);
  sigset_t block, old, pending;
  sigemptyset(&block);
  sigaddset(&block, SIGUSR1);
  sigprocmask(SIG_BLOCK, &block, &old);
  raise(SIGUSR1);
  sigpending(&pending);
  report(usr1_count == 0 && sigismember(&pending, SIGUSR1), "SIGUSR1 raised while blocked: pending, handler not run");
  sigprocmask(SIG_SETMASK, &old, NULL);
  sigpending(&pending);
  report(usr1_count == 1 && !sigismember(&pending, SIGUSR1), "SIGUSR1 unblocked: handler ran once, no longer pending");

  // tgkill to this very thread.
  install(SIGUSR2, on_usr2, 0);
  handled = 0;
  syscall(SYS_tgkill, getpid(), gettid(), SIGUSR2);
  report(handled == 1 && usr2_code == SI_TKILL, "tgkill to self: handler ran with SI_TKILL");

  // Alternate signal stack.
  alt_size = 64 * 1024;
  alt_base = malloc(alt_size);
  stack_t ss = { .ss_sp = alt_base, .ss_size = alt_size, .ss_flags = 0 };
  sigaltstack(&ss, NULL);
  install(SIGUSR2, on_alt, SA_ONSTACK);
  raise(SIGUSR2);
  stack_t after;
  sigaltstack(NULL, &after);
  report(alt_on_stack && alt_flag_seen && !(after.ss_flags & SS_ONSTACK),
         "SA_ONSTACK handler runs on the alternate stack (SS_ONSTACK inside, not after)");

  // The handler edits the saved context: resume after the faulting load with new a0 and fa0.
  install(SIGSEGV, on_skip, 0);
  handled = 0;
  long a0;
  double fa0;
  skip_faulting_load(&a0, &fa0);
  report(handled == 1 && a0 == 42 && fa0 == 42.0, "handler sets the saved pc, a0 and fa0: execution resumes past the fault");

  if (failures) { printf("FAIL %d checks\n", failures); return 1; }
  printf("all signal checks passed\n");
  return 0;
}
