// What every vector instruction shares: the legality checks (with a reason for the error message), mask
// bits, tail and mask policy, scalar operands, and the element loops the per-instruction files plug their
// arithmetic into.
//
// Element loops run from vstart to vl, skip masked-off elements (writing all ones to them under the 'ones'
// policy with vma set), then apply the tail policy and reset vstart. Elements of SEW <= 32 are JS numbers
// read through the signed view of their width (the store truncates, so arithmetic needs no masking);
// 64-bit elements are int32 pairs (lo, hi) in the Int32Array view, computed with src/isa/int64.ts, so no
// loop allocates. Each loop calls a small op function per element; the commonest operations (add, sub,
// logic, mul, vmacc, vwmacc, vmseq/vmsne) also have inlined loops for the unmasked case, and their execs
// skip the general checks when the registers are plainly legal. A block translator can later specialize
// every instruction the same way (only the op call differs between instructions of a shape).
import { IllegalInstruction } from '../errors.js';
import type { Hart } from '../isa/hart.js';
import type { Decoded } from '../isa/spec.js';
import { attachVector, VectorState } from './state.js';

export type { VectorState };

/** Throw the illegal-instruction error for d, with the reason. */
export function illegal(d: Decoded, why: string): never {
  throw new IllegalInstruction(d.pc, d.raw, d.len, `illegal vector instruction: ${d.spec.name}: ${why}`);
}

/** The hart's vector unit (attached with defaults on first use). */
export function vunit(h: Hart): VectorState {
  const v = h.vector as VectorState | undefined;
  return v !== undefined ? v : attachVector(h);
}

/** The vector unit for an instruction that depends on vtype: illegal while vtype.vill is set. */
export function vec(h: Hart, d: Decoded): VectorState {
  const v = vunit(h);
  if (v.vill) illegal(d, 'vtype is invalid (vill is set: no vsetvli yet, or an unsupported vtype)');
  return v;
}

const lmulText = (log: number): string => (log >= 0 ? `${1 << log}` : `1/${1 << -log}`);

/** Registers in a group of EMUL = 2^emulLog (fractional groups occupy one register). */
export const nregs = (emulLog: number): number => (emulLog > 0 ? 1 << emulLog : 1);

/** The register number must be a multiple of EMUL. */
export function checkAlign(d: Decoded, reg: number, emulLog: number, role: string): void {
  if (emulLog > 0 && (reg & ((1 << emulLog) - 1)) !== 0) {
    illegal(d, `${role} v${reg} is not a multiple of EMUL=${1 << emulLog}`);
  }
}

/** EMUL = EEW/SEW * LMUL must lie in 1/8..8. Returns log2(EMUL). */
export function emulOf(d: Decoded, v: VectorState, eewShift: number, what = 'EEW'): number {
  const e = eewShift - v.sewShift + v.lmulLog;
  if (e > 3 || e < -3) {
    illegal(d, `${what}=${8 << eewShift} with SEW=${v.sew}, LMUL=${lmulText(v.lmulLog)} gives EMUL=${lmulText(e)} (must be 1/8..8)`);
  }
  return e;
}

export const overlaps = (a: number, an: number, b: number, bn: number): boolean => a < b + bn && b < a + an;

/** A masked instruction writing vector elements (not a mask) cannot have v0 as destination. */
export function checkMaskDest(d: Decoded): void {
  if (d.rm === 0 && d.rd === 0) illegal(d, 'masked instruction with v0 as destination (v0 holds the mask)');
}

/**
 * The overlap rules between a destination group (EEW 2^dEew bytes, EMUL 2^dLog) and a source group: any
 * overlap with equal EEW; with a smaller destination EEW only the destination starting at the source
 * (its lowest part); with a larger destination EEW only a source of EMUL >= 1 at the destination's top.
 */
export function checkOverlap(d: Decoded, vd: number, dLog: number, dEew: number, vs: number, sLog: number, sEew: number, role: string): void {
  const dn = nregs(dLog), sn = nregs(sLog);
  if (!overlaps(vd, dn, vs, sn) || dEew === sEew) return;
  if (dEew < sEew ? vd === vs : sLog >= 0 && vs === vd + dn - sn) return;
  illegal(d, `destination v${vd} overlaps source ${role} v${vs} (EEW ${8 << dEew} vs ${8 << sEew})`);
}

/** A destination that may not overlap a source at all (slides up, gathers, compress, viota...). */
export function checkNoOverlap(d: Decoded, vd: number, dn: number, vs: number, sn: number, role: string): void {
  if (overlaps(vd, dn, vs, sn)) illegal(d, `destination v${vd} overlaps source ${role} v${vs}`);
}

/** vstart must be 0 (reductions, vcpop, vfirst, vmsbf/vmsif/vmsof, viota, vcompress). */
export function checkVstartZero(d: Decoded, v: VectorState): void {
  if (v.vstart !== 0) illegal(d, `vstart is ${v.vstart}, must be 0`);
}

// ---------------------------------------------------------------- tails

/**
 * End of an instruction writing register group vd with elements of 2^eewShift bytes: under the 'ones'
 * policy with vta set, fill the tail (element vl up to the end of the group, or of the register for
 * fractional groups) with ones, unless nothing was written (vstart >= vl). Resets vstart.
 */
export function finish(v: VectorState, vd: number, eewShift: number, emulLog: number, start: number): void {
  if (v.tailOnes && start < v.vl) {
    const b = vd * v.vlenb;
    v.u8.fill(0xff, b + (v.vl << eewShift), b + (emulLog > 0 ? v.vlenb << emulLog : v.vlenb));
  }
  v.vstart = 0;
}

/** Tail of a mask destination (bits vl..VLEN-1): agnostic for every vta; ones under the 'ones' policy. */
export function finishMask(v: VectorState, vd: number, start: number): void {
  if (v.agnostic === 'ones' && start < v.vl) {
    const u8 = v.u8, base = vd * v.vlenb;
    for (let i = v.vl; i < v.vlen; i++) {
      if ((i & 7) === 0) { u8.fill(0xff, base + (i >>> 3), base + v.vlenb); break; }
      u8[base + (i >>> 3)] |= 1 << (i & 7);
    }
  }
  v.vstart = 0;
}

/** Tail of a destination whose only element is element 0 (reductions, vmv.s.x). */
export function finishScalar(v: VectorState, vd: number, eewShift: number): void {
  if (v.tailOnes) v.u8.fill(0xff, vd * v.vlenb + (1 << eewShift), (vd + 1) * v.vlenb);
  v.vstart = 0;
}

// ---------------------------------------------------------------- scalar operands

/** The low `sew` bits of lo, sign- or zero-extended (sew 8/16/32). */
export function extN(lo: number, sew: number, uns: boolean): number {
  const s = 32 - sew;
  return uns ? (lo << s) >>> s : (lo << s) >> s;
}

/** Signed view of element width 2^sh bytes (sh 0..2). */
export function viewN(v: VectorState, sh: number): Int8Array | Int16Array | Int32Array {
  return sh === 0 ? v.i8 : sh === 1 ? v.i16 : v.i32;
}

// ---------------------------------------------------------------- op shapes

/** A same-width operation: a = vs2 element, b = vs1 element or scalar. */
export interface BinOp {
  /** SEW <= 32: operands sign- or zero-extended per ua/ub; the result is truncated by the store. */
  n(a: number, b: number, sew: number): number;
  /** SEW = 64 on int32 pairs: write the result to out[o] (low), out[o + 1] (high). */
  p(alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void;
  /** Operand a / b is read zero-extended. */
  readonly ua: boolean;
  readonly ub: boolean;
  /** Fast-path kind (F_*), or 0: the loops below have inlined versions of the common operations. */
  readonly k?: number;
}

// Operations with inlined loops (unmasked, the common case in kernels); everything else calls its op.
export const F_ADD = 1, F_SUB = 2, F_RSUB = 3, F_AND = 4, F_OR = 5, F_XOR = 6, F_MUL = 7;
export const F_MACC = 8, F_NMSAC = 9, F_EQ = 10, F_NE = 11;

/** A comparison producing a mask bit. */
export interface CmpOp {
  n(a: number, b: number): boolean;
  p(alo: number, ahi: number, blo: number, bhi: number): boolean;
  readonly ua: boolean;
  readonly ub: boolean;
  readonly k?: number;
}

/** A multiply-add: acc = vd element, a = vs2 element, b = vs1 element or scalar. */
export interface MacOp {
  n(acc: number, a: number, b: number): number;
  p(clo: number, chi: number, alo: number, ahi: number, blo: number, bhi: number, out: Int32Array, o: number): void;
  readonly ua: boolean;
  readonly ub: boolean;
  readonly k?: number;
}

/** Which operand b is: vector vs1, the scalar rs1, or the immediate. */
export const enum Src { V = 0, X = 1, I = 2 }

/** Scratch pair for results computed before they are stored. */
export const tmp = new Int32Array(4);

/** The b operand of a .vx/.vi form as an int32 pair (lo, hi) in tmp[2], tmp[3]. */
function scalarPair(h: Hart, d: Decoded, src: Src): void {
  if (src === Src.X) { tmp[2] = h.x[d.rs1 << 1]; tmp[3] = h.x[(d.rs1 << 1) + 1]; } else { tmp[2] = d.imm; tmp[3] = d.imm >> 31; }
}

/**
 * Unmasked vd[i] = vs2[i] op b for the inlined kinds, SEW <= 32 (bB < 0: b is the scalar sc). The three
 * copies differ only in the array type, which keeps each loop's element accesses monomorphic.
 */
function fastN(k: number, x: Int32Array, dB: number, aB: number, bB: number, sc: number, start: number, end: number): void {
  if (bB >= 0) {
    switch (k) {
      case F_ADD: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] + x[bB + i]; return;
      case F_SUB: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] - x[bB + i]; return;
      case F_RSUB: for (let i = start; i < end; i++) x[dB + i] = x[bB + i] - x[aB + i]; return;
      case F_AND: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] & x[bB + i]; return;
      case F_OR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] | x[bB + i]; return;
      case F_XOR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] ^ x[bB + i]; return;
      default: for (let i = start; i < end; i++) x[dB + i] = Math.imul(x[aB + i], x[bB + i]); return;
    }
  }
  switch (k) {
    case F_ADD: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] + sc; return;
    case F_SUB: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] - sc; return;
    case F_RSUB: for (let i = start; i < end; i++) x[dB + i] = sc - x[aB + i]; return;
    case F_AND: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] & sc; return;
    case F_OR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] | sc; return;
    case F_XOR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] ^ sc; return;
    default: for (let i = start; i < end; i++) x[dB + i] = Math.imul(x[aB + i], sc); return;
  }
}
function fastN16(k: number, x: Int16Array, dB: number, aB: number, bB: number, sc: number, start: number, end: number): void {
  if (bB >= 0) {
    switch (k) {
      case F_ADD: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] + x[bB + i]; return;
      case F_SUB: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] - x[bB + i]; return;
      case F_RSUB: for (let i = start; i < end; i++) x[dB + i] = x[bB + i] - x[aB + i]; return;
      case F_AND: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] & x[bB + i]; return;
      case F_OR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] | x[bB + i]; return;
      case F_XOR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] ^ x[bB + i]; return;
      default: for (let i = start; i < end; i++) x[dB + i] = Math.imul(x[aB + i], x[bB + i]); return;
    }
  }
  switch (k) {
    case F_ADD: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] + sc; return;
    case F_SUB: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] - sc; return;
    case F_RSUB: for (let i = start; i < end; i++) x[dB + i] = sc - x[aB + i]; return;
    case F_AND: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] & sc; return;
    case F_OR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] | sc; return;
    case F_XOR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] ^ sc; return;
    default: for (let i = start; i < end; i++) x[dB + i] = Math.imul(x[aB + i], sc); return;
  }
}
function fastN8(k: number, x: Int8Array, dB: number, aB: number, bB: number, sc: number, start: number, end: number): void {
  if (bB >= 0) {
    switch (k) {
      case F_ADD: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] + x[bB + i]; return;
      case F_SUB: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] - x[bB + i]; return;
      case F_RSUB: for (let i = start; i < end; i++) x[dB + i] = x[bB + i] - x[aB + i]; return;
      case F_AND: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] & x[bB + i]; return;
      case F_OR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] | x[bB + i]; return;
      case F_XOR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] ^ x[bB + i]; return;
      default: for (let i = start; i < end; i++) x[dB + i] = Math.imul(x[aB + i], x[bB + i]); return;
    }
  }
  switch (k) {
    case F_ADD: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] + sc; return;
    case F_SUB: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] - sc; return;
    case F_RSUB: for (let i = start; i < end; i++) x[dB + i] = sc - x[aB + i]; return;
    case F_AND: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] & sc; return;
    case F_OR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] | sc; return;
    case F_XOR: for (let i = start; i < end; i++) x[dB + i] = x[aB + i] ^ sc; return;
    default: for (let i = start; i < end; i++) x[dB + i] = Math.imul(x[aB + i], sc); return;
  }
}

/** Unmasked 64-bit add/sub/rsub/and/or/xor on pairs (d, a, b are int32 positions; b < 0: the scalar). */
function fast64(k: number, x: Int32Array, d: number, a: number, b: number, slo: number, shi: number, start: number, end: number): void {
  for (let i = start; i < end; i++) {
    const o = d + 2 * i, p = a + 2 * i, q = b + 2 * i;
    const alo = x[p], ahi = x[p + 1];
    const blo = b < 0 ? slo : x[q], bhi = b < 0 ? shi : x[q + 1];
    switch (k) {
      case F_ADD: { const lo = (alo + blo) | 0; x[o + 1] = (ahi + bhi + ((lo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0; x[o] = lo; break; }
      case F_SUB: x[o + 1] = (ahi - bhi - ((alo >>> 0) < (blo >>> 0) ? 1 : 0)) | 0; x[o] = (alo - blo) | 0; break;
      case F_RSUB: x[o + 1] = (bhi - ahi - ((blo >>> 0) < (alo >>> 0) ? 1 : 0)) | 0; x[o] = (blo - alo) | 0; break;
      case F_AND: x[o] = alo & blo; x[o + 1] = ahi & bhi; break;
      case F_OR: x[o] = alo | blo; x[o + 1] = ahi | bhi; break;
      default: x[o] = alo ^ blo; x[o + 1] = ahi ^ bhi; break;
    }
  }
}

/**
 * The exec of an op with an inlined loop (op.k set): unmasked instructions with a valid vtype and aligned
 * registers go straight to the loop; everything else (masks, misaligned registers, vill) takes the full
 * path with its checks and error messages. A block translator can specialize further per instruction.
 */
export function fastBinExec(op: BinOp, src: Src, full: (h: Hart, d: Decoded) => void): (h: Hart, d: Decoded) => void {
  const k = op.k ?? 0;
  return (h, d) => {
    const v = h.vector as VectorState | undefined;
    if (v === undefined || v.vill || d.rm === 0) { full(h, d); return; }
    const l = v.lmulLog;
    if (l > 0 && ((d.rd | d.rs2 | (src === Src.V ? d.rs1 : 0)) & ((1 << l) - 1)) !== 0) { full(h, d); return; }
    const start = v.vstart, end = v.vl;
    if (start < end) {
      const sh = v.sewShift, per = v.vlenb >>> sh, dB = d.rd * per, aB = d.rs2 * per, bB = src === Src.V ? d.rs1 * per : -1;
      if (sh === 3) {
        let slo = 0, shi = 0;
        if (src === Src.X) { slo = h.x[d.rs1 << 1]; shi = h.x[(d.rs1 << 1) + 1]; } else if (src === Src.I) { slo = d.imm; shi = d.imm >> 31; }
        if (k <= F_XOR) fast64(k, v.i32, dB << 1, aB << 1, bB < 0 ? -1 : bB << 1, slo, shi, start, end);
        else { full(h, d); return; }
      } else {
        const sc = src === Src.X ? h.x[d.rs1 << 1] : d.imm;
        if (sh === 2) fastN(k, v.i32, dB, aB, bB, sc, start, end);
        else if (sh === 1) fastN16(k, v.i16, dB, aB, bB, sc, start, end);
        else fastN8(k, v.i8, dB, aB, bB, sc, start, end);
      }
      if (v.tailOnes) finish(v, d.rd, sh, l, start);
    }
    v.vstart = 0;
  };
}

/** The exec of vwmacc{,u,su,us}: unmasked SEW 8/16 with non-overlapping aligned groups straight to the loop. */
export function fastWmacExec(op: MacOp, src: Src, full: (h: Hart, d: Decoded) => void): (h: Hart, d: Decoded) => void {
  const ua = op.ua, ub = op.ub;
  return (h, d) => {
    const v = h.vector as VectorState | undefined;
    if (v === undefined || v.vill || d.rm === 0 || v.sewShift > 1 || v.lmulLog > 2) { full(h, d); return; }
    const l = v.lmulLog, wl = l + 1, n = l > 0 ? 1 << l : 1, wn = wl > 0 ? 1 << wl : 1;
    const vd = d.rd, vs2 = d.rs2, vs1 = src === Src.V ? d.rs1 : vs2;
    if ((vd & (wn - 1)) !== 0 || ((vs2 | vs1) & (n - 1)) !== 0 || overlaps(vd, wn, vs2, n) || overlaps(vd, wn, vs1, n)) { full(h, d); return; }
    const start = v.vstart, end = v.vl;
    if (start < end) {
      const sh = v.sewShift, nper = v.vlenb >>> sh, wper = nper >>> 1;
      const dB = vd * wper, aB = vs2 * nper, bB = src === Src.V ? vs1 * nper : -1;
      const sc = src === Src.X ? extN(h.x[d.rs1 << 1], v.sew, ub) : 0;
      if (sh === 0) wmac8(v.i16, v.i8, dB, aB, bB, sc, ua, ub, start, end);
      else wmac16(v.i32, v.i16, dB, aB, bB, sc, ua, ub, start, end);
      if (v.tailOnes) finish(v, vd, sh + 1, wl, start);
    }
    v.vstart = 0;
  };
}

/** vd[i] = op(vs2[i], b) at SEW for i in [vstart, vl), with masking and tail policy. */
export function binop(h: Hart, v: VectorState, d: Decoded, op: BinOp, src: Src): void {
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const k = masked ? 0 : op.k ?? 0;
    if (sh === 3) {
      const per = v.vlenb >>> 3, x = v.i32, dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
      if (src !== Src.V) scalarPair(h, d, src);
      const slo = tmp[2], shi = tmp[3];
      if (k !== 0 && k <= F_XOR) fast64(k, x, dB << 1, aB << 1, src === Src.V ? bB << 1 : -1, slo, shi, start, end);
      else for (let i = start; i < end; i++) {
        const o = (dB + i) << 1;
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
        const a = (aB + i) << 1;
        if (src === Src.V) { const b = (bB + i) << 1; op.p(x[a], x[a + 1], x[b], x[b + 1], x, o); }
        else op.p(x[a], x[a + 1], slo, shi, x, o);
      }
    } else {
      const sew = v.sew, per = v.vlenb >>> sh, arr = viewN(v, sh), dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
      const s = 32 - sew, ua = op.ua, ub = op.ub;
      const sc = src === Src.X ? extN(h.x[d.rs1 << 1], sew, ub) : extN(d.imm, sew, ub);
      if (k !== 0) {
        // Each width gets its own call site, so every loop sees one array type.
        if (sh === 2) fastN(k, v.i32, dB, aB, src === Src.V ? bB : -1, sc, start, end);
        else if (sh === 1) fastN16(k, v.i16, dB, aB, src === Src.V ? bB : -1, sc, start, end);
        else fastN8(k, v.i8, dB, aB, src === Src.V ? bB : -1, sc, start, end);
      } else for (let i = start; i < end; i++) {
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) arr[dB + i] = -1; continue; }
        let a = arr[aB + i];
        if (ua) a = (a << s) >>> s;
        let b = sc;
        if (src === Src.V) { b = arr[bB + i]; if (ub) b = (b << s) >>> s; }
        arr[dB + i] = op.n(a, b, sew);
      }
    }
  }
  finish(v, d.rd, v.sewShift, v.lmulLog, start);
}

/** Mask bit vd[i] = op(vs2[i], b) for i in [vstart, vl). */
export function compare(h: Hart, v: VectorState, d: Decoded, op: CmpOp, src: Src): void {
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, masked = d.rm === 0, u8 = v.u8, ones = v.maskOnes;
    const dm = d.rd * v.vlenb;
    const k = masked || sh === 3 ? 0 : op.k ?? 0;
    if (k !== 0) {
      const sew = v.sew, per = v.vlenb >>> sh, aB = d.rs2 * per;
      const sc = src === Src.X ? extN(h.x[d.rs1 << 1], sew, false) : extN(d.imm, sew, false);
      eqFast(k === F_NE, viewN(v, sh), aB, src === Src.V ? d.rs1 * per : -1, sc, u8, dm, start, end);
      finishMask(v, d.rd, start);
      return;
    }
    // Results are gathered in a scratch bit string first: vd may be one of the sources.
    const bits = cmpScratch(v);
    if (sh === 3) {
      const per = v.vlenb >>> 3, x = v.i32, aB = d.rs2 * per, bB = d.rs1 * per;
      if (src !== Src.V) scalarPair(h, d, src);
      const slo = tmp[2], shi = tmp[3];
      for (let i = start; i < end; i++) {
        const a = (aB + i) << 1;
        if (src === Src.V) { const b = (bB + i) << 1; bits[i] = op.p(x[a], x[a + 1], x[b], x[b + 1]) ? 1 : 0; }
        else bits[i] = op.p(x[a], x[a + 1], slo, shi) ? 1 : 0;
      }
    } else {
      const sew = v.sew, per = v.vlenb >>> sh, arr = viewN(v, sh), aB = d.rs2 * per, bB = d.rs1 * per;
      const s = 32 - sew, ua = op.ua, ub = op.ub;
      const sc = src === Src.X ? extN(h.x[d.rs1 << 1], sew, ub) : extN(d.imm, sew, ub);
      for (let i = start; i < end; i++) {
        let a = arr[aB + i];
        if (ua) a = (a << s) >>> s;
        let b = sc;
        if (src === Src.V) { b = arr[bB + i]; if (ub) b = (b << s) >>> s; }
        bits[i] = op.n(a, b) ? 1 : 0;
      }
    }
    writeMaskBits(u8, dm, bits, start, end, masked, ones);
  }
  finishMask(v, d.rd, start);
}

/**
 * Unmasked vmseq/vmsne at SEW <= 32, a mask byte at a time. Writing mask byte j after reading elements
 * 8j..8j+7 is safe when vd is also a source: that byte lies in source element j/(SEW/8) <= 8j.
 */
function eqFast(ne: boolean, arr: Int8Array | Int16Array | Int32Array, aB: number, bB: number, sc: number,
  u8: Uint8Array, dm: number, start: number, end: number): void {
  for (let i = start; i < end;) {
    const byte = i >>> 3, stop = Math.min(end, (byte + 1) << 3);
    let bits = 0;
    if (bB >= 0) { for (let j = i; j < stop; j++) if (arr[aB + j] === arr[bB + j]) bits |= 1 << (j & 7); }
    else for (let j = i; j < stop; j++) if (arr[aB + j] === sc) bits |= 1 << (j & 7);
    if (ne) bits = ~bits;
    const sel = (0xff << (i & 7)) & (0xff >>> (((byte + 1) << 3) - stop));
    u8[dm + byte] = (u8[dm + byte] & ~sel) | (bits & sel);
    i = stop;
  }
}

let scratchBits = new Uint8Array(0);
/** One byte per element, VLEN entries (the most a mask can have). */
function cmpScratch(v: VectorState): Uint8Array {
  if (scratchBits.length < v.vlen) scratchBits = new Uint8Array(v.vlen);
  return scratchBits;
}

/** Store bits[start..end) into the mask at byte offset dm, honouring v0 when masked. */
function writeMaskBits(u8: Uint8Array, dm: number, bits: Uint8Array, start: number, end: number, masked: boolean, ones: boolean): void {
  for (let i = start; i < end; i++) {
    const k = dm + (i >>> 3), bit = 1 << (i & 7);
    let b = bits[i];
    if (masked && ((u8[i >>> 3] >>> (i & 7)) & 1) === 0) { if (!ones) continue; b = 1; }
    u8[k] = b ? u8[k] | bit : u8[k] & ~bit;
  }
}

/** vd[i] = op(vd[i], vs2[i], b) at SEW (vmacc, vnmsac, vmadd, vnmsub). */
export function macop(h: Hart, v: VectorState, d: Decoded, op: MacOp, src: Src): void {
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    if (sh === 3) {
      const per = v.vlenb >>> 3, x = v.i32, dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
      if (src !== Src.V) scalarPair(h, d, src);
      const slo = tmp[2], shi = tmp[3];
      for (let i = start; i < end; i++) {
        const o = (dB + i) << 1;
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
        const a = (aB + i) << 1;
        if (src === Src.V) { const b = (bB + i) << 1; op.p(x[o], x[o + 1], x[a], x[a + 1], x[b], x[b + 1], x, o); }
        else op.p(x[o], x[o + 1], x[a], x[a + 1], slo, shi, x, o);
      }
    } else {
      const sew = v.sew, per = v.vlenb >>> sh, arr = viewN(v, sh), dB = d.rd * per, aB = d.rs2 * per, bB = d.rs1 * per;
      const s = 32 - sew, ua = op.ua, ub = op.ub;
      const sc = src === Src.X ? extN(h.x[d.rs1 << 1], sew, ub) : 0;
      const k = masked ? 0 : op.k ?? 0;
      if (k === F_MACC || k === F_NMSAC) {
        // The product wraps (imul) before the add; the store truncates to SEW.
        const sg = k === F_MACC ? 1 : -1;
        if (src === Src.V) for (let i = start; i < end; i++) arr[dB + i] = arr[dB + i] + sg * Math.imul(arr[aB + i], arr[bB + i]);
        else for (let i = start; i < end; i++) arr[dB + i] = arr[dB + i] + sg * Math.imul(arr[aB + i], sc);
      } else for (let i = start; i < end; i++) {
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) arr[dB + i] = -1; continue; }
        let a = arr[aB + i];
        if (ua) a = (a << s) >>> s;
        let b = sc;
        if (src === Src.V) { b = arr[bB + i]; if (ub) b = (b << s) >>> s; }
        arr[dB + i] = op.n(arr[dB + i], a, b);
      }
    }
  }
  finish(v, d.rd, v.sewShift, v.lmulLog, start);
}

/**
 * Widening: vd (EEW 2*SEW) [i] = op(a, b) where a is vs2[i] at SEW (extended per ua) or, for the .w forms,
 * at 2*SEW; b is vs1[i] / the scalar at SEW, extended per ub. With `acc`, op is a MacOp on the wide vd.
 * SEW 8/16 compute on numbers (results fit in 2*SEW <= 32 bits exactly); SEW 32 on pairs.
 */
export function widen(h: Hart, v: VectorState, d: Decoded, op: BinOp, src: Src, aWide: boolean): void {
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const sew = v.sew, s = 32 - sew, ua = op.ua, ub = op.ub;
    const nper = v.vlenb >>> sh, wper = nper >>> 1;
    const narrow = viewN(v, sh), dB = d.rd * wper, aB = d.rs2 * (aWide ? wper : nper), bB = d.rs1 * nper;
    const sc = src === Src.X ? extN(h.x[d.rs1 << 1], sew, ub) : 0;
    if (sh === 2) {
      const x = v.i32;
      for (let i = start; i < end; i++) {
        const o = (dB + i) << 1;
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
        let alo: number, ahi: number;
        if (aWide) { const a = (aB + i) << 1; alo = x[a]; ahi = x[a + 1]; }
        else { alo = x[aB + i]; ahi = ua ? 0 : alo >> 31; }
        const blo = (src === Src.V ? x[bB + i] : sc) | 0;
        op.p(alo, ahi, blo, ub ? 0 : blo >> 31, x, o);
      }
    } else {
      const wide = sh === 0 ? v.i16 : v.i32;
      for (let i = start; i < end; i++) {
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) wide[dB + i] = -1; continue; }
        let a: number;
        if (aWide) { a = wide[aB + i]; if (ua) a = sh === 0 ? a & 0xffff : a >>> 0; }
        else { a = narrow[aB + i]; if (ua) a = (a << s) >>> s; }
        let b = sc;
        if (src === Src.V) { b = narrow[bB + i]; if (ub) b = (b << s) >>> s; }
        wide[dB + i] = op.n(a, b, sew);
      }
    }
  }
  finish(v, d.rd, v.sewShift + 1, v.lmulLog + 1, start);
}

/**
 * Unmasked vwmacc{,u,su,us} at SEW 8 and 16 (vd += a * b with a, b extended per ua/ub; bB < 0: b is the
 * already extended scalar sc). Products and sums are exact doubles; the store wraps to 2*SEW.
 */
function wmac8(w: Int16Array, n: Int8Array, dB: number, aB: number, bB: number, sc: number, ua: boolean, ub: boolean, start: number, end: number): void {
  if (bB < 0) {
    if (ua) for (let i = start; i < end; i++) w[dB + i] += (n[aB + i] & 0xff) * sc;
    else for (let i = start; i < end; i++) w[dB + i] += n[aB + i] * sc;
  } else if (!ua && !ub) for (let i = start; i < end; i++) w[dB + i] += n[aB + i] * n[bB + i];
  else for (let i = start; i < end; i++) w[dB + i] += (ua ? n[aB + i] & 0xff : n[aB + i]) * (ub ? n[bB + i] & 0xff : n[bB + i]);
}
function wmac16(w: Int32Array, n: Int16Array, dB: number, aB: number, bB: number, sc: number, ua: boolean, ub: boolean, start: number, end: number): void {
  if (bB < 0) {
    if (ua) for (let i = start; i < end; i++) w[dB + i] += (n[aB + i] & 0xffff) * sc;
    else for (let i = start; i < end; i++) w[dB + i] += n[aB + i] * sc;
  } else if (!ua && !ub) for (let i = start; i < end; i++) w[dB + i] += n[aB + i] * n[bB + i];
  else for (let i = start; i < end; i++) w[dB + i] += (ua ? n[aB + i] & 0xffff : n[aB + i]) * (ub ? n[bB + i] & 0xffff : n[bB + i]);
}

/** Widening multiply-add: vd (2*SEW) [i] = op(vd[i], ext(vs2[i]), ext(b)). */
export function widenMac(h: Hart, v: VectorState, d: Decoded, op: MacOp, src: Src): void {
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const sh = v.sewShift, masked = d.rm === 0, m = v.u8, ones = v.maskOnes;
    const sew = v.sew, s = 32 - sew, ua = op.ua, ub = op.ub;
    const nper = v.vlenb >>> sh, wper = nper >>> 1;
    const narrow = viewN(v, sh), dB = d.rd * wper, aB = d.rs2 * nper, bB = d.rs1 * nper;
    const sc = src === Src.X ? extN(h.x[d.rs1 << 1], sew, ub) : 0;
    if (sh === 2) {
      const x = v.i32;
      for (let i = start; i < end; i++) {
        const o = (dB + i) << 1;
        if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
        const alo = x[aB + i], blo = (src === Src.V ? x[bB + i] : sc) | 0;
        op.p(x[o], x[o + 1], alo, ua ? 0 : alo >> 31, blo, ub ? 0 : blo >> 31, x, o);
      }
    } else {
      if (!masked && op.k === F_MACC) {
        if (sh === 0) wmac8(v.i16, v.i8, dB, aB, src === Src.V ? bB : -1, sc, ua, ub, start, end);
        else wmac16(v.i32, v.i16, dB, aB, src === Src.V ? bB : -1, sc, ua, ub, start, end);
      } else {
        const wide = sh === 0 ? v.i16 : v.i32;
        for (let i = start; i < end; i++) {
          if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) wide[dB + i] = -1; continue; }
          let a = narrow[aB + i];
          if (ua) a = (a << s) >>> s;
          let b = sc;
          if (src === Src.V) { b = narrow[bB + i]; if (ub) b = (b << s) >>> s; }
          wide[dB + i] = op.n(wide[dB + i], a, b);
        }
      }
    }
  }
  finish(v, d.rd, v.sewShift + 1, v.lmulLog + 1, start);
}

// ---------------------------------------------------------------- legality shapes

/** vd, vs2 (and vs1 for .vv) are SEW groups of LMUL: aligned; a masked vd is not v0. */
export function checkVV(d: Decoded, v: VectorState, vs1: boolean): void {
  const l = v.lmulLog;
  if (l > 0) {
    checkAlign(d, d.rd, l, 'vd'); checkAlign(d, d.rs2, l, 'vs2');
    if (vs1) checkAlign(d, d.rs1, l, 'vs1');
  }
  checkMaskDest(d);
}

/** Widening: vd is 2*SEW with EMUL 2*LMUL (so LMUL <= 4, SEW <= 32); vs2 wide for .w forms. */
export function checkWide(d: Decoded, v: VectorState, vs1: boolean, aWide: boolean): void {
  if (v.sew === 64) illegal(d, 'widening needs SEW <= 32');
  const l = v.lmulLog, wl = l + 1;
  if (wl > 3) illegal(d, 'widening needs LMUL <= 4');
  checkAlign(d, d.rd, wl, 'vd');
  checkAlign(d, d.rs2, aWide ? wl : l, 'vs2');
  if (vs1) checkAlign(d, d.rs1, l, 'vs1');
  const sh = v.sewShift;
  if (!aWide) checkOverlap(d, d.rd, wl, sh + 1, d.rs2, l, sh, 'vs2');
  if (vs1) checkOverlap(d, d.rd, wl, sh + 1, d.rs1, l, sh, 'vs1');
  checkMaskDest(d);
}

/** Narrowing: vs2 is 2*SEW with EMUL 2*LMUL; vd and vs1 are SEW. */
export function checkNarrow(d: Decoded, v: VectorState, vs1: boolean): void {
  if (v.sew === 64) illegal(d, 'narrowing needs SEW <= 32');
  const l = v.lmulLog, wl = l + 1;
  if (wl > 3) illegal(d, 'narrowing needs LMUL <= 4');
  checkAlign(d, d.rd, l, 'vd');
  checkAlign(d, d.rs2, wl, 'vs2');
  if (vs1) checkAlign(d, d.rs1, l, 'vs1');
  checkOverlap(d, d.rd, l, v.sewShift, d.rs2, wl, v.sewShift + 1, 'vs2');
  checkMaskDest(d);
}

/** Mask-producing compare / carry-out: vd is one mask register; it may overlap only the lowest part of a source. */
export function checkMaskOut(d: Decoded, v: VectorState, vs1: boolean): void {
  const l = v.lmulLog;
  checkAlign(d, d.rs2, l, 'vs2');
  if (vs1) checkAlign(d, d.rs1, l, 'vs1');
  // EEW 1 destination vs SEW source: the narrowing rule.
  const n = nregs(l);
  if (overlaps(d.rd, 1, d.rs2, n) && d.rd !== d.rs2) illegal(d, `destination v${d.rd} overlaps source vs2 v${d.rs2} above its lowest register`);
  if (vs1 && overlaps(d.rd, 1, d.rs1, n) && d.rd !== d.rs1) illegal(d, `destination v${d.rd} overlaps source vs1 v${d.rs1} above its lowest register`);
}
