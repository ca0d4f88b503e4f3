// Branchy interpreter-style benchmark: a small stack-based bytecode VM (switch dispatch, a data stack, a
// call stack, locals) running three programs written in its bytecode: recursive Fibonacci, a sieve of
// Eratosthenes over a byte array, and a loop of mixed arithmetic with data-dependent branches.
// Usage: bytevm [scale]   (fib(14 + min(scale, 10)), scale sieves up to min(4096 * scale, 65536), 20000 * scale
// mix steps) prints each program's result and a checksum.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

enum {
  PUSH, POP, DUP, SWAP, OVER, ADD, SUB, MUL, DIVM, MOD, AND, XOR, SHL, SHR, LT, EQ,
  JMP, JZ, JNZ, CALL, RET, LOAD, STORE, LDB, STB, INC, HALT,
};

typedef struct { int32_t op, arg; } insn;

#define STACK 4096
#define HEAP 65536

static int64_t run(const insn *code, int64_t *locals, uint8_t *heap) {
  int64_t stack[STACK];
  int32_t rstack[STACK];
  int sp = 0, rsp = 0, pc = 0;
  for (;;) {
    const insn in = code[pc++];
    switch (in.op) {
      case PUSH: stack[sp++] = in.arg; break;
      case POP: sp--; break;
      case DUP: stack[sp] = stack[sp - 1]; sp++; break;
      case SWAP: { int64_t t = stack[sp - 1]; stack[sp - 1] = stack[sp - 2]; stack[sp - 2] = t; break; }
      case OVER: stack[sp] = stack[sp - 2]; sp++; break;
      case ADD: sp--; stack[sp - 1] += stack[sp]; break;
      case SUB: sp--; stack[sp - 1] -= stack[sp]; break;
      case MUL: sp--; stack[sp - 1] *= stack[sp]; break;
      case DIVM: sp--; stack[sp - 1] = stack[sp] ? stack[sp - 1] / stack[sp] : 0; break;
      case MOD: sp--; stack[sp - 1] = stack[sp] ? stack[sp - 1] % stack[sp] : 0; break;
      case AND: sp--; stack[sp - 1] &= stack[sp]; break;
      case XOR: sp--; stack[sp - 1] ^= stack[sp]; break;
      case SHL: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] << (stack[sp] & 63)); break;
      case SHR: sp--; stack[sp - 1] = (int64_t)((uint64_t)stack[sp - 1] >> (stack[sp] & 63)); break;
      case LT: sp--; stack[sp - 1] = stack[sp - 1] < stack[sp]; break;
      case EQ: sp--; stack[sp - 1] = stack[sp - 1] == stack[sp]; break;
      case JMP: pc = in.arg; break;
      case JZ: if (stack[--sp] == 0) pc = in.arg; break;
      case JNZ: if (stack[--sp] != 0) pc = in.arg; break;
      case CALL: rstack[rsp++] = pc; pc = in.arg; break;
      case RET: pc = rstack[--rsp]; break;
      case LOAD: stack[sp++] = locals[in.arg]; break;
      case STORE: locals[in.arg] = stack[--sp]; break;
      case LDB: stack[sp - 1] = heap[stack[sp - 1] & (HEAP - 1)]; break;
      case STB: sp -= 2; heap[stack[sp + 1] & (HEAP - 1)] = (uint8_t)stack[sp]; break;
      case INC: locals[in.arg]++; break;
      case HALT: return sp > 0 ? stack[sp - 1] : 0;
      default: fprintf(stderr, "bad opcode %d at %d\n", in.op, pc - 1); exit(1);
    }
  }
}

// fib(n) = n < 2 ? n : fib(n-1) + fib(n-2), on the data stack.
static const insn fib_prog[] = {
  /* 0 */ {LOAD, 0}, {CALL, 3}, {HALT, 0},
  /* 3 fib: */ {DUP, 0}, {PUSH, 2}, {LT, 0}, {JNZ, 15},
  /* 7 */ {DUP, 0}, {PUSH, 1}, {SUB, 0}, {CALL, 3}, {SWAP, 0}, {PUSH, 2}, {SUB, 0},
  /* 14 */ {JMP, 16},
  /* 15 */ {RET, 0},
  /* 16 */ {CALL, 3}, {ADD, 0}, {RET, 0},
};

// Count primes below locals[0] with a byte sieve in the heap.
static const insn sieve_prog[] = {
  /* 0 i = 2 */ {PUSH, 2}, {STORE, 1}, {PUSH, 0}, {STORE, 3},
  /* 4 loop: i < n ? */ {LOAD, 1}, {LOAD, 0}, {LT, 0}, {JZ, 35},
  /* 8 if heap[i] == 0 */ {LOAD, 1}, {LDB, 0}, {JNZ, 32},
  /* 11 count++, j = i*i */ {INC, 3}, {LOAD, 1}, {DUP, 0}, {MUL, 0}, {STORE, 2},
  /* 16 inner: j < n ? */ {LOAD, 2}, {LOAD, 0}, {LT, 0}, {JZ, 32},
  /* 20 heap[j] = 1 */ {PUSH, 1}, {LOAD, 2}, {STB, 0},
  /* 23 j += i */ {LOAD, 2}, {LOAD, 1}, {ADD, 0}, {STORE, 2}, {JMP, 16},
  /* 28 (unused) */ {HALT, 0}, {HALT, 0}, {HALT, 0}, {HALT, 0},
  /* 32 i++ */ {INC, 1}, {JMP, 4}, {HALT, 0},
  /* 35 */ {LOAD, 3}, {HALT, 0},
};

// acc = mix(acc, i) for i < locals[0]: an LCG step, then one of three updates picked by the low bits.
static const insn mix_prog[] = {
  /* 0 */ {PUSH, 0}, {STORE, 1}, {PUSH, 7}, {STORE, 2},
  /* 4 loop */ {LOAD, 1}, {LOAD, 0}, {LT, 0}, {JZ, 44},
  /* 8 acc = acc * 1103515245 + 12345 */ {LOAD, 2}, {PUSH, 1103515245}, {MUL, 0}, {PUSH, 12345}, {ADD, 0}, {PUSH, 0x7fffffff}, {AND, 0}, {STORE, 2},
  /* 16 switch acc & 3 */ {LOAD, 2}, {PUSH, 3}, {AND, 0}, {DUP, 0}, {JZ, 30}, {PUSH, 1}, {EQ, 0}, {JNZ, 35},
  /* 24 default: acc ^= i << 3 */ {LOAD, 2}, {LOAD, 1}, {PUSH, 3}, {SHL, 0}, {XOR, 0}, {JMP, 40},
  /* 30 case 0: acc = acc / 3 + i (value on stack popped) */ {POP, 0}, {LOAD, 2}, {PUSH, 3}, {DIVM, 0}, {JMP, 38},
  /* 35 case 1: acc % 1000 + i */ {LOAD, 2}, {PUSH, 1000}, {MOD, 0},
  /* 38 */ {LOAD, 1}, {ADD, 0},
  /* 40 */ {STORE, 2}, {INC, 1}, {JMP, 4}, {HALT, 0},
  /* 44 */ {LOAD, 2}, {HALT, 0},
};

int main(int argc, char **argv) {
  int scale = argc > 1 ? atoi(argv[1]) : 1;
  static uint8_t heap[HEAP];
  int64_t locals[8] = {0};
  uint64_t check = 0;

  locals[0] = 14 + (scale > 10 ? 10 : scale);
  int64_t f = run(fib_prog, locals, heap);
  printf("fib(%lld) = %lld\n", (long long)locals[0], (long long)f);
  check = check * 31 + (uint64_t)f;

  int64_t primes = 0, limit = scale >= 16 ? HEAP : 4096 * scale;
  for (int r = 0; r < scale; r++) {
    for (int i = 0; i < HEAP; i++) heap[i] = 0;
    locals[0] = limit;
    primes = run(sieve_prog, locals, heap);
  }
  printf("primes below %lld = %lld\n", (long long)limit, (long long)primes);
  check = check * 31 + (uint64_t)primes;

  locals[0] = 20000LL * scale;
  int64_t m = run(mix_prog, locals, heap);
  printf("mix(%lld) = %lld\n", (long long)locals[0], (long long)m);
  check = check * 31 + (uint64_t)m;

  printf("checksum %016llx\n", (unsigned long long)check);
  return 0;
}
