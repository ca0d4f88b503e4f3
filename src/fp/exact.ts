// Exact IEEE-754 arithmetic on bit patterns held in BigInt: every operation computes the exact result
// (or enough bits of it plus a sticky bit) and rounds once. Slow but simple; it is the slow path of the
// binary64 operations in fp.ts and the reference the fast paths are tested against. Behaviour follows
// RISC-V: canonical NaN results, tininess detected after rounding, NV for fma(0, inf, qNaN).
import { RNE, RTZ, RDN, RUP, RMM, ROD, NX, UF, OF, DZ, NV, fpFlags } from './consts.js';

export interface Format {
  readonly name: string;
  /** Total width in bits. */
  readonly w: number;
  /** Fraction (stored significand) bits; precision p = fb + 1. */
  readonly fb: number;
  readonly eb: number;
  readonly bias: number;
}

export const BINARY64: Format = { name: 'binary64', w: 64, fb: 52, eb: 11, bias: 1023 };
export const BINARY32: Format = { name: 'binary32', w: 32, fb: 23, eb: 8, bias: 127 };
export const BINARY16: Format = { name: 'binary16', w: 16, fb: 10, eb: 5, bias: 15 };

const enum Kind { Zero, Finite, Inf, QNaN, SNaN }

/** A decoded operand: value = (-1)^s · m · 2^e for finite values. */
interface Val { k: Kind; s: number; m: bigint; e: number }

const one = 1n;

function bitLen(m: bigint): number { return m === 0n ? 0 : m.toString(2).length; }

function unpack(f: Format, a: bigint): Val {
  const fracMask = (one << BigInt(f.fb)) - one;
  const expMask = (1 << f.eb) - 1;
  const s = Number((a >> BigInt(f.w - 1)) & one);
  const be = Number((a >> BigInt(f.fb)) & BigInt(expMask));
  const fr = a & fracMask;
  if (be === expMask) {
    if (fr === 0n) return { k: Kind.Inf, s, m: 0n, e: 0 };
    return { k: (fr >> BigInt(f.fb - 1)) & one ? Kind.QNaN : Kind.SNaN, s, m: 0n, e: 0 };
  }
  if (be === 0) {
    if (fr === 0n) return { k: Kind.Zero, s, m: 0n, e: 0 };
    return { k: Kind.Finite, s, m: fr, e: 1 - f.bias - f.fb };
  }
  return { k: Kind.Finite, s, m: fr | (one << BigInt(f.fb)), e: be - f.bias - f.fb };
}

const signBit = (f: Format, s: number): bigint => (s ? one << BigInt(f.w - 1) : 0n);
export const canonicalNaN = (f: Format): bigint =>
  (((one << BigInt(f.eb)) - one) << BigInt(f.fb)) | (one << BigInt(f.fb - 1));
const inf = (f: Format, s: number): bigint => signBit(f, s) | (((one << BigInt(f.eb)) - one) << BigInt(f.fb));
const maxFinite = (f: Format, s: number): bigint => inf(f, s) - one;
const zero = (f: Format, s: number): bigint => signBit(f, s);

const isNaN = (v: Val): boolean => v.k === Kind.QNaN || v.k === Kind.SNaN;

/**
 * Rounds the magnitude m (an integer) to a multiple of 2^sh. Returns the quotient after rounding and
 * whether anything was discarded.
 */
function roundInt(m: bigint, sh: number, s: number, rm: number): [bigint, boolean] {
  if (sh <= 0) return [m << BigInt(-sh), false];
  const bs = BigInt(sh);
  let q = m >> bs;
  const rem = m & ((one << bs) - one);
  if (rem === 0n) return [q, false];
  const half = one << (bs - one);
  let up: boolean;
  switch (rm) {
    case RNE: up = rem > half || (rem === half && (q & one) === one); break;
    case RMM: up = rem >= half; break;
    case RTZ: up = false; break;
    case RDN: up = s === 1; break;
    case RUP: up = s === 0; break;
    case ROD: up = (q & one) === 0n; break;
    default: throw new RangeError(`bad rounding mode ${rm}`);
  }
  if (up) q += one;
  return [q, true];
}

/**
 * Rounds the exact value (-1)^s · m · 2^e (m > 0) to format f, raising NX/UF/OF. Callers that only know
 * a prefix of the value append a sticky 1 bit far enough below the rounding position (at least two bits).
 */
export function roundPack(f: Format, s: number, m: bigint, e: number, rm: number): bigint {
  if (m === 0n) return zero(f, s);
  const p = f.fb + 1;
  const emin = 1 - f.bias, emax = f.bias;
  const top = e + bitLen(m) - 1;
  // Tininess after rounding: round to p bits with an unbounded exponent range.
  let tiny = false;
  if (top < emin) {
    const [qU] = roundInt(m, top - (p - 1) - e, s, rm);
    const topU = top - (p - 1) + bitLen(qU) - 1;
    tiny = topU < emin;
  }
  let lsb = Math.max(top, emin) - (p - 1);
  let [q, inexact] = roundInt(m, lsb - e, s, rm);
  if (bitLen(q) > p) { q >>= one; lsb++; } // carried into a new binade: q was exactly 2^p
  if (q !== 0n && lsb + bitLen(q) - 1 > emax) {
    fpFlags.v |= OF | NX;
    const toInf = rm === RNE || rm === RMM || (rm === RUP && s === 0) || (rm === RDN && s === 1);
    return toInf ? inf(f, s) : maxFinite(f, s);
  }
  if (inexact) fpFlags.v |= tiny ? NX | UF : NX;
  if (q === 0n) return zero(f, s);
  const hidden = one << BigInt(f.fb);
  if (q >= hidden) return signBit(f, s) | (BigInt(lsb + f.fb + f.bias) << BigInt(f.fb)) | (q - hidden);
  return signBit(f, s) | q; // subnormal: lsb is emin - fb
}

/** NaN handling shared by the arithmetic operations: NV for any signaling input, canonical result. */
function nanResult(f: Format, ...vs: Val[]): bigint {
  if (vs.some((v) => v.k === Kind.SNaN)) fpFlags.v |= NV;
  return canonicalNaN(f);
}

function invalid(f: Format): bigint { fpFlags.v |= NV; return canonicalNaN(f); }

/** Exact sum of two finite values (either may be zero), rounded. */
function sumFinite(f: Format, x: Val, y: Val, rm: number): bigint {
  if (x.k === Kind.Zero && y.k === Kind.Zero) return zero(f, x.s === y.s ? x.s : rm === RDN ? 1 : 0);
  const e = Math.min(x.k === Kind.Zero ? Infinity : x.e, y.k === Kind.Zero ? Infinity : y.e);
  const xs = x.k === Kind.Zero ? 0n : (x.s ? -x.m : x.m) << BigInt(x.e - e);
  const ys = y.k === Kind.Zero ? 0n : (y.s ? -y.m : y.m) << BigInt(y.e - e);
  const t = xs + ys;
  if (t === 0n) return zero(f, rm === RDN ? 1 : 0);
  return t < 0n ? roundPack(f, 1, -t, e, rm) : roundPack(f, 0, t, e, rm);
}

export function xAdd(f: Format, a: bigint, b: bigint, rm: number, negB = false): bigint {
  const x = unpack(f, a), y = unpack(f, b);
  if (isNaN(x) || isNaN(y)) return nanResult(f, x, y);
  if (negB) y.s ^= 1;
  if (x.k === Kind.Inf || y.k === Kind.Inf) {
    if (x.k === Kind.Inf && y.k === Kind.Inf && x.s !== y.s) return invalid(f);
    return inf(f, x.k === Kind.Inf ? x.s : y.s);
  }
  return sumFinite(f, x, y, rm);
}

export function xSub(f: Format, a: bigint, b: bigint, rm: number): bigint { return xAdd(f, a, b, rm, true); }

export function xMul(f: Format, a: bigint, b: bigint, rm: number): bigint {
  const x = unpack(f, a), y = unpack(f, b);
  if (isNaN(x) || isNaN(y)) return nanResult(f, x, y);
  const s = x.s ^ y.s;
  if (x.k === Kind.Inf || y.k === Kind.Inf) {
    if (x.k === Kind.Zero || y.k === Kind.Zero) return invalid(f);
    return inf(f, s);
  }
  if (x.k === Kind.Zero || y.k === Kind.Zero) return zero(f, s);
  return roundPack(f, s, x.m * y.m, x.e + y.e, rm);
}

export function xDiv(f: Format, a: bigint, b: bigint, rm: number): bigint {
  const x = unpack(f, a), y = unpack(f, b);
  if (isNaN(x) || isNaN(y)) return nanResult(f, x, y);
  const s = x.s ^ y.s;
  if (x.k === Kind.Inf) return y.k === Kind.Inf ? invalid(f) : inf(f, s);
  if (y.k === Kind.Inf) return zero(f, s);
  if (y.k === Kind.Zero) {
    if (x.k === Kind.Zero) return invalid(f);
    fpFlags.v |= DZ;
    return inf(f, s);
  }
  if (x.k === Kind.Zero) return zero(f, s);
  // Quotient with at least p + 3 bits, then a sticky bit for the remainder.
  const k = Math.max(0, f.fb + 4 + bitLen(y.m) - bitLen(x.m));
  const num = x.m << BigInt(k);
  const q = num / y.m, r = num % y.m;
  return roundPack(f, s, (q << one) | (r === 0n ? 0n : one), x.e - y.e - k - 1, rm);
}

function isqrt(n: bigint): bigint {
  if (n < 2n) return n;
  // Newton's iteration decreases monotonically to floor(sqrt(n)) from any start above it.
  let x = BigInt(Math.ceil(Math.sqrt(Number(n)) * (1 + 2 ** -40))) + 2n;
  for (;;) {
    const y = (x + n / x) >> one;
    if (y >= x) break;
    x = y;
  }
  while (x * x > n) x--;
  while ((x + one) * (x + one) <= n) x++;
  return x;
}

export function xSqrt(f: Format, a: bigint, rm: number): bigint {
  const x = unpack(f, a);
  if (isNaN(x)) return nanResult(f, x);
  if (x.k === Kind.Zero) return zero(f, x.s);
  if (x.s === 1) return invalid(f);
  if (x.k === Kind.Inf) return inf(f, 0);
  // Make the exponent even and give the root at least p + 3 bits.
  let m = x.m, e = x.e;
  const want = 2 * (f.fb + 4);
  let sh = Math.max(0, want - bitLen(m));
  if ((e - sh) % 2 !== 0) sh++;
  m <<= BigInt(sh); e -= sh;
  const r = isqrt(m);
  const sticky = r * r === m ? 0n : one;
  return roundPack(f, 0, (r << one) | sticky, e / 2 - 1, rm);
}

/**
 * Fused multiply-add: (±a·b) ± c with one rounding. neg bit 0 negates the product, bit 1 the addend,
 * so fmadd/fmsub/fnmsub/fnmadd are neg = 0/2/1/3.
 */
export function xFma(f: Format, a: bigint, b: bigint, c: bigint, neg: number, rm: number): bigint {
  const x = unpack(f, a), y = unpack(f, b), z = unpack(f, c);
  const infTimesZero = (x.k === Kind.Inf && y.k === Kind.Zero) || (x.k === Kind.Zero && y.k === Kind.Inf);
  if (isNaN(x) || isNaN(y) || isNaN(z)) {
    if (infTimesZero) fpFlags.v |= NV;
    return nanResult(f, x, y, z);
  }
  if (infTimesZero) return invalid(f);
  const ps = x.s ^ y.s ^ (neg & 1);
  const zs = z.s ^ ((neg >> 1) & 1);
  if (x.k === Kind.Inf || y.k === Kind.Inf) {
    if (z.k === Kind.Inf && zs !== ps) return invalid(f);
    return inf(f, ps);
  }
  if (z.k === Kind.Inf) return inf(f, zs);
  const prod: Val = x.k === Kind.Zero || y.k === Kind.Zero
    ? { k: Kind.Zero, s: ps, m: 0n, e: 0 }
    : { k: Kind.Finite, s: ps, m: x.m * y.m, e: x.e + y.e };
  return sumFinite(f, prod, { k: z.k, s: zs, m: z.m, e: z.e }, rm);
}

/** Format conversion (widening is exact; narrowing rounds). */
export function xCvt(from: Format, to: Format, a: bigint, rm: number): bigint {
  const x = unpack(from, a);
  if (isNaN(x)) return nanResult(to, x);
  if (x.k === Kind.Inf) return inf(to, x.s);
  if (x.k === Kind.Zero) return zero(to, x.s);
  return roundPack(to, x.s, x.m, x.e, rm);
}

/**
 * Float to integer of `bits` bits with the RISC-V saturation rules: NaN gives the largest value, out of
 * range gives the nearest bound; both raise NV (and not NX). In-range inexact results raise NX.
 * Returns the integer value (negative for signed negative results).
 */
export function xToInt(f: Format, a: bigint, rm: number, bits: number, signed: boolean): bigint {
  const x = unpack(f, a);
  const max = signed ? (one << BigInt(bits - 1)) - one : (one << BigInt(bits)) - one;
  const min = signed ? -(one << BigInt(bits - 1)) : 0n;
  if (isNaN(x)) { fpFlags.v |= NV; return max; }
  if (x.k === Kind.Inf) { fpFlags.v |= NV; return x.s ? min : max; }
  if (x.k === Kind.Zero) return 0n;
  const [q, inexact] = x.e >= 0 ? [x.m << BigInt(x.e), false] : roundInt(x.m, -x.e, x.s, rm);
  const v = x.s ? -q : q;
  if (v < min || v > max) { fpFlags.v |= NV; return x.s ? min : max; }
  if (inexact) fpFlags.v |= NX;
  return v;
}

/** Integer (any size, as BigInt) to float, rounded. */
export function xFromInt(f: Format, v: bigint, rm: number): bigint {
  if (v === 0n) return 0n;
  return v < 0n ? roundPack(f, 1, -v, 0, rm) : roundPack(f, 0, v, 0, rm);
}

/** Compares two values: -1, 0, 1, or 2 for unordered. */
function cmp(x: Val, y: Val): number {
  if (isNaN(x) || isNaN(y)) return 2;
  const key = (v: Val): [number, bigint, number] => {
    if (v.k === Kind.Zero) return [0, 0n, 0];
    const sg = v.s ? -1 : 1;
    return [sg, v.m, v.k === Kind.Inf ? Infinity : v.e];
  };
  const [sx, mx, ex] = key(x), [sy, my, ey] = key(y);
  if (sx !== sy) return sx < sy ? -1 : 1;
  if (sx === 0) return 0;
  let c: number;
  if (ex === Infinity || ey === Infinity) c = ex === ey ? 0 : ex < ey ? -1 : 1;
  else {
    const e = Math.min(ex, ey);
    const X = mx << BigInt(ex - e), Y = my << BigInt(ey - e);
    c = X === Y ? 0 : X < Y ? -1 : 1;
  }
  return sx * c;
}

export function xEq(f: Format, a: bigint, b: bigint): number {
  const x = unpack(f, a), y = unpack(f, b);
  if (x.k === Kind.SNaN || y.k === Kind.SNaN) fpFlags.v |= NV;
  return cmp(x, y) === 0 ? 1 : 0;
}
export function xLt(f: Format, a: bigint, b: bigint): number {
  const x = unpack(f, a), y = unpack(f, b);
  if (isNaN(x) || isNaN(y)) { fpFlags.v |= NV; return 0; }
  return cmp(x, y) < 0 ? 1 : 0;
}
export function xLe(f: Format, a: bigint, b: bigint): number {
  const x = unpack(f, a), y = unpack(f, b);
  if (isNaN(x) || isNaN(y)) { fpFlags.v |= NV; return 0; }
  return cmp(x, y) <= 0 ? 1 : 0;
}

/** fmin/fmax of the ratified F extension (2.2): -0 < +0, a single NaN operand is ignored. */
export function xMinMax(f: Format, a: bigint, b: bigint, max: boolean): bigint {
  const x = unpack(f, a), y = unpack(f, b);
  if (x.k === Kind.SNaN || y.k === Kind.SNaN) fpFlags.v |= NV;
  if (isNaN(x) && isNaN(y)) return canonicalNaN(f);
  if (isNaN(x)) return b;
  if (isNaN(y)) return a;
  let c = cmp(x, y);
  if (c === 0 && x.k === Kind.Zero && y.k === Kind.Zero) c = x.s === y.s ? 0 : x.s ? -1 : 1;
  return (max ? c >= 0 : c <= 0) ? a : b;
}

/** The 10-bit fclass mask. */
export function xClass(f: Format, a: bigint): number {
  const x = unpack(f, a);
  switch (x.k) {
    case Kind.Inf: return x.s ? 1 << 0 : 1 << 7;
    case Kind.Zero: return x.s ? 1 << 3 : 1 << 4;
    case Kind.SNaN: return 1 << 8;
    case Kind.QNaN: return 1 << 9;
    default: {
      const sub = bitLen(x.m) <= f.fb;
      return x.s ? (sub ? 1 << 2 : 1 << 1) : (sub ? 1 << 5 : 1 << 6);
    }
  }
}
