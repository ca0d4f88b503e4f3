// Unit tests of bare mode's parts: the Sv39 walker and its TLB fills (src/bare/memory.ts), the CSRs'
// WARL behaviour and privilege checks (src/bare/machine.ts), the HTIF watch on tohost, and that a
// Linux-mode hart still has none of it.
import { describe, expect, it } from 'vitest';
import { MachineMemory, RAM_BASE, ACCESS_FETCH, ACCESS_LOAD, ACCESS_STORE, PRV_M, PRV_S, PRV_U } from '../../src/bare/memory.js';
import { Machine } from '../../src/bare/machine.js';
import { MemoryTrap } from '../../src/bare/traps.js';
import { Hart, type Environment } from '../../src/isa/hart.js';
import { decode } from '../../src/isa/decode.js';
import { parseIsa, DEFAULT_ISA } from '../../src/isa/isa-string.js';
import { AddressSpace } from '../../src/mem/address-space.js';
import { IllegalInstruction } from '../../src/errors.js';
import type { Ext } from '../../src/isa/spec.js';

const V = 1, R = 2, W = 4, X = 8, U = 16, A = 64, D = 128;
const pte = (pa: number, flags: number): bigint => (BigInt(Math.floor(pa / 4096)) << 10n) | BigInt(flags);

/** Machine memory with root table at RAM_BASE, l1 at +0x1000, l0 at +0x2000 mapping VA 0x40000000 + i pages. */
function paged(): MachineMemory {
  const m = new MachineMemory(64 << 20);
  const root = RAM_BASE, l1 = RAM_BASE + 0x1000, l0 = RAM_BASE + 0x2000;
  m.write64Physical(root + 1 * 8, pte(l1, V));                          // VA 0x4000_0000: table
  m.write64Physical(root + 2 * 8, pte(RAM_BASE, V | R | W | X | A | D)); // VA 0x8000_0000: 1 GiB identity
  m.write64Physical(root + 511 * 8, pte(RAM_BASE, V | R | A));          // VA -1 GiB: read-only alias
  m.write64Physical(l1 + 0 * 8, pte(l0, V));
  m.write64Physical(l1 + 1 * 8, pte(RAM_BASE + 0x200000, V | R | W | A | D));   // 2 MiB page
  m.write64Physical(l1 + 2 * 8, pte(RAM_BASE + 0x201000, V | R | W | A | D));   // misaligned 2 MiB page
  m.write64Physical(l0 + 0 * 8, pte(RAM_BASE + 0x10000, V | R | W | A | D));
  m.write64Physical(l0 + 1 * 8, pte(RAM_BASE + 0x11000, V | R | W | A));         // D = 0
  m.write64Physical(l0 + 2 * 8, pte(RAM_BASE + 0x10000, V | R | W | D));         // A = 0
  m.write64Physical(l0 + 3 * 8, pte(RAM_BASE + 0x10000, V | X | A));             // execute-only
  m.write64Physical(l0 + 4 * 8, pte(RAM_BASE + 0x10000, V | R | W | U | A | D)); // user
  m.write64Physical(l0 + 5 * 8, pte(RAM_BASE + 0x10000, V | W | A | D));         // W without R
  m.write64Physical(l0 + 6 * 8, pte(0x1000, V | R | A | D));                     // outside RAM
  m.sv39 = true; m.root = root; m.fetchPriv = m.dataPriv = PRV_S;
  return m;
}

function causeOf(f: () => unknown): number | string {
  try { f(); return 'no fault'; } catch (e) { if (e instanceof MemoryTrap) return e.exception; throw e; }
}

describe('Sv39 walker', () => {
  it('walks three levels, keeping the page offset', () => {
    const m = paged();
    expect(m.translate(0x40000abc, ACCESS_LOAD, PRV_S)).toBe(RAM_BASE + 0x10abc);
    expect(m.translate(0x40000abc, ACCESS_STORE, PRV_S)).toBe(RAM_BASE + 0x10abc);
  });
  it('maps 2 MiB and 1 GiB superpages, and faults a misaligned one', () => {
    const m = paged();
    expect(m.translate(0x40212345, ACCESS_LOAD, PRV_S)).toBe(RAM_BASE + 0x212345);
    expect(m.translate(0x80123456, ACCESS_FETCH, PRV_S)).toBe(0x80123456);
    expect(causeOf(() => m.translate(0x40400000, ACCESS_LOAD, PRV_S))).toBe(13);
  });
  it('sign-extended high addresses translate; non-canonical ones fault', () => {
    const m = paged();
    expect(m.translate(-(2 ** 30) + 0x18, ACCESS_LOAD, PRV_S)).toBe(RAM_BASE + 0x18);
    expect(causeOf(() => m.translate(2 ** 38, ACCESS_LOAD, PRV_S))).toBe(13);
    expect(causeOf(() => m.translate(-(2 ** 38) - 4096, ACCESS_STORE, PRV_S))).toBe(15);
  });
  it('faults on A = 0 for any access and on D = 0 for stores only', () => {
    const m = paged();
    expect(causeOf(() => m.translate(0x40002000, ACCESS_LOAD, PRV_S))).toBe(13);
    expect(causeOf(() => m.translate(0x40002000, ACCESS_FETCH, PRV_S))).toBe(12);
    expect(m.translate(0x40001000, ACCESS_LOAD, PRV_S)).toBe(RAM_BASE + 0x11000);
    expect(causeOf(() => m.translate(0x40001000, ACCESS_STORE, PRV_S))).toBe(15);
  });
  it('never lets a store take the fast path where D = 0: a load fills only the read TLB', () => {
    const m = paged();
    m.writePhysical(RAM_BASE + 0x11000, Uint8Array.of(0x2a, 0, 0, 0));
    expect(m.load32(0x40001000)).toBe(0x2a);
    expect(m.load32(0x40001000)).toBe(0x2a); // TLB hit
    expect(causeOf(() => m.store32(0x40001000, 1))).toBe(15);
    expect(causeOf(() => m.store8(0x40001003, 1))).toBe(15);
    expect(m.load32(0x40001000)).toBe(0x2a);
  });
  it('checks R/W/X, W without R, MXR and invalid entries', () => {
    const m = paged();
    expect(causeOf(() => m.translate(0x40003000, ACCESS_LOAD, PRV_S))).toBe(13);
    expect(m.translate(0x40003000, ACCESS_FETCH, PRV_S)).toBe(RAM_BASE + 0x10000);
    m.mxr = true;
    expect(m.translate(0x40003000, ACCESS_LOAD, PRV_S)).toBe(RAM_BASE + 0x10000);
    expect(causeOf(() => m.translate(0x40005000, ACCESS_LOAD, PRV_S))).toBe(13);
    expect(causeOf(() => m.translate(0x40005000, ACCESS_STORE, PRV_S))).toBe(15);
    expect(causeOf(() => m.translate(0x40007000, ACCESS_LOAD, PRV_S))).toBe(13);
    expect(causeOf(() => m.translate(-(2 ** 30), ACCESS_STORE, PRV_S))).toBe(15); // read-only alias
  });
  it('U pages: S-mode needs SUM and never fetches; U-mode only reaches U pages', () => {
    const m = paged();
    expect(causeOf(() => m.translate(0x40004000, ACCESS_LOAD, PRV_S))).toBe(13);
    m.sum = true;
    expect(m.translate(0x40004000, ACCESS_LOAD, PRV_S)).toBe(RAM_BASE + 0x10000);
    expect(causeOf(() => m.translate(0x40004000, ACCESS_FETCH, PRV_S))).toBe(12);
    expect(m.translate(0x40004000, ACCESS_STORE, PRV_U)).toBe(RAM_BASE + 0x10000);
    expect(causeOf(() => m.translate(0x40000000, ACCESS_LOAD, PRV_U))).toBe(13);
  });
  it('M-mode and satp = Bare are untranslated; outside RAM is an access fault', () => {
    const m = paged();
    expect(m.translate(0x40000000, ACCESS_LOAD, PRV_M)).toBe(0x40000000);
    expect(causeOf(() => { m.dataPriv = PRV_M; m.flushTlb(); return m.load32(0x40000000); })).toBe(5);
    expect(causeOf(() => { m.dataPriv = PRV_S; m.flushTlb(); return m.load32(0x40006000); })).toBe(5); // maps outside RAM
    m.sv39 = false;
    expect(m.translate(0x40000000, ACCESS_LOAD, PRV_S)).toBe(0x40000000);
  });
  it('the TLB keeps a translation until flushed (sfence.vma and satp writes flush it)', () => {
    const m = paged();
    m.writePhysical(RAM_BASE + 0x10000, Uint8Array.of(1)); m.writePhysical(RAM_BASE + 0x11000, Uint8Array.of(2));
    expect(m.load8u(0x40000000)).toBe(1);
    m.write64Physical(RAM_BASE + 0x2000, pte(RAM_BASE + 0x11000, V | R | W | A | D));
    expect(m.load8u(0x40000000)).toBe(1);
    m.flushTlb();
    expect(m.load8u(0x40000000)).toBe(2);
  });
  it('a page-table entry outside RAM is an access fault of the access', () => {
    const m = new MachineMemory(1 << 20);
    m.sv39 = true; m.root = 0x1000; m.dataPriv = PRV_S;
    expect(causeOf(() => m.translate(0x1000, ACCESS_STORE, PRV_S))).toBe(7);
  });
});

describe('HTIF watch', () => {
  it('reports every store to the tohost page once it is complete, and never caches it for writes', () => {
    const m = new MachineMemory(1 << 20);
    const tohost = RAM_BASE + 0x1000;
    m.htifPpn = tohost / 4096;
    const seen: bigint[] = [];
    m.onHtifWrite = () => seen.push(m.read64Physical(tohost));
    m.store64(tohost, 0x1234, 0x5678);
    m.store32(tohost, 7);
    m.store8(tohost + 8, 1);
    expect(seen).toEqual([0x0000567800001234n, 0x0000567800000007n, 0x0000567800000007n]);
    m.store32(RAM_BASE + 0x2000, 1); // another page: not reported
    expect(seen.length).toBe(3);
  });
});

// ------------------------------------------------------------------ CSRs through real instructions

const NOP_ENV: Environment = { ecall: () => {}, ebreak: () => {}, flushCode: () => {} };

function bareHart(isa = 'rv64gc'): { h: Hart; m: Machine; enabled: Set<Ext> } {
  const mem = new MachineMemory(1 << 20), exts = parseIsa(isa), enabled = new Set(exts);
  const h = new Hart(mem, NOP_ENV);
  const m = new Machine(h, mem, exts, enabled);
  h.priv = m;
  return { h, m, enabled };
}

const F3 = { csrrw: 1, csrrs: 2, csrrc: 3 } as const;
/** Execute `op a0, csr, a1` with a1 = value (csrrs with value undefined: `csrr a0, csr`); returns a0, unsigned. */
function csr(h: Hart, enabled: ReadonlySet<Ext>, op: keyof typeof F3, num: number, value: bigint | undefined): bigint {
  const rs1 = value === undefined ? 0 : 11;
  if (value !== undefined) h.setBig(11, value);
  const d = decode(((num << 20) | (rs1 << 15) | (F3[op] << 12) | (10 << 7) | 0x73) >>> 0, 0x80000000, enabled);
  d.exec(h, d);
  return BigInt.asUintN(64, h.getBig(10));
}
const write = (t: ReturnType<typeof bareHart>, num: number, v: bigint): bigint => { csr(t.h, t.enabled, 'csrrw', num, v); return csr(t.h, t.enabled, 'csrrs', num, undefined); };

describe('CSR WARL behaviour', () => {
  it('misa reflects --isa and ignores writes', () => {
    const t = bareHart('rv64imac_zicsr');
    expect(write(t, 0x301, 0n)).toBe(0x8000000000141105n);
    expect(write(bareHart('rv64gcv'), 0x301, -1n)).toBe(0x800000000034112dn);
  });
  it('mstatus: MPP 2 reads as U, FS is not writable without F, SD follows FS/VS', () => {
    const t = bareHart();
    expect(write(t, 0x300, 0x1000n) & 0x1800n).toBe(0n);
    expect(write(t, 0x300, 0x6000n)).toBe(0x8000000a00006000n);
    expect(write(bareHart('rv64imac_zicsr'), 0x300, 0x6600n)).toBe(0x0000000a00000000n);
  });
  it('medeleg, mideleg, mie, mip, mtvec, mepc keep only their legal bits', () => {
    const t = bareHart();
    expect(write(t, 0x302, -1n)).toBe(0xb3ffn);
    expect(write(t, 0x303, -1n)).toBe(0x222n);
    expect(write(t, 0x304, -1n)).toBe(0xaaan);
    expect(write(t, 0x344, -1n)).toBe(0x222n);
    expect(write(t, 0x305, 0x80000003n)).toBe(0x80000001n);
    expect(write(t, 0x341, -1n)).toBe(0xfffffffffffffffen);
    expect(write(bareHart('rv64g'), 0x341, -1n)).toBe(0xfffffffffffffffcn); // no C: bit 1 reads 0
  });
  it('satp: an unsupported mode leaves it unchanged', () => {
    const t = bareHart();
    expect(write(t, 0x180, 0x8000000000012345n)).toBe(0x8000000000012345n);
    expect(write(t, 0x180, 0xa000000000000001n)).toBe(0x8000000000012345n);
  });
  it('minstret: what is written is read by the next instruction, modulo 2^64', () => {
    const t = bareHart();
    t.h.instret = 1000;
    csr(t.h, t.enabled, 'csrrw', 0xb02, -1n);
    t.h.instret += 1;
    expect(csr(t.h, t.enabled, 'csrrs', 0xb02, undefined)).toBe(0xffffffffffffffffn);
    t.h.instret += 1;
    expect(csr(t.h, t.enabled, 'csrrs', 0xb02, undefined)).toBe(0n);
    expect(csr(t.h, t.enabled, 'csrrs', 0xc02, undefined)).toBe(0n); // instret follows minstret
  });
  it('checks privilege: M CSRs from S, S CSRs from U, counters by mcounteren', () => {
    const t = bareHart();
    t.m.priv = PRV_S;
    expect(() => csr(t.h, t.enabled, 'csrrs', 0x300, undefined)).toThrow(IllegalInstruction);
    expect(() => csr(t.h, t.enabled, 'csrrs', 0x100, undefined)).not.toThrow();
    expect(() => csr(t.h, t.enabled, 'csrrs', 0xc00, undefined)).toThrow(IllegalInstruction);
    t.m.priv = PRV_M;
    csr(t.h, t.enabled, 'csrrw', 0x306, 1n);
    t.m.priv = PRV_S;
    expect(() => csr(t.h, t.enabled, 'csrrs', 0xc00, undefined)).not.toThrow();
    t.m.priv = PRV_U;
    expect(() => csr(t.h, t.enabled, 'csrrs', 0x100, undefined)).toThrow(IllegalInstruction);
  });
});

describe('jumps at high (negative) addresses', () => {
  it('jal and jalr write the sign-extended link', () => {
    const { h, enabled } = bareHart();
    const pc = -(2 ** 21) + 0x25b4; // 0xffffffffffe025b4
    for (const w of [0x450000ef, 0x000500e7]) { // jal ra, +0x450; jalr ra, 0(a0)
      h.setBig(1, 0n);
      const d = decode(w, pc, enabled);
      d.exec(h, d);
      expect(h.getBig(1), d.spec.name).toBe(BigInt(pc + 4));
    }
  });
});

describe('Linux mode is unchanged', () => {
  it('csrr mstatus is illegal on a Linux-mode hart, even after a bare-mode hart registered the CSRs', () => {
    bareHart();
    const exts = parseIsa(DEFAULT_ISA);
    const h = new Hart(new AddressSpace(), NOP_ENV);
    for (const num of [0x300, 0x100, 0x180, 0xb02, 0x7a0]) {
      const d = decode(((num << 20) | (2 << 12) | (10 << 7) | 0x73) >>> 0, 0x1000, exts);
      expect(() => d.exec(h, d), num.toString(16)).toThrow(IllegalInstruction);
    }
  });
  it('mret, sret, wfi and sfence.vma do not decode in Linux mode', () => {
    const exts = parseIsa(DEFAULT_ISA);
    for (const w of [0x30200073, 0x10200073, 0x10500073, 0x12000073]) expect(() => decode(w, 0, exts)).toThrow(IllegalInstruction);
  });
  it('rdinstret still reads the retired count', () => {
    bareHart();
    const h = new Hart(new AddressSpace(), NOP_ENV);
    h.instret = 77;
    const d = decode(0xc0202573, 0x1000, parseIsa(DEFAULT_ISA)); // csrr a0, instret
    d.exec(h, d);
    expect(h.getBig(10)).toBe(77n);
  });
});
