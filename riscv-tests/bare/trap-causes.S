/*
 * trap-causes.S - each exception cause taken in M-mode with mcause, mepc and mtval checked: illegal
 * instructions (32- and 16-bit), breakpoints, ecall from M/S/U, access faults for loads, stores, AMOs and
 * fetches outside RAM, misaligned loads/stores/AMOs/LR (run WITHOUT Zicclsm: --isa rv64gc), the FS field
 * (FP instructions and CSRs are illegal while FS is Off; FS becomes Dirty on first use), and mstatus
 * MPP/MPIE/MIE on trap entry.
 */
#include "priv.h"

RVTEST_CODE_BEGIN
        USE_RECORD_TRAP
        la s9, tdat

        /* Illegal instructions: mtval holds the instruction bits. */
        TEST_TRAP(1, CAUSE_ILLEGAL, 7: .word 0x0000000b)
        TEST_TVAL(2, 0x0000000b)
        TEST_TRAP(3, CAUSE_ILLEGAL, 7: .half 0x8002)       /* c.jr x0: reserved */
        TEST_TVAL(4, 0x8002)
        TEST_TRAP(5, CAUSE_ILLEGAL, 7: .word 0x30200073 | (1 << 7))   /* mret with rd != 0: reserved */
        /* Breakpoints: mtval = the pc. */
        TEST_TRAP(7, CAUSE_BREAKPOINT, 7: ebreak)
        TEST_CASE(8, s4, 0, sub s4, s4, s6)
        TEST_TRAP(9, CAUSE_BREAKPOINT, 7: c.ebreak)
        TEST_CASE(10, s4, 0, sub s4, s4, s6)
        /* ecall from M-mode. */
        TEST_TRAP(11, CAUSE_ECALL_M, la s5, 8f; 7: ecall)
        TEST_TVAL(12, 0)

        /* Access faults: nothing outside RAM (0x80000000 + 2 GiB; 0x20000000 is free in Spike's map too).
         * mtval = the address. */
        TEST_TRAP(13, CAUSE_LOAD_ACCESS, li a1, 0x20001000; 7: ld a4, 8(a1))
        TEST_TVAL(14, 0x20001008)
        TEST_TRAP(15, CAUSE_STORE_ACCESS, li a1, 0x100000004; 7: sw a1, -4(a1))
        TEST_TVAL(16, 0x100000000)
        TEST_TRAP(17, CAUSE_LOAD_ACCESS, li a1, 0x100000000; 7: lb a4, 0(a1))
        TEST_TVAL(18, 0x100000000)
        TEST_TRAP(19, CAUSE_STORE_ACCESS, li a1, 0x20002000; 7: amoadd.w a4, a1, (a1))    /* AMO: store/AMO fault */
        TEST_TVAL(20, 0x20002000)
        TEST_TRAP(21, CAUSE_LOAD_ACCESS, li a1, 0x20002000; 7: lr.d a4, (a1))
        /* A fetch fault: mepc and mtval are the target. */
        TEST_NUM_CHECK(22)
        li TESTNUM, 22
        la s5, 1f
        li s6, 0x20003000
        li s2, -1
        jr s6
1:      li t2, CAUSE_FETCH_ACCESS
        bne s2, t2, fail
        bne s3, s6, fail
        TEST_TVAL(23, 0x20003000)

        /* Misaligned data (no Zicclsm): loads 4, stores and AMOs 6. */
        TEST_TRAP(24, CAUSE_LOAD_MISALIGNED, 7: lw a4, 2(s9))
        TEST_CASE(25, s4, 2, sub s4, s4, s9)
        TEST_TRAP(26, CAUSE_LOAD_MISALIGNED, 7: ld a4, 4(s9))
        TEST_TRAP(27, CAUSE_LOAD_MISALIGNED, 7: lhu a4, 1(s9))
        TEST_TRAP(28, CAUSE_STORE_MISALIGNED, 7: sd a4, 12(s9))
        TEST_CASE(29, s4, 12, sub s4, s4, s9)
        TEST_TRAP(30, CAUSE_STORE_MISALIGNED, 7: sh a4, 3(s9))
        TEST_TRAP(31, CAUSE_STORE_MISALIGNED, addi a1, s9, 4; 7: amoswap.d a4, a1, (a1))
        TEST_TRAP(32, CAUSE_LOAD_MISALIGNED, addi a1, s9, 2; 7: lr.w a4, (a1))
        TEST_TRAP(33, CAUSE_LOAD_MISALIGNED, 7: fld f1, 4(s9))
        /* Aligned accesses still work, and a misaligned one wrote nothing. */
        TEST_CASE(34, a4, 0x1122334455667788, ld a4, 8(s9))
        TEST_CASE(35, a4, 0x0807060504030201, ld a4, 0(s9))

        /* FS: Off makes FP instructions and the FP CSRs illegal. */
        li t0, MSTATUS_FS
        csrc mstatus, t0
        TEST_TRAP(36, CAUSE_ILLEGAL, 7: fadd.d f1, f2, f3)
        TEST_TVAL(37, 0x023170d3)
        TEST_TRAP(38, CAUSE_ILLEGAL, 7: csrr a4, fcsr)
        TEST_TRAP(39, CAUSE_ILLEGAL, 7: fld f1, 0(s9))
        TEST_TRAP(40, CAUSE_ILLEGAL, mv s1, s9; 7: c.fld f8, 0(s1))
        TEST_TVAL(41, 0x2080)
        /* Initial: reading fcsr keeps it Initial; an FP instruction makes it Dirty. */
        TEST_CASE(42, a4, 0x2000, li t0, 0x2000; csrs mstatus, t0; csrr a5, fflags; csrr a4, mstatus; li t0, MSTATUS_FS; and a4, a4, t0)
        TEST_CASE(43, a4, 0x6000, fld f1, 0(s9); csrr a4, mstatus; li t0, MSTATUS_FS; and a4, a4, t0)
        TEST_CASE(44, a4, 0x0807060504030201, fmv.x.d a4, f1)
        /* Clean (2): writing fflags makes it Dirty. */
        TEST_CASE(45, a4, 0x6000, li t0, MSTATUS_FS; csrc mstatus, t0; li t0, 0x4000; csrs mstatus, t0; csrwi fflags, 1; csrr a4, mstatus; li t0, MSTATUS_FS; and a4, a4, t0)

        /* Trap entry: MPIE = old MIE, MIE = 0, MPP = M. */
        TEST_TRAP(46, CAUSE_BREAKPOINT, li t0, MSTATUS_MIE; csrs mstatus, t0; li t0, MSTATUS_MPIE; csrc mstatus, t0; 7: ebreak)
        TEST_CASE(47, a4, MSTATUS_MPIE | MPP_M, li t0, MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_MPP; and a4, s7, t0)

        /* ecall from S and U. */
        ENTER_MODE(MPP_S)
        TEST_TRAP(48, CAUSE_ECALL_S, la s5, 8f; 7: ecall)
        TEST_CASE(49, a4, MPP_S, li t0, MSTATUS_MPP; and a4, s7, t0)
        ENTER_MODE(MPP_U)
        TEST_TRAP(50, CAUSE_ECALL_U, la s5, 8f; 7: ecall)
        TEST_CASE(51, a4, MPP_U, li t0, MSTATUS_MPP; and a4, s7, t0)
        /* An illegal instruction from U: mstatus is an M-mode CSR. */
        ENTER_MODE(MPP_U)
        TEST_TRAP(52, CAUSE_ILLEGAL, 7: csrr a4, mstatus)
        TEST_TVAL(53, 0x30002773)
        ENTER_MODE(MPP_U)
        TEST_TRAP(54, CAUSE_BREAKPOINT, 7: ebreak)

RVTEST_CODE_END
        PRIV_HANDLERS

RVTEST_DATA_BEGIN
        .balign 16
tdat:   .dword 0x0807060504030201, 0x1122334455667788
RVTEST_DATA_END
