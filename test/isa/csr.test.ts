// Zicsr instructions and the CSR registry: FP CSR composition, counters, read-only and unknown CSRs.
import { describe, expect, it } from 'vitest';
import { IllegalInstruction } from '../../src/errors.js';
import {
  CSR_CYCLE, CSR_FCSR, CSR_FFLAGS, CSR_FRM, CSR_INSTRET, CSR_TIME, csrName, csrValue, registerCsr,
} from '../../src/isa/csr.js';
import { Hart, type Environment } from '../../src/isa/hart.js';
import { Decoded, X_SINK } from '../../src/isa/spec.js';
import { zicsr } from '../../src/isa/zicsr.js';
import { AddressSpace } from '../../src/mem/address-space.js';

const S = (v: bigint): bigint => BigInt.asIntN(64, v);
const env: Environment = { ecall() {}, ebreak() {}, flushCode() {} };
const newHart = (): Hart => new Hart(new AddressSpace(), env);

function insn(name: string, csr: number, f: { rd?: number; rs1?: number; imm?: number; index?: number }): Decoded {
  const d = new Decoded({ name, mask: 0, match: 0, format: 'CSR', ext: 'Zicsr', cls: 0 } as any, zicsr[name]);
  d.csr = csr; d.rd = f.rd === 0 ? X_SINK : (f.rd ?? 0); d.rs1 = f.rs1 ?? 0; d.imm = f.imm ?? 0; d.index = f.index ?? 0;
  d.pc = 0x1234; d.raw = 0x00302573; d.len = 4;
  return d;
}
const run = (h: Hart, d: Decoded): void => d.exec(h, d);

describe('FP CSRs', () => {
  it('fcsr is frm << 5 | fflags, and each view writes through', () => {
    const h = newHart();
    h.setBig(5, 0xffn);
    run(h, insn('csrrw', CSR_FCSR, { rd: 6, rs1: 5 }));
    expect(h.getBig(6)).toBe(0n);
    expect([h.fflags, h.frm]).toEqual([0x1f, 7]);
    run(h, insn('csrrci', CSR_FFLAGS, { rd: 7, imm: 0x05 }));
    expect(h.getBig(7)).toBe(0x1fn);
    expect(h.fflags).toBe(0x1a);
    run(h, insn('csrrs', CSR_FCSR, { rd: 8, rs1: 0 }));
    expect(h.getBig(8)).toBe(0xfan);
    run(h, insn('csrrwi', CSR_FRM, { rd: 9, imm: 2 }));
    expect(h.getBig(9)).toBe(7n); expect(h.frm).toBe(2); expect(h.fcsr).toBe(0x5a);
    run(h, insn('csrrsi', CSR_FRM, { rd: 9, imm: 1 }));
    expect(h.getBig(9)).toBe(2n); expect(h.frm).toBe(3);
    run(h, insn('csrrc', CSR_FCSR, { rd: 10, rs1: 5 }));
    expect(h.getBig(10)).toBe(0x7an); expect(h.fcsr).toBe(0);
  });
  it('writes keep only the field bits', () => {
    const h = newHart();
    h.setBig(5, -1n);
    run(h, insn('csrrw', CSR_FFLAGS, { rd: 0, rs1: 5 })); expect(h.fflags).toBe(0x1f); expect(h.frm).toBe(0);
    run(h, insn('csrrw', CSR_FRM, { rd: 0, rs1: 5 })); expect(h.frm).toBe(7); expect(h.fflags).toBe(0x1f);
    h.setBig(5, 0x7fff_ffff_ffff_ff25n); // beyond 2^53: the low bits still arrive exactly
    run(h, insn('csrrw', CSR_FCSR, { rd: 6, rs1: 5 }));
    expect(h.getBig(6)).toBe(0xffn); expect(h.fcsr).toBe(0x25);
    run(h, insn('csrrw', CSR_FFLAGS, { rd: 0, rs1: 5 })); expect(h.fflags).toBe(0x05);
  });
  it('csrrw reads the source before writing rd (rd = rs1)', () => {
    const h = newHart();
    h.fcsr = 0x42; h.setBig(5, 0x13n);
    run(h, insn('csrrw', CSR_FCSR, { rd: 5, rs1: 5 }));
    expect(h.getBig(5)).toBe(0x42n); expect(h.fcsr).toBe(0x13);
    h.setBig(6, 0x01n);
    run(h, insn('csrrs', CSR_FFLAGS, { rd: 6, rs1: 6 }));
    expect(h.getBig(6)).toBe(0x13n); expect(h.fflags).toBe(0x13);
  });
});

describe('counters', () => {
  it('instret and cycle read h.instret + d.index; time ticks at 10 MHz of the virtual clock', () => {
    const h = newHart();
    h.instret = 123456789; h.clockSkewNs = 1000;
    run(h, insn('csrrs', CSR_INSTRET, { rd: 5, index: 7 })); expect(h.getBig(5)).toBe(123456796n);
    run(h, insn('csrrs', CSR_CYCLE, { rd: 5, index: 3 })); expect(h.getBig(5)).toBe(123456792n);
    run(h, insn('csrrs', CSR_TIME, { rd: 5, index: 11 })); expect(h.getBig(5)).toBe(BigInt(Math.floor((123456789 + 11 + 1000) / 100)));
    h.instret = 2 ** 40 + 5;
    run(h, insn('csrrsi', CSR_INSTRET, { rd: 5, imm: 0, index: 2 })); expect(h.getBig(5)).toBe(2n ** 40n + 7n);
    run(h, insn('csrrci', CSR_CYCLE, { rd: 5, imm: 0, index: 0 })); expect(h.getBig(5)).toBe(2n ** 40n + 5n);
    run(h, insn('csrrc', CSR_TIME, { rd: 5, rs1: 0, index: 95 })); expect(h.getBig(5)).toBe((2n ** 40n + 100n + 1000n) / 100n);
  });
  it('are read-only: any instruction that writes them is illegal, even with a zero value', () => {
    const h = newHart();
    for (const c of [CSR_CYCLE, CSR_TIME, CSR_INSTRET]) {
      h.setBig(7, 99n);
      expect(() => run(h, insn('csrrw', c, { rd: 7, rs1: 0 }))).toThrow(IllegalInstruction);
      expect(() => run(h, insn('csrrw', c, { rd: 0, rs1: 5 }))).toThrow(IllegalInstruction);
      expect(() => run(h, insn('csrrs', c, { rd: 7, rs1: 5 }))).toThrow(IllegalInstruction); // x5 is 0, still a write
      expect(() => run(h, insn('csrrc', c, { rd: 7, rs1: 5 }))).toThrow(IllegalInstruction);
      expect(() => run(h, insn('csrrwi', c, { rd: 7, imm: 0 }))).toThrow(IllegalInstruction);
      expect(() => run(h, insn('csrrsi', c, { rd: 7, imm: 1 }))).toThrow(IllegalInstruction);
      expect(() => run(h, insn('csrrci', c, { rd: 7, imm: 31 }))).toThrow(IllegalInstruction);
      expect(h.getBig(7)).toBe(99n);
    }
  });
});

describe('unknown CSRs and the registry', () => {
  it('an unregistered CSR is illegal for every form, reporting pc, raw and length', () => {
    const h = newHart();
    for (const name of Object.keys(zicsr)) {
      let err: unknown;
      try { run(h, insn(name, 0x7c0, { rd: 5, rs1: 0, imm: 0 })); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(IllegalInstruction);
      const ill = err as IllegalInstruction;
      expect([ill.pc, ill.raw, ill.len]).toEqual([0x1234, 0x00302573, 4]);
    }
    for (const c of [0x004, 0x300, 0xc03, 0xc80, 0xf11]) expect(() => run(h, insn('csrrs', c, { rd: 5 }))).toThrow(IllegalInstruction);
  });
  it('registered CSRs take 64-bit values and return them to rd', () => {
    const h = newHart();
    let stored = 0;
    const writes: number[] = [];
    registerCsr(0x008, { name: 'vstart', read: () => stored, write: (_h, v) => { writes.push(v); stored = v; } });
    expect(csrName(0x008)).toBe('vstart');
    expect(csrName(CSR_FCSR)).toBe('fcsr');
    h.setBig(5, 0x1234_5678_9abcn);
    run(h, insn('csrrw', 0x008, { rd: 6, rs1: 5 }));
    expect(h.getBig(6)).toBe(0n); expect(stored).toBe(0x1234_5678_9abc);
    h.setBig(5, -2n);
    run(h, insn('csrrw', 0x008, { rd: 6, rs1: 5 }));
    expect(h.getBig(6)).toBe(0x1234_5678_9abcn); expect(stored).toBe(-2);
    run(h, insn('csrrs', 0x008, { rd: 6, rs1: 0 }));
    expect(h.getBig(6)).toBe(-2n);
    h.setBig(5, 1n);
    run(h, insn('csrrs', 0x008, { rd: 6, rs1: 5 })); expect(stored).toBe(-1);
    run(h, insn('csrrci', 0x008, { rd: 6, imm: 3 })); expect(stored).toBe(-4); expect(h.getBig(6)).toBe(-1n);
    stored = 2 ** 63; // reads may return 2^63 and above
    run(h, insn('csrrs', 0x008, { rd: 6 })); expect(h.getBig(6)).toBe(S(1n << 63n));
    // rd = x0 in csrrw does not read; csrrs with rs1 = x0 does not write.
    let reads = 0;
    registerCsr(0x009, { read: () => { reads++; return 5; }, write: (_h, v) => { writes.push(v); } });
    writes.length = 0;
    run(h, insn('csrrw', 0x009, { rd: 0, rs1: 5 })); expect(reads).toBe(0); expect(writes).toEqual([1]);
    run(h, insn('csrrwi', 0x009, { rd: 0, imm: 17 })); expect(reads).toBe(0); expect(writes).toEqual([1, 17]);
    run(h, insn('csrrs', 0x009, { rd: 0, rs1: 0 })); expect(reads).toBe(1); expect(writes).toEqual([1, 17]);
    run(h, insn('csrrci', 0x009, { rd: 6, imm: 0 })); expect(reads).toBe(2); expect(writes).toEqual([1, 17]);
    expect(() => registerCsr(0x1000, { read: () => 0 })).toThrow(RangeError);
  });
  it('a CSR the hart does not have (present() false) is illegal to read or write', () => {
    const h = newHart();
    let has = false;
    registerCsr(0x00f, { name: 'vcsr', present: () => has, read: () => 7, write: () => {} });
    expect(() => run(h, insn('csrrs', 0x00f, { rd: 6 }))).toThrow(IllegalInstruction);
    expect(() => run(h, insn('csrrwi', 0x00f, { rd: 0, imm: 1 }))).toThrow(IllegalInstruction);
    has = true;
    run(h, insn('csrrs', 0x00f, { rd: 6 }));
    expect(h.getBig(6)).toBe(7n);
  });
  it('csrValue is exact below 2^53 and keeps the low 32 bits beyond', () => {
    const cases = [0n, 1n, -1n, (1n << 53n) - 1n, -(1n << 53n) + 1n, 0x7fff_ffff_ffff_ff25n, S(0x8000_0000_0000_0003n), S(0xffe0_0000_1234_5678n)];
    for (const v of cases) {
      const lo = Number(BigInt.asIntN(32, v)), hi = Number(BigInt.asIntN(32, v >> 32n));
      const n = csrValue(lo, hi);
      if (v > -(1n << 53n) && v < 1n << 53n) expect(n).toBe(Number(v));
      else { expect(n | 0).toBe(lo); expect(Math.sign(n)).toBe(v < 0n ? -1 : 1); expect(Math.abs(n)).toBeGreaterThanOrEqual(2 ** 51); }
    }
  });
});
