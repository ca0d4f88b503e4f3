/*
 * priv.h - macros for our privileged-architecture tests (on top of ../macros.h, built with -DRVEMU_BARE).
 *
 * A test points mtvec (stvec) at record_trap (record_strap). When a trap is expected, s5 holds where to
 * resume: the handler records the cause, epc and tval, resumes at s5 and clears it. A trap while s5 is 0
 * was not expected: record_trap passes it on to the environment's handler (crt.S), which reports it with
 * the case number - and the final ecall exit/write of RVTEST_PASS/FAIL reach the environment that way
 * (record_strap passes such a trap on with an ecall of its own, so delegated ecalls reach it too).
 *
 *   s2 = mcause/scause   s3 = mepc/sepc   s4 = mtval/stval   s7 = mstatus/sstatus at the trap
 * record_trap returns to M-mode (it sets MPP = M); record_strap returns to the mode the trap came from.
 */
#ifndef RVEMU_BARE_PRIV_H
#define RVEMU_BARE_PRIV_H
#include "macros.h"

#define MSTATUS_SIE  0x2
#define MSTATUS_MIE  0x8
#define MSTATUS_SPIE 0x20
#define MSTATUS_MPIE 0x80
#define MSTATUS_SPP  0x100
#define MSTATUS_VS   0x600
#define MSTATUS_MPP  0x1800
#define MSTATUS_FS   0x6000
#define MSTATUS_XS   0x18000
#define MSTATUS_MPRV 0x20000
#define MSTATUS_SUM  0x40000
#define MSTATUS_MXR  0x80000
#define MSTATUS_TVM  0x100000
#define MSTATUS_TW   0x200000
#define MSTATUS_TSR  0x400000
#define MPP_U 0x0000
#define MPP_S 0x0800
#define MPP_M 0x1800

#define CAUSE_FETCH_MISALIGNED 0
#define CAUSE_FETCH_ACCESS 1
#define CAUSE_ILLEGAL 2
#define CAUSE_BREAKPOINT 3
#define CAUSE_LOAD_MISALIGNED 4
#define CAUSE_LOAD_ACCESS 5
#define CAUSE_STORE_MISALIGNED 6
#define CAUSE_STORE_ACCESS 7
#define CAUSE_ECALL_U 8
#define CAUSE_ECALL_S 9
#define CAUSE_ECALL_M 11
#define CAUSE_FETCH_PAGE_FAULT 12
#define CAUSE_LOAD_PAGE_FAULT 13
#define CAUSE_STORE_PAGE_FAULT 15

/* The trap handlers; place once, after RVTEST_CODE_END. */
#define PRIV_HANDLERS                                                       \
        .balign 4;                                                          \
record_trap:                                                                \
        beqz s5, trap_entry;                                                \
        csrr s2, mcause;                                                    \
        csrr s3, mepc;                                                      \
        csrr s4, mtval;                                                     \
        csrr s7, mstatus;                                                   \
        csrw mepc, s5;                                                      \
        li s5, 0;                                                           \
        li t0, MSTATUS_MPP;                                                 \
        csrs mstatus, t0;                                                   \
        mret;                                                               \
        .balign 4;                                                          \
record_strap:                                                               \
        bnez s5, 1f;                                                        \
        ecall;          /* not expected: the environment (M-mode) takes it */ \
        csrr t0, sepc; addi t0, t0, 4; csrw sepc, t0;                       \
        sret;                                                               \
1:      csrr s2, scause;                                                    \
        csrr s3, sepc;                                                      \
        csrr s4, stval;                                                     \
        csrr s7, sstatus;                                                   \
        csrw sepc, s5;                                                      \
        li s5, 0;                                                           \
        sret;

/* Point mtvec at record_trap (stvec at record_strap). */
#define USE_RECORD_TRAP  la t0, record_trap; csrw mtvec, t0;
#define USE_RECORD_STRAP la t0, record_strap; csrw stvec, t0;

/*
 * Case testnum: `code` must trap with `cause` at the instruction labelled 7 (put "7:" in front of the
 * trapping instruction); mepc (sepc) must be that address. Execution resumes after `code`.
 */
#define TEST_TRAP(testnum, cause, code...)                                  \
        TEST_NUM_CHECK(testnum)                                             \
        li TESTNUM, testnum;                                                \
        la s5, 8f;                                                          \
        la s6, 7f;                                                          \
        li s2, -1;                                                          \
        code;                                                               \
8:                                                                          \
        li t2, cause;                                                       \
        bne s2, t2, fail;                                                   \
        bne s3, s6, fail;

/* Case testnum: the trap recorded by the previous TEST_TRAP had tval `val`. */
#define TEST_TVAL(testnum, val) TEST_CASE(testnum, s4, val, )

/* Continue at the next instruction in mode mpp (MPP_U, MPP_S, MPP_M), from M-mode. */
#define ENTER_MODE(mpp)                                                     \
        li t0, MSTATUS_MPP; csrc mstatus, t0;                               \
        li t0, mpp; csrs mstatus, t0;                                       \
        la t0, 9f; csrw mepc, t0;                                           \
        mret;                                                               \
9:

/* Back to M-mode from S or U (an ecall that record_trap takes; ecalls must not be delegated). */
#define BACK_TO_M                                                           \
        la s5, 9f;                                                          \
        ecall;                                                              \
9:

#endif
