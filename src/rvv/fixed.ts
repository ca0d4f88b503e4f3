// Vector fixed-point arithmetic (RVV 1.0 section 12): saturating add/subtract, averaging add/subtract,
// fractional multiply with rounding and saturation, scaling shifts, narrowing clips. Rounding follows vxrm
// (rnu, rne, rdn, rod); any saturated element sets vxsat.
//
// Intermediate results are exact: JS numbers while they stay below 2^53 (SEW <= 32, except the 64-bit
// product of vsmul at SEW 32), BigInt beyond (SEW 64 and that product; not a hot path for the kernels we run).
import type { Hart } from '../isa/hart.js';
import type { Decoded, ExecFn, Semantics } from '../isa/spec.js';
import { binop, checkNarrow, checkVV, finish, Src, vec, viewN, type BinOp } from './common.js';

// The rounding mode and saturation flag of the instruction being executed (ops are plain functions).
let xrm = 0;
let sat = 0;

/** POW2[k] = 2^k (a variable exponent with ** is slow). */
const POW2 = Array.from({ length: 66 }, (_, k) => 2 ** k);

/** x / 2^s rounded per xrm (x an exact integer number, s >= 0). */
function roundShift(x: number, s: number): number {
  if (s === 0) return x;
  const p = POW2[s], q = Math.floor(x / p), r = x - q * p, half = p / 2;
  switch (xrm) {
    case 0: return r >= half ? q + 1 : q;
    case 1: return r > half || (r === half && (q & 1) !== 0) ? q + 1 : q;
    case 2: return q;
    default: return r !== 0 && (q & 1) === 0 ? q + 1 : q;
  }
}

function roundShiftBig(x: bigint, s: bigint): bigint {
  if (s === 0n) return x;
  const q = x >> s, r = x - (q << s), half = 1n << (s - 1n);
  switch (xrm) {
    case 0: return r >= half ? q + 1n : q;
    case 1: return r > half || (r === half && (q & 1n) !== 0n) ? q + 1n : q;
    case 2: return q;
    default: return r !== 0n && (q & 1n) === 0n ? q + 1n : q;
  }
}

function clamp(x: number, lo: number, hi: number): number {
  if (x < lo) { sat = 1; return lo; }
  if (x > hi) { sat = 1; return hi; }
  return x;
}
function clampBig(x: bigint, lo: bigint, hi: bigint): bigint {
  if (x < lo) { sat = 1; return lo; }
  if (x > hi) { sat = 1; return hi; }
  return x;
}

const MIN64 = -(1n << 63n), MAX64 = (1n << 63n) - 1n, UMAX64 = (1n << 64n) - 1n;
const big = (lo: number, hi: number, uns: boolean): bigint =>
  uns ? (BigInt(hi >>> 0) << 32n) | BigInt(lo >>> 0) : (BigInt(hi) << 32n) | BigInt(lo >>> 0);
function put(x: bigint, out: Int32Array, o: number): void {
  out[o] = Number(BigInt.asIntN(32, x)); out[o + 1] = Number(BigInt.asIntN(32, x >> 32n));
}

/** An op from a number function (SEW <= 32) and a BigInt one (SEW 64), both given extended operands. */
function fx(n: (a: number, b: number, sew: number) => number, b: (a: bigint, b: bigint) => bigint, ua: boolean, ub = ua): BinOp {
  return { n, p: (alo, ahi, blo, bhi, out, o) => put(b(big(alo, ahi, ua), big(blo, bhi, ub)), out, o), ua, ub, k: 0 };
}

const umax = (sew: number): number => POW2[sew] - 1;
const smax = (sew: number): number => POW2[sew - 1] - 1;
const smin = (sew: number): number => -POW2[sew - 1];

const SADDU = fx((a, b, sew) => clamp(a + b, 0, umax(sew)), (a, b) => clampBig(a + b, 0n, UMAX64), true);
const SADD = fx((a, b, sew) => clamp(a + b, smin(sew), smax(sew)), (a, b) => clampBig(a + b, MIN64, MAX64), false);
const SSUBU = fx((a, b, sew) => clamp(a - b, 0, umax(sew)), (a, b) => clampBig(a - b, 0n, UMAX64), true);
const SSUB = fx((a, b, sew) => clamp(a - b, smin(sew), smax(sew)), (a, b) => clampBig(a - b, MIN64, MAX64), false);
// Averages: the sum or difference has one more bit than SEW; the result is truncated to SEW by the store.
const AADDU = fx((a, b) => roundShift(a + b, 1), (a, b) => roundShiftBig(a + b, 1n), true);
const AADD = fx((a, b) => roundShift(a + b, 1), (a, b) => roundShiftBig(a + b, 1n), false);
const ASUBU = fx((a, b) => roundShift(a - b, 1), (a, b) => roundShiftBig(a - b, 1n), true);
const ASUB = fx((a, b) => roundShift(a - b, 1), (a, b) => roundShiftBig(a - b, 1n), false);
// (a * b) >> (SEW - 1) rounded; only MIN * MIN overflows.
const SMUL = fx((a, b, sew) => {
  if (sew === 32) return Number(clampBig(roundShiftBig(BigInt(a) * BigInt(b), 31n), -(1n << 31n), (1n << 31n) - 1n));
  return clamp(roundShift(a * b, sew - 1), smin(sew), smax(sew));
}, (a, b) => clampBig(roundShiftBig(a * b, 63n), MIN64, MAX64), false);
const SSRL = fx((a, b, sew) => roundShift(a, b & (sew - 1)), (a, b) => roundShiftBig(a, b & 63n), true, true);
const SSRA = fx((a, b, sew) => roundShift(a, b & (sew - 1)), (a, b) => roundShiftBig(a, b & 63n), false, true);

/** Run a same-width fixed-point op with the current vxrm and fold saturation into vxsat. */
function run(h: Hart, d: Decoded, op: BinOp, src: Src): void {
  const v = vec(h, d);
  checkVV(d, v, src === Src.V);
  xrm = v.vxrm; sat = 0;
  binop(h, v, d, op, src);
  if (sat) v.vxsat = 1;
}
const vv = (op: BinOp): ExecFn => (h, d) => run(h, d, op, Src.V);
const vx = (op: BinOp): ExecFn => (h, d) => run(h, d, op, Src.X);
const vi = (op: BinOp): ExecFn => (h, d) => run(h, d, op, Src.I);

/** vnclip(u): the 2*SEW element shifted right by b & (2*SEW-1) with rounding, saturated to SEW. */
function nclip(h: Hart, d: Decoded, src: Src, signed: boolean): void {
  const v = vec(h, d);
  checkNarrow(d, v, src === Src.V);
  xrm = v.vxrm; sat = 0;
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, sew = v.sew, masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const nper = v.vlenb >>> sh, wper = nper >>> 1, narrow = viewN(v, sh);
    const dB = d.rd * nper, aB = d.rs2 * wper, bB = d.rs1 * nper, mask = 2 * sew - 1;
    const sc = src === Src.X ? h.x[d.rs1 << 1] : d.imm;
    const lo = signed ? smin(sew) : 0, hi = signed ? smax(sew) : umax(sew);
    const wide = sh === 0 ? v.i16 : v.i32, x = v.i32;
    for (let i = start; i < end; i++) {
      if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) narrow[dB + i] = -1; continue; }
      const s = (src === Src.V ? narrow[bB + i] : sc) & mask;
      if (sh === 2) {
        const a = (aB + i) << 1;
        const r = clampBig(roundShiftBig(big(x[a], x[a + 1], !signed), BigInt(s)), BigInt(lo), BigInt(hi));
        narrow[dB + i] = Number(r);
      } else {
        let a = wide[aB + i];
        if (!signed) a = sh === 0 ? a & 0xffff : a >>> 0;
        narrow[dB + i] = clamp(roundShift(a, s), lo, hi);
      }
    }
  }
  finish(v, d.rd, v.sewShift, v.lmulLog, start);
  if (sat) v.vxsat = 1;
}

export const vfixed: Semantics = {
  'vsaddu.vv': vv(SADDU), 'vsaddu.vx': vx(SADDU), 'vsaddu.vi': vi(SADDU),
  'vsadd.vv': vv(SADD), 'vsadd.vx': vx(SADD), 'vsadd.vi': vi(SADD),
  'vssubu.vv': vv(SSUBU), 'vssubu.vx': vx(SSUBU), 'vssub.vv': vv(SSUB), 'vssub.vx': vx(SSUB),
  'vaaddu.vv': vv(AADDU), 'vaaddu.vx': vx(AADDU), 'vaadd.vv': vv(AADD), 'vaadd.vx': vx(AADD),
  'vasubu.vv': vv(ASUBU), 'vasubu.vx': vx(ASUBU), 'vasub.vv': vv(ASUB), 'vasub.vx': vx(ASUB),
  'vsmul.vv': vv(SMUL), 'vsmul.vx': vx(SMUL),
  'vssrl.vv': vv(SSRL), 'vssrl.vx': vx(SSRL), 'vssrl.vi': vi(SSRL),
  'vssra.vv': vv(SSRA), 'vssra.vx': vx(SSRA), 'vssra.vi': vi(SSRA),
  'vnclipu.wv': (h, d) => nclip(h, d, Src.V, false), 'vnclipu.wx': (h, d) => nclip(h, d, Src.X, false),
  'vnclipu.wi': (h, d) => nclip(h, d, Src.I, false),
  'vnclip.wv': (h, d) => nclip(h, d, Src.V, true), 'vnclip.wx': (h, d) => nclip(h, d, Src.X, true),
  'vnclip.wi': (h, d) => nclip(h, d, Src.I, true),
};
