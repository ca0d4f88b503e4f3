// The round-to-nearest binary32 loops of the vector unit (fmaF32Rne, binF32Rne: the semantics' kernel path
// and the translator's fast path) against the exact IEEE operations of src/fp, element by element, result
// bits and flags, on random operands and on sums built to land on and near binary32 rounding midpoints
// (where rounding to binary64 first could round twice), near the normal/subnormal boundary and at overflow.
import { describe, expect, it } from 'vitest';
import { NX, RNE, add32, fma32, fpFlags, mul32, sub32 } from '../../src/fp/fp.js';
import { binF32Rne, fmaF32Rne } from '../../src/rvv/fp.js';
import { VectorState } from '../../src/rvv/state.js';

class Rng {
  constructor(private s: number) {}
  next(): number { let s = this.s; s ^= s << 13; s ^= s >>> 17; s ^= s << 5; this.s = s; return s >>> 0; }
  int(n: number): number { return this.next() % n; }
}
const F = new Float32Array(1), W = new Int32Array(F.buffer);
const bits = (x: number): number => { F[0] = x; return W[0]; };
const val = (w: number): number => { W[0] = w; return F[0]; };

/** A binary32 with a random mantissa and sign and an exponent in [lo, hi]. */
function f32(r: Rng, lo = -20, hi = 20): number {
  const e = lo + r.int(hi - lo + 1);
  return (r.int(2) ? -1 : 1) * val(0x3f800000 | (r.next() & 0x7fffff)) * 2 ** e;
}

/** (a, b, c) with a * b + c near a binary32 midpoint (or anything, now and then). */
function operands(r: Rng): [number, number, number] {
  switch (r.int(6)) {
    case 0: return [val(r.next() | 0), val(r.next() | 0), val(r.next() | 0)];
    case 1: return [f32(r, -70, -60), f32(r, -70, -60), f32(r, -127, -124)]; // near the subnormal boundary
    case 2: return [f32(r, 60, 64), f32(r, 60, 64), f32(r, 126, 127)];       // near overflow
    case 3: {
      // c plus a product a hair away from half of c's ulp: the binary64 sum is exactly a midpoint, the
      // exact sum is not (a = (1 + j 2^-23) u/2, b = 1 - j 2^-23, so a * b = u/2 (1 - j^2 2^-46)).
      const c = f32(r), u = Math.abs(val(bits(c) + 1) - c), j = 1 + r.int(64), sg = r.int(2) ? 1 : -1;
      return [sg * Math.fround((1 + j * 2 ** -23) * u / 2), Math.fround(1 - j * 2 ** -23), c];
    }
    default: {
      const a = f32(r), b = f32(r), p = a * b;
      // A midpoint near p's size or near 1, then c so that p + c is close to it (c rounded to binary32).
      const base = Math.fround(r.int(2) ? p * (1 + r.int(8)) : 1 + r.int(64));
      const ulp = Math.abs(val(bits(base) + 1) - base);
      const m = base + ulp / 2 + (r.int(3) === 0 ? 0 : (r.int(2) ? 1 : -1) * ulp * 2 ** -(20 + r.int(40)));
      return [a, b, Math.fround(m - p)];
    }
  }
}

describe('binary32 round-to-nearest vector loops agree with the exact operations', () => {
  const v = new VectorState({ vlen: 128 });
  const x = v.i32;
  for (const [what, neg] of [['fmacc', 0], ['fnmsac', 1], ['fmsac', 2], ['fnmacc', 3]] as const) {
    it(`${what}: 200,000 elements`, () => {
      const r = new Rng(0x2545f491 + neg);
      for (let n = 0; n < 200_000; n++) {
        const [a, b, c] = operands(r);
        // vd (v1) = ±(vs1 (v2) * vs2 (v3)) ± vd, one element.
        x[4] = bits(c); x[8] = bits(a); x[12] = bits(b);
        fpFlags.v = 0;
        fmaF32Rne(v, 4, 12, 8, 0, false, false, neg, 0, 1);
        const got = [x[4], fpFlags.v];
        fpFlags.v = 0;
        const want = [fma32(bits(a), bits(b), bits(c), neg, RNE), fpFlags.v];
        if (got[0] !== want[0] || got[1] !== want[1]) expect(got, `${a} * ${b} + ${c}`).toEqual(want);
      }
    });
  }
  for (const [what, k, op] of [['add', 0, add32], ['sub', 1, sub32], ['mul', 3, mul32]] as const) {
    it(`${what}: 200,000 elements`, () => {
      const r = new Rng(0x6c078965 + k);
      for (let n = 0; n < 200_000; n++) {
        const [a, b, c] = operands(r);
        const y = k === 3 ? b : Math.fround(a * b); // sums: two binary32 numbers whose sum lands near a midpoint
        const z = k === 3 ? a : c;
        x[8] = bits(y); x[12] = bits(z);
        fpFlags.v = 0;
        binF32Rne(v, 4, 8, 12, 0, false, k, 0, 1);
        const got = [x[4], fpFlags.v];
        fpFlags.v = 0;
        const want = [op(bits(y), bits(z), RNE), fpFlags.v];
        if (got[0] !== want[0] || got[1] !== want[1]) expect(got, `${y} op ${z}`).toEqual(want);
      }
    });
  }
  it('the NX flag comes from the local accumulator', () => {
    x[4] = bits(1); x[8] = bits(1); x[12] = bits(2 ** -30);
    fpFlags.v = 0;
    binF32Rne(v, 4, 8, 12, 0, false, 0, 0, 1);
    expect(fpFlags.v).toBe(NX);
  });
});
