/*
 * interrupts.S - interrupts that software raises through mip/sip (nothing else raises any in bare mode):
 * taken right after the CSR write or xRET that makes one pending and enabled, with mcause/scause =
 * 2^63 | code and mepc/sepc = the next instruction; MIE/SIE and the mode gate them; mideleg sends them
 * to S (never taken in M then); vectored mtvec adds 4 * code; SSI has priority over STI.
 */
#include "priv.h"
#define INTERRUPT (1 << 63)
#define MIP_SSIP 0x2
#define MIP_STIP 0x20
/* Back to M-mode from S or U: a load access fault, which irq_handler passes to record_trap. */
#define U_TO_M_FAULT                                                        \
        la s5, 9f; li t0, 0x20000000;                                       \
        lb t0, 0(t0);                                                       \
9:

RVTEST_CODE_BEGIN
        la t0, irq_handler
        csrw mtvec, t0
        la t0, s_irq_handler
        csrw stvec, t0
        li t0, MIP_SSIP | MIP_STIP
        csrs mie, t0

        /* Pending and enabled in mie, but MIE = 0 in M-mode: nothing happens. */
        TEST_CASE(1, s2, 0, li s2, 0; csrsi mip, MIP_SSIP; nop)
        /* Setting MIE lets it in at once: mepc is the next instruction. */
        TEST_CASE(2, s2, INTERRUPT | 1, la s6, 1f; csrsi mstatus, MSTATUS_MIE; 1: nop)
        TEST_CASE(3, s3, 0, sub s3, s3, s6)
        TEST_CASE(4, a4, 0, csrr a4, mip; andi a4, a4, MIP_SSIP)      /* the handler cleared it */
        /* Raising it with MIE already on: taken after the mip write. */
        TEST_CASE(5, s2, INTERRUPT | 1, li s2, 0; csrsi mstatus, MSTATUS_MIE; la s6, 1f; csrsi mip, MIP_SSIP; 1: nop)
        TEST_CASE(6, s3, 0, sub s3, s3, s6)
        /* Priority: SSI before STI; then STI. */
        TEST_CASE(7, s2, INTERRUPT | 1, li s2, 0; li t0, MIP_SSIP | MIP_STIP; csrs mip, t0; csrsi mstatus, MSTATUS_MIE)
        TEST_CASE(8, s2, INTERRUPT | 5, li s2, 0; csrsi mstatus, MSTATUS_MIE; nop)
        /* Vectored mtvec: the handler at base + 4 * code. */
        TEST_CASE(9, s2, INTERRUPT | 1, la t0, irq_vector; ori t0, t0, 1; csrw mtvec, t0; li s2, 0; csrsi mip, MIP_SSIP; csrsi mstatus, MSTATUS_MIE)
        la t0, irq_handler
        csrw mtvec, t0

        /* Delegated to S: never taken in M-mode, even with MIE set. */
        TEST_CASE(10, s2, 0, li t0, MIP_SSIP; csrw mideleg, t0; li s2, 0; csrsi mstatus, MSTATUS_MIE; csrsi mip, MIP_SSIP; nop)
        csrci mstatus, MSTATUS_MIE
        /* Entering U-mode with it pending: S-level interrupts are always on below S, so it is taken at the
         * first U-mode instruction, in S-mode (sepc = that instruction, SPP = U). */
        li s2, 0
        la s6, 9f
        ENTER_MODE(MPP_U)
        TEST_CASE(11, s2, INTERRUPT | 1, nop)          /* s_irq_handler returned to U here */
        TEST_CASE(12, s3, 0, sub s3, s3, s6)
        TEST_CASE(13, a4, 0, li t0, MSTATUS_SPP; and a4, s7, t0)
        U_TO_M_FAULT
        /* In S-mode with SIE = 0 it waits; setting SIE lets it in. */
        csrsi mip, MIP_SSIP
        ENTER_MODE(MPP_S)
        TEST_CASE(14, s2, 0, li s2, 0; csrci sstatus, MSTATUS_SIE; nop)
        TEST_CASE(15, s2, INTERRUPT | 1, la s6, 1f; csrsi sstatus, MSTATUS_SIE; 1: nop)
        TEST_CASE(16, s3, 0, sub s3, s3, s6)
        TEST_CASE(17, a4, MSTATUS_SPP, li t0, MSTATUS_SPP; and a4, s7, t0)
        /* S-mode raises it itself through sip. */
        TEST_CASE(18, s2, INTERRUPT | 1, li s2, 0; csrsi sstatus, MSTATUS_SIE; csrsi sip, MIP_SSIP; nop)
        U_TO_M_FAULT
        csrw mideleg, zero
        csrw mip, zero

RVTEST_CODE_END

/* M-mode interrupt handler: record, clear the source, keep MIE off after mret. Exceptions go to record_trap. */
        .balign 4
irq_handler:
        csrr t0, mcause
        bgez t0, record_trap
        csrr s2, mcause
        csrr s3, mepc
        li t0, MIP_SSIP
        csrr t1, mip
        and t1, t1, t0
        beqz t1, 1f
        csrc mip, t0                    /* SSIP first (it has priority): leave STIP for the next case */
        j 2f
1:      li t0, MIP_STIP
        csrc mip, t0
2:      li t0, MSTATUS_MPIE
        csrc mstatus, t0
        mret
        .balign 4
irq_vector:                             /* 4-byte entries: no compressed jumps */
        .option push
        .option norvc
        j record_trap                   /* exceptions (the final ecalls) */
        j irq_handler
        j fail
        .option pop
/* S-mode handler: record, clear SSIP, keep SIE off after sret. */
        .balign 4
s_irq_handler:
        csrr s2, scause
        csrr s3, sepc
        csrr s7, sstatus
        csrci sip, MIP_SSIP
        li t0, MSTATUS_SPIE
        csrc sstatus, t0
        sret
        PRIV_HANDLERS
