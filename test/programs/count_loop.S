/* Exact retired-instruction count fixture (no libc).
 *
 *   prologue      2 insns   (li t0, 1000 ; li t1, 0)
 *   loop body     4 insns x 1000 iterations = 4000
 *   epilogue      3 insns   (li a0, 0 ; li a7, 93 ; ecall)
 *   ----------------------------------------------
 *   total      4005 insns, counting the final exit ecall as retired.
 *
 * Built with -march=rv64gc, so the assembler may pick compressed encodings;
 * the count does not change (one instruction each). Exits with status 0.
 */
    .text
    .globl _start
_start:
    li   t0, 1000
    li   t1, 0
1:
    addi t1, t1, 3
    xori t2, t1, 5
    addi t0, t0, -1
    bnez t0, 1b
    li   a0, 0
    li   a7, 93
    ecall
