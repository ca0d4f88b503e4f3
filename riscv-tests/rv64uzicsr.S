/* rv64uzicsr.S - Zicsr in user mode: csrrw/csrrs/csrrc and the immediate
 * forms on fflags (0x001), frm (0x002) and fcsr (0x003), the aliasing between
 * them, rd = x0 / rs1 = x0 forms, the fsflags/fsrm/frcsr pseudo-ops, FP
 * operations accruing into fflags; and the user counters cycle/time/instret
 * (readable; instret and cycle strictly increase across a loop, time does
 * not decrease).
 * Exit status 0 = pass, N = test N failed. Built with -march=rv64g.
 */
#include "macros.h"

RVTEST_DATA_BEGIN
        .balign 8
one:    .double 1.0
three:  .double 3.0
zero:   .double 0.0
RVTEST_DATA_END

RVTEST_CODE_BEGIN
        RVTEST_FP_ENABLE

        /* fcsr starts out as written by RVTEST_FP_ENABLE */
        TEST_CASE(1, a4, 0, csrr a4, fcsr)

        /* csrrw on fcsr returns the old value; fcsr = frm[7:5] | fflags[4:0] */
        TEST_CASE(2, a4, 0, li a1, 0xff; csrrw a4, fcsr, a1)
        TEST_CASE(3, a4, 0xff, csrr a4, fcsr)
        TEST_CASE(4, a4, 0x1f, csrr a4, fflags)
        TEST_CASE(5, a4, 0x7, csrr a4, frm)
        /* bits above the field width are not stored */
        TEST_CASE(6, a4, 0x15, li a1, 0xf5; csrw fflags, a1; csrr a4, fflags)
        TEST_CASE(7, a4, 0xf5, csrr a4, fcsr)          /* frm still 7, fflags 0x15 */
        TEST_CASE(8, a4, 0x3, li a1, 0xfb; csrw frm, a1; csrr a4, frm)
        TEST_CASE(9, a4, 0x75, csrr a4, fcsr)

        /* csrrs / csrrc (register forms) */
        TEST_CASE(10, a4, 0x75, li a1, 0x0a; csrrs a4, fcsr, a1)
        TEST_CASE(11, a4, 0x7f, csrr a4, fcsr)
        TEST_CASE(12, a4, 0x7f, li a1, 0x61; csrrc a4, fcsr, a1)
        TEST_CASE(13, a4, 0x1e, csrr a4, fcsr)
        TEST_CASE(14, a4, 0x1e, li a1, 0x01; csrrs a4, fflags, a1)
        TEST_CASE(15, a4, 0x1f, csrr a4, fflags)
        TEST_CASE(16, a4, 0x1f, li a1, 0x11; csrrc a4, fflags, a1)
        TEST_CASE(17, a4, 0x0e, csrr a4, fflags)
        TEST_CASE(18, a4, 0x0, li a1, 0x4; csrrs a4, frm, a1)
        TEST_CASE(19, a4, 0x4, csrr a4, frm)
        TEST_CASE(20, a4, 0x8e, csrr a4, fcsr)

        /* rs1 = x0 forms read without writing; rd = x0 forms write without reading */
        TEST_CASE(21, a4, 0x8e, csrrs a4, fcsr, x0)
        TEST_CASE(22, a4, 0x8e, csrrc a4, fcsr, x0)
        TEST_CASE(23, a4, 0x8e, csrr a4, fcsr)
        TEST_CASE(24, a4, 0x21, li a1, 0x21; csrrw x0, fcsr, a1; csrr a4, fcsr)

        /* immediate forms (5-bit zero-extended uimm) */
        TEST_CASE(25, a4, 0x21, csrrwi a4, fcsr, 0x1f)
        TEST_CASE(26, a4, 0x1f, csrr a4, fcsr)
        TEST_CASE(27, a4, 0x1f, csrrci a4, fflags, 0x15)
        TEST_CASE(28, a4, 0x0a, csrr a4, fflags)
        TEST_CASE(29, a4, 0x0a, csrrsi a4, fflags, 0x11)
        TEST_CASE(30, a4, 0x1b, csrr a4, fflags)
        TEST_CASE(31, a4, 0x0, csrrwi a4, frm, 2)
        TEST_CASE(32, a4, 0x5b, csrr a4, fcsr)
        TEST_CASE(33, a4, 0x2, csrrsi a4, frm, 1)
        TEST_CASE(34, a4, 0x3, csrrci a4, frm, 2)
        TEST_CASE(35, a4, 0x1, csrr a4, frm)
        TEST_CASE(36, a4, 0x3b, csrrsi a4, fcsr, 0)     /* uimm = 0: no write */
        TEST_CASE(37, a4, 0x3b, csrrci a4, fcsr, 0)
        TEST_CASE(38, a4, 0x3b, csrr a4, fcsr)

        /* pseudo-ops */
        TEST_CASE(39, a4, 0x1b, fsflags a4, x0)          /* swap fflags with 0 */
        TEST_CASE(40, a4, 0x20, frcsr a4)
        TEST_CASE(41, a4, 0x1, fsrmi a4, 4)
        TEST_CASE(42, a4, 0x4, frrm a4)
        TEST_CASE(43, a4, 0x80, li a1, 0x03; fscsr a4, a1)
        TEST_CASE(44, a4, 0x03, frcsr a4)
        TEST_CASE(45, a4, 0x03, frflags a4)
        TEST_CASE(46, a4, 0x0, frrm a4)

        /* FP operations accrue flags (they are sticky) */
        TEST_CASE(47, a4, 0x01, csrwi fcsr, 0; lla a5, one; fld f1, 0(a5); lla a5, three; fld f2, 0(a5); fdiv.d f3, f1, f2; frflags a4)
        TEST_CASE(48, a4, 0x01, fadd.d f3, f1, f1; frflags a4)     /* exact: NX stays set */
        TEST_CASE(49, a4, 0x09, lla a5, zero; fld f4, 0(a5); fdiv.d f3, f1, f4; frflags a4)
        TEST_CASE(50, a4, 0x19, fdiv.d f3, f4, f4; frflags a4)
        TEST_CASE(51, a4, 0x19, csrr a4, fcsr)
        /* frm affects dynamic rounding: 1/3 rounds down (RDN) vs up (RUP) */
        TEST_CASE(52, a4, 0x3fd5555555555555, fsrmi 2; fdiv.d f3, f1, f2; fmv.x.d a4, f3)
        TEST_CASE(53, a4, 0x3fd5555555555556, fsrmi 3; fdiv.d f3, f1, f2; fmv.x.d a4, f3)
        TEST_CASE(54, a4, 0x3fd5555555555555, fsrmi 3; fdiv.d f3, f1, f2, rtz; fmv.x.d a4, f3)  /* static rm wins */
        csrwi fcsr, 0

        /* user counters */
        TEST_CASE(55, a4, 1, rdcycle a1; rdtime a2; rdinstret a3; li t0, 1000; 1: addi t0, t0, -1; bnez t0, 1b; rdcycle t3; rdtime t4; rdinstret t5; sltu a4, a1, t3)
        TEST_CASE(56, a4, 1, sltu a4, a3, t5)
        TEST_CASE(57, a4, 1, sltu a4, t4, a2; xori a4, a4, 1)   /* time2 >= time1 */
        /* instret advanced by at least the 2000 loop instructions */
        TEST_CASE(58, a4, 1, sub t6, t5, a3; li t0, 2000; sltu a4, t6, t0; xori a4, a4, 1)
        /* CSR-instruction forms of the same counters */
        TEST_CASE(59, a4, 1, csrr a1, cycle; csrr a2, instret; csrrs a3, time, x0; csrr t3, cycle; csrr t4, instret; sltu a4, a2, t4)
        TEST_CASE(60, a4, 1, sltu a4, a1, t3)

RVTEST_CODE_END
