/* rv64ua.S - RV64A: lr/sc (.w/.d, aq/rl) and every AMO in .w/.d with
 * .aq/.rl/.aqrl variants.
 *
 * Only guaranteed LR/SC behaviour is tested:
 *   - sc succeeds (rd = 0) right after a matching lr with no intervening
 *     memory access or trap;
 *   - sc fails (rd != 0, no store) when no reservation is held: the first
 *     case runs sc before any lr was ever executed; others run a second sc
 *     after a successful one (any SC invalidates the reservation).
 * Not tested (implementation-defined / allowed either way): sc after a
 * regular store to the reserved address, sc to another address, the exact
 * non-zero failure code.
 * Each AMO case checks rd (old value, sign-extended for .w) and then the
 * memory (for .w: only the addressed word changes). Exit 0 = pass,
 * N = test N failed. Built with -march=rv64g.
 */
#include "macros.h"

RVTEST_DATA_BEGIN
        .balign 16
amo_dat:  .dword 0, 0
lr_dat:   .dword 0, 0
nores_dat: .dword 0x1111111111111111
RVTEST_DATA_END

RVTEST_CODE_BEGIN

        /* sc.d with no reservation ever taken must fail and must not write */
        TEST_CASE(1, a4, 1, lla a5, nores_dat; li a2, 0x22; sc.d t0, a2, (a5); snez a4, t0)
        TEST_CASE(2, a4, 0x1111111111111111, ld a4, 0(a5))

        /* AMOs: the old memory value (sign-extended for .w) goes to rd, memory gets op(old, rs2).
         * Each case: store init to amo_dat, run the AMO, check rd, then check memory. */
        TEST_CASE(3, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoswap.d a4, a2, (a5))
        TEST_CASE(4, a4, 0xfffffffffffff800, ld a4, 0(a5))
        TEST_CASE(5, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoswap.d.aq a4, a2, (a5))
        TEST_CASE(6, a4, 0x0000000000000003, ld a4, 0(a5))
        TEST_CASE(7, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoswap.w.rl a4, a2, (a5))
        TEST_CASE(8, a4, 0xdeadbeeffffff800, ld a4, 0(a5))
        TEST_CASE(9, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoswap.w.aqrl a4, a2, (a5))
        TEST_CASE(10, a4, 0xdeadbeef00000003, ld a4, 0(a5))
        TEST_CASE(11, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoadd.d a4, a2, (a5))
        TEST_CASE(12, a4, 0x000000007ffff800, ld a4, 0(a5))
        TEST_CASE(13, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoadd.d.aq a4, a2, (a5))
        TEST_CASE(14, a4, 0xfffffffffffffffe, ld a4, 0(a5))
        TEST_CASE(15, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amoadd.d.rl a4, a2, (a5))
        TEST_CASE(16, a4, 0xffffffffffffffff, ld a4, 0(a5))
        TEST_CASE(17, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoadd.w.aqrl a4, a2, (a5))
        TEST_CASE(18, a4, 0xdeadbeef7ffff800, ld a4, 0(a5))
        TEST_CASE(19, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoadd.w a4, a2, (a5))
        TEST_CASE(20, a4, 0xdeadbeeffffffffe, ld a4, 0(a5))
        TEST_CASE(21, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amoadd.w.aq a4, a2, (a5))
        TEST_CASE(22, a4, 0xdeadbeefffffffff, ld a4, 0(a5))
        TEST_CASE(23, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoxor.d.rl a4, a2, (a5))
        TEST_CASE(24, a4, 0xffffffff7ffff800, ld a4, 0(a5))
        TEST_CASE(25, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoxor.d.aqrl a4, a2, (a5))
        TEST_CASE(26, a4, 0xfffffffffffffff8, ld a4, 0(a5))
        TEST_CASE(27, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amoxor.d a4, a2, (a5))
        TEST_CASE(28, a4, 0xffffffffffffffff, ld a4, 0(a5))
        TEST_CASE(29, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoxor.w.aq a4, a2, (a5))
        TEST_CASE(30, a4, 0xdeadbeef7ffff800, ld a4, 0(a5))
        TEST_CASE(31, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoxor.w.rl a4, a2, (a5))
        TEST_CASE(32, a4, 0xdeadbeeffffffff8, ld a4, 0(a5))
        TEST_CASE(33, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amoxor.w.aqrl a4, a2, (a5))
        TEST_CASE(34, a4, 0xdeadbeefffffffff, ld a4, 0(a5))
        TEST_CASE(35, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoand.d a4, a2, (a5))
        TEST_CASE(36, a4, 0x0000000080000000, ld a4, 0(a5))
        TEST_CASE(37, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoand.d.aq a4, a2, (a5))
        TEST_CASE(38, a4, 0x0000000000000003, ld a4, 0(a5))
        TEST_CASE(39, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amoand.d.rl a4, a2, (a5))
        TEST_CASE(40, a4, 0x0000000000000000, ld a4, 0(a5))
        TEST_CASE(41, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoand.w.aqrl a4, a2, (a5))
        TEST_CASE(42, a4, 0xdeadbeef80000000, ld a4, 0(a5))
        TEST_CASE(43, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoand.w a4, a2, (a5))
        TEST_CASE(44, a4, 0xdeadbeef00000003, ld a4, 0(a5))
        TEST_CASE(45, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amoand.w.aq a4, a2, (a5))
        TEST_CASE(46, a4, 0xdeadbeef00000000, ld a4, 0(a5))
        TEST_CASE(47, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoor.d.rl a4, a2, (a5))
        TEST_CASE(48, a4, 0xfffffffffffff800, ld a4, 0(a5))
        TEST_CASE(49, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoor.d.aqrl a4, a2, (a5))
        TEST_CASE(50, a4, 0xfffffffffffffffb, ld a4, 0(a5))
        TEST_CASE(51, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amoor.d a4, a2, (a5))
        TEST_CASE(52, a4, 0xffffffffffffffff, ld a4, 0(a5))
        TEST_CASE(53, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amoor.w.aq a4, a2, (a5))
        TEST_CASE(54, a4, 0xdeadbeeffffff800, ld a4, 0(a5))
        TEST_CASE(55, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amoor.w.rl a4, a2, (a5))
        TEST_CASE(56, a4, 0xdeadbeeffffffffb, ld a4, 0(a5))
        TEST_CASE(57, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amoor.w.aqrl a4, a2, (a5))
        TEST_CASE(58, a4, 0xdeadbeefffffffff, ld a4, 0(a5))
        TEST_CASE(59, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amomin.d a4, a2, (a5))
        TEST_CASE(60, a4, 0xfffffffffffff800, ld a4, 0(a5))
        TEST_CASE(61, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amomin.d.aq a4, a2, (a5))
        TEST_CASE(62, a4, 0xfffffffffffffffb, ld a4, 0(a5))
        TEST_CASE(63, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amomin.d.rl a4, a2, (a5))
        TEST_CASE(64, a4, 0x8000000000000000, ld a4, 0(a5))
        TEST_CASE(65, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amomin.w.aqrl a4, a2, (a5))
        TEST_CASE(66, a4, 0xdeadbeef80000000, ld a4, 0(a5))
        TEST_CASE(67, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amomin.w a4, a2, (a5))
        TEST_CASE(68, a4, 0xdeadbeeffffffffb, ld a4, 0(a5))
        TEST_CASE(69, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amomin.w.aq a4, a2, (a5))
        TEST_CASE(70, a4, 0xdeadbeef80000000, ld a4, 0(a5))
        TEST_CASE(71, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amomax.d.rl a4, a2, (a5))
        TEST_CASE(72, a4, 0x0000000080000000, ld a4, 0(a5))
        TEST_CASE(73, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amomax.d.aqrl a4, a2, (a5))
        TEST_CASE(74, a4, 0x0000000000000003, ld a4, 0(a5))
        TEST_CASE(75, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amomax.d a4, a2, (a5))
        TEST_CASE(76, a4, 0x7fffffffffffffff, ld a4, 0(a5))
        TEST_CASE(77, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amomax.w.aq a4, a2, (a5))
        TEST_CASE(78, a4, 0xdeadbeeffffff800, ld a4, 0(a5))
        TEST_CASE(79, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amomax.w.rl a4, a2, (a5))
        TEST_CASE(80, a4, 0xdeadbeef00000003, ld a4, 0(a5))
        TEST_CASE(81, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amomax.w.aqrl a4, a2, (a5))
        TEST_CASE(82, a4, 0xdeadbeef7fffffff, ld a4, 0(a5))
        TEST_CASE(83, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amominu.d a4, a2, (a5))
        TEST_CASE(84, a4, 0x0000000080000000, ld a4, 0(a5))
        TEST_CASE(85, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amominu.d.aq a4, a2, (a5))
        TEST_CASE(86, a4, 0x0000000000000003, ld a4, 0(a5))
        TEST_CASE(87, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amominu.d.rl a4, a2, (a5))
        TEST_CASE(88, a4, 0x7fffffffffffffff, ld a4, 0(a5))
        TEST_CASE(89, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amominu.w.aqrl a4, a2, (a5))
        TEST_CASE(90, a4, 0xdeadbeef80000000, ld a4, 0(a5))
        TEST_CASE(91, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amominu.w a4, a2, (a5))
        TEST_CASE(92, a4, 0xdeadbeef00000003, ld a4, 0(a5))
        TEST_CASE(93, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amominu.w.aq a4, a2, (a5))
        TEST_CASE(94, a4, 0xdeadbeef7fffffff, ld a4, 0(a5))
        TEST_CASE(95, a4, 0x0000000080000000, lla a5, amo_dat; li t0, 0x0000000080000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amomaxu.d.rl a4, a2, (a5))
        TEST_CASE(96, a4, 0xfffffffffffff800, ld a4, 0(a5))
        TEST_CASE(97, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xfffffffffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amomaxu.d.aqrl a4, a2, (a5))
        TEST_CASE(98, a4, 0xfffffffffffffffb, ld a4, 0(a5))
        TEST_CASE(99, a4, 0x7fffffffffffffff, lla a5, amo_dat; li t0, 0x7fffffffffffffff; sd t0, 0(a5); li a2, 0x8000000000000000; amomaxu.d a4, a2, (a5))
        TEST_CASE(100, a4, 0x8000000000000000, ld a4, 0(a5))
        TEST_CASE(101, a4, 0xffffffff80000000, lla a5, amo_dat; li t0, 0xdeadbeef80000000; sd t0, 0(a5); li a2, 0xfffffffffffff800; amomaxu.w.aq a4, a2, (a5))
        TEST_CASE(102, a4, 0xdeadbeeffffff800, ld a4, 0(a5))
        TEST_CASE(103, a4, 0xfffffffffffffffb, lla a5, amo_dat; li t0, 0xdeadbeeffffffffb; sd t0, 0(a5); li a2, 0x0000000000000003; amomaxu.w.rl a4, a2, (a5))
        TEST_CASE(104, a4, 0xdeadbeeffffffffb, ld a4, 0(a5))
        TEST_CASE(105, a4, 0x000000007fffffff, lla a5, amo_dat; li t0, 0xdeadbeef7fffffff; sd t0, 0(a5); li a2, 0xffffffff80000000; amomaxu.w.aqrl a4, a2, (a5))
        TEST_CASE(106, a4, 0xdeadbeef80000000, ld a4, 0(a5))

        /* rd == x0: memory still updated */
        TEST_CASE(107, a4, 0x0000000000000007, lla a5, amo_dat; li t0, 3; sd t0, 0(a5); li a2, 4; amoadd.d x0, a2, (a5); ld a4, 0(a5))
        /* rd == rs2: rd receives the old value, memory gets op(old, old rs2) */
        TEST_CASE(108, a2, 0x0000000000000003, lla a5, amo_dat; li t0, 3; sd t0, 0(a5); li a2, 4; amoadd.d a2, a2, (a5))
        TEST_CASE(109, a4, 0x0000000000000007, ld a4, 0(a5))
        TEST_CASE(110, a2, 0xffffffff80000000, lla a5, amo_dat; li t0, 0x80000000; sw t0, 0(a5); li a2, 1; amoswap.w a2, a2, (a5))
        TEST_CASE(111, a4, 0x0000000000000001, lw a4, 0(a5))
        /* .w AMO on the upper word of a doubleword */
        TEST_CASE(112, a4, 0xffffffffdeadbeef, lla a5, amo_dat; li t0, 0xdeadbeef00000001; sd t0, 0(a5); addi a1, a5, 4; li a2, 0x11; amoor.w a4, a2, (a1))
        TEST_CASE(113, a4, 0xdeadbeff00000001, ld a4, 0(a5))

        /* LR/SC */
        /* lr.w sign-extends; sc.w succeeds (rd = 0) after a matching lr.w and writes memory */
        TEST_CASE(114, a4, 0xffffffff80000001, lla a5, lr_dat; li t0, 0x1234567880000001; sd t0, 0(a5); lr.w a4, (a5))
        TEST_CASE(115, a4, 0, li a2, 0x55; sc.w a4, a2, (a5))
        TEST_CASE(116, a4, 0x1234567800000055, ld a4, 0(a5))
        /* an SC invalidates the reservation, so a second sc.w must fail and not write */
        TEST_CASE(117, a4, 1, li a2, 0x66; sc.w t0, a2, (a5); snez a4, t0)
        TEST_CASE(118, a4, 0x1234567800000055, ld a4, 0(a5))
        /* same for .d */
        TEST_CASE(119, a4, 0xfedcba9876543210, lla a5, lr_dat; li t0, 0xfedcba9876543210; sd t0, 0(a5); lr.d a4, (a5))
        TEST_CASE(120, a4, 0, li a2, -2; sc.d a4, a2, (a5))
        TEST_CASE(121, a4, 0xfffffffffffffffe, ld a4, 0(a5))
        TEST_CASE(122, a4, 1, li a2, 0x77; sc.d t0, a2, (a5); snez a4, t0)
        TEST_CASE(123, a4, 0xfffffffffffffffe, ld a4, 0(a5))
        /* aq/rl variants */
        TEST_CASE(124, a4, 0, lla a5, lr_dat; lr.d.aq t0, (a5); addi t0, t0, 3; sc.d.rl a4, t0, (a5))
        TEST_CASE(125, a4, 0x0000000000000001, ld a4, 0(a5))
        TEST_CASE(126, a4, 0, lr.w.aqrl t0, (a5); addi t0, t0, 1; sc.w.aqrl a4, t0, (a5))
        TEST_CASE(127, a4, 0x0000000000000002, ld a4, 0(a5))
        /* sc with rd == x0 still performs the store on success */
        TEST_CASE(128, a4, 0x0000000000000009, lr.d t0, (a5); li a2, 9; sc.d x0, a2, (a5); ld a4, 0(a5))
        /* LR/SC increment loop (retries until the SC succeeds) */
        TEST_CASE(129, a4, 1009, lla a5, lr_dat; li t0, 9; sd t0, 0(a5); li a3, 1000; 1: lr.d t0, (a5); addi t0, t0, 1; sc.d t1, t0, (a5); bnez t1, 1b; addi a3, a3, -1; bnez a3, 1b; ld a4, 0(a5))
        /* lr.w/sc.w on the upper word of a doubleword */
        TEST_CASE(130, a4, 0x0000000a00000001, lla a5, lr_dat; li t0, 0x0000000900000001; sd t0, 0(a5); addi a1, a5, 4; 1: lr.w t0, (a1); addi t0, t0, 1; sc.w t1, t0, (a1); bnez t1, 1b; ld a4, 0(a5))

RVTEST_CODE_END
