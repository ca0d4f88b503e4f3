/*
 * crt.S - start-up and machine-mode trap entry of our bare-metal test environment.
 *
 * _start runs in M-mode at 0x80000000 with every register zero. It points mtvec at trap_entry, turns the
 * FP and vector units on (mstatus.FS/VS = Initial; writes to fields of absent units are ignored), sets up
 * a stack and calls main(). main's return value becomes the exit status.
 *
 * trap_entry saves every register in a frame on its own stack (mscratch holds its top), calls
 * bare_trap(frame) in htif.c, restores every register (bare_trap may have changed some, e.g. a0 for a
 * system call result) and returns with mret. So the test programs' ecall-based exit and write (a7 = 93,
 * 64), which under Linux are system calls, work unchanged here.
 */
#define REGBYTES 8
#define MSTATUS_FS_INITIAL 0x2000
#define MSTATUS_VS_INITIAL 0x0200

        .section .text.init, "ax", @progbits
        .globl _start
_start:
        la t0, trap_entry
        csrw mtvec, t0
        la t0, trap_stack_top
        csrw mscratch, t0
        li t0, MSTATUS_FS_INITIAL | MSTATUS_VS_INITIAL
        csrs mstatus, t0
        la sp, stack_top
        call main
        call bare_exit

        .balign 4
        .globl trap_entry
trap_entry:
        csrrw sp, mscratch, sp
        addi sp, sp, -32 * REGBYTES
        .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
        sd x\n, \n * REGBYTES(sp)
        .endr
        csrr t0, mscratch              /* the interrupted sp */
        sd t0, 2 * REGBYTES(sp)
        mv a0, sp
        call bare_trap
        ld t0, 2 * REGBYTES(sp)
        csrw mscratch, t0
        .irp n, 1, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31
        ld x\n, \n * REGBYTES(sp)
        .endr
        addi sp, sp, 32 * REGBYTES
        csrrw sp, mscratch, sp
        mret

        .bss
        .balign 16
        .skip 4096
trap_stack_top:
        .skip 16384
stack_top:
