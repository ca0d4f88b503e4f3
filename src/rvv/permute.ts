// Vector permutations (RVV 1.0 section 16): scalar moves, slides, gathers, compress and whole-register
// moves.
import type { Hart } from '../isa/hart.js';
import type { Decoded, Semantics } from '../isa/spec.js';
import {
  checkAlign, checkMaskDest, checkNoOverlap, checkVstartZero, emulOf, finish, finishScalar, nregs, vec, viewN,
  type VectorState,
} from './common.js';

/** x[r] as an unsigned number (inexact above 2^53, which only ever exceeds VLMAX there). */
const xu = (h: Hart, r: number): number => (h.x[(r << 1) + 1] >>> 0) * 4294967296 + (h.x[r << 1] >>> 0);

/** Copy element j of group s to element i of group dst (element width 2^sh bytes), or write zero. */
function copyEl(v: VectorState, sh: number, dB: number, i: number, sB: number, j: number): void {
  if (sh === 3) { const x = v.i32, o = (dB + i) << 1, a = (sB + j) << 1; x[o] = x[a]; x[o + 1] = x[a + 1]; }
  else { const arr = viewN(v, sh); arr[dB + i] = arr[sB + j]; }
}
function zeroEl(v: VectorState, sh: number, dB: number, i: number): void {
  if (sh === 3) { const x = v.i32, o = (dB + i) << 1; x[o] = 0; x[o + 1] = 0; }
  else viewN(v, sh)[dB + i] = 0;
}
function onesEl(v: VectorState, sh: number, dB: number, i: number): void {
  if (sh === 3) { const x = v.i32, o = (dB + i) << 1; x[o] = -1; x[o + 1] = -1; }
  else viewN(v, sh)[dB + i] = -1;
}
/** Element i from the low bits of x[r] (SEW bits). */
function scalarEl(h: Hart, v: VectorState, sh: number, dB: number, i: number, r: number): void {
  if (sh === 3) { const x = v.i32, o = (dB + i) << 1; x[o] = h.x[r << 1]; x[o + 1] = h.x[(r << 1) + 1]; }
  else viewN(v, sh)[dB + i] = h.x[r << 1];
}

const inactive = (v: VectorState, d: Decoded, i: number): boolean => d.rm === 0 && ((v.u8[i >>> 3] >>> (i & 7)) & 1) === 0;

function vmvxs(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  const sh = v.sewShift, r = d.rd << 1, b = d.rs2 * (v.vlenb >>> sh);
  if (sh === 3) { h.x[r] = v.i32[b << 1]; h.x[r + 1] = v.i32[(b << 1) + 1]; }
  else { const e = viewN(v, sh)[b]; h.x[r] = e; h.x[r + 1] = e >> 31; }
  v.vstart = 0;
}

function vmvsx(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  if (v.vstart < v.vl) {
    scalarEl(h, v, v.sewShift, d.rd * (v.vlenb >>> v.sewShift), 0, d.rs1);
    finishScalar(v, d.rd, v.sewShift);
  }
  v.vstart = 0;
}

function slideChecks(d: Decoded, v: VectorState, up: boolean): void {
  const l = v.lmulLog;
  checkAlign(d, d.rd, l, 'vd'); checkAlign(d, d.rs2, l, 'vs2');
  checkMaskDest(d);
  if (up) checkNoOverlap(d, d.rd, nregs(l), d.rs2, nregs(l), 'vs2');
}

function slideup(h: Hart, d: Decoded, off: number): void {
  const v = vec(h, d);
  slideChecks(d, v, true);
  const start = v.vstart, end = v.vl, sh = v.sewShift, per = v.vlenb >>> sh, dB = d.rd * per, sB = d.rs2 * per, ones = v.maskOnes;
  for (let i = Math.max(start, off); i < end; i++) {
    if (inactive(v, d, i)) { if (ones) onesEl(v, sh, dB, i); continue; }
    copyEl(v, sh, dB, i, sB, i - off);
  }
  finish(v, d.rd, sh, v.lmulLog, start);
}

function slidedown(h: Hart, d: Decoded, off: number): void {
  const v = vec(h, d);
  slideChecks(d, v, false);
  const start = v.vstart, end = v.vl, sh = v.sewShift, per = v.vlenb >>> sh, dB = d.rd * per, sB = d.rs2 * per, ones = v.maskOnes;
  const max = v.vlmax;
  for (let i = start; i < end; i++) {
    if (inactive(v, d, i)) { if (ones) onesEl(v, sh, dB, i); continue; }
    if (off < max - i) copyEl(v, sh, dB, i, sB, i + off); else zeroEl(v, sh, dB, i);
  }
  finish(v, d.rd, sh, v.lmulLog, start);
}

function slide1up(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  slideChecks(d, v, true);
  const start = v.vstart, end = v.vl, sh = v.sewShift, per = v.vlenb >>> sh, dB = d.rd * per, sB = d.rs2 * per, ones = v.maskOnes;
  for (let i = start; i < end; i++) {
    if (inactive(v, d, i)) { if (ones) onesEl(v, sh, dB, i); continue; }
    if (i === 0) scalarEl(h, v, sh, dB, 0, d.rs1); else copyEl(v, sh, dB, i, sB, i - 1);
  }
  finish(v, d.rd, sh, v.lmulLog, start);
}

function slide1down(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  slideChecks(d, v, false);
  const start = v.vstart, end = v.vl, sh = v.sewShift, per = v.vlenb >>> sh, dB = d.rd * per, sB = d.rs2 * per, ones = v.maskOnes;
  for (let i = start; i < end; i++) {
    if (inactive(v, d, i)) { if (ones) onesEl(v, sh, dB, i); continue; }
    if (i === end - 1) scalarEl(h, v, sh, dB, i, d.rs1); else copyEl(v, sh, dB, i, sB, i + 1);
  }
  finish(v, d.rd, sh, v.lmulLog, start);
}

/**
 * vrgather: vd[i] = index < VLMAX ? vs2[index] : 0, the index being vs1[i] (.vv, SEW wide; vrgatherei16: 16
 * bits), x[rs1] (.vx) or the immediate (.vi).
 */
function gather(h: Hart, d: Decoded, kind: 'vv' | 'ei16' | 'vx' | 'vi'): void {
  const v = vec(h, d);
  const l = v.lmulLog, sh = v.sewShift;
  checkAlign(d, d.rd, l, 'vd'); checkAlign(d, d.rs2, l, 'vs2');
  checkMaskDest(d);
  checkNoOverlap(d, d.rd, nregs(l), d.rs2, nregs(l), 'vs2');
  let ish = sh, il = l;
  if (kind === 'ei16') { ish = 1; il = emulOf(d, v, 1, 'index EEW'); }
  if (kind === 'vv' || kind === 'ei16') {
    checkAlign(d, d.rs1, il, 'vs1');
    checkNoOverlap(d, d.rd, nregs(l), d.rs1, nregs(il), 'vs1');
  }
  const start = v.vstart, end = v.vl, per = v.vlenb >>> sh, dB = d.rd * per, sB = d.rs2 * per, ones = v.maskOnes;
  const max = v.vlmax, iB = d.rs1 * (v.vlenb >>> ish);
  const scalar = kind === 'vx' ? xu(h, d.rs1) : d.imm;
  for (let i = start; i < end; i++) {
    if (inactive(v, d, i)) { if (ones) onesEl(v, sh, dB, i); continue; }
    let idx: number;
    if (kind === 'vx' || kind === 'vi') idx = scalar;
    else if (ish === 3) { const x = v.i32, a = (iB + i) << 1; idx = x[a + 1] !== 0 ? Infinity : x[a] >>> 0; }
    else { const s = 32 - (8 << ish); idx = (viewN(v, ish)[iB + i] << s) >>> s; }
    if (idx < max) copyEl(v, sh, dB, i, sB, idx); else zeroEl(v, sh, dB, i);
  }
  finish(v, d.rd, sh, l, start);
}

function compress(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  const l = v.lmulLog, sh = v.sewShift;
  checkVstartZero(d, v);
  checkAlign(d, d.rd, l, 'vd'); checkAlign(d, d.rs2, l, 'vs2');
  checkNoOverlap(d, d.rd, nregs(l), d.rs2, nregs(l), 'vs2');
  checkNoOverlap(d, d.rd, nregs(l), d.rs1, 1, 'vs1');
  const end = v.vl, per = v.vlenb >>> sh, dB = d.rd * per, sB = d.rs2 * per, u8 = v.u8, mB = d.rs1 * v.vlenb;
  let c = 0;
  for (let i = 0; i < end; i++) if ((u8[mB + (i >>> 3)] >>> (i & 7)) & 1) copyEl(v, sh, dB, c++, sB, i);
  // Elements past the packed ones are tail.
  if (v.tailOnes && end > 0) {
    const b = d.rd * v.vlenb;
    u8.fill(0xff, b + (c << sh), b + (l > 0 ? v.vlenb << l : v.vlenb));
  }
  v.vstart = 0;
}

/** vmv<nr>r.v: copy nr whole registers (as SEW elements from vstart). */
function vmvnr(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  const nr = d.imm, nl = 31 - Math.clz32(nr);
  checkAlign(d, d.rd, nl, 'vd'); checkAlign(d, d.rs2, nl, 'vs2');
  const from = v.vstart << v.sewShift, len = nr * v.vlenb;
  if (from < len && d.rd !== d.rs2) v.u8.copyWithin(d.rd * v.vlenb + from, d.rs2 * v.vlenb + from, d.rs2 * v.vlenb + len);
  v.vstart = 0;
}

export const vpermute: Semantics = {
  'vmv.x.s': vmvxs, 'vmv.s.x': vmvsx,
  'vslideup.vx': (h, d) => slideup(h, d, xu(h, d.rs1)), 'vslideup.vi': (h, d) => slideup(h, d, d.imm),
  'vslidedown.vx': (h, d) => slidedown(h, d, xu(h, d.rs1)), 'vslidedown.vi': (h, d) => slidedown(h, d, d.imm),
  'vslide1up.vx': slide1up, 'vslide1down.vx': slide1down,
  'vrgather.vv': (h, d) => gather(h, d, 'vv'), 'vrgather.vx': (h, d) => gather(h, d, 'vx'),
  'vrgather.vi': (h, d) => gather(h, d, 'vi'), 'vrgatherei16.vv': (h, d) => gather(h, d, 'ei16'),
  'vcompress.vm': compress,
  'vmv1r.v': vmvnr, 'vmv2r.v': vmvnr, 'vmv4r.v': vmvnr, 'vmv8r.v': vmvnr,
};

