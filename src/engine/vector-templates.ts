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
// floating point), left out where earlier instructions of the block established it (vectorGuard,
// knownAfter); anything else (masked forms, other vtypes, a TLB miss) runs the semantics function. vl is
// read at run time. Tail elements go through the semantics' own policy code (finish, under the 'ones'
// policy, only emitted for a vtype with vta set); exact counts come from the block as always, and the
// vector counters (--stats) get what the semantics' wrapper records, summed by the translated function.
//
// Which vtype: the one set by a vsetvli/vsetivli earlier in the same block, else the one in effect when the
// block is translated (loop bodies are usually translated while their loop runs). A wrong guess costs only
// speed: the guard fails and the semantics function runs.
import { X_SINK, type Decoded } from '../isa/spec.js';
import { TLB_BITS, TLB_MASK, type AddressSpace } from '../mem/address-space.js';
import { extN, finish } from '../rvv/common.js';
import { setVl } from '../rvv/config.js';
import type { VSpec } from '../rvv/encoding.js';
import { recordVectorOp, recordVectorRuns, vectorCounting, vectorOpId } from '../profile/vector-counters.js';
import { lit, type Pair } from './templates.js';
import { VECTOR_FP_HELPERS, vectorFpFast } from './vector-fp-templates.js';

/** What vpage returns when it moved the bytes itself (they run into the next page). */
const CROSSED = new DataView(new ArrayBuffer(0));

/** Functions and objects the generated fast paths use, by the names they use. */
export const VECTOR_HELPERS = {
  NOVEC: { vkey: -2, vstart: 0 }, vpage, CROSSED, vld8, vst8, vld16, vst16, vld32, vst32, vld64, vst64, extN, setVl,
  vfinish: finish, VC: vectorCounting, vrec: recordVectorOp, vrecRuns: recordVectorRuns, ...VECTOR_FP_HELPERS,
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
  /** vkey known to be in effect (with vstart = 0) before d, from earlier instructions of its block. */
  readonly knownKey?: number;
}

export interface VectorFast {
  /**
   * What the body assumes of the vector unit: a vkey (>= 0; then also vstart = 0), ANY_VTYPE (a unit, any
   * vtype, vstart = 0) or ANY_UNIT (a unit); plus a condition on frm ('' or ' && h.frm ...'). The translator
   * turns these into the guard, leaving out what earlier instructions of the block already checked.
   */
  readonly needs: number;
  readonly frm: string;
  /** Statements; `break vs;` (before anything is changed) leaves for the semantics function instead. */
  readonly body: string;
  /** Integer registers read through operand locals (rs1), and whether rd is written. */
  readonly xReads: readonly number[];
  readonly writesRd: boolean;
  /**
   * The --stats vector counters' row this instruction feeds (mnemonic id, SEW and LMUL are fixed by the
   * guard); the body adds to the translator's sums through $n (runs), $e (elements) and $b (bytes).
   */
  readonly rec?: { readonly op: number; readonly sh: number; readonly lm: number };
  /** For vsetvli/vsetivli: the vkey in effect after it (-1: vill). */
  readonly setsKey?: number;
}

/** VectorFast.needs: any vtype (also vill) with vstart = 0, or just a vector unit. */
export const ANY_VTYPE = -2;
export const ANY_UNIT = -3;

/** What is known of the vector unit at a point of a block, from the guards and vsetvli before it. */
export interface KnownVector {
  /** vkey in effect (vstart = 0 as well), or undefined. */
  key: number | undefined;
  /** frm conditions already checked (' && h.frm === 0' implies ' && h.frm < 5'). */
  frm: Set<string>;
}

/**
 * The guard of fast path f where `known` holds ('' when it needs no check); knownAfter: what is known after
 * the instruction (code goes on after it only when its fast path ran: its guard held, and it ends with
 * vstart = 0 and vtype as it was, or as its vsetvli set it).
 */
export function vectorGuard(f: VectorFast, known: KnownVector): string {
  const parts: string[] = [];
  if (f.needs >= 0) { if (known.key !== f.needs) parts.push(`V.vkey === ${f.needs} && V.vstart === 0`); }
  else if (known.key === undefined) parts.push(f.needs === ANY_VTYPE ? 'V !== NOVEC && V.vstart === 0' : 'V !== NOVEC');
  if (f.frm !== '' && !known.frm.has(f.frm)) parts.push(f.frm.replace(/^ && /, ''));
  return parts.join(' && ');
}
export function knownAfter(f: VectorFast, known: KnownVector): void {
  if (f.setsKey !== undefined) { known.key = f.setsKey >= 0 ? f.setsKey : undefined; return; }
  if (f.needs >= 0) known.key = f.needs;
  if (f.frm !== '') {
    known.frm.add(f.frm);
    if (f.frm === FRM_RNE) known.frm.add(FRM_VALID);
  }
}
const FRM_RNE = ' && h.frm === 0', FRM_VALID = ' && h.frm < 5';

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
 * Statements that move the n bytes at the address in pair a between memory and the register file (register
 * byte base `base`) when the page(s) they lie on are present in the read (write) TLB, else leave for the
 * semantics function (break vs). On one page `copy` does it, with `dv` that page's DataView and `off` the
 * offset in it; across two pages vpage does. `vl` is the current vl. The same TLB probe as the scalar
 * templates, in a helper shared by all translated code: its rare paths (a page crossing) then have V8's type
 * feedback from wherever they ran first, and do not make optimized translated code be thrown away.
 */
function pageOf(a: Pair, n: string, read: boolean, base: number, copy: string): string {
  return `const vl = V.vl, off = ${a.l} & 4095, dv = vpage(mem, ${a.l}, ${a.h}, ${n}, V.u8, ${base}, ${read}); ` +
    `if (dv === null) break vs; if (dv !== CROSSED) { ${copy} }`;
}

/**
 * The DataView of the page holding the n bytes at (lo, hi) when it is in the read (load) or write TLB; when
 * the bytes run into the next page, CROSSED after moving them (both pages present); else null.
 */
function vpage(mem: AddressSpace, lo: number, hi: number, n: number, u8: Uint8Array, base: number, load: boolean): DataView | null {
  if ((lo & 4095) + n > 4096) return vcross(mem, lo, hi, n, u8, base, load) ? CROSSED : null;
  const t = lo >>> 12, w = ((hi << 20) + t) | 0, sl = (w ^ (w >>> TLB_BITS)) & TLB_MASK;
  if (load) return mem.rTag[sl] === hi * 1048576 + t ? mem.rView[sl] : null;
  return mem.wTag[sl] === hi * 1048576 + t ? mem.wView[sl] : null;
}

/**
 * n bytes at address (lo, hi) that run into the next page, moved between memory and u8[base...] when both
 * pages are in the read (load) or write TLB; false (nothing moved) when one is not.
 */
function vcross(mem: AddressSpace, lo: number, hi: number, n: number, u8: Uint8Array, base: number, load: boolean): boolean {
  const t = lo >>> 12, vpn = hi * 1048576 + t, w = ((hi << 20) + t) | 0, w2 = (w + 1) | 0;
  const s1 = (w ^ (w >>> TLB_BITS)) & TLB_MASK, s2 = (w2 ^ (w2 >>> TLB_BITS)) & TLB_MASK;
  const tags = load ? mem.rTag : mem.wTag, views = load ? mem.rView : mem.wView;
  if (tags[s1] !== vpn || tags[s2] !== vpn + 1) return false;
  const off = lo & 4095, first = 4096 - off, a = views[s1], b = views[s2];
  if (load) {
    for (let i = 0; i < first; i++) u8[base + i] = a.getUint8(off + i);
    for (let i = first; i < n; i++) u8[base + i] = b.getUint8(i - first);
  } else {
    for (let i = 0; i < first; i++) a.setUint8(off + i, u8[base + i]);
    for (let i = first; i < n; i++) b.setUint8(i - first, u8[base + i]);
  }
  return true;
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

const lmulLogOf = (vt: number): number => ((vt & 7) >= 4 ? (vt & 7) - 8 : vt & 7);

/**
 * Statements adding one run to the translator's sums for the --stats vector counters, while they count
 * (von: vectorCounting.on, read when the function starts and after each call that could change it).
 */
function countRuns(elements: string, bytes: string): string {
  return `if (von) { $n++;${elements !== '0' ? ` $e += ${elements};` : ''}${bytes !== '0' ? ` $b += ${bytes};` : ''} }`;
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
    const vt = d.imm & 0xff, reserved = d.imm > 0xff, newKey = reserved ? -1 : vkeyOf(vt, o.lenbShift);
    const avl = name === 'vsetivli' ? lit(d.rs1)
      : d.rs1 !== 0 ? `(${o.rs1.h} !== 0 ? Infinity : ${o.rs1.l} >>> 0)` : d.rd === X_SINK ? 'V.vl' : 'Infinity';
    const general = `setVl(V, ${vt}, ${reserved}, ${avl})`;
    let set = general;
    if (newKey >= 0) {
      // The same vtype again (a loop's vsetvli): only vl and vstart change. vl = min(AVL, VLMAX); keeping
      // vl (rs1 = rd = x0) keeps it as it is, no larger than VLMAX under this vtype.
      const lm = lmulLogOf(vt), vlmax = 1 << (lm + o.lenbShift - ((vt >>> 3) & 7));
      const same = avl === 'V.vl' ? 'V.vl' : `(V.vl = ${name === 'vsetivli' ? Math.min(d.rs1, vlmax) : `Math.min(${avl}, ${vlmax})`})`;
      set = o.knownKey === newKey ? same : `(V.vkey === ${newKey} ? (V.vstart = 0, ${same}) : ${general})`;
    }
    return {
      needs: ANY_UNIT, frm: '', setsKey: newKey,
      body: `{ const vl = ${set}; ${o.rd.l} = vl; ${o.rd.h} = 0; } ${countRuns('0', '0')}`,
      rec: newKey < 0 ? { op, sh: 0, lm: 0 } : { op, sh: (vt >>> 3) & 7, lm: lmulLogOf(vt) },
      xReads: name === 'vsetvli' && d.rs1 !== 0 ? [d.rs1] : [], writesRd: true,
    };
  }

  const key = vkeyOf(o.vt, o.lenbShift);
  if (key < 0 || d.rm === 0) return undefined; // vill, or masked: the semantics function
  const vt = o.vt, sh = (vt >>> 3) & 7, lm = (vt & 7) >= 4 ? (vt & 7) - 8 : vt & 7, vlenb = 1 << o.lenbShift;
  const per = vlenb >>> sh, rd = d.rd, rs2 = d.rs2, rs1 = d.rs1;
  const count = (bytes = '0'): string => countRuns('V.vl', bytes);
  // Tail elements change only under the 'ones' policy with vta set (vta is part of the vkey guarded on).
  const done = (eewShift: number, emulLog: number): string =>
    ((vt & 0x40) === 0 ? '' : `if (V.tailOnes) vfinish(V, ${rd}, ${eewShift}, ${emulLog}, 0);`);
  const fast = (body: string, extra = '', xReads: number[] = []): VectorFast =>
    ({ needs: key, frm: extra, body, xReads, writesRd: false, rec: { op, sh, lm } });

  // Unit-stride loads and stores of one field.
  if (s.mem === 'unit' && d.rs3 === 1) {
    const es = d.imm === 8 ? 0 : d.imm === 16 ? 1 : d.imm === 32 ? 2 : 3, el = es - sh + lm;
    if (el < -3 || el > 3 || !group(rd, el)) return undefined;
    const xr = rs1 !== 0 ? [rs1] : [];
    const load = name.startsWith('vle');
    return fast(`${pageOf(o.rs1, `vl << ${es}`, load, rd * vlenb, copyLoop(load, es, rd * (vlenb >>> es)))} ${load ? done(es, el) : ''} ${count(`vl << ${es}`)}`, '', xr);
  }

  // Whole-register loads and stores (vl<nf>re<eew>.v, vs<nf>r.v): nf * VLENB bytes, whatever vtype is.
  if (s.mem === 'whole') {
    const nf = d.rs3, n = nf * vlenb, es = d.imm === 8 ? 0 : d.imm === 16 ? 1 : d.imm === 32 ? 2 : 3;
    if (rd % nf !== 0) return undefined;
    const load = name.startsWith('vl'), words = n >>> 2;
    // Counted in the row of the vtype in effect: summed in locals under the vtype translated for (the usual
    // case), else recorded at once.
    const rec = `if (von) { if (V.vkey === ${key}) { $n++; $e += ${n >>> es}; $b += ${n}; } else vrec(${op}, V.sewShift, V.lmulLog, ${n >>> es}, ${n}); }`;
    const body = pageOf(o.rs1, String(n), load, rd * vlenb, `${load ? 'vld32' : 'vst32'}(dv, off, V.i32, ${(rd * vlenb) >>> 2}, ${words});`);
    return { needs: ANY_VTYPE, frm: '', body: `${body} ${rec}`, xReads: rs1 !== 0 ? [rs1] : [], writesRd: false, rec: { op, sh, lm } };
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
    const one = `w[${rd * wper} + i] += ${a} * ${b};`;
    if (sh === 1) {
      // 16-bit sources two at a time, as the halves of one 32-bit word (fewer loads and bounds checks).
      const lo = (v: string, u: boolean): string => (u ? `(${v} & 0xffff)` : `((${v} << 16) >> 16)`);
      const hi = (v: string, u: boolean): string => (u ? `(${v} >>> 16)` : `(${v} >> 16)`);
      // Four at a time, in int32 arithmetic (the sums wrap to 32 bits anyway).
      const A = (rs2 * per) >>> 1, B = (rs1 * per) >>> 1, D = rd * wper;
      const mac = (k: number, half: (v: string, u: boolean) => string): string => {
        const pa = `p${k >> 1}`, pb = `q${k >> 1}`;
        return `w[${D + k} + i] = (w[${D + k} + i] + Math.imul(${half(pa, ua)}, ${vv ? half(pb, ub) : 'sc'})) | 0;`;
      };
      const words = `const p0 = w[${A} + (i >> 1)], p1 = w[${A + 1} + (i >> 1)]` +
        (vv ? `, q0 = w[${B} + (i >> 1)], q1 = w[${B + 1} + (i >> 1)];` : ';');
      const scInline = vx ? (ub ? `(${o.rs1.l} & 0xffff)` : `((${o.rs1.l} << 16) >> 16)`) : '0';
      return fast(`{ const w = V.i32, n = V.i16, vl = V.vl, sc = ${scInline}; let i = 0; ` +
        `for (; i + 4 <= vl; i += 4) { ${words} ${mac(0, lo)} ${mac(1, hi)} ${mac(2, lo)} ${mac(3, hi)} } ` +
        `for (; i < vl; i++) ${one} } ${done(sh + 1, wl)} ${count()}`, '', xr);
    }
    return fast(`{ const w = V.${sh === 0 ? 'i16' : 'i32'}, n = V.${VIEW[sh]}, vl = V.vl, sc = ${sc}; ` +
      `for (let i = 0; i < vl; i++) ${one} } ${done(sh + 1, wl)} ${count()}`, '', xr);
  }
  const ext = /^v([sz])ext\.vf([248])$/.exec(name);
  if (ext !== null && sh < 3) {
    const fl = ext[2] === '2' ? 1 : ext[2] === '4' ? 2 : 3, ssh = sh - fl, sl = lm - fl;
    if (ssh < 0 || sl < -3 || !group(rd, lm) || !group(rs2, sl)) return undefined;
    const dn = nregs(lm), sn = nregs(sl);
    if (!disjoint(rd, dn, rs2, sn) && !(sl >= 0 && rs2 === rd + dn - sn)) return undefined;
    const src = `y[${rs2 * (vlenb >>> ssh)} + i]`, sft = 32 - (8 << ssh), signed = ext[1] === 's';
    const one = `x[${rd * per} + i] = ${signed ? src : `(${src} << ${sft}) >>> ${sft}`};`;
    if (fl === 1 && sh >= 1 && disjoint(rd, dn, rs2, sn)) {
      // Whole 32-bit words at a time: four bytes into two words of 16-bit pairs, or two halves into two words.
      const q = 'q', S = (rs2 * vlenb) >>> 2, D = (rd * vlenb) >>> 2;
      const part = (v: string, at: number, bits: number): string => (signed
        ? `((${v} << ${32 - at - bits}) >> ${32 - bits})` : `((${v} >>> ${at}) & ${bits === 8 ? '0xff' : '0xffff'})`);
      const words = sh === 1
        ? `for (; i + 4 <= vl; i += 4) { const v = ${q}[${S} + (i >> 2)]; ${q}[${D} + (i >> 1)] = (${part('v', 0, 8)} & 0xffff) | (${part('v', 8, 8)} << 16); ` +
          `${q}[${D + 1} + (i >> 1)] = (${part('v', 16, 8)} & 0xffff) | (${part('v', 24, 8)} << 16); }`
        : `for (; i + 2 <= vl; i += 2) { const v = ${q}[${S} + (i >> 1)]; ${q}[${D} + i] = ${part('v', 0, 16)}; ${q}[${D + 1} + i] = ${part('v', 16, 16)}; }`;
      return fast(`{ const x = V.${VIEW[sh]}, y = V.${VIEW[ssh]}, q = V.i32, vl = V.vl; let i = 0; ${words} for (; i < vl; i++) ${one} } ` +
        `${done(sh, lm)} ${count()}`);
    }
    return fast(`{ const x = V.${VIEW[sh]}, y = V.${VIEW[ssh]}, vl = V.vl; for (let i = 0; i < vl; i++) ${one} } ${done(sh, lm)} ${count()}`);
  }
  if (sh < 3 && (name === 'vmv.v.x' || name === 'vmv.v.i')) {
    if (!group(rd, lm)) return undefined;
    const byX = name === 'vmv.v.x';
    return fast(`V.${VIEW[sh]}.fill(${byX ? o.rs1.l : lit(d.imm)}, ${rd * per}, ${rd * per} + V.vl); ${done(sh, lm)} ${count()}`, '',
      byX && rs1 !== 0 ? [rs1] : []);
  }

  return vectorFpFast({ d, base, form, sh, lm, per, group, fast: (body, extra) => fast(body, extra), count: () => count(), done });
}
