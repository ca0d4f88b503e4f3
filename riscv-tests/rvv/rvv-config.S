// RVV configuration and CSRs, written by hand (results depend on VLEN, so they are computed from vlenb):
// the reset state, vsetvli/vsetivli/vsetvl AVL rules, unsupported vtypes (vill), the vector CSRs, vstart
// being cleared by vector instructions, and fault-only-first loads against an unmapped page.
#include "macros.h"

RVTEST_CODE_BEGIN
        csrr s0, vlenb                  // s0 = VLENB throughout

        // At reset vtype.vill is set and vl is 0.
        TEST_CASE(1, a4, 1, csrr a4, vtype; srli a4, a4, 63)
        TEST_CASE(2, a4, 0, csrr a4, vl)
        // vlenb is a power of two, at least 16.
        TEST_CASE(3, a4, 0, addi t0, s0, -1; and a4, s0, t0)
        TEST_CASE(4, a4, 1, sltiu a4, s0, 16; xori a4, a4, 1)

        // rs1 = x0, rd != x0: vl = VLMAX.
        TEST_CASE(5, a4, 0, vsetvli a4, x0, e8, m1, ta, ma; sub a4, a4, s0)
        TEST_CASE(6, a4, 0, vsetvli a4, x0, e32, m8, ta, ma; slli t0, s0, 1; sub a4, a4, t0)
        TEST_CASE(7, a4, 0, vsetvli a4, x0, e16, mf4, ta, ma; srli t0, s0, 3; sub a4, a4, t0)
        TEST_CASE(8, a4, 0, vsetvli a4, x0, e64, m1, tu, mu; srli t0, s0, 3; sub a4, a4, t0)
        // AVL below, at and above VLMAX.
        TEST_CASE(9, a4, 3, li t0, 3; vsetvli a4, t0, e8, m1, ta, ma)
        TEST_CASE(10, a4, 0, mv t0, s0; vsetvli a4, t0, e8, m1, ta, ma; sub a4, a4, s0)
        TEST_CASE(11, a4, 0, addi t0, s0, 1; vsetvli a4, t0, e8, m1, ta, ma; sub a4, a4, s0)
        TEST_CASE(12, a4, 0, li t0, 1; slli t0, t0, 40; vsetvli a4, t0, e8, m1, ta, ma; sub a4, a4, s0)
        TEST_CASE(13, a4, 0, li t0, -1; vsetvli a4, t0, e8, m2, ta, ma; slli t0, s0, 1; sub a4, a4, t0)
        TEST_CASE(14, a4, 0, vsetvli a4, x0, e8, m1, ta, ma; csrr t0, vl; sub a4, a4, t0)
        // vtype reads back.
        TEST_CASE(15, a4, 0xd1, li t0, 2; vsetvli x0, t0, e32, m2, ta, ma; csrr a4, vtype)
        TEST_CASE(16, a4, 0x07, li t0, 2; vsetvli x0, t0, e8, mf2, tu, mu; csrr a4, vtype)
        // vsetivli: 5-bit AVL.
        TEST_CASE(17, a4, 5, vsetivli a4, 5, e16, m1, ta, ma)
        TEST_CASE(18, a4, 0, vsetivli a4, 31, e8, m4, ta, ma; li t0, 31; sub a4, a4, t0)
        TEST_CASE(19, a4, 0, vsetivli a4, 31, e64, m1, ta, ma; srli t0, s0, 3; li t1, 31; bltu t0, t1, 1f; mv t0, t1; 1: sub a4, a4, t0)
        // x0, x0: new vtype, same vl.
        TEST_CASE(20, a4, 3, li t0, 3; vsetvli x0, t0, e32, m1, ta, ma; vsetvli x0, x0, e16, m2, ta, ma; csrr a4, vl)
        TEST_CASE(21, a4, 0xc9, csrr a4, vtype)
        // vsetvl takes vtype from a register.
        TEST_CASE(22, a4, 0xd1, li t0, 4; li t1, 0xd1; vsetvl x0, t0, t1; csrr a4, vtype)
        TEST_CASE(23, a4, 4, csrr a4, vl)

        // Unsupported vtypes set vill and vl = 0.
        TEST_CASE(24, a4, 0, li t0, 4; vsetvli a4, t0, e64, mf2, ta, ma)
        TEST_CASE(25, a4, 1, csrr a4, vtype; srli a4, a4, 63)
        TEST_CASE(26, a4, 0, csrr a4, vl)
        TEST_CASE(27, a4, 0, li t0, 4; li t1, 0x04; vsetvl a4, t0, t1)        // vlmul = 4 is reserved
        TEST_CASE(28, a4, 0, li t0, 4; li t1, 0x20; vsetvl a4, t0, t1)        // SEW = 128
        TEST_CASE(29, a4, 0, li t0, 4; li t1, 0x110; vsetvl a4, t0, t1)       // reserved bit 8
        TEST_CASE(30, a4, 0, li t0, 4; li t1, -1; slli t1, t1, 63; vsetvl a4, t0, t1)  // vill itself
        TEST_CASE(31, a4, 1, csrr a4, vtype; srli a4, a4, 63)
        TEST_CASE(32, a4, 2, li t0, 2; li t1, 0x18; vsetvl a4, t0, t1)        // e64, m1: valid again

        // Vector CSRs: vxrm/vxsat are fields of vcsr.
        TEST_CASE(33, a4, 0, csrwi vcsr, 0; csrr a4, vcsr)
        TEST_CASE(34, a4, 5, csrwi vxrm, 2; csrwi vxsat, 1; csrr a4, vcsr)
        TEST_CASE(35, a4, 3, csrwi vcsr, 6; csrr a4, vxrm)
        TEST_CASE(36, a4, 0, csrr a4, vxsat)
        TEST_CASE(37, a4, 1, csrwi vxrm, 5; csrr a4, vxrm)                    // only 2 bits
        TEST_CASE(38, a4, 1, csrwi vxsat, 3; csrr a4, vxsat)                  // only 1 bit
        // vstart is writable and every vector instruction resets it.
        TEST_CASE(39, a4, 2, li t0, 8; vsetvli x0, t0, e8, m1, tu, mu; csrwi vstart, 2; csrr a4, vstart)
        TEST_CASE(40, a4, 0, vadd.vv v1, v2, v3; csrr a4, vstart)
        // vstart = 3 skips elements 0..2.
        TEST_CASE(41, a4, 0x06090909, li t0, 9; vmv.v.x v1, t0; vid.v v4; csrwi vstart, 3; vadd.vv v1, v4, v4;
                  vsetivli x0, 1, e32, m1, tu, mu; vmv.x.s a4, v1; li t0, 8; vsetvli x0, t0, e8, m1, tu, mu)
        TEST_CASE(42, a4, 0, csrr a4, vstart)

        // Fault-only-first: map two pages, unmap the second, load across the boundary.
        li a0, 0; li a1, 8192; li a2, 3; li a3, 0x22; li a4, -1; li a5, 0; li a7, 222; ecall
        mv s1, a0
        li t0, 4096; add a0, s1, t0; li a1, 4096; li a7, 215; ecall
        li t0, 0x0102030405; slli t0, t0, 24; li t1, 4088; add t1, t1, s1; sd t0, 0(t1)   // 05 04 03 02 01 at 4091..4095
        TEST_CASE(43, a4, 5, li t0, 16; vsetvli x0, t0, e8, m1, tu, mu; li t1, 4091; add t1, t1, s1;
                  vle8ff.v v5, (t1); csrr a4, vl)
        TEST_CASE(44, a4, 0x0102030405, addi sp, sp, -16; sd zero, 0(sp); vse8.v v5, (sp); ld a4, 0(sp); addi sp, sp, 16)
        // Two elements of 4 bytes fit (vl = 2); element 0 itself faulting would be a real fault.
        TEST_CASE(45, a4, 2, li t0, 8; vsetvli x0, t0, e32, m1, tu, mu; li t1, 4088; add t1, t1, s1;
                  vle32ff.v v5, (t1); csrr a4, vl)
        // Masked-off elements past the end are never accessed.
        TEST_CASE(46, a4, 0, li t0, 16; vsetvli x0, t0, e8, m1, tu, mu; li t0, 0x1f; vmv.s.x v0, t0;
                  li t1, 4091; add t1, t1, s1; vle8.v v5, (t1), v0.t; vse8.v v5, (t1), v0.t; csrr a4, vstart)
        // Whole-register loads and stores do not need a valid vtype.
        TEST_CASE(47, a4, 0, li t1, -1; slli t1, t1, 63; vsetvl x0, x0, t1; vl1re8.v v7, (s1); vs1r.v v7, (s1); csrr a4, vl)
RVTEST_CODE_END
