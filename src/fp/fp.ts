// Exact IEEE-754 binary64 / binary32 / binary16 arithmetic with RISC-V semantics, for the scalar F/D
// instructions and the vector unit.
//
// Semantics (RISC-V, matching SoftFloat's RISC-V specialisation): every result is correctly rounded in
// the requested mode; tininess is detected after rounding and UF is raised only for tiny inexact
// results; OF implies NX; NaN results are always the canonical NaN (payloads never propagate); NV is
// raised for signaling NaN inputs of arithmetic, conversions and comparisons as the ISA says, and for
// inf-inf, 0*inf, 0/0, inf/inf, sqrt(<0) and fma(0, inf, c) even when c is a quiet NaN; DZ for
// finite-nonzero / 0.
//
// Values:
//   binary64  JS numbers. V8 keeps a double's bits (signaling NaNs included) through Float64Array loads
//             and stores, argument passing and returns; only arithmetic quiets a NaN, and the operations
//             look at a NaN's bits before doing any. Returned NaNs are CANON64, whose bits
//             (0x7ff8000000000000) survive a store to a Float64Array.
//   binary32  raw bit patterns as int32 (a signaling NaN does not survive a float32 -> number
//             conversion on x86, so singles never cross the API as numbers).
//   binary16  raw bit patterns in the low 16 bits (0..0xffff).
//   64-bit integers go in as (lo, hi) int32 words and come out into out[o] (lo) / out[o + 1] (hi) of an
//   Int32Array (a register file works), as in src/isa/int64.ts.
//
// Flags: operations OR NX/UF/OF/DZ/NV into fpFlags.v and never clear it:
//     fpFlags.v = 0; r = add64(a, b, rm); h.fflags |= fpFlags.v;
// Rounding mode rm: RNE=0 RTZ=1 RDN=2 RUP=3 RMM=4 (callers reject the reserved values); the narrowing
// conversions f64ToF32, f64ToF16 and f32ToF16 also take ROD=5, round to odd (vfncvt.rod.f.f.w).
//
// API (rm = rounding mode; neg for fma: bit 0 negates the product, bit 1 the addend):
//   add64 sub64 mul64 div64 (a, b, rm): number      sqrt64(a, rm)   fma64(a, b, c, neg, rm)
//   fma64v(v, d, i, j, k, neg, rm): v[d] = fma(v[i], v[j], v[k]) on a Float64Array (the allocation-free form)
//   add32 sub32 mul32 div32 (a, b, rm): bits        sqrt32(a, rm)   fma32(a, b, c, neg, rm)
//   add16 sub16 mul16 div16 (a, b, rm): bits        sqrt16(a, rm)   fma16(a, b, c, neg, rm)
//   min64/max64 (a, b): number   min32/max32, min16/max16 (a, b): bits   (IEEE 754-2019 minimumNumber)
//   eq64/lt64/le64, eq32/lt32/le32, eq16/lt16/le16 (a, b): 0 | 1   (eq quiet, lt/le signaling)
//   class64(a) class32(a) class16(a): the 10-bit fclass mask
//   f32ToF64(a) f16ToF64(a): number   f16ToF32(a): bits   (exact)
//   f64ToF32(x, rm) f64ToF16(x, rm) f32ToF16(a, rm): bits   (f64ToF16 rounds once; any double, e.g. an
//        integer value, can be rounded to binary32/16 this way)
//   f64ToI32/f64ToU32 (x, rm), f32ToI32/f32ToU32 (a, rm): int32 (unsigned results as their bit pattern)
//   f64ToI64/f64ToU64 (x, rm, out, o), f32ToI64/f32ToU64 (a, rm, out, o)
//   f64ToInt(x, rm, min, max): number — saturating conversion to any integer range within ±2^53
//   i32ToF32/u32ToF32 (v, rm), i64ToF32/u64ToF32 (lo, hi, rm): bits
//   i64ToF64/u64ToF64 (lo, hi, rm): number      (int32/uint32 -> binary64 is exact: just v or v >>> 0)
//   f32Value(a) f16Value(a): the value as a number (NaNs quieted; for use after NaN checks, or with
//        f64ToInt, which treats every NaN alike)   f16Bits32(a): binary16 bits -> binary32 bits (exact)
//   isSnan64(x) isSnan32(a) isSnan16(a)
//
// How: the common case (normal operands and results) runs on doubles only. For binary64 the hardware's
// round-to-nearest result plus its exact error from error-free transformations (TwoSum, Dekker's
// product) gives the flags and the directed roundings; operations outside the safe exponent range
// (overflow, subnormals, huge operands) go to the BigInt implementation in exact.ts. binary32/16
// results are computed in binary64 -- exactly for +, -, *, made round-to-odd when a sum is inexact (so
// that rounding again to 24 or 11 bits is correct in every mode; see divSm for / and sqrt) -- then
// rounded with integer-exact double arithmetic; no BigInt.
// Nothing allocates outside the BigInt slow path: V8 boxes a double passed to or returned from a call
// it does not inline, so internal helpers that are too large to inline take bit patterns, indices or
// a scratch slot instead of doubles (fma64v is the array form of fma64 for the same reason).
import { RNE, RTZ, RDN, RUP, RMM, ROD, NX, UF, OF, DZ, NV, fpFlags, CANON32, CANON16 } from './consts.js';
import { BINARY64, xAdd, xMul, xDiv, xSqrt, xFma } from './exact.js';

export { RNE, RTZ, RDN, RUP, RMM, ROD, NX, UF, OF, DZ, NV, fpFlags, CANON32, CANON16 };

// Scratch views for reinterpreting bits (little-endian: word 0 is the low word).
const SB = new ArrayBuffer(8);
const SF64 = new Float64Array(SB);
const SF32 = new Float32Array(SB);
const SI32 = new Int32Array(SB);
const SU64 = new BigUint64Array(SB);

/** 2^k for k in [-1074, 1023], exact. */
const P2 = new Float64Array(2200);
{
  let v = 1;
  for (let k = 0; k <= 1023; k++) { P2[k + 1100] = v; v *= 2; }
  v = 1;
  for (let k = 0; k >= -1074; k--) { P2[k + 1100] = v; v /= 2; }
}
const pow2 = (k: number): number => P2[k + 1100];

const TWO32 = 4294967296;
const TWO63 = 2 ** 63;
const TWO64 = 2 ** 64;
const TWO1023 = 2 ** 1023;
const TWO1022 = 2 ** 1022;
const TWO1000 = 2 ** 1000;
const TWO995 = 2 ** 995;
const TWOM960 = 2 ** -960;
const TWOM1021 = 2 ** -1021;
const TWOM53 = 2 ** -53;
const TWOM55 = 2 ** -55;
const TWOM126 = 2 ** -126;
const TWO128 = 2 ** 128;
const TWO16 = 65536;
const SPLIT = 134217729; // 2^27 + 1, Veltkamp's splitter for binary64

/** The canonical binary64 NaN (bits 0x7ff8000000000000). */
export const CANON64: number = (() => { SI32[0] = 0; SI32[1] = 0x7ff80000; return SF64[0]; })();

const F32 = 0, F16 = 1;

// ------------------------------------------------------------------------------------------ helpers

export function isSnan64(x: number): boolean {
  SF64[0] = x;
  return x !== x && (SI32[1] & 0x7ff80000) === 0x7ff00000;
}
export const isSnan32 = (a: number): boolean => (a & 0x7fc00000) === 0x7f800000 && (a & 0x3fffff) !== 0;
export const isSnan16 = (a: number): boolean => (a & 0x7e00) === 0x7c00 && (a & 0x1ff) !== 0;
const isSnanSm = (a: number, fm: number): boolean => (fm === F32 ? isSnan32(a) : isSnan16(a));

const big64 = (x: number): bigint => { SF64[0] = x; return SU64[0]; };
const num64 = (v: bigint): number => { SU64[0] = v; return SF64[0]; };

/** The binary32 bit pattern a as a number (exact; NaNs come out quiet). */
function f32v(a: number): number { SI32[0] = a; return SF32[0]; }
export { f32v as f32Value };
/** binary16 bits to the binary32 bits of the same value (exact; NaN payloads are kept). */
export function f16Bits32(a: number): number {
  const s = (a & 0x8000) << 16, e = (a >>> 10) & 0x1f, f = a & 0x3ff;
  if (e === 0x1f) return s | 0x7f800000 | (f << 13);
  if (e !== 0) return s | ((e + 112) << 23) | (f << 13);
  if (f === 0) return s;
  const sh = Math.clz32(f) - 21; // normalise the subnormal significand to 1.f
  return s | ((113 - sh) << 23) | (((f << sh) & 0x3ff) << 13);
}
/** The binary16 bit pattern a as a number (exact; NaNs come out quiet). */
export function f16Value(a: number): number { SI32[0] = f16Bits32(a); return SF32[0]; }

/** The neighbour of the nonzero finite double r one step away from zero (away) or toward it. */
function step64(r: number, away: boolean): number {
  SF64[0] = r;
  const lo = SI32[0], hi = SI32[1];
  if (away) { const l = (lo + 1) | 0; SI32[0] = l; if (l === 0) SI32[1] = hi + 1; }
  else { SI32[0] = (lo - 1) | 0; if (lo === 0) SI32[1] = hi - 1; }
  return SF64[0];
}

/**
 * Rounds x = r + z + zz (exactly) to binary64 in mode rm, where r is a double with
 * 2^-1021 <= |r| < 2^1023, z != 0, |zz| <= ulp(z)/2, and |z + zz| is at most the gap from r to its
 * neighbour on z's side. Raises NX unless x is that neighbour exactly.
 */
function finish64(r: number, z: number, zz: number, rm: number): number {
  SF64[0] = r;
  const lo = SI32[0], hi = SI32[1];
  const away = (z > 0) === (r > 0);
  let gap = pow2(((hi >>> 20) & 0x7ff) - 1075);
  if (!away && lo === 0 && (hi & 0xfffff) === 0) gap *= 0.5; // below a power of two the spacing halves
  const az = Math.abs(z);
  if (az === gap && zz === 0) return step64(r, away);
  fpFlags.v |= NX;
  let toN: boolean;
  switch (rm) {
    case RNE: case RMM: {
      const hg = gap * 0.5;
      if (az !== hg) toN = az > hg;
      else if (zz !== 0) toN = (zz > 0) === (z > 0);
      else toN = rm === RNE ? (lo & 1) !== 0 : away; // exact tie
      break;
    }
    case RTZ: toN = !away; break;
    case RDN: toN = z < 0; break;
    default: toN = z > 0; break;
  }
  return toN ? step64(r, away) : r;
}

/**
 * Directed rounding when r is the correctly rounded-to-nearest binary64 result, the exact value is
 * not a tie and lies on side sgn (+1 above, -1 below) of r. Same range conditions as finish64.
 */
function finishSign64(r: number, sgn: number, rm: number): number {
  fpFlags.v |= NX;
  if (rm === RNE || rm === RMM) return r;
  const away = (sgn > 0) === (r > 0);
  const toN = rm === RTZ ? !away : rm === RDN ? sgn < 0 : sgn > 0;
  return toN ? step64(r, away) : r;
}

function roundsUp(fr: number, n: number, neg: boolean, rm: number): boolean {
  switch (rm) {
    case RNE: return fr > 0.5 || (fr === 0.5 && n % 2 === 1);
    case RTZ: return false;
    case RDN: return neg;
    case RUP: return !neg;
    case RMM: return fr >= 0.5;
    default: return n % 2 === 0; // ROD (called only when inexact)
  }
}

function encode16(v: number): number {
  if (v >= 6.103515625e-5) {
    SF64[0] = v;
    const hi = SI32[1];
    return ((((hi >>> 20) & 0x7ff) - 1008) << 10) | ((hi >>> 10) & 0x3ff);
  }
  return v * 16777216;
}

// The small formats pass the double to be rounded through RIN[0]: a double argument (or result) of a
// call that V8 does not inline is boxed, i.e. allocated.
const RB = new ArrayBuffer(8);
const RIN = new Float64Array(RB);
const RIN_I = new Int32Array(RB);

/**
 * Makes RIN[0] = s round-to-odd at binary64 precision, given that the exact value is s plus a nonzero
 * error, larger in magnitude than s when `away`.
 */
function oddIn(away: boolean): void {
  const lo = RIN_I[0];
  if ((lo & 1) !== 0) return;
  if (away) RIN_I[0] = lo + 1; // lo is even: no carry
  else { RIN_I[0] = (lo - 1) | 0; if (lo === 0) RIN_I[1] = RIN_I[1] - 1; }
}

/**
 * Rounds the double x = RIN[0] to binary32 (fm = F32) or binary16 (fm = F16) in mode rm, with all
 * flags, and returns the bit pattern. x must be exact or rounded to odd at binary64 precision (so that
 * this second rounding is correct), and not NaN or infinite.
 */
function roundIn(rm: number, fm: number): number {
  const x = RIN[0];
  if (fm === F32 && rm === RNE) {
    const r = Math.fround(x), ar = Math.abs(r);
    if (ar > TWOM126 && ar < Infinity) {
      if (r !== x) fpFlags.v |= NX;
      SF32[0] = r;
      return SI32[0];
    }
  }
  const p = fm === F32 ? 24 : 11, emin = fm === F32 ? -126 : -14;
  const neg = x < 0 || (x === 0 && 1 / x < 0);
  const sign = neg ? (fm === F32 ? -2147483648 : 0x8000) : 0;
  if (x === 0) return sign;
  const ax = neg ? -x : x;
  SF64[0] = ax;
  const ex = ((SI32[1] >>> 20) & 0x7ff) - 1023; // -1023 for subnormal doubles: below emin either way
  const lsb = (ex > emin ? ex : emin) - (p - 1);
  const q = ax * pow2(-lsb); // significand scaled so that its last kept bit has weight 1 (exact)
  let n = Math.floor(q);
  const fr = q - n;
  if (fr !== 0) {
    let tiny = ex < emin;
    if (ex === emin - 1) {
      // Tiny unless rounding with one more bit of precision (unbounded exponent) reaches 2^emin.
      const q2 = 2 * q;
      let n2 = Math.floor(q2);
      const f2 = q2 - n2;
      if (f2 !== 0 && roundsUp(f2, n2, neg, rm)) n2++;
      tiny = n2 < pow2(p);
    }
    if (roundsUp(fr, n, neg, rm)) n++;
    fpFlags.v |= tiny ? NX | UF : NX;
  }
  const v = n * pow2(lsb);
  if (v >= (fm === F32 ? TWO128 : TWO16)) {
    fpFlags.v |= OF | NX;
    const toInf = rm === RNE || rm === RMM || (rm === RUP && !neg) || (rm === RDN && neg);
    return sign | (fm === F32 ? (toInf ? 0x7f800000 : 0x7f7fffff) : (toInf ? 0x7c00 : 0x7bff));
  }
  if (fm === F32) { SF32[0] = v; return SI32[0] | sign; }
  return encode16(v) | sign;
}

const canonSm = (fm: number): number => (fm === F32 ? CANON32 : CANON16);
const infSm = (neg: boolean, fm: number): number =>
  (fm === F32 ? (neg ? -8388608 : 0x7f800000) : (neg ? 0xfc00 : 0x7c00));
const zeroSm = (neg: boolean, fm: number): number => (neg ? (fm === F32 ? -2147483648 : 0x8000) : 0);
const isPosZero = (x: number): boolean => x === 0 && 1 / x > 0;

// ----------------------------------------------------------------------------------------- binary64

export function add64(a: number, b: number, rm: number): number {
  if (Math.abs(a) < TWO1022 && Math.abs(b) < TWO1022) {
    const r = a + b;
    const bv = r - a, err = (a - (r - bv)) + (b - bv);
    if (err === 0) return r === 0 && rm === RDN && !(isPosZero(a) && isPosZero(b)) ? -0 : r;
    if (rm === RNE) { fpFlags.v |= NX; return r; }
    return finish64(r, err, 0, rm);
  }
  return addSlow64(a, b, rm, false);
}

export function sub64(a: number, b: number, rm: number): number {
  if (Math.abs(a) < TWO1022 && Math.abs(b) < TWO1022) {
    const nb = -b;
    const r = a + nb;
    const bv = r - a, err = (a - (r - bv)) + (nb - bv);
    if (err === 0) return r === 0 && rm === RDN && !(isPosZero(a) && isPosZero(nb)) ? -0 : r;
    if (rm === RNE) { fpFlags.v |= NX; return r; }
    return finish64(r, err, 0, rm);
  }
  return addSlow64(a, b, rm, true);
}

function addSlow64(a: number, b: number, rm: number, negB: boolean): number {
  const r = negB ? a - b : a + b;
  if (r !== r) {
    if ((a === a && b === b) || isSnan64(a) || isSnan64(b)) fpFlags.v |= NV;
    return CANON64;
  }
  if (a - a !== 0 || b - b !== 0) return r; // an infinite operand: the infinite result is exact
  return num64(xAdd(BINARY64, big64(a), big64(b), rm, negB));
}

export function mul64(a: number, b: number, rm: number): number {
  const r = a * b, ar = Math.abs(r);
  if (ar >= TWOM960 && ar < TWO1023 && Math.abs(a) < TWO995 && Math.abs(b) < TWO995) {
    let t = SPLIT * a;
    const ah = t - (t - a), al = a - ah;
    t = SPLIT * b;
    const bh = t - (t - b), bl = b - bh;
    const err = ((ah * bh - r) + ah * bl + al * bh) + al * bl;
    if (err === 0) return r;
    if (rm === RNE) { fpFlags.v |= NX; return r; }
    return finish64(r, err, 0, rm);
  }
  if (r === 0 && (a === 0 || b === 0)) return r; // zero times finite: exact, and JS gets the sign right
  return mulSlow64(a, b, r, rm);
}

function mulSlow64(a: number, b: number, r: number, rm: number): number {
  if (r !== r) {
    if ((a === a && b === b) || isSnan64(a) || isSnan64(b)) fpFlags.v |= NV;
    return CANON64;
  }
  if (a - a !== 0 || b - b !== 0) return r;
  return num64(xMul(BINARY64, big64(a), big64(b), rm));
}

export function div64(a: number, b: number, rm: number): number {
  const q = a / b, aq = Math.abs(q), aa = Math.abs(a), ab = Math.abs(b);
  if (aq >= TWOM960 && aq < TWO995 && ab >= TWOM960 && ab < TWO995 && aa >= TWOM960 && aa < TWO1022) {
    // The remainder a - q*b, exact: Dekker's product, then a - p is exact as p is within 2^-52 of a.
    let t = SPLIT * q;
    const qh = t - (t - q), ql = q - qh;
    t = SPLIT * b;
    const bh = t - (t - b), bl = b - bh;
    const p = q * b;
    const e = ((qh * bh - p) + qh * bl + ql * bh) + ql * bl;
    const rem = (a - p) - e;
    if (rem === 0) return q;
    if (rm === RNE) { fpFlags.v |= NX; return q; }
    return finishSign64(q, (rem > 0) === (b > 0) ? 1 : -1, rm);
  }
  return divSlow64(a, b, q, rm);
}

function divSlow64(a: number, b: number, q: number, rm: number): number {
  if (q !== q) {
    if ((a === a && b === b) || isSnan64(a) || isSnan64(b)) fpFlags.v |= NV;
    return CANON64;
  }
  if (a - a !== 0 || b - b !== 0 || a === 0) return q; // inf/x, x/inf, 0/x: exact
  if (b === 0) { fpFlags.v |= DZ; return q; }
  return num64(xDiv(BINARY64, big64(a), big64(b), rm));
}

export function sqrt64(a: number, rm: number): number {
  if (a >= TWOM960 && a < TWO1022) {
    const r = Math.sqrt(a);
    const t = SPLIT * r;
    const rh = t - (t - r), rl = r - rh;
    const p = r * r;
    const e = ((rh * rh - p) + 2 * (rh * rl)) + rl * rl;
    const rem = (a - p) - e;
    if (rem === 0) return r;
    if (rm === RNE) { fpFlags.v |= NX; return r; }
    return finishSign64(r, rem > 0 ? 1 : -1, rm);
  }
  if (a !== a) { if (isSnan64(a)) fpFlags.v |= NV; return CANON64; }
  if (a === 0 || a === Infinity) return a;
  if (a < 0) { fpFlags.v |= NV; return CANON64; }
  return num64(xSqrt(BINARY64, big64(a), rm));
}

/** Scratch slots through which fma64 hands its operands to fma64v. */
const FIO = new Float64Array(4);

/** fma on numbers. A small wrapper, so that it is inlined and no double is boxed across a call. */
export function fma64(a: number, b: number, c: number, neg: number, rm: number): number {
  FIO[0] = a; FIO[1] = b; FIO[2] = c;
  fma64v(FIO, 3, 0, 1, 2, neg, rm);
  return FIO[3];
}

/**
 * v[d] = fma(v[i], v[j], v[k]). The body is too large for V8 to inline, and doubles passed to or returned
 * from a call that is not inlined are boxed (allocated), so operands and result stay in the array.
 */
export function fma64v(v: Float64Array, d: number, i: number, j: number, k: number, neg: number, rm: number): void {
  const a = v[i], b = v[j], c = v[k];
  let p = a * b;
  const ap = Math.abs(p);
  if (ap >= TWOM960 && ap < TWO1000 && Math.abs(a) < TWO995 && Math.abs(b) < TWO995 && Math.abs(c) < TWO1000) {
    // p + e = a*b exactly (Dekker)
    let t = SPLIT * a;
    const ah = t - (t - a), al = a - ah;
    t = SPLIT * b;
    const bh = t - (t - b), bl = b - bh;
    let e = ((ah * bh - p) + ah * bl + al * bh) + al * bl;
    if ((neg & 1) !== 0) { p = -p; e = -e; }
    const cc = (neg & 2) !== 0 ? -c : c;
    // s + t1 = p + cc; v1 + w = t1 + e; r + y = s + v1   (all TwoSum, exact)
    const s = p + cc;
    let bv = s - p;
    const t1 = (p - (s - bv)) + (cc - bv);
    const v1 = t1 + e;
    bv = v1 - t1;
    const w = (t1 - (v1 - bv)) + (e - bv);
    const r = s + v1;
    bv = r - s;
    const y = (s - (r - bv)) + (v1 - bv);
    const z = y + w;
    // Now a*b + c = r + y + w exactly, and z = fl(y + w) is 0 only if y + w is.
    const ar = Math.abs(r);
    if (ar >= TWOM1021 && ar < TWO1023) {
      if (z === 0) { v[d] = r; return; }
      // Under a quarter ulp (|r|·2^-55 < ulp(r)/4 <= half the gap on either side), r is the nearest.
      if (rm === RNE && Math.abs(z) < ar * TWOM55) { fpFlags.v |= NX; v[d] = r; return; }
      // |r|·2^-53 is at most the gap on either side of r, so x lies between r and that neighbour.
      if (Math.abs(z) < ar * TWOM53) {
        bv = z - y;
        v[d] = finish64(r, z, (y - (z - bv)) + (w - bv), rm); // with the exact error of z
        return;
      }
    } else if (r === 0 && w === 0) {
      v[d] = rm === RDN ? -0 : 0; // exact cancellation
      return;
    }
  }
  v[d] = fmaSlow64(a, b, c, neg, rm);
}

function fmaSlow64(a: number, b: number, c: number, neg: number, rm: number): number {
  if (a !== a || b !== b || c !== c) {
    const infZero = (a === 0 && (b === Infinity || b === -Infinity)) || (b === 0 && (a === Infinity || a === -Infinity));
    if (infZero || isSnan64(a) || isSnan64(b) || isSnan64(c)) fpFlags.v |= NV;
    return CANON64;
  }
  return num64(xFma(BINARY64, big64(a), big64(b), big64(c), neg, rm));
}

export function min64(a: number, b: number): number {
  if (a !== a || b !== b) return nanMinMax64(a, b);
  if (a < b) return a;
  if (b < a) return b;
  return a === 0 && 1 / a > 0 ? b : a; // equal: prefer -0
}
export function max64(a: number, b: number): number {
  if (a !== a || b !== b) return nanMinMax64(a, b);
  if (a > b) return a;
  if (b > a) return b;
  return a === 0 && 1 / a < 0 ? b : a; // equal: prefer +0
}
function nanMinMax64(a: number, b: number): number {
  if (isSnan64(a) || isSnan64(b)) fpFlags.v |= NV;
  if (a !== a && b !== b) return CANON64;
  return a !== a ? b : a;
}

export function eq64(a: number, b: number): number {
  if (a !== a || b !== b) { if (isSnan64(a) || isSnan64(b)) fpFlags.v |= NV; return 0; }
  return a === b ? 1 : 0;
}
export function lt64(a: number, b: number): number {
  if (a !== a || b !== b) { fpFlags.v |= NV; return 0; }
  return a < b ? 1 : 0;
}
export function le64(a: number, b: number): number {
  if (a !== a || b !== b) { fpFlags.v |= NV; return 0; }
  return a <= b ? 1 : 0;
}

export function class64(a: number): number {
  SF64[0] = a;
  const hi = SI32[1], lo = SI32[0];
  const e = (hi >>> 20) & 0x7ff, fz = lo === 0 && (hi & 0xfffff) === 0, neg = hi < 0;
  if (e === 0x7ff) return fz ? (neg ? 1 : 128) : (hi & 0x80000) !== 0 ? 512 : 256;
  if (e === 0) return fz ? (neg ? 8 : 16) : (neg ? 4 : 32);
  return neg ? 2 : 64;
}

// ------------------------------------------------------------------------------- binary32 / binary16
// Shared by both formats (fm): operands arrive as bit patterns a, b, c and are decoded to exact numbers
// x, y, z here, so that only small integers cross calls that V8 does not inline.

/** binary32 bits of a (itself for F32): decoding to a number is then a Float32Array read. */
const bits32 = (a: number, fm: number): number => (fm === F32 ? a : f16Bits32(a));

function addSm(a: number, b: number, negB: boolean, rm: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = negB ? -SF32[0] : SF32[0];
  let s = x + y;
  if (s - s === 0) {
    if (s !== 0) {
      const bv = s - x, err = (x - (s - bv)) + (y - bv);
      if (err === 0 && fm === F32 && rm === RNE) { // the common case, without a call
        const r = Math.fround(s);
        if (Math.abs(r) > TWOM126 && r - r === 0) { if (r !== s) fpFlags.v |= NX; SF32[0] = r; return SI32[0]; }
      }
      RIN[0] = s;
      if (err !== 0) oddIn((err > 0) === (s > 0));
      return roundIn(rm, fm);
    }
    return zeroSm(rm === RDN ? !(isPosZero(x) && isPosZero(y)) : 1 / s < 0, fm);
  }
  if (s !== s) {
    if ((x === x && y === y) || isSnanSm(a, fm) || isSnanSm(b, fm)) fpFlags.v |= NV;
    return canonSm(fm);
  }
  return infSm(s < 0, fm);
}

function mulSm(a: number, b: number, rm: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = SF32[0];
  const s = x * y; // exact for both formats
  if (s - s === 0) {
    if (fm === F32 && rm === RNE) { // the common case, without a call
      const r = Math.fround(s);
      if (Math.abs(r) > TWOM126 && r - r === 0) { if (r !== s) fpFlags.v |= NX; SF32[0] = r; return SI32[0]; }
    }
    RIN[0] = s;
    return roundIn(rm, fm);
  }
  if (s !== s) {
    if ((x === x && y === y) || isSnanSm(a, fm) || isSnanSm(b, fm)) fpFlags.v |= NV;
    return canonSm(fm);
  }
  return infSm(s < 0, fm);
}

// Quotients and square roots of binary32/16 values need no error term: when such a result is not
// exactly a point of the 25-bit grid that rounding to binary32 (or 12-bit grid for binary16) uses --
// representable values and midpoints -- it is at least 2^-49 (relative) away from every grid point, far
// more than binary64's rounding error of 2^-53. So the binary64 result lies strictly on the same side
// of every grid point as the exact one and rounds the same way in every mode, NX and UF included.

function divSm(a: number, b: number, rm: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = SF32[0];
  const s = x / y;
  if (s - s === 0) {
    if (s === 0) return zeroSm(1 / s < 0, fm);
    if (fm === F32 && rm === RNE) { // the common case, without a call
      const r = Math.fround(s);
      if (Math.abs(r) > TWOM126 && r - r === 0) { if (r !== s) fpFlags.v |= NX; SF32[0] = r; return SI32[0]; }
    }
    RIN[0] = s;
    return roundIn(rm, fm);
  }
  if (s !== s) {
    if ((x === x && y === y) || isSnanSm(a, fm) || isSnanSm(b, fm)) fpFlags.v |= NV;
    return canonSm(fm);
  }
  if (x - x === 0) fpFlags.v |= DZ; // finite / 0
  return infSm(s < 0, fm);
}

function sqrtSm(a: number, rm: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  if (x > 0 && x < Infinity) {
    const s = Math.sqrt(x);
    if (fm === F32 && rm === RNE) { // the common case (a binary32 root is normal), without a call
      const r = Math.fround(s);
      if (r !== s) fpFlags.v |= NX;
      SF32[0] = r;
      return SI32[0];
    }
    RIN[0] = s;
    return roundIn(rm, fm);
  }
  if (x === 0 || x === Infinity) return a;
  if (x === x || isSnanSm(a, fm)) fpFlags.v |= NV;
  return canonSm(fm);
}

function fmaSm(a: number, b: number, c: number, neg: number, rm: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = SF32[0];
  SI32[0] = bits32(c, fm); const z = SF32[0];
  let p = x * y; // exact for both formats
  if (p - p === 0 && z - z === 0) {
    if ((neg & 1) !== 0) p = -p;
    const zz = (neg & 2) !== 0 ? -z : z;
    let s = p + zz;
    if (s !== 0) {
      const bv = s - p, err = (p - (s - bv)) + (zz - bv);
      if (err === 0 && fm === F32 && rm === RNE) { // the common case, without a call
        const r = Math.fround(s);
        if (Math.abs(r) > TWOM126 && r - r === 0) { if (r !== s) fpFlags.v |= NX; SF32[0] = r; return SI32[0]; }
      }
      RIN[0] = s;
      if (err !== 0) oddIn((err > 0) === (s > 0));
      return roundIn(rm, fm);
    }
    if (p === 0 && zz === 0) {
      const pn = 1 / p < 0, zn = 1 / zz < 0;
      return zeroSm(pn === zn ? pn : rm === RDN, fm);
    }
    return zeroSm(rm === RDN, fm);
  }
  const infZero = (x === 0 && (y === Infinity || y === -Infinity)) || (y === 0 && (x === Infinity || x === -Infinity));
  if (x !== x || y !== y || z !== z) {
    if (infZero || isSnanSm(a, fm) || isSnanSm(b, fm) || isSnanSm(c, fm)) fpFlags.v |= NV;
    return canonSm(fm);
  }
  if (infZero) { fpFlags.v |= NV; return canonSm(fm); }
  const pn = ((neg & 1) !== 0) !== (p < 0), zn = ((neg & 2) !== 0) !== (z < 0);
  if (p - p !== 0) {
    if (z - z !== 0 && pn !== zn) { fpFlags.v |= NV; return canonSm(fm); }
    return infSm(pn, fm);
  }
  return infSm(zn, fm);
}

function minMaxSm(a: number, b: number, fm: number, max: boolean): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = SF32[0];
  if (x !== x || y !== y) {
    if (isSnanSm(a, fm) || isSnanSm(b, fm)) fpFlags.v |= NV;
    if (x !== x && y !== y) return canonSm(fm);
    return x !== x ? b : a;
  }
  if (x !== y) return (x < y) !== max ? a : b;
  const aNeg = fm === F32 ? a < 0 : (a & 0x8000) !== 0;
  return aNeg !== max ? a : b; // equal: min prefers -0, max +0
}

function eqSm(a: number, b: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = SF32[0];
  if (x !== x || y !== y) { if (isSnanSm(a, fm) || isSnanSm(b, fm)) fpFlags.v |= NV; return 0; }
  return x === y ? 1 : 0;
}
function ltSm(a: number, b: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = SF32[0];
  if (x !== x || y !== y) { fpFlags.v |= NV; return 0; }
  return x < y ? 1 : 0;
}
function leSm(a: number, b: number, fm: number): number {
  SI32[0] = bits32(a, fm); const x = SF32[0];
  SI32[0] = bits32(b, fm); const y = SF32[0];
  if (x !== x || y !== y) { fpFlags.v |= NV; return 0; }
  return x <= y ? 1 : 0;
}

export const add32 = (a: number, b: number, rm: number): number => addSm(a, b, false, rm, F32);
export const sub32 = (a: number, b: number, rm: number): number => addSm(a, b, true, rm, F32);
export const mul32 = (a: number, b: number, rm: number): number => mulSm(a, b, rm, F32);
export const div32 = (a: number, b: number, rm: number): number => divSm(a, b, rm, F32);
export const sqrt32 = (a: number, rm: number): number => sqrtSm(a, rm, F32);
export const fma32 = (a: number, b: number, c: number, neg: number, rm: number): number => fmaSm(a, b, c, neg, rm, F32);
export const min32 = (a: number, b: number): number => minMaxSm(a, b, F32, false);
export const max32 = (a: number, b: number): number => minMaxSm(a, b, F32, true);
export const eq32 = (a: number, b: number): number => eqSm(a, b, F32);
export const lt32 = (a: number, b: number): number => ltSm(a, b, F32);
export const le32 = (a: number, b: number): number => leSm(a, b, F32);

export const add16 = (a: number, b: number, rm: number): number => addSm(a, b, false, rm, F16);
export const sub16 = (a: number, b: number, rm: number): number => addSm(a, b, true, rm, F16);
export const mul16 = (a: number, b: number, rm: number): number => mulSm(a, b, rm, F16);
export const div16 = (a: number, b: number, rm: number): number => divSm(a, b, rm, F16);
export const sqrt16 = (a: number, rm: number): number => sqrtSm(a, rm, F16);
export const fma16 = (a: number, b: number, c: number, neg: number, rm: number): number => fmaSm(a, b, c, neg, rm, F16);
export const min16 = (a: number, b: number): number => minMaxSm(a, b, F16, false);
export const max16 = (a: number, b: number): number => minMaxSm(a, b, F16, true);
export const eq16 = (a: number, b: number): number => eqSm(a, b, F16);
export const lt16 = (a: number, b: number): number => ltSm(a, b, F16);
export const le16 = (a: number, b: number): number => leSm(a, b, F16);

export function class32(a: number): number {
  const e = (a >>> 23) & 0xff, fr = a & 0x7fffff, neg = a < 0;
  if (e === 0xff) return fr === 0 ? (neg ? 1 : 128) : (fr & 0x400000) !== 0 ? 512 : 256;
  if (e === 0) return fr === 0 ? (neg ? 8 : 16) : (neg ? 4 : 32);
  return neg ? 2 : 64;
}
export function class16(a: number): number {
  const e = (a >>> 10) & 0x1f, fr = a & 0x3ff, neg = (a & 0x8000) !== 0;
  if (e === 0x1f) return fr === 0 ? (neg ? 1 : 128) : (fr & 0x200) !== 0 ? 512 : 256;
  if (e === 0) return fr === 0 ? (neg ? 8 : 16) : (neg ? 4 : 32);
  return neg ? 2 : 64;
}

// -------------------------------------------------------------------------------- format conversions

export function f32ToF64(a: number): number {
  if ((a & 0x7f800000) === 0x7f800000 && (a & 0x7fffff) !== 0) {
    if (isSnan32(a)) fpFlags.v |= NV;
    return CANON64;
  }
  return f32v(a);
}
export function f16ToF64(a: number): number {
  if ((a & 0x7c00) === 0x7c00 && (a & 0x3ff) !== 0) {
    if (isSnan16(a)) fpFlags.v |= NV;
    return CANON64;
  }
  return f16Value(a);
}
export function f16ToF32(a: number): number {
  if ((a & 0x7c00) === 0x7c00 && (a & 0x3ff) !== 0) {
    if (isSnan16(a)) fpFlags.v |= NV;
    return CANON32;
  }
  return f16Bits32(a);
}
export function f64ToF32(x: number, rm: number): number {
  if (x - x === 0) { RIN[0] = x; return roundIn(rm, F32); }
  if (x !== x) { if (isSnan64(x)) fpFlags.v |= NV; return CANON32; }
  return infSm(x < 0, F32);
}
export function f64ToF16(x: number, rm: number): number {
  if (x - x === 0) { RIN[0] = x; return roundIn(rm, F16); }
  if (x !== x) { if (isSnan64(x)) fpFlags.v |= NV; return CANON16; }
  return infSm(x < 0, F16);
}
export function f32ToF16(a: number, rm: number): number {
  const x = f32v(a);
  if (x - x === 0) { RIN[0] = x; return roundIn(rm, F16); }
  if (x !== x) { if (isSnan32(a)) fpFlags.v |= NV; return CANON16; }
  return infSm(x < 0, F16);
}

// ------------------------------------------------------------------------------ float <-> integer

/** x rounded to an integral value in mode rm (NaN and infinities pass through). */
function rint(x: number, rm: number): number {
  switch (rm) {
    case RTZ: return Math.trunc(x);
    case RDN: return Math.floor(x);
    case RUP: return Math.ceil(x);
    default: {
      const ax = Math.abs(x);
      let n = Math.floor(ax);
      const fr = ax - n; // exact
      if (fr > 0.5 || (fr === 0.5 && (rm === RMM || n % 2 === 1))) n += 1;
      return x < 0 ? -n : n;
    }
  }
}

/**
 * x rounded to an integer in mode rm and saturated to [min, max] (integers with |v| <= 2^53): NaN gives
 * max, out-of-range values the nearest bound, both raising NV only; in-range inexact results raise NX.
 */
export function f64ToInt(x: number, rm: number, min: number, max: number): number {
  const r = rint(x, rm);
  if (r >= min && r <= max) {
    if (r !== x) fpFlags.v |= NX;
    return r;
  }
  fpFlags.v |= NV;
  return x < 0 ? min : max;
}

export const f64ToI32 = (x: number, rm: number): number => f64ToInt(x, rm, -2147483648, 2147483647) | 0;
export const f64ToU32 = (x: number, rm: number): number => f64ToInt(x, rm, 0, 4294967295) | 0;
export const f32ToI32 = (a: number, rm: number): number => f64ToInt(f32v(a), rm, -2147483648, 2147483647) | 0;
export const f32ToU32 = (a: number, rm: number): number => f64ToInt(f32v(a), rm, 0, 4294967295) | 0;

function splitTo(r: number, out: Int32Array, o: number): void {
  const hi = Math.floor(r / TWO32);
  out[o] = (r - hi * TWO32) | 0;
  out[o + 1] = hi | 0;
}

export function f64ToI64(x: number, rm: number, out: Int32Array, o: number): void {
  const r = rint(x, rm);
  if (r >= -TWO63 && r < TWO63) {
    if (r !== x) fpFlags.v |= NX;
    splitTo(r, out, o);
    return;
  }
  fpFlags.v |= NV;
  if (x < 0) { out[o] = 0; out[o + 1] = -2147483648; } else { out[o] = -1; out[o + 1] = 0x7fffffff; }
}
export function f64ToU64(x: number, rm: number, out: Int32Array, o: number): void {
  const r = rint(x, rm);
  if (r >= 0 && r < TWO64) {
    if (r !== x) fpFlags.v |= NX;
    splitTo(r, out, o);
    return;
  }
  fpFlags.v |= NV;
  const v = x < 0 ? 0 : -1;
  out[o] = v; out[o + 1] = v;
}
export const f32ToI64 = (a: number, rm: number, out: Int32Array, o: number): void => f64ToI64(f32v(a), rm, out, o);
export const f32ToU64 = (a: number, rm: number, out: Int32Array, o: number): void => f64ToU64(f32v(a), rm, out, o);

export function i32ToF32(v: number, rm: number): number { RIN[0] = v | 0; return roundIn(rm, F32); }
export function u32ToF32(v: number, rm: number): number { RIN[0] = v >>> 0; return roundIn(rm, F32); }

/** The 64-bit integer (lo, hi) as hi·2^32 (exact) and lo (exact); their sum is the value. */
const bigPart = (hi: number, signed: boolean): number => (signed ? hi | 0 : hi >>> 0) * TWO32;

function intToF64(lo: number, hi: number, signed: boolean, rm: number): number {
  const big = bigPart(hi, signed), small = lo >>> 0;
  const r = big + small;
  const bv = r - big, err = (big - (r - bv)) + (small - bv);
  if (err === 0) return r;
  if (rm === RNE) { fpFlags.v |= NX; return r; }
  return finish64(r, err, 0, rm);
}
function intToF32(lo: number, hi: number, signed: boolean, rm: number): number {
  const big = bigPart(hi, signed), small = lo >>> 0;
  const r = big + small;
  const bv = r - big, err = (big - (r - bv)) + (small - bv);
  RIN[0] = r;
  if (err !== 0) oddIn((err > 0) === (r > 0));
  return roundIn(rm, F32);
}
export const i64ToF64 = (lo: number, hi: number, rm: number): number => intToF64(lo, hi, true, rm);
export const u64ToF64 = (lo: number, hi: number, rm: number): number => intToF64(lo, hi, false, rm);
export const i64ToF32 = (lo: number, hi: number, rm: number): number => intToF32(lo, hi, true, rm);
export const u64ToF32 = (lo: number, hi: number, rm: number): number => intToF32(lo, hi, false, rm);
