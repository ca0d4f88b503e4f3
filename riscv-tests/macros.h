/*
 * macros.h - self-checking test macros for RV64 Linux user-mode tests.
 *
 * Conventions (in the spirit of the official riscv-tests, written for Linux
 * user mode; built with -DRVEMU_BARE and riscv-tests/bare/ they run bare-metal
 * too, where ecall exit and write go through the HTIF):
 *   - Entry point is _start (static, no libc, linked with --no-relax so gp is
 *     free to use).
 *   - TESTNUM (gp) holds the number of the test case currently running.
 *   - On success the program exits (ecall 93) with status 0.
 *   - On the first failing case it writes "FAIL: test N\n" to stderr and exits
 *     with status N. Test numbers must be in 1..255 (checked at assembly time),
 *     so a failure can never be mistaken for a pass.
 *
 * Registers used by the macros:
 *   a1, a2, a3     source operands     (x11, x12, x13)
 *   a4             result              (x14)
 *   t2             expected value      (x7)
 *   a5             base address        (x15)
 *   t0, t1         scratch             (x5, x6)
 *   f10..f13       FP sources/result
 */
#ifndef RVEMU_RISCV_TESTS_MACROS_H
#define RVEMU_RISCV_TESTS_MACROS_H

#define TESTNUM gp

/* Sign-extend the low 12 bits of x (immediates given as raw 12-bit values). */
#define SEXT_IMM(x) ((x) | (-(((x) >> 11) & 1) << 11))

/* ------------------------------------------------------------------------ */
/* Program skeleton                                                          */
/* ------------------------------------------------------------------------ */

#ifdef RVEMU_BARE
/* Bare-metal build (riscv-tests/bare): crt.S starts in M-mode and calls main;
 * ecall exit/write reach the host through its trap handler and the HTIF. */
#define RVTEST_CODE_BEGIN                                                   \
        .text;                                                              \
        .globl main;                                                        \
main:                                                                       \
        li TESTNUM, 0;
#else
#define RVTEST_CODE_BEGIN                                                   \
        .text;                                                              \
        .globl _start;                                                      \
_start:                                                                     \
        li TESTNUM, 0;
#endif

/* Enables nothing in user mode (FP is on by default under Linux) but clears
 * the FP CSR so every test starts from a known frm/fflags state. */
#define RVTEST_FP_ENABLE                                                    \
        csrwi fcsr, 0;

#define RVTEST_PASS                                                         \
        li a0, 0;                                                           \
        li a7, 93;                                                          \
        ecall;

/* Write "FAIL: test N\n" to fd 2, then exit(N). */
#define RVTEST_FAIL                                                         \
        lla t0, rvtest_fail_buf_end;                                         \
        li t1, 10;                                                          \
        addi t0, t0, -1;                                                    \
        sb t1, 0(t0);                                                       \
        mv t2, TESTNUM;                                                     \
rvtest_fail_digit:                                                          \
        remu t3, t2, t1;                                                    \
        divu t2, t2, t1;                                                    \
        addi t3, t3, '0';                                                   \
        addi t0, t0, -1;                                                    \
        sb t3, 0(t0);                                                       \
        bnez t2, rvtest_fail_digit;                                         \
        lla t1, rvtest_fail_prefix;                                          \
        li t2, 11;                                                          \
rvtest_fail_copy:                                                           \
        addi t2, t2, -1;                                                    \
        add t3, t1, t2;                                                     \
        lbu t3, 0(t3);                                                      \
        addi t0, t0, -1;                                                    \
        sb t3, 0(t0);                                                       \
        bnez t2, rvtest_fail_copy;                                          \
        li a0, 2;                                                           \
        mv a1, t0;                                                          \
        lla a2, rvtest_fail_buf_end;                                         \
        sub a2, a2, t0;                                                     \
        li a7, 64;                                                          \
        ecall;                                                              \
        mv a0, TESTNUM;                                                     \
        li a7, 93;                                                          \
        ecall;

/* Ends the test list: falls through to pass; defines the fail handler. */
#define RVTEST_CODE_END                                                     \
        j pass;                                                             \
        .balign 4;                                                          \
pass:                                                                       \
        RVTEST_PASS                                                         \
fail:                                                                       \
        RVTEST_FAIL                                                         \
        .pushsection .rodata;                                               \
rvtest_fail_prefix:                                                         \
        .ascii "FAIL: test ";                                               \
        .popsection;                                                        \
        .pushsection .bss;                                                  \
        .balign 8;                                                          \
rvtest_fail_buf:                                                            \
        .skip 40;                                                           \
rvtest_fail_buf_end:                                                        \
        .popsection;

#define RVTEST_DATA_BEGIN .pushsection .data; .balign 16;
#define RVTEST_DATA_END   .popsection;

/* ------------------------------------------------------------------------ */
/* Generic test case                                                         */
/* ------------------------------------------------------------------------ */

#define TEST_NUM_CHECK(testnum)                                             \
        .if ((testnum) < 1) || ((testnum) > 255);                           \
        .error "test numbers must be in 1..255 (exit status)";              \
        .endif;

/* Run `code`, then check that register testreg == correctval. */
#define TEST_CASE(testnum, testreg, correctval, code...)                    \
        TEST_NUM_CHECK(testnum)                                             \
test_ ## testnum:                                                           \
        li TESTNUM, testnum;                                                \
        code;                                                               \
        li t2, correctval;                                                  \
        bne testreg, t2, fail;

/* Explicitly fail with the current test number if the branch is taken. */
#define TEST_FAIL_IF(br)  br, fail;

/* ------------------------------------------------------------------------ */
/* Integer register-immediate / register-register / unary                   */
/* ------------------------------------------------------------------------ */

#define TEST_IMM_OP(testnum, inst, result, val1, imm)                       \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, val1;                                                      \
          inst a4, a1, SEXT_IMM(imm))

/* Raw immediate (shift amounts, which are not sign-extended). */
#define TEST_SHIMM_OP(testnum, inst, result, val1, shamt)                   \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, val1;                                                      \
          inst a4, a1, shamt)

#define TEST_IMM_SRC1_EQ_DEST(testnum, inst, result, val1, imm)             \
        TEST_CASE(testnum, a1, result,                                      \
          li a1, val1;                                                      \
          inst a1, a1, SEXT_IMM(imm))

#define TEST_IMM_ZEROSRC1(testnum, inst, result, imm)                       \
        TEST_CASE(testnum, a4, result,                                      \
          inst a4, x0, SEXT_IMM(imm))

#define TEST_IMM_ZERODEST(testnum, inst, val1, imm)                         \
        TEST_CASE(testnum, x0, 0,                                           \
          li a1, val1;                                                      \
          inst x0, a1, SEXT_IMM(imm))

#define TEST_RR_OP(testnum, inst, result, val1, val2)                       \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, val1;                                                      \
          li a2, val2;                                                      \
          inst a4, a1, a2)

#define TEST_RR_SRC1_EQ_DEST(testnum, inst, result, val1, val2)             \
        TEST_CASE(testnum, a1, result,                                      \
          li a1, val1;                                                      \
          li a2, val2;                                                      \
          inst a1, a1, a2)

#define TEST_RR_SRC2_EQ_DEST(testnum, inst, result, val1, val2)             \
        TEST_CASE(testnum, a2, result,                                      \
          li a1, val1;                                                      \
          li a2, val2;                                                      \
          inst a2, a1, a2)

#define TEST_RR_SRC12_EQ_DEST(testnum, inst, result, val1)                  \
        TEST_CASE(testnum, a1, result,                                      \
          li a1, val1;                                                      \
          inst a1, a1, a1)

#define TEST_RR_ZEROSRC1(testnum, inst, result, val)                        \
        TEST_CASE(testnum, a4, result,                                      \
          li a2, val;                                                       \
          inst a4, x0, a2)

#define TEST_RR_ZEROSRC2(testnum, inst, result, val)                        \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, val;                                                       \
          inst a4, a1, x0)

#define TEST_RR_ZERODEST(testnum, inst, val1, val2)                         \
        TEST_CASE(testnum, x0, 0,                                           \
          li a1, val1;                                                      \
          li a2, val2;                                                      \
          inst x0, a1, a2)

/* Unary register op (clz, sext.b, rev8, ...). */
#define TEST_R_OP(testnum, inst, result, val1)                              \
        TEST_CASE(testnum, a4, result,                                      \
          li a1, val1;                                                      \
          inst a4, a1)

#define TEST_R_SRC1_EQ_DEST(testnum, inst, result, val1)                    \
        TEST_CASE(testnum, a1, result,                                      \
          li a1, val1;                                                      \
          inst a1, a1)

/* lui/auipc style: U-type with a 20-bit immediate. */
#define TEST_U_OP(testnum, inst, result, imm)                               \
        TEST_CASE(testnum, a4, result,                                      \
          inst a4, imm)

/* ------------------------------------------------------------------------ */
/* Loads and stores                                                          */
/* ------------------------------------------------------------------------ */

/* Load from base+offset and compare with result. */
#define TEST_LD_OP(testnum, inst, result, offset, base)                     \
        TEST_CASE(testnum, a4, result,                                      \
          lla a5, base;                                                      \
          inst a4, offset(a5))

/* Load with the destination equal to the base register. */
#define TEST_LD_DEST_EQ_BASE(testnum, inst, result, offset, base)           \
        TEST_CASE(testnum, a5, result,                                      \
          lla a5, base;                                                      \
          inst a5, offset(a5))

/* Store val at base+offset, load it back with load_inst, compare with result
 * (which accounts for truncation/extension). */
#define TEST_ST_OP(testnum, load_inst, store_inst, result, val, offset, base) \
        TEST_CASE(testnum, a4, result,                                      \
          lla a5, base;                                                      \
          li a1, val;                                                       \
          store_inst a1, offset(a5);                                        \
          load_inst a4, offset(a5))

/* Store, then check the neighbouring doubleword(s) were not disturbed:
 * loads the aligned doubleword at base+chk_off with ld. */
#define TEST_ST_NEIGHBOUR(testnum, store_inst, val, offset, chk_off, result, base) \
        TEST_CASE(testnum, a4, result,                                      \
          lla a5, base;                                                      \
          li a1, val;                                                       \
          store_inst a1, offset(a5);                                        \
          ld a4, chk_off(a5))

/* ------------------------------------------------------------------------ */
/* Branches                                                                  */
/* ------------------------------------------------------------------------ */

/* The branch must be taken, both forwards and backwards. */
#define TEST_BR2_OP_TAKEN(testnum, inst, val1, val2)                        \
        TEST_NUM_CHECK(testnum)                                             \
test_ ## testnum:                                                           \
        li TESTNUM, testnum;                                                \
        li a1, val1;                                                        \
        li a2, val2;                                                        \
        inst a1, a2, 2f;                                                    \
        j fail;                                                             \
1:      j 3f;                                                               \
2:      inst a1, a2, 1b;                                                    \
        j fail;                                                             \
3:

/* The branch must not be taken (forward and backward targets). */
#define TEST_BR2_OP_NOTTAKEN(testnum, inst, val1, val2)                     \
        TEST_NUM_CHECK(testnum)                                             \
test_ ## testnum:                                                           \
        li TESTNUM, testnum;                                                \
        li a1, val1;                                                        \
        li a2, val2;                                                        \
        inst a1, a2, 1f;                                                    \
        j 2f;                                                               \
1:      j fail;                                                             \
2:      inst a1, a2, 1b;                                                    \
3:

/* ------------------------------------------------------------------------ */
/* Floating point                                                            */
/* ------------------------------------------------------------------------ */
/*
 * Operands are given as raw 64-bit register images (so single-precision
 * values must be NaN-boxed: 0xffffffff_xxxxxxxx, unless a test deliberately
 * uses an improperly boxed value). `result` is the raw 64-bit image of the
 * destination: for single-precision FP results the NaN-boxing is therefore
 * checked too; for integer results it is the x-register value.
 * `flags` is the exact expected fflags value after the instruction
 * (NV=0x10 DZ=0x08 OF=0x04 UF=0x02 NX=0x01); fflags is cleared before.
 */
#define FFLAG_NV 0x10
#define FFLAG_DZ 0x08
#define FFLAG_OF 0x04
#define FFLAG_UF 0x02
#define FFLAG_NX 0x01

#define TEST_FP_DATA(testnum, v1, v2, v3, res)                              \
        .pushsection .data;                                                 \
        .balign 8;                                                          \
test_ ## testnum ## _data:                                                  \
        .dword v1, v2, v3, res;                                             \
        .popsection;

#define TEST_FP_INTERNAL(testnum, flags, result, v1, v2, v3, code...)       \
        TEST_NUM_CHECK(testnum)                                             \
        TEST_FP_DATA(testnum, v1, v2, v3, result)                           \
test_ ## testnum:                                                           \
        li TESTNUM, testnum;                                                \
        lla a5, test_ ## testnum ## _data;                                   \
        fld f10, 0(a5);                                                     \
        fld f11, 8(a5);                                                     \
        fld f12, 16(a5);                                                    \
        ld a1, 0(a5);                                                       \
        ld t2, 24(a5);                                                      \
        fsflags x0;                                                         \
        code;                                                               \
        frflags t1;                                                         \
        li t0, flags;                                                       \
        bne t1, t0, fail;                                                   \
        bne a4, t2, fail;

/* FP result in f13, compared as a raw 64-bit image. */
#define TEST_FP_OP1(testnum, inst, flags, result, v1)                       \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          inst f13, f10; fmv.x.d a4, f13)
#define TEST_FP_OP2(testnum, inst, flags, result, v1, v2)                   \
        TEST_FP_INTERNAL(testnum, flags, result, v1, v2, 0,                 \
          inst f13, f10, f11; fmv.x.d a4, f13)
#define TEST_FP_OP3(testnum, inst, flags, result, v1, v2, v3)               \
        TEST_FP_INTERNAL(testnum, flags, result, v1, v2, v3,                \
          inst f13, f10, f11, f12; fmv.x.d a4, f13)

/* Same with an explicit static rounding mode (rne/rtz/rdn/rup/rmm/dyn). */
#define TEST_FP_OP1_RM(testnum, inst, rm, flags, result, v1)                \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          inst f13, f10, rm; fmv.x.d a4, f13)
#define TEST_FP_OP2_RM(testnum, inst, rm, flags, result, v1, v2)            \
        TEST_FP_INTERNAL(testnum, flags, result, v1, v2, 0,                 \
          inst f13, f10, f11, rm; fmv.x.d a4, f13)
#define TEST_FP_OP3_RM(testnum, inst, rm, flags, result, v1, v2, v3)        \
        TEST_FP_INTERNAL(testnum, flags, result, v1, v2, v3,                \
          inst f13, f10, f11, f12, rm; fmv.x.d a4, f13)

/* Dynamic rounding: write frm (0..4) first, run the instruction with rm=dyn,
 * then restore frm=0 (checked: reading frm must return the value written). */
#define FRM_SET_CHECK(frmval)                                               \
        fsrmi frmval;                                                       \
        frrm t0;                                                            \
        li t1, frmval;                                                      \
        bne t0, t1, fail;
#define TEST_FP_OP1_DYN(testnum, inst, frmval, flags, result, v1)           \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          FRM_SET_CHECK(frmval) fsflags x0;                                 \
          inst f13, f10, dyn; fmv.x.d a4, f13; fsrmi 0)
#define TEST_FP_OP2_DYN(testnum, inst, frmval, flags, result, v1, v2)       \
        TEST_FP_INTERNAL(testnum, flags, result, v1, v2, 0,                 \
          FRM_SET_CHECK(frmval) fsflags x0;                                 \
          inst f13, f10, f11, dyn; fmv.x.d a4, f13; fsrmi 0)
#define TEST_FP_OP3_DYN(testnum, inst, frmval, flags, result, v1, v2, v3)   \
        TEST_FP_INTERNAL(testnum, flags, result, v1, v2, v3,                \
          FRM_SET_CHECK(frmval) fsflags x0;                                 \
          inst f13, f10, f11, f12, dyn; fmv.x.d a4, f13; fsrmi 0)

/* Precision-specific names in the riscv-tests spirit. */
#define TEST_FP_OP2_D(testnum, inst, flags, result, v1, v2)                 \
        TEST_FP_OP2(testnum, inst, flags, result, v1, v2)
#define TEST_FP_OP2_S(testnum, inst, flags, result, v1, v2)                 \
        TEST_FP_OP2(testnum, inst, flags, result, v1, v2)

/* FP source(s) -> integer result in a4 (compares, fclass, fcvt.int.fp, fmv.x). */
#define TEST_FP_INT_OP1(testnum, inst, flags, result, v1)                   \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          inst a4, f10)
#define TEST_FP_INT_OP1_RM(testnum, inst, rm, flags, result, v1)            \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          inst a4, f10, rm)
#define TEST_FP_INT_OP1_DYN(testnum, inst, frmval, flags, result, v1)       \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          FRM_SET_CHECK(frmval) fsflags x0;                                 \
          inst a4, f10, dyn; fsrmi 0)
#define TEST_FP_CMP_OP(testnum, inst, flags, result, v1, v2)                \
        TEST_FP_INTERNAL(testnum, flags, result, v1, v2, 0,                 \
          inst a4, f10, f11)

/* Integer source (a1 = v1, raw 64 bits) -> FP result. */
#define TEST_INT_FP_OP1(testnum, inst, flags, result, v1)                   \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          inst f13, a1; fmv.x.d a4, f13)
#define TEST_INT_FP_OP1_RM(testnum, inst, rm, flags, result, v1)            \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          inst f13, a1, rm; fmv.x.d a4, f13)
#define TEST_INT_FP_OP1_DYN(testnum, inst, frmval, flags, result, v1)       \
        TEST_FP_INTERNAL(testnum, flags, result, v1, 0, 0,                  \
          FRM_SET_CHECK(frmval) fsflags x0;                                 \
          inst f13, a1, dyn; fmv.x.d a4, f13; fsrmi 0)

#endif /* RVEMU_RISCV_TESTS_MACROS_H */
