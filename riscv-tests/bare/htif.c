/*
 * htif.c - the host interface of our bare-metal test environment (see crt.S): exit, write and a small
 * formatted output, through the tohost/fromhost words the way Spike-style hosts expect, plus the C side
 * of the machine-mode trap handler.
 */
#include "bare.h"

volatile uint64_t tohost __attribute__((section(".tohost"), aligned(64)));
volatile uint64_t fromhost __attribute__((section(".tohost"), aligned(64)));

static volatile uint64_t magic_mem[8] __attribute__((aligned(64)));

long bare_syscall(long n, long a0, long a1, long a2)
{
    magic_mem[0] = n; magic_mem[1] = a0; magic_mem[2] = a1; magic_mem[3] = a2;
    __asm__ volatile("fence" ::: "memory");
    tohost = (uint64_t)(uintptr_t)magic_mem;
    while (fromhost == 0) { }
    fromhost = 0;
    __asm__ volatile("fence" ::: "memory");
    return (long)magic_mem[0];
}

void bare_exit(long code)
{
    for (;;) tohost = ((uint64_t)code << 1) | 1;
}

long bare_write(int fd, const void *buf, unsigned long len)
{
    return bare_syscall(SYS_write, fd, (long)(uintptr_t)buf, (long)len);
}

void bare_puts(const char *s)
{
    unsigned long n = 0;
    while (s[n] != 0) n++;
    bare_write(1, s, n);
}

void bare_put_dec(uint64_t v)
{
    char buf[24];
    int i = sizeof buf;
    buf[--i] = 0;
    do { buf[--i] = (char)('0' + v % 10); v /= 10; } while (v != 0);
    bare_puts(&buf[i]);
}

void bare_put_hex(uint64_t v)
{
    char buf[19];
    buf[0] = '0'; buf[1] = 'x';
    for (int i = 0; i < 16; i++) buf[2 + i] = "0123456789abcdef"[(v >> (60 - 4 * i)) & 15];
    buf[18] = 0;
    bare_puts(buf);
}

/* frame[n] = register xn at the trap (frame[0] unused). */
void bare_trap(uint64_t *frame)
{
    uint64_t cause = read_csr(mcause), epc = read_csr(mepc);
    if (cause == CAUSE_MACHINE_ECALL || cause == CAUSE_SUPERVISOR_ECALL || cause == CAUSE_USER_ECALL) {
        long n = (long)frame[17], a0 = (long)frame[10], a1 = (long)frame[11], a2 = (long)frame[12];
        if (n == SYS_exit) bare_exit(a0);
        frame[10] = (uint64_t)bare_syscall(n, a0, a1, a2);
        write_csr(mepc, epc + 4);
        return;
    }
    /* Anything else is a bug in the test (or in what runs it): say what, exit with the case number (gp). */
    uint64_t testnum = frame[3];
    bare_puts("FAIL: test "); bare_put_dec(testnum);
    bare_puts(": unexpected trap, mcause "); bare_put_hex(cause);
    bare_puts(" mepc "); bare_put_hex(epc);
    bare_puts(" mtval "); bare_put_hex(read_csr(mtval));
    bare_puts("\n");
    bare_exit(testnum != 0 ? (long)testnum : 255);
}
