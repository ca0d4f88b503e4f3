// JavaScript source templates for the hottest simple instructions, used by the block translator to inline
// them with registers held in local variables. Each template restates, as source text, exactly what the
// instruction's semantics function in src/isa does; test/engine/templates.test.ts runs every template
// against its semantics function on random operands so the two cannot drift apart. Instructions without a
// template are translated as a direct call of their semantics function.
//
// Operands are given as JS expressions: a source register is a pair of int32 expressions (locals, or the
// literal 0 for x0); the destination is a pair of local names. Every value a template stores is an int32,
// as if it had gone through the Int32Array register file. Templates read all their sources before writing
// rd (rd may name a source). Identifiers a template may use besides its operands: `mem` (the address
// space), `fi` (h.fi, the FP registers as words), `F` (h.f64, the same registers as doubles), `S` (an
// Int32Array(2) scratch), `tgt` (the jump target, jalr only), the helpers in TEMPLATE_HELPERS and, in
// templates of kind 'fp' only, `F32` (h.f32) and the FP state locals `frm` and `nx` (see below).
import type { Decoded } from '../isa/spec.js';
import { TLB_BITS, TLB_MASK } from '../mem/address-space.js';
import { div64, divu64, mul64, mulh64, mulhsu64, mulhu64, rem64, remu64 } from '../isa/int64.js';
import {
  fpFlags, CANON32, add64, sub64, mul64 as fmul64, div64 as fdiv64, sqrt64, fma64v, min64, max64, eq64, lt64, le64,
  class64, f64ToI32, f64ToU32, f64ToI64, f64ToU64, i64ToF64, u64ToF64, f64ToF32, f32ToF64,
  add32, sub32, mul32, div32, sqrt32, fma32, min32, max32, eq32, lt32, le32, f32ToI32, f32ToU32, i32ToF32, u32ToF32,
} from '../fp/fp.js';

/** A 64-bit register value as two int32 JS expressions. */
export interface Pair { readonly l: string; readonly h: string }

export interface Operands {
  /** Destination locals (scratch names when rd is x0). */
  readonly rd: Pair;
  readonly rs1: Pair;
  readonly rs2: Pair;
  readonly d: Decoded;
  /** A statement that leaves the translated code before this instruction (memory templates, on a TLB miss). */
  readonly miss: string;
  /**
   * Misaligned loads and stores must trap (bare mode without Zicclsm): a misaligned address takes the
   * miss path, where the semantics function raises the fault.
   */
  readonly alignedOnly?: boolean;
}

/**
 * alu/load/store: statements. branch: a boolean expression (taken when true; the target is d.pc + d.imm).
 * jal: statements writing the link (the target is d.pc + d.imm). jalr: statements writing the link and
 * assigning the target to `tgt`. fp: statements of an F/D instruction; they may raise fflags, so they run
 * even when an integer rd is x0.
 */
export type TemplateKind = 'alu' | 'load' | 'store' | 'branch' | 'jal' | 'jalr' | 'fp';

export interface Template {
  readonly kind: TemplateKind;
  /** Integer sources read: 0 (none), 1 (rs1) or 2 (rs1 and rs2). */
  readonly srcs: 0 | 1 | 2;
  /** Writes rd (an integer register). */
  readonly rd: boolean;
  readonly emit: (o: Operands) => string;
}

/** Functions templates may call (the same pair arithmetic the semantics use). */
export const TEMPLATE_HELPERS = {
  mul64, mulh64, mulhsu64, mulhu64, div64, divu64, rem64, remu64,
  // The exact FP operations (src/fp), under names that cannot clash with the vector helpers'.
  FPF: fpFlags, fpCanon32: CANON32, fpAdd64: add64, fpSub64: sub64, fpMul64: fmul64, fpDiv64: fdiv64, fpSqrt64: sqrt64,
  fpFma64v: fma64v, fpMin64: min64, fpMax64: max64, fpEq64: eq64, fpLt64: lt64, fpLe64: le64, fpClass64: class64,
  fpF64ToI32: f64ToI32, fpF64ToU32: f64ToU32, fpF64ToI64: f64ToI64, fpF64ToU64: f64ToU64, fpI64ToF64: i64ToF64,
  fpU64ToF64: u64ToF64, fpF64ToF32: f64ToF32, fpF32ToF64: f32ToF64,
  fpAdd32: add32, fpSub32: sub32, fpMul32: mul32, fpDiv32: div32, fpSqrt32: sqrt32, fpFma32: fma32, fpMin32: min32,
  fpMax32: max32, fpEq32: eq32, fpLt32: lt32, fpLe32: le32, fpF32ToI32: f32ToI32, fpF32ToU32: f32ToU32,
  fpI32ToF32: i32ToF32, fpU32ToF32: u32ToF32,
} as const;

const TWO32 = 4294967296;

/** A number as a JS literal that is safe in any expression position. */
export function lit(v: number): string { return v < 0 || Object.is(v, -0) ? `(${v})` : String(v); }

// Memory access: the address space's TLB hit path, inline (the same test and the same DataView access as
// AddressSpace.load32 & co.), reporting a miss instead of handling it. On a miss the template runs
// `o.miss`, which leaves the translated code before the instruction has done anything; the engine then
// runs it (and the rest of its block) through the semantics functions, which fill the TLB or fault. Inline
// rather than through helper functions: V8 stops inlining calls once a function has inlined a few hundred
// bytes of bytecode, and a loop with several memory accesses then paid a call for each.
//
// Page arithmetic is in int32 (no doubles while the page number fits): with a = rs1 + imm =
// hi·2^32 + (lo >>> 0) + imm, the page number is vpn = hi·2^20 + t where t = floor(((lo >>> 0) + imm) /
// 4096), the offset is (lo + imm) & 4095, and the TLB slot uses vpn's low 32 bits, ((hi << 20) + t) | 0.

/**
 * Statements that look up the page of rs1 + imm for a `size`-byte access in the read (r) or write (w) TLB,
 * leave on a miss (or when the access crosses the page end), and leave `p` (the page's DataView) and
 * `off` defined for `body`.
 */
function access(o: Operands, size: number, rw: 'r' | 'w', body: string): string {
  const imm = o.d.imm, a = o.rs1;
  const t = imm === 0 ? '(lo >>> 12)' : `(lo >>> 12) + (((lo & 4095) + ${imm & 4095}) >> 12) + ${lit(imm >> 12)}`;
  const off = imm === 0 ? 'lo & 4095' : `(lo + ${lit(imm)}) & 4095`;
  const align = o.alignedOnly === true && size > 1 ? ` || (off & ${size - 1}) !== 0` : '';
  const cross = size > 1 ? ` || off > ${4096 - size}` : '';
  return `{ const lo = ${a.l}, hi = ${a.h}, t = ${t}, w = ((hi << 20) + t) | 0, s = (w ^ (w >>> ${TLB_BITS})) & ${TLB_MASK}, off = ${off}; ` +
    `if (mem.${rw}Tag[s] !== hi * 1048576 + t${cross}${align}) ${o.miss} const p = mem.${rw}View[s]; ${body} }`;
}

/** A load into rd: `v` is the DataView read, an int32 expression; `high` rd's high word from v. */
function loadInt(o: Operands, size: number, read: string, high: string): string {
  return access(o, size, 'r', `const v = p.${read}; ${o.rd.l} = v; ${o.rd.h} = ${high};`);
}

/** The register is x0 (its words are the literal 0). */
const isZero = (p: Pair): boolean => p.l === '0' && p.h === '0';

/** rd = rs1 op b, word by word (b's words are expressions). */
function bitwise(o: Operands, op: '^' | '|' | '&', bl: string, bh: string): string {
  return `{ const hi = ${o.rs1.h} ${op} ${bh}, lo = ${o.rs1.l} ${op} ${bl}; ${o.rd.l} = lo; ${o.rd.h} = hi; }`;
}

/** rd = a register (mv and its equivalents). */
function copy(o: Operands, src: Pair): string {
  return `${o.rd.l} = ${src.l}; ${o.rd.h} = ${src.h};`;
}

/** rd = an int32 expression, sign-extended. */
function sext32(o: Operands, v: string): string {
  return `{ const v = ${v}; ${o.rd.l} = v; ${o.rd.h} = v >> 31; }`;
}

/** rd = a compile-time constant number (integral, within ±2^53). */
function constant(o: Operands, v: number): string {
  return `${o.rd.l} = ${lit(v | 0)}; ${o.rd.h} = ${lit(Math.floor(v / TWO32) | 0)};`;
}

function shiftConst(o: Operands, s: number, kind: 'sll' | 'srl' | 'sra'): string {
  const a = o.rs1, r = o.rd;
  if (s === 0) return `{ const lo = ${a.l}, hi = ${a.h}; ${r.l} = lo; ${r.h} = hi; }`;
  if (s < 32) {
    if (kind === 'sll') return `{ const lo = ${a.l}, hi = ${a.h}; ${r.h} = (hi << ${s}) | (lo >>> ${32 - s}); ${r.l} = lo << ${s}; }`;
    const hi = kind === 'srl' ? `hi >>> ${s}` : `hi >> ${s}`;
    return `{ const lo = ${a.l}, hi = ${a.h}; ${r.l} = (lo >>> ${s}) | (hi << ${32 - s}); ${r.h} = ${hi}; }`;
  }
  if (kind === 'sll') return `{ const lo = ${a.l}; ${r.h} = lo << ${s - 32}; ${r.l} = 0; }`;
  if (kind === 'srl') return `{ const hi = ${a.h}; ${r.l} = (hi >>> ${s - 32}) | 0; ${r.h} = 0; }`;
  return `{ const hi = ${a.h}; ${r.l} = hi >> ${s - 32}; ${r.h} = hi >> 31; }`;
}

function shiftReg(o: Operands, kind: 'sll' | 'srl' | 'sra'): string {
  const a = o.rs1, r = o.rd;
  const mid = kind === 'sll'
    ? `${r.h} = (hi << s) | (lo >>> (32 - s)); ${r.l} = lo << s;`
    : `${r.l} = (lo >>> s) | (hi << (32 - s)); ${r.h} = hi ${kind === 'srl' ? '>>>' : '>>'} s${kind === 'srl' ? ' | 0' : ''};`;
  const big = kind === 'sll' ? `${r.h} = lo << (s - 32); ${r.l} = 0;`
    : kind === 'srl' ? `${r.l} = (hi >>> (s - 32)) | 0; ${r.h} = 0;`
    : `${r.l} = hi >> (s - 32); ${r.h} = hi >> 31;`;
  return `{ const s = ${o.rs2.l} & 63, lo = ${a.l}, hi = ${a.h}; ` +
    `if (s === 0) { ${r.l} = lo; ${r.h} = hi; } else if (s < 32) { ${mid} } else { ${big} } }`;
}

/** Signed (or unsigned) a < b on pairs, as a boolean expression; b's words are expressions too. */
function less(al: string, ah: string, bl: string, bh: string, unsigned: boolean): string {
  const hiLess = unsigned ? `(${ah} >>> 0) < (${bh} >>> 0)` : `${ah} < ${bh}`;
  return `(${hiLess} || (${ah} === ${bh} && (${al} >>> 0) < (${bl} >>> 0)))`;
}
function greaterEq(al: string, ah: string, bl: string, bh: string, unsigned: boolean): string {
  const hiGreater = unsigned ? `(${ah} >>> 0) > (${bh} >>> 0)` : `${ah} > ${bh}`;
  return `(${hiGreater} || (${ah} === ${bh} && (${al} >>> 0) >= (${bl} >>> 0)))`;
}

function setLess(o: Operands, bl: string, bh: string, unsigned: boolean): string {
  return `{ const t = ${less(o.rs1.l, o.rs1.h, bl, bh, unsigned)} ? 1 : 0; ${o.rd.l} = t; ${o.rd.h} = 0; }`;
}

/** A pair helper of int64.ts writing its result to S, then rd from S. */
function viaScratch(fn: string, o: Operands): string {
  return `${fn}(${o.rs1.l}, ${o.rs1.h}, ${o.rs2.l}, ${o.rs2.h}, S, 0); ${o.rd.l} = S[0]; ${o.rd.h} = S[1];`;
}

const alu = (srcs: 0 | 1 | 2, emit: (o: Operands) => string): Template => ({ kind: 'alu', srcs, rd: true, emit });
const load = (emit: (o: Operands) => string): Template => ({ kind: 'load', srcs: 1, rd: true, emit });
const store = (emit: (o: Operands) => string): Template => ({ kind: 'store', srcs: 2, rd: false, emit });
/** FP loads and stores: rs1 is the only integer register; the FP register is read or written in fi. */
const fpLoad = (emit: (o: Operands) => string): Template => ({ kind: 'load', srcs: 1, rd: false, emit });
const fpStore = (emit: (o: Operands) => string): Template => ({ kind: 'store', srcs: 1, rd: false, emit });
const branch = (emit: (o: Operands) => string): Template => ({ kind: 'branch', srcs: 2, rd: false, emit });

// ---------------------------------------------------------------------------------- floating point
// F and D instructions work on the FP register file directly (F: doubles, fi: words). Translated code
// keeps two locals of FP state: `frm` (h.frm) and `nx` (fflags has NX), both reloaded after every call of
// a semantics function (which may write frm or fflags); in between, only templates change fflags, and
// only by setting bits, so `nx` may turn true late but is never true while NX is clear.
//
// The fast paths: when NX is already set (it is sticky, and programs rarely clear it) and the mode is
// round-to-nearest-even, an operation on finite operands whose host result is finite and, for * and /,
// normal raises no flag that is not already set, and the host result is the correctly rounded one (JS
// arithmetic and Math.sqrt are IEEE binary64 operations in that mode). Binary32 operations are done in
// binary64 and rounded once more by Math.fround, which for +, -, *, / and sqrt gives the correctly rounded
// binary32 result (binary64 has more than 2·24 + 2 bits). Everything else calls the exact src/fp
// operation with its flags. A reserved rounding mode (static, or dynamic with frm > 4) leaves before the
// instruction (o.miss): its semantics function raises the illegal-instruction fault.

/** The smallest normal binary64 and binary32 magnitudes. */
const MIN64 = '2.2250738585072014e-308', MIN32 = '1.1754943508222875e-38';

interface FpMode {
  /** The rounding mode as an expression. */
  readonly rm: string;
  /** When it is round-to-nearest-even: 'true', 'false' or a run-time test. */
  readonly rne: string;
  /** Statements leaving on a reserved dynamic mode. */
  readonly check: string;
}

/** The instruction's rounding mode, or undefined when its rm field is reserved. */
function fpMode(o: Operands): FpMode | undefined {
  const rm = o.d.rm;
  if (rm === 5 || rm === 6) return undefined;
  if (rm === 7) return { rm: 'frm', rne: 'frm === 0', check: `if (frm > 4) ${o.miss} ` };
  return { rm: lit(rm), rne: rm === 0 ? 'true' : 'false', check: '' };
}

/** An exact src/fp call (statements) between clearing and collecting the operation's flags. */
function exactly(call: string): string {
  return `FPF.v = 0; ${call} h.fflags |= FPF.v; nx = (h.fflags & 1) !== 0;`;
}

/** if (fast) then `fast` else `slow`, folded when the condition is known. */
function fastOr(cond: string, fast: string, slow: string): string {
  if (cond === 'false') return slow;
  return `if (${cond}) { ${fast} } else { ${slow} }`;
}
const and = (...cs: string[]): string => (cs.includes('false') ? 'false' : cs.filter((c) => c !== 'true').join(' && ') || 'true');

/** A single from f register r: its bits, or the canonical NaN when not NaN-boxed. */
const single = (r: number): string => `(fi[${2 * r + 1}] === -1 ? fi[${2 * r}] : fpCanon32)`;
/** A single's value as a number, NaN when not NaN-boxed (NaNs only ever take the exact path). */
const singleValue = (r: number): string => `(fi[${2 * r + 1}] === -1 ? F32[${2 * r}] : NaN)`;
/** Writes single bits v to f register r, NaN-boxed. */
const setSingle = (r: number, v: string): string => `fi[${2 * r}] = ${v}; fi[${2 * r + 1}] = -1;`;

/** A binary64 +, -, *, / in mode m. */
function arith64(o: Operands, op: '+' | '-' | '*' | '/', fn: string): string {
  const m = fpMode(o);
  if (m === undefined) return o.miss;
  const d = o.d;
  const ok = op === '+' || op === '-' ? 'r - r === 0' : `Math.abs(r) > ${MIN64} && Math.abs(r) < Infinity`;
  return `{ ${m.check}const a = F[${d.rs1}], b = F[${d.rs2}], r = a ${op} b; ` +
    fastOr(and('nx', m.rne, ok), `F[${d.rd}] = r;`, exactly(`F[${d.rd}] = ${fn}(a, b, ${m.rm});`)) + ' }';
}

/** A binary32 +, -, *, / in mode m. */
function arith32(o: Operands, op: '+' | '-' | '*' | '/', fn: string): string {
  const m = fpMode(o);
  if (m === undefined) return o.miss;
  const d = o.d;
  return `{ ${m.check}const r = Math.fround(${singleValue(d.rs1)} ${op} ${singleValue(d.rs2)}); ` +
    fastOr(and('nx', m.rne, `Math.abs(r) > ${MIN32} && Math.abs(r) < Infinity`), `F32[${2 * d.rd}] = r; fi[${2 * d.rd + 1}] = -1;`,
      exactly(setSingle(d.rd, `${fn}(${single(d.rs1)}, ${single(d.rs2)}, ${m.rm})`))) + ' }';
}

function sqrt64t(o: Operands): string {
  const m = fpMode(o);
  if (m === undefined) return o.miss;
  const d = o.d;
  return `{ ${m.check}const a = F[${d.rs1}]; ` +
    fastOr(and('nx', m.rne, 'a > 0 && a < Infinity'), `F[${d.rd}] = Math.sqrt(a);`, exactly(`F[${d.rd}] = fpSqrt64(a, ${m.rm});`)) + ' }';
}

function sqrt32t(o: Operands): string {
  const m = fpMode(o);
  if (m === undefined) return o.miss;
  const d = o.d;
  return `{ ${m.check}const a = ${singleValue(d.rs1)}; ` +
    fastOr(and('nx', m.rne, 'a > 0 && a < Infinity'), `F32[${2 * d.rd}] = Math.sqrt(a); fi[${2 * d.rd + 1}] = -1;`,
      exactly(setSingle(d.rd, `fpSqrt32(${single(d.rs1)}, ${m.rm})`))) + ' }';
}

/**
 * Fused multiply-adds; neg: bit 0 negates the product, bit 1 the addend. The fast path, for
 * round-to-nearest-even with NX set, has fma64v's range conditions (src/fp/fp.ts): a*b = p + e exactly
 * (Dekker), p + c + e = r + y + w exactly (TwoSums). With z = fl(y + w), y + w lies between 0 and
 * z·(1 + 2^-51) (z's rounding error is at most 2^-53·|z|), so when r + z·(1 + 2^-51) rounds to r, so does
 * r + y + w (rounding is monotonic): r is the correctly rounded result. Only results within about 2^-51
 * of a midpoint between two doubles take the exact call.
 */
function fma64t(o: Operands, neg: number): string {
  const m = fpMode(o);
  if (m === undefined) return o.miss;
  const d = o.d;
  const slow = exactly(`fpFma64v(F, ${d.rd}, ${d.rs1}, ${d.rs2}, ${d.rs3}, ${neg}, ${m.rm});`);
  const cond = and('nx', m.rne);
  if (cond === 'false') return `{ ${m.check}${slow} }`;
  const n1 = (neg & 1) !== 0 ? '-' : '', n2 = (neg & 2) !== 0 ? '-' : '';
  return `{ ${m.check}const a = F[${d.rs1}], b = F[${d.rs2}], c = F[${d.rs3}], p0 = a * b, ap = Math.abs(p0); let done = false; ` +
    `if (${cond} && ap >= ${2 ** -960} && ap < ${2 ** 1000} && Math.abs(a) < ${2 ** 995} && Math.abs(b) < ${2 ** 995} && Math.abs(c) < ${2 ** 1000}) { ` +
    `let t = 134217729 * a; const ah = t - (t - a), al = a - ah; t = 134217729 * b; const bh = t - (t - b), bl = b - bh; ` +
    `const p = ${n1}p0, e = ${n1}(((ah * bh - p0) + ah * bl + al * bh) + al * bl), cc = ${n2}c; ` +
    `const s = p + cc; let bv = s - p; const t1 = (p - (s - bv)) + (cc - bv), v1 = t1 + e; bv = v1 - t1; ` +
    `const w = (t1 - (v1 - bv)) + (e - bv), r = s + v1; bv = r - s; const y = (s - (r - bv)) + (v1 - bv), ar = Math.abs(r); ` +
    `if (ar >= ${2 ** -1021} && ar < ${2 ** 1023} && r + (y + w) * ${1 + 2 ** -51} === r) { F[${d.rd}] = r; done = true; } } ` +
    `if (!done) { ${slow} } }`;
}
function fma32t(o: Operands, neg: number): string {
  const m = fpMode(o);
  if (m === undefined) return o.miss;
  const d = o.d;
  return `{ ${m.check}${exactly(setSingle(d.rd, `fpFma32(${single(d.rs1)}, ${single(d.rs2)}, ${single(d.rs3)}, ${neg}, ${m.rm})`))} }`;
}

/** min/max of doubles: ordered unequal operands directly, the rest (NaNs, equal zeros) exactly. */
function minMax64(o: Operands, max: boolean): string {
  const d = o.d, lt = max ? '>' : '<';
  return `{ const a = F[${d.rs1}], b = F[${d.rs2}]; ` +
    `if (a < b || b < a) F[${d.rd}] = a ${lt} b ? a : b; else { ${exactly(`F[${d.rd}] = ${max ? 'fpMax64' : 'fpMin64'}(a, b);`)} } }`;
}

/** A comparison of doubles into x rd: ordered operands directly, NaNs exactly (flags). */
function compare64(o: Operands, op: '===' | '<' | '<=', fn: string): string {
  const d = o.d;
  return `{ const a = F[${d.rs1}], b = F[${d.rs2}]; let v = 0; ` +
    `if (a === a && b === b) v = a ${op} b ? 1 : 0; else { ${exactly(`v = ${fn}(a, b);`)} } ${o.rd.l} = v; ${o.rd.h} = 0; }`;
}

/** A single-precision operation with an x result through an exact call: `v` (int32), sign-extended or not. */
function toX(o: Operands, call: (rm: string) => string, signExtend: boolean, withRm: boolean): string {
  let check = '', rm = '';
  if (withRm) {
    const m = fpMode(o);
    if (m === undefined) return o.miss;
    check = m.check; rm = m.rm;
  }
  return `{ ${check}let v = 0; ${exactly(`v = ${call(rm)};`)} ${o.rd.l} = v; ${o.rd.h} = ${signExtend ? 'v >> 31' : '0'}; }`;
}

/** A conversion to a 64-bit integer through S. */
function toX64(o: Operands, fn: string, src: string): string {
  const m = fpMode(o);
  if (m === undefined) return o.miss;
  return `{ ${m.check}${exactly(`${fn}(${src}, ${m.rm}, S, 0);`)} ${o.rd.l} = S[0]; ${o.rd.h} = S[1]; }`;
}

/** Statements after the rounding-mode check (for operations that are exact in every mode). */
function withMode(o: Operands, body: (m: FpMode) => string): string {
  const m = fpMode(o);
  return m === undefined ? o.miss : `{ ${m.check}${body(m)} }`;
}

/** Sign injection on the words of doubles; kind 0: rs2's sign, 1: its inverse, 2: xor of both. */
function sgnj64(o: Operands, kind: number): string {
  const d = o.d, a = 2 * d.rs1, r = 2 * d.rd;
  if (d.rs1 === d.rs2) {
    // fmv.d, fneg.d, fabs.d
    const hi = kind === 0 ? 'hi' : kind === 1 ? 'hi ^ -2147483648' : 'hi & 0x7fffffff';
    return `{ const lo = fi[${a}], hi = fi[${a + 1}]; fi[${r}] = lo; fi[${r + 1}] = ${hi}; }`;
  }
  const s = kind === 0 ? 'b' : kind === 1 ? '~b' : 'hi ^ b';
  return `{ const lo = fi[${a}], hi = fi[${a + 1}], b = fi[${2 * d.rs2 + 1}]; fi[${r}] = lo; ` +
    `fi[${r + 1}] = (hi & 0x7fffffff) | (${s} & -2147483648); }`;
}
function sgnj32(o: Operands, kind: number): string {
  const d = o.d;
  const s = kind === 0 ? 'b' : kind === 1 ? '~b' : 'a ^ b';
  return `{ const a = ${single(d.rs1)}, b = ${single(d.rs2)}; ${setSingle(d.rd, `(a & 0x7fffffff) | (${s} & -2147483648)`)} }`;
}

/** F/D templates: rs1 is an integer source only for moves and conversions from x, rd only for those to x. */
const fp = (emit: (o: Operands) => string): Template => ({ kind: 'fp', srcs: 0, rd: false, emit });
const fpFromX = (emit: (o: Operands) => string): Template => ({ kind: 'fp', srcs: 1, rd: false, emit });
const fpToX = (emit: (o: Operands) => string): Template => ({ kind: 'fp', srcs: 0, rd: true, emit });

/** Templates of the F and D instructions (merged into TEMPLATES). */
export const FP_TEMPLATES: Readonly<Record<string, Template>> = {
  'fadd.d': fp((o) => arith64(o, '+', 'fpAdd64')),
  'fsub.d': fp((o) => arith64(o, '-', 'fpSub64')),
  'fmul.d': fp((o) => arith64(o, '*', 'fpMul64')),
  'fdiv.d': fp((o) => arith64(o, '/', 'fpDiv64')),
  'fsqrt.d': fp(sqrt64t),
  'fmadd.d': fp((o) => fma64t(o, 0)),
  'fmsub.d': fp((o) => fma64t(o, 2)),
  'fnmsub.d': fp((o) => fma64t(o, 1)),
  'fnmadd.d': fp((o) => fma64t(o, 3)),
  'fsgnj.d': fp((o) => sgnj64(o, 0)),
  'fsgnjn.d': fp((o) => sgnj64(o, 1)),
  'fsgnjx.d': fp((o) => sgnj64(o, 2)),
  'fmin.d': fp((o) => minMax64(o, false)),
  'fmax.d': fp((o) => minMax64(o, true)),
  'feq.d': fpToX((o) => compare64(o, '===', 'fpEq64')),
  'flt.d': fpToX((o) => compare64(o, '<', 'fpLt64')),
  'fle.d': fpToX((o) => compare64(o, '<=', 'fpLe64')),
  'fclass.d': fpToX((o) => `{ const v = fpClass64(F[${o.d.rs1}]); ${o.rd.l} = v; ${o.rd.h} = 0; }`),
  'fcvt.w.d': fpToX((o) => toX(o, (rm) => `fpF64ToI32(F[${o.d.rs1}], ${rm})`, true, true)),
  'fcvt.wu.d': fpToX((o) => toX(o, (rm) => `fpF64ToU32(F[${o.d.rs1}], ${rm})`, true, true)),
  'fcvt.l.d': fpToX((o) => toX64(o, 'fpF64ToI64', `F[${o.d.rs1}]`)),
  'fcvt.lu.d': fpToX((o) => toX64(o, 'fpF64ToU64', `F[${o.d.rs1}]`)),
  'fcvt.d.w': fpFromX((o) => withMode(o, () => `F[${o.d.rd}] = ${o.rs1.l};`)),
  'fcvt.d.wu': fpFromX((o) => withMode(o, () => `F[${o.d.rd}] = ${o.rs1.l} >>> 0;`)),
  // A 64-bit integer that is a sign-extended int32 converts exactly.
  'fcvt.d.l': fpFromX((o) => withMode(o, (m) => `const lo = ${o.rs1.l}, hi = ${o.rs1.h}; ` +
    `if (hi === lo >> 31) F[${o.d.rd}] = lo; else { ${exactly(`F[${o.d.rd}] = fpI64ToF64(lo, hi, ${m.rm});`)} }`)),
  'fcvt.d.lu': fpFromX((o) => withMode(o, (m) => exactly(`F[${o.d.rd}] = fpU64ToF64(${o.rs1.l}, ${o.rs1.h}, ${m.rm});`))),
  'fcvt.s.d': fp((o) => withMode(o, (m) => exactly(setSingle(o.d.rd, `fpF64ToF32(F[${o.d.rs1}], ${m.rm})`)))),
  'fcvt.d.s': fp((o) => withMode(o, () => exactly(`F[${o.d.rd}] = fpF32ToF64(${single(o.d.rs1)});`))),
  'fmv.x.d': fpToX((o) => `${o.rd.l} = fi[${2 * o.d.rs1}]; ${o.rd.h} = fi[${2 * o.d.rs1 + 1}];`),
  'fmv.d.x': fpFromX((o) => `fi[${2 * o.d.rd}] = ${o.rs1.l}; fi[${2 * o.d.rd + 1}] = ${o.rs1.h};`),

  'fadd.s': fp((o) => arith32(o, '+', 'fpAdd32')),
  'fsub.s': fp((o) => arith32(o, '-', 'fpSub32')),
  'fmul.s': fp((o) => arith32(o, '*', 'fpMul32')),
  'fdiv.s': fp((o) => arith32(o, '/', 'fpDiv32')),
  'fsqrt.s': fp(sqrt32t),
  'fmadd.s': fp((o) => fma32t(o, 0)),
  'fmsub.s': fp((o) => fma32t(o, 2)),
  'fnmsub.s': fp((o) => fma32t(o, 1)),
  'fnmadd.s': fp((o) => fma32t(o, 3)),
  'fsgnj.s': fp((o) => sgnj32(o, 0)),
  'fsgnjn.s': fp((o) => sgnj32(o, 1)),
  'fsgnjx.s': fp((o) => sgnj32(o, 2)),
  'fmin.s': fp((o) => `{ ${exactly(setSingle(o.d.rd, `fpMin32(${single(o.d.rs1)}, ${single(o.d.rs2)})`))} }`),
  'fmax.s': fp((o) => `{ ${exactly(setSingle(o.d.rd, `fpMax32(${single(o.d.rs1)}, ${single(o.d.rs2)})`))} }`),
  'feq.s': fpToX((o) => toX(o, () => `fpEq32(${single(o.d.rs1)}, ${single(o.d.rs2)})`, false, false)),
  'flt.s': fpToX((o) => toX(o, () => `fpLt32(${single(o.d.rs1)}, ${single(o.d.rs2)})`, false, false)),
  'fle.s': fpToX((o) => toX(o, () => `fpLe32(${single(o.d.rs1)}, ${single(o.d.rs2)})`, false, false)),
  'fcvt.w.s': fpToX((o) => toX(o, (rm) => `fpF32ToI32(${single(o.d.rs1)}, ${rm})`, true, true)),
  'fcvt.wu.s': fpToX((o) => toX(o, (rm) => `fpF32ToU32(${single(o.d.rs1)}, ${rm})`, true, true)),
  'fcvt.s.w': fpFromX((o) => withMode(o, (m) => exactly(setSingle(o.d.rd, `fpI32ToF32(${o.rs1.l}, ${m.rm})`)))),
  'fcvt.s.wu': fpFromX((o) => withMode(o, (m) => exactly(setSingle(o.d.rd, `fpU32ToF32(${o.rs1.l}, ${m.rm})`)))),
  'fmv.x.w': fpToX((o) => `{ const v = fi[${2 * o.d.rs1}]; ${o.rd.l} = v; ${o.rd.h} = v >> 31; }`),
  'fmv.w.x': fpFromX((o) => setSingle(o.d.rd, o.rs1.l)),
};

/** Templates by mnemonic (the keys of the semantics maps). */
export const TEMPLATES: Readonly<Record<string, Template>> = {
  // ---------------------------------------------------------------- upper immediates and jumps
  lui: alu(0, (o) => constant(o, o.d.imm)),
  auipc: alu(0, (o) => constant(o, o.d.pc + o.d.imm)),
  jal: { kind: 'jal', srcs: 0, rd: true, emit: (o) => constant(o, o.d.pc + o.d.len) },
  jalr: {
    kind: 'jalr', srcs: 1, rd: true,
    emit: (o) => {
      const a = o.rs1, imm = lit(o.d.imm);
      return `{ const lo = ${a.l}; const t = ${a.h} * ${TWO32} + (lo >>> 0) + ${imm} - ((lo + ${imm}) & 1); ` +
        `${constant(o, o.d.pc + o.d.len)} tgt = t; }`;
    },
  },

  // ---------------------------------------------------------------- branches
  beq: branch((o) => `(${o.rs1.l} === ${o.rs2.l} && ${o.rs1.h} === ${o.rs2.h})`),
  bne: branch((o) => `(${o.rs1.l} !== ${o.rs2.l} || ${o.rs1.h} !== ${o.rs2.h})`),
  blt: branch((o) => less(o.rs1.l, o.rs1.h, o.rs2.l, o.rs2.h, false)),
  bge: branch((o) => greaterEq(o.rs1.l, o.rs1.h, o.rs2.l, o.rs2.h, false)),
  bltu: branch((o) => less(o.rs1.l, o.rs1.h, o.rs2.l, o.rs2.h, true)),
  bgeu: branch((o) => greaterEq(o.rs1.l, o.rs1.h, o.rs2.l, o.rs2.h, true)),

  // ---------------------------------------------------------------- loads and stores
  lb: load((o) => loadInt(o, 1, 'getInt8(off)', 'v >> 31')),
  lh: load((o) => loadInt(o, 2, 'getInt16(off, true)', 'v >> 31')),
  lw: load((o) => loadInt(o, 4, 'getInt32(off, true)', 'v >> 31')),
  ld: load((o) => access(o, 8, 'r', `${o.rd.l} = p.getInt32(off, true); ${o.rd.h} = p.getInt32(off + 4, true);`)),
  lbu: load((o) => loadInt(o, 1, 'getUint8(off)', '0')),
  lhu: load((o) => loadInt(o, 2, 'getUint16(off, true)', '0')),
  lwu: load((o) => loadInt(o, 4, 'getInt32(off, true)', '0')),
  sb: store((o) => access(o, 1, 'w', `p.setUint8(off, ${o.rs2.l});`)),
  sh: store((o) => access(o, 2, 'w', `p.setUint16(off, ${o.rs2.l}, true);`)),
  sw: store((o) => access(o, 4, 'w', `p.setInt32(off, ${o.rs2.l}, true);`)),
  sd: store((o) => access(o, 8, 'w', `p.setInt32(off, ${o.rs2.l}, true); p.setInt32(off + 4, ${o.rs2.h}, true);`)),

  // Floating-point loads and stores move raw bits between memory and the FP registers (a double's bits,
  // signaling NaNs included, survive DataView and Float64Array reads and writes); a single is NaN-boxed.
  flw: fpLoad((o) => access(o, 4, 'r', `fi[${2 * o.d.rd}] = p.getInt32(off, true); fi[${2 * o.d.rd + 1}] = -1;`)),
  fld: fpLoad((o) => access(o, 8, 'r', `F[${o.d.rd}] = p.getFloat64(off, true);`)),
  fsw: fpStore((o) => access(o, 4, 'w', `p.setInt32(off, fi[${2 * o.d.rs2}], true);`)),
  fsd: fpStore((o) => access(o, 8, 'w', `p.setFloat64(off, F[${o.d.rs2}], true);`)),

  // ---------------------------------------------------------------- register-immediate
  addi: alu(1, (o) => {
    const a = o.rs1, imm = o.d.imm;
    if (isZero(a)) return constant(o, imm);
    if (imm === 0) return copy(o, a);
    return `{ const al = ${a.l}, lo = (al + ${lit(imm)}) | 0; ` +
      `${o.rd.h} = (${a.h} + ${lit(imm >> 31)} + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0; ${o.rd.l} = lo; }`;
  }),
  slti: alu(1, (o) => setLess(o, lit(o.d.imm), lit(o.d.imm >> 31), false)),
  sltiu: alu(1, (o) => setLess(o, lit(o.d.imm), lit(o.d.imm >> 31), true)),
  xori: alu(1, (o) => bitwise(o, '^', lit(o.d.imm), lit(o.d.imm >> 31))),
  ori: alu(1, (o) => bitwise(o, '|', lit(o.d.imm), lit(o.d.imm >> 31))),
  andi: alu(1, (o) => bitwise(o, '&', lit(o.d.imm), lit(o.d.imm >> 31))),
  slli: alu(1, (o) => shiftConst(o, o.d.imm, 'sll')),
  srli: alu(1, (o) => shiftConst(o, o.d.imm, 'srl')),
  srai: alu(1, (o) => shiftConst(o, o.d.imm, 'sra')),

  // ---------------------------------------------------------------- register-register
  add: alu(2, (o) => {
    const a = o.rs1, b = o.rs2;
    if (isZero(a) || isZero(b)) return copy(o, isZero(a) ? b : a);
    return `{ const al = ${a.l}, lo = (al + ${b.l}) | 0; ` +
      `${o.rd.h} = (${a.h} + ${b.h} + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0; ${o.rd.l} = lo; }`;
  }),
  sub: alu(2, (o) => {
    const a = o.rs1, b = o.rs2;
    if (isZero(b)) return copy(o, a);
    return `{ const al = ${a.l}, bl = ${b.l}; ` +
      `${o.rd.h} = (${a.h} - ${b.h} - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0; ${o.rd.l} = (al - bl) | 0; }`;
  }),
  sll: alu(2, (o) => shiftReg(o, 'sll')),
  srl: alu(2, (o) => shiftReg(o, 'srl')),
  sra: alu(2, (o) => shiftReg(o, 'sra')),
  slt: alu(2, (o) => setLess(o, o.rs2.l, o.rs2.h, false)),
  sltu: alu(2, (o) => setLess(o, o.rs2.l, o.rs2.h, true)),
  xor: alu(2, (o) => (isZero(o.rs1) || isZero(o.rs2) ? copy(o, isZero(o.rs1) ? o.rs2 : o.rs1) : bitwise(o, '^', o.rs2.l, o.rs2.h))),
  or: alu(2, (o) => (isZero(o.rs1) || isZero(o.rs2) ? copy(o, isZero(o.rs1) ? o.rs2 : o.rs1) : bitwise(o, '|', o.rs2.l, o.rs2.h))),
  and: alu(2, (o) => bitwise(o, '&', o.rs2.l, o.rs2.h)),

  // ---------------------------------------------------------------- 32-bit (W) forms
  addiw: alu(1, (o) => sext32(o, `(${o.rs1.l} + ${lit(o.d.imm)}) | 0`)),
  slliw: alu(1, (o) => sext32(o, `${o.rs1.l} << ${o.d.imm}`)),
  srliw: alu(1, (o) => sext32(o, `(${o.rs1.l} >>> ${o.d.imm}) | 0`)),
  sraiw: alu(1, (o) => sext32(o, `${o.rs1.l} >> ${o.d.imm}`)),
  addw: alu(2, (o) => sext32(o, `(${o.rs1.l} + ${o.rs2.l}) | 0`)),
  subw: alu(2, (o) => sext32(o, `(${o.rs1.l} - ${o.rs2.l}) | 0`)),
  sllw: alu(2, (o) => sext32(o, `${o.rs1.l} << ${o.rs2.l}`)),
  srlw: alu(2, (o) => sext32(o, `(${o.rs1.l} >>> ${o.rs2.l}) | 0`)),
  sraw: alu(2, (o) => sext32(o, `${o.rs1.l} >> ${o.rs2.l}`)),

  // ---------------------------------------------------------------- M extension
  mul: alu(2, (o) => viaScratch('mul64', o)),
  mulh: alu(2, (o) => viaScratch('mulh64', o)),
  mulhsu: alu(2, (o) => viaScratch('mulhsu64', o)),
  mulhu: alu(2, (o) => viaScratch('mulhu64', o)),
  div: alu(2, (o) => viaScratch('div64', o)),
  divu: alu(2, (o) => viaScratch('divu64', o)),
  rem: alu(2, (o) => viaScratch('rem64', o)),
  remu: alu(2, (o) => viaScratch('remu64', o)),
  mulw: alu(2, (o) => sext32(o, `Math.imul(${o.rs1.l}, ${o.rs2.l})`)),
  divw: alu(2, (o) => `{ const a = ${o.rs1.l}, b = ${o.rs2.l}; ${sext32(o, 'b === 0 ? -1 : (a / b) | 0')} }`),
  divuw: alu(2, (o) => `{ const a = ${o.rs1.l}, b = ${o.rs2.l}; ${sext32(o, 'b === 0 ? -1 : ((a >>> 0) / (b >>> 0)) | 0')} }`),
  remw: alu(2, (o) => `{ const a = ${o.rs1.l}, b = ${o.rs2.l}; ${sext32(o, 'b === 0 ? a : (a % b) | 0')} }`),
  remuw: alu(2, (o) => `{ const a = ${o.rs1.l}, b = ${o.rs2.l}; ${sext32(o, 'b === 0 ? a : ((a >>> 0) % (b >>> 0)) | 0')} }`),

  ...FP_TEMPLATES,
};

