// Operand generators for the FP tests: deterministic (seeded) and biased toward the values where
// rounding and flags are hard: specials, boundaries, short significands, near-ties, cancellation.
import { BINARY16, BINARY32, BINARY64, type Format } from '../../src/fp/exact.js';

export class Rng {
  private s: number;
  constructor(seed: number) { this.s = seed >>> 0 || 1; }
  /** xorshift32 */
  u32(): number {
    let x = this.s;
    x ^= x << 13; x >>>= 0; x ^= x >>> 17; x ^= x << 5; x >>>= 0;
    this.s = x;
    return x;
  }
  int(n: number): number { return this.u32() % n; }
  bits(n: number): bigint {
    let v = 0n;
    for (let i = 0; i < n; i += 32) v = (v << 32n) | BigInt(this.u32());
    return v & ((1n << BigInt(n)) - 1n);
  }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]; }
}

const mask = (n: number): bigint => (1n << BigInt(n)) - 1n;

export function fields(f: Format, s: number, be: number, frac: bigint): bigint {
  return (BigInt(s) << BigInt(f.w - 1)) | (BigInt(be) << BigInt(f.fb)) | (frac & mask(f.fb));
}

/** Special and boundary values of a format, as bit patterns. */
export function specials(f: Format): bigint[] {
  const emax = (1 << f.eb) - 1;
  const out: bigint[] = [];
  for (const s of [0, 1]) {
    out.push(
      fields(f, s, 0, 0n), // zero
      fields(f, s, emax, 0n), // inf
      fields(f, s, emax, 1n << BigInt(f.fb - 1)), // canonical-like qNaN
      fields(f, s, emax, 1n), // sNaN
      fields(f, s, emax, mask(f.fb - 1)), // sNaN, full payload
      fields(f, s, emax, (1n << BigInt(f.fb - 1)) | 5n), // qNaN with payload
      fields(f, s, 0, 1n), // min subnormal
      fields(f, s, 0, mask(f.fb)), // max subnormal
      fields(f, s, 0, 1n << BigInt(f.fb - 1)),
      fields(f, s, 1, 0n), // min normal
      fields(f, s, 1, 1n),
      fields(f, s, emax - 1, mask(f.fb)), // max finite
      fields(f, s, emax - 1, 0n),
      fields(f, s, f.bias, 0n), // 1
      fields(f, s, f.bias, 1n), // 1 + ulp
      fields(f, s, f.bias - 1, mask(f.fb)), // 1 - ulp/2
      fields(f, s, f.bias + 1, 0n), // 2
      fields(f, s, f.bias, 1n << BigInt(f.fb - 1)), // 1.5
    );
  }
  return out;
}

/** One operand: a mix of specials, uniform bit patterns, short significands and narrow exponents. */
export function operand(r: Rng, f: Format, center = -1): bigint {
  const emax = (1 << f.eb) - 1;
  const s = r.int(2);
  const k = r.int(16);
  if (k === 0) return r.pick(specials(f));
  if (k === 1) return r.bits(f.w); // anything, NaNs included
  // exponent: near a center (so operands interact), near the extremes, or anywhere
  let be: number;
  const ek = r.int(8);
  if (center >= 0 && ek < 4) be = Math.min(emax - 1, Math.max(0, center + r.int(2 * f.fb + 8) - f.fb - 4));
  else if (ek === 4) be = r.int(f.fb + 3); // subnormal / tiny
  else if (ek === 5) be = emax - 1 - r.int(f.fb + 3); // huge
  else if (ek === 6) be = f.bias - 4 + r.int(9); // around 1
  else be = r.int(emax);
  // significand: random, short (few bits set), or all ones / near tie patterns
  let frac: bigint;
  return fields(f, s, be, significand(r, f.fb));
}

/** A random fraction field of fb bits, often structured: runs of ones or zeros at either end. */
export function significand(r: Rng, fb: number): bigint {
  const k = r.int(fb + 1);
  switch (r.int(7)) {
    case 0: return r.bits(fb) & ~mask(k); // trailing zeros
    case 1: return mask(fb) ^ (1n << BigInt(r.int(fb))); // nearly all ones
    case 2: return (1n << BigInt(r.int(fb))) | BigInt(r.int(4));
    case 3: return (mask(k) << BigInt(fb - k)) | (r.bits(fb) >> BigInt(k + 1)); // leading ones, then a zero
    default: return r.bits(fb);
  }
}

/** A finite value with exactly `n` significant bits (n <= p) and biased exponent be (clamped to normal). */
export function withBits(r: Rng, f: Format, n: number, be: number, s = r.int(2)): bigint {
  const p = f.fb + 1;
  n = Math.max(1, Math.min(n, p));
  let m = n === 1 ? 1n : (1n << BigInt(n - 1)) | (r.bits(n - 1) | 1n); // odd, exactly n bits
  m <<= BigInt(p - n);
  const e = Math.min((1 << f.eb) - 2, Math.max(1, be));
  return fields(f, s, e, m);
}

/**
 * Operands (a, b, c) for fma and mul whose exact results sit on or next to a rounding tie: the
 * product has p+1 or p+2 significant bits, and the addend is zero, a tiny tie-breaker, or exactly half
 * an ulp of the product.
 */
export function tieOperands(r: Rng, f: Format): [bigint, bigint, bigint] {
  const p = f.fb + 1;
  const k = 1 + r.int(p);
  const m = Math.max(1, p + 1 + r.int(2) - k);
  const ea = f.bias - 3 + r.int(7), eb = f.bias - 3 + r.int(7);
  const a = withBits(r, f, k, ea), b = withBits(r, f, m, eb);
  const pe = ea + eb - f.bias; // biased exponent of the product, give or take one
  let c: bigint;
  switch (r.int(5)) {
    case 0: c = fields(f, r.int(2), 0, 0n); break;
    case 1: c = withBits(r, f, 1 + r.int(3), pe - p - 2 - r.int(20)); break; // tiny tie-breaker
    case 2: c = withBits(r, f, 1, pe - p + r.int(3) - 1); break; // about half an ulp of the product
    case 3: c = withBits(r, f, 1 + r.int(p), pe - r.int(3)); break; // comparable: cancellation
    default: c = withBits(r, f, 1 + r.int(4), pe + 1 + r.int(p + 2)); break; // larger: product is the low part
  }
  return [a, b, c];
}

export function biasedExp(f: Format, v: bigint): number { return Number((v >> BigInt(f.fb)) & mask(f.eb)); }

export const FORMATS = { 64: BINARY64, 32: BINARY32, 16: BINARY16 } as const;
