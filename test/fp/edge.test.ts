// Hand-picked edge cases for the FP core: signed zeros, infinities, NaNs (quiet and signaling),
// subnormals, tininess after rounding, overflow by rounding mode, exact ties in every mode, and the
// float -> integer saturation table. Each case checks the result bits and the exact flags.
import { describe, expect, it } from 'vitest';
import * as fp from '../../src/fp/fp.js';
import { RNE, RTZ, RDN, RUP, RMM, NX, UF, OF, DZ, NV } from '../../src/fp/fp.js';

const B = new ArrayBuffer(8), F64 = new Float64Array(B), U64 = new BigUint64Array(B);
/** binary64 from its bit pattern */
const D = (bits: bigint): number => { U64[0] = bits; return F64[0]; };
const bitsOf = (x: number): bigint => { F64[0] = x; return U64[0]; };
const hx = (v: bigint | number): string => `0x${BigInt.asUintN(64, BigInt(v)).toString(16)}`;

const MODES = [RNE, RTZ, RDN, RUP, RMM] as const;
const MODE_NAMES = ['RNE', 'RTZ', 'RDN', 'RUP', 'RMM'];

// binary64 constants (bits)
const ONE = 0x3ff0000000000000n;
const QNAN = 0x7ff8000000000000n, SNAN = 0x7ff0000000000001n, QNAN_PAYLOAD = 0xfff8000000001234n;
const INF = 0x7ff0000000000000n, NINF = 0xfff0000000000000n;
const MAX = 0x7fefffffffffffffn, NMAX = 0xffefffffffffffffn;
const MIN_NORMAL = 0x0010000000000000n, MAX_SUB = 0x000fffffffffffffn, MIN_SUB = 1n;
const PZ = 0n, NZ = 0x8000000000000000n;
const neg = (b: bigint): bigint => b ^ NZ;

// binary32 constants (bits, as int32)
const S = (v: number): number => v | 0;
const S_ONE = 0x3f800000, S_QNAN = 0x7fc00000, S_SNAN = S(0x7f800001), S_INF = 0x7f800000, S_NINF = S(0xff800000);
const S_MAX = 0x7f7fffff, S_NMAX = S(0xff7fffff), S_MIN_NORMAL = 0x00800000, S_MIN_SUB = 1, S_NZ = S(0x80000000);

function f64(fn: () => number): [string, number] {
  fp.fpFlags.v = 0;
  const r = fn();
  return [hx(bitsOf(r)), fp.fpFlags.v];
}
function f32(fn: () => number): [string, number] {
  fp.fpFlags.v = 0;
  const r = fn();
  expect(r).toBe(r | 0); // always an int32
  return [hx(r >>> 0), fp.fpFlags.v];
}
function f16(fn: () => number): [string, number] {
  fp.fpFlags.v = 0;
  const r = fn();
  expect(r >= 0 && r <= 0xffff && Number.isInteger(r)).toBe(true);
  return [hx(r), fp.fpFlags.v];
}
function flagsOnly(fn: () => unknown): number { fp.fpFlags.v = 0; fn(); return fp.fpFlags.v; }

/** Expected [result bits, flags] per rounding mode RNE, RTZ, RDN, RUP, RMM. */
type PerMode = readonly [readonly [bigint | number, number], readonly [bigint | number, number],
  readonly [bigint | number, number], readonly [bigint | number, number], readonly [bigint | number, number]];

function perMode(run: (rm: number) => [string, number], want: PerMode): void {
  for (const rm of MODES) {
    const [bits, flags] = want[rm];
    expect(run(rm), MODE_NAMES[rm]).toEqual([hx(typeof bits === 'number' ? bits >>> 0 : bits), flags]);
  }
}
const all = (bits: bigint | number, flags: number): PerMode => [[bits, flags], [bits, flags], [bits, flags], [bits, flags], [bits, flags]];

describe('binary64 add/sub', () => {
  it('rounds an exact tie below an even result in each mode', () => {
    // 1 + 2^-53: halfway between 1 and 1 + 2^-52
    perMode((rm) => f64(() => fp.add64(1, 2 ** -53, rm)),
      [[ONE, NX], [ONE, NX], [ONE, NX], [ONE + 1n, NX], [ONE + 1n, NX]]);
    perMode((rm) => f64(() => fp.sub64(-1, 2 ** -53, rm)),
      [[neg(ONE), NX], [neg(ONE), NX], [neg(ONE + 1n), NX], [neg(ONE), NX], [neg(ONE + 1n), NX]]);
  });
  it('rounds an exact tie above an odd value in each mode', () => {
    perMode((rm) => f64(() => fp.add64(D(ONE + 1n), 2 ** -53, rm)),
      [[ONE + 2n, NX], [ONE + 1n, NX], [ONE + 1n, NX], [ONE + 2n, NX], [ONE + 2n, NX]]);
  });
  it('rounds non-ties by direction', () => {
    // 1 + 2^-54: below the halfway point
    perMode((rm) => f64(() => fp.add64(1, 2 ** -54, rm)),
      [[ONE, NX], [ONE, NX], [ONE, NX], [ONE + 1n, NX], [ONE, NX]]);
    // 1 - 2^-80 (just below 1, where the spacing halves)
    perMode((rm) => f64(() => fp.sub64(1, 2 ** -80, rm)),
      [[ONE, NX], [0x3fefffffffffffffn, NX], [0x3fefffffffffffffn, NX], [ONE, NX], [ONE, NX]]);
  });
  it('gives zero signs per IEEE, -0 only in RDN for exact cancellation', () => {
    perMode((rm) => f64(() => fp.add64(1.5, -1.5, rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
    perMode((rm) => f64(() => fp.sub64(1.5, 1.5, rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
    perMode((rm) => f64(() => fp.add64(0, -0, rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
    perMode((rm) => f64(() => fp.add64(-0, -0, rm)), all(NZ, 0));
    perMode((rm) => f64(() => fp.add64(0, 0, rm)), all(PZ, 0));
    perMode((rm) => f64(() => fp.sub64(-0, 0, rm)), all(NZ, 0));
    perMode((rm) => f64(() => fp.sub64(0, 0, rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
    perMode((rm) => f64(() => fp.add64(D(MIN_SUB), -D(MIN_SUB), rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
  });
  it('overflows to infinity or the largest finite value by mode', () => {
    perMode((rm) => f64(() => fp.add64(D(MAX), D(MAX), rm)),
      [[INF, OF | NX], [MAX, OF | NX], [MAX, OF | NX], [INF, OF | NX], [INF, OF | NX]]);
    perMode((rm) => f64(() => fp.sub64(D(NMAX), D(MAX), rm)),
      [[NINF, OF | NX], [NMAX, OF | NX], [NINF, OF | NX], [NMAX, OF | NX], [NINF, OF | NX]]);
    // MAX + half an ulp: a tie; MAX is odd so RNE overflows
    perMode((rm) => f64(() => fp.add64(D(MAX), 2 ** 970, rm)),
      [[INF, OF | NX], [MAX, NX], [MAX, NX], [INF, OF | NX], [INF, OF | NX]]);
    // MAX + less than half an ulp: no overflow except toward +inf
    perMode((rm) => f64(() => fp.add64(D(MAX), 2 ** 969, rm)),
      [[MAX, NX], [MAX, NX], [MAX, NX], [INF, OF | NX], [MAX, NX]]);
  });
  it('adds subnormals exactly', () => {
    perMode((rm) => f64(() => fp.add64(D(MIN_SUB), D(MIN_SUB), rm)), all(2n, 0));
    perMode((rm) => f64(() => fp.add64(D(MAX_SUB), D(MIN_SUB), rm)), all(MIN_NORMAL, 0));
    perMode((rm) => f64(() => fp.sub64(D(MIN_NORMAL), D(MIN_SUB), rm)), all(MAX_SUB, 0));
  });
  it('handles infinities and NaNs', () => {
    perMode((rm) => f64(() => fp.add64(Infinity, -Infinity, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.sub64(Infinity, Infinity, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.add64(Infinity, D(MAX), rm)), all(INF, 0));
    perMode((rm) => f64(() => fp.add64(D(QNAN_PAYLOAD), 1, rm)), all(QNAN, 0));
    perMode((rm) => f64(() => fp.add64(1, D(SNAN), rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.sub64(D(SNAN), D(QNAN), rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.sub64(1, D(neg(SNAN)), rm)), all(QNAN, NV));
  });
});

describe('binary64 mul', () => {
  it('underflows with tininess detected after rounding', () => {
    // (1 + 2^-52) * MAX_SUB = 2^-1022 - 2^-1126: rounds up to 2^-1022 in RNE/RUP/RMM without being
    // tiny (with an unbounded exponent it rounds to 2^-1022 as well), down to a subnormal otherwise.
    perMode((rm) => f64(() => fp.mul64(D(ONE + 1n), D(MAX_SUB), rm)),
      [[MIN_NORMAL, NX], [MAX_SUB, UF | NX], [MAX_SUB, UF | NX], [MIN_NORMAL, NX], [MIN_NORMAL, NX]]);
    // (1 - 2^-53) * 2^-1022 = 2^-1022 - 2^-1075: tiny in every mode (it is exact with 53 bits)
    perMode((rm) => f64(() => fp.mul64(1 - 2 ** -53, 2 ** -1022, rm)),
      [[MIN_NORMAL, UF | NX], [MAX_SUB, UF | NX], [MAX_SUB, UF | NX], [MIN_NORMAL, UF | NX], [MIN_NORMAL, UF | NX]]);
    // half of the smallest subnormal: a tie between 0 and MIN_SUB
    perMode((rm) => f64(() => fp.mul64(D(MIN_SUB), 0.5, rm)),
      [[PZ, UF | NX], [PZ, UF | NX], [PZ, UF | NX], [MIN_SUB, UF | NX], [MIN_SUB, UF | NX]]);
    perMode((rm) => f64(() => fp.mul64(-D(MIN_SUB), 0.25, rm)),
      [[NZ, UF | NX], [NZ, UF | NX], [neg(MIN_SUB), UF | NX], [NZ, UF | NX], [NZ, UF | NX]]);
  });
  it('produces exact subnormals without flags', () => {
    perMode((rm) => f64(() => fp.mul64(D(MIN_NORMAL), 0.5, rm)), all(0x0008000000000000n, 0));
    perMode((rm) => f64(() => fp.mul64(D(MIN_SUB), 2 ** 52, rm)), all(MIN_NORMAL, 0));
  });
  it('overflows by mode', () => {
    perMode((rm) => f64(() => fp.mul64(D(MAX), -2, rm)),
      [[NINF, OF | NX], [NMAX, OF | NX], [NINF, OF | NX], [NMAX, OF | NX], [NINF, OF | NX]]);
    perMode((rm) => f64(() => fp.mul64(2 ** 600, 2 ** 600, rm)),
      [[INF, OF | NX], [MAX, OF | NX], [MAX, OF | NX], [INF, OF | NX], [INF, OF | NX]]);
  });
  it('rounds exact product ties in each mode', () => {
    // (1 + 2^-52) * 1.5 = 1.5 + 2^-52 + 2^-53: a tie between 1.5 + 2^-52 (odd) and 1.5 + 2^-51
    const lo = 0x3ff8000000000001n, hi = 0x3ff8000000000002n;
    perMode((rm) => f64(() => fp.mul64(D(ONE + 1n), 1.5, rm)), [[hi, NX], [lo, NX], [lo, NX], [hi, NX], [hi, NX]]);
    perMode((rm) => f64(() => fp.mul64(D(ONE + 1n), -1.5, rm)),
      [[neg(hi), NX], [neg(lo), NX], [neg(hi), NX], [neg(lo), NX], [neg(hi), NX]]);
  });
  it('handles zeros, infinities and NaNs', () => {
    perMode((rm) => f64(() => fp.mul64(0, Infinity, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.mul64(-Infinity, -0, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.mul64(-0, 5, rm)), all(NZ, 0));
    perMode((rm) => f64(() => fp.mul64(-0, D(MAX), rm)), all(NZ, 0));
    perMode((rm) => f64(() => fp.mul64(-Infinity, D(MIN_SUB), rm)), all(NINF, 0));
    perMode((rm) => f64(() => fp.mul64(D(SNAN), 0, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.mul64(D(QNAN), Infinity, rm)), all(QNAN, 0));
  });
});

describe('binary64 div and sqrt', () => {
  it('rounds 1/3 by direction', () => {
    const lo = 0x3fd5555555555555n; // RN(1/3) is below 1/3
    perMode((rm) => f64(() => fp.div64(1, 3, rm)), [[lo, NX], [lo, NX], [lo, NX], [lo + 1n, NX], [lo, NX]]);
    perMode((rm) => f64(() => fp.div64(-1, 3, rm)),
      [[neg(lo), NX], [neg(lo), NX], [neg(lo + 1n), NX], [neg(lo), NX], [neg(lo), NX]]);
  });
  it('raises DZ only for finite nonzero / 0 and NV for 0/0 and inf/inf', () => {
    perMode((rm) => f64(() => fp.div64(1, 0, rm)), all(INF, DZ));
    perMode((rm) => f64(() => fp.div64(-1, 0, rm)), all(NINF, DZ));
    perMode((rm) => f64(() => fp.div64(D(MIN_SUB), -0, rm)), all(INF | NZ, DZ));
    perMode((rm) => f64(() => fp.div64(Infinity, 0, rm)), all(INF, 0));
    perMode((rm) => f64(() => fp.div64(0, 0, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.div64(-Infinity, Infinity, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.div64(1, -Infinity, rm)), all(NZ, 0));
    perMode((rm) => f64(() => fp.div64(D(SNAN), 1, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.div64(D(QNAN), 0, rm)), all(QNAN, 0));
  });
  it('divides into the subnormal range and overflows', () => {
    perMode((rm) => f64(() => fp.div64(D(MIN_NORMAL), 3, rm)),
      [[0x0005555555555555n, UF | NX], [0x0005555555555555n, UF | NX], [0x0005555555555555n, UF | NX],
        [0x0005555555555556n, UF | NX], [0x0005555555555555n, UF | NX]]);
    perMode((rm) => f64(() => fp.div64(D(MAX), 0.5, rm)),
      [[INF, OF | NX], [MAX, OF | NX], [MAX, OF | NX], [INF, OF | NX], [INF, OF | NX]]);
  });
  it('takes square roots', () => {
    const r2 = 0x3ff6a09e667f3bcdn; // RN(sqrt 2) is above sqrt 2
    perMode((rm) => f64(() => fp.sqrt64(2, rm)), [[r2, NX], [r2 - 1n, NX], [r2 - 1n, NX], [r2, NX], [r2, NX]]);
    perMode((rm) => f64(() => fp.sqrt64(4, rm)), all(0x4000000000000000n, 0));
    perMode((rm) => f64(() => fp.sqrt64(D(MIN_SUB), rm)), all(0x1e60000000000000n, 0)); // 2^-537 exactly
    perMode((rm) => f64(() => fp.sqrt64(-0, rm)), all(NZ, 0));
    perMode((rm) => f64(() => fp.sqrt64(Infinity, rm)), all(INF, 0));
    perMode((rm) => f64(() => fp.sqrt64(-Infinity, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.sqrt64(-D(MIN_SUB), rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.sqrt64(D(SNAN), rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.sqrt64(D(neg(QNAN)), rm)), all(QNAN, 0));
  });
});

describe('binary64 fma', () => {
  it('rounds once', () => {
    // (1 + 2^-52)(1 - 2^-53) - 1 = 2^-53 - 2^-105 exactly; separate rounding would give 2^-53
    perMode((rm) => f64(() => fp.fma64(D(ONE + 1n), 1 - 2 ** -53, 1, 2, rm)), all(bitsOf(2 ** -53 - 2 ** -105), 0));
  });
  it('rounds product ties, and lets a tiny addend break them', () => {
    const lo = 0x3ff8000000000001n, hi = 0x3ff8000000000002n;
    perMode((rm) => f64(() => fp.fma64(D(ONE + 1n), 1.5, 0, 0, rm)), [[hi, NX], [lo, NX], [lo, NX], [hi, NX], [hi, NX]]);
    perMode((rm) => f64(() => fp.fma64(D(ONE + 1n), 1.5, -(2 ** -200), 0, rm)), [[lo, NX], [lo, NX], [lo, NX], [hi, NX], [lo, NX]]);
    perMode((rm) => f64(() => fp.fma64(D(ONE + 1n), 1.5, 2 ** -200, 0, rm)), [[hi, NX], [lo, NX], [lo, NX], [hi, NX], [hi, NX]]);
    // an even neighbour below: 1 + 2^-53 from 1*1 + 2^-53
    perMode((rm) => f64(() => fp.fma64(1, 1, 2 ** -53, 0, rm)), [[ONE, NX], [ONE, NX], [ONE, NX], [ONE + 1n, NX], [ONE + 1n, NX]]);
  });
  it('applies the negations of fmsub, fnmsub and fnmadd, including to zero signs', () => {
    expect(f64(() => fp.fma64(2, 3, 1, 0, RNE))).toEqual([hx(bitsOf(7)), 0]);
    expect(f64(() => fp.fma64(2, 3, 1, 2, RNE))).toEqual([hx(bitsOf(5)), 0]);
    expect(f64(() => fp.fma64(2, 3, 1, 1, RNE))).toEqual([hx(bitsOf(-5)), 0]);
    expect(f64(() => fp.fma64(2, 3, 1, 3, RNE))).toEqual([hx(bitsOf(-7)), 0]);
    perMode((rm) => f64(() => fp.fma64(1, 1, -1, 0, rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
    perMode((rm) => f64(() => fp.fma64(0, 1, 0, 3, rm)), all(NZ, 0)); // -(+0) - (+0)
    perMode((rm) => f64(() => fp.fma64(-0, 1, 0, 0, rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
    perMode((rm) => f64(() => fp.fma64(0, 1, -0, 0, rm)), [[PZ, 0], [PZ, 0], [NZ, 0], [PZ, 0], [PZ, 0]]);
    perMode((rm) => f64(() => fp.fma64(D(MIN_SUB), 0.5, -0, 0, rm)),
      [[PZ, UF | NX], [PZ, UF | NX], [PZ, UF | NX], [MIN_SUB, UF | NX], [MIN_SUB, UF | NX]]);
  });
  it('raises NV for 0*inf even with a quiet NaN addend, and for inf-inf', () => {
    perMode((rm) => f64(() => fp.fma64(0, Infinity, D(QNAN), 0, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.fma64(Infinity, -0, 1, 0, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.fma64(Infinity, 1, -Infinity, 0, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.fma64(Infinity, 1, Infinity, 2, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.fma64(Infinity, 1, Infinity, 3, rm)), all(NINF, 0));
    perMode((rm) => f64(() => fp.fma64(D(QNAN), 1, 1, 0, rm)), all(QNAN, 0));
    perMode((rm) => f64(() => fp.fma64(1, 1, D(SNAN), 0, rm)), all(QNAN, NV));
    perMode((rm) => f64(() => fp.fma64(D(MAX), 2, -Infinity, 0, rm)), all(NINF, 0));
  });
  it('overflows and cancels', () => {
    perMode((rm) => f64(() => fp.fma64(D(MAX), 2, -D(MAX), 0, rm)), all(MAX, 0));
    perMode((rm) => f64(() => fp.fma64(D(MAX), 1.5, 0, 0, rm)),
      [[INF, OF | NX], [MAX, OF | NX], [MAX, OF | NX], [INF, OF | NX], [INF, OF | NX]]);
  });
});

describe('binary64 min/max, compare, classify', () => {
  it('min/max order -0 below +0 and ignore a single NaN', () => {
    expect(f64(() => fp.min64(-0, 0))).toEqual([hx(NZ), 0]);
    expect(f64(() => fp.min64(0, -0))).toEqual([hx(NZ), 0]);
    expect(f64(() => fp.max64(-0, 0))).toEqual([hx(PZ), 0]);
    expect(f64(() => fp.max64(0, -0))).toEqual([hx(PZ), 0]);
    expect(f64(() => fp.min64(D(QNAN), 1))).toEqual([hx(ONE), 0]);
    expect(f64(() => fp.max64(-1, D(QNAN)))).toEqual([hx(neg(ONE)), 0]);
    expect(f64(() => fp.min64(D(SNAN), 1))).toEqual([hx(ONE), NV]);
    expect(f64(() => fp.max64(D(QNAN_PAYLOAD), D(SNAN)))).toEqual([hx(QNAN), NV]);
    expect(f64(() => fp.min64(D(QNAN_PAYLOAD), D(QNAN_PAYLOAD)))).toEqual([hx(QNAN), 0]);
    expect(f64(() => fp.min64(-Infinity, D(MIN_SUB)))).toEqual([hx(NINF), 0]);
  });
  it('eq is quiet, lt/le signal on any NaN', () => {
    expect([fp.eq64(-0, 0), flagsOnly(() => fp.eq64(D(QNAN), 1))]).toEqual([1, 0]);
    expect(flagsOnly(() => fp.eq64(1, D(SNAN)))).toBe(NV);
    expect(flagsOnly(() => fp.lt64(D(QNAN), 1))).toBe(NV);
    expect(flagsOnly(() => fp.le64(1, D(QNAN)))).toBe(NV);
    expect([fp.lt64(-0, 0), fp.le64(-0, 0), fp.lt64(-Infinity, -D(MAX)), fp.le64(D(QNAN), D(QNAN))]).toEqual([0, 1, 1, 0]);
  });
  it('classifies', () => {
    const cases: [bigint, number][] = [
      [NINF, 1 << 0], [neg(ONE), 1 << 1], [neg(MAX_SUB), 1 << 2], [NZ, 1 << 3], [PZ, 1 << 4],
      [MIN_SUB, 1 << 5], [MIN_NORMAL, 1 << 6], [INF, 1 << 7], [SNAN, 1 << 8], [neg(SNAN), 1 << 8],
      [QNAN, 1 << 9], [QNAN_PAYLOAD, 1 << 9],
    ];
    for (const [b, m] of cases) expect(fp.class64(D(b)), hx(b)).toBe(m);
  });
});

describe('binary32 arithmetic', () => {
  it('rounds ties, overflows and underflows by mode', () => {
    // 1 + 2^-24: tie between 1 and 1 + 2^-23
    const a = S_ONE, tiny = 0x33800000; // 2^-24
    perMode((rm) => f32(() => fp.add32(a, tiny, rm)),
      [[S_ONE, NX], [S_ONE, NX], [S_ONE, NX], [S_ONE + 1, NX], [S_ONE + 1, NX]]);
    perMode((rm) => f32(() => fp.mul32(S_MAX, 0x40000000, rm)),
      [[S_INF, OF | NX], [S_MAX, OF | NX], [S_MAX, OF | NX], [S_INF, OF | NX], [S_INF, OF | NX]]);
    perMode((rm) => f32(() => fp.mul32(S_NMAX, 0x40000000, rm)),
      [[S_NINF, OF | NX], [S_NMAX, OF | NX], [S_NINF, OF | NX], [S_NMAX, OF | NX], [S_NINF, OF | NX]]);
    // (1 + 2^-23) * max subnormal = 2^-126 - 2^-172: not tiny when it rounds up to 2^-126
    perMode((rm) => f32(() => fp.mul32(0x3f800001, 0x007fffff, rm)),
      [[S_MIN_NORMAL, NX], [0x7fffff, UF | NX], [0x7fffff, UF | NX], [S_MIN_NORMAL, NX], [S_MIN_NORMAL, NX]]);
    // (1 - 2^-24) * 2^-126 = 2^-126 - 2^-150: rounds to 2^-126 in RNE but is tiny (an unbounded
    // exponent keeps it exactly), so UF is raised even though the result is the smallest normal
    perMode((rm) => f32(() => fp.mul32(0x3f7fffff, S_MIN_NORMAL, rm)),
      [[S_MIN_NORMAL, UF | NX], [0x7fffff, UF | NX], [0x7fffff, UF | NX], [S_MIN_NORMAL, UF | NX], [S_MIN_NORMAL, UF | NX]]);
    perMode((rm) => f32(() => fp.f64ToF32(2 ** -126 - 2 ** -150, rm)),
      [[S_MIN_NORMAL, UF | NX], [0x7fffff, UF | NX], [0x7fffff, UF | NX], [S_MIN_NORMAL, UF | NX], [S_MIN_NORMAL, UF | NX]]);
    perMode((rm) => f32(() => fp.f64ToF32(2 ** -126 - 2 ** -151, rm)),
      [[S_MIN_NORMAL, NX], [0x7fffff, UF | NX], [0x7fffff, UF | NX], [S_MIN_NORMAL, NX], [S_MIN_NORMAL, NX]]);
    perMode((rm) => f32(() => fp.f64ToF32(-(2 ** -126 - 2 ** -152), rm)),
      [[S_MIN_NORMAL | S_NZ, NX], [0x807fffff, UF | NX], [S_MIN_NORMAL | S_NZ, NX], [0x807fffff, UF | NX], [S_MIN_NORMAL | S_NZ, NX]]);
    perMode((rm) => f32(() => fp.mul32(S_MIN_SUB, 0x3f000000, rm)),
      [[0, UF | NX], [0, UF | NX], [0, UF | NX], [S_MIN_SUB, UF | NX], [S_MIN_SUB, UF | NX]]);
    perMode((rm) => f32(() => fp.sub32(0x3fc00000, 0x3fc00000, rm)), [[0, 0], [0, 0], [S_NZ, 0], [0, 0], [0, 0]]);
  });
  it('keeps double rounding out of add, div, sqrt and fma', () => {
    // 1 + 2^-24 + 2^-60: just above the tie; a double intermediate would make it an exact tie
    perMode((rm) => f32(() => fp.fma32(S_ONE, S_ONE, 0x33800001, 0, rm)),
      [[S_ONE + 1, NX], [S_ONE, NX], [S_ONE, NX], [S_ONE + 1, NX], [S_ONE + 1, NX]]);
    perMode((rm) => f32(() => fp.add32(0x4b800000, 0x3f800001, rm)), // 2^24 + (1 + 2^-23): above the tie
      [[0x4b800001, NX], [0x4b800000, NX], [0x4b800000, NX], [0x4b800001, NX], [0x4b800001, NX]]);
    perMode((rm) => f32(() => fp.div32(S_ONE, 0x40400000, rm)), // 1/3
      [[0x3eaaaaab, NX], [0x3eaaaaaa, NX], [0x3eaaaaaa, NX], [0x3eaaaaab, NX], [0x3eaaaaab, NX]]);
    perMode((rm) => f32(() => fp.sqrt32(0x40000000, rm)), // sqrt 2
      [[0x3fb504f3, NX], [0x3fb504f3, NX], [0x3fb504f3, NX], [0x3fb504f4, NX], [0x3fb504f3, NX]]);
  });
  it('handles specials', () => {
    perMode((rm) => f32(() => fp.add32(S_INF, S_NINF, rm)), all(S_QNAN, NV));
    perMode((rm) => f32(() => fp.add32(S_SNAN, S_ONE, rm)), all(S_QNAN, NV));
    perMode((rm) => f32(() => fp.mul32(S(0xffc01234), S_ONE, rm)), all(S_QNAN, 0));
    perMode((rm) => f32(() => fp.div32(S_ONE, S_NZ, rm)), all(S_NINF, DZ));
    perMode((rm) => f32(() => fp.div32(0, 0, rm)), all(S_QNAN, NV));
    perMode((rm) => f32(() => fp.sqrt32(S_NZ, rm)), all(S_NZ, 0));
    perMode((rm) => f32(() => fp.sqrt32(S(0xbf800000), rm)), all(S_QNAN, NV));
    perMode((rm) => f32(() => fp.fma32(0, S_INF, S_QNAN, 0, rm)), all(S_QNAN, NV));
    perMode((rm) => f32(() => fp.fma32(S_SNAN, S_ONE, S_ONE, 0, rm)), all(S_QNAN, NV));
    perMode((rm) => f32(() => fp.fma32(0, S_ONE, 0, 3, rm)), all(S_NZ, 0));
    expect(f32(() => fp.min32(S_NZ, 0))).toEqual([hx(0x80000000), 0]);
    expect(f32(() => fp.max32(S_NZ, 0))).toEqual([hx(0), 0]);
    expect(f32(() => fp.min32(S_SNAN, S_ONE))).toEqual([hx(S_ONE), NV]);
    expect(f32(() => fp.max32(S_QNAN, S(0xffc00001)))).toEqual([hx(S_QNAN), 0]);
    expect(flagsOnly(() => fp.eq32(S_SNAN, S_SNAN))).toBe(NV);
    expect(flagsOnly(() => fp.eq32(S_QNAN, S_QNAN))).toBe(0);
    expect(flagsOnly(() => fp.le32(S_QNAN, S_ONE))).toBe(NV);
    expect([fp.class32(S_SNAN), fp.class32(S_QNAN), fp.class32(S_NZ), fp.class32(0x80000001 | 0), fp.class32(S_MAX)])
      .toEqual([256, 512, 8, 4, 64]);
  });
});

describe('binary16', () => {
  const H_ONE = 0x3c00, H_MAX = 0x7bff, H_INF = 0x7c00;
  it('rounds and overflows', () => {
    // 65504 + 16 = 65520 is the tie between MAX (odd) and 2^16
    const h16 = 0x4c00; // 16
    perMode((rm) => f16(() => fp.add16(H_MAX, h16, rm)),
      [[H_INF, OF | NX], [H_MAX, NX], [H_MAX, NX], [H_INF, OF | NX], [H_INF, OF | NX]]);
    perMode((rm) => f16(() => fp.add16(H_ONE, 0x1000, rm)), // 1 + 2^-11: tie
      [[H_ONE, NX], [H_ONE, NX], [H_ONE, NX], [H_ONE + 1, NX], [H_ONE + 1, NX]]);
    perMode((rm) => f16(() => fp.mul16(0x0001, 0x3800, rm)), // min subnormal / 2
      [[0, UF | NX], [0, UF | NX], [0, UF | NX], [1, UF | NX], [1, UF | NX]]);
    perMode((rm) => f16(() => fp.div16(H_ONE, 0x4200, rm)), // 1/3
      [[0x3555, NX], [0x3555, NX], [0x3555, NX], [0x3556, NX], [0x3555, NX]]);
    perMode((rm) => f16(() => fp.sqrt16(0x7e01, rm)), all(0x7e00, 0));
    perMode((rm) => f16(() => fp.sqrt16(0x7c01, rm)), all(0x7e00, NV));
  });
  it('converts to and from binary32/64', () => {
    expect(f64(() => fp.f16ToF64(0x0001))).toEqual([hx(bitsOf(2 ** -24)), 0]);
    expect(f64(() => fp.f16ToF64(0xfc01))).toEqual([hx(QNAN), NV]);
    expect(f32(() => fp.f16ToF32(0x8000))).toEqual([hx(0x80000000), 0]);
    expect(f32(() => fp.f16ToF32(0x7e55))).toEqual([hx(S_QNAN), 0]);
    perMode((rm) => f16(() => fp.f32ToF16(S_SNAN, rm)), all(0x7e00, NV));
    perMode((rm) => f16(() => fp.f32ToF16(S_NINF, rm)), all(0xfc00, 0));
    perMode((rm) => f16(() => fp.f64ToF16(65520, rm)),
      [[H_INF, OF | NX], [H_MAX, NX], [H_MAX, NX], [H_INF, OF | NX], [H_INF, OF | NX]]);
    perMode((rm) => f16(() => fp.f64ToF16(2 ** -25 + 2 ** -60, rm)), // just above half the min subnormal
      [[1, UF | NX], [0, UF | NX], [0, UF | NX], [1, UF | NX], [1, UF | NX]]);
    perMode((rm) => f16(() => fp.f64ToF16(-(2 ** -14 - 2 ** -26), rm)), // rounds to -2^-14 unless toward zero
      [[0x8400, NX], [0x83ff, UF | NX], [0x8400, NX], [0x83ff, UF | NX], [0x8400, NX]]);
    // double rounding through binary32 would turn this into a tie: 1 + 2^-11 + 2^-40
    perMode((rm) => f16(() => fp.f64ToF16(1 + 2 ** -11 + 2 ** -40, rm)),
      [[H_ONE + 1, NX], [H_ONE, NX], [H_ONE, NX], [H_ONE + 1, NX], [H_ONE + 1, NX]]);
  });
});

describe('format conversions', () => {
  it('round to odd for the narrowing conversions (vfncvt.rod)', () => {
    const rod = (fn: () => number): [string, number] => f32(fn);
    expect(rod(() => fp.f64ToF32(1 + 2 ** -30, fp.ROD))).toEqual([hx(S_ONE + 1), NX]); // 1 is even: set the last bit
    expect(rod(() => fp.f64ToF32(1 + 2 ** -23 + 2 ** -30, fp.ROD))).toEqual([hx(S_ONE + 1), NX]); // already odd
    expect(rod(() => fp.f64ToF32(1 + 2 ** -22, fp.ROD))).toEqual([hx(S_ONE + 2), 0]); // exact stays even
    expect(rod(() => fp.f64ToF32(-D(MAX), fp.ROD))).toEqual([hx(S_NMAX >>> 0), OF | NX]);
    expect(rod(() => fp.f64ToF32(2 ** -160, fp.ROD))).toEqual([hx(S_MIN_SUB), UF | NX]);
    expect(f16(() => fp.f32ToF16(0x3f800001, fp.ROD))).toEqual([hx(0x3c01), NX]);
    expect(f16(() => fp.f64ToF16(1e10, fp.ROD))).toEqual([hx(0x7bff), OF | NX]);
  });
  it('binary64 -> binary32 rounds, overflows, underflows and quiets NaNs', () => {
    perMode((rm) => f32(() => fp.f64ToF32(1 + 2 ** -24, rm)),
      [[S_ONE, NX], [S_ONE, NX], [S_ONE, NX], [S_ONE + 1, NX], [S_ONE + 1, NX]]);
    perMode((rm) => f32(() => fp.f64ToF32(-D(MAX), rm)),
      [[S_NINF, OF | NX], [S_NMAX, OF | NX], [S_NINF, OF | NX], [S_NMAX, OF | NX], [S_NINF, OF | NX]]);
    perMode((rm) => f32(() => fp.f64ToF32(D(MIN_SUB), rm)),
      [[0, UF | NX], [0, UF | NX], [0, UF | NX], [S_MIN_SUB, UF | NX], [0, UF | NX]]);
    perMode((rm) => f32(() => fp.f64ToF32(2 ** -149, rm)), all(S_MIN_SUB, 0));
    perMode((rm) => f32(() => fp.f64ToF32(D(SNAN), rm)), all(S_QNAN, NV));
    perMode((rm) => f32(() => fp.f64ToF32(D(QNAN_PAYLOAD), rm)), all(S_QNAN, 0));
    perMode((rm) => f32(() => fp.f64ToF32(-Infinity, rm)), all(S_NINF, 0));
  });
  it('binary32 -> binary64 is exact and quiets NaNs', () => {
    expect(f64(() => fp.f32ToF64(S_MIN_SUB))).toEqual([hx(bitsOf(2 ** -149)), 0]);
    expect(f64(() => fp.f32ToF64(S_SNAN))).toEqual([hx(QNAN), NV]);
    expect(f64(() => fp.f32ToF64(S(0xffc01234)))).toEqual([hx(QNAN), 0]);
    expect(f64(() => fp.f32ToF64(S_NZ))).toEqual([hx(NZ), 0]);
  });
});

describe('float -> integer saturation (the RISC-V table)', () => {
  const out = new Int32Array(2);
  const i64 = (fn: (x: number, rm: number, o: Int32Array, i: number) => void, x: number, rm: number): [string, number] => {
    fp.fpFlags.v = 0;
    fn(x, rm, out, 0);
    return [hx((BigInt(out[1] >>> 0) << 32n) | BigInt(out[0] >>> 0)), fp.fpFlags.v];
  };
  const i32 = (fn: (x: number, rm: number) => number, x: number, rm: number): [string, number] => {
    fp.fpFlags.v = 0;
    const r = fn(x, rm);
    return [hx(BigInt.asUintN(64, BigInt(r))), fp.fpFlags.v];
  };
  const NAN = D(QNAN), SN = D(SNAN);
  it('fcvt.w: NaN and +inf give 2^31-1, -inf gives -2^31, NV only', () => {
    for (const rm of MODES) {
      expect(i32(fp.f64ToI32, NAN, rm)).toEqual([hx(0x7fffffff), NV]);
      expect(i32(fp.f64ToI32, SN, rm)).toEqual([hx(0x7fffffff), NV]);
      expect(i32(fp.f64ToI32, Infinity, rm)).toEqual([hx(0x7fffffff), NV]);
      expect(i32(fp.f64ToI32, -Infinity, rm)).toEqual([hx(0xffffffff80000000n), NV]);
      expect(i32(fp.f64ToI32, 2 ** 31, rm)).toEqual([hx(0x7fffffff), NV]);
      expect(i32(fp.f64ToI32, -(2 ** 31), rm)).toEqual([hx(0xffffffff80000000n), 0]);
      expect(i32(fp.f64ToI32, -0, rm)).toEqual([hx(0), 0]);
      expect(i32(fp.f64ToI32, 1e300, rm)).toEqual([hx(0x7fffffff), NV]);
    }
  });
  it('fcvt.w rounds before the range check', () => {
    perMode((rm) => i32(fp.f64ToI32, 2147483647.5, rm),
      [[0x7fffffff, NV], [0x7fffffff, NX], [0x7fffffff, NX], [0x7fffffff, NV], [0x7fffffff, NV]]);
    perMode((rm) => i32(fp.f64ToI32, -2147483648.5, rm),
      [[0xffffffff80000000n, NX], [0xffffffff80000000n, NX], [0xffffffff80000000n, NV],
        [0xffffffff80000000n, NX], [0xffffffff80000000n, NV]]);
    perMode((rm) => i32(fp.f64ToI32, 2.5, rm), [[2, NX], [2, NX], [2, NX], [3, NX], [3, NX]]);
    perMode((rm) => i32(fp.f64ToI32, -2.5, rm),
      [[-2, NX], [-2, NX], [-3, NX], [-2, NX], [-3, NX]].map(([v, f]) => [BigInt.asUintN(64, BigInt(v)), f] as const) as unknown as PerMode);
    perMode((rm) => i32(fp.f64ToI32, 0.5 - 2 ** -54, rm), [[0, NX], [0, NX], [0, NX], [1, NX], [0, NX]]);
    perMode((rm) => i32(fp.f64ToI32, -(0.5 - 2 ** -54), rm),
      [[0, NX], [0, NX], [0xffffffffffffffffn, NX], [0, NX], [0, NX]]);
  });
  it('fcvt.wu: negative values saturate to 0, results are sign-extended', () => {
    for (const rm of MODES) {
      expect(i32(fp.f64ToU32, NAN, rm)).toEqual([hx(0xffffffffffffffffn), NV]);
      expect(i32(fp.f64ToU32, Infinity, rm)).toEqual([hx(0xffffffffffffffffn), NV]);
      expect(i32(fp.f64ToU32, -Infinity, rm)).toEqual([hx(0), NV]);
      expect(i32(fp.f64ToU32, -1, rm)).toEqual([hx(0), NV]);
      expect(i32(fp.f64ToU32, 4294967295, rm)).toEqual([hx(0xffffffffffffffffn), 0]);
      expect(i32(fp.f64ToU32, 4294967296, rm)).toEqual([hx(0xffffffffffffffffn), NV]);
      expect(i32(fp.f64ToU32, 3e9, rm)).toEqual([hx(0xffffffffb2d05e00n), 0]);
    }
    perMode((rm) => i32(fp.f64ToU32, -0.5, rm), [[0, NX], [0, NX], [0, NV], [0, NX], [0, NV]]);
    perMode((rm) => i32(fp.f64ToU32, 4294967295.5, rm),
      [[0xffffffffffffffffn, NV], [0xffffffffffffffffn, NX], [0xffffffffffffffffn, NX],
        [0xffffffffffffffffn, NV], [0xffffffffffffffffn, NV]]);
  });
  it('fcvt.l / fcvt.lu', () => {
    for (const rm of MODES) {
      expect(i64(fp.f64ToI64, NAN, rm)).toEqual([hx(0x7fffffffffffffffn), NV]);
      expect(i64(fp.f64ToI64, Infinity, rm)).toEqual([hx(0x7fffffffffffffffn), NV]);
      expect(i64(fp.f64ToI64, -Infinity, rm)).toEqual([hx(0x8000000000000000n), NV]);
      expect(i64(fp.f64ToI64, 2 ** 63, rm)).toEqual([hx(0x7fffffffffffffffn), NV]);
      expect(i64(fp.f64ToI64, -(2 ** 63), rm)).toEqual([hx(0x8000000000000000n), 0]);
      expect(i64(fp.f64ToI64, 2 ** 63 - 1024, rm)).toEqual([hx(0x7ffffffffffffc00n), 0]);
      expect(i64(fp.f64ToI64, -123456789012.75, rm)[1]).toBe(NX);
      expect(i64(fp.f64ToU64, NAN, rm)).toEqual([hx(0xffffffffffffffffn), NV]);
      expect(i64(fp.f64ToU64, -Infinity, rm)).toEqual([hx(0), NV]);
      expect(i64(fp.f64ToU64, 2 ** 64, rm)).toEqual([hx(0xffffffffffffffffn), NV]);
      expect(i64(fp.f64ToU64, 2 ** 64 - 2048, rm)).toEqual([hx(0xfffffffffffff800n), 0]);
      expect(i64(fp.f64ToU64, -3, rm)).toEqual([hx(0), NV]);
    }
    perMode((rm) => i64(fp.f64ToI64, -123456789012.5, rm),
      [[-123456789012n, NX], [-123456789012n, NX], [-123456789013n, NX], [-123456789012n, NX], [-123456789013n, NX]]
        .map(([v, f]) => [BigInt.asUintN(64, v as bigint), f] as const) as unknown as PerMode);
    perMode((rm) => i64(fp.f64ToU64, -0.75, rm), [[0, NV], [0, NX], [0, NV], [0, NX], [0, NV]]);
    perMode((rm) => i64(fp.f32ToI64, 0x5f000000, rm), all(0x7fffffffffffffffn, NV)); // 2^63 as a single
  });
});

describe('integer -> float', () => {
  it('rounds int32/uint32 to binary32', () => {
    perMode((rm) => f32(() => fp.i32ToF32(16777217, rm)),
      [[0x4b800000, NX], [0x4b800000, NX], [0x4b800000, NX], [0x4b800001, NX], [0x4b800001, NX]]);
    perMode((rm) => f32(() => fp.i32ToF32(-16777219, rm)), // a tie toward the even -16777220
      [[0xcb800002, NX], [0xcb800001, NX], [0xcb800002, NX], [0xcb800001, NX], [0xcb800002, NX]]);
    perMode((rm) => f32(() => fp.u32ToF32(-1, rm)), // 2^32 - 1
      [[0x4f800000, NX], [0x4f7fffff, NX], [0x4f7fffff, NX], [0x4f800000, NX], [0x4f800000, NX]]);
    perMode((rm) => f32(() => fp.i32ToF32(0, rm)), all(0, 0));
  });
  it('rounds int64/uint64 to binary64 and binary32', () => {
    // 2^53 + 1
    perMode((rm) => f64(() => fp.i64ToF64(1, 0x200000, rm)),
      [[0x4340000000000000n, NX], [0x4340000000000000n, NX], [0x4340000000000000n, NX],
        [0x4340000000000001n, NX], [0x4340000000000001n, NX]]);
    // -(2^63)
    perMode((rm) => f64(() => fp.i64ToF64(0, -2147483648, rm)), all(0xc3e0000000000000n, 0));
    // 2^64 - 1
    perMode((rm) => f64(() => fp.u64ToF64(-1, -1, rm)),
      [[0x43f0000000000000n, NX], [0x43efffffffffffffn, NX], [0x43efffffffffffffn, NX],
        [0x43f0000000000000n, NX], [0x43f0000000000000n, NX]]);
    perMode((rm) => f32(() => fp.u64ToF32(-1, -1, rm)),
      [[0x5f800000, NX], [0x5f7fffff, NX], [0x5f7fffff, NX], [0x5f800000, NX], [0x5f800000, NX]]);
    // 2^60 + 2^36 + 1: just above a binary32 tie; rounding through binary64 would make it the tie
    perMode((rm) => f32(() => fp.i64ToF32(1, 0x10000010, rm)),
      [[0x5d800001, NX], [0x5d800000, NX], [0x5d800000, NX], [0x5d800001, NX], [0x5d800001, NX]]);
    perMode((rm) => f64(() => fp.i64ToF64(-1, -1, rm)), all(bitsOf(-1), 0));
  });
});

describe('signaling NaNs survive the number representation of binary64', () => {
  it('is detected after many optimized calls', () => {
    const regs = new Float64Array(2);
    const w = new Int32Array(regs.buffer);
    w[0] = 1; w[1] = 0x7ff00000; // sNaN
    let nv = 0;
    for (let i = 0; i < 200000; i++) {
      fp.fpFlags.v = 0;
      regs[1] = fp.add64(regs[0], i, RNE);
      nv += fp.fpFlags.v === NV && w[2] === 0 && w[3] === 0x7ff80000 ? 1 : 0;
    }
    expect(nv).toBe(200000);
  });
});
