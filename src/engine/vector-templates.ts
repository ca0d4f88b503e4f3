// Vector fast paths for the block translator. A vector instruction's semantics function checks vtype, the
// registers and the operands, dispatches on SEW, mask and policy, and only then runs its element loop; the
// translator knows most of that when it translates. For the hot instructions of kernels (unit-stride and
// whole-register loads and stores, integer add/logic/multiply/shifts, vmacc, vwmacc, vsext/vzext, splats, binary32
// add/mul, fused multiply-adds, min/max, conversions and reductions, vsetvli) it emits code specialized for one vtype (SEW, LMUL, policy bits)
// and VLEN: integer and memory instructions as a typed-array loop inside the translated function (so each
// loop sees one array type and constant register offsets), binary32 ones (vector-fp-templates.ts) as a call
// of the exact element loop of src/rvv/f32-loops.ts. Like templates.ts, the integer loops restate their instruction's
// element operation as source text; test/engine/vector-templates.test.ts runs every fast path against the
// semantics function on random vtypes, vl, registers, masks, policies and addresses.
//
// The guard is one compare of VectorState.vkey (vtype and VLEN, -1 while vill) plus vstart = 0 (and frm for
// floating point); anything else (masked forms, other vtypes, a TLB miss, a page crossing) runs the semantics
// function. vl is read at run time. Tail elements go through the semantics' own policy code (finish, under
// the 'ones' policy); exact counts come from the block as always, and the vector counters (--stats) are fed
// as the semantics' wrapper feeds them.
//
// Which vtype: the one set by a vsetvli/vsetivli earlier in the same block, else the one in effect when the
// block is translated (loop bodies are usually translated while their loop runs). A wrong guess costs only
// speed: the guard fails and the semantics function runs.
import { X_SINK, type Decoded } from '../isa/spec.js';
import { TLB_BITS, TLB_MASK } from '../mem/address-space.js';
import { extN, finish } from '../rvv/common.js';
import { setVl } from '../rvv/config.js';
import type { VSpec } from '../rvv/encoding.js';
import { recordVectorOp, vectorCounting, vectorOpId } from '../profile/vector-counters.js';
import { lit, type Pair } from './templates.js';
import { VECTOR_FP_HELPERS, vectorFpFast } from './vector-fp-templates.js';

/** Functions and objects the generated fast paths use, by the names they use. */
export const VECTOR_HELPERS = {
  NOVEC: { vkey: -2, vstart: 0 }, vld8, vst8, vld16, vst16, vld32, vst32, vld64, vst64, extN, setVl,
  vfinish: finish, VC: vectorCounting, vrec: recordVectorOp, ...VECTOR_FP_HELPERS,
} as const;

/** What the translator knows about a vector instruction it specializes. */
export interface VectorOperands {
  readonly d: Decoded;
  /** vtype (low 8 bits) assumed, and log2(VLENB) of the hart's vector unit. */
  readonly vt: number;
  readonly lenbShift: number;
  /** Integer operands as locals (rs1: base address / scalar / AVL) and the integer destination (vset*). */
  readonly rs1: Pair;
  readonly rd: Pair;
}

export interface VectorFast {
  /** A boolean expression: the fast path applies (V is the hart's vector unit, or NOVEC when it has none). */
  readonly guard: string;
  /** Statements; `break vs;` (before anything is changed) leaves for the semantics function instead. */
  readonly body: string;
  /** Integer registers read through operand locals (rs1), and whether rd is written. */
  readonly xReads: readonly number[];
  readonly writesRd: boolean;
}

/** vkey of a vtype (low 8 bits) at VLENB = 2^lenbShift, or -1 when that vtype is reserved (vill). */
export function vkeyOf(vt: number, lenbShift: number): number {
  const vsew = (vt >>> 3) & 7, vlmul = vt & 7, lmulLog = vlmul >= 4 ? vlmul - 8 : vlmul;
  if (vsew > 3 || vlmul === 4 || (lmulLog < 0 && (8 << vsew) > (64 >> -lmulLog))) return -1;
  return vt | (lenbShift << 8);
}

/**
 * The vtype after d when d sets one: a vsetvli/vsetivli's immediate, -1 (no specialization) for a reserved
 * one or for vsetvl (vtype from a register); undefined when d leaves vtype alone. Lets the translator
 * follow vtype through a block.
 */
export function vtypeSetBy(d: Decoded): number | undefined {
  const n = d.spec.name;
  if (n === 'vsetvl') return -1;
  if (n !== 'vsetvli' && n !== 'vsetivli') return undefined;
  return d.imm > 0xff ? -1 : d.imm & 0xff;
}

/**
 * Statements that leave for the semantics function (break vs) unless the n bytes at the address in pair a
 * lie in one page present in the read (write) TLB; then `dv` is that page's DataView, `off` the offset in
 * it, and `vl` the current vl. The same TLB probe as the scalar templates.
 */
function pageOf(a: Pair, n: string, read: boolean): string {
  const tag = read ? 'rTag' : 'wTag', view = read ? 'rView' : 'wView';
  return `const vl = V.vl, lo = ${a.l}, hi = ${a.h}, off = lo & 4095; if (off + (${n}) > 4096) break vs; ` +
    `const t = lo >>> 12, w = ((hi << 20) + t) | 0, sl = (w ^ (w >>> ${TLB_BITS})) & ${TLB_MASK}; ` +
    `if (mem.${tag}[sl] !== hi * 1048576 + t) break vs; const dv = mem.${view}[sl];`;
}

/** A call moving vl elements of 2^es bytes between dv at off and register-file element base e (one helper per width). */
function copyLoop(load: boolean, es: number, e: number): string {
  const arr = es === 0 ? 'i8' : es === 1 ? 'i16' : 'i32', fn = `${load ? 'vld' : 'vst'}${8 << es}`;
  if (es >= 2) return `${fn}(dv, off, V.${arr}, ${e}, vl);`;
  // Narrow elements: a word at a time when whole words are moved (the register base is word-aligned).
  const words = `${load ? 'vld' : 'vst'}32(dv, off, V.i32, ${(e << es) >>> 2}, (vl << ${es}) >>> 2)`;
  return `if (((vl << ${es}) & 3) === 0) ${words}; else ${fn}(dv, off, V.${arr}, ${e}, vl);`;
}

// Element moves between a page's DataView and the register file, one per element width, so that each sees
// one array type. Out of line: inlined into every translated function they made its compilation slow.
function vld8(dv: DataView, off: number, x: Int8Array, e: number, vl: number): void { for (let i = 0; i < vl; i++) x[e + i] = dv.getInt8(off + i); }
function vst8(dv: DataView, off: number, x: Int8Array, e: number, vl: number): void { for (let i = 0; i < vl; i++) dv.setInt8(off + i, x[e + i]); }
function vld16(dv: DataView, off: number, x: Int16Array, e: number, vl: number): void { for (let i = 0; i < vl; i++) x[e + i] = dv.getInt16(off + 2 * i, true); }
function vst16(dv: DataView, off: number, x: Int16Array, e: number, vl: number): void { for (let i = 0; i < vl; i++) dv.setInt16(off + 2 * i, x[e + i], true); }
function vld32(dv: DataView, off: number, x: Int32Array, e: number, vl: number): void { for (let i = 0; i < vl; i++) x[e + i] = dv.getInt32(off + 4 * i, true); }
function vst32(dv: DataView, off: number, x: Int32Array, e: number, vl: number): void { for (let i = 0; i < vl; i++) dv.setInt32(off + 4 * i, x[e + i], true); }
function vld64(dv: DataView, off: number, x: Int32Array, e: number, vl: number): void {
  for (let i = 0; i < 2 * vl; i++) x[2 * e + i] = dv.getInt32(off + 4 * i, true);
}
function vst64(dv: DataView, off: number, x: Int32Array, e: number, vl: number): void {
  for (let i = 0; i < 2 * vl; i++) dv.setInt32(off + 4 * i, x[2 * e + i], true);
}

const nregs = (emulLog: number): number => (emulLog > 0 ? 1 << emulLog : 1);
/** Register group r of EMUL 2^l is aligned and inside v0..v31. */
const group = (r: number, l: number): boolean => (l <= 0 || (r & ((1 << l) - 1)) === 0) && r + nregs(l) <= 32;
const disjoint = (a: number, an: number, b: number, bn: number): boolean => a + an <= b || b + bn <= a;
const VIEW = ['i8', 'i16', 'i32'];

/**
 * Same-width integer operations as expressions of a = vs2[i] (read through the signed view of SEW) and b
 * (vs1[i] or the scalar); the store truncates to SEW. Shifts use the low log2(SEW) bits of b.
 */
const BIN_EXPR: Readonly<Record<string, (a: string, b: string, sew: number) => string>> = {
  vadd: (a, b) => `${a} + ${b}`, vsub: (a, b) => `${a} - ${b}`, vrsub: (a, b) => `${b} - ${a}`,
  vand: (a, b) => `${a} & ${b}`, vor: (a, b) => `${a} | ${b}`, vxor: (a, b) => `${a} ^ ${b}`, vmul: (a, b) => `Math.imul(${a}, ${b})`,
  vsll: (a, b, sew) => `${a} << (${b} & ${sew - 1})`,
  vsrl: (a, b, sew) => `((${a} << ${32 - sew}) >>> ${32 - sew}) >>> (${b} & ${sew - 1})`,
  vsra: (a, b, sew) => `${a} >> (${b} & ${sew - 1})`,
};
/** vwmacc forms: is vs2 (a) / vs1-or-rs1 (b) read unsigned. */
const WMAC_U: Readonly<Record<string, readonly [boolean, boolean]>> = {
  vwmacc: [false, false], vwmaccu: [true, true], vwmaccsu: [true, false], vwmaccus: [false, true],
};
/** The fast path for d under vtype vt, or undefined when there is none (the semantics call stays). */
export function vectorFast(o: VectorOperands): VectorFast | undefined {
  const d = o.d, s = d.spec as VSpec, name = s.name;
  const dot = name.lastIndexOf('.'), base = dot < 0 ? name : name.slice(0, dot), form = dot < 0 ? '' : name.slice(dot + 1);
  const op = vectorOpId(s);

  if (name === 'vsetvli' || name === 'vsetivli') {
    const avl = name === 'vsetivli' ? lit(d.rs1)
      : d.rs1 !== 0 ? `(${o.rs1.h} !== 0 ? Infinity : ${o.rs1.l} >>> 0)` : d.rd === X_SINK ? 'V.vl' : 'Infinity';
    return {
      guard: 'V !== NOVEC',
      body: `{ const vl = setVl(V, ${d.imm & 0xff}, ${d.imm > 0xff}, ${avl}); ${o.rd.l} = vl; ${o.rd.h} = 0; } ` +
        `if (VC.on) vrec(${op}, V.sewShift, V.lmulLog, 0, 0);`,
      xReads: name === 'vsetvli' && d.rs1 !== 0 ? [d.rs1] : [], writesRd: true,
    };
  }

  const key = vkeyOf(o.vt, o.lenbShift);
  if (key < 0 || d.rm === 0) return undefined; // vill, or masked: the semantics function
  const vt = o.vt, sh = (vt >>> 3) & 7, lm = (vt & 7) >= 4 ? (vt & 7) - 8 : vt & 7, vlenb = 1 << o.lenbShift;
  const per = vlenb >>> sh, rd = d.rd, rs2 = d.rs2, rs1 = d.rs1;
  const guard = (extra = ''): string => `V.vkey === ${key} && V.vstart === 0${extra}`;
  const count = (bytes = '0'): string => `if (VC.on) vrec(${op}, ${sh}, ${lm}, V.vl, ${bytes});`;
  const done = (eewShift: number, emulLog: number): string => `if (V.tailOnes) vfinish(V, ${rd}, ${eewShift}, ${emulLog}, 0);`;
  const fast = (body: string, extra = '', xReads: number[] = []): VectorFast => ({ guard: guard(extra), body, xReads, writesRd: false });

  // Unit-stride loads and stores of one field.
  if (s.mem === 'unit' && d.rs3 === 1) {
    const es = d.imm === 8 ? 0 : d.imm === 16 ? 1 : d.imm === 32 ? 2 : 3, el = es - sh + lm;
    if (el < -3 || el > 3 || !group(rd, el)) return undefined;
    const xr = rs1 !== 0 ? [rs1] : [];
    const load = name.startsWith('vle');
    return fast(`${pageOf(o.rs1, `vl << ${es}`, load)} ${copyLoop(load, es, rd * (vlenb >>> es))} ${load ? done(es, el) : ''} ${count(`vl << ${es}`)}`, '', xr);
  }

  // Whole-register loads and stores (vl<nf>re<eew>.v, vs<nf>r.v): nf * VLENB bytes, whatever vtype is.
  if (s.mem === 'whole') {
    const nf = d.rs3, n = nf * vlenb, es = d.imm === 8 ? 0 : d.imm === 16 ? 1 : d.imm === 32 ? 2 : 3;
    if (rd % nf !== 0) return undefined;
    const load = name.startsWith('vl'), words = n >>> 2;
    const rec = `if (VC.on) vrec(${op}, V.sewShift, V.lmulLog, ${n >>> es}, ${n});`;
    const body = `${pageOf(o.rs1, String(n), load)} ${load ? 'vld32' : 'vst32'}(dv, off, V.i32, ${(rd * vlenb) >>> 2}, ${words});`;
    return { guard: 'V.vkey !== -2 && V.vstart === 0', body: `${body} ${rec}`, xReads: rs1 !== 0 ? [rs1] : [], writesRd: false };
  }

  // Same-width integer operations at SEW <= 32.
  const vv = form === 'vv', vx = form === 'vx', vi = form === 'vi';
  const scalar = (): string => (vx ? o.rs1.l : lit(d.imm));
  const xr = vx && rs1 !== 0 ? [rs1] : [];
  if (sh < 3 && Object.prototype.hasOwnProperty.call(BIN_EXPR, base) && (vv || vx || vi)) {
    if (!group(rd, lm) || !group(rs2, lm) || (vv && !group(rs1, lm))) return undefined;
    const a = `x[${rs2 * per} + i]`, b = vv ? `x[${rs1 * per} + i]` : 'sc';
    return fast(`{ const x = V.${VIEW[sh]}, vl = V.vl, sc = ${scalar()}; for (let i = 0; i < vl; i++) x[${rd * per} + i] = ${BIN_EXPR[base](a, b, 8 << sh)}; } ` +
      `${done(sh, lm)} ${count()}`, '', xr);
  }
  if (sh < 3 && (base === 'vmacc' || base === 'vnmsac') && (vv || vx)) {
    if (!group(rd, lm) || !group(rs2, lm) || (vv && !group(rs1, lm))) return undefined;
    const sc = vx ? `extN(${o.rs1.l}, ${8 << sh}, false)` : '0', b = vv ? `x[${rs1 * per} + i]` : 'sc', D = `x[${rd * per} + i]`;
    return fast(`{ const x = V.${VIEW[sh]}, vl = V.vl, sc = ${sc}; for (let i = 0; i < vl; i++) ${D} = ${D} ${base === 'vmacc' ? '+' : '-'} ` +
      `Math.imul(x[${rs2 * per} + i], ${b}); } ${done(sh, lm)} ${count()}`, '', xr);
  }
  if (sh < 2 && lm <= 2 && Object.prototype.hasOwnProperty.call(WMAC_U, base) && (vv || vx)) {
    const wl = lm + 1, [ua, ub] = WMAC_U[base];
    if (!group(rd, wl) || !group(rs2, lm) || (vv && !group(rs1, lm))) return undefined;
    if (!disjoint(rd, nregs(wl), rs2, nregs(lm)) || (vv && !disjoint(rd, nregs(wl), rs1, nregs(lm)))) return undefined;
    const wper = per >>> 1, sc = vx ? `extN(${o.rs1.l}, ${8 << sh}, ${ub})` : '0', mask = sh === 0 ? '0xff' : '0xffff';
    const a = ua ? `(n[${rs2 * per} + i] & ${mask})` : `n[${rs2 * per} + i]`;
    const b = vv ? (ub ? `(n[${rs1 * per} + i] & ${mask})` : `n[${rs1 * per} + i]`) : 'sc';
    return fast(`{ const w = V.${sh === 0 ? 'i16' : 'i32'}, n = V.${VIEW[sh]}, vl = V.vl, sc = ${sc}; ` +
      `for (let i = 0; i < vl; i++) w[${rd * wper} + i] += ${a} * ${b}; } ${done(sh + 1, wl)} ${count()}`, '', xr);
  }
  const ext = /^v([sz])ext\.vf([248])$/.exec(name);
  if (ext !== null && sh < 3) {
    const fl = ext[2] === '2' ? 1 : ext[2] === '4' ? 2 : 3, ssh = sh - fl, sl = lm - fl;
    if (ssh < 0 || sl < -3 || !group(rd, lm) || !group(rs2, sl)) return undefined;
    const dn = nregs(lm), sn = nregs(sl);
    if (!disjoint(rd, dn, rs2, sn) && !(sl >= 0 && rs2 === rd + dn - sn)) return undefined;
    const src = `y[${rs2 * (vlenb >>> ssh)} + i]`, sft = 32 - (8 << ssh);
    return fast(`{ const x = V.${VIEW[sh]}, y = V.${VIEW[ssh]}, vl = V.vl; for (let i = 0; i < vl; i++) x[${rd * per} + i] = ` +
      `${ext[1] === 's' ? src : `(${src} << ${sft}) >>> ${sft}`}; } ${done(sh, lm)} ${count()}`);
  }
  if (sh < 3 && (name === 'vmv.v.x' || name === 'vmv.v.i')) {
    if (!group(rd, lm)) return undefined;
    const byX = name === 'vmv.v.x';
    return fast(`V.${VIEW[sh]}.fill(${byX ? o.rs1.l : lit(d.imm)}, ${rd * per}, ${rd * per} + V.vl); ${done(sh, lm)} ${count()}`, '',
      byX && rs1 !== 0 ? [rs1] : []);
  }

  return vectorFpFast({ d, base, form, sh, lm, per, group, fast: (body, extra) => fast(body, extra), count: () => count(), done });
}
