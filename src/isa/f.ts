// RV64F: single-precision instructions. A single lives NaN-boxed in an f register: low word fi[2r] holds
// its bits, the high word fi[2r + 1] must be all ones, and a read of a register whose high word is not
// all ones sees the canonical NaN. Singles are handled as bit patterns throughout (see src/fp/fp.ts).
import type { Hart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';
import { IllegalInstruction } from '../errors.js';
import {
  fpFlags, CANON32, add32, sub32, mul32, div32, sqrt32, fma32, min32, max32, eq32, lt32, le32, class32,
  f32ToI32, f32ToU32, f32ToI64, f32ToU64, i32ToF32, u32ToF32, i64ToF32, u64ToF32,
} from '../fp/fp.js';

const TWO32 = 4294967296;

/**
 * The rounding mode an instruction uses: its rm field, or frm when the field is 7 (dynamic). Reserved
 * modes (5, 6, or dynamic with frm >= 5) make the instruction illegal.
 */
export function rmOf(h: Hart, d: Decoded): number {
  let rm = d.rm;
  if (rm === 7) rm = h.frm;
  if (rm > 4) throw new IllegalInstruction(d.pc, d.raw, d.len);
  return rm;
}

/** Effective address of a load or store. */
export const addrOf = (h: Hart, d: Decoded): number =>
  h.x[(d.rs1 << 1) + 1] * TWO32 + (h.x[d.rs1 << 1] >>> 0) + d.imm;

/** The single in f register r (canonical NaN unless properly NaN-boxed). */
export const getS = (h: Hart, r: number): number => (h.fi[(r << 1) + 1] === -1 ? h.fi[r << 1] : CANON32);
export function setS(h: Hart, r: number, v: number): void { h.fi[r << 1] = v; h.fi[(r << 1) + 1] = -1; }
/** Writes a 32-bit result to x register r, sign-extended. */
export function setX32(h: Hart, r: number, v: number): void { h.x[r << 1] = v; h.x[(r << 1) + 1] = v >> 31; }

function op2(h: Hart, d: Decoded, fn: (a: number, b: number, rm: number) => number): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, fn(getS(h, d.rs1), getS(h, d.rs2), rm));
  h.fflags |= fpFlags.v;
}

function fma(h: Hart, d: Decoded, neg: number): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, fma32(getS(h, d.rs1), getS(h, d.rs2), getS(h, d.rs3), neg, rm));
  h.fflags |= fpFlags.v;
}

function cmp(h: Hart, d: Decoded, fn: (a: number, b: number) => number): void {
  fpFlags.v = 0;
  const v = fn(getS(h, d.rs1), getS(h, d.rs2));
  h.x[d.rd << 1] = v; h.x[(d.rd << 1) + 1] = 0;
  h.fflags |= fpFlags.v;
}

function minmax(h: Hart, d: Decoded, fn: (a: number, b: number) => number): void {
  fpFlags.v = 0;
  setS(h, d.rd, fn(getS(h, d.rs1), getS(h, d.rs2)));
  h.fflags |= fpFlags.v;
}

function sgnj(h: Hart, d: Decoded, kind: number): void {
  const a = getS(h, d.rs1), b = getS(h, d.rs2);
  const s = kind === 0 ? b : kind === 1 ? ~b : a ^ b;
  setS(h, d.rd, (a & 0x7fffffff) | (s & -2147483648));
}

function toInt32(h: Hart, d: Decoded, fn: (a: number, rm: number) => number): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setX32(h, d.rd, fn(getS(h, d.rs1), rm));
  h.fflags |= fpFlags.v;
}

function toInt64(h: Hart, d: Decoded, fn: (a: number, rm: number, out: Int32Array, o: number) => void): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  fn(getS(h, d.rs1), rm, h.x, d.rd << 1);
  h.fflags |= fpFlags.v;
}

function fromInt(h: Hart, d: Decoded, fn: (lo: number, hi: number, rm: number) => number): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, fn(h.x[d.rs1 << 1], h.x[(d.rs1 << 1) + 1], rm));
  h.fflags |= fpFlags.v;
}

export const f: Semantics = {
  'flw': (h, d) => { setS(h, d.rd, h.mem.load32(addrOf(h, d))); },
  // The low 32 bits are stored unchanged, whether or not the register holds a boxed single.
  'fsw': (h, d) => { h.mem.store32(addrOf(h, d), h.fi[d.rs2 << 1]); },

  'fadd.s': (h, d) => op2(h, d, add32),
  'fsub.s': (h, d) => op2(h, d, sub32),
  'fmul.s': (h, d) => op2(h, d, mul32),
  'fdiv.s': (h, d) => op2(h, d, div32),
  'fsqrt.s': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setS(h, d.rd, sqrt32(getS(h, d.rs1), rm));
    h.fflags |= fpFlags.v;
  },
  'fmadd.s': (h, d) => fma(h, d, 0),
  'fmsub.s': (h, d) => fma(h, d, 2),
  'fnmsub.s': (h, d) => fma(h, d, 1),
  'fnmadd.s': (h, d) => fma(h, d, 3),

  'fsgnj.s': (h, d) => sgnj(h, d, 0),
  'fsgnjn.s': (h, d) => sgnj(h, d, 1),
  'fsgnjx.s': (h, d) => sgnj(h, d, 2),
  'fmin.s': (h, d) => minmax(h, d, min32),
  'fmax.s': (h, d) => minmax(h, d, max32),
  'feq.s': (h, d) => cmp(h, d, eq32),
  'flt.s': (h, d) => cmp(h, d, lt32),
  'fle.s': (h, d) => cmp(h, d, le32),
  'fclass.s': (h, d) => { const r = d.rd << 1; h.x[r] = class32(getS(h, d.rs1)); h.x[r + 1] = 0; },

  'fcvt.w.s': (h, d) => toInt32(h, d, f32ToI32),
  'fcvt.wu.s': (h, d) => toInt32(h, d, f32ToU32),
  'fcvt.l.s': (h, d) => toInt64(h, d, f32ToI64),
  'fcvt.lu.s': (h, d) => toInt64(h, d, f32ToU64),
  'fcvt.s.w': (h, d) => fromInt(h, d, (lo, _hi, rm) => i32ToF32(lo, rm)),
  'fcvt.s.wu': (h, d) => fromInt(h, d, (lo, _hi, rm) => u32ToF32(lo, rm)),
  'fcvt.s.l': (h, d) => fromInt(h, d, i64ToF32),
  'fcvt.s.lu': (h, d) => fromInt(h, d, u64ToF32),

  // Raw moves: no NaN-box check on fmv.x.w, and the result is the low word sign-extended.
  'fmv.x.w': (h, d) => setX32(h, d.rd, h.fi[d.rs1 << 1]),
  'fmv.w.x': (h, d) => setS(h, d.rd, h.x[d.rs1 << 1]),
};
