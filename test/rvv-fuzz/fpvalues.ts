// Operand values for the floating-point instructions: bit patterns drawn to hit the cases where
// implementations differ far more often than uniform random bits would (signed zeros, infinities, quiet and
// signaling NaNs with payloads, subnormals, the normal/subnormal and overflow boundaries, values near 1.0,
// integer-conversion boundaries, exact ties of every rounding step), plus uniform bits now and then.
//
// Everything works on bit patterns (bigint, the element's width); the few conversions from JS numbers
// truncate, which is fine for making test data.
import type { Rng } from './rng.js';

export interface FFmt {
  /** Width, exponent bits, fraction bits. */
  readonly w: number; readonly e: number; readonly m: number;
}
export const F16: FFmt = { w: 16, e: 5, m: 10 };
export const F32: FFmt = { w: 32, e: 8, m: 23 };
export const F64: FFmt = { w: 64, e: 11, m: 52 };
export const fmtOf = (w: number): FFmt => (w === 16 ? F16 : w === 32 ? F32 : F64);

const B = BigInt;
const bias = (f: FFmt): number => (1 << (f.e - 1)) - 1;
const expAll = (f: FFmt): number => (1 << f.e) - 1;
const mantMask = (f: FFmt): bigint => (1n << B(f.m)) - 1n;

/** Bits of sign s, biased exponent e, fraction m. */
export function pack(f: FFmt, s: number, e: number, m: bigint): bigint {
  return (B(s & 1) << B(f.w - 1)) | (B(e) << B(f.m)) | (m & mantMask(f));
}
const signOf = (f: FFmt, x: bigint): number => Number((x >> B(f.w - 1)) & 1n);
const expOf = (f: FFmt, x: bigint): number => Number((x >> B(f.m)) & B(expAll(f)));
const fracOf = (f: FFmt, x: bigint): bigint => x & mantMask(f);
const isNaN_ = (f: FFmt, x: bigint): boolean => expOf(f, x) === expAll(f) && fracOf(f, x) !== 0n;

const DV = new DataView(new ArrayBuffer(8));

/** The value of bits x of format f as a JS number (NaNs as NaN). */
export function toNumber(f: FFmt, x: bigint): number {
  if (f.w === 64) { DV.setBigUint64(0, x); return DV.getFloat64(0); }
  if (f.w === 32) { DV.setUint32(0, Number(x)); return DV.getFloat32(0); }
  const s = signOf(f, x) ? -1 : 1, e = expOf(f, x), m = Number(fracOf(f, x));
  if (e === 31) return m ? NaN : s * Infinity;
  return s * (e === 0 ? m * 2 ** -24 : (1024 + m) * 2 ** (e - 25));
}

/** A JS number in format f, the fraction truncated (infinity beyond the range). */
export function fromNumber(f: FFmt, x: number): bigint {
  DV.setFloat64(0, x);
  const b = DV.getBigUint64(0);
  if (f.w === 64) return b;
  const s = Number(b >> 63n), e64 = Number((b >> 52n) & 0x7ffn), m64 = b & ((1n << 52n) - 1n);
  if (e64 === 0x7ff) return m64 !== 0n ? pack(f, s, expAll(f), 1n << B(f.m - 1)) : pack(f, s, expAll(f), 0n);
  if (e64 === 0) return pack(f, s, 0, 0n);
  const e = e64 - 1023, emin = 1 - bias(f);
  if (e > bias(f)) return pack(f, s, expAll(f), 0n);
  if (e >= emin) return pack(f, s, e + bias(f), m64 >> B(52 - f.m));
  const sh = B(52 - f.m + emin - e);
  return sh > 60n ? pack(f, s, 0, 0n) : pack(f, s, 0, ((1n << 52n) | m64) >> sh);
}

/** Widen bits of narrow format n to format w exactly (NaN payloads keep their position below the quiet bit). */
export function widen(n: FFmt, w: FFmt, x: bigint): bigint {
  const s = signOf(n, x), e = expOf(n, x), m = fracOf(n, x);
  if (e === expAll(n)) return pack(w, s, expAll(w), m << B(w.m - n.m));
  if (e === 0 && m === 0n) return pack(w, s, 0, 0n);
  return fromNumber(w, toNumber(n, x));
}

/** A fraction with a few bits set (mostly near the top, sometimes the lowest: exact ties are made of these). */
function sparseFrac(r: Rng, f: FFmt): bigint {
  let m = 0n;
  const k = r.int(0, 3);
  for (let i = 0; i < k; i++) m |= 1n << B(r.chance(0.6) ? f.m - 1 - r.int(0, Math.min(f.m - 1, 6)) : r.int(0, f.m - 1));
  if (r.chance(0.2)) m |= 1n;
  return m;
}

/** A fraction at an edge: 0, 1, all ones, all ones but the last, the top bit, random. */
function edgeFrac(r: Rng, f: FFmt): bigint {
  const all = mantMask(f);
  switch (r.int(0, 6)) {
    case 0: return 0n;
    case 1: return 1n;
    case 2: return all;
    case 3: return all - 1n;
    case 4: return 1n << B(f.m - 1);
    case 5: return sparseFrac(r, f);
    default: return r.u64() & all;
  }
}

/** Uniformly random bits of the format. */
export const randomBits = (r: Rng, f: FFmt): bigint => r.u64() & ((1n << B(f.w)) - 1n);

/** A value near an integer-conversion boundary: +-2^k (+-0.5, +-1, +-1 ulp) for k of the integer widths, small halves. */
function intBoundary(r: Rng, f: FFmt): bigint {
  const s = r.int(0, 1);
  if (r.chance(0.3)) {
    // Small values and ties: 0.5, 1.5, 2.5, -0.5, 0.49..., 127.5, 255.5 ...
    const base = r.pick([0, 1, 2, 3, 127, 128, 255, 256, 32767, 32768, 65535]);
    const frac = r.pick([0, 0.5, 0.25, 0.75, 0.4999, 0.5001, 0.9999]);
    const v = base + frac;
    return fromNumber(f, s ? -v : v);
  }
  const k = r.pick([7, 8, 15, 16, 31, 32, 63, 64]);
  if (k + bias(f) >= expAll(f)) return pack(f, s, expAll(f) - 1, r.chance(0.5) ? mantMask(f) : 0n);
  const e = k + bias(f);
  switch (r.int(0, 4)) {
    case 0: return pack(f, s, e, 0n);                       // 2^k
    case 1: return pack(f, s, e - 1, mantMask(f));           // just below
    case 2: return pack(f, s, e, 1n);                        // just above
    case 3: return fromNumber(f, (s ? -1 : 1) * (2 ** k + r.pick([-1, -0.5, 0.5, 1, 2])));
    default: return pack(f, s, e - 1, sparseFrac(r, f) | 1n);
  }
}

export type Bias = 'arith' | 'toint' | 'sqrt';

/** One floating-point operand value of format f. */
export function fpValue(r: Rng, f: FFmt, biasKind: Bias = 'arith'): bigint {
  const s = r.int(0, 1), E = expAll(f), b = bias(f);
  if (biasKind === 'toint' && r.chance(0.45)) return intBoundary(r, f);
  if (biasKind === 'sqrt' && r.chance(0.3)) {
    // Exact squares and their neighbours (sqrt rounds exactly or ties never; these check the exact path).
    const x = toNumber(f, pack(f, 0, r.int(b - 8, b + 8), sparseFrac(r, f) & ~((1n << B(Math.ceil(f.m / 2))) - 1n)));
    const sq = fromNumber(f, x * x);
    return sq + B(r.pick([0, 0, 1, -1])) & ((1n << B(f.w)) - 1n);
  }
  const p = r.int(0, 99);
  if (p < 6) return pack(f, s, 0, 0n);                                                   // +-0
  if (p < 11) return pack(f, s, E, 0n);                                                  // +-inf
  if (p < 14) return pack(f, 0, E, 1n << B(f.m - 1));                                    // canonical qNaN
  if (p < 17) return pack(f, s, E, (1n << B(f.m - 1)) | (r.u64() & (mantMask(f) >> 1n))); // qNaN, payload
  if (p < 21) return pack(f, s, E, (r.u64() & (mantMask(f) >> 1n)) || 1n);               // sNaN
  if (p < 28) return pack(f, s, 0, edgeFrac(r, f) || 1n);                                // subnormal
  if (p < 32) return pack(f, s, r.int(1, 3), edgeFrac(r, f));                            // smallest normals
  if (p < 37) return pack(f, s, E - r.int(1, 3), edgeFrac(r, f));                        // largest finite
  if (p < 52) return pack(f, s, b + r.int(-2, 2), edgeFrac(r, f));                       // near 1.0
  if (p < 66) return pack(f, s, r.int(1, E - 1), sparseFrac(r, f));                      // few bits, any exponent
  if (p < 72) return fromNumber(f, (s ? -1 : 1) * (r.int(0, 40) / r.pick([1, 2, 4])));   // small integers, halves
  if (p < 78) return intBoundary(r, f);
  return randomBits(r, f);
}

/** ulp steps: x +- k in the bit pattern (crossing binades and into infinity/NaN now and then). */
const step = (f: FFmt, x: bigint, k: number): bigint => (x + B(k)) & ((1n << B(f.w)) - 1n);

/**
 * A second operand for a binary operation with first operand a: equal, negated, one ulp away, or half an
 * ulp of a (the exact sum is a tie at the format's precision); otherwise independent.
 */
export function partner(r: Rng, f: FFmt, a: bigint, op: 'add' | 'mul' | 'cmp'): bigint {
  const signBit = 1n << B(f.w - 1);
  if (op === 'mul' && r.chance(0.12)) return mulTieOperand(r, f, a);
  if (!r.chance(op === 'cmp' ? 0.55 : 0.4)) return fpValue(r, f);
  const ea = expOf(f, a), sa = signOf(f, a);
  switch (r.int(0, op === 'cmp' ? 3 : 5)) {
    case 0: return a;
    case 1: return a ^ signBit;
    case 2: return step(f, a, r.pick([1, -1]));
    case 3: return r.chance(0.5) ? pack(f, r.int(0, 1), 0, 0n) : pack(f, sa, ea, r.u64() & mantMask(f));
    default: {
      const e = ea - f.m - 1 + r.int(-1, 1);
      if (ea === 0 || ea === expAll(f) || e < 1) return fpValue(r, f);
      return pack(f, r.int(0, 1), e, r.chance(0.6) ? 0n : sparseFrac(r, f));
    }
  }
}

/** Two operands whose exact product is a tie: (1 + 2^-k)(1 + 2^-(m+1-k)) = 1 + ... + 2^-(m+1), scaled. */
export function mulTie(r: Rng, f: FFmt): [bigint, bigint] {
  const k = r.int(1, f.m);
  const a = pack(f, r.int(0, 1), bias(f) + r.int(-4, 4), 1n << B(f.m - k));
  return [a, mulTieOperand(r, f, a)];
}

/** An operand that makes the product with b a tie, when b's fraction is a single bit (else independent). */
export function mulTieOperand(r: Rng, f: FFmt, b: bigint): bigint {
  const fb = fracOf(f, b);
  if (fb === 0n || expOf(f, b) === 0 || expOf(f, b) === expAll(f)) return fpValue(r, f);
  let lowest = 0;
  while (((fb >> B(lowest)) & 1n) === 0n) lowest++;
  // b's lowest set bit weighs 2^-(m - lowest); a gets 2^-(lowest + 1) so the two multiply to 2^-(m+1).
  const k = lowest + 1;
  if (k > f.m) return fpValue(r, f);
  return pack(f, r.int(0, 1), bias(f) + r.int(-4, 4), 1n << B(f.m - k));
}

/**
 * An addend for a fused multiply-add a*b + c: mostly minus the (truncated) product or a value near it, so
 * that the sum cancels heavily or lands on a tie; otherwise independent.
 */
export function addend(r: Rng, f: FFmt, a: bigint, b: bigint): bigint {
  if (!r.chance(0.45) || isNaN_(f, a) || isNaN_(f, b)) return fpValue(r, f);
  const p = toNumber(f, a) * toNumber(f, b);
  if (!Number.isFinite(p)) return fpValue(r, f);
  const c = fromNumber(f, r.chance(0.7) ? -p : p);
  return r.chance(0.5) ? c : step(f, c, r.int(-2, 2));
}

/** An integer element of width w (two's complement bits), biased to the ends and to the float precision p. */
export function intValue(r: Rng, w: number, signed: boolean, p: number): bigint {
  const mask = (1n << B(w)) - 1n, W = B(w);
  switch (r.int(0, 9)) {
    case 0: return B(r.int(0, 20));
    case 1: return signed ? (-B(r.int(1, 20))) & mask : mask - B(r.int(0, 3));
    case 2: return r.pick([1n << (W - 1n), (1n << (W - 1n)) - 1n, ((1n << (W - 1n)) + 1n), mask]) & mask;
    case 3: case 4: {
      // Just past the float's precision: (2^p + odd) << s gives ties and near-ties when rounded to p bits.
      if (w <= p) return r.u64() & mask;
      const s = r.int(0, Math.max(0, w - p - 2));
      const top = (1n << B(p)) | B(r.int(0, 7)) | (r.u64() & ((1n << B(p)) - 1n) & (r.chance(0.5) ? 0n : -8n));
      let v = (top << B(s)) | (r.chance(0.5) ? 0n : (r.u64() & ((1n << B(s)) - 1n)));
      if (s > 0 && r.chance(0.4)) v = (top << B(s)) | (1n << B(s - 1)); // tie below the kept bits
      if (signed && r.chance(0.5)) v = -v;
      return v & mask;
    }
    case 5: {
      // Near 65504 (binary16's largest finite) and the binary16 overflow threshold.
      if (w < 17 && !(w === 16 && !signed)) return r.u64() & mask;
      const v = B(r.pick([65504, 65505, 65519, 65520, 65521, 65535, 65536, 2048, 2049, 2051, 4097]));
      return (signed && r.chance(0.4) ? -v : v) & mask;
    }
    default: return r.u64() & mask;
  }
}

/** A value of wide format W for narrowing to N: ties and near-ties at N's precision, N's range edges. */
export function narrowable(r: Rng, W: FFmt, N: FFmt, toInt: boolean): bigint {
  if (toInt) return fpValue(r, W, 'toint');
  const d = W.m - N.m, bN = bias(N), bW = bias(W), EN = expAll(N);
  const s = r.int(0, 1);
  switch (r.int(0, 9)) {
    case 0: case 1: return widen(N, W, fpValue(r, N));                 // exact
    case 2: case 3: {
      // A value of N plus tail bits: exactly half an ulp, a bit more or less, a sticky bit.
      const n = fpValue(r, N);
      if (expOf(N, n) === EN) return widen(N, W, n);
      const x = widen(N, W, n);
      const tail = r.pick([1n << B(d - 1), (1n << B(d - 1)) + 1n, (1n << B(d - 1)) - 1n, 1n, (1n << B(d)) - 1n]);
      return x | tail;
    }
    case 4: {
      // Around N's largest finite value and the overflow threshold.
      const maxN = widen(N, W, pack(N, s, EN - 1, mantMask(N)));
      return step(W, maxN | (r.chance(0.6) ? 1n << B(d - 1) : 0n), r.int(-2, 2));
    }
    case 5: {
      // Below N's normal range: N subnormals with tail bits, half of the smallest subnormal, less.
      const e = bW - bN - N.m + r.int(-3, N.m);   // from below the smallest subnormal to the smallest normal
      if (e < 1) return fpValue(r, W);
      return pack(W, s, e, r.chance(0.4) ? 0n : (r.u64() & mantMask(W)) | (r.chance(0.5) ? 1n << B(W.m - 1) : 0n));
    }
    case 6: {
      // NaNs whose payload lies only in the bits N drops, and signaling ones.
      const low = (r.u64() & ((1n << B(d)) - 1n)) || 1n;
      return pack(W, s, expAll(W), r.chance(0.5) ? low : (1n << B(W.m - 1)) | low);
    }
    case 7: return pack(W, s, bW + r.int(-bN - 2, bN + 2), r.u64() & mantMask(W));
    default: return fpValue(r, W);
  }
}

/** f[rs] contents for a .vf operand of SEW w: mostly correctly NaN-boxed, sometimes not (then it reads as the canonical NaN). */
export function boxed(r: Rng, w: number, bits: bigint): bigint {
  if (w === 64) return bits;
  const ones = ((1n << 64n) - 1n) ^ ((1n << B(w)) - 1n);
  if (!r.chance(0.08)) return ones | bits;
  switch (r.int(0, 3)) {
    case 0: return bits;                                                              // upper bits zero
    case 1: return (r.u64() & ~((1n << B(w)) - 1n) & ~(1n << 63n)) | bits;            // random upper bits
    case 2: return w === 16 ? 0xffffffff00000000n | bits : 0x7fffffff00000000n | bits; // boxed for binary32 only / almost boxed
    default: return (ones ^ (1n << B(w + r.int(0, 63 - w)))) | bits;                  // one upper bit clear
  }
}
