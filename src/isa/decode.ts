// Instruction decoding: raw bits -> Decoded (operand fields extracted, semantics attached).
//
// 32-bit words are looked up in a table indexed by opcode[6:2], funct3 and funct7 (15 bits), whose slots hold
// the few entries compatible with those bits; the entries never overlap, so the first whose mask/match fits
// is the instruction. 16-bit words are expanded to their 32-bit equivalent and decoded as that, keeping the
// 16-bit raw bits and length 2.
import { IllegalInstruction } from '../errors.js';
import type { AddressSpace } from '../mem/address-space.js';
import { expandCompressed } from './compressed.js';
import { SCALAR_TABLE } from './encoding.js';
import { scalarSemantics } from './semantics.js';
import { Decoded, X_SINK, type ExecFn, type Ext, type InsnSpec } from './spec.js';

/** Every extension of the scalar tables (RV64GC with Zba/Zbb/Zbs/Zicond), e.g. for tools and tests. */
export const SCALAR_EXTS: ReadonlySet<Ext> = new Set<Ext>(
  ['I', 'M', 'A', 'F', 'D', 'C', 'Zicsr', 'Zifencei', 'Zba', 'Zbb', 'Zbs', 'Zicond']);

/** Bits of the instruction word used as the lookup key: [6:2], [14:12], [31:25]. */
const KEY_MASK = (0x1f << 2) | (7 << 12) | (0x7f << 25);
const keyOf = (w: number): number => ((w >>> 2) & 0x1f) | ((w >>> 7) & 0xe0) | ((w >>> 17) & 0x7f00);

interface Slot { readonly specs: InsnSpec[]; readonly masks: number[]; readonly matches: number[] }
const EMPTY: Slot = { specs: [], masks: [], matches: [] };
const slots: Slot[] = new Array<Slot>(1 << 15).fill(EMPTY);

/** Per-entry semantics, resolved on first use (the semantics maps are filled by their own modules). */
const execs = new Map<InsnSpec, ExecFn>();

function buildSlots(table: readonly InsnSpec[]): void {
  for (const s of table) {
    if ((s.match & 3) !== 3) throw new Error(`${s.name}: not a 32-bit encoding`);
    const fixedKey = s.mask & KEY_MASK;
    const freeKeyBits = KEY_MASK & ~fixedKey;
    // Visit every key that agrees with the entry on the key bits it fixes.
    let sub = 0;
    do {
      const k = keyOf((s.match & fixedKey) | sub);
      let slot = slots[k];
      if (slot === EMPTY) slots[k] = slot = { specs: [], masks: [], matches: [] };
      slot.specs.push(s); slot.masks.push(s.mask | 0); slot.matches.push(s.match | 0);
      sub = (sub - freeKeyBits) & freeKeyBits;
    } while (sub !== 0);
  }
}
buildSlots(SCALAR_TABLE);

/** The table entry matching a 32-bit word, ignoring which extensions are enabled; undefined if none. */
export function lookup32(w: number): InsnSpec | undefined {
  const slot = slots[keyOf(w)];
  const masks = slot.masks, matches = slot.matches;
  for (let i = 0; i < masks.length; i++) if ((w & masks[i]) === matches[i]) return slot.specs[i];
  return undefined;
}

/**
 * Decoder for encodings outside the scalar table (the vector unit registers one). It returns undefined for
 * words it does not know; it must not claim words the scalar table matches.
 */
export type ExtraDecoder = (raw: number, pc: number, enabled: ReadonlySet<Ext>) => Decoded | undefined;
const extraDecoders: ExtraDecoder[] = [];
export function registerDecoder(fn: ExtraDecoder): void { extraDecoders.push(fn); }

function unimplemented(_h: unknown, d: Decoded): void {
  throw new IllegalInstruction(d.pc, d.raw, d.len, `unimplemented instruction ${d.spec.name}`);
}

function execOf(s: InsnSpec): ExecFn {
  let e = execs.get(s);
  if (e === undefined) {
    e = Object.prototype.hasOwnProperty.call(scalarSemantics, s.name) ? scalarSemantics[s.name] : unimplemented;
    execs.set(s, e);
  }
  return e;
}

const intRd = (s: InsnSpec, rd: number): number => (rd === 0 && (s.regs === undefined || s.regs[0] === 'x') ? X_SINK : rd);

/** Fill d's operand fields from the 32-bit word w according to the entry's format. */
function extract(d: Decoded, s: InsnSpec, w: number): void {
  const rd = (w >>> 7) & 31, rs1 = (w >>> 15) & 31, rs2 = (w >>> 20) & 31, f3 = (w >>> 12) & 7;
  switch (s.format) {
    case 'R':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.rs2 = rs2;
      if (s.hasRm) d.rm = f3;
      break;
    case 'R1':
      d.rd = intRd(s, rd); d.rs1 = rs1;
      if (s.hasRm) d.rm = f3;
      break;
    case 'R4':
      d.rd = rd; d.rs1 = rs1; d.rs2 = rs2; d.rs3 = w >>> 27; d.rm = f3;
      break;
    case 'I':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.imm = w >> 20;
      break;
    case 'S':
      d.rs1 = rs1; d.rs2 = rs2; d.imm = ((w >> 25) << 5) | rd;
      break;
    case 'B':
      d.rs1 = rs1; d.rs2 = rs2;
      d.imm = ((w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5) | (((w >>> 8) & 15) << 1);
      break;
    case 'U':
      d.rd = intRd(s, rd); d.imm = w & 0xfffff000;
      break;
    case 'J':
      d.rd = intRd(s, rd);
      d.imm = ((w >> 31) << 20) | (w & 0xff000) | (((w >>> 20) & 1) << 11) | (((w >>> 21) & 0x3ff) << 1);
      break;
    case 'SH':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.imm = (w >>> 20) & 63;
      break;
    case 'SHW':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.imm = rs2;
      break;
    case 'CSR':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.csr = w >>> 20;
      break;
    case 'CSRI':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.imm = rs1; d.csr = w >>> 20;
      break;
    case 'AMO':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.rs2 = rs2; d.rm = (w >>> 25) & 3;
      break;
    case 'LR':
      d.rd = intRd(s, rd); d.rs1 = rs1; d.rm = (w >>> 25) & 3;
      break;
    case 'FENCE':
      // fm[31:28], pred[27:24], succ[23:20] as one unsigned 12-bit value; rd/rs1 are reserved fields.
      d.rd = rd; d.rs1 = rs1; d.imm = w >>> 20;
      break;
    case 'NONE':
    case 'V':
      break;
  }
}

function decode32(w: number, pc: number, enabled: ReadonlySet<Ext>, raw: number, len: number): Decoded {
  const s = lookup32(w);
  if (s === undefined) {
    for (let i = 0; i < extraDecoders.length; i++) {
      const d = extraDecoders[i](w, pc, enabled);
      if (d !== undefined) return d;
    }
    throw new IllegalInstruction(pc, raw, len);
  }
  // fcvt.s.d/fcvt.d.s and every D instruction also need F (the ISA parser adds it, but tests may not).
  if (!enabled.has(s.ext) || (s.ext === 'D' && !enabled.has('F'))) throw new IllegalInstruction(pc, raw, len);
  const d = new Decoded(s, execOf(s));
  d.pc = pc; d.raw = raw; d.len = len;
  extract(d, s, w);
  return d;
}

/**
 * Decode one instruction. `raw` holds the instruction bits: a 16-bit form if its low two bits are not 11
 * (upper bits are ignored), else a 32-bit word. Throws IllegalInstruction for unknown, reserved or disabled
 * encodings; instructions without semantics yet decode to an exec that throws IllegalInstruction.
 */
export function decode(raw: number, pc: number, enabled: ReadonlySet<Ext>): Decoded {
  if ((raw & 3) !== 3) {
    const c = raw & 0xffff;
    if (!enabled.has('C')) throw new IllegalInstruction(pc, c, 2);
    const w = expandCompressed(c);
    if (w < 0) throw new IllegalInstruction(pc, c, 2);
    return decode32(w | 0, pc, enabled, c, 2);
  }
  return decode32(raw | 0, pc, enabled, raw >>> 0, 4);
}

/** Fetch (16 bits, then 16 more for a 32-bit form, possibly on the next page) and decode the instruction at pc. */
export function decodeAt(mem: AddressSpace, pc: number, enabled: ReadonlySet<Ext>): Decoded {
  const lo = mem.fetch16(pc);
  if ((lo & 3) !== 3) return decode(lo, pc, enabled);
  const hi = mem.fetch16(pc + 2);
  return decode((lo | (hi << 16)) >>> 0, pc, enabled);
}

/** The 32-bit word a decoded instruction stands for (its expansion when compressed). */
export function wordOf(d: Decoded): number {
  return d.len === 2 ? expandCompressed(d.raw) : d.raw >>> 0;
}
