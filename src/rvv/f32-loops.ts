// Unmasked binary32 element loops of the vector unit for the operations kernels spend their time in:
// fused multiply-adds, add/sub/mul in round-to-nearest-even, min/max, the integer conversions and the
// sum/min/max reductions. They compute on binary64 numbers read through the register file's Float32Array
// view and fall back, element by element, to the exact operation of src/fp whenever the shortcut could be
// wrong (NaN or infinite operands or results, results that are zero, tiny or overflow, rounding
// midpoints, other rounding modes); so results and fflags are those of src/fp, element by element.
//
// Why the shortcuts are exact. A binary32 value is exact in binary64, and so is the product of two (24 + 24
// significant bits < 53). A sum s = p + z of such numbers is rounded to binary64 once; rounding s to binary32
// (Math.fround) then gives the correctly rounded binary32 result of the exact p + z unless s lies exactly
// halfway between two binary32 numbers and the first rounding moved it there (every such midpoint is a
// binary64 number, so the binary64 rounding can land on one but never cross one). So, with r = fround(s):
//   r !== s: s is a midpoint iff t = 2s - r (exact by Sterbenz's lemma) is the other binary32 neighbour,
//            i.e. fround(t) === t; when it is not, r is the result and it is inexact (NX);
//   r === s: r is the result; it is inexact iff the binary64 sum was (TwoSum's error term, needed only while
//            no earlier element has raised NX already).
// A result r above 2^-126 in magnitude and finite raises no flag but NX (no tininess, no overflow).
//
// Each loop is a separate small function specialized for its operation and operand form (generated below
// from one template per family), so that every call site, in the semantics functions and in translated
// code, calls one monomorphic loop that V8 optimizes early.
//
// Calling convention, for all of them: loop(v, dB, aB, bB, sc, rm, start, end) runs elements start..end-1
// of the destination group at element index dB (vd), of vs2 at aB and of vs1 at bB (.vv forms), with the
// scalar operand's NaN-boxed bits sc (.vf forms), in rounding mode rm (arithmetic loops: RNE only), and ORs
// the flags raised into fpFlags.v. Reductions read vs1[0] at bB and write vd[0] at dB (start is 0).
import { NX, RNE, RTZ, add32, f32ToI32, f32ToU32, fma32, fpFlags, i32ToF32, max32, min32, mul32, sub32, u32ToF32 } from '../fp/fp.js';
import { VectorState } from './state.js';

export type F32Loop = (v: VectorState, dB: number, aB: number, bB: number, sc: number, rm: number, start: number, end: number) => void;

const SCR = new Int32Array(1), SCRF = new Float32Array(SCR.buffer);
/** What the generated loops use, by name. */
const ENV = {
  NX, RNE, RTZ, TWOM126: 2 ** -126, RNE_INT: 1.5 * 2 ** 52, SCR, SCRF, fpFlags, add32, sub32, mul32, fma32, max32, min32, f32ToI32, f32ToU32, i32ToF32, u32ToF32,
};

/** A loop over the elements; body runs with o = dB + i, f / x the Float32 / Int32 views, sv the scalar's value, nx the local NX. */
function loop(name: string, body: string): F32Loop {
  const src = `const { ${Object.keys(ENV).join(', ')} } = E;
return function ${name}(v, dB, aB, bB, sc, rm, start, end) {
  const f = v.f32, x = v.i32;
  SCR[0] = sc;
  const sv = SCRF[0];
  let nx = 0;
  for (let i = start; i < end; i++) {
    const o = dB + i;
    ${body}
  }
  fpFlags.v |= nx;
};`;
  return new Function('E', src)(ENV) as F32Loop;
}

/**
 * Statements storing to element o the binary32 rounding (RNE) of p + z, both exact binary64 values, or
 * else `exact` (the src/fp operation on the bit patterns); see the top of the file.
 */
function sumRne(p: string, z: string, exact: string): string {
  return `const P = ${p}, Z = ${z}, s = P + Z, r = Math.fround(s), ar = Math.abs(r);
    if (ar > TWOM126 && ar < Infinity) {
      if (r !== s) { const t = 2 * s - r; if (Math.fround(t) !== t) { nx = NX; f[o] = r; continue; } }
      else { if (nx === 0) { const bv = s - P; if ((P - (s - bv)) + (Z - bv) !== 0) nx = NX; } f[o] = r; continue; }
    }
    x[o] = ${exact};`;
}

/** vs1[i] or the scalar: as a value (operand b) and as bits. */
const bVal = (vf: boolean): string => (vf ? 'sv' : 'f[bB + i]');
const bBits = (vf: boolean): string => (vf ? 'sc' : 'x[bB + i]');

/**
 * Fused multiply-adds: neg bit 0 negates the product, bit 1 the addend; vdMul: vd is a factor and vs2 the
 * addend (vfmadd family), else vd is the addend (vfmacc family). The product is (vs1 or f[rs1]) * (vs2 or vd).
 */
function fmaLoopOf(vf: boolean, vdMul: boolean, neg: number): F32Loop {
  const other = vdMul ? 'f[o]' : 'f[aB + i]', addend = vdMul ? 'f[aB + i]' : 'f[o]';
  const exact = `fma32(${bBits(vf)}, ${vdMul ? 'x[o], x[aB + i]' : 'x[aB + i], x[o]'}, ${neg}, RNE)`;
  return loop(`f32Fma${vf ? 'Vf' : 'Vv'}${vdMul ? 'Mul' : 'Acc'}${neg}`,
    sumRne(`${neg & 1 ? '-' : ''}(${bVal(vf)} * ${other})`, `${neg & 2 ? '-' : ''}${addend}`, exact));
}

const FMA_LOOPS: F32Loop[] = [];
for (let k = 0; k < 16; k++) FMA_LOOPS.push(fmaLoopOf((k & 8) !== 0, (k & 4) !== 0, k & 3));
/** The fused multiply-add loop of an operand form (RNE). */
export const fmaLoop = (vf: boolean, vdMul: boolean, neg: number): F32Loop => FMA_LOOPS[(vf ? 8 : 0) | (vdMul ? 4 : 0) | neg];

/** Single-width arithmetic with a loop: vd = vs2 op b, and vd = b - vs2 (rsub, .vf only). */
export type F32Arith = 'add' | 'sub' | 'rsub' | 'mul';
function arithLoopOf(op: F32Arith, vf: boolean): F32Loop {
  const a = 'f[aB + i]', name = `f32${op[0].toUpperCase()}${op.slice(1)}${vf ? 'Vf' : 'Vv'}`;
  if (op === 'mul') {
    // One rounding of an exact product: no midpoint question.
    return loop(name, `const s = ${a} * ${bVal(vf)}, r = Math.fround(s), ar = Math.abs(r);
    if (ar > TWOM126 && ar < Infinity) { if (r !== s) nx = NX; f[o] = r; continue; }
    x[o] = mul32(x[aB + i], ${bBits(vf)}, RNE);`);
  }
  if (op === 'add') return loop(name, sumRne(a, bVal(vf), `add32(x[aB + i], ${bBits(vf)}, RNE)`));
  if (op === 'sub') return loop(name, sumRne(a, `-${bVal(vf)}`, `sub32(x[aB + i], ${bBits(vf)}, RNE)`));
  return loop(name, sumRne(bVal(vf), `-${a}`, `sub32(${bBits(vf)}, x[aB + i], RNE)`));
}
const ARITH_OPS: readonly F32Arith[] = ['add', 'sub', 'rsub', 'mul'];
const ARITH_LOOPS = ARITH_OPS.map((op) => [arithLoopOf(op, false), arithLoopOf(op, true)]);
/** The loop of an arithmetic operation and form (RNE; rsub has only the .vf form). */
export const arithLoop = (op: F32Arith, vf: boolean): F32Loop => ARITH_LOOPS[ARITH_OPS.indexOf(op)][vf ? 1 : 0];

/**
 * vfmin/vfmax (any rounding mode): ordered operands pick one of the two bit patterns; equal ones (only
 * ±0 differ in bits) combine so that max(-0, +0) = +0 and min(-0, +0) = -0; NaNs go to min32/max32.
 */
function minMaxLoopOf(max: boolean, vf: boolean): F32Loop {
  const a = 'x[aB + i]', b = bBits(vf);
  return loop(`f32${max ? 'Max' : 'Min'}${vf ? 'Vf' : 'Vv'}`, `const A = f[aB + i], B = ${bVal(vf)};
    if (A > B) x[o] = ${max ? a : b};
    else if (A < B) x[o] = ${max ? b : a};
    else if (A === B) x[o] = ${a} ${max ? '&' : '|'} ${b};
    else x[o] = ${max ? 'max32' : 'min32'}(${a}, ${b});`);
}
const MINMAX_LOOPS = [minMaxLoopOf(false, false), minMaxLoopOf(false, true), minMaxLoopOf(true, false), minMaxLoopOf(true, true)];
export const minMaxLoop = (max: boolean, vf: boolean): F32Loop => MINMAX_LOOPS[(max ? 2 : 0) | (vf ? 1 : 0)];

/**
 * Conversions binary32 -> int32 / uint32 (vfcvt.x.f.v, vfcvt.xu.f.v and their rtz forms): in RNE and RTZ
 * an in-range value rounds by adding and subtracting 1.5 * 2^52 (binary64 addition rounds to an integer
 * there, ties to even, for any |A| < 2^51) or with Math.trunc, raising NX when that changed it; NaNs,
 * out-of-range values (NV) and the other modes go to f32ToI32 / f32ToU32.
 */
function toIntLoopOf(unsigned: boolean): F32Loop {
  const [lo, hi] = unsigned ? ['-1', '4294967296'] : ['-2147483649', '2147483648'];
  return loop(unsigned ? 'f32ToU32s' : 'f32ToI32s', `const A = f[aB + i];
    if (A > ${lo} && A < ${hi} && rm <= RTZ) {
      const r = rm === RTZ ? Math.trunc(A) : (A + RNE_INT) - RNE_INT;
      if (${unsigned ? 'r >= 0' : 'true'}) { if (r !== A) nx = NX; x[o] = r; continue; }
    }
    x[o] = ${unsigned ? 'f32ToU32' : 'f32ToI32'}(x[aB + i], rm);`);
}
/** Conversions int32 / uint32 -> binary32 (vfcvt.f.x.v, vfcvt.f.xu.v): in RNE one Math.fround of the exact integer. */
function fromIntLoopOf(unsigned: boolean): F32Loop {
  return loop(unsigned ? 'f32FromU32s' : 'f32FromI32s', `const A = x[aB + i]${unsigned ? ' >>> 0' : ''};
    if (rm === RNE) { const r = Math.fround(A); if (r !== A) nx = NX; f[o] = r; }
    else x[o] = ${unsigned ? 'u32ToF32' : 'i32ToF32'}(A, rm);`);
}
export const F32_TO_I32 = toIntLoopOf(false), F32_TO_U32 = toIntLoopOf(true);
export const I32_TO_F32 = fromIntLoopOf(false), U32_TO_F32 = fromIntLoopOf(true);

/**
 * Reductions vd[0] = vs1[0] op vs2[start..end-1] in element order, one rounding per step, as folding with
 * add32 / max32 / min32 does. The accumulator is kept as bits (acc) and as a value (av); the sum carries
 * only the value while its shortcut applies (`bits` false), min/max always both.
 */
function reduceLoopOf(op: 'sum' | 'max' | 'min'): F32Loop {
  const gt = op === 'max' ? '>' : '<', lt = op === 'max' ? '<' : '>';
  const step = op === 'sum'
    ? `if (rm === RNE) {
        const s = av + B, r = Math.fround(s), ar = Math.abs(r);
        if (ar > TWOM126 && ar < Infinity) {
          if (r !== s) { const t = 2 * s - r; if (Math.fround(t) !== t) { nx = NX; av = r; bits = false; continue; } }
          else { if (nx === 0) { const bv = s - av; if ((av - (s - bv)) + (B - bv) !== 0) nx = NX; } av = r; bits = false; continue; }
        }
      }
      if (!bits) { SCRF[0] = av; acc = SCR[0]; }
      acc = add32(acc, x[aB + i], rm);
      SCR[0] = acc; av = SCRF[0]; bits = true;`
    : `if (B ${gt} av) { acc = x[aB + i]; av = B; }
      else if (B === av) acc = acc ${op === 'max' ? '&' : '|'} x[aB + i];
      else if (!(B ${lt} av)) { acc = ${op}32(acc, x[aB + i]); SCR[0] = acc; av = SCRF[0]; }`;
  const src = `const { ${Object.keys(ENV).join(', ')} } = E;
return function f32Red${op[0].toUpperCase()}${op.slice(1)}(v, dB, aB, bB, sc, rm, start, end) {
  const f = v.f32, x = v.i32;
  let acc = x[bB], av = f[bB], bits = true, nx = 0;
  for (let i = start; i < end; i++) {
    const B = f[aB + i];
    ${step}
  }
  if (bits) x[dB] = acc; else f[dB] = av;
  fpFlags.v |= nx;
};`;
  return new Function('E', src)(ENV) as F32Loop;
}
export const RED_SUM = reduceLoopOf('sum'), RED_MAX = reduceLoopOf('max'), RED_MIN = reduceLoopOf('min');

/** Every loop by its function's name (the names translated code calls them by). */
export const F32_LOOPS: Readonly<Record<string, F32Loop>> = Object.fromEntries(
  [...FMA_LOOPS, ...ARITH_LOOPS.flat(), ...MINMAX_LOOPS, F32_TO_I32, F32_TO_U32, I32_TO_F32, U32_TO_F32, RED_SUM, RED_MAX, RED_MIN].map((l) => [l.name, l]));

let warmedUp = false;

/**
 * Runs every loop once on operands that take each of its paths (exact, inexact, midpoint, tiny, zero,
 * infinite and NaN results, each rounding mode), so that V8's type feedback covers the rare paths too. The
 * loops are inlined into translated functions; optimized code that meets a path without feedback is thrown
 * away, and the translated function then runs unoptimized until V8 has compiled it again. The translator
 * calls this before it first emits a binary32 fast path (once per run, some 15 ms), not at load: programs
 * without hot binary32 vector code do not pay for it.
 */
export function warmUpF32Loops(): void {
  if (warmedUp) return;
  warmedUp = true;
  const v = new VectorState({ vlen: 512 }), f = v.f32, n = 16;
  const VALUES = [1, 2, 3, 0.5, -1.5, 1 + 2 ** -23, 2 ** -24, 2 ** -130, -(2 ** -149), 0, -0, 3e38, -3e38, Infinity, NaN, 1 / 3, 7e9, -2147483648.5, 4294967040];
  const saved = fpFlags.v;
  let seed = 0x2545f491;
  const pick = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) | 0; return VALUES[(seed >>> 8) % VALUES.length]; };
  SCRF[0] = 1;
  const one = SCR[0];
  for (let round = 0; round < 12; round++) {
    // Round 0: small integers (exact results, no flag raised yet); round 1: 1 + 2^-24 midpoints; then mixed.
    for (let i = 0; i < 4 * n; i++) f[i] = round === 0 ? (i % 3) + 1 : round === 1 ? (i < n ? 1 : i < 2 * n ? 2 ** -24 : 1) : pick();
    SCRF[0] = round < 2 ? 1 : pick();
    const sc = round < 2 ? one : SCR[0];
    for (const l of Object.values(F32_LOOPS)) for (let rm = 0; rm < 5; rm++) l(v, 0, n, 2 * n, sc, rm, 0, n);
  }
  fpFlags.v = saved;
}
