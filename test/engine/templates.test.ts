// Every translator template against its instruction's semantics function, on random operands: each
// templated instruction is translated alone (a one-instruction block, through the same translator the
// engine uses) and run on a copy of the same hart and memory as the semantics function; registers, pc,
// memory and faults must agree. Memory instructions are tried with the TLB warm (the inlined fast path)
// and cold (the translated code leaves and the semantics function finishes the instruction, as the engine
// does), on aligned, misaligned, page-crossing, unmapped and read-only addresses.
import { describe, expect, it } from 'vitest';
import { Block } from '../../src/engine/block.js';
import { TEMPLATES } from '../../src/engine/templates.js';
import { translate, type Translation } from '../../src/engine/translate.js';
import { RvemuError } from '../../src/errors.js';
import { SPEC_BY_NAME } from '../../src/isa/encoding.js';
import { Hart, type Environment } from '../../src/isa/hart.js';
import { scalarSemantics } from '../../src/isa/semantics.js';
import { Decoded, X_SINK } from '../../src/isa/spec.js';
import { AddressSpace, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';

const ITERATIONS = 250;

/** Deterministic xorshift PRNG, so a failure reproduces. */
class Rng {
  constructor(private s: number) {}
  next(): number { let s = this.s; s ^= s << 13; s ^= s >>> 17; s ^= s << 5; this.s = s; return s >>> 0; }
  int(n: number): number { return this.next() % n; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
}

const EDGE = [0, 1, -1, 2, 3, 4, 5, 7, 8, -2, -3, -8, 0x7fffffff, -0x80000000, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 31, 32, 63, 64, 4095, 4096];
function word(r: Rng): number { return r.int(3) === 0 ? r.pick(EDGE) | 0 : r.next() | 0; }

const env: Environment = {
  ecall: () => { throw new Error('no ecall in template tests'); },
  ebreak: () => { throw new Error('no ebreak in template tests'); },
  flushCode: () => {},
};

/** Pages used by memory tests: a low pair, a high pair (non-zero upper register word), one read-only. */
const LOW = 0x10000, HIGH = 0x3f_ffff_e000, RO = 0x20000;

function makeMemory(r: Rng): AddressSpace {
  const m = new AddressSpace();
  m.map(LOW, 0x2000, PROT_READ | PROT_WRITE);
  m.map(HIGH, 0x2000, PROT_READ | PROT_WRITE);
  m.map(RO, 0x1000, PROT_READ);
  const fill = (base: number, len: number): void => {
    const bytes = new Uint8Array(len);
    for (let i = 0; i < len; i++) bytes[i] = r.next() & 0xff;
    m.poke(base, bytes);
  };
  fill(LOW, 0x2000); fill(HIGH, 0x2000); fill(RO, 0x1000);
  return m;
}

function snapshotMemory(m: AddressSpace): number[] {
  return [...m.readBytes(LOW, 0x2000), ...m.readBytes(HIGH, 0x2000)];
}

/** An address for a memory test: usually inside a mapped page, sometimes at the edges or outside. */
function address(r: Rng): number {
  switch (r.int(8)) {
    case 0: return LOW + 0x1000 - 1 - r.int(8);           // straddles LOW's two pages
    case 1: return HIGH + 0x2000 - 1 - r.int(8);          // runs off the end of HIGH
    case 2: return RO + r.int(0x1000);                    // read-only
    case 3: return r.pick([0, 8, 0x5000, LOW - 8, 0x7000_0000]); // unmapped
    case 4: return HIGH + r.int(0x2000);
    default: return LOW + r.int(0x2000);
  }
}

const IMM_RANGE: Record<string, (r: Rng) => number> = {
  I: (r) => r.int(4096) - 2048,
  S: (r) => r.int(4096) - 2048,
  B: (r) => (r.int(4096) - 2048) * 2,
  U: (r) => r.next() & 0xfffff000,
  J: (r) => (r.int(1 << 20) - (1 << 19)) * 2,
  SH: (r) => r.int(64),
  SHW: (r) => r.int(32),
  R: () => 0,
};

/** binary64 operands for F/D templates: the edges of every fast path (range limits, zeros, NaNs...). */
const SQRT_MIN = Math.sqrt(2.2250738585072014e-308), SQRT_MAX = Math.sqrt(1.7976931348623157e308);
const DOUBLES = [
  0, -0, 1, -1, 1.5, -2.5, 3, 0.1, 1 / 3, -7 / 9, 2 ** 52 + 1, 2 ** 53, 2 ** 31, -(2 ** 31), 2 ** 31 - 0.5, -(2 ** 31) - 0.5,
  4294967295.5, 2 ** 63, -(2 ** 63), 2 ** 64, 1e300, -1e300, 1.7976931348623157e308, 2 ** 1022, 2 ** 1023, 2 ** -1022,
  2.2250738585072014e-308, 2.225073858507201e-308, 5e-324, -5e-324, 2 ** -1021, SQRT_MIN, SQRT_MIN * (1 + 2 ** -52),
  SQRT_MIN * (1 - 2 ** -53), SQRT_MAX, SQRT_MAX * (1 + 2 ** -52), 2 ** 511, 2 ** -511, Infinity, -Infinity, NaN,
];
/** binary32 bit patterns: zeros, ones, the normal limit, subnormals, the largest, infinities, NaNs (quiet, signaling). */
const SINGLE_BITS = [
  0, -0x80000000, 0x3f800000, -0x40800000, 0x3fc00000, 0x3eaaaaab, 0x00800000, 0x00800001, 0x007fffff, 0x00000001, 0x1f800000,
  0x1f7fffff, 0x5f7fffff, 0x5f800000, 0x7f7fffff, -0x00800000, 0x7f800000, -0x800000, 0x7fc00000, 0x7fa00000, 0x7f800001, 0x4f000000,
];
const F64 = new Float64Array(1), F64W = new Int32Array(F64.buffer), F32 = new Float32Array(1), F32W = new Int32Array(F32.buffer);

/** Sets f register r of h to an interesting value: a double, a NaN-boxed single, or raw words. */
function fpValue(r: Rng, fi: Int32Array, reg: number): void {
  switch (r.int(6)) {
    case 0: case 1: { // a double, random or from the edges, with a random sign
      const k = r.int(3);
      F64[0] = k === 0 ? r.pick(DOUBLES) : k === 1 ? (r.next() / 2 ** 32 - 0.5) * 2 ** (r.int(80) - 40) : r.pick(DOUBLES) * (1 + (r.next() >>> 8) * 2 ** -52);
      if (r.int(4) === 0) F64[0] = -F64[0];
      fi[2 * reg] = F64W[0]; fi[2 * reg + 1] = F64W[1];
      break;
    }
    case 2: { // a double NaN with a payload: signaling or quiet
      fi[2 * reg] = r.next() | 0; fi[2 * reg + 1] = (r.int(2) === 0 ? 0x7ff00000 : 0x7ff80000) | (r.next() & 0x7ffff) | (r.int(2) << 31);
      if (fi[2 * reg] === 0 && (fi[2 * reg + 1] & 0xfffff) === 0) fi[2 * reg] = 1;
      break;
    }
    case 3: case 4: { // a NaN-boxed single
      const k = r.int(3);
      if (k === 0) fi[2 * reg] = r.pick(SINGLE_BITS);
      else { F32[0] = (r.next() / 2 ** 32 - 0.5) * 2 ** (r.int(60) - 30); fi[2 * reg] = k === 1 ? F32W[0] : F32W[0] ^ (r.int(4) << 30); }
      fi[2 * reg + 1] = r.int(12) === 0 ? r.next() | 0 : -1; // sometimes not boxed
      break;
    }
    default: fi[2 * reg] = word(r); fi[2 * reg + 1] = word(r);
  }
}

interface Outcome { x: number[]; f: number[]; pc: number; mem: number[]; fault: string | undefined; fflags: number; frm: number }

/** The translation of d alone, made once and run on several states (translating is the slow part). */
interface Translated { b: Block; host: { resumeAt: number }; tr: Translation }

function run(d: Decoded, h: Hart, translated: Translated | undefined, isMem: boolean): Outcome {
  let fault: string | undefined;
  h.pc = d.pc + d.len;
  try {
    if (translated === undefined) d.exec(h, d);
    else {
      const { b, host, tr } = translated;
      host.resumeAt = -1;
      tr.fn(h, Infinity, b);
      if (host.resumeAt >= 0) { h.pc = b.endPc; d.exec(h, d); } // what the engine does after a TLB miss
    }
  } catch (e) {
    if (!(e instanceof RvemuError)) throw e;
    fault = `${e.name}: ${e.message}`;
  }
  return { x: [...h.x.subarray(0, 64)], f: [...h.fi], pc: h.pc, mem: isMem ? snapshotMemory(h.mem) : [], fault, fflags: h.fflags, frm: h.frm };
}

describe('translator templates agree with the semantics functions', () => {
  it('every template names an instruction with semantics', () => {
    for (const name of Object.keys(TEMPLATES)) {
      expect(SPEC_BY_NAME.has(name), `${name} is in the encoding table`).toBe(true);
      expect(Object.prototype.hasOwnProperty.call(scalarSemantics, name), `${name} has semantics`).toBe(true);
    }
  });

  for (const [name, t] of Object.entries(TEMPLATES)) {
    it(`${name} (${t.kind})`, () => {
      const spec = SPEC_BY_NAME.get(name)!;
      const exec = scalarSemantics[name];
      const r = new Rng(0x9e3779b9 ^ [...name].reduce((a, c) => Math.imul(a, 31) + c.charCodeAt(0), 7));
      const isMem = t.kind === 'load' || t.kind === 'store', isFp = t.kind === 'fp';
      for (let iter = 0; iter < ITERATIONS; iter++) {
        const d = new Decoded(spec, exec);
        d.pc = r.int(4) === 0 ? HIGH + 2 * r.int(0x800) : 0x40000 + 2 * r.int(0x8000);
        d.len = r.int(3) === 0 ? 2 : 4;
        const reg = (): number => (r.int(6) === 0 ? 0 : 1 + r.int(31));
        const rd = reg();
        const fpRd = spec.regs?.[0] === 'f';
        d.rd = spec.format === 'S' || spec.format === 'B' ? 0 : rd === 0 && !fpRd ? X_SINK : rd;
        d.rs1 = reg(); d.rs2 = reg(); d.rs3 = reg();
        // Rounding modes: mostly dynamic or RNE, every other one (the reserved 5 and 6 included) sometimes.
        d.rm = r.int(2) === 0 ? r.pick([0, 7]) : r.int(8);
        if (r.int(5) === 0) d.rs2 = d.rs1;
        if (r.int(5) === 0 && d.rd !== X_SINK) d.rs1 = d.rd;
        d.imm = (IMM_RANGE[spec.format] ?? (() => 0))(r);
        // Edge immediates often: special cases (mv, shifts by 0/31/32/63) must be exercised.
        if ((spec.format === 'I' || spec.format === 'S') && r.int(4) === 0) d.imm = r.pick([0, 1, -1, 2047, -2048, 4, -4]);
        if (spec.format === 'SH' && r.int(4) === 0) d.imm = r.pick([0, 1, 31, 32, 33, 63]);
        if (spec.format === 'SHW' && r.int(4) === 0) d.imm = r.pick([0, 1, 31]);

        let translated: Translated | undefined;
        // FP instructions: several register states per translation (their cases lie in the values).
        for (let state = 0; state < (isFp ? 6 : 1); state++) {
          const memSeed = r.next() | 1;
          const h0 = new Hart(new AddressSpace(), env);
          for (let i = 2; i < 64; i++) h0.x[i] = word(r);
          for (let i = 0; i < 64; i++) h0.fi[i] = word(r);
          if (isFp) {
            for (let i = 0; i < 32; i++) fpValue(r, h0.fi, i);
            if (r.int(4) === 0) h0.fi.set(h0.fi.subarray(2 * d.rs1, 2 * d.rs1 + 2), 2 * d.rs2); // equal operands
            h0.frm = r.int(2) === 0 ? 0 : r.pick([1, 2, 3, 4, 5, 6, 7]);
            h0.fflags = r.int(2) === 0 ? 1 | (r.int(32) & ~1) : r.int(32); // often with NX set: the fast paths
          }
          if (isMem && d.rs1 !== 0) {
            // Point rs1 so that rs1 + imm is an interesting address.
            const a = address(r) - d.imm;
            h0.x[2 * d.rs1] = a % 4294967296 | 0; h0.x[2 * d.rs1 + 1] = Math.floor(a / 4294967296) | 0;
          }
          if (r.int(3) === 0 && d.rs2 !== 0) h0.x[2 * d.rs2] = h0.x[2 * d.rs1]; // equal low words for branches/slt
          const warm = isMem && r.int(4) !== 0;

          /** A hart with h0's registers and the same memory contents. */
          const copy = (): Hart => {
            const m = isMem ? makeMemory(new Rng(memSeed)) : new AddressSpace();
            if (warm) {
              // Fill the TLB for every page the tests touch, so the inlined fast path is taken where it can be.
              for (const p of [LOW, LOW + 0x1000, HIGH, HIGH + 0x1000, RO]) { m.readPage(p); if (p !== RO) m.writePage(p); }
            }
            const h = new Hart(m, env);
            h.x.set(h0.x);
            h.fi.set(h0.fi);
            h.frm = h0.frm; h.fflags = h0.fflags;
            return h;
          };
          const want = run(d, copy(), undefined, isMem);
          if (translated === undefined) {
            const b = new Block(d.pc, [d], d.pc + d.len), host = { resumeAt: -1 };
            translated = { b, host, tr: translate([b], { level: 2, engine: host }) };
          }
          const got = run(d, copy(), translated, isMem);
          const what = `${name} rd=${d.rd} rs1=${d.rs1} rs2=${d.rs2} imm=${d.imm} pc=0x${d.pc.toString(16)} len=${d.len} warm=${warm} ` +
            `x[rs1]=${h0.x[2 * d.rs1 + 1]}:${h0.x[2 * d.rs1]} x[rs2]=${h0.x[2 * d.rs2 + 1]}:${h0.x[2 * d.rs2]}`;
          expect(got.fault, `fault, ${what}`).toBe(want.fault);
          expect(got.x, `registers, ${what}`).toEqual(want.x);
          expect(got.f, `FP registers, ${what}`).toEqual(want.f);
          expect(got.pc, `pc, ${what}`).toBe(want.pc);
          expect(got.fflags, `fflags, ${what} rm=${d.rm} frm=${h0.frm} fflags=${h0.fflags} f[rs1]=${h0.fi[2 * d.rs1 + 1]}:${h0.fi[2 * d.rs1]} f[rs2]=${h0.fi[2 * d.rs2 + 1]}:${h0.fi[2 * d.rs2]}`).toBe(want.fflags);
          expect(got.frm).toBe(want.frm);
          if (isMem) expect(got.mem, `memory, ${what}`).toEqual(want.mem);
        }
      }
    });
  }
});

describe('fused multiply-add fast path near midpoints', () => {
  // Operands whose exact a·b + c lies on, or within a tiny error of, a midpoint between two doubles, where
  // the double-rounded sums of the fast path go wrong unless it sends them to the exact operation.
  // 1) a = 1 + i·2^-52, b = 1 + j·2^-52: a·b = p + e with p = 1 + (i + j)·2^-52 and e = i·j·2^-104; with
  //    c = 4 + m·2^-50 (where the spacing is 2^-50), p + c is on a midpoint when i + j = 2 (mod 4), and e,
  //    over 2^53 times smaller than the half spacing, decides: a sum rounded twice rounds it to even.
  // 2) a = 1 + i·2^-26, b = 1 + j·2^-26: a·b = 1 + (i + j)·2^-26 + i·j·2^-52 exactly; with
  //    c = -(i + j)·2^-26 + 2^-53 + δ·2^-66 the result is a midpoint (δ = 0) or just beside one.
  it('rounds like the semantics function', () => {
    const r = new Rng(12345);
    for (const name of ['fmadd.d', 'fmsub.d', 'fnmsub.d', 'fnmadd.d']) {
      const spec = SPEC_BY_NAME.get(name)!;
      const d = new Decoded(spec, scalarSemantics[name]);
      d.pc = 0x40000; d.len = 4; d.rd = 1; d.rs1 = 2; d.rs2 = 3; d.rs3 = 4; d.rm = 7;
      const b = new Block(d.pc, [d], d.pc + d.len), host = { resumeAt: -1 };
      const translated = { b, host, tr: translate([b], { level: 2, engine: host }) };
      const negC = name === 'fmsub.d' || name === 'fnmadd.d', negP = name === 'fnmsub.d' || name === 'fnmadd.d';
      for (let iter = 0; iter < 400; iter++) {
        const sign = r.int(2) === 0 ? 1 : -1, h0 = new Hart(new AddressSpace(), env);
        let c: number;
        if (iter % 2 === 0) {
          const i = 1 + r.int(8), j = 1 + r.int(8), m = r.int(5) - 2;
          h0.f64[2] = sign * (1 + i * 2 ** -52); h0.f64[3] = 1 + j * 2 ** -52;
          c = sign * (4 + m * 2 ** -50);
        } else {
          const i = 1 + r.int(1023), j = 1 + r.int(1023), delta = r.int(3) - 1;
          h0.f64[2] = sign * (1 + i * 2 ** -26); h0.f64[3] = 1 + j * 2 ** -26;
          c = sign * (-(i + j) * 2 ** -26 + 2 ** -53 + delta * 2 ** -66);
        }
        h0.f64[4] = (negC !== negP ? -1 : 1) * c; // the instruction's negations applied to c as to the product
        h0.frm = r.int(4) === 0 ? r.int(5) : 0;
        h0.fflags = r.int(4) === 0 ? 0 : 1;
        const copy = (): Hart => { const h = new Hart(new AddressSpace(), env); h.fi.set(h0.fi); h.frm = h0.frm; h.fflags = h0.fflags; return h; };
        const want = run(d, copy(), undefined, false), got = run(d, copy(), translated, false);
        const what = `${name} a=${h0.f64[2]} b=${h0.f64[3]} c=${h0.f64[4]} frm=${h0.frm} fflags=${h0.fflags}`;
        expect(got.f, what).toEqual(want.f);
        expect(got.fflags, what).toBe(want.fflags);
      }
    }
  });
});
