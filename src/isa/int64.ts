// 64-bit integer arithmetic on lo/hi int32 pairs, exact for every input and free of BigInt and allocation.
// Results go to out[o] (low word) and out[o + 1] (high word), so semantics can write straight into a
// register file (inputs are passed by value, so out may alias an operand). Signed and unsigned operands
// use the same bits; functions say which interpretation they apply.

const TWO32 = 4294967296;
const TWO_NEG32 = 1 / TWO32;

/**
 * High 32 bits of the product of two uint32 values (given as non-negative numbers), as a number in
 * [0, 2^32). The double product is within 2^11 of the exact one; subtracting the exact low word
 * (from Math.imul) leaves a value within 2^11 of a multiple of 2^32, which rounding recovers.
 */
export function umulh32(a: number, b: number): number {
  return Math.round((a * b - (Math.imul(a, b) >>> 0)) * TWO_NEG32);
}

/** Low 64 bits of a × b (the same for signed and unsigned operands). */
export function mul64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  const lo = Math.imul(alo, blo);
  out[o + 1] = (umulh32(alo >>> 0, blo >>> 0) + Math.imul(alo, bhi) + Math.imul(ahi, blo)) | 0;
  out[o] = lo;
}

/** High 64 bits of the unsigned 128-bit product a × b. */
export function mulhu64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  const a0 = alo >>> 0, a1 = ahi >>> 0, b0 = blo >>> 0, b1 = bhi >>> 0;
  // Column sums of the four 32×32 partial products; each stays below 2^34, exact as a double.
  const w1 = umulh32(a0, b0) + (Math.imul(a0, b1) >>> 0) + (Math.imul(a1, b0) >>> 0);
  const w2 = umulh32(a0, b1) + umulh32(a1, b0) + (Math.imul(a1, b1) >>> 0) + ((w1 * TWO_NEG32) >>> 0);
  out[o + 1] = (umulh32(a1, b1) + ((w2 * TWO_NEG32) >>> 0)) | 0;
  out[o] = w2 | 0;
}

/** High 64 bits of the signed 128-bit product a × b. */
export function mulh64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  mulhu64(alo, ahi, blo, bhi, out, o);
  // signed(a)·signed(b) = a·b − 2^64·(a<0 ? b : 0) − 2^64·(b<0 ? a : 0), with a, b read as unsigned.
  let lo = out[o], hi = out[o + 1];
  if (ahi < 0) { const l = (lo - blo) | 0; hi = (hi - bhi - ((lo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0; lo = l; }
  if (bhi < 0) { const l = (lo - alo) | 0; hi = (hi - ahi - ((lo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0; lo = l; }
  out[o] = lo; out[o + 1] = hi;
}

/** High 64 bits of the 128-bit product of signed a and unsigned b. */
export function mulhsu64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  mulhu64(alo, ahi, blo, bhi, out, o);
  if (ahi < 0) {
    const lo = out[o];
    out[o + 1] = (out[o + 1] - bhi - ((lo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0;
    out[o] = (lo - blo) | 0;
  }
}

// ---------------------------------------------------------------- division

// Results of udivmod (module scratch, so the hot path allocates nothing).
let qLo = 0, qHi = 0, rLo = 0, rHi = 0;

// FLOOR_EXACT: for integers 0 <= a < 2^53 and b >= 1, Math.floor(a / b) is the exact quotient. A true
// quotient Q that is not an integer lies at least 1/b below the next integer, while rounding moves it by
// at most Q·2^-53; reaching the integer would need 1/b <= Q·2^-53, i.e. a >= 2^53.

/**
 * Unsigned a / b and a % b into qLo/qHi/rLo/rHi; b must not be zero. Operands are uint32 words given
 * as non-negative numbers.
 */
function udivmod(a0: number, a1: number, b0: number, b1: number): void {
  if (a1 === 0 && b1 === 0) {
    qLo = (a0 / b0) | 0; qHi = 0; rLo = (a0 % b0) | 0; rHi = 0;
    return;
  }
  if (a1 < 0x200000 && b1 < 0x200000) {
    // Both below 2^53, so exact as doubles, and the floored double quotient is exact (see FLOOR_EXACT).
    const a = a1 * TWO32 + a0, b = b1 * TWO32 + b0, q = Math.floor(a / b), r = a - q * b;
    qLo = q | 0; qHi = (q * TWO_NEG32) | 0; rLo = r | 0; rHi = (r * TWO_NEG32) | 0;
    return;
  }
  if (b1 === 0) {
    // Divisor below 2^32: schoolbook division by one 32-bit digit, taking the dividend's low word in
    // 16-bit steps so every partial dividend stays below 2^48 (each step exact by FLOOR_EXACT).
    const qh = Math.floor(a1 / b0);
    let r = a1 - qh * b0;
    let n = r * 65536 + (a0 >>> 16);
    const q1 = Math.floor(n / b0);
    r = n - q1 * b0;
    n = r * 65536 + (a0 & 0xffff);
    const q0 = Math.floor(n / b0);
    r = n - q0 * b0;
    qLo = (q1 << 16) | q0; qHi = qh | 0; rLo = r | 0; rHi = 0;
    return;
  }
  // Divisor at least 2^32, so the quotient is below 2^32. The double estimate is within one of the
  // truth; start one below it (never above the truth, so a − q·b cannot wrap) and correct upwards.
  if (a1 < b1 || (a1 === b1 && a0 < b0)) { qLo = 0; qHi = 0; rLo = a0 | 0; rHi = a1 | 0; return; }
  let q = Math.floor((a1 * TWO32 + a0) / (b1 * TWO32 + b0));
  if (q > 0) q--;
  const pLo = Math.imul(q, b0) >>> 0;
  const pHi = (umulh32(q, b0) + Math.imul(q, b1)) >>> 0;
  let r0 = (a0 - pLo) >>> 0;
  let r1 = (a1 - pHi - (a0 < pLo ? 1 : 0)) >>> 0;
  while (r1 > b1 || (r1 === b1 && r0 >= b0)) {
    const borrow = r0 < b0 ? 1 : 0;
    r0 = (r0 - b0) >>> 0;
    r1 = (r1 - b1 - borrow) >>> 0;
    q++;
  }
  qLo = q | 0; qHi = 0; rLo = r0 | 0; rHi = r1 | 0;
}

/** Magnitudes of signed operands, as uint32 words, for the signed division paths. */
let m0 = 0, m1 = 0, n0 = 0, n1 = 0;
function magnitudes(alo: number, ahi: number, blo: number, bhi: number): void {
  if (ahi < 0) { m0 = (-alo) >>> 0; m1 = (~ahi + (alo === 0 ? 1 : 0)) >>> 0; } else { m0 = alo >>> 0; m1 = ahi >>> 0; }
  if (bhi < 0) { n0 = (-blo) >>> 0; n1 = (~bhi + (blo === 0 ? 1 : 0)) >>> 0; } else { n0 = blo >>> 0; n1 = bhi >>> 0; }
}

/** Unsigned quotient; division by zero gives all ones. */
export function divu64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  if (blo === 0 && bhi === 0) { out[o] = -1; out[o + 1] = -1; return; }
  udivmod(alo >>> 0, ahi >>> 0, blo >>> 0, bhi >>> 0);
  out[o] = qLo; out[o + 1] = qHi;
}

/** Unsigned remainder; division by zero gives the dividend. */
export function remu64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  if (blo === 0 && bhi === 0) { out[o] = alo; out[o + 1] = ahi; return; }
  udivmod(alo >>> 0, ahi >>> 0, blo >>> 0, bhi >>> 0);
  out[o] = rLo; out[o + 1] = rHi;
}

/**
 * Signed quotient, rounded toward zero; division by zero gives −1 and INT64_MIN / −1 gives INT64_MIN
 * (the unsigned magnitude 2^63 negates to itself).
 */
export function div64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  if (blo === 0 && bhi === 0) { out[o] = -1; out[o + 1] = -1; return; }
  if (ahi === alo >> 31 && bhi === blo >> 31) {
    // Both fit in int32: the double quotient truncates exactly; only −2^31 / −1 leaves int32.
    const q = Math.trunc(alo / blo);
    out[o] = q | 0; out[o + 1] = q < 0 ? -1 : 0;
    return;
  }
  magnitudes(alo, ahi, blo, bhi);
  udivmod(m0, m1, n0, n1);
  if ((ahi ^ bhi) < 0) {
    out[o] = -qLo | 0; out[o + 1] = (~qHi + (qLo === 0 ? 1 : 0)) | 0;
  } else {
    out[o] = qLo; out[o + 1] = qHi;
  }
}

/** Signed remainder, with the dividend's sign; division by zero gives the dividend, INT64_MIN % −1 gives 0. */
export function rem64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  if (blo === 0 && bhi === 0) { out[o] = alo; out[o + 1] = ahi; return; }
  if (ahi === alo >> 31 && bhi === blo >> 31) {
    const r = (alo % blo) | 0;
    out[o] = r; out[o + 1] = r >> 31;
    return;
  }
  magnitudes(alo, ahi, blo, bhi);
  udivmod(m0, m1, n0, n1);
  if (ahi < 0) {
    out[o] = -rLo | 0; out[o + 1] = (~rHi + (rLo === 0 ? 1 : 0)) | 0;
  } else {
    out[o] = rLo; out[o + 1] = rHi;
  }
}

// ---------------------------------------------------------------- add, subtract, shifts, compares

export function add64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  const lo = (alo + blo) | 0;
  out[o + 1] = (ahi + bhi + ((lo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0;
  out[o] = lo;
}

export function sub64(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void {
  out[o + 1] = (ahi - bhi - ((alo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0;
  out[o] = (alo - blo) | 0;
}

/** Logical left shift by sh (0..63). */
export function sll64(lo: number, hi: number, sh: number, out: Int32Array, o: number): void {
  if (sh === 0) { out[o] = lo; out[o + 1] = hi; }
  else if (sh < 32) { out[o + 1] = (hi << sh) | (lo >>> (32 - sh)); out[o] = lo << sh; }
  else { out[o + 1] = lo << (sh - 32); out[o] = 0; }
}

/** Logical right shift by sh (0..63). */
export function srl64(lo: number, hi: number, sh: number, out: Int32Array, o: number): void {
  if (sh === 0) { out[o] = lo; out[o + 1] = hi; }
  else if (sh < 32) { out[o] = (lo >>> sh) | (hi << (32 - sh)); out[o + 1] = hi >>> sh; }
  else { out[o] = hi >>> (sh - 32); out[o + 1] = 0; }
}

/** Arithmetic right shift by sh (0..63). */
export function sra64(lo: number, hi: number, sh: number, out: Int32Array, o: number): void {
  if (sh === 0) { out[o] = lo; out[o + 1] = hi; }
  else if (sh < 32) { out[o] = (lo >>> sh) | (hi << (32 - sh)); out[o + 1] = hi >> sh; }
  else { out[o] = hi >> (sh - 32); out[o + 1] = hi >> 31; }
}

/** Rotate right by sh (0..63). */
export function ror64(lo: number, hi: number, sh: number, out: Int32Array, o: number): void {
  if (sh >= 32) { const t = lo; lo = hi; hi = t; sh -= 32; }
  if (sh === 0) { out[o] = lo; out[o + 1] = hi; }
  else { out[o] = (lo >>> sh) | (hi << (32 - sh)); out[o + 1] = (hi >>> sh) | (lo << (32 - sh)); }
}

/** Signed a < b. */
export function lt64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return ahi < bhi || (ahi === bhi && (alo >>> 0) < (blo >>> 0));
}

/** Unsigned a < b. */
export function ltu64(alo: number, ahi: number, blo: number, bhi: number): boolean {
  return (ahi >>> 0) < (bhi >>> 0) || (ahi === bhi && (alo >>> 0) < (blo >>> 0));
}

// ---------------------------------------------------------------- bit counts

/** Trailing zeros of a 32-bit word (32 for zero). */
export function ctz32(v: number): number {
  return v === 0 ? 32 : 31 - Math.clz32(v & -v);
}

/** Set bits in a 32-bit word. */
export function popcount32(v: number): number {
  v = v - ((v >>> 1) & 0x55555555);
  v = (v & 0x33333333) + ((v >>> 2) & 0x33333333);
  v = (v + (v >>> 4)) & 0x0f0f0f0f;
  return Math.imul(v, 0x01010101) >>> 24;
}

export function clz64(lo: number, hi: number): number {
  return hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(lo);
}

export function ctz64(lo: number, hi: number): number {
  return lo !== 0 ? ctz32(lo) : 32 + ctz32(hi);
}

export function popcount64(lo: number, hi: number): number {
  return popcount32(lo) + popcount32(hi);
}

/** Reverse the bytes of a 32-bit word. */
export function bswap32(v: number): number {
  return (v << 24) | ((v & 0xff00) << 8) | ((v >>> 8) & 0xff00) | (v >>> 24);
}

// ---------------------------------------------------------------- conversions (not for hot paths)

/** The pair as a signed number (exact when |value| < 2^53). */
export function toNumber(lo: number, hi: number): number {
  return hi * TWO32 + (lo >>> 0);
}

/** Store an integral number in the int64 range (or [2^63, 2^64) for unsigned values) as a pair. */
export function fromNumber(v: number, out: Int32Array, o: number): void {
  out[o] = v % TWO32 | 0;
  out[o + 1] = Math.floor(v * TWO_NEG32) | 0;
}
