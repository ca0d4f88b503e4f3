// Every vector fast path of the translator against the instruction's semantics function, on random vtypes
// (SEW, LMUL, tail/mask policy bits), vl, registers, operands, masks, vstart, frm and addresses: the
// instruction is translated alone (a one-instruction block, through the same translator the engine uses)
// with the hart's vtype as the specialization, or with another one (the guard must then fail and the code
// leave for the semantics function, as the engine does on a TLB miss), and
// run on a copy of the same hart; the vector register file, vl, vtype, vstart, the integer and FP
// registers, fflags, memory, faults and the vector counters (--stats detail) must agree.
import { describe, expect, it } from 'vitest';
import { Block } from '../../src/engine/block.js';
import { translate } from '../../src/engine/translate.js';
import { vectorFast } from '../../src/engine/vector-templates.js';
import { RvemuError } from '../../src/errors.js';
import { Hart, type Environment } from '../../src/isa/hart.js';
import type { Decoded } from '../../src/isa/spec.js';
import { decode } from '../../src/isa/decode.js';
import { AddressSpace, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';
import { VectorCounters, setVectorSink, vectorCounting } from '../../src/profile/vector-counters.js';
import type { VSpec } from '../../src/rvv/encoding.js';
import { VECTOR_SPECS, attachVector, decodeVector, installVector, type AgnosticPolicy, type VectorState } from '../../src/rvv/index.js';

const ITERATIONS = 300;

class Rng {
  constructor(private s: number) {}
  next(): number { let s = this.s; s ^= s << 13; s ^= s >>> 17; s ^= s << 5; this.s = s; return s >>> 0; }
  int(n: number): number { return this.next() % n; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
}

const env: Environment = {
  ecall: () => { throw new Error('no ecall here'); },
  ebreak: () => { throw new Error('no ebreak here'); },
  flushCode: () => {},
};
const LOW = 0x10000, RO = 0x20000;
const ENABLED = new Set(['I', 'M', 'A', 'F', 'D', 'C', 'V', 'Zicsr'] as const);

/** binary32 values worth trying: ordinary, zeros, tiny, huge, infinities, NaNs. */
const F32 = [0x3f800000, 0xbf800000, 0, 0x80000000, 0x00000001, 0x00800000, 0x7f7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0x33800000];

interface Outcome { vregs: number[]; vl: number; vtype: number; vstart: number; x: number[]; f: number[]; fflags: number; mem: number[]; fault?: string; counters: string }

/**
 * Runs a block through the semantics functions, or translated (specialized for transVtype, then run with
 * the hart's own vtype; where a guard fails, the rest of the block runs through the semantics functions as
 * the engine would), and returns what it left.
 */
function runBlock(insns: Decoded[], h: Hart, translated: boolean, transVtype: number): Outcome {
  const v = h.vector as VectorState;
  const counters = new VectorCounters();
  setVectorSink(counters);
  vectorCounting.on = true;
  let fault: string | undefined;
  const b = new Block(insns[0].pc, insns, insns[insns.length - 1].pc + 4);
  let i = 0;
  try {
    h.pc = b.endPc;
    if (translated) {
      const saved = { vt: v.vtype & 0xff, vill: v.vill, vl: v.vl };
      v.setVtype(transVtype, false);
      const host = { resumeAt: -1, hart: h };
      const tr = translate([b], { level: 2, engine: host });
      v.setVtype(saved.vt, saved.vill); v.vl = saved.vl;
      tr.fn(h, Infinity, b);
      // A guard failed: the engine runs the rest of the block.
      i = host.resumeAt >= 0 ? host.resumeAt : insns.length;
      h.pc = b.endPc;
    }
    for (; i < insns.length; i++) insns[i].exec(h, insns[i]);
  } catch (e) {
    if (!(e instanceof RvemuError)) throw e;
    fault = e.message;
  } finally {
    setVectorSink(undefined);
  }
  return {
    vregs: [...v.i32], vl: v.vl, vtype: v.vtype, vstart: v.vstart, x: [...h.x.subarray(0, 64)], f: [...h.fi], fflags: h.fflags,
    mem: [...h.mem.readBytes(LOW, 0x2000)], fault, counters: JSON.stringify(counters.rows()),
  };
}

/** Mnemonics with a fast path (found by asking vectorFast about each vector instruction). */
function fastMnemonics(): string[] {
  installVector();
  const names: string[] = [];
  for (const s of VECTOR_SPECS) {
    const d = decodeVector((s.match | (((8 << 7) | (24 << 15) | (16 << 20) | (1 << 25)) & ~s.mask)) >>> 0, 0x1000, ENABLED);
    if (d === undefined || d.spec !== s) continue;
    const pair = { l: 'a', h: 'b' };
    // Any vtype with SEW 8..32 would do; try a few so every SEW-restricted path is found.
    if ([0x00, 0x08, 0x10, 0xd0].some((vt) => vectorFast({ d, vt, lenbShift: 5, rs1: pair, rd: pair }) !== undefined)) names.push(s.name);
  }
  return names;
}

describe('vector fast paths agree with the semantics functions', () => {
  const names = fastMnemonics();
  it('the kernel instructions have fast paths', () => {
    for (const n of ['vle8.v', 'vle32.v', 'vse32.v', 'vadd.vv', 'vmacc.vx', 'vwmacc.vx', 'vsext.vf2', 'vmv.v.i', 'vfmacc.vf', 'vfmacc.vv', 'vfmul.vf', 'vsetvli']) {
      expect(names, n).toContain(n);
    }
  });
  for (const name of names) {
    it(name, () => {
      const spec = VECTOR_SPECS.find((s) => s.name === name)!;
      const r = new Rng(0x51ed270b ^ [...name].reduce((a, c) => Math.imul(a, 31) + c.charCodeAt(0), 3));
      for (let iter = 0; iter < ITERATIONS; iter++) {
        const vlen = r.pick([128, 256, 512]);
        const policy: AgnosticPolicy = r.int(3) === 0 ? 'ones' : 'undisturbed';
        const sew = r.int(8) === 0 ? 3 : r.int(3), lmul = r.pick([0, 0, 1, 2, 3, 7, 6]);
        const vt = (r.int(2) << 7) | (r.int(2) << 6) | (sew << 3) | lmul;
        const reg = (): number => (r.int(3) === 0 ? r.pick([0, 8, 16, 24]) : r.int(32));
        // Fields: vd, rs1, rs2, vm (masked now and then); bits fixed by the encoding stay as they are.
        let w = (reg() << 7) | (reg() << 15) | (reg() << 20) | ((r.int(6) === 0 ? 0 : 1) << 25);
        if (name === 'vsetvli') w = (r.int(32) << 7) | (r.int(32) << 15) | ((r.int(10) === 0 ? r.int(0x800) : r.next() & 0xff) << 20);
        if (name === 'vsetivli') w = (r.int(32) << 7) | (r.int(32) << 15) | ((r.int(10) === 0 ? r.int(0x400) : r.next() & 0xff) << 20);
        w = ((spec.match | (w & ~spec.mask)) >>> 0);
        const d = decodeVector(w, 0x40000, ENABLED)!;
        expect(d.spec.name).toBe(name);

        const seed = r.next() | 1;
        const make = (): Hart => {
          const q = new Rng(seed);
          const m = new AddressSpace();
          m.map(LOW, 0x2000, PROT_READ | PROT_WRITE);
          m.map(RO, 0x1000, PROT_READ);
          const bytes = new Uint8Array(0x2000);
          for (let i = 0; i < bytes.length; i++) bytes[i] = q.next() & 0xff;
          m.poke(LOW, bytes);
          if (q.int(4) !== 0) for (const p of [LOW, LOW + 0x1000, RO]) { m.readPage(p); if (p !== RO) m.writePage(p); }
          const h = new Hart(m, env);
          for (let i = 2; i < 64; i++) h.x[i] = q.next() | 0;
          for (let i = 0; i < 32; i++) {
            if (q.int(2) === 0) { h.fi[2 * i] = q.pick(F32); h.fi[2 * i + 1] = -1; } else { h.fi[2 * i] = q.next() | 0; h.fi[2 * i + 1] = q.int(4) === 0 ? 0 : -1; }
          }
          h.frm = q.int(5) === 0 ? q.int(5) : 0;
          const v = attachVector(h, { vlen, agnostic: policy });
          for (let i = 0; i < v.i32.length; i++) v.i32[i] = q.int(4) === 0 ? q.pick(F32) : q.next() | 0;
          if (v.setVtype(vt, false)) v.vl = q.int(4) === 0 ? v.vlmax : q.int(v.vlmax + 1);
          if (q.int(8) === 0) v.vstart = q.int(4);
          // Base address for loads and stores: mostly inside LOW, sometimes across its page boundary,
          // on the read-only page or unmapped.
          const rs1 = (w >>> 15) & 31;
          if (rs1 !== 0 && (d.spec as VSpec).mem !== undefined) {
            const a = q.pick([LOW + q.int(0x1f00), LOW + 0x1000 - q.int(64), RO + q.int(0x800), 0x7000]);
            h.x[2 * rs1] = a; h.x[2 * rs1 + 1] = 0;
          }
          return h;
        };
        // Usually specialized for the vtype the hart has; sometimes for another (the guard must fail).
        const transVt = r.int(5) === 0 ? r.next() & 0xff : vt;
        const want = runBlock([d], make(), false, transVt);
        const got = runBlock([d], make(), true, transVt);
        const what = `${name} vlen=${vlen} vt=0x${vt.toString(16)} trans=0x${transVt.toString(16)} policy=${policy} rd=${d.rd} rs1=${d.rs1} rs2=${d.rs2} vm=${d.rm}`;
        expect(got.fault, `fault, ${what}`).toBe(want.fault);
        expect(got.vregs, `vector registers, ${what}`).toEqual(want.vregs);
        expect([got.vl, got.vtype, got.vstart], `vl, vtype, vstart, ${what}`).toEqual([want.vl, want.vtype, want.vstart]);
        expect(got.x, `x registers, ${what}`).toEqual(want.x);
        expect(got.f, `f registers, ${what}`).toEqual(want.f);
        expect(got.fflags, `fflags, ${what}`).toBe(want.fflags);
        expect(got.mem, `memory, ${what}`).toEqual(want.mem);
        expect(got.counters, `vector counters, ${what}`).toBe(want.counters);
      }
    });
  }
});

// Blocks of several vector instructions (vsetvli among them, now and then a CSR write or a scalar add), translated
// as a whole against the semantics functions run one after the other: a guard left out because an earlier
// instruction of the block checked it, the vsetvli paths for the vtype already in effect, the semantics function
// called in place when a fast path cannot finish (a page crossing, a TLB miss), and the counters summed in locals
// must all give the interpreter's results.
describe('blocks of vector instructions agree with the semantics functions', () => {
  const names = fastMnemonics().filter((n) => n !== 'vsetvli' && n !== 'vsetivli');
  const VTYPES = [0x10, 0x50, 0xd0, 0x09, 0x49, 0x02, 0x42, 0x17, 0x0f, 0x4f, 0x11, 0x1a, 0x08, 0x18];
  const ADDR_REGS = [10, 11, 12, 13];
  const enc = {
    vsetvli: (rd: number, rs1: number, vt: number): number => ((vt << 20) | (rs1 << 15) | (7 << 12) | (rd << 7) | 0x57) >>> 0,
    csrrwi: (csr: number, imm: number): number => ((csr << 20) | (imm << 15) | (5 << 12) | 0x73) >>> 0,
    addi: (rd: number, imm: number): number => ((imm << 20) | (rd << 15) | (rd << 7) | 0x13) >>> 0,
  };

  function randomBlock(r: Rng, at: number): Decoded[] {
    const out: Decoded[] = [];
    const n = 2 + r.int(7);
    for (let k = 0; k < n; k++) {
      const pc = at + 4 * k;
      let w: number;
      const roll = r.int(20);
      if (roll < 5) w = enc.vsetvli(r.pick([0, 0, 5, 14]), r.pick([0, 0, 5, 6, 7, 15]), r.pick(VTYPES));
      else if (roll === 5) w = r.int(2) === 0 ? enc.csrrwi(0x008, r.int(3)) : enc.csrrwi(0x002, r.int(3) === 0 ? r.int(5) : 0);
      else if (roll === 6) w = enc.addi(r.pick([5, 10, 11]), r.pick([1, 4, 64, -4]) & 0xfff);
      else {
        const name = r.pick(names), spec = VECTOR_SPECS.find((s) => s.name === name)!;
        const reg = (): number => (r.int(3) === 0 ? r.pick([0, 8, 16, 24]) : r.int(32));
        const rs1 = spec.mem !== undefined ? r.pick(ADDR_REGS) : reg();
        w = (spec.match | (((reg() << 7) | (rs1 << 15) | (reg() << 20) | ((r.int(8) === 0 ? 0 : 1) << 25)) & ~spec.mask)) >>> 0;
      }
      out.push(decode(w, pc, ENABLED));
    }
    return out;
  }


  for (let part = 0; part < 6; part++) it(`random blocks, set ${part}`, () => {
    const r = new Rng(0x2b1f3c5d + part * 0x9e3779b);
    for (let iter = 0; iter < 250; iter++) {
      const vlen = r.pick([128, 256]);
      const policy: AgnosticPolicy = r.int(3) === 0 ? 'ones' : 'undisturbed';
      const vt = r.pick(VTYPES);
      const insns = randomBlock(r, 0x40000);
      const seed = r.next() | 1;
      const make = (): Hart => {
        const q = new Rng(seed);
        const m = new AddressSpace();
        m.map(LOW, 0x2000, PROT_READ | PROT_WRITE);
        const bytes = new Uint8Array(0x2000);
        for (let i = 0; i < bytes.length; i++) bytes[i] = q.next() & 0xff;
        m.poke(LOW, bytes);
        if (q.int(4) !== 0) for (const p of [LOW, LOW + 0x1000]) { m.readPage(p); m.writePage(p); }
        const h = new Hart(m, env);
        for (let i = 2; i < 64; i++) h.x[i] = q.next() | 0;
        // Small AVLs, and load/store bases mostly inside LOW, sometimes close to its page boundary, now and
        // then unmapped (a fault in the middle of the block, after fast paths have run and counted).
        for (const x of [5, 6, 7]) { h.x[2 * x] = q.int(40); h.x[2 * x + 1] = 0; }
        for (const x of ADDR_REGS) {
          h.x[2 * x] = q.int(12) === 0 ? 0x7000 : q.int(3) === 0 ? LOW + 0x1000 - q.int(256) : LOW + q.int(0xe00); h.x[2 * x + 1] = 0;
        }
        for (let i = 0; i < 32; i++) { h.fi[2 * i] = q.pick(F32); h.fi[2 * i + 1] = -1; }
        h.frm = q.int(5) === 0 ? q.int(5) : 0;
        const v = attachVector(h, { vlen, agnostic: policy });
        for (let i = 0; i < v.i32.length; i++) v.i32[i] = q.int(4) === 0 ? q.pick(F32) : q.next() | 0;
        if (v.setVtype(vt, false)) v.vl = q.int(4) === 0 ? v.vlmax : q.int(v.vlmax + 1);
        if (q.int(10) === 0) v.vstart = 1;
        return h;
      };
      const transVt = r.int(6) === 0 ? r.pick(VTYPES) : vt;
      const want = runBlock(insns, make(), false, transVt);
      const got = runBlock(insns, make(), true, transVt);
      const what = `block ${insns.map((d) => d.spec.name).join('; ')} vlen=${vlen} vt=0x${vt.toString(16)} trans=0x${transVt.toString(16)} policy=${policy}`;
      expect(got.fault, `fault, ${what}`).toBe(want.fault);
      expect(got.vregs, `vector registers, ${what}`).toEqual(want.vregs);
      expect([got.vl, got.vtype, got.vstart], `vl, vtype, vstart, ${what}`).toEqual([want.vl, want.vtype, want.vstart]);
      expect(got.x, `x registers, ${what}`).toEqual(want.x);
      expect(got.f, `f registers, ${what}`).toEqual(want.f);
      expect(got.fflags, `fflags, ${what}`).toBe(want.fflags);
      expect(got.mem, `memory, ${what}`).toEqual(want.mem);
      expect(got.counters, `vector counters, ${what}`).toBe(want.counters);
    }
  }, 120_000);
});
