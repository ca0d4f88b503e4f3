/* bare.h - what C programs of our bare-metal environment can use (crt.S, htif.c, link.ld). */
#ifndef RVEMU_BARE_H
#define RVEMU_BARE_H

#ifndef __ASSEMBLER__
typedef unsigned long uint64_t;
typedef unsigned long uintptr_t;
typedef unsigned int uint32_t;

#define read_csr(reg) ({ unsigned long __v; __asm__ volatile("csrr %0, " #reg : "=r"(__v)); __v; })
#define write_csr(reg, val) ({ __asm__ volatile("csrw " #reg ", %0" :: "rK"(val)); })

long bare_syscall(long n, long a0, long a1, long a2);
void bare_exit(long code) __attribute__((noreturn));
long bare_write(int fd, const void *buf, unsigned long len);
void bare_puts(const char *s);
void bare_put_dec(uint64_t v);
void bare_put_hex(uint64_t v);
#endif

#define SYS_write 64
#define SYS_exit 93

#define CAUSE_USER_ECALL 8
#define CAUSE_SUPERVISOR_ECALL 9
#define CAUSE_MACHINE_ECALL 11

#endif
