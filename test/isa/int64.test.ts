// The pair arithmetic of int64.ts against a BigInt reference, on random and boundary operands.
import { describe, expect, it } from 'vitest';
import {
  add64, bswap32, clz64, ctz32, ctz64, div64, divu64, fromNumber, lt64, ltu64, mul64, mulh64, mulhsu64, mulhu64,
  popcount32, popcount64, rem64, remu64, ror64, sll64, sra64, srl64, sub64, toNumber, umulh32,
} from '../../src/isa/int64.js';

const S = (v: bigint): bigint => BigInt.asIntN(64, v);
const U = (v: bigint): bigint => BigInt.asUintN(64, v);
const MIN = -(1n << 63n), MAX = (1n << 63n) - 1n;

/** Deterministic xorshift32 generator. */
function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

const SPECIAL: bigint[] = [0n, 1n, -1n, 2n, -2n, MIN, MAX, MIN + 1n, 1n << 31n, -(1n << 31n), (1n << 31n) - 1n, 1n << 32n,
  (1n << 32n) - 1n, (1n << 32n) + 1n, 1n << 52n, (1n << 52n) - 1n, 1n << 53n, (1n << 53n) + 1n, -(1n << 53n),
  (1n << 20n) << 32n, S(0xffff_ffffn << 32n), 10n, 3n, 7n, 0x5555_5555_5555_5555n, -0x5555_5555_5555_5555n];

/** A signed 64-bit value drawn from a mix of distributions that reach every fast and slow path. */
function value(r: () => number): bigint {
  const full = (BigInt(r()) << 32n) | BigInt(r());
  switch (r() % 10) {
    case 0: return S(full);
    case 1: return BigInt((r() % 81) - 40);
    case 2: return S((1n << BigInt(r() % 64)) + BigInt((r() % 7) - 3));
    case 3: return S(-(1n << BigInt(r() % 64)) + BigInt((r() % 7) - 3));
    case 4: return BigInt(r() | 0);
    case 5: return BigInt(r());
    case 6: { const v = full & ((1n << 52n) - 1n); return r() & 1 ? v : -v; }
    case 7: return SPECIAL[r() % SPECIAL.length];
    case 8: { const w = BigInt(1 + (r() % 64)); return S(full & ((1n << w) - 1n)); }
    default: return S(full);
  }
}

const lo = (v: bigint): number => Number(BigInt.asIntN(32, v));
const hi = (v: bigint): number => Number(BigInt.asIntN(32, v >> 32n));
const out = new Int32Array(4);
const got = (): bigint => (BigInt(out[1]) << 32n) | BigInt(out[0] >>> 0);

type Bin = (al: number, ah: number, bl: number, bh: number, o: Int32Array, i: number) => void;
function checkBinary(name: string, fn: Bin, ref: (a: bigint, b: bigint) => bigint, n = 60000, pairs: [bigint, bigint][] = []): void {
  it(name, () => {
    const r = rng(name.length * 7919 + name.charCodeAt(0));
    const cases: [bigint, bigint][] = [...pairs];
    for (const a of SPECIAL) for (const b of SPECIAL) cases.push([a, b]);
    for (let i = 0; i < n; i++) cases.push([value(r), value(r)]);
    for (const [a, b] of cases) {
      out[0] = 0x1234; out[1] = 0x5678;
      fn(lo(a), hi(a), lo(b), hi(b), out, 0);
      const want = S(ref(a, b));
      if (got() !== want) expect(`${name}(${a}, ${b}) = ${got()}`).toBe(`${name}(${a}, ${b}) = ${want}`);
    }
  });
}

/** Dividend/divisor pairs with remainders at both ends, near-integer quotients, and each path's boundaries. */
function divisionPairs(): [bigint, bigint][] {
  const r = rng(4242), pairs: [bigint, bigint][] = [];
  for (let i = 0; i < 40000; i++) {
    let b = U(value(r));
    if (b === 0n) b = 1n;
    if (r() % 3 === 0) b = b & ((1n << BigInt(1 + (r() % 64))) - 1n) || 1n;
    const qmax = U(-1n) / b;
    const q = qmax === 0n ? 0n : U(value(r)) % (qmax + 1n);
    const rem = [0n, b - 1n, b / 2n, 1n][r() % 4] % b;
    let a = q * b + rem;
    if (a > U(-1n)) a = q * b;
    pairs.push([S(a), S(b)]);
  }
  return pairs;
}
const DIV_PAIRS = divisionPairs();

describe('int64 multiply', () => {
  it('umulh32 is exact', () => {
    const r = rng(1);
    const edge = [0, 1, 2, 0xffff, 0x10000, 0x7fffffff, 0x80000000, 0xfffffffe, 0xffffffff];
    const cases: [number, number][] = [];
    for (const a of edge) for (const b of edge) cases.push([a, b]);
    for (let i = 0; i < 200000; i++) cases.push([r(), r()]);
    for (const [a, b] of cases) {
      const want = Number((BigInt(a) * BigInt(b)) >> 32n);
      if (umulh32(a, b) !== want) expect([a, b, umulh32(a, b)]).toEqual([a, b, want]);
    }
  });
  checkBinary('mul64', mul64, (a, b) => a * b);
  checkBinary('mulhu64', mulhu64, (a, b) => (U(a) * U(b)) >> 64n);
  checkBinary('mulh64', mulh64, (a, b) => (a * b) >> 64n);
  checkBinary('mulhsu64', mulhsu64, (a, b) => (a * U(b)) >> 64n);
});

const refDiv = (a: bigint, b: bigint): bigint => (b === 0n ? -1n : a === MIN && b === -1n ? MIN : a / b);
const refRem = (a: bigint, b: bigint): bigint => (b === 0n ? a : a === MIN && b === -1n ? 0n : a % b);
const refDivu = (a: bigint, b: bigint): bigint => (b === 0n ? -1n : U(a) / U(b));
const refRemu = (a: bigint, b: bigint): bigint => (b === 0n ? a : U(a) % U(b));

describe('int64 divide', () => {
  checkBinary('divu64', divu64, refDivu, 60000, DIV_PAIRS);
  checkBinary('remu64', remu64, refRemu, 60000, DIV_PAIRS);
  checkBinary('div64', div64, refDiv, 60000, DIV_PAIRS);
  checkBinary('rem64', rem64, refRem, 60000, DIV_PAIRS);
  it('follows the RISC-V rules for zero divisors and overflow', () => {
    const o = new Int32Array(2);
    div64(0, 0x80000000 | 0, -1, -1, o, 0); expect([o[0], o[1]]).toEqual([0, 0x80000000 | 0]);
    rem64(0, 0x80000000 | 0, -1, -1, o, 0); expect([o[0], o[1]]).toEqual([0, 0]);
    div64(5, 0, 0, 0, o, 0); expect([o[0], o[1]]).toEqual([-1, -1]);
    divu64(5, 0, 0, 0, o, 0); expect([o[0], o[1]]).toEqual([-1, -1]);
    rem64(-5, -1, 0, 0, o, 0); expect([o[0], o[1]]).toEqual([-5, -1]);
    remu64(-5, -1, 0, 0, o, 0); expect([o[0], o[1]]).toEqual([-5, -1]);
    div64(0x80000000 | 0, -1, -1, -1, o, 0); expect([o[0], o[1]]).toEqual([0x80000000 | 0, 0]); // -2^31 / -1 = 2^31
  });
  it('may write its result over an operand array', () => {
    const x = new Int32Array([100, 0, 7, 0]);
    div64(x[0], x[1], x[2], x[3], x, 0);
    expect([x[0], x[1]]).toEqual([14, 0]);
  });
});

describe('int64 add, shift, compare', () => {
  checkBinary('add64', add64, (a, b) => a + b, 20000);
  checkBinary('sub64', sub64, (a, b) => a - b, 20000);
  it('shifts and rotates by every amount', () => {
    const r = rng(99);
    const same = (what: string, a: bigint, s: number, want: bigint): void => {
      if (got() !== want) expect(`${what}(${a}, ${s}) = ${got()}`).toBe(`${what}(${a}, ${s}) = ${want}`);
    };
    for (let i = 0; i < 2000; i++) {
      const a = value(r);
      for (let s = 0; s < 64; s++) {
        const sb = BigInt(s);
        sll64(lo(a), hi(a), s, out, 0); same('sll', a, s, S(a << sb));
        srl64(lo(a), hi(a), s, out, 0); same('srl', a, s, S(U(a) >> sb));
        sra64(lo(a), hi(a), s, out, 0); same('sra', a, s, a >> sb);
        ror64(lo(a), hi(a), s, out, 0); same('ror', a, s, S((U(a) >> sb) | (U(a) << (64n - sb))));
      }
    }
  });
  it('compares signed and unsigned', () => {
    const r = rng(5);
    for (let i = 0; i < 100000; i++) {
      const a = value(r), b = r() % 8 === 0 ? a : value(r);
      if (lt64(lo(a), hi(a), lo(b), hi(b)) !== a < b) expect([a, b, 'lt']).toBe(false);
      if (ltu64(lo(a), hi(a), lo(b), hi(b)) !== U(a) < U(b)) expect([a, b, 'ltu']).toBe(false);
    }
  });
});

describe('int64 bit counts and conversions', () => {
  const refClz = (v: bigint): number => { let n = 0; for (let i = 63n; i >= 0n && ((U(v) >> i) & 1n) === 0n; i--) n++; return n; };
  const refCtz = (v: bigint): number => { let n = 0; for (let i = 0n; i < 64n && ((U(v) >> i) & 1n) === 0n; i++) n++; return n; };
  const refPop = (v: bigint): number => { let n = 0; for (let u = U(v); u; u >>= 1n) n += Number(u & 1n); return n; };
  it('clz, ctz, popcount', () => {
    expect(clz64(0, 0)).toBe(64); expect(ctz64(0, 0)).toBe(64); expect(popcount64(0, 0)).toBe(0);
    expect(ctz32(0)).toBe(32); expect(popcount32(-1)).toBe(32); expect(ctz64(0, 8)).toBe(35);
    const r = rng(77);
    for (let i = 0; i < 50000; i++) {
      const v = value(r);
      const res = [clz64(lo(v), hi(v)), ctz64(lo(v), hi(v)), popcount64(lo(v), hi(v))];
      const want = [refClz(v), refCtz(v), refPop(v)];
      if (res.join() !== want.join()) expect([v, ...res]).toEqual([v, ...want]);
    }
  });
  it('bswap32', () => {
    expect(bswap32(0x12345678) >>> 0).toBe(0x78563412);
    expect(bswap32(0x80000001) >>> 0).toBe(0x01000080);
  });
  it('number conversions', () => {
    const o = new Int32Array(2);
    for (const v of [0, 1, -1, 2 ** 32, -(2 ** 32), 2 ** 53 - 1, -(2 ** 53) + 1, 2 ** 63, -(2 ** 63), 123456789012345]) {
      fromNumber(v, o, 0);
      expect((BigInt(o[1]) << 32n) | BigInt(o[0] >>> 0)).toBe(S(BigInt(v)));
      if (Math.abs(v) < 2 ** 53) expect(toNumber(o[0], o[1])).toBe(v);
    }
  });
});
