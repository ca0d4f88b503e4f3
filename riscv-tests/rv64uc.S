/* rv64uc.S - RV64C: every RV64 compressed instruction, written with explicit
 * c.* mnemonics so the encoding is always the 16-bit form:
 *   c.addi4spn c.fld c.lw c.ld c.fsd c.sw c.sd c.nop c.addi c.addiw c.li
 *   c.addi16sp c.lui c.srli c.srai c.andi c.sub c.xor c.or c.and c.subw c.addw
 *   c.j c.beqz c.bnez c.slli c.fldsp c.lwsp c.ldsp c.jr c.mv c.jalr c.add
 *   c.fsdsp c.swsp c.sdsp
 * plus 32-bit instructions at 2-byte aligned addresses and a 32-bit
 * instruction that straddles a page boundary.
 * Exit status 0 = pass, N = test N failed. Built with -march=rv64gc.
 */
#include "macros.h"

RVTEST_DATA_BEGIN
        .balign 16
cdat:
        .dword 0x8000000180000002   /* 0 */
        .dword 0x0123456789abcdef   /* 8 */
        .dword 0x3ff8000000000000   /* 16: 1.5 */
        .dword 0xc00c000000000000   /* 24: -3.5 */
        .fill 28, 8, 0              /* 32..255 */
        .dword 0xfedcba9876543210   /* 256 */
        .fill 30, 8, 0              /* 264..503 */
        .dword 0x7ff0000000000000   /* 504: +inf */
cdat_end:
RVTEST_DATA_END

RVTEST_CODE_BEGIN
        RVTEST_FP_ENABLE

        /* c.li (6-bit signed immediate) */
        TEST_CASE(1, a0, 0xffffffffffffffe0, c.li a0, -32)
        TEST_CASE(2, a0, 31, c.li a0, 31)
        TEST_CASE(3, a4, 0, li a4, 5; c.li a4, 0)

        /* c.lui (nzimm[17:12], sign-extended) */
        TEST_CASE(4, a0, 0x1000, c.lui a0, 1)
        TEST_CASE(5, a0, 0x1f000, c.lui a0, 0x1f)
        TEST_CASE(6, a0, 0xfffffffffffe0000, c.lui a0, 0xfffe0)
        TEST_CASE(7, a0, 0xfffffffffffff000, c.lui a0, 0xfffff)

        /* c.addi */
        TEST_CASE(8, a0, 0x7f, li a0, 0x80; c.addi a0, -1)
        TEST_CASE(9, a0, 0xffffffffffffffe0, li a0, 0; c.addi a0, -32)
        TEST_CASE(10, a0, 0x800000000000001e, li a0, 0x7fffffffffffffff; c.addi a0, 31)
        TEST_CASE(11, s1, 0, li s1, -31; c.addi s1, 31)

        /* c.addiw: 32-bit add, sign-extended; c.addiw rd, 0 = sext.w */
        TEST_CASE(12, a0, 0xffffffff80000000, li a0, 0x7fffffff; c.addiw a0, 1)
        TEST_CASE(13, a0, 0xffffffff80000000, li a0, 0x1234567880000000; c.addiw a0, 0)
        TEST_CASE(14, a0, 0x000000007fffffe0, li a0, 0xffffffff80000000; c.addiw a0, -32)
        TEST_CASE(15, a5, 0x0000000000000001, li a5, 0xffffffffffffffff; c.addiw a5, 2)

        /* c.addi16sp / c.addi4spn */
        TEST_CASE(16, a4, 512, mv t6, sp; c.addi16sp sp, -512; sub a4, t6, sp; mv sp, t6)
        TEST_CASE(17, a4, 496, mv t6, sp; c.addi16sp sp, 496; sub a4, sp, t6; mv sp, t6)
        TEST_CASE(18, a4, 16, mv t6, sp; c.addi16sp sp, 16; sub a4, sp, t6; mv sp, t6)
        TEST_CASE(19, a4, 1020, c.addi4spn a0, sp, 1020; sub a4, a0, sp)
        TEST_CASE(20, a4, 4, c.addi4spn s0, sp, 4; sub a4, s0, sp)

        /* c.slli / c.srli / c.srai (6-bit shamt on RV64) */
        TEST_CASE(21, a0, 0x8000000000000000, li a0, 1; c.slli a0, 63)
        TEST_CASE(22, a0, 0x0000000200000000, li a0, 1; c.slli a0, 33)
        TEST_CASE(23, t3, 0x02468acf13579bde, li t3, 0x0123456789abcdef; c.slli t3, 1)
        TEST_CASE(24, a0, 1, li a0, 0x8000000000000000; c.srli a0, 63)
        TEST_CASE(25, a0, 0x0000000080000000, li a0, 0x8000000000000000; c.srli a0, 32)
        TEST_CASE(26, a0, 0xffffffff80000000, li a0, 0x8000000000000000; c.srai a0, 32)
        TEST_CASE(27, a1, 0xffffffffffffffff, li a1, 0x8000000000000000; c.srai a1, 63)
        TEST_CASE(28, a1, 0x3fffffffffffffff, li a1, 0x7fffffffffffffff; c.srai a1, 1)

        /* c.andi (6-bit signed immediate) */
        TEST_CASE(29, a0, 0xffffffffffffffe0, li a0, -1; c.andi a0, -32)
        TEST_CASE(30, a0, 0x1f, li a0, -1; c.andi a0, 31)
        TEST_CASE(31, s0, 0, li s0, 0x1234; c.andi s0, 0)

        /* CA format: c.sub c.xor c.or c.and c.subw c.addw (x8..x15) */
        TEST_CASE(32, a0, 0xffffffffffffffff, li a0, 1; li a1, 2; c.sub a0, a1)
        TEST_CASE(33, a0, 0x0ff00ff00ff00ff0, li a0, 0x0f0f0f0f0f0f0f0f; li a1, 0x00ff00ff00ff00ff; c.xor a0, a1)
        TEST_CASE(34, a0, 0x0fff0fff0fff0fff, li a0, 0x0f0f0f0f0f0f0f0f; li a1, 0x00ff00ff00ff00ff; c.or a0, a1)
        TEST_CASE(35, a0, 0x000f000f000f000f, li a0, 0x0f0f0f0f0f0f0f0f; li a1, 0x00ff00ff00ff00ff; c.and a0, a1)
        TEST_CASE(36, a0, 0x000000007fffffff, li a0, 0x0000000080000000; li a1, 1; c.subw a0, a1)
        TEST_CASE(37, a0, 0xffffffff80000000, li a0, 0x7fffffff; li a1, 1; c.addw a0, a1)
        TEST_CASE(38, s1, 0xfffffffffffffffe, li s1, 0x12345678ffffffff; c.addw s1, s1)
        TEST_CASE(39, a5, 0, li a5, 0x12345678ffffffff; c.subw a5, a5)
        TEST_CASE(40, s0, 0, li s0, 0x5555; c.xor s0, s0)

        /* c.mv / c.add (any registers) */
        TEST_CASE(41, t5, 0x123456789abcdef0, li a3, 0x123456789abcdef0; c.mv t5, a3)
        TEST_CASE(42, t5, 0x0000000000000003, li t5, 1; li t4, 2; c.add t5, t4)
        TEST_CASE(43, ra, 0x8000000000000000, mv s2, ra; li ra, 0x7fffffffffffffff; li t4, 1; c.add ra, t4; mv t5, ra; mv ra, s2; mv ra, t5)
        mv ra, s2

        /* c.lw / c.ld / c.sw / c.sd (x8..x15 base, scaled offsets) */
        TEST_CASE(44, a0, 0xffffffff80000002, lla s0, cdat; c.lw a0, 0(s0))
        TEST_CASE(45, a0, 0xffffffff80000001, lla s0, cdat; c.lw a0, 4(s0))
        TEST_CASE(46, a0, 0x0123456789abcdef, lla s0, cdat; c.ld a0, 8(s0))
        TEST_CASE(47, a1, 0xfedcba9876543210, lla s1, cdat + 8; c.ld a1, 248(s1))
        TEST_CASE(48, a1, 0xfffffffffedcba98, lla s1, cdat + 136; c.lw a1, 124(s1))
        TEST_CASE(49, a2, 0x0000000000000000, lla a5, cdat + 32; li a3, 0xffffffff87654321; c.sw a3, 0(a5); c.sw a3, 124(a5); c.lw a2, 4(a5))
        TEST_CASE(50, a2, 0xffffffff87654321, lla a5, cdat + 32; c.lw a2, 124(a5))
        TEST_CASE(51, a2, 0x0000000087654321, lla a5, cdat + 32; ld a2, 0(a5))
        TEST_CASE(52, a2, 0xa5a5a5a5a5a5a5a5, lla a5, cdat + 40; li a3, 0xa5a5a5a5a5a5a5a5; c.sd a3, 248(a5); c.ld a2, 248(a5))
        TEST_CASE(53, a0, 0x3ff8000000000000, lla a0, cdat; c.ld a0, 16(a0))   /* rd == base */

        /* c.fld / c.fsd (f8..f15) */
        TEST_CASE(54, a4, 0x3ff8000000000000, lla s0, cdat; c.fld fs0, 16(s0); fmv.x.d a4, fs0)
        TEST_CASE(55, a4, 0xc00c000000000000, lla s0, cdat; c.fld fa5, 24(s0); fmv.x.d a4, fa5)
        TEST_CASE(56, a4, 0xc000000000000000, lla s0, cdat; c.fld fs0, 16(s0); c.fld fa5, 24(s0); fadd.d fa0, fs0, fa5; c.fsd fa0, 56(s0); ld a4, 56(s0))
        TEST_CASE(57, a4, 0x3ff8000000000000, lla a1, cdat; c.fld fs1, 16(a1); c.fsd fs1, 248(a1); ld a4, 248(a1))

        /* sp-relative: c.lwsp c.ldsp c.fldsp c.swsp c.sdsp c.fsdsp */
        TEST_CASE(58, a4, 0xffffffff80000002, mv t6, sp; lla sp, cdat; c.lwsp a4, 0(sp); mv sp, t6)
        TEST_CASE(59, t0, 0x0000000076543210, mv t6, sp; lla sp, cdat + 4; c.lwsp t0, 252(sp); mv sp, t6)
        TEST_CASE(60, t0, 0x0123456789abcdef, mv t6, sp; lla sp, cdat; c.ldsp t0, 8(sp); mv sp, t6)
        TEST_CASE(61, t0, 0x7ff0000000000000, mv t6, sp; lla sp, cdat; c.ldsp t0, 504(sp); mv sp, t6)
        TEST_CASE(62, a4, 0x7ff0000000000000, mv t6, sp; lla sp, cdat; c.fldsp ft3, 504(sp); fmv.x.d a4, ft3; mv sp, t6)
        TEST_CASE(63, a4, 0x00000000cafef00d, mv t6, sp; lla sp, cdat + 64; li t1, 0x12345678cafef00d; c.swsp t1, 252(sp); lwu a4, 252(sp); mv sp, t6)
        TEST_CASE(64, a4, 0x12345678cafef00d, mv t6, sp; lla sp, cdat + 0; li t1, 0x12345678cafef00d; c.sdsp t1, 496(sp); c.ldsp a4, 496(sp); mv sp, t6)
        TEST_CASE(65, a4, 0xc00c000000000000, mv t6, sp; lla sp, cdat; c.fldsp ft4, 24(sp); c.fsdsp ft4, 480(sp); ld a4, 480(sp); mv sp, t6)

        /* c.nop */
        TEST_CASE(66, a4, 9, li a4, 9; c.nop; c.nop)

        /* c.j forwards and backwards */
        TEST_CASE(67, a4, 3, li a4, 0; c.j 2f; 1: c.addi a4, 1; c.j 3f; 2: c.addi a4, 2; c.j 1b; 3: c.nop)

        /* c.beqz / c.bnez */
        TEST_CASE(68, a4, 1, li a4, 0; li s0, 0; c.beqz s0, 1f; j fail; 1: c.addi a4, 1)
        TEST_CASE(69, a4, 1, li a4, 1; li s0, 0x100000000; c.beqz s0, 1f; c.j 2f; 1: j fail; 2: c.nop)
        TEST_CASE(70, a4, 1, li a4, 0; li s1, 0x100000000; c.bnez s1, 1f; j fail; 1: c.addi a4, 1)
        TEST_CASE(71, a4, 1, li a4, 1; li s1, 0; c.bnez s1, 1f; c.j 2f; 1: j fail; 2: c.nop)
        TEST_CASE(72, a4, 2, li a4, 0; li a0, 2; 1: c.addi a4, 1; c.addi a0, -1; c.bnez a0, 1b)

        /* c.jr / c.jalr: the link is pc + 2 */
        TEST_CASE(73, a4, 5, li a4, 0; lla t0, 1f; c.jr t0; li a4, 99; 1: c.addi a4, 5)
        TEST_CASE(74, a4, 0, mv s2, ra; lla t0, 2f; c.jalr t0; 1: j 3f; 2: lla t1, 1b; sub a4, ra, t1; jr ra; 3: mv ra, s2)
        TEST_CASE(75, a4, 2, mv s2, ra; lla t0, 2f; 1: c.jalr t0; 2: lla t1, 1b; sub a4, ra, t1; mv ra, s2)

        /* mixed 16/32-bit stream: 32-bit instructions at 2 (mod 4) addresses */
        TEST_CASE(76, a4, 0x30, .balign 4; c.nop; .option push; .option norvc; addi a4, x0, 0x10; addi a4, a4, 0x20; .option pop)
        TEST_CASE(77, a4, 0x0000000000001001, .balign 4; c.nop; .option push; .option norvc; lui a4, 1; .option pop; c.addi a4, 1)
        TEST_CASE(78, a4, 7, li a4, 0; .balign 4; c.j 1f; c.nop; 1: .option push; .option norvc; addi a4, a4, 7; .option pop)   /* 32-bit jump target at 2 mod 4 */

        /* a 32-bit instruction straddling a page boundary (the page holds only c.nop before it) */
        TEST_CASE(79, a4, 0x77, li a4, 0x70; jal x0, straddle_entry; straddle_return: nop)

        j rvtest_after_pages

        .balign 4096
straddle_entry:
        .fill 2047, 2, 0x0001           /* 2047 x c.nop: 4094 bytes */
        .option push
        .option norvc
        addi a4, a4, 7                  /* bytes 4094..4097: crosses into the next page */
        .option pop
        j straddle_return

rvtest_after_pages:

RVTEST_CODE_END
