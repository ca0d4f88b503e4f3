/*
 * unhandled-trap.S - fails on purpose: clears mtvec and executes an illegal instruction, so the trap has
 * no handler. rvemu must stop with a one-line "unhandled trap" message (exit status 134), not loop.
 */
        .text
        .globl main
main:
        csrw mtvec, zero
        .word 0x0000000b
