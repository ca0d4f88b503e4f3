// A tiny two-pass assembler for test programs: enough RV64I (+ markers) to lay out exact block
// sequences and call structures without a toolchain.
import { buildElf, LOAD_BASE } from '../helpers/elf-builder.js';

export type Item = string | ((pc: number, at: (label: string) => number) => number);

const R = (f7: number, rs2: number, rs1: number, f3: number, rd: number, op: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const I = (imm: number, rs1: number, f3: number, rd: number, op: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const S = (imm: number, rs2: number, rs1: number, f3: number, op: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 0x1f) << 7) | op) >>> 0;
function B(off: number, rs2: number, rs1: number, f3: number): number {
  return ((((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63) >>> 0;
}
function J(off: number, rd: number): number {
  return ((((off >> 20) & 1) << 31) | (((off >> 1) & 0x3ff) << 21) | (((off >> 11) & 1) << 20) | (((off >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;
}

export const ZERO = 0, RA = 1, SP = 2, T0 = 5, T1 = 6, T2 = 7, S0 = 8, A0 = 10, A1 = 11, A2 = 12, A7 = 17;

export const addi = (rd: number, rs1: number, imm: number): Item => () => I(imm, rs1, 0, rd, 0x13);
export const li = (rd: number, imm: number): Item => addi(rd, 0, imm);
export const add = (rd: number, rs1: number, rs2: number): Item => () => R(0, rs2, rs1, 0, rd, 0x33);
export const sub = (rd: number, rs1: number, rs2: number): Item => () => R(0x20, rs2, rs1, 0, rd, 0x33);
export const mul = (rd: number, rs1: number, rs2: number): Item => () => R(1, rs2, rs1, 0, rd, 0x33);
export const slti = (rd: number, rs1: number, imm: number): Item => () => I(imm, rs1, 2, rd, 0x13);
export const ld = (rd: number, rs1: number, imm: number): Item => () => I(imm, rs1, 3, rd, 0x03);
export const lw = (rd: number, rs1: number, imm: number): Item => () => I(imm, rs1, 2, rd, 0x03);
export const sd = (rs2: number, rs1: number, imm: number): Item => () => S(imm, rs2, rs1, 3, 0x23);
export const sw = (rs2: number, rs1: number, imm: number): Item => () => S(imm, rs2, rs1, 2, 0x23);
export const beq = (rs1: number, rs2: number, l: string): Item => (pc, at) => B(at(l) - pc, rs2, rs1, 0);
export const bne = (rs1: number, rs2: number, l: string): Item => (pc, at) => B(at(l) - pc, rs2, rs1, 1);
export const jal = (rd: number, l: string): Item => (pc, at) => J(at(l) - pc, rd);
export const call = (l: string): Item => jal(RA, l);
export const j = (l: string): Item => jal(ZERO, l);
export const jalr = (rd: number, rs1: number, imm: number): Item => () => I(imm, rs1, 0, rd, 0x67);
export const ret: Item = jalr(ZERO, RA, 0);
export const ecall: Item = () => 0x73;
export const csrr = (rd: number, csr: number): Item => () => I(csr, 0, 2, rd, 0x73);
export const ROI_BEGIN: Item = slti(ZERO, ZERO, 2032);
export const ROI_END: Item = slti(ZERO, ZERO, 2033);
export const exit = (status: number): Item[] => [li(A0, status), li(A7, 93), ecall];

/** Where buildElf puts the first code byte (with symbols, after the headers). */
function codeBase(): number {
  return buildElf({ code: [0x13], symbols: [{ name: 'x', offset: 0, size: 4 }] }).entry;
}

export interface Program { bytes: Uint8Array; entry: number; labels: Map<string, number>; words: number[] }

/**
 * Assemble items (labels are strings; a label that starts a function gets a FUNC symbol when listed in
 * `functions`, sized up to the next function label or the end).
 */
export function assemble(items: readonly Item[], functions: readonly string[] = []): Program {
  const base = codeBase();
  const labels = new Map<string, number>();
  let pc = base;
  for (const it of items) if (typeof it === 'string') labels.set(it, pc); else pc += 4;
  const at = (l: string): number => {
    const a = labels.get(l);
    if (a === undefined) throw new Error(`no label ${l}`);
    return a;
  };
  const words: number[] = [];
  pc = base;
  for (const it of items) if (typeof it !== 'string') { words.push(it(pc, at)); pc += 4; }
  const end = pc;
  const starts = functions.map((f) => at(f)).sort((a, b) => a - b);
  const symbols = functions.map((f) => {
    const s = at(f);
    const next = starts.find((x) => x > s) ?? end;
    return { name: f, offset: s - base, size: next - s };
  });
  const elf = buildElf({ code: words, symbols });
  if (elf.entry !== base) throw new Error('code base moved');
  return { bytes: elf.bytes, entry: elf.entry, labels, words };
}

export { LOAD_BASE };

/** auipc rd, 0 + addi rd, rd, (label - auipc's pc): the address of a label. */
export const la = (rd: number, l: string): Item[] => [
  () => ((rd << 7) | 0x17) >>> 0,
  (pc, at) => (((((at(l) - (pc - 4)) & 0xfff) << 20) | (rd << 15) | (rd << 7) | 0x13) >>> 0),
];
export const mv = (rd: number, rs: number): Item => add(rd, rs, ZERO);
export const S1 = 9;
/** A raw instruction word. */
export const word = (w: number): Item => () => w >>> 0;
/** fcvt.d.l rd, rs1 (dynamic rounding). */
export const fcvtDL = (fd: number, rs1: number): Item => () => R(0x69, 2, rs1, 7, fd, 0x53);
