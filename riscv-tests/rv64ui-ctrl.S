/* rv64ui-ctrl.S - RV64I control transfer and upper-immediate instructions:
 * beq/bne/blt/bge/bltu/bgeu (taken and not taken, forwards and backwards,
 * signed vs unsigned edge values), jal/jalr (link values, offsets, LSB
 * clearing, rd == rs1), lui/auipc (sign extension of the 32-bit result),
 * fence/fence.i/fence.tso/nop.
 * Exit status 0 = pass, N = test N failed. Built with -march=rv64g.
 */
#include "macros.h"

RVTEST_CODE_BEGIN

        /* beq */
        TEST_BR2_OP_TAKEN(1, beq, 0, 0)
        TEST_BR2_OP_TAKEN(2, beq, -1, -1)
        TEST_BR2_OP_TAKEN(3, beq, 0x8000000000000000, 0x8000000000000000)
        TEST_BR2_OP_NOTTAKEN(4, beq, 0, 1)
        TEST_BR2_OP_NOTTAKEN(5, beq, 0x100000000, 0)       /* differs only above bit 31 */
        TEST_BR2_OP_NOTTAKEN(6, beq, -1, 0xffffffff)

        /* bne */
        TEST_BR2_OP_TAKEN(7, bne, 0, 1)
        TEST_BR2_OP_TAKEN(8, bne, 0x100000000, 0)
        TEST_BR2_OP_TAKEN(9, bne, -1, 0x7fffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(10, bne, 0, 0)
        TEST_BR2_OP_NOTTAKEN(11, bne, -5, -5)

        /* blt (signed) */
        TEST_BR2_OP_TAKEN(12, blt, 0, 1)
        TEST_BR2_OP_TAKEN(13, blt, -1, 0)
        TEST_BR2_OP_TAKEN(14, blt, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_TAKEN(15, blt, -2, -1)
        TEST_BR2_OP_NOTTAKEN(16, blt, 1, 0)
        TEST_BR2_OP_NOTTAKEN(17, blt, 0, -1)
        TEST_BR2_OP_NOTTAKEN(18, blt, 5, 5)
        TEST_BR2_OP_NOTTAKEN(19, blt, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_NOTTAKEN(20, blt, 0x80000000, 0x7fffffff)  /* 64-bit compare, not 32 */

        /* bge (signed) */
        TEST_BR2_OP_TAKEN(21, bge, 0, 0)
        TEST_BR2_OP_TAKEN(22, bge, 1, 0)
        TEST_BR2_OP_TAKEN(23, bge, 0, -1)
        TEST_BR2_OP_TAKEN(24, bge, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_NOTTAKEN(25, bge, -1, 0)
        TEST_BR2_OP_NOTTAKEN(26, bge, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_NOTTAKEN(27, bge, -2, -1)

        /* bltu (unsigned) */
        TEST_BR2_OP_TAKEN(28, bltu, 0, 1)
        TEST_BR2_OP_TAKEN(29, bltu, 0, -1)
        TEST_BR2_OP_TAKEN(30, bltu, 0x7fffffffffffffff, 0x8000000000000000)
        TEST_BR2_OP_TAKEN(31, bltu, 0xffffffff, 0x100000000)
        TEST_BR2_OP_NOTTAKEN(32, bltu, -1, 0)
        TEST_BR2_OP_NOTTAKEN(33, bltu, 3, 3)
        TEST_BR2_OP_NOTTAKEN(34, bltu, 0x8000000000000000, 0x7fffffffffffffff)

        /* bgeu (unsigned) */
        TEST_BR2_OP_TAKEN(35, bgeu, 0, 0)
        TEST_BR2_OP_TAKEN(36, bgeu, -1, 0)
        TEST_BR2_OP_TAKEN(37, bgeu, 0x8000000000000000, 0x7fffffffffffffff)
        TEST_BR2_OP_TAKEN(38, bgeu, -1, -1)
        TEST_BR2_OP_NOTTAKEN(39, bgeu, 0, -1)
        TEST_BR2_OP_NOTTAKEN(40, bgeu, 0x7fffffffffffffff, 0x8000000000000000)

        /* branch with rs1 == rs2 register */
        TEST_CASE(41, a4, 1, li a4, 0; li a1, 7; beq a1, a1, 1f; j fail; 1: li a4, 1)
        TEST_CASE(42, a4, 1, li a4, 1; li a1, 7; bne a1, a1, fail; blt a1, a1, fail; bltu a1, a1, fail)
        TEST_CASE(43, a4, 2, li a4, 0; bge x0, x0, 1f; j fail; 1: addi a4, a4, 1; bgeu x0, x0, 2f; j fail; 2: addi a4, a4, 1)

        /* jal: link register holds the address of the next instruction */
        TEST_CASE(44, a4, 0, jal a1, 1f; 1: lla a2, 1b; sub a4, a1, a2)
        TEST_CASE(45, a4, 0, li a1, 0; jal x0, 1f; li a1, 1; 1: mv a4, a1)   /* jal x0 = j, no link */
        /* jal forwards over a block and backwards */
        TEST_CASE(46, a4, 3,                                            \
          li a4, 0;                                                     \
          jal a1, 2f;                                                   \
        1: addi a4, a4, 1;                                              \
          jal x0, 3f;                                                   \
        2: addi a4, a4, 2;                                              \
          jal a2, 1b;                                                   \
          j fail;                                                       \
        3: nop)
        /* long jal (> 1 MiB range is not possible here, but > 4 KiB is) */
        TEST_CASE(47, a4, 0x55, li a4, 0; jal a1, far_target; far_return: addi a4, a4, 0x50)

        /* jalr */
        TEST_CASE(48, a4, 0, lla a2, 1f; jalr a1, a2, 0; 1: lla a3, 1b; sub a4, a1, a3)
        TEST_CASE(49, a4, 7, li a4, 0; lla a2, 1f - 8; jalr a1, a2, 8; li a4, 99; 1: addi a4, a4, 7)     /* positive offset */
        TEST_CASE(50, a4, 7, li a4, 0; lla a2, 1f + 12; jalr a1, a2, -12; li a4, 99; 1: addi a4, a4, 7)  /* negative offset */
        /* the LSB of the computed target is cleared */
        TEST_CASE(51, a4, 7, li a4, 0; lla a2, 1f + 1; jalr a1, a2, 0; li a4, 99; 1: addi a4, a4, 7)
        TEST_CASE(52, a4, 7, li a4, 0; lla a2, 1f; jalr a1, a2, 1; li a4, 99; 1: addi a4, a4, 7)
        /* rd == rs1: the target uses the old value, then rd gets the link */
        TEST_CASE(53, a4, 0, lla a1, 1f; jalr a1, a1, 0; 1: lla a2, 1b; sub a4, a1, a2)
        /* jalr x0 (plain indirect jump), and call/ret through ra */
        TEST_CASE(54, a4, 5, li a4, 0; lla a2, 1f; jalr x0, a2, 0; li a4, 99; 1: addi a4, a4, 5)
        TEST_CASE(55, a4, 0x1234, mv s0, ra; li a0, 0x1230; call leaf_add4; mv a4, a0; mv ra, s0)

        /* lui: 32-bit result sign-extended to 64 bits */
        TEST_U_OP(56, lui, 0x0000000000000000, 0x00000)
        TEST_U_OP(57, lui, 0x0000000000001000, 0x00001)
        TEST_U_OP(58, lui, 0x000000007ffff000, 0x7ffff)
        TEST_U_OP(59, lui, 0xffffffff80000000, 0x80000)
        TEST_U_OP(60, lui, 0xfffffffffffff000, 0xfffff)
        TEST_CASE(61, a4, 0xffffffff80000800, lui a4, 0x80000; addi a4, a4, -2048; addi a4, a4, 1024; addi a4, a4, 1024; addi a4, a4, 2047; addi a4, a4, 1)
        TEST_CASE(62, x0, 0, lui x0, 0x12345)

        /* auipc: pc + sign-extended (imm << 12) */
        TEST_CASE(63, a4, 0x1000, 1: auipc a1, 1; lla a2, 1b; sub a4, a1, a2)
        TEST_CASE(64, a4, 0, 1: auipc a1, 0; lla a2, 1b; sub a4, a1, a2)
        TEST_CASE(65, a4, -0x1000, 1: auipc a1, 0xfffff; lla a2, 1b; sub a4, a1, a2)
        TEST_CASE(66, a4, -0x80000000, 1: auipc a1, 0x80000; lla a2, 1b; sub a4, a1, a2)
        TEST_CASE(67, a4, 0x7ffff000, 1: auipc a1, 0x7ffff; lla a2, 1b; sub a4, a1, a2)

        /* fences and nop are accepted and have no architectural effect */
        TEST_CASE(68, a4, 3, li a4, 3; fence; fence rw, rw; fence r, w; fence.tso; fence.i; nop; fence iorw, iorw)

        /* x0 is hard-wired to zero */
        TEST_CASE(69, x0, 0, addi x0, x0, 5)
        TEST_CASE(70, a4, 0, addi x0, x0, 5; mv a4, x0)

        j rvtest_after_far

leaf_add4:
        addi a0, a0, 4
        ret

        .skip 8192          /* so that far_target is > 4 KiB away */
far_target:
        addi a4, a4, 5
        jalr x0, a1, 0       /* back to far_return */

rvtest_after_far:

RVTEST_CODE_END
