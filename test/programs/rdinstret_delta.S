/* Reads instret around a loop of known length and prints the delta in decimal,
 * then exits 0. No libc.
 *
 * A CSR read of instret returns the number of instructions retired *before*
 * the reading instruction. So between the two reads we count:
 *   rdinstret s0 (1) + li t0,1000 (1) + 1000 x (addi, bnez) (2000) = 2002
 * Expected output: "instret delta: 2002\n".
 *
 * Note: qemu-user (linux-user) returns host CPU ticks for instret, so the
 * oracle cannot produce this value; the expected output is derived by hand.
 */
    .section .rodata
prefix:
    .ascii "instret delta: "
    .set prefix_len, . - prefix

    .bss
buf:
    .space 32
buf_end:

    .text
    .globl _start
_start:
    rdinstret s0
    li   t0, 1000
1:
    addi t0, t0, -1
    bnez t0, 1b
    rdinstret s1
    sub  s2, s1, s0          /* delta */

    /* write the prefix */
    li   a0, 1
    la   a1, prefix
    li   a2, prefix_len
    li   a7, 64
    ecall

    /* convert s2 to decimal into buf (backwards), append '\n' */
    la   t1, buf_end
    li   t2, '\n'
    addi t1, t1, -1
    sb   t2, 0(t1)
    li   t3, 10
2:
    remu t4, s2, t3
    divu s2, s2, t3
    addi t4, t4, '0'
    addi t1, t1, -1
    sb   t4, 0(t1)
    bnez s2, 2b

    li   a0, 1
    mv   a1, t1
    la   a2, buf_end
    sub  a2, a2, t1
    li   a7, 64
    ecall

    li   a0, 0
    li   a7, 93
    ecall

