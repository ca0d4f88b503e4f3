// The binary32 element loops of the vector unit (src/rvv/f32-loops.ts: the semantics' unmasked SEW 32 path
// and what the translator's fast paths call) against the exact IEEE operations of src/fp, element by
// element: result bits and flags, on random vectors of operands built to hit what the loops' shortcuts must
// leave to the exact operations (binary32 rounding midpoints, results near the normal/subnormal boundary and
// at overflow, zeros, infinities, NaNs, conversion ties and range limits), with vd aliasing a source, a
// nonzero start and every rounding mode where the loop takes one.
import { describe, expect, it } from 'vitest';
import {
  RNE, add32, f32ToI32, f32ToU32, fma32, fpFlags, i32ToF32, max32, min32, mul32, sub32, u32ToF32,
} from '../../src/fp/fp.js';
import {
  F32_LOOPS, F32_TO_I32, F32_TO_U32, I32_TO_F32, RED_MAX, RED_MIN, RED_SUM, U32_TO_F32, arithLoop, fmaLoop, minMaxLoop, warmUpF32Loops,
  type F32Arith, type F32Loop,
} from '../../src/rvv/f32-loops.js';
import { VectorState } from '../../src/rvv/state.js';

class Rng {
  constructor(private s: number) {}
  next(): number { let s = this.s; s ^= s << 13; s ^= s >>> 17; s ^= s << 5; this.s = s; return s >>> 0; }
  int(n: number): number { return this.next() % n; }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
}
const F = new Float32Array(1), W = new Int32Array(F.buffer);
const bits = (x: number): number => { F[0] = x; return W[0]; };
const val = (w: number): number => { W[0] = w; return F[0]; };

/** Special bit patterns: zeros, smallest subnormal, smallest normal, largest finite, infinities, NaNs (quiet, signaling). */
const SPECIAL = [0, 0x80000000, 1, 0x80000001, 0x00800000, 0x80800000, 0x7f7fffff, 0xff7fffff, 0x7f800000, 0xff800000, 0x7fc00000, 0x7f800001, 0xffc00001]
  .map((b) => b | 0);

/** A binary32 with a random mantissa and sign and an exponent in [lo, hi]. */
function f32(r: Rng, lo = -20, hi = 20): number {
  const e = lo + r.int(hi - lo + 1);
  return (r.int(2) ? -1 : 1) * val(0x3f800000 | (r.next() & 0x7fffff)) * 2 ** e;
}

/** (a, b, c) as bits, with a * b + c (or a + c) near a binary32 midpoint, or special, or anything. */
function triple(r: Rng): [number, number, number] {
  switch (r.int(8)) {
    case 0: return [r.next() | 0, r.next() | 0, r.next() | 0];
    case 1: return [bits(f32(r, -70, -60)), bits(f32(r, -70, -60)), bits(f32(r, -127, -124))]; // near the subnormal boundary
    case 2: return [bits(f32(r, 60, 64)), bits(f32(r, 60, 64)), bits(f32(r, 126, 127))];       // near overflow
    case 3: {
      // c plus a product a hair away from half of c's ulp: the binary64 sum is exactly a midpoint, the
      // exact sum is not (a = (1 + j 2^-23) u/2, b = 1 - j 2^-23, so a * b = u/2 (1 - j^2 2^-46)).
      const c = f32(r), u = Math.abs(val(bits(c) + 1) - c), j = 1 + r.int(64), sg = r.int(2) ? 1 : -1;
      return [bits(sg * Math.fround((1 + j * 2 ** -23) * u / 2)), bits(Math.fround(1 - j * 2 ** -23)), bits(c)];
    }
    case 4: return [r.pick(SPECIAL), r.int(2) ? r.pick(SPECIAL) : bits(f32(r)), r.int(2) ? r.pick(SPECIAL) : bits(f32(r))];
    case 5: { const a = f32(r); return [bits(a), bits(r.int(2) ? 1 : -1), bits(r.int(2) ? -a : a)]; } // exact zeros and cancellations
    default: {
      const a = f32(r), b = f32(r), p = a * b;
      // A midpoint near p's size or near 1, then c so that p + c is close to it (c rounded to binary32).
      const base = Math.fround(r.int(2) ? p * (1 + r.int(8)) : 1 + r.int(64));
      const ulp = Math.abs(val(bits(base) + 1) - base);
      const m = base + ulp / 2 + (r.int(3) === 0 ? 0 : (r.int(2) ? 1 : -1) * ulp * 2 ** -(20 + r.int(40)));
      return [bits(a), bits(b), bits(Math.fround(m - p))];
    }
  }
}

/** An operand of a conversion to an integer: ties, values near the range limits, specials, anything. */
function toIntOperand(r: Rng): number {
  switch (r.int(6)) {
    case 0: return r.next() | 0;
    case 1: return bits((r.int(2) ? -1 : 1) * (r.int(1 << 20) + 0.5));
    case 2: return bits(r.pick([2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 31 - 128, -(2 ** 31) - 256, 2 ** 32 - 256, -1, -0.5, -0.75, -0.25, 0.5, 1.5, 2.5]));
    case 3: return r.pick(SPECIAL);
    case 4: return bits(f32(r, -3, 33));
    default: return bits(f32(r, -2, 8));
  }
}

const v = new VectorState({ vlen: 512 });
const x = v.i32, PER = 16; // elements per register at SEW 32 (VLEN 512)
/** Reference and loop run on copies of the same register file; the result is the file and the flags. */
function runBoth(setup: () => void, loop: () => void, ref: () => void): [number[], number, number[], number] {
  setup(); fpFlags.v = 0; loop(); const got = [...x], gf = fpFlags.v;
  setup(); fpFlags.v = 0; ref(); const want = [...x], wf = fpFlags.v;
  return [got, gf, want, wf];
}

/** Random vd, vs2, vs1 group bases (at LMUL 2), vd sometimes the same group as a source. */
function regs(r: Rng): [number, number, number] {
  const a = 2 * PER * 2, b = 2 * PER * 4, d = r.int(4) === 0 ? a : r.int(4) === 0 ? b : 2 * PER * 6;
  return [d, a, b];
}

describe('binary32 vector loops agree with the exact operations', () => {
  it('the warm-up (run before translated code first inlines a loop) leaves the FP flags and the loops as they were', () => {
    const v = new VectorState({ vlen: 256 }), f = v.f32;
    const probe = (): number[] => {
      f.set([1, 1 + 2 ** -23, 3e38, 2 ** -130, 1, 2 ** -24, 3e38, 1], 0);
      f.set([0.5, 2 ** -24, 3e38, 0], 16); // vd, the addend
      fpFlags.v = 0;
      fmaLoop(false, false, 0)(v, 16, 0, 4, 0, RNE, 0, 4);
      return [...v.i32.subarray(16, 20), fpFlags.v];
    };
    const before = probe();
    fpFlags.v = 0b10101;
    warmUpF32Loops();
    expect(fpFlags.v).toBe(0b10101);
    warmUpF32Loops(); // once per run: the second call does nothing
    expect(fpFlags.v).toBe(0b10101);
    expect(probe()).toEqual(before);
  });

  /** Run `loop` and `ref` (per element, in element order) on 3000 random vectors; make(r) fills a triple per element. */
  function check(what: string, seed: number, loop: F32Loop, make: (r: Rng) => [number, number, number], ref: (a: number, b: number, c: number, rm: number) => number,
    opts: { rms?: number[]; vf?: boolean } = {}): void {
    it(what, () => {
      const r = new Rng(seed);
      for (let n = 0; n < 3000; n++) {
        const [dB, aB, bB] = regs(r), len = 1 + r.int(2 * PER), start = r.int(4) === 0 ? r.int(3) : 0, rm = r.pick(opts.rms ?? [RNE]);
        const ops = Array.from({ length: len }, () => make(r)), sc = opts.vf ? ops[0][0] : 0;
        const setup = (): void => {
          x.fill(0x5a5a5a5a);
          // Element i: vs1 = a (or the scalar), vs2 = b, vd = c; unless vd is a source, then it keeps that source.
          ops.forEach(([a, b, c], i) => { x[bB + i] = a; x[aB + i] = b; if (dB !== aB && dB !== bB) x[dB + i] = c; });
        };
        const [got, gf, want, wf] = runBoth(setup, () => loop(v, dB, aB, bB, sc, rm, start, len), () => {
          for (let i = start; i < len; i++) x[dB + i] = ref(x[aB + i], opts.vf ? sc : x[bB + i], x[dB + i], rm);
        });
        if (gf !== wf || got.some((g, i) => g !== want[i])) {
          const i = got.findIndex((g, k) => g !== want[k]);
          expect([got[i], gf], `${what}: element ${i - dB}, operands ${JSON.stringify(ops[i - dB] ?? ops)}, start ${start}, rm ${rm}`).toEqual([want[i], wf]);
        }
      }
    });
  }

  for (const vf of [false, true]) {
    const form = vf ? 'vf' : 'vv';
    for (const [what, neg, vdMul] of [['vfmacc', 0, false], ['vfnmsac', 1, false], ['vfmsac', 2, false], ['vfnmacc', 3, false],
      ['vfmadd', 0, true], ['vfnmsub', 1, true], ['vfmsub', 2, true], ['vfnmadd', 3, true]] as const) {
      // vfmacc: vd = ±(vs1 * vs2) ± vd; vfmadd: vd = ±(vs1 * vd) ± vs2.
      check(`${what}.${form}`, 0x2545f491 + neg * 7 + (vdMul ? 100 : 0) + (vf ? 1000 : 0), fmaLoop(vf, vdMul, neg), triple,
        (a, b, c) => (vdMul ? fma32(b, c, a, neg, RNE) : fma32(b, a, c, neg, RNE)), { vf });
    }
    const sums = (r: Rng): [number, number, number] => { const [a, b, c] = triple(r); return r.int(2) ? [bits(Math.fround(val(a) * val(b))), c, 0] : [a, b, c]; };
    for (const [op, f] of [['add', add32], ['sub', sub32], ['rsub', (a: number, b: number, rm: number) => sub32(b, a, rm)], ['mul', mul32]] as const) {
      if (op === 'rsub' && !vf) continue;
      check(`${op}.${form}`, 0x6c078965 + op.length + (vf ? 1000 : 0), arithLoop(op as F32Arith, vf), sums, (a, b) => f(a, b, RNE), { vf });
    }
    for (const max of [false, true]) {
      const zeros = (r: Rng): [number, number, number] => (r.int(4) === 0 ? [r.pick([0, 0x80000000 | 0]), r.pick([0, 0x80000000 | 0]), 0] : triple(r));
      check(`${max ? 'max' : 'min'}.${form}`, 0x1234567 + (max ? 1 : 0) + (vf ? 1000 : 0), minMaxLoop(max, vf), zeros, (a, b) => (max ? max32(a, b) : min32(a, b)), { vf });
    }
  }
  const RMS = [0, 1, 2, 3, 4];
  check('f32 -> i32', 11, F32_TO_I32, (r) => [0, toIntOperand(r), 0], (a, _b, _c, rm) => f32ToI32(a, rm), { rms: RMS });
  check('f32 -> u32', 12, F32_TO_U32, (r) => [0, toIntOperand(r), 0], (a, _b, _c, rm) => f32ToU32(a, rm), { rms: RMS });
  const intOperand = (r: Rng): [number, number, number] => [0, r.int(2) ? r.next() | 0 : r.int(1 << 26) - (1 << 25), 0];
  check('i32 -> f32', 13, I32_TO_F32, intOperand, (a, _b, _c, rm) => i32ToF32(a, rm), { rms: RMS });
  check('u32 -> f32', 14, U32_TO_F32, intOperand, (a, _b, _c, rm) => u32ToF32(a, rm), { rms: RMS });

  for (const [what, loop, fold] of [['sum', RED_SUM, (acc: number, a: number, rm: number) => add32(acc, a, rm)], ['max', RED_MAX, max32], ['min', RED_MIN, min32]] as const) {
    it(`reduction ${what}`, () => {
      const r = new Rng(0x77 + what.length);
      for (let n = 0; n < 3000; n++) {
        const len = r.int(2 * PER + 1), rm = r.int(3) === 0 ? r.int(5) : RNE, aB = 2 * PER * 4, bB = PER * 2 + r.int(2) * 8, dB = r.int(3) === 0 ? bB : PER * 12;
        // Elements: sums near midpoints (partial sums of binary32 values), specials, signed zeros.
        const els = Array.from({ length: len }, () => (r.int(8) === 0 ? r.pick(SPECIAL) : r.int(6) === 0 ? r.pick([0, 0x80000000 | 0]) : triple(r)[r.int(3)]));
        const init = r.int(5) === 0 ? r.pick(SPECIAL) : bits(f32(r));
        const setup = (): void => { x.fill(0x5a5a5a5a); x[bB] = init; els.forEach((e, i) => { x[aB + i] = e; }); };
        const [got, gf, want, wf] = runBoth(setup, () => loop(v, dB, aB, bB, 0, rm, 0, len), () => {
          let acc = x[bB];
          for (let i = 0; i < len; i++) acc = fold(acc, x[aB + i], rm);
          x[dB] = acc;
        });
        if (gf !== wf || got.some((g, i) => g !== want[i])) expect([got[dB], gf], `${what} of ${JSON.stringify(els)} from ${init}, rm ${rm}`).toEqual([want[dB], wf]);
      }
    });
  }

  it('every loop is tested here, and named after its function', () => {
    for (const [name, l] of Object.entries(F32_LOOPS)) expect(l.name).toBe(name);
    expect(Object.keys(F32_LOOPS).length).toBe(16 + 8 + 4 + 4 + 3);
  });
});
