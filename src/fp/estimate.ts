// The RVV 7-bit estimates vfrec7.v (1/x) and vfrsqrt7.v (1/sqrt(x)), bit-exact to the RVV 1.0 spec's
// tables and algorithm, for binary16/32/64. Results are bit patterns (binary64 as an int32 pair written to
// out[o] (low) / out[o + 1] (high), the others returned); flags are OR-ed into fpFlags.v.
//
// Algorithm (RVV 1.0, "Vector Floating-Point Reciprocal [Square-Root] Estimate"): a subnormal input is
// normalized first (normalized exponent = -(leading zeros of the fraction), the fraction shifted left past
// its leading one). rsqrt7 indexes its table with the exponent's low bit and the fraction's 6 high bits,
// output exponent floor((3B - 1 - e) / 2); rec7 indexes with the fraction's 7 high bits, output exponent
// 2B - 1 - e, denormalized when that is 0 or -1, and overflows (only for inputs below 2^-(B+1)) to
// infinity or the largest finite value depending on the rounding mode. The output keeps the input sign.
import { CANON32, CANON16, CANON64_HI, DZ, NV, NX, OF, RDN, RTZ, RUP, fpFlags } from './consts.js';

/** vfrsqrt7: 7 output bits indexed by (exponent LSB << 6) | 6 high fraction bits. */
const RSQRT7 = new Uint8Array([
  52, 51, 50, 48, 47, 46, 44, 43, 42, 41, 40, 39, 38, 36, 35, 34, 33, 32, 31, 30, 30, 29, 28, 27, 26, 25, 24, 23,
  23, 22, 21, 20, 19, 19, 18, 17, 16, 16, 15, 14, 14, 13, 12, 12, 11, 10, 10, 9, 9, 8, 7, 7, 6, 6, 5, 4, 4, 3,
  3, 2, 2, 1, 1, 0,
  127, 125, 123, 121, 119, 118, 116, 114, 113, 111, 109, 108, 106, 105, 103, 102, 100, 99, 97, 96, 95, 93, 92, 91,
  90, 88, 87, 86, 85, 84, 83, 82, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 70, 69, 68, 67, 66, 65, 64, 63, 63,
  62, 61, 60, 59, 59, 58, 57, 56, 56, 55, 54, 53,
]);

/** vfrec7: 7 output bits indexed by the 7 high fraction bits. */
const REC7 = new Uint8Array([
  127, 125, 123, 121, 119, 117, 116, 114, 112, 110, 109, 107, 105, 104, 102, 100, 99, 97, 96, 94, 93, 91, 90, 88,
  87, 85, 84, 83, 81, 80, 79, 77, 76, 75, 74, 72, 71, 70, 69, 68, 66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55,
  54, 53, 52, 51, 50, 49, 48, 47, 46, 45, 44, 43, 42, 41, 40, 40, 39, 38, 37, 36, 35, 35, 34, 33, 32, 31, 31, 30,
  29, 28, 28, 27, 26, 25, 25, 24, 23, 23, 22, 21, 21, 20, 19, 19, 18, 17, 17, 16, 15, 15, 14, 14, 13, 12, 12, 11,
  11, 10, 9, 9, 8, 8, 7, 7, 6, 5, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0,
]);

/**
 * Result of the generic estimate: sign, biased exponent field and fraction field (a number < 2^52), or a
 * special marker. Kept in module scratch so nothing allocates.
 */
const R = { neg: false, exp: 0, frac: 0 };
const enum S { Num, NaN, Inf, Zero, Max }

/**
 * The estimate for a value given as sign / biased exponent / fraction of a format with eb exponent bits
 * and fb fraction bits (fraction as an exact number). Writes R and returns its kind.
 */
function estimate(rec: boolean, neg: boolean, e: number, f: number, eb: number, fb: number, rm: number): S {
  const emax = (1 << eb) - 1, bias = (1 << (eb - 1)) - 1, one = 2 ** fb;
  R.neg = neg;
  if (e === emax) {
    if (f !== 0) {
      if (f < one / 2) fpFlags.v |= NV; // signaling: quiet bit clear
      return S.NaN;
    }
    if (rec) return S.Zero;               // 1/±inf = ±0
    if (neg) { fpFlags.v |= NV; return S.NaN; }
    return S.Zero;                        // 1/sqrt(+inf) = +0
  }
  if (e === 0 && f === 0) { fpFlags.v |= DZ; return S.Inf; }
  if (!rec && neg) { fpFlags.v |= NV; return S.NaN; }
  // Normalize subnormals: exponent 0 - leading zeros, fraction shifted past the leading one.
  if (e === 0) {
    let lz = 0;
    while (f < one / 2) { f *= 2; lz++; }
    e = -lz;
    f = (f * 2) - one;
  }
  if (!rec) {
    const idx = ((e & 1) << 6) | Math.floor(f / 2 ** (fb - 6));
    R.exp = Math.floor((3 * bias - 1 - e) / 2);
    R.frac = RSQRT7[idx] * 2 ** (fb - 7);
    return S.Num;
  }
  const oe = 2 * bias - 1 - e;
  if (oe > 2 * bias) {
    // Too small to have a finite reciprocal estimate: overflow, rounded per rm and sign.
    fpFlags.v |= NX | OF;
    const toMax = rm === RTZ || (neg ? rm === RUP : rm === RDN);
    return toMax ? S.Max : S.Inf;
  }
  const sig = REC7[Math.floor(f / 2 ** (fb - 7))] * 2 ** (fb - 7);
  if (oe <= 0) { R.exp = 0; R.frac = (one + sig) / 2 ** (1 - oe); } else { R.exp = oe; R.frac = sig; }
  return S.Num;
}

function pack32(k: S): number {
  const s = R.neg ? -2147483648 : 0;
  switch (k) {
    case S.NaN: return CANON32;
    case S.Inf: return s | 0x7f800000;
    case S.Zero: return s;
    case S.Max: return s | 0x7f7fffff;
    default: return s | (R.exp << 23) | R.frac;
  }
}
function pack16(k: S): number {
  const s = R.neg ? 0x8000 : 0;
  switch (k) {
    case S.NaN: return CANON16;
    case S.Inf: return s | 0x7c00;
    case S.Zero: return s;
    case S.Max: return s | 0x7bff;
    default: return s | (R.exp << 10) | R.frac;
  }
}
function pack64(k: S, out: Int32Array, o: number): void {
  const s = R.neg ? -2147483648 : 0;
  switch (k) {
    case S.NaN: out[o] = 0; out[o + 1] = CANON64_HI; return;
    case S.Inf: out[o] = 0; out[o + 1] = s | 0x7ff00000; return;
    case S.Zero: out[o] = 0; out[o + 1] = s; return;
    case S.Max: out[o] = -1; out[o + 1] = s | 0x7fefffff; return;
    default: {
      const hiF = Math.floor(R.frac / 4294967296);
      out[o] = (R.frac - hiF * 4294967296) | 0;
      out[o + 1] = s | (R.exp << 20) | hiF;
    }
  }
}

/** vfrec7 of binary32 bits a in rounding mode rm (the mode matters only on overflow). */
export const rec7f32 = (a: number, rm: number): number =>
  pack32(estimate(true, a < 0, (a >>> 23) & 0xff, a & 0x7fffff, 8, 23, rm));
/** vfrsqrt7 of binary32 bits a. */
export const rsqrt7f32 = (a: number): number =>
  pack32(estimate(false, a < 0, (a >>> 23) & 0xff, a & 0x7fffff, 8, 23, 0));
/** vfrec7 of binary16 bits a. */
export const rec7f16 = (a: number, rm: number): number =>
  pack16(estimate(true, (a & 0x8000) !== 0, (a >>> 10) & 0x1f, a & 0x3ff, 5, 10, rm));
/** vfrsqrt7 of binary16 bits a. */
export const rsqrt7f16 = (a: number): number =>
  pack16(estimate(false, (a & 0x8000) !== 0, (a >>> 10) & 0x1f, a & 0x3ff, 5, 10, 0));
/** vfrec7 of the binary64 (lo, hi) into out[o], out[o + 1]. */
export function rec7f64(lo: number, hi: number, rm: number, out: Int32Array, o: number): void {
  pack64(estimate(true, hi < 0, (hi >>> 20) & 0x7ff, (hi & 0xfffff) * 4294967296 + (lo >>> 0), 11, 52, rm), out, o);
}
/** vfrsqrt7 of the binary64 (lo, hi) into out[o], out[o + 1]. */
export function rsqrt7f64(lo: number, hi: number, out: Int32Array, o: number): void {
  pack64(estimate(false, hi < 0, (hi >>> 20) & 0x7ff, (hi & 0xfffff) * 4294967296 + (lo >>> 0), 11, 52, 0), out, o);
}
