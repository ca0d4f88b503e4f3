/*
 * vs-off.S - the vector unit and mstatus.VS (run with --isa rv64gcv): while VS is Off, vector
 * instructions and the vector CSRs are illegal; at Initial the first vector instruction makes VS Dirty
 * (and SD set); FS and VS are independent.
 */
#include "priv.h"

RVTEST_CODE_BEGIN
        USE_RECORD_TRAP
        /* The environment set VS = Initial: writing 0 turns the unit off. */
        li t0, MSTATUS_VS
        csrc mstatus, t0
        TEST_TRAP(1, CAUSE_ILLEGAL, 7: vsetvli t1, zero, e32, m1, ta, ma)
        TEST_TVAL(2, 0x0d007357)
        TEST_TRAP(3, CAUSE_ILLEGAL, 7: csrr a4, vlenb)
        TEST_TRAP(4, CAUSE_ILLEGAL, 7: csrr a4, vl)
        /* Initial: reading vlenb keeps it Initial; a vector instruction makes it Dirty. */
        TEST_CASE(5, a4, 0x200, li t0, 0x200; csrs mstatus, t0; csrr a5, vlenb; csrr a4, mstatus; li t0, MSTATUS_VS; and a4, a4, t0)
        TEST_CASE(6, a4, 0x600, vsetvli t1, zero, e32, m1, ta, ma; csrr a4, mstatus; li t0, MSTATUS_VS; and a4, a4, t0)
        TEST_CASE(7, a4, 1, csrr a4, mstatus; srli a4, a4, 63)
        /* VLEN = 128 here: 4 elements of 32 bits. */
        TEST_CASE(8, a4, 4, vsetvli a4, zero, e32, m1, ta, ma)
        /* FS Off does not affect vector integer instructions. */
        TEST_CASE(9, a4, 0x2a, li t0, MSTATUS_FS; csrc mstatus, t0; li a1, 0x2a; vmv.v.x v1, a1; vmv.x.s a4, v1)
        TEST_TRAP(10, CAUSE_ILLEGAL, 7: fmv.x.d a4, f0)
        /* Clean (2): a vector CSR write makes it Dirty. */
        TEST_CASE(11, a4, 0x600, li t0, MSTATUS_VS; csrc mstatus, t0; li t0, 0x400; csrs mstatus, t0; csrwi vxrm, 1; csrr a4, mstatus; li t0, MSTATUS_VS; and a4, a4, t0)

RVTEST_CODE_END
        PRIV_HANDLERS
