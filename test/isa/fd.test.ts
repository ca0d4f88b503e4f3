// RV64F/D instruction semantics: register conventions (NaN-boxing, sign extension of 32-bit integer
// results), rounding-mode selection and reserved modes, flag accumulation, and loads/stores.
import { describe, expect, it } from 'vitest';
import { Hart, type Environment } from '../../src/isa/hart.js';
import { AddressSpace, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';
import { Decoded, type InsnSpec, InsnClass, X_SINK } from '../../src/isa/spec.js';
import { f } from '../../src/isa/f.js';
import { d as dsem } from '../../src/isa/d.js';
import { IllegalInstruction, GuestFault } from '../../src/errors.js';

const env: Environment = { ecall() {}, ebreak() {}, flushCode() {} };
const sem = { ...f, ...dsem };
const NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;

function hart(): Hart {
  const mem = new AddressSpace();
  mem.map(0x10000, 0x2000, PROT_READ | PROT_WRITE);
  return new Hart(mem, env);
}

interface Ops { rd?: number; rs1?: number; rs2?: number; rs3?: number; rm?: number; imm?: number }
function insn(name: string, o: Ops = {}): Decoded {
  const exec = sem[name];
  if (exec === undefined) throw new Error(`no semantics for ${name}`);
  const spec: InsnSpec = { name, mask: 0, match: 0, format: 'R', ext: name.endsWith('.s') ? 'F' : 'D', cls: InsnClass.Fp };
  const dd = new Decoded(spec, exec);
  dd.pc = 0x1000; dd.raw = 0x12345678;
  dd.rd = o.rd ?? 3; dd.rs1 = o.rs1 ?? 1; dd.rs2 = o.rs2 ?? 2; dd.rs3 = o.rs3 ?? 4;
  dd.rm = o.rm ?? 0; dd.imm = o.imm ?? 0;
  return dd;
}
function run(h: Hart, name: string, o: Ops = {}): void { const dd = insn(name, o); dd.exec(h, dd); }

const B = new ArrayBuffer(8), F64 = new Float64Array(B), U64 = new BigUint64Array(B), F32 = new Float32Array(B), I32 = new Int32Array(B);
const bitsOf = (x: number): bigint => { F64[0] = x; return U64[0]; };
const s32 = (x: number): number => { F32[0] = x; return I32[0]; };

function setF(h: Hart, r: number, v: bigint): void {
  h.fi[r << 1] = Number(BigInt.asIntN(32, v)); h.fi[(r << 1) + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
const getF = (h: Hart, r: number): bigint => (BigInt(h.fi[(r << 1) + 1] >>> 0) << 32n) | BigInt(h.fi[r << 1] >>> 0);
const boxed = (bits: number): bigint => 0xffffffff00000000n | BigInt(bits >>> 0);
function setX(h: Hart, r: number, v: bigint): void {
  h.x[r << 1] = Number(BigInt.asIntN(32, v)); h.x[(r << 1) + 1] = Number(BigInt.asIntN(32, v >> 32n));
}
const getX = (h: Hart, r: number): bigint => (BigInt(h.x[(r << 1) + 1] >>> 0) << 32n) | BigInt(h.x[r << 1] >>> 0);
const setS = (h: Hart, r: number, x: number): void => setF(h, r, boxed(s32(x)));
const setD = (h: Hart, r: number, x: number): void => setF(h, r, bitsOf(x));

describe('NaN-boxing of singles', () => {
  it('writes singles with an all-ones high word', () => {
    const h = hart();
    setS(h, 1, 1.5); setS(h, 2, 2.25);
    run(h, 'fadd.s');
    expect(getF(h, 3)).toBe(boxed(s32(3.75)));
    setX(h, 5, 0x1234567887654321n);
    run(h, 'fmv.w.x', { rs1: 5 });
    expect(getF(h, 3)).toBe(0xffffffff87654321n);
  });
  it('reads an improperly boxed single as the canonical NaN', () => {
    const h = hart();
    setD(h, 1, 1.0); // high word 0x3ff00000: not a boxed single
    setS(h, 2, 2);
    run(h, 'fadd.s');
    expect([getF(h, 3), h.fflags]).toEqual([boxed(0x7fc00000), 0]);
    run(h, 'fsgnjn.s', { rs1: 1, rs2: 2 }); // canonical NaN with the inverted sign of 2
    expect(getF(h, 3)).toBe(boxed(0xffc00000));
    run(h, 'fclass.s', { rd: 5, rs1: 1 });
    expect(getX(h, 5)).toBe(1n << 9n);
    run(h, 'fcvt.d.s', { rs1: 1 });
    expect([getF(h, 3), h.fflags]).toEqual([0x7ff8000000000000n, 0]);
    run(h, 'feq.s', { rd: 5, rs1: 1, rs2: 1 });
    expect([getX(h, 5), h.fflags]).toEqual([0n, 0]);
  });
  it('moves raw bits with fmv.x.w (sign-extended, no box check), fsw stores the low word', () => {
    const h = hart();
    setF(h, 1, 0x0123456780000001n);
    run(h, 'fmv.x.w', { rd: 5, rs1: 1 });
    expect(getX(h, 5)).toBe(0xffffffff80000001n);
    setF(h, 1, 0xffffffff7fffffffn);
    run(h, 'fmv.x.w', { rd: 5, rs1: 1 });
    expect(getX(h, 5)).toBe(0x7fffffffn);
    setX(h, 6, 0x10000n);
    setF(h, 2, 0x0123456789abcdefn);
    run(h, 'fsw', { rs1: 6, rs2: 2, imm: 8 });
    expect(h.mem.load32(0x10008) >>> 0).toBe(0x89abcdef);
    run(h, 'flw', { rd: 7, rs1: 6, imm: 8 });
    expect(getF(h, 7)).toBe(0xffffffff89abcdefn);
  });
  it('keeps signaling NaNs intact through sign injection', () => {
    const h = hart();
    setF(h, 1, boxed(0x7f800001)); setS(h, 2, -1);
    run(h, 'fsgnj.s');
    expect([getF(h, 3), h.fflags]).toEqual([boxed(0xff800001), 0]);
    run(h, 'fsgnjx.s', { rs1: 3, rs2: 2 });
    expect(getF(h, 3)).toBe(boxed(0x7f800001));
    setF(h, 1, 0x7ff0000000000001n); setD(h, 2, -2);
    run(h, 'fsgnjn.d', { rs1: 1, rs2: 2 });
    expect([getF(h, 3), h.fflags]).toEqual([0x7ff0000000000001n, 0]);
    run(h, 'fsgnj.d', { rs1: 1, rs2: 2 });
    expect(getF(h, 3)).toBe(0xfff0000000000001n);
    run(h, 'fsgnjx.d', { rs1: 3, rs2: 2 });
    expect(getF(h, 3)).toBe(0x7ff0000000000001n);
  });
});

describe('rounding modes', () => {
  it('uses the static rm field, or frm when rm is 7', () => {
    const h = hart();
    setD(h, 1, 1); setD(h, 2, 3);
    run(h, 'fdiv.d', { rm: 3 }); // RUP
    expect(getF(h, 3)).toBe(0x3fd5555555555556n);
    h.frm = 3;
    run(h, 'fdiv.d', { rm: 7 });
    expect(getF(h, 3)).toBe(0x3fd5555555555556n);
    run(h, 'fdiv.d', { rm: 1 }); // static RTZ wins over frm
    expect(getF(h, 3)).toBe(0x3fd5555555555555n);
    h.frm = 4;
    setS(h, 1, 1); setF(h, 2, boxed(0x33800000)); // 1 + 2^-24, a tie
    run(h, 'fadd.s', { rm: 7 }); // RMM: away
    expect(getF(h, 3)).toBe(boxed(0x3f800001));
  });
  it('rejects reserved static modes and reserved frm values', () => {
    const h = hart();
    setD(h, 1, 1); setD(h, 2, 3);
    for (const rm of [5, 6]) {
      for (const name of ['fadd.d', 'fsqrt.s', 'fmadd.d', 'fcvt.w.d', 'fcvt.s.l', 'fcvt.d.s', 'fcvt.d.w', 'fcvt.d.wu', 'fcvt.s.d']) {
        expect(() => run(h, name, { rm }), `${name} rm=${rm}`).toThrow(IllegalInstruction);
      }
    }
    for (const frm of [5, 6, 7]) {
      h.frm = frm;
      expect(() => run(h, 'fmul.s', { rm: 7 })).toThrow(IllegalInstruction);
      expect(() => run(h, 'fcvt.lu.d', { rm: 7 })).toThrow(IllegalInstruction);
    }
    const before = getF(h, 3);
    expect(() => run(h, 'fadd.d', { rm: 7 })).toThrow(IllegalInstruction);
    expect(getF(h, 3)).toBe(before); // nothing written
    // instructions without a rounding mode ignore frm
    run(h, 'fmin.d'); run(h, 'fsgnj.d'); run(h, 'feq.d', { rd: 5 }); run(h, 'fclass.d', { rd: 5 });
    try { run(h, 'fadd.d', { rm: 5 }); } catch (e) {
      const ie = e as IllegalInstruction;
      expect([ie.pc, ie.raw, ie.len]).toEqual([0x1000, 0x12345678, 4]);
    }
  });
});

describe('flags', () => {
  it('accumulate into fflags without clearing earlier ones', () => {
    const h = hart();
    setD(h, 1, 1); setD(h, 2, 0);
    run(h, 'fdiv.d');
    expect(h.fflags).toBe(DZ);
    setD(h, 2, 3);
    run(h, 'fdiv.d');
    expect(h.fflags).toBe(DZ | NX);
    setD(h, 1, 1e-300); setD(h, 2, 1e-300);
    run(h, 'fmul.d');
    expect(h.fflags).toBe(DZ | NX | UF);
    setD(h, 1, 1e300);
    run(h, 'fdiv.d');
    expect(h.fflags).toBe(DZ | NX | UF | OF);
    setF(h, 1, 0x7ff0000000000001n);
    run(h, 'flt.d', { rd: 5 });
    expect(h.fflags).toBe(DZ | NX | UF | OF | NV);
  });
  it('writes the canonical NaN for invalid double operations', () => {
    const h = hart();
    setD(h, 1, Infinity); setD(h, 2, Infinity);
    run(h, 'fsub.d');
    expect([getF(h, 3), h.fflags]).toEqual([0x7ff8000000000000n, NV]);
    h.fflags = 0;
    setF(h, 1, 0xfff8000000000123n); // quiet NaN with payload
    run(h, 'fmul.d');
    expect([getF(h, 3), h.fflags]).toEqual([0x7ff8000000000000n, 0]);
    setD(h, 1, -4);
    run(h, 'fsqrt.d');
    expect([getF(h, 3), h.fflags]).toEqual([0x7ff8000000000000n, NV]);
  });
});

describe('arithmetic instructions', () => {
  it('fused multiply-add variants (rd may equal a source)', () => {
    const h = hart();
    const cases: [string, number][] = [['fmadd', 7], ['fmsub', 5], ['fnmsub', -5], ['fnmadd', -7]];
    for (const [n, want] of cases) {
      setD(h, 1, 2); setD(h, 2, 3); setD(h, 4, 1);
      run(h, `${n}.d`, { rd: 1 });
      expect(getF(h, 1), n).toBe(bitsOf(want));
      setS(h, 1, 2); setS(h, 2, 3); setS(h, 4, 1);
      run(h, `${n}.s`, { rd: 4 });
      expect(getF(h, 4), n).toBe(boxed(s32(want)));
    }
    expect(h.fflags).toBe(0);
    setD(h, 1, 0); setD(h, 2, Infinity); setF(h, 4, 0x7ff8000000000000n);
    run(h, 'fmadd.d');
    expect([getF(h, 3), h.fflags]).toEqual([0x7ff8000000000000n, NV]);
  });
  it('min/max, compares and classify write integer results', () => {
    const h = hart();
    setD(h, 1, -0); setD(h, 2, 0);
    run(h, 'fmin.d'); expect(getF(h, 3)).toBe(0x8000000000000000n);
    run(h, 'fmax.d'); expect(getF(h, 3)).toBe(0n);
    setS(h, 1, -0); setS(h, 2, 0);
    run(h, 'fmin.s'); expect(getF(h, 3)).toBe(boxed(0x80000000));
    run(h, 'fmax.s'); expect(getF(h, 3)).toBe(boxed(0));
    setX(h, 5, -1n);
    run(h, 'feq.s', { rd: 5 }); expect(getX(h, 5)).toBe(1n);
    run(h, 'flt.s', { rd: 5 }); expect(getX(h, 5)).toBe(0n);
    run(h, 'fle.s', { rd: 5 }); expect(getX(h, 5)).toBe(1n);
    run(h, 'fle.d', { rd: 5 }); expect([getX(h, 5), h.fflags]).toEqual([0n, NV]); // boxed singles are NaNs as doubles
    h.fflags = 0;
    setD(h, 1, -1e-310);
    run(h, 'fclass.d', { rd: 5 }); expect(getX(h, 5)).toBe(4n);
    setD(h, 2, 0);
    run(h, 'flt.d', { rd: X_SINK }); // rd = x0 goes to the sink
    expect(h.x[X_SINK << 1]).toBe(1);
    expect(getX(h, 0)).toBe(0n);
    expect(h.fflags).toBe(0);
  });
  it('single arithmetic', () => {
    const h = hart();
    setS(h, 1, 10); setS(h, 2, 4);
    run(h, 'fsub.s'); expect(getF(h, 3)).toBe(boxed(s32(6)));
    run(h, 'fmul.s'); expect(getF(h, 3)).toBe(boxed(s32(40)));
    run(h, 'fdiv.s'); expect(getF(h, 3)).toBe(boxed(s32(2.5)));
    run(h, 'fsqrt.s', { rs1: 2 }); expect(getF(h, 3)).toBe(boxed(s32(2)));
    expect(h.fflags).toBe(0);
    run(h, 'fsqrt.s'); expect(getF(h, 3)).toBe(boxed(s32(Math.sqrt(10))));
    expect(h.fflags).toBe(NX);
  });
});

describe('conversions', () => {
  it('fcvt to integers sign-extends 32-bit results', () => {
    const h = hart();
    setD(h, 1, 3e9);
    run(h, 'fcvt.wu.d', { rd: 5 }); expect(getX(h, 5)).toBe(0xffffffffb2d05e00n);
    run(h, 'fcvt.w.d', { rd: 5 }); expect([getX(h, 5), h.fflags]).toEqual([0x7fffffffn, NV]);
    h.fflags = 0;
    setD(h, 1, -7.5);
    run(h, 'fcvt.w.d', { rd: 5, rm: 0 }); expect([getX(h, 5), h.fflags]).toEqual([BigInt.asUintN(64, -8n), NX]);
    run(h, 'fcvt.l.d', { rd: 5, rm: 1 }); expect(getX(h, 5)).toBe(BigInt.asUintN(64, -7n));
    run(h, 'fcvt.lu.d', { rd: 5, rm: 1 }); expect(getX(h, 5)).toBe(0n);
    setS(h, 1, -7.5);
    run(h, 'fcvt.w.s', { rd: 5, rm: 3 }); expect(getX(h, 5)).toBe(BigInt.asUintN(64, -7n));
    run(h, 'fcvt.l.s', { rd: 5, rm: 2 }); expect(getX(h, 5)).toBe(BigInt.asUintN(64, -8n));
    setS(h, 1, 2 ** 40);
    run(h, 'fcvt.lu.s', { rd: 5 }); expect(getX(h, 5)).toBe(1n << 40n);
    run(h, 'fcvt.wu.s', { rd: 5 }); expect(getX(h, 5)).toBe(0xffffffffffffffffn);
    setF(h, 1, boxed(0xffc00000)); // NaN: the largest value
    run(h, 'fcvt.l.s', { rd: 5 }); expect(getX(h, 5)).toBe(0x7fffffffffffffffn);
  });
  it('fcvt from integers reads only the low word for w/wu', () => {
    const h = hart();
    setX(h, 5, 0x12345678fffffffen); // low word -2
    run(h, 'fcvt.d.w', { rs1: 5 }); expect(getF(h, 3)).toBe(bitsOf(-2));
    run(h, 'fcvt.d.wu', { rs1: 5 }); expect(getF(h, 3)).toBe(bitsOf(4294967294));
    run(h, 'fcvt.s.w', { rs1: 5 }); expect(getF(h, 3)).toBe(boxed(s32(-2)));
    run(h, 'fcvt.s.wu', { rs1: 5 }); expect([getF(h, 3), h.fflags]).toEqual([boxed(0x4f800000), NX]);
    h.fflags = 0;
    setX(h, 5, -3n);
    run(h, 'fcvt.d.l', { rs1: 5 }); expect(getF(h, 3)).toBe(bitsOf(-3));
    run(h, 'fcvt.s.l', { rs1: 5 }); expect(getF(h, 3)).toBe(boxed(s32(-3)));
    run(h, 'fcvt.d.lu', { rs1: 5, rm: 1 }); expect(getF(h, 3)).toBe(0x43efffffffffffffn);
    run(h, 'fcvt.s.lu', { rs1: 5, rm: 1 }); expect(getF(h, 3)).toBe(boxed(0x5f7fffff));
    expect(h.fflags).toBe(NX);
  });
  it('between singles and doubles', () => {
    const h = hart();
    setD(h, 1, 1 + 2 ** -24);
    run(h, 'fcvt.s.d', { rm: 3 }); expect([getF(h, 3), h.fflags]).toEqual([boxed(0x3f800001), NX]);
    h.fflags = 0;
    setF(h, 1, boxed(0x7f800001));
    run(h, 'fcvt.d.s'); expect([getF(h, 3), h.fflags]).toEqual([0x7ff8000000000000n, NV]);
    h.fflags = 0;
    setF(h, 1, boxed(0x00000001));
    run(h, 'fcvt.d.s'); expect([getF(h, 3), h.fflags]).toEqual([bitsOf(2 ** -149), 0]);
  });
  it('fmv between x and f registers keeps all bits', () => {
    const h = hart();
    setF(h, 1, 0x7ff0000000000001n);
    run(h, 'fmv.x.d', { rd: 5 }); expect(getX(h, 5)).toBe(0x7ff0000000000001n);
    setX(h, 6, 0xfff4000000000abcn);
    run(h, 'fmv.d.x', { rs1: 6 }); expect(getF(h, 3)).toBe(0xfff4000000000abcn);
    expect(h.fflags).toBe(0);
  });
});

describe('loads and stores', () => {
  it('fld/fsd move 64 bits, little-endian, with the signaling NaN intact', () => {
    const h = hart();
    setX(h, 6, 0x10010n);
    setF(h, 2, 0x7ff0000000000001n);
    run(h, 'fsd', { rs1: 6, rs2: 2, imm: -8 });
    expect([h.mem.load32(0x10008) >>> 0, h.mem.load32(0x1000c) >>> 0]).toEqual([1, 0x7ff00000]);
    run(h, 'fld', { rd: 9, rs1: 6, imm: -8 });
    expect(getF(h, 9)).toBe(0x7ff0000000000001n);
    // misaligned across a page boundary
    setX(h, 6, 0x10ffcn);
    setF(h, 2, 0x1122334455667788n);
    run(h, 'fsd', { rs1: 6, rs2: 2 });
    run(h, 'fld', { rd: 9, rs1: 6 });
    expect(getF(h, 9)).toBe(0x1122334455667788n);
  });
  it('a faulting fsd writes nothing', () => {
    const h = hart();
    setX(h, 6, 0x11ffcn); // second half is unmapped
    setF(h, 2, 0x1122334455667788n);
    expect(() => run(h, 'fsd', { rs1: 6, rs2: 2 })).toThrow(GuestFault);
    expect(h.mem.load32(0x11ffc)).toBe(0);
    expect(() => run(h, 'flw', { rs1: 6, imm: 8 })).toThrow(GuestFault);
  });
});
