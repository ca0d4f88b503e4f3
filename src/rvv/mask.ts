// Vector mask instructions (RVV 1.0 section 15): mask logic, vcpop.m, vfirst.m, vmsbf/vmsif/vmsof, viota.m
// and vid.v. Mask registers hold one bit per element, element i in bit i%8 of byte i/8.
import type { Hart } from '../isa/hart.js';
import type { Decoded, ExecFn, Semantics } from '../isa/spec.js';
import { popcount32 } from '../isa/int64.js';
import {
  checkAlign, checkMaskDest, checkNoOverlap, checkVstartZero, finish, finishMask, nregs, vec, viewN,
} from './common.js';

const enum L { AndN, And, Or, Xor, OrN, Nand, Nor, Xnor }

/** vd = vs2 op vs1 on mask bits [vstart, vl). Byte at a time, with partial bytes at the ends. */
function logic(h: Hart, d: Decoded, k: L): void {
  const v = vec(h, d);
  const start = v.vstart, end = v.vl;
  if (start < end) {
    const u8 = v.u8, n = v.vlenb, dB = d.rd * n, aB = d.rs2 * n, bB = d.rs1 * n;
    for (let byte = start >>> 3, last = (end - 1) >>> 3; byte <= last; byte++) {
      const lo = byte === start >>> 3 ? start & 7 : 0, hi = byte === last ? ((end - 1) & 7) + 1 : 8;
      const sel = ((0xff << lo) & (0xff >>> (8 - hi))) & 0xff;
      const a = u8[aB + byte], b = u8[bB + byte];
      let r: number;
      switch (k) {
        case L.AndN: r = a & ~b; break;
        case L.And: r = a & b; break;
        case L.Or: r = a | b; break;
        case L.Xor: r = a ^ b; break;
        case L.OrN: r = a | ~b; break;
        case L.Nand: r = ~(a & b); break;
        case L.Nor: r = ~(a | b); break;
        default: r = ~(a ^ b); break;
      }
      u8[dB + byte] = (u8[dB + byte] & ~sel) | (r & sel);
    }
  }
  finishMask(v, d.rd, start);
}

/** Active bit i of vs2 (and of v0 when masked) as a byte string: byte k of (vs2 & v0) over [0, vl). */
function activeByte(u8: Uint8Array, sB: number, masked: boolean, k: number, end: number): number {
  let b = u8[sB + k];
  if (masked) b &= u8[k];
  const rest = end - (k << 3);
  return rest >= 8 ? b : b & ((1 << rest) - 1);
}

function setRd(h: Hart, d: Decoded, v: number): void {
  const r = d.rd << 1;
  h.x[r] = v; h.x[r + 1] = v >> 31;
}

function vcpop(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  checkVstartZero(d, v);
  const u8 = v.u8, sB = d.rs2 * v.vlenb, masked = d.rm === 0, end = v.vl;
  let c = 0;
  for (let k = 0; k << 3 < end; k++) c += popcount32(activeByte(u8, sB, masked, k, end));
  setRd(h, d, c);
  v.vstart = 0;
}

function vfirst(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  checkVstartZero(d, v);
  const u8 = v.u8, sB = d.rs2 * v.vlenb, masked = d.rm === 0, end = v.vl;
  let r = -1;
  for (let k = 0; k << 3 < end; k++) {
    const b = activeByte(u8, sB, masked, k, end);
    if (b !== 0) { r = (k << 3) + 31 - Math.clz32(b & -b); break; }
  }
  setRd(h, d, r);
  v.vstart = 0;
}

const enum S { Before, Including, Only }

/** vmsbf/vmsif/vmsof: bits up to / including / at the first active set bit of vs2. */
function setFirst(h: Hart, d: Decoded, kind: S): void {
  const v = vec(h, d);
  checkVstartZero(d, v);
  checkMaskDest(d);
  checkNoOverlap(d, d.rd, 1, d.rs2, 1, 'vs2');
  const u8 = v.u8, n = v.vlenb, sB = d.rs2 * n, dB = d.rd * n, masked = d.rm === 0, ones = v.maskOnes, end = v.vl;
  let found = false;
  for (let i = 0; i < end; i++) {
    const k = dB + (i >>> 3), bit = 1 << (i & 7);
    if (masked && ((u8[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) u8[k] |= bit; continue; }
    const s = (u8[sB + (i >>> 3)] >>> (i & 7)) & 1;
    let r: number;
    if (found) r = 0;
    else if (s) { found = true; r = kind === S.Before ? 0 : 1; }
    else r = kind === S.Only ? 0 : 1;
    u8[k] = r ? u8[k] | bit : u8[k] & ~bit;
  }
  finishMask(v, d.rd, 0);
}

/** viota.m: vd[i] = number of active set bits of vs2 below i. */
function viota(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  checkVstartZero(d, v);
  checkAlign(d, d.rd, v.lmulLog, 'vd');
  checkMaskDest(d);
  checkNoOverlap(d, d.rd, nregs(v.lmulLog), d.rs2, 1, 'vs2');
  const u8 = v.u8, sB = d.rs2 * v.vlenb, masked = d.rm === 0, ones = v.maskOnes, end = v.vl;
  const sh = v.sewShift, per = v.vlenb >>> sh, dB = d.rd * per;
  let c = 0;
  if (sh === 3) {
    const x = v.i32;
    for (let i = 0; i < end; i++) {
      const o = (dB + i) << 1;
      if (masked && ((u8[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
      x[o] = c; x[o + 1] = 0;
      c += (u8[sB + (i >>> 3)] >>> (i & 7)) & 1;
    }
  } else {
    const arr = viewN(v, sh);
    for (let i = 0; i < end; i++) {
      if (masked && ((u8[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) arr[dB + i] = -1; continue; }
      arr[dB + i] = c;
      c += (u8[sB + (i >>> 3)] >>> (i & 7)) & 1;
    }
  }
  finish(v, d.rd, sh, v.lmulLog, 0);
}

function vid(h: Hart, d: Decoded): void {
  const v = vec(h, d);
  checkAlign(d, d.rd, v.lmulLog, 'vd');
  checkMaskDest(d);
  const u8 = v.u8, masked = d.rm === 0, ones = v.maskOnes, start = v.vstart, end = v.vl;
  const sh = v.sewShift, per = v.vlenb >>> sh, dB = d.rd * per;
  if (sh === 3) {
    const x = v.i32;
    for (let i = start; i < end; i++) {
      const o = (dB + i) << 1;
      if (masked && ((u8[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) { x[o] = -1; x[o + 1] = -1; } continue; }
      x[o] = i; x[o + 1] = 0;
    }
  } else {
    const arr = viewN(v, sh);
    for (let i = start; i < end; i++) {
      if (masked && ((u8[i >>> 3] >>> (i & 7)) & 1) === 0) { if (ones) arr[dB + i] = -1; continue; }
      arr[dB + i] = i;
    }
  }
  finish(v, d.rd, sh, v.lmulLog, start);
}

const lg = (k: L): ExecFn => (h, d) => logic(h, d, k);

export const vmask: Semantics = {
  'vmandn.mm': lg(L.AndN), 'vmand.mm': lg(L.And), 'vmor.mm': lg(L.Or), 'vmxor.mm': lg(L.Xor),
  'vmorn.mm': lg(L.OrN), 'vmnand.mm': lg(L.Nand), 'vmnor.mm': lg(L.Nor), 'vmxnor.mm': lg(L.Xnor),
  'vcpop.m': vcpop, 'vfirst.m': vfirst,
  'vmsbf.m': (h, d) => setFirst(h, d, S.Before), 'vmsif.m': (h, d) => setFirst(h, d, S.Including),
  'vmsof.m': (h, d) => setFirst(h, d, S.Only),
  'viota.m': viota, 'vid.v': vid,
};

