// Vector floating point (RVV 1.0 chapters 13, 14.3-14.4 and the FP moves and slides of chapter 16), with
// binary16 elements under Zvfh/Zvfhmin. Every element is computed by the exact IEEE core in src/fp, so
// results and fflags are those of the scalar F/D instructions element by element: correctly rounded in
// frm, canonical NaNs, no flush of subnormals, flags accumulated over active elements only (masked-off,
// tail and prestart elements raise nothing).
//
// Element representation: binary64 elements are JS numbers read and written through the Float64Array view
// (V8 keeps NaN bits through typed-array loads and stores), or int32 pairs where bits matter (sign
// injection, moves); binary32 elements are bit patterns from the Int32Array view, binary16 ones from the
// Uint16Array view, as the src/fp API takes them.
//
// Rounding mode: every vector FP instruction uses frm; a reserved frm (5..7) makes any of them illegal, the
// moves included (as QEMU and Spike do: the instructions have no rm field and are all "dynamic").
// Scalar operands come from f[rs1] NaN-boxed to SEW (FLEN = 64): a binary32 or binary16 whose upper bits are
// not all ones reads as the canonical NaN. vfmv.f.s NaN-boxes what it writes.
//
// Binary16: d.rs3 holds the support level set at decode (halfSupport): 0 none, 1 Zvfhmin (vfwcvt.f.f.v
// and vfncvt.f.f.w at SEW 16), 2 Zvfh (every FP instruction at SEW 16, and the int8 <-> binary16
// conversions at SEW 8). Without it those encodings are reserved (illegal).
//
// Sum reductions: vfredusum is computed exactly as vfredosum (vs1[0], then each active element of vs2 in
// element order, one rounding per addition), which the spec allows, is deterministic for every vtype and
// vl, and is what QEMU does; likewise vfwredusum. With no active element vs1[0] is copied unchanged.
import type { Hart } from '../isa/hart.js';
import type { Decoded, Ext, ExecFn, Semantics } from '../isa/spec.js';
import {
  fpFlags, CANON16, CANON32, RNE, ROD, RTZ, add16, add32, add64, sub16, sub32, sub64, mul16, mul32, mul64, div16, div32, div64,
  sqrt16, sqrt32, sqrt64, fma16, fma32, fma64, fma64v, min16, min32, min64, max16, max32, max64,
  eq16, eq32, eq64, lt16, lt32, lt64, le16, le32, le64, class16, class32, class64,
  f16ToF32, f32ToF64, f32ToF16, f64ToF16, f64ToF32, f16Value, f32Value, f64ToInt, f64ToI32, f64ToU32,
  f32ToI32, f32ToU32, f32ToI64, f32ToU64, f64ToI64, f64ToU64, i32ToF32, u32ToF32, i64ToF32, u64ToF32, i64ToF64, u64ToF64,
} from '../fp/fp.js';
import { arithLoop, fmaLoop, minMaxLoop, F32_TO_I32, F32_TO_U32, I32_TO_F32, U32_TO_F32, RED_MAX, RED_MIN, RED_SUM, type F32Arith } from './f32-loops.js';
import { rec7f16, rec7f32, rec7f64, rsqrt7f16, rsqrt7f32, rsqrt7f64 } from '../fp/estimate.js';
import {
  checkAlign, checkMaskDest, checkMaskOut, checkNarrow, checkNoOverlap, checkVV, checkVstartZero, checkWide,
  finish, finishMask, finishScalar, illegal, nregs, vec, type VectorState,
} from './common.js';

/** Binary16 support level of an extension set (stored in d.rs3 of FP instructions). */
export function halfSupport(enabled: ReadonlySet<Ext>): number {
  return enabled.has('Zvfh') ? 2 : enabled.has('Zvfhmin') ? 1 : 0;
}
const HALF_MIN = 1, HALF_FULL = 2;

// ---------------------------------------------------------------- legality and operands

/** frm, which must not be reserved. */
function frmOf(h: Hart, d: Decoded): number {
  const rm = h.frm;
  if (rm > 4) illegal(d, `frm is ${rm}, a reserved rounding mode`);
  return rm;
}

/** An FP element width w (8 << sh): 32 and 64 always, 16 with the binary16 level `need`. */
function checkFpWidth(d: Decoded, w: number, need: number, what: string): void {
  if (w === 32 || w === 64) return;
  if (w === 16 && d.rs3 >= need) return;
  illegal(d, `${what} ${w} is not a supported floating-point width${w === 16 ? ` (needs ${need === HALF_FULL ? 'Zvfh' : 'Zvfhmin'} in --isa)` : ''}`);
}

/** vtype valid, frm not reserved, SEW a floating-point width (binary16 needs Zvfh). */
function fpUnit(h: Hart, d: Decoded): VectorState {
  const v = vec(h, d);
  frmOf(h, d);
  checkFpWidth(d, v.sew, HALF_FULL, 'SEW');
  return v;
}

const inactive = (m: Uint8Array, i: number): boolean => ((m[i >>> 3] >>> (i & 7)) & 1) === 0;

/** f[r] NaN-boxed to binary32 bits. */
export function scalar32(h: Hart, r: number): number {
  return h.fi[(r << 1) + 1] === -1 ? h.fi[r << 1] : CANON32;
}
/** f[r] NaN-boxed to binary16 bits. */
function scalar16(h: Hart, r: number): number {
  const lo = h.fi[r << 1];
  return h.fi[(r << 1) + 1] === -1 && (lo >>> 16) === 0xffff ? lo & 0xffff : CANON16;
}
/** f[r] at SEW 16 or 32 as bits (the small formats). */
const scalarSm = (h: Hart, r: number, w16: boolean): number => (w16 ? scalar16(h, r) : scalar32(h, r));

/** End of an instruction: merge the flags raised by its active elements. */
function flags(h: Hart): void { h.fflags |= fpFlags.v; }

// ---------------------------------------------------------------- single-width binary operations

const enum B { Add, Sub, RSub, Mul, Div, RDiv, Min, Max, Sgnj, Sgnjn, Sgnjx }
/** The binary32 arithmetic loops of B.Add..B.Mul. */
const ARITH: readonly F32Arith[] = ['add', 'sub', 'rsub', 'mul'];

/** a op b on binary32 (w16 false) or binary16 bits. */
function opSm(k: B, a: number, b: number, rm: number, w16: boolean): number {
  switch (k) {
    case B.Add: return w16 ? add16(a, b, rm) : add32(a, b, rm);
    case B.Sub: return w16 ? sub16(a, b, rm) : sub32(a, b, rm);
    case B.RSub: return w16 ? sub16(b, a, rm) : sub32(b, a, rm);
    case B.Mul: return w16 ? mul16(a, b, rm) : mul32(a, b, rm);
    case B.Div: return w16 ? div16(a, b, rm) : div32(a, b, rm);
    case B.RDiv: return w16 ? div16(b, a, rm) : div32(b, a, rm);
    case B.Min: return w16 ? min16(a, b) : min32(a, b);
    case B.Max: return w16 ? max16(a, b) : max32(a, b);
    default: {
      const sb = w16 ? 0x8000 : -2147483648;
      const s = k === B.Sgnj ? b : k === B.Sgnjn ? ~b : a ^ b;
      return (a & ~sb) | (s & sb);
    }
  }
}

/** vd[i] = vs2[i] op (vs1[i] or f[rs1]) at SEW 16/32. */
function binSm(h: Hart, v: VectorState, d: Decoded, k: B, vf: boolean, rm: number): void {
  const start = v.vstart, end = v.vl, w16 = v.sew === 16;
  const arr = w16 ? v.u16 : v.i32, per = v.vlenb >>> v.sewShift;
  const dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
  const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
  const sc = vf ? scalarSm(h, d.rs1, w16) : 0;
  if (!w16 && !masked) {
    // binary32 unmasked: the kernel cases have loops of their own (f32-loops.ts).
    if (rm === RNE && k <= B.Mul) { arithLoop(ARITH[k], vf)(v, dB, aB, bB, sc, rm, start, end); return; }
    if (k === B.Min || k === B.Max) { minMaxLoop(k === B.Max, vf)(v, dB, aB, bB, sc, rm, start, end); return; }
  }
  if (!w16 && !masked && (k === B.Add || k === B.Mul)) {
    // The common kernel operations, without the mask test and the dispatch.
    const x = v.i32;
    if (k === B.Add) {
      if (vf) for (let i = start; i < end; i++) x[dB + i] = add32(x[aB + i], sc, rm);
      else for (let i = start; i < end; i++) x[dB + i] = add32(x[aB + i], x[bB + i], rm);
    } else if (vf) for (let i = start; i < end; i++) x[dB + i] = mul32(x[aB + i], sc, rm);
    else for (let i = start; i < end; i++) x[dB + i] = mul32(x[aB + i], x[bB + i], rm);
    return;
  }
  for (let i = start; i < end; i++) {
    if (masked && inactive(m, i)) { if (ones) arr[dB + i] = -1; continue; }
    arr[dB + i] = opSm(k, arr[aB + i], vf ? sc : arr[bB + i], rm, w16);
  }
}

/** The same at SEW 64: arithmetic on numbers, sign injection on the high words. */
function bin64(h: Hart, v: VectorState, d: Decoded, k: B, vf: boolean, rm: number): void {
  const start = v.vstart, end = v.vl, f = v.f64, x = v.i32, per = v.vlenb >>> 3;
  const dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
  const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
  if (k >= B.Sgnj) {
    const shi = h.fi[(d.rs1 << 1) + 1];
    for (let i = start; i < end; i++) {
      const o = (dB + i) << 1;
      if (masked && inactive(m, i)) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
      const a = (aB + i) << 1, ahi = x[a + 1], bhi = vf ? shi : x[((bB + i) << 1) + 1];
      const s = k === B.Sgnj ? bhi : k === B.Sgnjn ? ~bhi : ahi ^ bhi;
      x[o] = x[a]; x[o + 1] = (ahi & 0x7fffffff) | (s & -2147483648);
    }
    return;
  }
  const sc = vf ? h.f64[d.rs1] : 0;
  for (let i = start; i < end; i++) {
    if (masked && inactive(m, i)) { if (ones) { const o = (dB + i) << 1; x[o] = -1; x[o + 1] = -1; } continue; }
    const a = f[aB + i], b = vf ? sc : f[bB + i];
    let r: number;
    switch (k) {
      case B.Add: r = add64(a, b, rm); break;
      case B.Sub: r = sub64(a, b, rm); break;
      case B.RSub: r = sub64(b, a, rm); break;
      case B.Mul: r = mul64(a, b, rm); break;
      case B.Div: r = div64(a, b, rm); break;
      case B.RDiv: r = div64(b, a, rm); break;
      case B.Min: r = min64(a, b); break;
      default: r = max64(a, b); break;
    }
    f[dB + i] = r;
  }
}

function binary(h: Hart, d: Decoded, k: B, vf: boolean): void {
  const v = fpUnit(h, d);
  checkVV(d, v, !vf);
  const rm = h.frm;
  fpFlags.v = 0;
  if (v.vstart < v.vl) {
    if (v.sew === 64) bin64(h, v, d, k, vf, rm); else binSm(h, v, d, k, vf, rm);
  }
  flags(h);
  finish(v, d.rd, v.sewShift, v.lmulLog, v.vstart);
}

// ---------------------------------------------------------------- fused multiply-add

/**
 * neg: bit 0 negates the product, bit 1 the addend. `vdMul`: vd is a factor and vs2 the addend
 * (vfmadd family); otherwise vd is the addend (vfmacc family). The product is (vs1 or f[rs1]) * (vs2 or vd).
 */
function fmaSm(h: Hart, v: VectorState, d: Decoded, neg: number, vdMul: boolean, vf: boolean, rm: number): void {
  const start = v.vstart, end = v.vl, w16 = v.sew === 16;
  const arr = w16 ? v.u16 : v.i32, per = v.vlenb >>> v.sewShift;
  const dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
  const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
  const sc = vf ? scalarSm(h, d.rs1, w16) : 0;
  if (!w16 && !masked) {
    // binary32 unmasked: the kernel case.
    if (rm === RNE) { fmaLoop(vf, vdMul, neg)(v, dB, aB, bB, sc, rm, start, end); return; }
    const x = v.i32;
    if (vdMul) {
      if (vf) for (let i = start; i < end; i++) x[dB + i] = fma32(sc, x[dB + i], x[aB + i], neg, rm);
      else for (let i = start; i < end; i++) x[dB + i] = fma32(x[bB + i], x[dB + i], x[aB + i], neg, rm);
    } else if (vf) for (let i = start; i < end; i++) x[dB + i] = fma32(sc, x[aB + i], x[dB + i], neg, rm);
    else for (let i = start; i < end; i++) x[dB + i] = fma32(x[bB + i], x[aB + i], x[dB + i], neg, rm);
    return;
  }
  for (let i = start; i < end; i++) {
    if (masked && inactive(m, i)) { if (ones) arr[dB + i] = -1; continue; }
    const b = vf ? sc : arr[bB + i], a = arr[aB + i], c = arr[dB + i];
    const p = vdMul ? c : a, z = vdMul ? a : c;
    arr[dB + i] = w16 ? fma16(b, p, z, neg, rm) : fma32(b, p, z, neg, rm);
  }
}

function fma64Loop(h: Hart, v: VectorState, d: Decoded, neg: number, vdMul: boolean, vf: boolean, rm: number): void {
  const start = v.vstart, end = v.vl, f = v.f64, x = v.i32, per = v.vlenb >>> 3;
  const dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
  const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
  const sc = vf ? h.f64[d.rs1] : 0;
  for (let i = start; i < end; i++) {
    const o = dB + i;
    if (masked && inactive(m, i)) { if (ones) { x[o << 1] = -1; x[(o << 1) + 1] = -1; } continue; }
    const a = aB + i;
    if (vf) f[o] = vdMul ? fma64(sc, f[o], f[a], neg, rm) : fma64(sc, f[a], f[o], neg, rm);
    else if (vdMul) fma64v(f, o, bB + i, o, a, neg, rm);
    else fma64v(f, o, bB + i, a, o, neg, rm);
  }
}

function fmaOp(h: Hart, d: Decoded, neg: number, vdMul: boolean, vf: boolean): void {
  const v = fpUnit(h, d);
  checkVV(d, v, !vf);
  const rm = h.frm;
  fpFlags.v = 0;
  if (v.vstart < v.vl) {
    if (v.sew === 64) fma64Loop(h, v, d, neg, vdMul, vf, rm); else fmaSm(h, v, d, neg, vdMul, vf, rm);
  }
  flags(h);
  finish(v, d.rd, v.sewShift, v.lmulLog, v.vstart);
}

// ---------------------------------------------------------------- widening arithmetic

const enum W { Add, Sub, Mul }

/**
 * vd (2*SEW) = a op b with a = vs2 (wide for the .w forms) and b = vs1 / f[rs1], narrow operands widened
 * exactly first (a signaling NaN raises NV there and becomes the canonical NaN, as the result would be).
 * With `fma` (neg as above), vd = ±(b * a) ± vd instead.
 */
function widenOp(h: Hart, d: Decoded, k: W, vf: boolean, aWide: boolean, fma: boolean, neg: number): void {
  const v = vec(h, d);
  frmOf(h, d);
  checkFpWidth(d, v.sew, HALF_FULL, 'SEW');
  checkWide(d, v, !vf, aWide);
  const rm = h.frm, start = v.vstart, end = v.vl;
  fpFlags.v = 0;
  if (start < end) {
    const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const nper = v.vlenb >>> v.sewShift, wper = nper >>> 1;
    const dB = d.rd * wper, aB = d.rs2 * (aWide ? wper : nper), bB = d.rs1 * nper;
    if (v.sew === 32) {
      const n = v.i32, f = v.f64, sc = vf ? scalar32(h, d.rs1) : 0;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) { n[(dB + i) << 1] = -1; n[((dB + i) << 1) + 1] = -1; } continue; }
        const a = aWide ? f[aB + i] : f32ToF64(n[aB + i]);
        const b = f32ToF64(vf ? sc : n[bB + i]);
        if (fma) f[dB + i] = fma64(b, a, f[dB + i], neg, rm);
        else f[dB + i] = k === W.Add ? add64(a, b, rm) : k === W.Sub ? sub64(a, b, rm) : mul64(a, b, rm);
      }
    } else {
      const n = v.u16, w = v.i32, sc = vf ? scalar16(h, d.rs1) : 0;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) w[dB + i] = -1; continue; }
        const a = aWide ? w[aB + i] : f16ToF32(n[aB + i]);
        const b = f16ToF32(vf ? sc : n[bB + i]);
        if (fma) w[dB + i] = fma32(b, a, w[dB + i], neg, rm);
        else w[dB + i] = k === W.Add ? add32(a, b, rm) : k === W.Sub ? sub32(a, b, rm) : mul32(a, b, rm);
      }
    }
  }
  flags(h);
  finish(v, d.rd, v.sewShift + 1, v.lmulLog + 1, start);
}

// ---------------------------------------------------------------- single-width unary operations

const enum U { Sqrt, Rsqrt7, Rec7, Class, ToXU, ToX, FromXU, FromX }

function unary(h: Hart, d: Decoded, k: U, rtz: boolean): void {
  const v = fpUnit(h, d);
  checkVV(d, v, false);
  const rm = rtz ? RTZ : h.frm, start = v.vstart, end = v.vl;
  fpFlags.v = 0;
  if (start < end) {
    const masked = d.rm === 0, m = v.u8, ones = v.maskOnes, per = v.vlenb >>> v.sewShift;
    const dB = d.rd * per, aB = d.rs2 * per;
    if (v.sew === 64) {
      const f = v.f64, x = v.i32;
      for (let i = start; i < end; i++) {
        const o = (dB + i) << 1, a = (aB + i) << 1;
        if (masked && inactive(m, i)) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
        switch (k) {
          case U.Sqrt: f[dB + i] = sqrt64(f[aB + i], rm); break;
          case U.Rsqrt7: rsqrt7f64(x[a], x[a + 1], x, o); break;
          case U.Rec7: rec7f64(x[a], x[a + 1], rm, x, o); break;
          case U.Class: x[o] = class64(f[aB + i]); x[o + 1] = 0; break;
          case U.ToXU: f64ToU64(f[aB + i], rm, x, o); break;
          case U.ToX: f64ToI64(f[aB + i], rm, x, o); break;
          case U.FromXU: f[dB + i] = u64ToF64(x[a], x[a + 1], rm); break;
          default: f[dB + i] = i64ToF64(x[a], x[a + 1], rm); break;
        }
      }
    } else if (v.sew === 32 && !masked && k >= U.ToXU) {
      const conv = k === U.ToXU ? F32_TO_U32 : k === U.ToX ? F32_TO_I32 : k === U.FromXU ? U32_TO_F32 : I32_TO_F32;
      conv(v, dB, aB, 0, 0, rm, start, end);
    } else if (v.sew === 32) {
      const x = v.i32;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) x[dB + i] = -1; continue; }
        const a = x[aB + i];
        let r: number;
        switch (k) {
          case U.Sqrt: r = sqrt32(a, rm); break;
          case U.Rsqrt7: r = rsqrt7f32(a); break;
          case U.Rec7: r = rec7f32(a, rm); break;
          case U.Class: r = class32(a); break;
          case U.ToXU: r = f32ToU32(a, rm); break;
          case U.ToX: r = f32ToI32(a, rm); break;
          case U.FromXU: r = u32ToF32(a, rm); break;
          default: r = i32ToF32(a, rm); break;
        }
        x[dB + i] = r;
      }
    } else {
      const x = v.u16;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) x[dB + i] = 0xffff; continue; }
        const a = x[aB + i];
        let r: number;
        switch (k) {
          case U.Sqrt: r = sqrt16(a, rm); break;
          case U.Rsqrt7: r = rsqrt7f16(a); break;
          case U.Rec7: r = rec7f16(a, rm); break;
          case U.Class: r = class16(a); break;
          case U.ToXU: r = f64ToInt(f16Value(a), rm, 0, 65535); break;
          case U.ToX: r = f64ToInt(f16Value(a), rm, -32768, 32767); break;
          case U.FromXU: r = f64ToF16(a, rm); break;
          default: r = f64ToF16((a << 16) >> 16, rm); break;
        }
        x[dB + i] = r;
      }
    }
  }
  flags(h);
  finish(v, d.rd, v.sewShift, v.lmulLog, start);
}

// ---------------------------------------------------------------- widening and narrowing conversions

/** Conversion kinds: float -> unsigned / signed integer, unsigned / signed integer -> float, float -> float. */
const enum C { ToXU, ToX, FromXU, FromX, FF, Rod }

/** vfwcvt.*: SEW -> 2*SEW. */
function wcvt(h: Hart, d: Decoded, k: C, rtz: boolean): void {
  const v = vec(h, d);
  frmOf(h, d);
  const sew = v.sew, fromInt = k === C.FromXU || k === C.FromX;
  // The source is an integer of SEW 8/16/32 (binary16 results need Zvfh) or a float of SEW 16/32.
  if (fromInt ? (sew === 8 && d.rs3 < HALF_FULL) || sew === 64 : sew !== 32 && !(sew === 16 && d.rs3 >= (k === C.FF ? HALF_MIN : HALF_FULL))) {
    illegal(d, `no widening conversion from SEW ${sew}${sew <= 16 ? ' (binary16 needs Zvfh / Zvfhmin in --isa)' : ''}`);
  }
  checkWide(d, v, false, false);
  const rm = rtz ? RTZ : h.frm, start = v.vstart, end = v.vl;
  fpFlags.v = 0;
  if (start < end) {
    const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const nper = v.vlenb >>> v.sewShift, wper = nper >>> 1, dB = d.rd * wper, aB = d.rs2 * nper;
    if (sew === 32) {
      const x = v.i32, f = v.f64;
      for (let i = start; i < end; i++) {
        const o = (dB + i) << 1;
        if (masked && inactive(m, i)) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
        const a = x[aB + i];
        switch (k) {
          case C.ToXU: f32ToU64(a, rm, x, o); break;
          case C.ToX: f32ToI64(a, rm, x, o); break;
          case C.FromXU: f[dB + i] = a >>> 0; break;
          case C.FromX: f[dB + i] = a; break;
          default: f[dB + i] = f32ToF64(a); break;
        }
      }
    } else if (sew === 16) {
      const n = v.u16, w = v.i32;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) w[dB + i] = -1; continue; }
        const a = n[aB + i];
        let r: number;
        switch (k) {
          case C.ToXU: r = f64ToInt(f16Value(a), rm, 0, 4294967295) | 0; break;
          case C.ToX: r = f64ToInt(f16Value(a), rm, -2147483648, 2147483647); break;
          case C.FromXU: r = i32ToF32(a, rm); break;
          case C.FromX: r = i32ToF32((a << 16) >> 16, rm); break;
          default: r = f16ToF32(a); break;
        }
        w[dB + i] = r;
      }
    } else {
      const n = v.i8, w = v.u16;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) w[dB + i] = 0xffff; continue; }
        const a = n[aB + i];
        w[dB + i] = f64ToF16(k === C.FromXU ? a & 0xff : a, rm);
      }
    }
  }
  flags(h);
  finish(v, d.rd, v.sewShift + 1, v.lmulLog + 1, start);
}

/** vfncvt.*: 2*SEW -> SEW. */
function ncvt(h: Hart, d: Decoded, k: C, rtz: boolean): void {
  const v = vec(h, d);
  frmOf(h, d);
  const sew = v.sew, toInt = k === C.ToXU || k === C.ToX;
  // The destination is an integer of SEW 8/16/32 (from binary16 needs Zvfh) or a float of SEW 16/32.
  if (toInt ? (sew === 8 && d.rs3 < HALF_FULL) || sew === 64 : sew !== 32 && !(sew === 16 && d.rs3 >= (k === C.FF ? HALF_MIN : HALF_FULL))) {
    illegal(d, `no narrowing conversion to SEW ${sew}${sew <= 16 ? ' (binary16 needs Zvfh / Zvfhmin in --isa)' : ''}`);
  }
  checkNarrow(d, v, false);
  const rm = rtz ? RTZ : k === C.Rod ? ROD : h.frm, start = v.vstart, end = v.vl;
  fpFlags.v = 0;
  if (start < end) {
    const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const nper = v.vlenb >>> v.sewShift, wper = nper >>> 1, dB = d.rd * nper, aB = d.rs2 * wper;
    if (sew === 32) {
      const x = v.i32, f = v.f64;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) x[dB + i] = -1; continue; }
        const a = (aB + i) << 1;
        let r: number;
        switch (k) {
          case C.ToXU: r = f64ToU32(f[aB + i], rm); break;
          case C.ToX: r = f64ToI32(f[aB + i], rm); break;
          case C.FromXU: r = u64ToF32(x[a], x[a + 1], rm); break;
          case C.FromX: r = i64ToF32(x[a], x[a + 1], rm); break;
          default: r = f64ToF32(f[aB + i], rm); break;
        }
        x[dB + i] = r;
      }
    } else if (sew === 16) {
      const n = v.u16, w = v.i32;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) n[dB + i] = 0xffff; continue; }
        const a = w[aB + i];
        let r: number;
        switch (k) {
          case C.ToXU: r = f64ToInt(f32Value(a), rm, 0, 65535); break;
          case C.ToX: r = f64ToInt(f32Value(a), rm, -32768, 32767); break;
          case C.FromXU: r = f64ToF16(a >>> 0, rm); break;
          case C.FromX: r = f64ToF16(a, rm); break;
          default: r = f32ToF16(a, rm); break;
        }
        n[dB + i] = r;
      }
    } else {
      const n = v.i8, w = v.u16;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) { if (ones) n[dB + i] = -1; continue; }
        n[dB + i] = k === C.ToXU ? f64ToInt(f16Value(w[aB + i]), rm, 0, 255) : f64ToInt(f16Value(w[aB + i]), rm, -128, 127);
      }
    }
  }
  flags(h);
  finish(v, d.rd, v.sewShift, v.lmulLog, start);
}

// ---------------------------------------------------------------- compares

const enum Q { Eq, Ne, Lt, Le, Gt, Ge }

let cmpBits = new Uint8Array(0);

/** Mask bit vd[i] = vs2[i] cmp (vs1[i] or f[rs1]); results are gathered first as vd may be a source. */
function compareOp(h: Hart, d: Decoded, k: Q, vf: boolean): void {
  const v = fpUnit(h, d);
  checkMaskOut(d, v, !vf);
  const start = v.vstart, end = v.vl;
  fpFlags.v = 0;
  if (start < end) {
    if (cmpBits.length < v.vlen) cmpBits = new Uint8Array(v.vlen);
    const bits = cmpBits, masked = d.rm === 0, m = v.u8, per = v.vlenb >>> v.sewShift;
    const aB = d.rs2 * per, bB = d.rs1 * per;
    if (v.sew === 64) {
      const f = v.f64, sc = vf ? h.f64[d.rs1] : 0;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) continue;
        const a = f[aB + i], b = vf ? sc : f[bB + i];
        let r: number;
        switch (k) {
          case Q.Eq: r = eq64(a, b); break;
          case Q.Ne: r = eq64(a, b) ^ 1; break;
          case Q.Lt: r = lt64(a, b); break;
          case Q.Le: r = le64(a, b); break;
          case Q.Gt: r = lt64(b, a); break;
          default: r = le64(b, a); break;
        }
        bits[i] = r;
      }
    } else {
      const w16 = v.sew === 16, arr = w16 ? v.u16 : v.i32, sc = vf ? scalarSm(h, d.rs1, w16) : 0;
      for (let i = start; i < end; i++) {
        if (masked && inactive(m, i)) continue;
        const a = arr[aB + i], b = vf ? sc : arr[bB + i];
        let r: number;
        switch (k) {
          case Q.Eq: r = w16 ? eq16(a, b) : eq32(a, b); break;
          case Q.Ne: r = (w16 ? eq16(a, b) : eq32(a, b)) ^ 1; break;
          case Q.Lt: r = w16 ? lt16(a, b) : lt32(a, b); break;
          case Q.Le: r = w16 ? le16(a, b) : le32(a, b); break;
          case Q.Gt: r = w16 ? lt16(b, a) : lt32(b, a); break;
          default: r = w16 ? le16(b, a) : le32(b, a); break;
        }
        bits[i] = r;
      }
    }
    const dm = d.rd * v.vlenb, ones = v.maskOnes;
    for (let i = start; i < end; i++) {
      const byte = dm + (i >>> 3), bit = 1 << (i & 7);
      let b = bits[i];
      if (masked && inactive(m, i)) { if (!ones) continue; b = 1; }
      m[byte] = b !== 0 ? m[byte] | bit : m[byte] & ~bit;
    }
  }
  flags(h);
  finishMask(v, d.rd, start);
}

// ---------------------------------------------------------------- reductions

const enum R { Sum, Min, Max }

/** vd[0] = vs1[0] op each active vs2[i] in element order (vfredusum = vfredosum; see the file header). */
function reduceOp(h: Hart, d: Decoded, k: R): void {
  const v = fpUnit(h, d);
  checkAlign(d, d.rs2, v.lmulLog, 'vs2');
  checkVstartZero(d, v);
  const end = v.vl;
  if (end === 0) return;
  const rm = h.frm, masked = d.rm === 0, m = v.u8, per = v.vlenb >>> v.sewShift, aB = d.rs2 * per;
  fpFlags.v = 0;
  if (v.sew === 64) {
    const f = v.f64;
    let acc = f[d.rs1 * per];
    for (let i = 0; i < end; i++) {
      if (masked && inactive(m, i)) continue;
      const a = f[aB + i];
      acc = k === R.Sum ? add64(acc, a, rm) : k === R.Min ? min64(acc, a) : max64(acc, a);
    }
    f[d.rd * per] = acc;
  } else if (v.sew === 32 && !masked) {
    (k === R.Sum ? RED_SUM : k === R.Min ? RED_MIN : RED_MAX)(v, d.rd * per, aB, d.rs1 * per, 0, rm, 0, end);
  } else {
    const w16 = v.sew === 16, arr = w16 ? v.u16 : v.i32;
    let acc = arr[d.rs1 * per];
    for (let i = 0; i < end; i++) {
      if (masked && inactive(m, i)) continue;
      const a = arr[aB + i];
      if (k === R.Sum) acc = w16 ? add16(acc, a, rm) : add32(acc, a, rm);
      else if (k === R.Min) acc = w16 ? min16(acc, a) : min32(acc, a);
      else acc = w16 ? max16(acc, a) : max32(acc, a);
    }
    arr[d.rd * per] = acc;
  }
  flags(h);
  finishScalar(v, d.rd, v.sewShift);
}

/** vfwred[ou]sum: the 2*SEW sum of vs1[0] and the active vs2 elements, each widened exactly, in order. */
function wreduceOp(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  frmOf(h, d);
  checkFpWidth(d, v.sew === 64 ? 8 : v.sew, HALF_FULL, 'SEW (a widening reduction needs SEW 16 or 32)');
  checkAlign(d, d.rs2, v.lmulLog, 'vs2');
  checkVstartZero(d, v);
  const end = v.vl;
  if (end === 0) return;
  const rm = h.frm, masked = d.rm === 0, m = v.u8, nper = v.vlenb >>> v.sewShift, wper = nper >>> 1, aB = d.rs2 * nper;
  fpFlags.v = 0;
  if (v.sew === 32) {
    const f = v.f64, n = v.i32;
    let acc = f[d.rs1 * wper];
    for (let i = 0; i < end; i++) if (!(masked && inactive(m, i))) acc = add64(acc, f32ToF64(n[aB + i]), rm);
    f[d.rd * wper] = acc;
  } else {
    const w = v.i32, n = v.u16;
    let acc = w[d.rs1 * wper];
    for (let i = 0; i < end; i++) if (!(masked && inactive(m, i))) acc = add32(acc, f16ToF32(n[aB + i]), rm);
    w[d.rd * wper] = acc;
  }
  flags(h);
  finishScalar(v, d.rd, v.sewShift + 1);
}

// ---------------------------------------------------------------- moves, merge and slides

/** Element i of the group at base dB (in elements) = f[r] NaN-boxed to SEW. */
function putScalar(h: Hart, v: VectorState, dB: number, i: number, r: number): void {
  switch (v.sew) {
    case 64: { const o = (dB + i) << 1; v.i32[o] = h.fi[r << 1]; v.i32[o + 1] = h.fi[(r << 1) + 1]; break; }
    case 32: v.i32[dB + i] = scalar32(h, r); break;
    default: v.u16[dB + i] = scalar16(h, r); break;
  }
}
function copyEl(v: VectorState, dB: number, i: number, sB: number, j: number): void {
  switch (v.sew) {
    case 64: { const o = (dB + i) << 1, a = (sB + j) << 1; v.i32[o] = v.i32[a]; v.i32[o + 1] = v.i32[a + 1]; break; }
    case 32: v.i32[dB + i] = v.i32[sB + j]; break;
    default: v.u16[dB + i] = v.u16[sB + j]; break;
  }
}
function onesEl(v: VectorState, dB: number, i: number): void {
  if (v.sew === 64) { const o = (dB + i) << 1; v.i32[o] = -1; v.i32[o + 1] = -1; } else if (v.sew === 32) v.i32[dB + i] = -1; else v.u16[dB + i] = 0xffff;
}

/** vfmerge.vfm (merge) / vfmv.v.f (splat): body elements get f[rs1], or vs2[i] where v0 is clear. */
function mergeOp(h: Hart, d: Decoded, merge: boolean): void {
  const v = fpUnit(h, d);
  const l = v.lmulLog;
  checkAlign(d, d.rd, l, 'vd');
  if (merge) { checkAlign(d, d.rs2, l, 'vs2'); checkMaskDest(d); }
  const start = v.vstart, end = v.vl, per = v.vlenb >>> v.sewShift, dB = d.rd * per, sB = d.rs2 * per, m = v.u8;
  for (let i = start; i < end; i++) {
    if (merge && inactive(m, i)) copyEl(v, dB, i, sB, i); else putScalar(h, v, dB, i, d.rs1);
  }
  finish(v, d.rd, v.sewShift, l, start);
}

function vfmvFS(h: Hart, d: Decoded): void {
  const v = fpUnit(h, d);
  const r = d.rd << 1, b = d.rs2 * (v.vlenb >>> v.sewShift);
  switch (v.sew) {
    case 64: h.fi[r] = v.i32[b << 1]; h.fi[r + 1] = v.i32[(b << 1) + 1]; break;
    case 32: h.fi[r] = v.i32[b]; h.fi[r + 1] = -1; break;
    default: h.fi[r] = v.u16[b] | 0xffff0000; h.fi[r + 1] = -1; break;
  }
  v.vstart = 0;
}

function vfmvSF(h: Hart, d: Decoded): void {
  const v = fpUnit(h, d);
  if (v.vstart < v.vl) {
    putScalar(h, v, d.rd * (v.vlenb >>> v.sewShift), 0, d.rs1);
    finishScalar(v, d.rd, v.sewShift);
  }
  v.vstart = 0;
}

function slide1(h: Hart, d: Decoded, up: boolean): void {
  const v = fpUnit(h, d);
  const l = v.lmulLog;
  checkAlign(d, d.rd, l, 'vd'); checkAlign(d, d.rs2, l, 'vs2');
  checkMaskDest(d);
  if (up) checkNoOverlap(d, d.rd, nregs(l), d.rs2, nregs(l), 'vs2');
  const start = v.vstart, end = v.vl, per = v.vlenb >>> v.sewShift, dB = d.rd * per, sB = d.rs2 * per;
  const masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
  for (let i = start; i < end; i++) {
    if (masked && inactive(m, i)) { if (ones) onesEl(v, dB, i); continue; }
    if (up) { if (i === 0) putScalar(h, v, dB, 0, d.rs1); else copyEl(v, dB, i, sB, i - 1); }
    else if (i === end - 1) putScalar(h, v, dB, i, d.rs1); else copyEl(v, dB, i, sB, i + 1);
  }
  finish(v, d.rd, v.sewShift, l, start);
}

// ---------------------------------------------------------------- the table

const bin = (k: B): [ExecFn, ExecFn] => [(h, d) => binary(h, d, k, false), (h, d) => binary(h, d, k, true)];
const fm = (neg: number, vdMul: boolean): [ExecFn, ExecFn] =>
  [(h, d) => fmaOp(h, d, neg, vdMul, false), (h, d) => fmaOp(h, d, neg, vdMul, true)];
const wfm = (neg: number): [ExecFn, ExecFn] =>
  [(h, d) => widenOp(h, d, W.Add, false, false, true, neg), (h, d) => widenOp(h, d, W.Add, true, false, true, neg)];
const cmp = (k: Q): [ExecFn, ExecFn] => [(h, d) => compareOp(h, d, k, false), (h, d) => compareOp(h, d, k, true)];

const table: Semantics = {};
const both = (name: string, [vv, vf]: [ExecFn, ExecFn]): void => { table[`${name}.vv`] = vv; table[`${name}.vf`] = vf; };

both('vfadd', bin(B.Add)); both('vfsub', bin(B.Sub)); both('vfmul', bin(B.Mul)); both('vfdiv', bin(B.Div));
both('vfmin', bin(B.Min)); both('vfmax', bin(B.Max));
both('vfsgnj', bin(B.Sgnj)); both('vfsgnjn', bin(B.Sgnjn)); both('vfsgnjx', bin(B.Sgnjx));
table['vfrsub.vf'] = bin(B.RSub)[1];
table['vfrdiv.vf'] = bin(B.RDiv)[1];

// vd = ±(vs1 * vs2) ± vd, and vd = ±(vs1 * vd) ± vs2 (neg bit 0: product, bit 1: addend).
both('vfmacc', fm(0, false)); both('vfnmacc', fm(3, false)); both('vfmsac', fm(2, false)); both('vfnmsac', fm(1, false));
both('vfmadd', fm(0, true)); both('vfnmadd', fm(3, true)); both('vfmsub', fm(2, true)); both('vfnmsub', fm(1, true));
both('vfwmacc', wfm(0)); both('vfwnmacc', wfm(3)); both('vfwmsac', wfm(2)); both('vfwnmsac', wfm(1));

for (const [name, k] of [['vfwadd', W.Add], ['vfwsub', W.Sub], ['vfwmul', W.Mul]] as const) {
  table[`${name}.vv`] = (h, d) => widenOp(h, d, k, false, false, false, 0);
  table[`${name}.vf`] = (h, d) => widenOp(h, d, k, true, false, false, 0);
  if (k !== W.Mul) {
    table[`${name}.wv`] = (h, d) => widenOp(h, d, k, false, true, false, 0);
    table[`${name}.wf`] = (h, d) => widenOp(h, d, k, true, true, false, 0);
  }
}

table['vfsqrt.v'] = (h, d) => unary(h, d, U.Sqrt, false);
table['vfrsqrt7.v'] = (h, d) => unary(h, d, U.Rsqrt7, false);
table['vfrec7.v'] = (h, d) => unary(h, d, U.Rec7, false);
table['vfclass.v'] = (h, d) => unary(h, d, U.Class, false);
table['vfcvt.xu.f.v'] = (h, d) => unary(h, d, U.ToXU, false);
table['vfcvt.x.f.v'] = (h, d) => unary(h, d, U.ToX, false);
table['vfcvt.rtz.xu.f.v'] = (h, d) => unary(h, d, U.ToXU, true);
table['vfcvt.rtz.x.f.v'] = (h, d) => unary(h, d, U.ToX, true);
table['vfcvt.f.xu.v'] = (h, d) => unary(h, d, U.FromXU, false);
table['vfcvt.f.x.v'] = (h, d) => unary(h, d, U.FromX, false);

table['vfwcvt.xu.f.v'] = (h, d) => wcvt(h, d, C.ToXU, false);
table['vfwcvt.x.f.v'] = (h, d) => wcvt(h, d, C.ToX, false);
table['vfwcvt.rtz.xu.f.v'] = (h, d) => wcvt(h, d, C.ToXU, true);
table['vfwcvt.rtz.x.f.v'] = (h, d) => wcvt(h, d, C.ToX, true);
table['vfwcvt.f.xu.v'] = (h, d) => wcvt(h, d, C.FromXU, false);
table['vfwcvt.f.x.v'] = (h, d) => wcvt(h, d, C.FromX, false);
table['vfwcvt.f.f.v'] = (h, d) => wcvt(h, d, C.FF, false);

table['vfncvt.xu.f.w'] = (h, d) => ncvt(h, d, C.ToXU, false);
table['vfncvt.x.f.w'] = (h, d) => ncvt(h, d, C.ToX, false);
table['vfncvt.rtz.xu.f.w'] = (h, d) => ncvt(h, d, C.ToXU, true);
table['vfncvt.rtz.x.f.w'] = (h, d) => ncvt(h, d, C.ToX, true);
table['vfncvt.f.xu.w'] = (h, d) => ncvt(h, d, C.FromXU, false);
table['vfncvt.f.x.w'] = (h, d) => ncvt(h, d, C.FromX, false);
table['vfncvt.f.f.w'] = (h, d) => ncvt(h, d, C.FF, false);
table['vfncvt.rod.f.f.w'] = (h, d) => ncvt(h, d, C.Rod, false);

both('vmfeq', cmp(Q.Eq)); both('vmfne', cmp(Q.Ne)); both('vmflt', cmp(Q.Lt)); both('vmfle', cmp(Q.Le));
table['vmfgt.vf'] = cmp(Q.Gt)[1];
table['vmfge.vf'] = cmp(Q.Ge)[1];

table['vfredusum.vs'] = (h, d) => reduceOp(h, d, R.Sum);
table['vfredosum.vs'] = (h, d) => reduceOp(h, d, R.Sum);
table['vfredmin.vs'] = (h, d) => reduceOp(h, d, R.Min);
table['vfredmax.vs'] = (h, d) => reduceOp(h, d, R.Max);
table['vfwredusum.vs'] = wreduceOp;
table['vfwredosum.vs'] = wreduceOp;

table['vfmerge.vfm'] = (h, d) => mergeOp(h, d, true);
table['vfmv.v.f'] = (h, d) => mergeOp(h, d, false);
table['vfmv.f.s'] = vfmvFS;
table['vfmv.s.f'] = vfmvSF;
table['vfslide1up.vf'] = (h, d) => slide1(h, d, true);
table['vfslide1down.vf'] = (h, d) => slide1(h, d, false);

/** Semantics of every vector floating-point instruction, by mnemonic. */
export const vfp: Semantics = table;
