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
// space), `fi` (h.fi, the FP registers as words), `S` (an Int32Array(2) scratch), `tgt` (the jump
// target, jalr only) and the helpers in TEMPLATE_HELPERS.
import type { Decoded } from '../isa/spec.js';
import { TLB_BITS, TLB_MASK, type AddressSpace } from '../mem/address-space.js';
import { div64, divu64, mul64, mulh64, mulhsu64, mulhu64, rem64, remu64 } from '../isa/int64.js';

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
 * assigning the target to `tgt`.
 */
export type TemplateKind = 'alu' | 'load' | 'store' | 'branch' | 'jal' | 'jalr';

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
  ld8, ld8u, ld16, ld16u, ld32, ld64, st8, st16, st32, st64,
} as const;

const TWO32 = 4294967296;

/** A number as a JS literal that is safe in any expression position. */
export function lit(v: number): string { return v < 0 || Object.is(v, -0) ? `(${v})` : String(v); }

// Memory access: small helpers do the address space's TLB hit path (the same test and the same DataView
// access as AddressSpace.load32 & co.) and report a miss instead of handling it. On a miss the template
// runs `o.miss`, which leaves the translated code before the instruction has done anything; the engine
// then runs it (and the rest of its block) through the semantics functions, which fill the TLB or fault.
// The helpers keep the generated functions small (V8 optimizes big functions late) and V8 inlines them.
//
// Page arithmetic is in int32 (no doubles while the page number fits): with a = rs1 + imm =
// hi·2^32 + (lo >>> 0) + imm, the page number is vpn = hi·2^20 + t where t = floor(((lo >>> 0) + imm) /
// 4096), the offset is (lo + imm) & 4095, and the TLB slot uses vpn's low 32 bits, ((hi << 20) + t) | 0.

/** A loaded value that is not an int32: the TLB does not map the bytes. */
export const MISS = 4294967296;

function ld8(mem: AddressSpace, lo: number, hi: number, imm: number): number {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK;
  if (mem.rTag[s] !== hi * 1048576 + t) return MISS;
  return mem.rView[s].getInt8((lo + imm) & 4095);
}
function ld8u(mem: AddressSpace, lo: number, hi: number, imm: number): number {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK;
  if (mem.rTag[s] !== hi * 1048576 + t) return MISS;
  return mem.rView[s].getUint8((lo + imm) & 4095);
}
function ld16(mem: AddressSpace, lo: number, hi: number, imm: number): number {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK, off = (lo + imm) & 4095;
  if (mem.rTag[s] !== hi * 1048576 + t || off > 4094) return MISS;
  return mem.rView[s].getInt16(off, true);
}
function ld16u(mem: AddressSpace, lo: number, hi: number, imm: number): number {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK, off = (lo + imm) & 4095;
  if (mem.rTag[s] !== hi * 1048576 + t || off > 4094) return MISS;
  return mem.rView[s].getUint16(off, true);
}
function ld32(mem: AddressSpace, lo: number, hi: number, imm: number): number {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK, off = (lo + imm) & 4095;
  if (mem.rTag[s] !== hi * 1048576 + t || off > 4092) return MISS;
  return mem.rView[s].getInt32(off, true);
}
/** Loads both words into out[o] (low) and out[o + 1]; returns true on a miss (out untouched). */
function ld64(mem: AddressSpace, lo: number, hi: number, imm: number, out: Int32Array, o: number): boolean {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK, off = (lo + imm) & 4095;
  if (mem.rTag[s] !== hi * 1048576 + t || off > 4088) return true;
  const v = mem.rView[s];
  out[o] = v.getInt32(off, true); out[o + 1] = v.getInt32(off + 4, true);
  return false;
}
/** Stores return true when done, false on a miss (nothing written). */
function st8(mem: AddressSpace, lo: number, hi: number, imm: number, x: number): boolean {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK;
  if (mem.wTag[s] !== hi * 1048576 + t) return false;
  mem.wView[s].setUint8((lo + imm) & 4095, x);
  return true;
}
function st16(mem: AddressSpace, lo: number, hi: number, imm: number, x: number): boolean {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK, off = (lo + imm) & 4095;
  if (mem.wTag[s] !== hi * 1048576 + t || off > 4094) return false;
  mem.wView[s].setUint16(off, x, true);
  return true;
}
function st32(mem: AddressSpace, lo: number, hi: number, imm: number, x: number): boolean {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK, off = (lo + imm) & 4095;
  if (mem.wTag[s] !== hi * 1048576 + t || off > 4092) return false;
  mem.wView[s].setInt32(off, x, true);
  return true;
}
function st64(mem: AddressSpace, lo: number, hi: number, imm: number, xl: number, xh: number): boolean {
  const t = (lo >>> 12) + (((lo & 4095) + (imm & 4095)) >> 12) + (imm >> 12), w = ((hi << 20) + t) | 0;
  const s = (w ^ (w >>> TLB_BITS)) & TLB_MASK, off = (lo + imm) & 4095;
  if (mem.wTag[s] !== hi * 1048576 + t || off > 4088) return false;
  const v = mem.wView[s];
  v.setInt32(off, xl, true); v.setInt32(off + 4, xh, true);
  return true;
}

/** With alignedOnly: leave (to the semantics function, which faults) when the address is not size-aligned. */
function alignment(o: Operands, size: number): string {
  return o.alignedOnly === true && size > 1 ? `if (((${o.rs1.l} + ${lit(o.d.imm)}) & ${size - 1}) !== 0) ${o.miss} ` : '';
}

/** A load: v = the helper's result; leave on a miss; then `finish` (which uses v, an int32). */
function loadVia(o: Operands, helper: string, finish: string, size: number): string {
  return `{ ${alignment(o, size)}const v = ${helper}(mem, ${o.rs1.l}, ${o.rs1.h}, ${lit(o.d.imm)}); if (v === ${MISS}) ${o.miss} ${finish} }`;
}

function storeVia(o: Operands, helper: string, value: string, size: number): string {
  return `${alignment(o, size)}if (!${helper}(mem, ${o.rs1.l}, ${o.rs1.h}, ${lit(o.d.imm)}, ${value})) ${o.miss}`;
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
  lb: load((o) => loadVia(o, 'ld8', `${o.rd.l} = v | 0; ${o.rd.h} = v >> 31;`, 1)),
  lh: load((o) => loadVia(o, 'ld16', `${o.rd.l} = v | 0; ${o.rd.h} = v >> 31;`, 2)),
  lw: load((o) => loadVia(o, 'ld32', `${o.rd.l} = v | 0; ${o.rd.h} = v >> 31;`, 4)),
  ld: load((o) => `${alignment(o, 8)}if (ld64(mem, ${o.rs1.l}, ${o.rs1.h}, ${lit(o.d.imm)}, S, 0)) ${o.miss} ${o.rd.l} = S[0]; ${o.rd.h} = S[1];`),
  lbu: load((o) => loadVia(o, 'ld8u', `${o.rd.l} = v | 0; ${o.rd.h} = 0;`, 1)),
  lhu: load((o) => loadVia(o, 'ld16u', `${o.rd.l} = v | 0; ${o.rd.h} = 0;`, 2)),
  lwu: load((o) => loadVia(o, 'ld32', `${o.rd.l} = v | 0; ${o.rd.h} = 0;`, 4)),
  sb: store((o) => storeVia(o, 'st8', o.rs2.l, 1)),
  sh: store((o) => storeVia(o, 'st16', o.rs2.l, 2)),
  sw: store((o) => storeVia(o, 'st32', o.rs2.l, 4)),
  sd: store((o) => storeVia(o, 'st64', `${o.rs2.l}, ${o.rs2.h}`, 8)),

  // Floating-point loads and stores move raw words between memory and fi (h.fi); a single is NaN-boxed.
  flw: fpLoad((o) => loadVia(o, 'ld32', `fi[${2 * o.d.rd}] = v | 0; fi[${2 * o.d.rd + 1}] = -1;`, 4)),
  fld: fpLoad((o) => `${alignment(o, 8)}if (ld64(mem, ${o.rs1.l}, ${o.rs1.h}, ${lit(o.d.imm)}, fi, ${2 * o.d.rd})) ${o.miss}`),
  fsw: fpStore((o) => storeVia(o, 'st32', `fi[${2 * o.d.rs2}]`, 4)),
  fsd: fpStore((o) => storeVia(o, 'st64', `fi[${2 * o.d.rs2}], fi[${2 * o.d.rs2 + 1}]`, 8)),

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
};
