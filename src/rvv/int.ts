// Vector integer arithmetic (RVV 1.0 chapter 11): add/subtract (plain, widening, with carry), extension,
// logic, shifts (plain and narrowing), compares, min/max, multiply (low, high, widening), divide,
// multiply-add (plain and widening), merge and move. Each instruction is its operation on one element
// plugged into a shared loop (common.ts).
import type { Hart } from '../isa/hart.js';
import type { Decoded, ExecFn, Semantics } from '../isa/spec.js';
import {
  add64, div64, divu64, lt64, ltu64, mul64, mulh64, mulhsu64, mulhu64, rem64, remu64, sll64, sra64, srl64, sub64, umulh32,
} from '../isa/int64.js';
import {
  binop, checkAlign, fastBinExec, fastWmacExec, checkMaskDest, checkMaskOut, checkNarrow, checkOverlap, checkVV, checkWide, compare, extN, finish,
  finishMask, illegal, macop, Src, tmp, vec, viewN, widen, widenMac,
  F_ADD, F_AND, F_EQ, F_MACC, F_MUL, F_NE, F_NMSAC, F_OR, F_RSUB, F_SUB, F_XOR,
  type BinOp, type CmpOp, type MacOp, type VectorState,
} from './common.js';

const TWO32 = 4294967296;

// ---------------------------------------------------------------- element operations

const op = (n: BinOp['n'], p: BinOp['p'], ua = false, ub = false, k = 0): BinOp => ({ n, p, ua, ub, k });

const ADD = op((a, b) => a + b, add64, false, false, F_ADD);
const SUB = op((a, b) => a - b, sub64, false, false, F_SUB);
const RSUB = op((a, b) => b - a, (alo, ahi, blo, bhi, out, o) => sub64(blo, bhi, alo, ahi, out, o), false, false, F_RSUB);
const AND = op((a, b) => a & b, (alo, ahi, blo, bhi, out, o) => { out[o] = alo & blo; out[o + 1] = ahi & bhi; }, false, false, F_AND);
const OR = op((a, b) => a | b, (alo, ahi, blo, bhi, out, o) => { out[o] = alo | blo; out[o + 1] = ahi | bhi; }, false, false, F_OR);
const XOR = op((a, b) => a ^ b, (alo, ahi, blo, bhi, out, o) => { out[o] = alo ^ blo; out[o + 1] = ahi ^ bhi; }, false, false, F_XOR);
const pick = (c: boolean, alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void => {
  if (c) { out[o] = alo; out[o + 1] = ahi; } else { out[o] = blo; out[o + 1] = bhi; }
};
const MINU = op((a, b) => (a < b ? a : b), (alo, ahi, blo, bhi, out, o) => pick(ltu64(alo, ahi, blo, bhi), alo, ahi, blo, bhi, out, o), true, true);
const MIN = op((a, b) => (a < b ? a : b), (alo, ahi, blo, bhi, out, o) => pick(lt64(alo, ahi, blo, bhi), alo, ahi, blo, bhi, out, o));
const MAXU = op((a, b) => (a > b ? a : b), (alo, ahi, blo, bhi, out, o) => pick(ltu64(blo, bhi, alo, ahi), alo, ahi, blo, bhi, out, o), true, true);
const MAX = op((a, b) => (a > b ? a : b), (alo, ahi, blo, bhi, out, o) => pick(lt64(blo, bhi, alo, ahi), alo, ahi, blo, bhi, out, o));
// Shifts use the low log2(SEW) bits of the amount.
const SLL = op((a, b, sew) => a << (b & (sew - 1)), (alo, ahi, blo, _bhi, out, o) => sll64(alo, ahi, blo & 63, out, o));
const SRL = op((a, b, sew) => a >>> (b & (sew - 1)), (alo, ahi, blo, _bhi, out, o) => srl64(alo, ahi, blo & 63, out, o), true);
const SRA = op((a, b, sew) => a >> (b & (sew - 1)), (alo, ahi, blo, _bhi, out, o) => sra64(alo, ahi, blo & 63, out, o));
const MUL = op((a, b) => Math.imul(a, b), mul64, false, false, F_MUL);

/** High 32 bits of signed 32 x signed 32. */
function mulhs32(a: number, b: number): number {
  return (umulh32(a >>> 0, b >>> 0) - (a < 0 ? b >>> 0 : 0) - (b < 0 ? a >>> 0 : 0)) | 0;
}
/** High 32 bits of signed 32 x unsigned 32 (b given as a non-negative number). */
function mulhsu32(a: number, b: number): number {
  return (umulh32(a >>> 0, b) - (a < 0 ? b : 0)) | 0;
}
// For SEW 8/16 the full product fits a double exactly and the int32 range (signed) or uint32 (unsigned).
const MULH = op((a, b, sew) => (sew === 32 ? mulhs32(a, b) : (a * b) >> sew), mulh64);
const MULHU = op((a, b, sew) => (sew === 32 ? umulh32(a, b) : (a * b) >>> sew), mulhu64, true, true);
const MULHSU = op((a, b, sew) => (sew === 32 ? mulhsu32(a, b) : (a * b) >> sew), mulhsu64, false, true);
// Division by zero: quotient all ones, remainder the dividend; overflow (MIN / -1) wraps to MIN, remainder 0.
const DIVU = op((a, b) => (b === 0 ? -1 : Math.floor(a / b)), divu64, true, true);
const DIV = op((a, b) => (b === 0 ? -1 : Math.trunc(a / b)), div64);
const REMU = op((a, b) => (b === 0 ? a : a % b), remu64, true, true);
const REM = op((a, b) => (b === 0 ? a : a % b), rem64);

const cmp = (n: CmpOp['n'], p: CmpOp['p'], u = false, k = 0): CmpOp => ({ n, p, ua: u, ub: u, k });
const EQ = cmp((a, b) => a === b, (alo, ahi, blo, bhi) => alo === blo && ahi === bhi, false, F_EQ);
const NE = cmp((a, b) => a !== b, (alo, ahi, blo, bhi) => alo !== blo || ahi !== bhi, false, F_NE);
const LTU = cmp((a, b) => a < b, ltu64, true);
const LT = cmp((a, b) => a < b, lt64);
const LEU = cmp((a, b) => a <= b, (alo, ahi, blo, bhi) => !ltu64(blo, bhi, alo, ahi), true);
const LE = cmp((a, b) => a <= b, (alo, ahi, blo, bhi) => !lt64(blo, bhi, alo, ahi));
const GTU = cmp((a, b) => a > b, (alo, ahi, blo, bhi) => ltu64(blo, bhi, alo, ahi), true);
const GT = cmp((a, b) => a > b, (alo, ahi, blo, bhi) => lt64(blo, bhi, alo, ahi));

const mac = (n: MacOp['n'], p: MacOp['p'], ua = false, ub = false, k = 0): MacOp => ({ n, p, ua, ub, k });
// acc = vd, a = vs2, b = vs1/rs1. Products at SEW 32 wrap through Math.imul before the add.
const MACC = mac((c, a, b) => c + Math.imul(a, b), (clo, chi, alo, ahi, blo, bhi, out, o) => {
  mul64(alo, ahi, blo, bhi, tmp, 0); add64(clo, chi, tmp[0], tmp[1], out, o);
}, false, false, F_MACC);
const NMSAC = mac((c, a, b) => c - Math.imul(a, b), (clo, chi, alo, ahi, blo, bhi, out, o) => {
  mul64(alo, ahi, blo, bhi, tmp, 0); sub64(clo, chi, tmp[0], tmp[1], out, o);
}, false, false, F_NMSAC);
const MADD = mac((c, a, b) => a + Math.imul(c, b), (clo, chi, alo, ahi, blo, bhi, out, o) => {
  mul64(clo, chi, blo, bhi, tmp, 0); add64(alo, ahi, tmp[0], tmp[1], out, o);
});
const NMSUB = mac((c, a, b) => a - Math.imul(c, b), (clo, chi, alo, ahi, blo, bhi, out, o) => {
  mul64(clo, chi, blo, bhi, tmp, 0); sub64(alo, ahi, tmp[0], tmp[1], out, o);
});
// Widening: operands are SEW-wide and extended, products fit 2*SEW (numbers exact for SEW <= 16).
const wmac = (ua: boolean, ub: boolean): MacOp => mac((c, a, b) => c + a * b, (clo, chi, alo, ahi, blo, bhi, out, o) => {
  mul64(alo, ahi, blo, bhi, tmp, 0); add64(clo, chi, tmp[0], tmp[1], out, o);
}, ua, ub, F_MACC);
const WMACC = wmac(false, false), WMACCU = wmac(true, true), WMACCSU = wmac(true, false), WMACCUS = wmac(false, true);

const wop = (n: BinOp['n'], p: BinOp['p'], u: boolean, ub = u): BinOp => ({ n, p, ua: u, ub });
const WADDU = wop((a, b) => a + b, add64, true), WADD = wop((a, b) => a + b, add64, false);
const WSUBU = wop((a, b) => a - b, sub64, true), WSUB = wop((a, b) => a - b, sub64, false);
const WMULU = wop((a, b) => a * b, mul64, true), WMUL = wop((a, b) => a * b, mul64, false);
const WMULSU = wop((a, b) => a * b, mul64, false, true);

// ---------------------------------------------------------------- instruction shapes

const full = (o: BinOp, src: Src): ExecFn => (h, d) => { const v = vec(h, d); checkVV(d, v, src === Src.V); binop(h, v, d, o, src); };
const shape = (o: BinOp, src: Src): ExecFn => (o.k ? fastBinExec(o, src, full(o, src)) : full(o, src));
const vv = (o: BinOp): ExecFn => shape(o, Src.V);
const vx = (o: BinOp): ExecFn => shape(o, Src.X);
const vi = (o: BinOp): ExecFn => shape(o, Src.I);
const cvv = (o: CmpOp): ExecFn => (h, d) => { const v = vec(h, d); checkMaskOut(d, v, true); compare(h, v, d, o, Src.V); };
const cvx = (o: CmpOp): ExecFn => (h, d) => { const v = vec(h, d); checkMaskOut(d, v, false); compare(h, v, d, o, Src.X); };
const cvi = (o: CmpOp): ExecFn => (h, d) => { const v = vec(h, d); checkMaskOut(d, v, false); compare(h, v, d, o, Src.I); };
const mvv = (o: MacOp): ExecFn => (h, d) => { const v = vec(h, d); checkVV(d, v, true); macop(h, v, d, o, Src.V); };
const mvx = (o: MacOp): ExecFn => (h, d) => { const v = vec(h, d); checkVV(d, v, false); macop(h, v, d, o, Src.X); };
const wvv = (o: BinOp, aWide = false): ExecFn => (h, d) => { const v = vec(h, d); checkWide(d, v, true, aWide); widen(h, v, d, o, Src.V, aWide); };
const wvx = (o: BinOp, aWide = false): ExecFn => (h, d) => { const v = vec(h, d); checkWide(d, v, false, aWide); widen(h, v, d, o, Src.X, aWide); };
const wfull = (o: MacOp, src: Src): ExecFn => (h, d) => { const v = vec(h, d); checkWide(d, v, src === Src.V, false); widenMac(h, v, d, o, src); };
const wmvv = (o: MacOp): ExecFn => fastWmacExec(o, Src.V, wfull(o, Src.V));
const wmvx = (o: MacOp): ExecFn => fastWmacExec(o, Src.X, wfull(o, Src.X));

// ---------------------------------------------------------------- narrowing shifts

/** Narrowing shift right of the 2*SEW element a by b & (2*SEW-1); arithmetic when `sra`. */
function narrowShift(h: Hart, d: Decoded, src: Src, sra: boolean): void {
  const v = vec(h, d);
  checkNarrow(d, v, src === Src.V);
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, sew = v.sew, masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const nper = v.vlenb >>> sh, wper = nper >>> 1, narrow = viewN(v, sh);
    const dB = d.rd * nper, aB = d.rs2 * wper, bB = d.rs1 * nper, mask = 2 * sew - 1;
    const sc = src === Src.X ? h.x[d.rs1 << 1] : d.imm;
    const x = v.i32, wide = sh === 0 ? v.i16 : v.i32;
    // The destination may be the low part of vs2, so elements are read before the (lower or equal) write.
    for (let i = start; i < end; i++) {
      if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) narrow[dB + i] = -1; continue; }
      const s = (src === Src.V ? narrow[bB + i] : sc) & mask;
      if (sh === 2) {
        const a = (aB + i) << 1;
        if (sra) sra64(x[a], x[a + 1], s, tmp, 0); else srl64(x[a], x[a + 1], s, tmp, 0);
        narrow[dB + i] = tmp[0];
      } else {
        let a = wide[aB + i];
        if (!sra && sh === 0) a &= 0xffff;
        narrow[dB + i] = sra || sh === 0 ? a >> s : a >>> s;
      }
    }
  }
  finish(v, d.rd, v.sewShift, v.lmulLog, start);
}

// ---------------------------------------------------------------- extension

function extend(h: Hart, d: Decoded, f: number, signed: boolean): void {
  const v = vec(h, d);
  const fl = f === 2 ? 1 : f === 4 ? 2 : 3;
  if (v.sewShift - fl < 0) illegal(d, `SEW=${v.sew} / ${f} is below 8`);
  const sLog = v.lmulLog - fl;
  if (sLog < -3) illegal(d, `source EMUL = LMUL/${f} is below 1/8`);
  checkAlign(d, d.rd, v.lmulLog, 'vd'); checkAlign(d, d.rs2, sLog, 'vs2');
  checkOverlap(d, d.rd, v.lmulLog, v.sewShift, d.rs2, sLog, v.sewShift - fl, 'vs2');
  checkMaskDest(d);
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const dsh = v.sewShift, ssh = dsh - fl, masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const dper = v.vlenb >>> dsh, sper = v.vlenb >>> ssh, dB = d.rd * dper, sB = d.rs2 * sper;
    const src = viewN(v, ssh), ssew = 8 << ssh, s = 32 - ssew;
    // The source can only be the top part of the destination group; going up, each destination element
    // overwrites source elements of lower or equal index, which have been read already.
    if (dsh === 3) {
      const x = v.i32;
      for (let i = start; i < end; i++) {
        const o = (dB + i) << 1;
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
        let a = src[sB + i];
        if (!signed) a = (a << s) >>> s;
        x[o] = a; x[o + 1] = signed ? a >> 31 : 0;
      }
    } else {
      const dst = viewN(v, dsh);
      for (let i = start; i < end; i++) {
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) dst[dB + i] = -1; continue; }
        const a = src[sB + i];
        dst[dB + i] = signed ? a : (a << s) >>> s;
      }
    }
  }
  finish(v, d.rd, v.sewShift, v.lmulLog, start);
}

// ---------------------------------------------------------------- add/subtract with carry

/**
 * vadc/vsbc (vector result) and vmadc/vmsbc (carry/borrow-out mask); vm=0 means v0 is the carry/borrow
 * in. All body elements take part (these are never masked).
 */
function carry(h: Hart, d: Decoded, src: Src, sub: boolean, maskOut: boolean): void {
  const v = vec(h, d);
  const carryIn = d.rm === 0;
  if (maskOut) checkMaskOut(d, v, src === Src.V);
  else checkVV(d, v, src === Src.V); // vm=0 here: vd = v0 is reserved
  const start = v.vstart, end = v.vl;
  // Carry-outs are gathered first: the mask destination may be a source.
  const bits = maskOut ? cmpBits(v) : undefined;
  if (start < end) {
    const sh = v.sewShift, sew = v.sew, m = v.u8, per = v.vlenb >>> sh;
    const dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
    if (sh === 3) {
      const x = v.i32;
      const slo = src === Src.X ? h.x[d.rs1 << 1] : d.imm, shi = src === Src.X ? h.x[(d.rs1 << 1) + 1] : d.imm >> 31;
      for (let i = start; i < end; i++) {
        const c = carryIn ? (m[i >>> 3] >>> (i & 7)) & 1 : 0;
        const a = (aB + i) << 1, b = (bB + i) << 1;
        const alo = x[a] >>> 0, ahi = x[a + 1] >>> 0;
        const blo = (src === Src.V ? x[b] : slo) >>> 0, bhi = (src === Src.V ? x[b + 1] : shi) >>> 0;
        let lo: number, hi: number, out: number;
        if (!sub) {
          lo = alo + blo + c; hi = ahi + bhi + (lo >= TWO32 ? 1 : 0); out = hi >= TWO32 ? 1 : 0;
        } else {
          lo = alo - blo - c; hi = ahi - bhi - (lo < 0 ? 1 : 0); out = hi < 0 ? 1 : 0;
        }
        if (bits !== undefined) bits[i] = out;
        else { const o = (dB + i) << 1; x[o] = lo | 0; x[o + 1] = hi | 0; }
      }
    } else {
      const arr = viewN(v, sh), s = 32 - sew, lim = sew === 32 ? TWO32 : 1 << sew;
      const sc = extN(src === Src.X ? h.x[d.rs1 << 1] : d.imm, sew, true);
      for (let i = start; i < end; i++) {
        const c = carryIn ? (m[i >>> 3] >>> (i & 7)) & 1 : 0;
        const a = (arr[aB + i] << s) >>> s, b = src === Src.V ? (arr[bB + i] << s) >>> s : sc;
        const r = sub ? a - b - c : a + b + c;
        if (bits !== undefined) bits[i] = sub ? (r < 0 ? 1 : 0) : (r >= lim ? 1 : 0);
        else arr[dB + i] = r;
      }
    }
    if (bits !== undefined) {
      const u8 = v.u8, dm = d.rd * v.vlenb;
      for (let i = start; i < end; i++) {
        const k = dm + (i >>> 3), bit = 1 << (i & 7);
        u8[k] = bits[i] ? u8[k] | bit : u8[k] & ~bit;
      }
    }
  }
  if (maskOut) finishMask(v, d.rd, start); else finish(v, d.rd, v.sewShift, v.lmulLog, start);
}

let carryScratch = new Uint8Array(0);
function cmpBits(v: VectorState): Uint8Array {
  if (carryScratch.length < v.vlen) carryScratch = new Uint8Array(v.vlen);
  return carryScratch;
}

// ---------------------------------------------------------------- merge and move

/** vmerge (masked: v0 ? b : vs2) and vmv.v.* (b everywhere); b is vs1, rs1 or the immediate. */
function merge(h: Hart, d: Decoded, src: Src, move: boolean): void {
  const v = vec(h, d);
  const l = v.lmulLog;
  checkAlign(d, d.rd, l, 'vd');
  if (src === Src.V) checkAlign(d, d.rs1, l, 'vs1');
  if (!move) { checkAlign(d, d.rs2, l, 'vs2'); checkMaskDest(d); }
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, per = v.vlenb >>> sh, m = v.u8;
    const dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
    if (move && src === Src.V) {
      if (d.rd !== d.rs1) v.u8.copyWithin((dB + start) << sh, (bB + start) << sh, (bB + end) << sh);
    } else if (sh === 3) {
      const x = v.i32;
      const slo = src === Src.X ? h.x[d.rs1 << 1] : d.imm, shi = src === Src.X ? h.x[(d.rs1 << 1) + 1] : d.imm >> 31;
      for (let i = start; i < end; i++) {
        const o = (dB + i) << 1;
        if (move || ((m[i >>> 3] >>> (i & 7)) & 1) !== 0) {
          if (src === Src.V) { const b = (bB + i) << 1; x[o] = x[b]; x[o + 1] = x[b + 1]; } else { x[o] = slo; x[o + 1] = shi; }
        } else { const a = (aB + i) << 1; x[o] = x[a]; x[o + 1] = x[a + 1]; }
      }
    } else {
      const arr = viewN(v, sh);
      const sc = src === Src.X ? h.x[d.rs1 << 1] : d.imm;
      if (move) arr.fill(sc, dB + start, dB + end);
      else {
        for (let i = start; i < end; i++) {
          arr[dB + i] = ((m[i >>> 3] >>> (i & 7)) & 1) !== 0 ? (src === Src.V ? arr[bB + i] : sc) : arr[aB + i];
        }
      }
    }
  }
  finish(v, d.rd, v.sewShift, l, start);
}

// ---------------------------------------------------------------- the table

export const vint: Semantics = {
  'vadd.vv': vv(ADD), 'vadd.vx': vx(ADD), 'vadd.vi': vi(ADD),
  'vsub.vv': vv(SUB), 'vsub.vx': vx(SUB),
  'vrsub.vx': vx(RSUB), 'vrsub.vi': vi(RSUB),
  'vand.vv': vv(AND), 'vand.vx': vx(AND), 'vand.vi': vi(AND),
  'vor.vv': vv(OR), 'vor.vx': vx(OR), 'vor.vi': vi(OR),
  'vxor.vv': vv(XOR), 'vxor.vx': vx(XOR), 'vxor.vi': vi(XOR),
  'vminu.vv': vv(MINU), 'vminu.vx': vx(MINU), 'vmin.vv': vv(MIN), 'vmin.vx': vx(MIN),
  'vmaxu.vv': vv(MAXU), 'vmaxu.vx': vx(MAXU), 'vmax.vv': vv(MAX), 'vmax.vx': vx(MAX),
  'vsll.vv': vv(SLL), 'vsll.vx': vx(SLL), 'vsll.vi': vi(SLL),
  'vsrl.vv': vv(SRL), 'vsrl.vx': vx(SRL), 'vsrl.vi': vi(SRL),
  'vsra.vv': vv(SRA), 'vsra.vx': vx(SRA), 'vsra.vi': vi(SRA),
  'vmul.vv': vv(MUL), 'vmul.vx': vx(MUL),
  'vmulh.vv': vv(MULH), 'vmulh.vx': vx(MULH), 'vmulhu.vv': vv(MULHU), 'vmulhu.vx': vx(MULHU),
  'vmulhsu.vv': vv(MULHSU), 'vmulhsu.vx': vx(MULHSU),
  'vdivu.vv': vv(DIVU), 'vdivu.vx': vx(DIVU), 'vdiv.vv': vv(DIV), 'vdiv.vx': vx(DIV),
  'vremu.vv': vv(REMU), 'vremu.vx': vx(REMU), 'vrem.vv': vv(REM), 'vrem.vx': vx(REM),
  'vmseq.vv': cvv(EQ), 'vmseq.vx': cvx(EQ), 'vmseq.vi': cvi(EQ),
  'vmsne.vv': cvv(NE), 'vmsne.vx': cvx(NE), 'vmsne.vi': cvi(NE),
  'vmsltu.vv': cvv(LTU), 'vmsltu.vx': cvx(LTU), 'vmslt.vv': cvv(LT), 'vmslt.vx': cvx(LT),
  'vmsleu.vv': cvv(LEU), 'vmsleu.vx': cvx(LEU), 'vmsleu.vi': cvi(LEU),
  'vmsle.vv': cvv(LE), 'vmsle.vx': cvx(LE), 'vmsle.vi': cvi(LE),
  'vmsgtu.vx': cvx(GTU), 'vmsgtu.vi': cvi(GTU), 'vmsgt.vx': cvx(GT), 'vmsgt.vi': cvi(GT),
  'vmacc.vv': mvv(MACC), 'vmacc.vx': mvx(MACC), 'vnmsac.vv': mvv(NMSAC), 'vnmsac.vx': mvx(NMSAC),
  'vmadd.vv': mvv(MADD), 'vmadd.vx': mvx(MADD), 'vnmsub.vv': mvv(NMSUB), 'vnmsub.vx': mvx(NMSUB),
  'vwaddu.vv': wvv(WADDU), 'vwaddu.vx': wvx(WADDU), 'vwadd.vv': wvv(WADD), 'vwadd.vx': wvx(WADD),
  'vwsubu.vv': wvv(WSUBU), 'vwsubu.vx': wvx(WSUBU), 'vwsub.vv': wvv(WSUB), 'vwsub.vx': wvx(WSUB),
  'vwaddu.wv': wvv(WADDU, true), 'vwaddu.wx': wvx(WADDU, true), 'vwadd.wv': wvv(WADD, true), 'vwadd.wx': wvx(WADD, true),
  'vwsubu.wv': wvv(WSUBU, true), 'vwsubu.wx': wvx(WSUBU, true), 'vwsub.wv': wvv(WSUB, true), 'vwsub.wx': wvx(WSUB, true),
  'vwmulu.vv': wvv(WMULU), 'vwmulu.vx': wvx(WMULU), 'vwmul.vv': wvv(WMUL), 'vwmul.vx': wvx(WMUL),
  'vwmulsu.vv': wvv(WMULSU), 'vwmulsu.vx': wvx(WMULSU),
  'vwmaccu.vv': wmvv(WMACCU), 'vwmaccu.vx': wmvx(WMACCU), 'vwmacc.vv': wmvv(WMACC), 'vwmacc.vx': wmvx(WMACC),
  'vwmaccsu.vv': wmvv(WMACCSU), 'vwmaccsu.vx': wmvx(WMACCSU), 'vwmaccus.vx': wmvx(WMACCUS),
  'vnsrl.wv': (h, d) => narrowShift(h, d, Src.V, false), 'vnsrl.wx': (h, d) => narrowShift(h, d, Src.X, false),
  'vnsrl.wi': (h, d) => narrowShift(h, d, Src.I, false),
  'vnsra.wv': (h, d) => narrowShift(h, d, Src.V, true), 'vnsra.wx': (h, d) => narrowShift(h, d, Src.X, true),
  'vnsra.wi': (h, d) => narrowShift(h, d, Src.I, true),
  'vzext.vf2': (h, d) => extend(h, d, 2, false), 'vzext.vf4': (h, d) => extend(h, d, 4, false), 'vzext.vf8': (h, d) => extend(h, d, 8, false),
  'vsext.vf2': (h, d) => extend(h, d, 2, true), 'vsext.vf4': (h, d) => extend(h, d, 4, true), 'vsext.vf8': (h, d) => extend(h, d, 8, true),
  'vadc.vvm': (h, d) => carry(h, d, Src.V, false, false), 'vadc.vxm': (h, d) => carry(h, d, Src.X, false, false),
  'vadc.vim': (h, d) => carry(h, d, Src.I, false, false),
  'vmadc.vvm': (h, d) => carry(h, d, Src.V, false, true), 'vmadc.vxm': (h, d) => carry(h, d, Src.X, false, true),
  'vmadc.vim': (h, d) => carry(h, d, Src.I, false, true),
  'vmadc.vv': (h, d) => carry(h, d, Src.V, false, true), 'vmadc.vx': (h, d) => carry(h, d, Src.X, false, true),
  'vmadc.vi': (h, d) => carry(h, d, Src.I, false, true),
  'vsbc.vvm': (h, d) => carry(h, d, Src.V, true, false), 'vsbc.vxm': (h, d) => carry(h, d, Src.X, true, false),
  'vmsbc.vvm': (h, d) => carry(h, d, Src.V, true, true), 'vmsbc.vxm': (h, d) => carry(h, d, Src.X, true, true),
  'vmsbc.vv': (h, d) => carry(h, d, Src.V, true, true), 'vmsbc.vx': (h, d) => carry(h, d, Src.X, true, true),
  'vmerge.vvm': (h, d) => merge(h, d, Src.V, false), 'vmerge.vxm': (h, d) => merge(h, d, Src.X, false),
  'vmerge.vim': (h, d) => merge(h, d, Src.I, false),
  'vmv.v.v': (h, d) => merge(h, d, Src.V, true), 'vmv.v.x': (h, d) => merge(h, d, Src.X, true),
  'vmv.v.i': (h, d) => merge(h, d, Src.I, true),
};
