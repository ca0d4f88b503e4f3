/*
 * priv-modes.S - privilege modes: mret/sret into S and U, delegation through medeleg (scause, sepc,
 * stval, SPP, SPIE/SIE), what each mode may not do (M CSRs from S, S CSRs and counters from U, sret,
 * mret, wfi, sfence.vma), mcounteren/scounteren, mstatus TSR/TW/TVM, mret's MIE/MPIE/MPP/MPRV updates,
 * and that traps taken in M-mode are never delegated.
 */
#include "priv.h"

/* Back to M-mode by a load access fault (never delegated here); checks it came from mode mpp. */
#define FAULT_TO_M(testnum, checknum, mpp)                                  \
        TEST_TRAP(testnum, CAUSE_LOAD_ACCESS, li t0, 0x20000000; 7: lb t0, 0(t0)) \
        TEST_CASE(checknum, a4, mpp, li t0, MSTATUS_MPP; and a4, s7, t0)

RVTEST_CODE_BEGIN
        USE_RECORD_TRAP
        USE_RECORD_STRAP
        li t0, (1 << CAUSE_ECALL_U) | (1 << CAUSE_ILLEGAL) | (1 << CAUSE_BREAKPOINT)
        csrw medeleg, t0

        /* S-mode: a delegated breakpoint goes to stvec with SPP = S and stval = pc. */
        ENTER_MODE(MPP_S)
        TEST_TRAP(1, CAUSE_BREAKPOINT, 7: ebreak)
        TEST_CASE(2, a4, MSTATUS_SPP, li t0, MSTATUS_SPP; and a4, s7, t0)
        TEST_CASE(3, s4, 0, sub s4, s4, s6)
        /* M-mode CSRs are illegal in S-mode (delegated: stval = the instruction). */
        TEST_TRAP(4, CAUSE_ILLEGAL, 7: csrr a4, mscratch)
        TEST_TVAL(5, 0x34002773)
        /* Trap entry saves SIE in SPIE and clears SIE; sret restores it. */
        TEST_TRAP(6, CAUSE_BREAKPOINT, li t0, MSTATUS_SIE; csrs sstatus, t0; 7: ebreak)
        TEST_CASE(7, a4, MSTATUS_SPIE, li t0, MSTATUS_SIE | MSTATUS_SPIE; and a4, s7, t0)
        TEST_CASE(8, a4, MSTATUS_SIE | MSTATUS_SPIE, csrr a4, sstatus; li t0, MSTATUS_SIE | MSTATUS_SPIE; and a4, a4, t0)
        /* S-mode may read its own CSRs, and sfence.vma there is fine. */
        TEST_CASE(9, a4, 0, csrr a4, satp; sfence.vma)

        /* U-mode through sret (SPP = U). */
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        la t0, 1f
        csrw sepc, t0
        sret
1:      TEST_TRAP(10, CAUSE_ECALL_U, la s5, 8f; 7: ecall)
        TEST_CASE(11, a4, 0, li t0, MSTATUS_SPP; and a4, s7, t0)
        TEST_TRAP(12, CAUSE_ILLEGAL, 7: csrr a4, sstatus)
        TEST_TRAP(13, CAUSE_ILLEGAL, 7: rdcycle a4)          /* mcounteren = 0 */
        TEST_TRAP(14, CAUSE_ILLEGAL, 7: wfi)
        TEST_TRAP(15, CAUSE_ILLEGAL, 7: sret)
        TEST_TRAP(16, CAUSE_ILLEGAL, 7: mret)
        TEST_TRAP(17, CAUSE_ILLEGAL, 7: sfence.vma)
        FAULT_TO_M(18, 118, MPP_U)

        /* Counter enables: mcounteren gates S and U, scounteren gates U. */
        csrwi mcounteren, 1
        csrwi scounteren, 0
        ENTER_MODE(MPP_S)
        TEST_CASE(19, a4, 1, rdcycle a5; li a4, 1)
        TEST_TRAP(20, CAUSE_ILLEGAL, 7: rdinstret a4)
        FAULT_TO_M(21, 121, MPP_S)
        ENTER_MODE(MPP_U)
        TEST_TRAP(22, CAUSE_ILLEGAL, 7: rdcycle a4)
        FAULT_TO_M(23, 123, MPP_U)
        csrwi scounteren, 1
        ENTER_MODE(MPP_U)
        TEST_CASE(24, a4, 1, rdcycle a5; li a4, 1)
        TEST_TRAP(25, CAUSE_ILLEGAL, 7: rdinstret a4)
        FAULT_TO_M(26, 126, MPP_U)

        /* TSR, TW, TVM: sret, wfi, sfence.vma and satp become illegal in S-mode (undelegated now). */
        csrw medeleg, zero
        li t0, MSTATUS_TSR | MSTATUS_TW | MSTATUS_TVM
        csrs mstatus, t0
        ENTER_MODE(MPP_S)
        TEST_TRAP(27, CAUSE_ILLEGAL, 7: sret)
        TEST_CASE(28, a4, MPP_S, li t0, MSTATUS_MPP; and a4, s7, t0)
        ENTER_MODE(MPP_S)
        TEST_TRAP(29, CAUSE_ILLEGAL, 7: wfi)
        ENTER_MODE(MPP_S)
        TEST_TRAP(30, CAUSE_ILLEGAL, 7: sfence.vma)
        ENTER_MODE(MPP_S)
        TEST_TRAP(31, CAUSE_ILLEGAL, 7: csrw satp, zero)
        li t0, MSTATUS_TSR | MSTATUS_TW | MSTATUS_TVM
        csrc mstatus, t0
        /* An ecall from S, not delegated, reaches M with mcause 9. */
        ENTER_MODE(MPP_S)
        TEST_TRAP(32, CAUSE_ECALL_S, la s5, 8f; 7: ecall)

        /* mret: MIE = MPIE, MPIE = 1, MPP = U. */
        TEST_CASE(34, a4, MSTATUS_MIE | MSTATUS_MPIE,
                  li t0, MSTATUS_MIE; csrc mstatus, t0; li t0, MSTATUS_MPIE | MSTATUS_MPP; csrs mstatus, t0;
                  la t0, 1f; csrw mepc, t0; mret; 1: csrr a4, mstatus; li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP; and a4, a4, t0)
        /* mret to a lower mode clears MPRV. */
        li t0, MSTATUS_MPRV
        csrs mstatus, t0
        ENTER_MODE(MPP_S)
        TEST_TRAP(35, CAUSE_ECALL_S, la s5, 8f; 7: ecall)
        TEST_CASE(36, a4, 0, li t0, MSTATUS_MPRV; and a4, s7, t0)
        /* Traps in M-mode are never delegated. */
        li t0, 1 << CAUSE_BREAKPOINT
        csrw medeleg, t0
        li t0, 0x55
        csrw scause, t0
        TEST_TRAP(37, CAUSE_BREAKPOINT, 7: ebreak)
        TEST_CASE(38, a4, 0x55, csrr a4, scause)
        csrw medeleg, zero
        /* Last, as Spike waits in wfi for an interrupt that never comes: wfi is a no-op here (no
         * interrupt sources), in M-mode and in S-mode. */
        TEST_CASE(33, a4, 7, li a4, 7; wfi)
        ENTER_MODE(MPP_S)
        TEST_CASE(39, a4, 8, li a4, 8; wfi)
        TEST_TRAP(40, CAUSE_ECALL_S, la s5, 8f; 7: ecall)

RVTEST_CODE_END
        PRIV_HANDLERS
