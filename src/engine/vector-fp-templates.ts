// Floating-point vector fast paths for the block translator (the integer and memory ones, the guard and the
// shared rules are in vector-templates.ts, which asks this file about every instruction it has no path for).
//
// binary32 only, unmasked: a splat (vfmv.v.f) as a fill, and everything else as a call of the element loop
// of src/rvv/f32-loops.ts for the operation and operand form, which the semantics functions run too; the
// loops check, element by element, that their binary64 shortcut is exact and otherwise use the src/fp
// operation. Arithmetic (add, sub, rsub, mul and the fused multiply-adds) has loops for round-to-nearest-even
// only (guard h.frm === 0); min/max, conversions and reductions take any rounding mode that is not reserved
// (h.frm < 5), as the semantics do.
import type { Decoded } from '../isa/spec.js';
import { F32_TO_I32, F32_TO_U32, I32_TO_F32, RED_MAX, RED_MIN, RED_SUM, U32_TO_F32, arithLoop, fmaLoop, minMaxLoop, warmUpF32Loops, F32_LOOPS, type F32Arith, type F32Loop } from '../rvv/f32-loops.js';
import { finishScalar } from '../rvv/common.js';
import { fpFlags } from '../fp/fp.js';
import { scalar32 } from '../rvv/fp.js';
import type { VectorFast } from './vector-templates.js';

/** Functions and objects the generated FP fast paths use, by the names they use. */
export const VECTOR_FP_HELPERS = { fpFlags, scalar32, vfinishScalar: finishScalar, ...F32_LOOPS } as const;

/** What vectorFast has worked out about an instruction under the vtype it specializes for, and its code builders. */
export interface FpFastContext {
  readonly d: Decoded;
  /** The mnemonic before its last dot (vfmacc) and after it (vf). */
  readonly base: string;
  readonly form: string;
  /** log2(SEW/8), log2(LMUL) and elements per register at SEW. */
  readonly sh: number;
  readonly lm: number;
  readonly per: number;
  /** Register group r of EMUL 2^l is aligned and inside v0..v31. */
  group(r: number, l: number): boolean;
  /** A fast path: body under the common guard and `extra`. */
  fast(body: string, extra?: string): VectorFast;
  /** Statements feeding the --stats vector counters (the instruction's own record). */
  count(): string;
  /** Statements applying the tail policy to vd after an element loop of EEW 2^eewShift bytes and EMUL 2^emulLog. */
  done(eewShift: number, emulLog: number): string;
}

/** Fused multiply-adds: negation bits (1: product, 2: addend) and whether vd is a factor. */
const FMA: Readonly<Record<string, readonly [number, boolean]>> = {
  vfmacc: [0, false], vfnmacc: [3, false], vfmsac: [2, false], vfnmsac: [1, false],
  vfmadd: [0, true], vfnmadd: [3, true], vfmsub: [2, true], vfnmsub: [1, true],
};
/** Same-width arithmetic with an RNE loop. */
const ARITH: Readonly<Record<string, F32Arith>> = { vfadd: 'add', vfsub: 'sub', vfrsub: 'rsub', vfmul: 'mul' };
/** Conversions: the loop, and whether it rounds toward zero (else in frm). */
const FCVT: Readonly<Record<string, readonly [F32Loop, boolean]>> = {
  'vfcvt.x.f.v': [F32_TO_I32, false], 'vfcvt.xu.f.v': [F32_TO_U32, false], 'vfcvt.rtz.x.f.v': [F32_TO_I32, true],
  'vfcvt.rtz.xu.f.v': [F32_TO_U32, true], 'vfcvt.f.x.v': [I32_TO_F32, false], 'vfcvt.f.xu.v': [U32_TO_F32, false],
};
/** Reductions (vfredusum is computed as vfredosum, as the semantics do). */
const FRED: Readonly<Record<string, F32Loop>> = { 'vfredusum.vs': RED_SUM, 'vfredosum.vs': RED_SUM, 'vfredmax.vs': RED_MAX, 'vfredmin.vs': RED_MIN };

const has = (o: object, k: string): boolean => Object.prototype.hasOwnProperty.call(o, k);

/** The FP fast path for an unmasked instruction, or undefined when there is none. */
export function vectorFpFast(c: FpFastContext): VectorFast | undefined {
  const { d, base, form, sh, lm, per, group } = c, name = d.spec.name, rd = d.rd, rs1 = d.rs1, rs2 = d.rs2;
  if (sh !== 2 || !name.startsWith('vf')) return undefined;
  warmUpF32Loops(); // before any translated code can inline a loop
  const vv = form === 'vv', vf = form === 'vf';
  /** A statement calling loop l on vd, vs2, vs1 (.vv) or the scalar f[rs1] (.vf), with rounding mode rm. */
  const call = (l: F32Loop, rm: string, start = '0', end = 'V.vl'): string =>
    `fpFlags.v = 0; ${l.name}(V, ${rd * per}, ${rs2 * per}, ${vv ? rs1 * per : 0}, ${vf ? `scalar32(h, ${rs1})` : 0}, ${rm}, ${start}, ${end}); h.fflags |= fpFlags.v;`;
  const groups = (): boolean => group(rd, lm) && group(rs2, lm) && (!vv || group(rs1, lm));

  if (name === 'vfmv.v.f') {
    // A splat of f[rs1] NaN-boxed to binary32; legal in any frm that is not reserved. A loop: for the short
    // vectors of kernels it is quicker than TypedArray.prototype.fill.
    if (!group(rd, lm)) return undefined;
    return c.fast(`{ const x = V.i32, s = scalar32(h, ${rs1}), e = ${rd * per} + V.vl; for (let i = ${rd * per}; i < e; i++) x[i] = s; } ` +
      `${c.done(2, lm)} ${c.count()}`, ' && h.frm < 5');
  }
  if (has(FCVT, name)) {
    if (!group(rd, lm) || !group(rs2, lm)) return undefined;
    const [l, rtz] = FCVT[name];
    return c.fast(`${call(l, rtz ? '1' : 'h.frm')} ${c.done(2, lm)} ${c.count()}`, ' && h.frm < 5');
  }
  if ((base === 'vfmax' || base === 'vfmin') && (vv || vf)) {
    if (!groups()) return undefined;
    return c.fast(`${call(minMaxLoop(base === 'vfmax', vf), 'h.frm')} ${c.done(2, lm)} ${c.count()}`, ' && h.frm < 5');
  }
  if (has(FRED, name)) {
    // vd[0] = vs1[0] op each vs2[i] in element order; vl = 0 changes nothing.
    if (!group(rs2, lm)) return undefined;
    const l = FRED[name];
    return c.fast(`if (V.vl !== 0) { fpFlags.v = 0; ${l.name}(V, ${rd * per}, ${rs2 * per}, ${rs1 * per}, 0, h.frm, 0, V.vl); ` +
      `h.fflags |= fpFlags.v; if (V.tailOnes) vfinishScalar(V, ${rd}, 2); } ${c.count()}`, ' && h.frm < 5');
  }
  // Arithmetic in round-to-nearest-even.
  if ((vv || vf) && (has(FMA, base) || (has(ARITH, base) && (vf || base !== 'vfrsub')))) {
    if (!groups()) return undefined;
    const l = has(FMA, base) ? fmaLoop(vf, FMA[base][1], FMA[base][0]) : arithLoop(ARITH[base], vf);
    return c.fast(`${call(l, '0')} ${c.done(2, lm)} ${c.count()}`, ' && h.frm === 0');
  }
  return undefined;
}
