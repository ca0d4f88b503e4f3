// Randomized agreement of the fast paths in fp.ts with the exact BigInt reference in exact.ts, for every
// arithmetic operation, format and rounding mode, on operands biased toward the hard cases.
import { describe, expect, it } from 'vitest';
import * as fp from '../../src/fp/fp.js';
import * as x from '../../src/fp/exact.js';
import { BINARY16, BINARY32, BINARY64, type Format } from '../../src/fp/exact.js';
import { Rng, operand, biasedExp, tieOperands, fields, significand } from './gen.js';

const B = new ArrayBuffer(8), F64 = new Float64Array(B), U64 = new BigUint64Array(B);
const num = (v: bigint): number => { U64[0] = v; return F64[0]; };
const bits = (n: number): bigint => { F64[0] = n; return U64[0]; };
const hex = (v: bigint, f: Format): string => `0x${v.toString(16).padStart(f.w / 4, '0')}`;

type Op = 'add' | 'sub' | 'mul' | 'div' | 'sqrt' | 'fma';
const OPS: Op[] = ['add', 'sub', 'mul', 'div', 'sqrt', 'fma'];
const MODES = [fp.RNE, fp.RTZ, fp.RDN, fp.RUP, fp.RMM];
const RNE_ = fp.RNE;

/** The fast implementation of op on format f, on bit patterns. */
function fast(f: Format, op: Op, a: bigint, b: bigint, c: bigint, neg: number, rm: number): bigint {
  if (f === BINARY64) {
    const A = num(a), Bv = num(b), C = num(c);
    switch (op) {
      case 'add': return bits(fp.add64(A, Bv, rm));
      case 'sub': return bits(fp.sub64(A, Bv, rm));
      case 'mul': return bits(fp.mul64(A, Bv, rm));
      case 'div': return bits(fp.div64(A, Bv, rm));
      case 'sqrt': return bits(fp.sqrt64(A, rm));
      case 'fma': return bits(fp.fma64(A, Bv, C, neg, rm));
    }
  }
  const A = Number(a), Bv = Number(b), C = Number(c);
  if (f === BINARY32) {
    const r = (() => {
      switch (op) {
        case 'add': return fp.add32(A | 0, Bv | 0, rm);
        case 'sub': return fp.sub32(A | 0, Bv | 0, rm);
        case 'mul': return fp.mul32(A | 0, Bv | 0, rm);
        case 'div': return fp.div32(A | 0, Bv | 0, rm);
        case 'sqrt': return fp.sqrt32(A | 0, rm);
        case 'fma': return fp.fma32(A | 0, Bv | 0, C | 0, neg, rm);
      }
    })();
    if (r !== (r | 0)) throw new Error(`binary32 result ${r} is not an int32`);
    return BigInt(r >>> 0);
  }
  const r = (() => {
    switch (op) {
      case 'add': return fp.add16(A, Bv, rm);
      case 'sub': return fp.sub16(A, Bv, rm);
      case 'mul': return fp.mul16(A, Bv, rm);
      case 'div': return fp.div16(A, Bv, rm);
      case 'sqrt': return fp.sqrt16(A, rm);
      case 'fma': return fp.fma16(A, Bv, C, neg, rm);
    }
  })();
  if (r !== (r & 0xffff)) throw new Error(`binary16 result ${r} is not 16 bits`);
  return BigInt(r);
}

function exact(f: Format, op: Op, a: bigint, b: bigint, c: bigint, neg: number, rm: number): bigint {
  switch (op) {
    case 'add': return x.xAdd(f, a, b, rm);
    case 'sub': return x.xSub(f, a, b, rm);
    case 'mul': return x.xMul(f, a, b, rm);
    case 'div': return x.xDiv(f, a, b, rm);
    case 'sqrt': return x.xSqrt(f, a, rm);
    case 'fma': return x.xFma(f, a, b, c, neg, rm);
  }
}

/** Operands for op: the second (and third) drawn near the first so that they interact. */
function operands(r: Rng, f: Format, op: Op): [bigint, bigint, bigint] {
  if ((op === 'fma' || op === 'mul') && r.int(3) === 0) return tieOperands(r, f);
  const a = operand(r, f);
  const ea = biasedExp(f, a);
  let b = operand(r, f, op === 'add' || op === 'sub' || op === 'div' ? ea : -1);
  if (op === 'mul' && r.int(3) === 0) {
    // b near 2^k / a: products near 1, or near the smallest normal or the overflow threshold
    const target = r.pick([f.bias, 1, (1 << f.eb) - 2]);
    b = operand(r, f, Math.min((1 << f.eb) - 2, Math.max(0, target + f.bias - ea)));
  }
  if ((op === 'div' || op === 'fma') && r.int(4) === 0) {
    // quotients / products near the smallest normal or the overflow threshold
    const target = r.pick([1, (1 << f.eb) - 2]);
    const eb = op === 'div' ? ea + f.bias - target : target + f.bias - ea;
    b = operand(r, f, Math.min((1 << f.eb) - 2, Math.max(0, eb)));
  }
  let c = operand(r, f, Math.min((1 << f.eb) - 2, Math.max(0, ea + biasedExp(f, b) - f.bias)));
  if (op === 'fma' && r.int(3) === 0) {
    // c close to -(a*b): massive cancellation, and ties in the low part
    const saved = fp.fpFlags.v;
    const p = x.xMul(f, a, b, r.int(5));
    fp.fpFlags.v = saved;
    const flip = 1n << BigInt(f.w - 1);
    c = (p ^ flip) + BigInt(r.int(5) - 2);
    if (c < 0n || c >= 1n << BigInt(f.w)) c = p;
  }
  return [a, b, c];
}

function check(f: Format, op: Op, n: number, seed: number): void {
  const r = new Rng(seed);
  let failures = 0;
  const report: string[] = [];
  for (let i = 0; i < n; i++) {
    const [a, b, c] = operands(r, f, op);
    const neg = r.int(4);
    for (const rm of MODES) {
      fp.fpFlags.v = 0;
      const want = exact(f, op, a, b, c, neg, rm);
      const wantFlags = fp.fpFlags.v;
      fp.fpFlags.v = 0;
      const got = fast(f, op, a, b, c, neg, rm);
      const gotFlags = fp.fpFlags.v;
      if (got !== want || gotFlags !== wantFlags) {
        failures++;
        if (report.length < 10) {
          report.push(`${op} rm=${rm} neg=${neg} a=${hex(a, f)} b=${hex(b, f)} c=${hex(c, f)}: ` +
            `got ${hex(got, f)}/${gotFlags} want ${hex(want, f)}/${wantFlags}`);
        }
      }
    }
  }
  expect(report, `${failures} mismatches`).toEqual([]);
}

// RVEMU_FP_RANDOM_SCALE multiplies the number of cases (and changes the seeds) for longer runs.
const SCALE = Number(process.env.RVEMU_FP_RANDOM_SCALE ?? 1);
const N = { 64: 6000 * SCALE, 32: 6000 * SCALE, 16: 4000 * SCALE } as const;

describe.each([
  ['binary64', BINARY64, N[64]],
  ['binary32', BINARY32, N[32]],
  ['binary16', BINARY16, N[16]],
] as const)('fast paths agree with the exact reference: %s', (_name, f, n) => {
  for (const op of OPS) {
    it(op, () => check(f, op, n, 0x9e3779b9 ^ (f.w * 7919) ^ (OPS.indexOf(op) * 104729) ^ (SCALE * 31)), 600_000);
  }
});

describe('conversions agree with the exact reference', () => {
  const r = new Rng(12345);
  const pairs: [Format, Format][] = [
    [BINARY64, BINARY32], [BINARY32, BINARY64], [BINARY64, BINARY16], [BINARY16, BINARY64],
    [BINARY32, BINARY16], [BINARY16, BINARY32],
  ];
  it.each(pairs.map(([a, b]) => [a.name, b.name, a, b] as const))('%s -> %s', (_n1, _n2, from, to) => {
    const bad: string[] = [];
    for (let i = 0; i < 20000; i++) {
      let a = operand(r, from);
      if (from.w > to.w && r.int(2) === 0) {
        // near the target's smallest normal, smallest subnormal and overflow threshold
        const e = r.pick([1 - to.bias, 1 - to.bias - to.fb, to.bias + 1]) + r.int(3) - 1;
        a = fields(from, r.int(2), e + from.bias, significand(r, from.fb));
      }
      for (const rm of from.w > to.w ? [...MODES, fp.ROD] : MODES) {
        fp.fpFlags.v = 0;
        const want = x.xCvt(from, to, a, rm);
        const wf = fp.fpFlags.v;
        fp.fpFlags.v = 0;
        let got: bigint;
        const A = from === BINARY64 ? num(a) : Number(a) | 0;
        if (from === BINARY64 && to === BINARY32) got = BigInt(fp.f64ToF32(A, rm) >>> 0);
        else if (from === BINARY64) got = BigInt(fp.f64ToF16(A, rm));
        else if (from === BINARY32 && to === BINARY64) got = bits(fp.f32ToF64(A));
        else if (from === BINARY32) got = BigInt(fp.f32ToF16(A, rm));
        else if (to === BINARY64) got = bits(fp.f16ToF64(A));
        else got = BigInt(fp.f16ToF32(A) >>> 0);
        if ((got !== want || fp.fpFlags.v !== wf) && bad.length < 10) {
          bad.push(`rm=${rm} a=${hex(a, from)} got ${hex(got, to)}/${fp.fpFlags.v} want ${hex(want, to)}/${wf}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  const toInts = [
    ['f64ToI32', BINARY64, 32, true], ['f64ToU32', BINARY64, 32, false],
    ['f64ToI64', BINARY64, 64, true], ['f64ToU64', BINARY64, 64, false],
    ['f32ToI32', BINARY32, 32, true], ['f32ToU32', BINARY32, 32, false],
    ['f32ToI64', BINARY32, 64, true], ['f32ToU64', BINARY32, 64, false],
  ] as const;
  it.each(toInts)('%s', (name, from, width, signed) => {
    const bad: string[] = [];
    const out = new Int32Array(2);
    for (let i = 0; i < 20000; i++) {
      let a = operand(r, from);
      if (r.int(3) === 0) {
        // values around the integer range limits and around small integers and halves
        const lim = r.pick([0, 1, 2, width - 2, width - 1, width, width + 1]);
        const v = (r.int(2) ? -1 : 1) * (2 ** lim + (r.int(5) - 2) * r.pick([0.5, 1, 0.25, 2 ** (lim - 52), 2 ** (lim - 23)]));
        fp.fpFlags.v = 0;
        a = from === BINARY64 ? bits(v) : BigInt(fp.f64ToF32(v, fp.RNE) >>> 0);
      }
      for (const rm of MODES) {
        fp.fpFlags.v = 0;
        const wantI = x.xToInt(from, a, rm, width, signed);
        const want = BigInt.asUintN(64, wantI);
        const wf = fp.fpFlags.v;
        fp.fpFlags.v = 0;
        const A = from === BINARY64 ? num(a) : Number(a) | 0;
        let got: bigint;
        if (width === 32) {
          const v = (fp as unknown as Record<string, (a: number, rm: number) => number>)[name](A, rm);
          got = BigInt.asUintN(64, BigInt(v)); // the int32 result, sign-extended as in a register
        } else {
          (fp as unknown as Record<string, (a: number, rm: number, o: Int32Array, i: number) => void>)[name](A, rm, out, 0);
          got = (BigInt(out[1] >>> 0) << 32n) | BigInt(out[0] >>> 0);
        }
        const wantReg = width === 32 ? BigInt.asUintN(64, BigInt.asIntN(32, wantI)) : want;
        if ((got !== wantReg || fp.fpFlags.v !== wf) && bad.length < 10) {
          bad.push(`rm=${rm} a=${hex(a, from)} got ${got.toString(16)}/${fp.fpFlags.v} want ${wantReg.toString(16)}/${wf}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  const fromInts = [
    ['i64ToF64', BINARY64, true, 64], ['u64ToF64', BINARY64, false, 64],
    ['i64ToF32', BINARY32, true, 64], ['u64ToF32', BINARY32, false, 64],
    ['i32ToF32', BINARY32, true, 32], ['u32ToF32', BINARY32, false, 32],
  ] as const;
  it.each(fromInts)('%s', (name, to, signed, width) => {
    const bad: string[] = [];
    for (let i = 0; i < 20000; i++) {
      // integers with varied magnitudes and trailing-zero runs, so that ties occur
      const nb = 1 + r.int(width);
      let v = r.bits(64) & ((1n << BigInt(nb)) - 1n);
      if (r.int(2)) v &= ~((1n << BigInt(r.int(nb))) - 1n);
      if (r.int(4) === 0) v |= 1n << BigInt(r.int(nb));
      const u = BigInt.asUintN(width, v);
      const val = signed ? BigInt.asIntN(width, u) : u;
      const lo = Number(BigInt.asIntN(32, u)), hi = Number(BigInt.asIntN(32, BigInt.asUintN(64, val) >> 32n));
      for (const rm of MODES) {
        fp.fpFlags.v = 0;
        const want = x.xFromInt(to, val, rm);
        const wf = fp.fpFlags.v;
        fp.fpFlags.v = 0;
        const fn = (fp as unknown as Record<string, (lo: number, hi: number, rm: number) => number>)[name];
        const res = width === 32 ? (fn as unknown as (v: number, rm: number) => number)(lo, rm) : fn(lo, hi, rm);
        const got = to === BINARY64 ? bits(res) : BigInt(res >>> 0);
        if ((got !== want || fp.fpFlags.v !== wf) && bad.length < 10) {
          bad.push(`rm=${rm} v=${val} got ${hex(got, to)}/${fp.fpFlags.v} want ${hex(want, to)}/${wf}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('comparisons, min/max and classify agree with the exact reference', () => {
  const r = new Rng(777);
  it.each([[BINARY64], [BINARY32], [BINARY16]] as const)('%#', (f) => {
    const bad: string[] = [];
    for (let i = 0; i < 20000; i++) {
      const a = operand(r, f);
      const b = r.int(4) === 0 ? a ^ (1n << BigInt(f.w - 1)) : r.int(4) === 0 ? a : operand(r, f, biasedExp(f, a));
      const sfx = f === BINARY64 ? '64' : f === BINARY32 ? '32' : '16';
      const arg = (v: bigint): number => (f === BINARY64 ? num(v) : Number(v) | (f === BINARY32 ? 0 : 0));
      const back = (v: number): bigint => (f === BINARY64 ? bits(v) : BigInt(f === BINARY32 ? v >>> 0 : v));
      const cases: [string, () => bigint | number, () => bigint | number][] = [
        ['eq', () => x.xEq(f, a, b), () => (fp as any)[`eq${sfx}`](arg(a), arg(b))],
        ['lt', () => x.xLt(f, a, b), () => (fp as any)[`lt${sfx}`](arg(a), arg(b))],
        ['le', () => x.xLe(f, a, b), () => (fp as any)[`le${sfx}`](arg(a), arg(b))],
        ['min', () => x.xMinMax(f, a, b, false), () => back((fp as any)[`min${sfx}`](arg(a), arg(b)))],
        ['max', () => x.xMinMax(f, a, b, true), () => back((fp as any)[`max${sfx}`](arg(a), arg(b)))],
        ['class', () => x.xClass(f, a), () => (fp as any)[`class${sfx}`](arg(a))],
      ];
      for (const [n, ref, got] of cases) {
        fp.fpFlags.v = 0;
        const w = ref();
        const wf = fp.fpFlags.v;
        fp.fpFlags.v = 0;
        const g = got();
        if ((g !== w || fp.fpFlags.v !== wf) && bad.length < 10) {
          bad.push(`${n} a=${hex(a, f)} b=${hex(b, f)} got ${g}/${fp.fpFlags.v} want ${w}/${wf}`);
        }
      }
    }
    expect(bad).toEqual([]);
  });
});

describe('binary16 unary operations, exhaustively', () => {
  it('sqrt16 (a varying rounding mode per input), f16ToF32, f16ToF64 and class16 on every bit pattern', () => {
    const bad: string[] = [];
    const note = (m: string): void => { if (bad.length < 10) bad.push(m); };
    for (let a = 0; a < 0x10000; a++) {
      const A = BigInt(a), rm = a % 5;
      fp.fpFlags.v = 0;
      const want = x.xSqrt(BINARY16, A, rm), wf = fp.fpFlags.v;
      fp.fpFlags.v = 0;
      const got = fp.sqrt16(a, rm);
      if (BigInt(got) !== want || fp.fpFlags.v !== wf) note(`sqrt16 ${a.toString(16)} rm=${rm}: ${got.toString(16)}/${fp.fpFlags.v}`);
      fp.fpFlags.v = 0;
      const w32 = x.xCvt(BINARY16, BINARY32, A, RNE_), wf32 = fp.fpFlags.v;
      fp.fpFlags.v = 0;
      const g32 = fp.f16ToF32(a);
      if (BigInt(g32 >>> 0) !== w32 || fp.fpFlags.v !== wf32) note(`f16ToF32 ${a.toString(16)}`);
      fp.fpFlags.v = 0;
      const g64 = bits(fp.f16ToF64(a));
      if (g64 !== x.xCvt(BINARY16, BINARY64, A, RNE_) || fp.fpFlags.v !== wf32) note(`f16ToF64 ${a.toString(16)}`);
      if (fp.class16(a) !== x.xClass(BINARY16, A)) note(`class16 ${a.toString(16)}`);
    }
    expect(bad).toEqual([]);
  });
});
