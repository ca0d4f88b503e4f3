/*
 * csr-machine.S - every machine and supervisor CSR of bare mode: reset values, WARL legalisation,
 * read-only registers, the sstatus/sie/sip views, the counters (writes, the user views, 64-bit
 * wrap-around), PMP storage, satp modes, triggers, and illegal accesses (with mtval = the instruction).
 * Run with --isa rv64gc (misa is checked against it).
 */
#include "priv.h"

RVTEST_CODE_BEGIN
        USE_RECORD_TRAP

        /* misa: MXL = 64, I M A F D C plus S and U; writes are ignored. */
        TEST_CASE(1, a4, 0x800000000014112d, csrr a4, misa)
        TEST_CASE(2, a4, 0x800000000014112d, csrw misa, zero; csrr a4, misa)
        /* Identification registers read 0 and cannot be written. */
        TEST_CASE(3, a4, 0, csrr a4, mvendorid; csrr a5, marchid; or a4, a4, a5; csrr a5, mimpid; or a4, a4, a5)
        TEST_CASE(4, a4, 0, csrr a4, mhartid; csrr a5, mconfigptr; or a4, a4, a5)
        TEST_TRAP(5, CAUSE_ILLEGAL, 7: csrw mvendorid, zero)
        TEST_TVAL(6, 0xf1101073)

        /* mstatus: UXL = SXL = 2; the environment set FS = Initial; no V, so VS stays 0. */
        TEST_CASE(7, a4, 0xa, csrr a4, mstatus; srli a4, a4, 32; andi a4, a4, 0xf)
        TEST_CASE(8, a4, 0x2000, csrr a4, mstatus; li t0, MSTATUS_FS | MSTATUS_VS | MSTATUS_XS; and a4, a4, t0)
        TEST_CASE(9, a4, 0, li t0, MSTATUS_VS | MSTATUS_XS; csrs mstatus, t0; csrr a4, mstatus; li t0, MSTATUS_VS | MSTATUS_XS; and a4, a4, t0)
        /* FS = Dirty sets SD (bit 63); Off clears it. */
        TEST_CASE(10, a4, 1, li t0, MSTATUS_FS; csrs mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
        TEST_CASE(11, a4, 0, li t0, MSTATUS_FS; csrc mstatus, t0; csrr a4, mstatus; srli a4, a4, 63)
        /* MPP = 2 is reserved: it reads as U. */
        TEST_CASE(12, a4, 0, li t0, MSTATUS_MPP; csrc mstatus, t0; li t0, 0x1000; csrs mstatus, t0; csrr a4, mstatus; li t0, MSTATUS_MPP; and a4, a4, t0)
        TEST_CASE(13, a4, MPP_S, li t0, MPP_S; csrs mstatus, t0; csrr a4, mstatus; li t0, MSTATUS_MPP; and a4, a4, t0)
        /* sstatus shows the supervisor fields only, and writes only those. */
        TEST_CASE(14, a4, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR | 0x2000,
                  li t0, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV | 0x2000;
                  csrs mstatus, t0; csrr a4, sstatus; li t0, 0xffffffff; and a4, a4, t0)
        TEST_CASE(15, a4, 2, csrr a4, sstatus; srli a4, a4, 32)
        TEST_CASE(16, a4, MSTATUS_MIE, li t0, MSTATUS_MIE; csrc sstatus, t0; csrr a4, mstatus; and a4, a4, t0)
        TEST_CASE(17, a4, 0, li t0, MSTATUS_SIE | MSTATUS_SUM; csrc sstatus, t0; csrr a4, mstatus; li t0, MSTATUS_SIE | MSTATUS_SUM; and a4, a4, t0)
        li t0, MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_MXR | MSTATUS_MIE | MSTATUS_MPIE | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR | MSTATUS_MPRV | MSTATUS_MPP
        csrc mstatus, t0

        /* Trap vectors: mode bit 1 is not writable (only direct and vectored). */
        TEST_CASE(18, a4, 0x80001001, li t0, 0x80001003; csrw mtvec, t0; csrr a4, mtvec)
        TEST_CASE(19, a4, 0x80002000, li t0, 0x80002002; csrw stvec, t0; csrr a4, stvec)
        USE_RECORD_TRAP
        /* Exception PCs: bit 0 is always 0 (with C, bit 1 is kept). */
        TEST_CASE(20, a4, -2, li t0, -1; csrw mepc, t0; csrr a4, mepc)
        TEST_CASE(21, a4, 0x12345676, li t0, 0x12345677; csrw sepc, t0; csrr a4, sepc)
        /* Causes, trap values and scratch registers hold any 64-bit value. */
        TEST_CASE(22, a4, 0x8000000000000005, li t0, 0x8000000000000005; csrw mcause, t0; csrr a4, mcause)
        TEST_CASE(23, a4, 0x7fffffffffffffff, li t0, 0x7fffffffffffffff; csrw scause, t0; csrr a4, scause)
        TEST_CASE(24, a4, 0xfedcba9876543210, li t0, 0xfedcba9876543210; csrw mtval, t0; csrr a4, mtval)
        TEST_CASE(25, a4, 0x0123456789abcdef, li t0, 0x0123456789abcdef; csrw stval, t0; csrr a4, stval)
        TEST_CASE(26, a4, 0x8badf00ddeadbeef, li t0, 0x8badf00ddeadbeef; csrr s8, mscratch; csrw mscratch, t0; csrr a4, mscratch; csrw mscratch, s8)
        TEST_CASE(27, a4, 0xc001d00dcafef00d, li t0, 0xc001d00dcafef00d; csrw sscratch, t0; csrr a4, sscratch)

        /* Delegation and interrupt registers: only the implemented bits. */
        TEST_CASE(28, a4, 0xb3ff, li t0, -1; csrw medeleg, t0; csrr a4, medeleg; csrw medeleg, zero)
        TEST_CASE(29, a4, 0x222, li t0, -1; csrw mideleg, t0; csrr a4, mideleg)
        TEST_CASE(30, a4, 0xaaa, li t0, -1; csrw mie, t0; csrr a4, mie)
        TEST_CASE(31, a4, 0x222, li t0, -1; csrw mip, t0; csrr a4, mip)
        /* sie/sip: the delegated bits of mie/mip; sip writes only SSIP. */
        TEST_CASE(32, a4, 0x222, csrr a4, sie)
        TEST_CASE(33, a4, 0x888, csrw sie, zero; csrr a4, mie)
        TEST_CASE(34, a4, 0x222, csrr a4, sip)
        TEST_CASE(35, a4, 0x220, csrw sip, zero; csrr a4, mip)
        TEST_CASE(36, a4, 0, csrw mideleg, zero; csrr a4, sie; csrr a5, sip; or a4, a4, a5)
        csrw mie, zero
        csrw mip, zero

        /* Counter enables are 32 bits; envcfg has FIOM only. */
        TEST_CASE(37, a4, 0xffffffff, li t0, -1; csrw mcounteren, t0; csrr a4, mcounteren)
        TEST_CASE(38, a4, 0xffffffff, li t0, -1; csrw scounteren, t0; csrr a4, scounteren)
        TEST_CASE(39, a4, 1, li t0, -1; csrw menvcfg, t0; csrr a4, menvcfg)
        TEST_CASE(40, a4, 1, li t0, -1; csrw senvcfg, t0; csrr a4, senvcfg)

        /* Counters: a written value is what the next instruction reads; they wrap at 2^64. */
        TEST_CASE(41, a4, 1000, li t0, 1000; csrw minstret, t0; csrr a4, minstret)
        TEST_CASE(42, a4, 1003, li t0, 1000; csrw minstret, t0; nop; nop; nop; csrr a4, minstret)
        TEST_CASE(43, a4, 0, li t0, -1; csrw minstret, t0; nop; csrr a4, minstret)
        TEST_CASE(44, a4, -1, li t0, -2; csrw minstret, t0; nop; csrr a4, minstret)
        TEST_CASE(45, a4, 1, csrr a5, instret; csrr a4, minstret; sub a4, a4, a5)
        TEST_CASE(46, a4, 500, li t0, 500; csrw mcycle, t0; csrr a4, mcycle)
        TEST_CASE(47, a4, 1, csrr a5, cycle; csrr a4, mcycle; sub a4, a4, a5)
        TEST_CASE(48, a4, 0, li t0, 5; csrw mhpmcounter3, t0; csrr a4, mhpmcounter3; csrr a5, hpmcounter3; or a4, a4, a5)
        TEST_CASE(49, a4, 0, li t0, 5; csrw mhpmevent3, t0; csrr a4, mhpmevent3)
        TEST_TRAP(50, CAUSE_ILLEGAL, 7: csrw instret, zero)
        TEST_TVAL(51, 0xc0201073)

        /* PMP: storage with the reserved combinations legalised; a locked entry keeps its value. */
        TEST_CASE(52, a4, 0x000000009f0f0000, li t0, 0x00000000ff0f6002; csrw pmpcfg0, t0; csrr a4, pmpcfg0)
        TEST_CASE(53, a4, 0x003fffffffffffff, li t0, -1; csrw pmpaddr0, t0; csrr a4, pmpaddr0)
        TEST_CASE(54, a4, 0x8100000000000000, li t0, 0x8100000000000000; csrw pmpcfg2, t0; li t0, 0; csrw pmpcfg2, t0; csrr a4, pmpcfg2)
        TEST_CASE(55, a4, 0, li t0, 1234; csrw pmpaddr15, t0; csrr a4, pmpaddr15)
        TEST_CASE(56, a4, 1234, li t0, 1234; csrw pmpaddr14, t0; csrr a4, pmpaddr14)
        TEST_TRAP(57, CAUSE_ILLEGAL, 7: csrr a4, pmpcfg1)

        /* satp: Sv39 and Bare are accepted; another mode leaves satp unchanged. */
        TEST_CASE(58, a4, 0x8000000000080123, li t0, 0x8000000000080123; csrw satp, t0; csrr a4, satp)
        TEST_CASE(59, a4, 0x8000000000080123, li t0, 0x9000000000080456; csrw satp, t0; csrr a4, satp)
        TEST_CASE(60, a4, 0, csrw satp, zero; csrr a4, satp)

        /* No triggers: tselect stays 0, tdata1 reads 0 (type 0), tinfo lists type 0 only. */
        TEST_CASE(61, a4, 0, li t0, 1; csrw tselect, t0; csrr a4, tselect)
        TEST_CASE(62, a4, 0, csrr a4, tdata1)
        TEST_CASE(63, a4, 1, csrr a4, tinfo)

        /* CSRs that do not exist. */
        TEST_TRAP(64, CAUSE_ILLEGAL, 7: csrr a4, 0x7c0)
        TEST_TVAL(65, 0x7c002773)
        TEST_TRAP(66, CAUSE_ILLEGAL, 7: csrr a4, 0x015)
        TEST_TRAP(67, CAUSE_ILLEGAL, 7: csrr a4, 0x7b0)   /* dcsr: debug mode only */

        /* mtvec in vectored mode: exceptions still go to the base. */
        la t0, record_trap
        ori t0, t0, 1
        csrw mtvec, t0
        TEST_TRAP(68, CAUSE_BREAKPOINT, 7: ebreak)
        USE_RECORD_TRAP

RVTEST_CODE_END
        PRIV_HANDLERS
