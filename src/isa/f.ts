// RV64F: single-precision instructions. A single lives NaN-boxed in an f register: low word fi[2r] holds
// its bits, the high word fi[2r + 1] must be all ones, and a read of a register whose high word is not
// all ones sees the canonical NaN. Singles are handled as bit patterns throughout (see src/fp/fp.ts).
// Each instruction is its own function calling one FP operation, so every call site has one target.
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
/** Writes a 0/1 (or other small non-negative) result to x register r. */
export function setXSmall(h: Hart, r: number, v: number): void { h.x[r << 1] = v; h.x[(r << 1) + 1] = 0; }

function fadd(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, add32(getS(h, d.rs1), getS(h, d.rs2), rm));
  h.fflags |= fpFlags.v;
}
function fsub(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, sub32(getS(h, d.rs1), getS(h, d.rs2), rm));
  h.fflags |= fpFlags.v;
}
function fmul(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, mul32(getS(h, d.rs1), getS(h, d.rs2), rm));
  h.fflags |= fpFlags.v;
}
function fdiv(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, div32(getS(h, d.rs1), getS(h, d.rs2), rm));
  h.fflags |= fpFlags.v;
}
function fsqrt(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, sqrt32(getS(h, d.rs1), rm));
  h.fflags |= fpFlags.v;
}
/** neg: bit 0 negates the product, bit 1 the addend (fmadd 0, fmsub 2, fnmsub 1, fnmadd 3). */
function fma(h: Hart, d: Decoded, neg: number): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  setS(h, d.rd, fma32(getS(h, d.rs1), getS(h, d.rs2), getS(h, d.rs3), neg, rm));
  h.fflags |= fpFlags.v;
}

/** Sign injection; kind 0: sign of rs2, 1: its inverse, 2: xor of both signs. */
function sgnj(h: Hart, d: Decoded, kind: number): void {
  const a = getS(h, d.rs1), b = getS(h, d.rs2);
  const s = kind === 0 ? b : kind === 1 ? ~b : a ^ b;
  setS(h, d.rd, (a & 0x7fffffff) | (s & -2147483648));
}

export const f: Semantics = {
  'flw': (h, d) => { setS(h, d.rd, h.mem.load32(addrOf(h, d))); },
  // The low 32 bits are stored unchanged, whether or not the register holds a boxed single.
  'fsw': (h, d) => { h.mem.store32(addrOf(h, d), h.fi[d.rs2 << 1]); },

  'fadd.s': fadd,
  'fsub.s': fsub,
  'fmul.s': fmul,
  'fdiv.s': fdiv,
  'fsqrt.s': fsqrt,
  'fmadd.s': (h, d) => fma(h, d, 0),
  'fmsub.s': (h, d) => fma(h, d, 2),
  'fnmsub.s': (h, d) => fma(h, d, 1),
  'fnmadd.s': (h, d) => fma(h, d, 3),

  'fsgnj.s': (h, d) => sgnj(h, d, 0),
  'fsgnjn.s': (h, d) => sgnj(h, d, 1),
  'fsgnjx.s': (h, d) => sgnj(h, d, 2),
  'fmin.s': (h, d) => {
    fpFlags.v = 0;
    setS(h, d.rd, min32(getS(h, d.rs1), getS(h, d.rs2)));
    h.fflags |= fpFlags.v;
  },
  'fmax.s': (h, d) => {
    fpFlags.v = 0;
    setS(h, d.rd, max32(getS(h, d.rs1), getS(h, d.rs2)));
    h.fflags |= fpFlags.v;
  },
  'feq.s': (h, d) => {
    fpFlags.v = 0;
    setXSmall(h, d.rd, eq32(getS(h, d.rs1), getS(h, d.rs2)));
    h.fflags |= fpFlags.v;
  },
  'flt.s': (h, d) => {
    fpFlags.v = 0;
    setXSmall(h, d.rd, lt32(getS(h, d.rs1), getS(h, d.rs2)));
    h.fflags |= fpFlags.v;
  },
  'fle.s': (h, d) => {
    fpFlags.v = 0;
    setXSmall(h, d.rd, le32(getS(h, d.rs1), getS(h, d.rs2)));
    h.fflags |= fpFlags.v;
  },
  'fclass.s': (h, d) => setXSmall(h, d.rd, class32(getS(h, d.rs1))),

  'fcvt.w.s': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setX32(h, d.rd, f32ToI32(getS(h, d.rs1), rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.wu.s': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setX32(h, d.rd, f32ToU32(getS(h, d.rs1), rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.l.s': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    f32ToI64(getS(h, d.rs1), rm, h.x, d.rd << 1);
    h.fflags |= fpFlags.v;
  },
  'fcvt.lu.s': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    f32ToU64(getS(h, d.rs1), rm, h.x, d.rd << 1);
    h.fflags |= fpFlags.v;
  },
  'fcvt.s.w': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setS(h, d.rd, i32ToF32(h.x[d.rs1 << 1], rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.s.wu': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setS(h, d.rd, u32ToF32(h.x[d.rs1 << 1], rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.s.l': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setS(h, d.rd, i64ToF32(h.x[d.rs1 << 1], h.x[(d.rs1 << 1) + 1], rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.s.lu': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setS(h, d.rd, u64ToF32(h.x[d.rs1 << 1], h.x[(d.rs1 << 1) + 1], rm));
    h.fflags |= fpFlags.v;
  },

  // Raw moves: no NaN-box check on fmv.x.w, and the result is the low word sign-extended.
  'fmv.x.w': (h, d) => setX32(h, d.rd, h.fi[d.rs1 << 1]),
  'fmv.w.x': (h, d) => setS(h, d.rd, h.x[d.rs1 << 1]),
};
