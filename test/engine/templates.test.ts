// Every translator template against its instruction's semantics function, on random operands: each
// templated instruction is translated alone (a one-instruction block, through the same translator the
// engine uses) and run on a copy of the same hart and memory as the semantics function; registers, pc,
// memory and faults must agree. Memory instructions are tried with the TLB warm (the inlined fast path)
// and cold (the translated code leaves and the semantics function finishes the instruction, as the engine
// does), on aligned, misaligned, page-crossing, unmapped and read-only addresses.
import { describe, expect, it } from 'vitest';
import { Block } from '../../src/engine/block.js';
import { TEMPLATES } from '../../src/engine/templates.js';
import { translate } from '../../src/engine/translate.js';
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

interface Outcome { x: number[]; f: number[]; pc: number; mem: number[]; fault: string | undefined }

function run(d: Decoded, h: Hart, translated: boolean): Outcome {
  const b = new Block(d.pc, [d], d.pc + d.len);
  let fault: string | undefined;
  h.pc = b.endPc;
  try {
    if (!translated) d.exec(h, d);
    else {
      const host = { resumeAt: -1 };
      const tr = translate([b], { level: 2, engine: host });
      tr.fn(h, Infinity, b);
      if (host.resumeAt >= 0) { h.pc = b.endPc; d.exec(h, d); } // what the engine does after a TLB miss
    }
  } catch (e) {
    if (!(e instanceof RvemuError)) throw e;
    fault = `${e.name}: ${e.message}`;
  }
  return { x: [...h.x.subarray(0, 64)], f: [...h.fi], pc: h.pc, mem: snapshotMemory(h.mem), fault };
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
      const isMem = t.kind === 'load' || t.kind === 'store';
      for (let iter = 0; iter < ITERATIONS; iter++) {
        const d = new Decoded(spec, exec);
        d.pc = r.int(4) === 0 ? HIGH + 2 * r.int(0x800) : 0x40000 + 2 * r.int(0x8000);
        d.len = r.int(3) === 0 ? 2 : 4;
        const reg = (): number => (r.int(6) === 0 ? 0 : 1 + r.int(31));
        const rd = reg();
        const fpRd = spec.regs?.[0] === 'f';
        d.rd = spec.format === 'S' || spec.format === 'B' ? 0 : rd === 0 && !fpRd ? X_SINK : rd;
        d.rs1 = reg(); d.rs2 = reg();
        if (r.int(5) === 0) d.rs2 = d.rs1;
        if (r.int(5) === 0 && d.rd !== X_SINK) d.rs1 = d.rd;
        d.imm = (IMM_RANGE[spec.format] ?? (() => 0))(r);
        // Edge immediates often: special cases (mv, shifts by 0/31/32/63) must be exercised.
        if ((spec.format === 'I' || spec.format === 'S') && r.int(4) === 0) d.imm = r.pick([0, 1, -1, 2047, -2048, 4, -4]);
        if (spec.format === 'SH' && r.int(4) === 0) d.imm = r.pick([0, 1, 31, 32, 33, 63]);
        if (spec.format === 'SHW' && r.int(4) === 0) d.imm = r.pick([0, 1, 31]);

        const memSeed = r.next() | 1;
        const h0 = new Hart(new AddressSpace(), env);
        for (let i = 2; i < 64; i++) h0.x[i] = word(r);
        for (let i = 0; i < 64; i++) h0.fi[i] = word(r);
        if (isMem && d.rs1 !== 0) {
          // Point rs1 so that rs1 + imm is an interesting address.
          const a = address(r) - d.imm;
          h0.x[2 * d.rs1] = a % 4294967296 | 0; h0.x[2 * d.rs1 + 1] = Math.floor(a / 4294967296) | 0;
        }
        if (r.int(3) === 0 && d.rs2 !== 0) h0.x[2 * d.rs2] = h0.x[2 * d.rs1]; // equal low words for branches/slt
        const warm = isMem && r.int(4) !== 0;

        /** A hart with h0's registers and the same memory contents. */
        const copy = (): Hart => {
          const m = makeMemory(new Rng(memSeed));
          if (warm) {
            // Fill the TLB for every page the tests touch, so the inlined fast path is taken where it can be.
            for (const p of [LOW, LOW + 0x1000, HIGH, HIGH + 0x1000, RO]) { m.readPage(p); if (p !== RO) m.writePage(p); }
          }
          const h = new Hart(m, env);
          h.x.set(h0.x);
          h.fi.set(h0.fi);
          return h;
        };
        const want = run(d, copy(), false);
        const got = run(d, copy(), true);
        const what = `${name} rd=${d.rd} rs1=${d.rs1} rs2=${d.rs2} imm=${d.imm} pc=0x${d.pc.toString(16)} len=${d.len} warm=${warm} ` +
          `x[rs1]=${h0.x[2 * d.rs1 + 1]}:${h0.x[2 * d.rs1]} x[rs2]=${h0.x[2 * d.rs2 + 1]}:${h0.x[2 * d.rs2]}`;
        expect(got.fault, `fault, ${what}`).toBe(want.fault);
        expect(got.x, `registers, ${what}`).toEqual(want.x);
        expect(got.f, `FP registers, ${what}`).toEqual(want.f);
        expect(got.pc, `pc, ${what}`).toBe(want.pc);
        if (isMem) expect(got.mem, `memory, ${what}`).toEqual(want.mem);
      }
    });
  }
});
