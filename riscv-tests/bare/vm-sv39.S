/*
 * vm-sv39.S - Sv39 translation: 4 KiB pages, 2 MiB and 1 GiB superpages (a misaligned one faults),
 * sign-extended high addresses and non-canonical ones, R/W/X permissions, W without R, invalid PTEs,
 * A and D (a clear bit is a page fault: nothing sets them), SUM, MXR, U pages from S and S pages from U,
 * fetch permission, MPRV in M-mode, and that the translation cache follows sfence.vma and satp writes.
 * Page faults carry the virtual address in mtval/stval.
 *
 * Virtual memory (root table):
 *   0x0000_8000_0000 1 GiB  -> 0x8000_0000 RWX   (code and data, identity)
 *   0x0000_c000_0000 1 GiB  -> 0x8000_0000 RWX U (the same, for U-mode: VA - 0x4000_0000 = PA)
 *   0xffff_ffff_c000_0000 1 GiB -> 0x8000_0000 RWX (code runs there too: links are sign-extended)
 *   0x0000_4000_0000: l1 table; l1[0] = l0 table (4 KiB pages below), l1[1] 2 MiB -> 0x8040_0000,
 *                     l1[2] 2 MiB -> 0x8040_1000 (misaligned superpage)
 *   l0: 0x4000_0000 data_a RW | 0x4000_1000 data_b RW, D=0 | 0x4000_2000 data_a RW, A=0 |
 *       0x4000_3000 data_a X only | 0x4000_4000 data_a RW U | 0x4000_5000 data_a R only |
 *       0x4000_6000 invalid | 0x4000_7000 data_a W without R (reserved)
 */
#include "priv.h"

#define PTE_V 0x01
#define PTE_R 0x02
#define PTE_W 0x04
#define PTE_X 0x08
#define PTE_U 0x10
#define PTE_A 0x40
#define PTE_D 0x80
#define RW (PTE_V | PTE_R | PTE_W | PTE_A | PTE_D)

/* Store at offset off of the table in `table` a PTE for the physical address in `pa` with `flags`. */
#define SET_PTE(table, off, pa, flags)                                      \
        srli t1, pa, 12; slli t1, t1, 10; li t2, flags; or t1, t1, t2;     \
        sd t1, off(table);

#define USER_ALIAS 0x40000000   /* U-mode VA - PA */

/* Back to M-mode from U (ecall, never delegated), resuming at the physical address of the next line. */
#define U_BACK_TO_M                                                         \
        la s5, 9f; li t0, USER_ALIAS; sub s5, s5, t0;                       \
        ecall;                                                              \
9:

RVTEST_CODE_BEGIN
        USE_RECORD_TRAP
        USE_RECORD_STRAP
        la s10, root
        la s11, l1
        la s9, l0
        li t0, 0x80000000
        SET_PTE(s10, 2 * 8, t0, RW | PTE_X)
        SET_PTE(s10, 3 * 8, t0, RW | PTE_X | PTE_U)
        li t3, 511 * 8
        add t3, s10, t3
        SET_PTE(t3, 0, t0, RW | PTE_X)
        SET_PTE(s10, 1 * 8, s11, PTE_V)
        SET_PTE(s11, 0 * 8, s9, PTE_V)
        li t0, 0x80400000
        SET_PTE(s11, 1 * 8, t0, RW)
        li t0, 0x80401000
        SET_PTE(s11, 2 * 8, t0, RW)
        la a0, data_a
        la a1, data_b
        SET_PTE(s9, 0 * 8, a0, RW)
        SET_PTE(s9, 1 * 8, a1, RW & ~PTE_D)
        SET_PTE(s9, 2 * 8, a0, RW & ~PTE_A)
        SET_PTE(s9, 3 * 8, a0, PTE_V | PTE_X | PTE_A)
        SET_PTE(s9, 4 * 8, a0, RW | PTE_U)
        SET_PTE(s9, 5 * 8, a0, PTE_V | PTE_R | PTE_A | PTE_D)
        SET_PTE(s9, 7 * 8, a0, PTE_V | PTE_W | PTE_A | PTE_D)
        li t0, 0x1111
        sd t0, 0(a0)
        li t0, 0x2222
        sd t0, 0(a1)
        li t0, 0x3333
        li t1, 0x80400008
        sd t0, 0(t1)
        srli t0, s10, 12
        li t1, 8 << 60
        or t0, t0, t1
        csrw satp, t0
        /* Faults in S and U go to record_strap, which resumes in the mode they came from. */
        li t0, (1 << CAUSE_LOAD_PAGE_FAULT) | (1 << CAUSE_STORE_PAGE_FAULT) | (1 << CAUSE_FETCH_PAGE_FAULT) | (1 << CAUSE_LOAD_ACCESS)
        csrw medeleg, t0
        ENTER_MODE(MPP_S)

        /* S-mode, translated. */
        TEST_CASE(1, a4, 0x1111, li a1, 0x40000000; ld a4, 0(a1))
        TEST_CASE(2, a4, 0x2222, li a1, 0x40001000; ld a4, 0(a1))
        TEST_TRAP(3, CAUSE_STORE_PAGE_FAULT, li a1, 0x40001000; 7: sd a1, 8(a1))     /* D = 0 */
        TEST_TVAL(4, 0x40001008)
        TEST_TRAP(5, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40002000; 7: ld a4, 16(a1))     /* A = 0 */
        TEST_TVAL(6, 0x40002010)
        TEST_TRAP(7, CAUSE_STORE_PAGE_FAULT, li a1, 0x40002000; 7: sw a1, 0(a1))
        /* Execute-only: loads fault unless MXR. */
        TEST_TRAP(8, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40003000; 7: ld a4, 0(a1))
        TEST_CASE(9, a4, 0x1111, li t0, MSTATUS_MXR; csrs sstatus, t0; li a1, 0x40003000; ld a4, 0(a1); li t0, MSTATUS_MXR; csrc sstatus, t0)
        TEST_TRAP(10, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40003000; 7: ld a4, 0(a1))
        /* A U page from S-mode: only with SUM, and never to fetch from. */
        TEST_TRAP(11, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40004000; 7: ld a4, 0(a1))
        TEST_CASE(12, a4, 0x1111, li t0, MSTATUS_SUM; csrs sstatus, t0; li a1, 0x40004000; ld a4, 0(a1))
        TEST_CASE(13, a4, 0x4444, li a1, 0x40004000; li a4, 0x4444; sd a4, 8(a1); ld a4, 8(a1))
        TEST_NUM_CHECK(14)
        li TESTNUM, 14
        la s5, 1f
        la s6, 2f
        li t0, USER_ALIAS
        add s6, s6, t0
        li s2, -1
        jr s6                                   /* to the U alias of label 2 */
2:      j fail
1:      li t2, CAUSE_FETCH_PAGE_FAULT
        bne s2, t2, fail
        bne s3, s6, fail
        bne s4, s6, fail
        li t0, MSTATUS_SUM
        csrc sstatus, t0
        /* Read-only, invalid, W without R. */
        TEST_TRAP(15, CAUSE_STORE_PAGE_FAULT, li a1, 0x40005000; 7: sd a1, 0(a1))
        TEST_CASE(16, a4, 0x1111, li a1, 0x40005000; ld a4, 0(a1))
        TEST_TRAP(17, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40006000; 7: lw a4, 0(a1))
        TEST_TRAP(18, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40007000; 7: lw a4, 0(a1))
        TEST_TRAP(19, CAUSE_STORE_PAGE_FAULT, li a1, 0x40007000; 7: sw a4, 0(a1))
        /* Superpages. */
        TEST_CASE(20, a4, 0x3333, li a1, 0x40200000; ld a4, 8(a1))
        TEST_TRAP(21, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40400000; 7: ld a4, 0(a1))
        /* The high gigapage (sign-extended VA) and a non-canonical VA. */
        TEST_CASE(22, a4, 0x1111, la a1, data_a; li t0, 0x80000000; sub a1, a1, t0; li t0, 0xffffffffc0000000; add a1, a1, t0; ld a4, 0(a1))
        TEST_TRAP(23, CAUSE_LOAD_PAGE_FAULT, li a1, 0x4000000000; 7: ld a4, 0(a1))
        TEST_TVAL(24, 0x4000000000)
        TEST_TRAP(25, CAUSE_LOAD_PAGE_FAULT, li a1, 0xffffffbfc0000000; 7: ld a4, 0(a1))
        /* Running at the high alias: jal's link is the full sign-extended address. */
        TEST_CASE(44, a4, -1, la t0, high_code; li t1, 0x80000000; sub t0, t0, t1; li t1, 0xffffffffc0000000; add t0, t0, t1;
                  la s8, 1f; jr t0; 1: srai a4, a5, 32)
        /* Fetching from a page without X. */
        TEST_NUM_CHECK(26)
        li TESTNUM, 26
        la s5, 1f
        li s6, 0x40000000
        li s2, -1
        jr s6
1:      li t2, CAUSE_FETCH_PAGE_FAULT
        bne s2, t2, fail
        bne s3, s6, fail

        /* sfence.vma makes a changed PTE visible; so does setting D by software. */
        TEST_CASE(27, a4, 0x1111, li a1, 0x40000000; ld a4, 0(a1))
        TEST_CASE(28, a4, 0x2222, la a0, data_b; SET_PTE(s9, 0, a0, RW); sfence.vma; li a1, 0x40000000; ld a4, 0(a1))
        TEST_CASE(29, a4, 0x5555, la a0, data_b; SET_PTE(s9, 8, a0, RW); sfence.vma; li a1, 0x40001000; li a4, 0x5555; sd a4, 16(a1); ld a4, 16(a1))
        TEST_CASE(30, a4, 0x1111, la a0, data_a; SET_PTE(s9, 0, a0, RW); li a1, 0x40000000; sfence.vma a1; ld a4, 0(a1))
        /* satp = Bare from S-mode: physical addresses again (0x40000000 is not RAM). */
        TEST_CASE(31, a4, 0x1111, csrr s8, satp; csrw satp, zero; la a1, data_a; ld a4, 0(a1))
        TEST_TRAP(32, CAUSE_LOAD_ACCESS, li a1, 0x40000000; 7: ld a4, 0(a1))
        TEST_CASE(33, a4, 0x1111, csrw satp, s8; li a1, 0x40000000; ld a4, 0(a1))

        /* U-mode at the U alias (record_strap returns to U). */
        li t0, MSTATUS_SPP
        csrc sstatus, t0
        la t0, 1f
        li t1, USER_ALIAS
        add t0, t0, t1
        csrw sepc, t0
        sret
1:      TEST_CASE(34, a4, 0x1111, li a1, 0x40004000; ld a4, 0(a1))
        TEST_TRAP(35, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40000000; 7: ld a4, 0(a1))       /* not a U page */
        TEST_TVAL(36, 0x40000000)
        TEST_CASE(37, a4, 0, li t0, MSTATUS_SPP; and a4, s7, t0)
        TEST_TRAP(38, CAUSE_STORE_PAGE_FAULT, li a1, 0x40000000; 7: sd a1, 0(a1))
        TEST_NUM_CHECK(39)
        li TESTNUM, 39
        la s5, 1f
        la s6, 2f
        li t0, USER_ALIAS
        sub s6, s6, t0                          /* the S-only identity address of label 2 */
        li s2, -1
        jr s6
2:      j fail
1:      li t2, CAUSE_FETCH_PAGE_FAULT
        bne s2, t2, fail
        bne s3, s6, fail
        U_BACK_TO_M
        csrw medeleg, zero

        /* MPRV: M-mode loads and stores translated as MPP's. */
        TEST_CASE(40, a4, 0x1111, li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, MSTATUS_MPRV | MPP_S; csrs mstatus, t0; li a1, 0x40000000; ld a4, 0(a1))
        TEST_CASE(41, a4, 0x1111, li t0, MSTATUS_MPP; csrc mstatus, t0; li a1, 0x40004000; ld a4, 0(a1))
        TEST_TRAP(42, CAUSE_LOAD_PAGE_FAULT, li a1, 0x40000000; 7: ld a4, 0(a1))   /* MPP = U now */
        li t0, MSTATUS_MPRV
        csrc mstatus, t0
        /* M-mode itself is never translated. */
        TEST_CASE(43, a4, 0x1111, la a1, data_a; ld a4, 0(a1))
        csrw satp, zero

RVTEST_CODE_END
        PRIV_HANDLERS

high_code:                              /* called at its high alias: a5 = the link of a jal there */
        jal a5, 1f
1:      jr s8

        .bss
        .balign 4096
root:   .skip 4096
l1:     .skip 4096
l0:     .skip 4096
data_a: .skip 4096
data_b: .skip 4096
