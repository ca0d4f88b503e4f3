// RV64D: double-precision instructions, plus the conversions between singles and doubles. Doubles are
// read and written as numbers through h.f64 (bits, signaling NaNs included, survive; see src/fp/fp.ts);
// sign injection and moves work on the raw words so that no NaN is ever touched by arithmetic. Each
// instruction is its own function calling one FP operation, so every call site has one target.
import type { Hart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';
import {
  fpFlags, add64, sub64, mul64, div64, sqrt64, fma64v, min64, max64, eq64, lt64, le64, class64,
  f64ToI32, f64ToU32, f64ToI64, f64ToU64, i64ToF64, u64ToF64, f64ToF32, f32ToF64,
} from '../fp/fp.js';
import { rmOf, addrOf, getS, setS, setX32, setXSmall } from './f.js';

function fadd(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  h.f64[d.rd] = add64(h.f64[d.rs1], h.f64[d.rs2], rm);
  h.fflags |= fpFlags.v;
}
function fsub(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  h.f64[d.rd] = sub64(h.f64[d.rs1], h.f64[d.rs2], rm);
  h.fflags |= fpFlags.v;
}
function fmul(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  h.f64[d.rd] = mul64(h.f64[d.rs1], h.f64[d.rs2], rm);
  h.fflags |= fpFlags.v;
}
function fdiv(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  h.f64[d.rd] = div64(h.f64[d.rs1], h.f64[d.rs2], rm);
  h.fflags |= fpFlags.v;
}
function fsqrt(h: Hart, d: Decoded): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  h.f64[d.rd] = sqrt64(h.f64[d.rs1], rm);
  h.fflags |= fpFlags.v;
}
function fma(h: Hart, d: Decoded, neg: number): void {
  const rm = rmOf(h, d);
  fpFlags.v = 0;
  fma64v(h.f64, d.rd, d.rs1, d.rs2, d.rs3, neg, rm);
  h.fflags |= fpFlags.v;
}

function sgnj(h: Hart, d: Decoded, kind: number): void {
  const fi = h.fi, a = d.rs1 << 1, r = d.rd << 1;
  const lo = fi[a], hi = fi[a + 1], b = fi[(d.rs2 << 1) + 1];
  const s = kind === 0 ? b : kind === 1 ? ~b : hi ^ b;
  fi[r] = lo;
  fi[r + 1] = (hi & 0x7fffffff) | (s & -2147483648);
}

export const d: Semantics = {
  // Raw 64-bit moves between memory and the register's words (a page-straddling fsd that faults
  // writes nothing; see AddressSpace.store64).
  'fld': (h, d) => { h.mem.load64(addrOf(h, d), h.fi, d.rd << 1); },
  'fsd': (h, d) => { const r = d.rs2 << 1; h.mem.store64(addrOf(h, d), h.fi[r], h.fi[r + 1]); },

  'fadd.d': fadd,
  'fsub.d': fsub,
  'fmul.d': fmul,
  'fdiv.d': fdiv,
  'fsqrt.d': fsqrt,
  'fmadd.d': (h, d) => fma(h, d, 0),
  'fmsub.d': (h, d) => fma(h, d, 2),
  'fnmsub.d': (h, d) => fma(h, d, 1),
  'fnmadd.d': (h, d) => fma(h, d, 3),

  'fsgnj.d': (h, d) => sgnj(h, d, 0),
  'fsgnjn.d': (h, d) => sgnj(h, d, 1),
  'fsgnjx.d': (h, d) => sgnj(h, d, 2),
  'fmin.d': (h, d) => {
    fpFlags.v = 0;
    h.f64[d.rd] = min64(h.f64[d.rs1], h.f64[d.rs2]);
    h.fflags |= fpFlags.v;
  },
  'fmax.d': (h, d) => {
    fpFlags.v = 0;
    h.f64[d.rd] = max64(h.f64[d.rs1], h.f64[d.rs2]);
    h.fflags |= fpFlags.v;
  },
  'feq.d': (h, d) => {
    fpFlags.v = 0;
    setXSmall(h, d.rd, eq64(h.f64[d.rs1], h.f64[d.rs2]));
    h.fflags |= fpFlags.v;
  },
  'flt.d': (h, d) => {
    fpFlags.v = 0;
    setXSmall(h, d.rd, lt64(h.f64[d.rs1], h.f64[d.rs2]));
    h.fflags |= fpFlags.v;
  },
  'fle.d': (h, d) => {
    fpFlags.v = 0;
    setXSmall(h, d.rd, le64(h.f64[d.rs1], h.f64[d.rs2]));
    h.fflags |= fpFlags.v;
  },
  'fclass.d': (h, d) => setXSmall(h, d.rd, class64(h.f64[d.rs1])),

  'fcvt.w.d': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setX32(h, d.rd, f64ToI32(h.f64[d.rs1], rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.wu.d': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setX32(h, d.rd, f64ToU32(h.f64[d.rs1], rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.l.d': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    f64ToI64(h.f64[d.rs1], rm, h.x, d.rd << 1);
    h.fflags |= fpFlags.v;
  },
  'fcvt.lu.d': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    f64ToU64(h.f64[d.rs1], rm, h.x, d.rd << 1);
    h.fflags |= fpFlags.v;
  },
  // int32 -> binary64 is exact; the rm field is still checked like any other.
  'fcvt.d.w': (h, d) => { rmOf(h, d); h.f64[d.rd] = h.x[d.rs1 << 1]; },
  'fcvt.d.wu': (h, d) => { rmOf(h, d); h.f64[d.rd] = h.x[d.rs1 << 1] >>> 0; },
  'fcvt.d.l': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    h.f64[d.rd] = i64ToF64(h.x[d.rs1 << 1], h.x[(d.rs1 << 1) + 1], rm);
    h.fflags |= fpFlags.v;
  },
  'fcvt.d.lu': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    h.f64[d.rd] = u64ToF64(h.x[d.rs1 << 1], h.x[(d.rs1 << 1) + 1], rm);
    h.fflags |= fpFlags.v;
  },
  'fcvt.s.d': (h, d) => {
    const rm = rmOf(h, d);
    fpFlags.v = 0;
    setS(h, d.rd, f64ToF32(h.f64[d.rs1], rm));
    h.fflags |= fpFlags.v;
  },
  'fcvt.d.s': (h, d) => {
    rmOf(h, d);
    fpFlags.v = 0;
    h.f64[d.rd] = f32ToF64(getS(h, d.rs1));
    h.fflags |= fpFlags.v;
  },

  'fmv.x.d': (h, d) => { const r = d.rd << 1, a = d.rs1 << 1; h.x[r] = h.fi[a]; h.x[r + 1] = h.fi[a + 1]; },
  'fmv.d.x': (h, d) => { const r = d.rd << 1, a = d.rs1 << 1; h.fi[r] = h.x[a]; h.fi[r + 1] = h.x[a + 1]; },
};
