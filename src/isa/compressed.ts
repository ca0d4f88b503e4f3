// The RV64C 16-bit encodings and their expansion to the equivalent 32-bit instruction.
//
// Each entry's mask/match covers the fixed bits (the same as the standard's tables). Where the standard
// distinguishes two instructions only by a register field being zero (c.nop/c.addi, c.jr/c.mv,
// c.ebreak/c.jalr/c.add, c.addi16sp/c.lui), `exclude` lists the field values that belong to the other
// entry, so that every 16-bit word is claimed by at most one entry (checked by a test). Encodings the
// standard marks as HINTs are accepted and expand to the base instruction (they have no effect);
// encodings it marks reserved make `expand` return -1.

export type CField = 'rd' | 'rs2';

export interface CompressedSpec {
  /** Mnemonic from the standard, e.g. "c.addi". */
  readonly name: string;
  readonly mask: number;
  readonly match: number;
  /** Field values for which this entry does not apply (another entry claims them). */
  readonly exclude?: readonly (readonly [CField, number])[];
  /** The equivalent 32-bit instruction, or -1 for a reserved encoding. */
  readonly expand: (c: number) => number;
}

// --- 16-bit fields ---
const rdFull = (c: number): number => (c >>> 7) & 31;         // [11:7]
const rs2Full = (c: number): number => (c >>> 2) & 31;        // [6:2]
const rPrime97 = (c: number): number => 8 + ((c >>> 7) & 7);  // rs1'/rd' in [9:7]
const rPrime42 = (c: number): number => 8 + ((c >>> 2) & 7);  // rd'/rs2' in [4:2]
const bit = (c: number, i: number): number => (c >>> i) & 1;
const bits = (c: number, hi: number, lo: number): number => (c >>> lo) & ((1 << (hi - lo + 1)) - 1);
/** The 6-bit immediate of CI forms: [12] is bit 5, [6:2] are bits 4:0. */
const ciImm = (c: number): number => ((bit(c, 12) << 5) | bits(c, 6, 2));
const sext = (v: number, width: number): number => (v << (32 - width)) >> (32 - width);

// --- 32-bit encoders ---
const encR = (op: number, f3: number, f7: number, rd: number, rs1: number, rs2: number): number =>
  ((f7 << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const encI = (op: number, f3: number, rd: number, rs1: number, imm: number): number =>
  (((imm & 0xfff) << 20) | (rs1 << 15) | (f3 << 12) | (rd << 7) | op) >>> 0;
const encS = (op: number, f3: number, rs1: number, rs2: number, imm: number): number =>
  ((((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) | ((imm & 31) << 7) | op) >>> 0;
const encB = (f3: number, rs1: number, rs2: number, imm: number): number =>
  ((((imm >> 12) & 1) << 31) | (((imm >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (f3 << 12) |
    (((imm >> 1) & 15) << 8) | (((imm >> 11) & 1) << 7) | 0x63) >>> 0;
const encJ = (rd: number, imm: number): number =>
  ((((imm >> 20) & 1) << 31) | (((imm >> 1) & 0x3ff) << 21) | (((imm >> 11) & 1) << 20) |
    (((imm >> 12) & 0xff) << 12) | (rd << 7) | 0x6f) >>> 0;

const LOAD = 0x03, LOAD_FP = 0x07, OP_IMM = 0x13, OP_IMM_32 = 0x1b, STORE = 0x23, STORE_FP = 0x27;
const OP = 0x33, LUI = 0x37, OP_32 = 0x3b, JALR = 0x67;

// --- offsets of the memory forms ---
/** c.lw/c.sw: uimm[5:3]=[12:10], uimm[2]=[6], uimm[6]=[5]. */
const offW = (c: number): number => (bits(c, 12, 10) << 3) | (bit(c, 6) << 2) | (bit(c, 5) << 6);
/** c.ld/c.sd/c.fld/c.fsd: uimm[5:3]=[12:10], uimm[7:6]=[6:5]. */
const offD = (c: number): number => (bits(c, 12, 10) << 3) | (bits(c, 6, 5) << 6);
/** c.lwsp: uimm[5]=[12], uimm[4:2]=[6:4], uimm[7:6]=[3:2]. */
const offWsp = (c: number): number => (bit(c, 12) << 5) | (bits(c, 6, 4) << 2) | (bits(c, 3, 2) << 6);
/** c.ldsp/c.fldsp: uimm[5]=[12], uimm[4:3]=[6:5], uimm[8:6]=[4:2]. */
const offDsp = (c: number): number => (bit(c, 12) << 5) | (bits(c, 6, 5) << 3) | (bits(c, 4, 2) << 6);
/** c.swsp: uimm[5:2]=[12:9], uimm[7:6]=[8:7]. */
const offWspS = (c: number): number => (bits(c, 12, 9) << 2) | (bits(c, 8, 7) << 6);
/** c.sdsp/c.fsdsp: uimm[5:3]=[12:10], uimm[8:6]=[9:7]. */
const offDspS = (c: number): number => (bits(c, 12, 10) << 3) | (bits(c, 9, 7) << 6);

/** c.addi4spn: nzuimm[5:4]=[12:11], [9:6]=[10:7], [2]=[6], [3]=[5]. */
export const addi4spnImm = (c: number): number =>
  (bits(c, 12, 11) << 4) | (bits(c, 10, 7) << 6) | (bit(c, 6) << 2) | (bit(c, 5) << 3);
/** c.addi16sp: nzimm[9]=[12], [4]=[6], [6]=[5], [8:7]=[4:3], [5]=[2]; signed. */
export const addi16spImm = (c: number): number =>
  sext((bit(c, 12) << 9) | (bit(c, 6) << 4) | (bit(c, 5) << 6) | (bits(c, 4, 3) << 7) | (bit(c, 2) << 5), 10);
/** c.j: offset[11|4|9:8|10|6|7|3:1|5] = [12|11|10:9|8|7|6|5:3|2]; signed. */
export const cjImm = (c: number): number =>
  sext((bit(c, 12) << 11) | (bit(c, 11) << 4) | (bits(c, 10, 9) << 8) | (bit(c, 8) << 10) | (bit(c, 7) << 6) |
    (bit(c, 6) << 7) | (bits(c, 5, 3) << 1) | (bit(c, 2) << 5), 12);
/** c.beqz/c.bnez: offset[8|4:3]=[12|11:10], [7:6|2:1|5]=[6:5|4:3|2]; signed. */
export const cbImm = (c: number): number =>
  sext((bit(c, 12) << 8) | (bits(c, 11, 10) << 3) | (bits(c, 6, 5) << 6) | (bits(c, 4, 3) << 1) | (bit(c, 2) << 5), 9);

/** Build mask/match from "quadrant, funct3" plus further fixed [hi, lo, value] ranges. */
function pat(q: number, f3: number, ...more: (readonly [number, number, number])[]): { mask: number; match: number } {
  let mask = 0xe003, match = (f3 << 13) | q;
  for (const [hi, lo, v] of more) {
    const m = ((1 << (hi - lo + 1)) - 1) << lo;
    mask |= m; match |= (v << lo) & m;
  }
  return { mask, match };
}

export const COMPRESSED_TABLE: readonly CompressedSpec[] = [
  // Quadrant 0. All-zero is illegal: it falls in c.addi4spn with a zero immediate, which is reserved.
  { name: 'c.addi4spn', ...pat(0, 0), expand: (c) => { const imm = addi4spnImm(c); return imm === 0 ? -1 : encI(OP_IMM, 0, rPrime42(c), 2, imm); } },
  { name: 'c.fld', ...pat(0, 1), expand: (c) => encI(LOAD_FP, 3, rPrime42(c), rPrime97(c), offD(c)) },
  { name: 'c.lw', ...pat(0, 2), expand: (c) => encI(LOAD, 2, rPrime42(c), rPrime97(c), offW(c)) },
  { name: 'c.ld', ...pat(0, 3), expand: (c) => encI(LOAD, 3, rPrime42(c), rPrime97(c), offD(c)) },
  { name: 'c.fsd', ...pat(0, 5), expand: (c) => encS(STORE_FP, 3, rPrime97(c), rPrime42(c), offD(c)) },
  { name: 'c.sw', ...pat(0, 6), expand: (c) => encS(STORE, 2, rPrime97(c), rPrime42(c), offW(c)) },
  { name: 'c.sd', ...pat(0, 7), expand: (c) => encS(STORE, 3, rPrime97(c), rPrime42(c), offD(c)) },

  // Quadrant 1.
  { name: 'c.nop', ...pat(1, 0, [11, 7, 0]), expand: (c) => encI(OP_IMM, 0, 0, 0, sext(ciImm(c), 6)) },
  { name: 'c.addi', ...pat(1, 0), exclude: [['rd', 0]], expand: (c) => encI(OP_IMM, 0, rdFull(c), rdFull(c), sext(ciImm(c), 6)) },
  { name: 'c.addiw', ...pat(1, 1), expand: (c) => rdFull(c) === 0 ? -1 : encI(OP_IMM_32, 0, rdFull(c), rdFull(c), sext(ciImm(c), 6)) },
  { name: 'c.li', ...pat(1, 2), expand: (c) => encI(OP_IMM, 0, rdFull(c), 0, sext(ciImm(c), 6)) },
  { name: 'c.addi16sp', ...pat(1, 3, [11, 7, 2]), expand: (c) => { const imm = addi16spImm(c); return imm === 0 ? -1 : encI(OP_IMM, 0, 2, 2, imm); } },
  { name: 'c.lui', ...pat(1, 3), exclude: [['rd', 2]], expand: (c) => { const imm = ciImm(c); return imm === 0 ? -1 : ((sext(imm, 6) << 12) | (rdFull(c) << 7) | LUI) >>> 0; } },
  { name: 'c.srli', ...pat(1, 4, [11, 10, 0]), expand: (c) => encI(OP_IMM, 5, rPrime97(c), rPrime97(c), ciImm(c)) },
  { name: 'c.srai', ...pat(1, 4, [11, 10, 1]), expand: (c) => encI(OP_IMM, 5, rPrime97(c), rPrime97(c), 0x400 | ciImm(c)) },
  { name: 'c.andi', ...pat(1, 4, [11, 10, 2]), expand: (c) => encI(OP_IMM, 7, rPrime97(c), rPrime97(c), sext(ciImm(c), 6)) },
  { name: 'c.sub', ...pat(1, 4, [12, 10, 3], [6, 5, 0]), expand: (c) => encR(OP, 0, 0x20, rPrime97(c), rPrime97(c), rPrime42(c)) },
  { name: 'c.xor', ...pat(1, 4, [12, 10, 3], [6, 5, 1]), expand: (c) => encR(OP, 4, 0, rPrime97(c), rPrime97(c), rPrime42(c)) },
  { name: 'c.or', ...pat(1, 4, [12, 10, 3], [6, 5, 2]), expand: (c) => encR(OP, 6, 0, rPrime97(c), rPrime97(c), rPrime42(c)) },
  { name: 'c.and', ...pat(1, 4, [12, 10, 3], [6, 5, 3]), expand: (c) => encR(OP, 7, 0, rPrime97(c), rPrime97(c), rPrime42(c)) },
  { name: 'c.subw', ...pat(1, 4, [12, 10, 7], [6, 5, 0]), expand: (c) => encR(OP_32, 0, 0x20, rPrime97(c), rPrime97(c), rPrime42(c)) },
  { name: 'c.addw', ...pat(1, 4, [12, 10, 7], [6, 5, 1]), expand: (c) => encR(OP_32, 0, 0, rPrime97(c), rPrime97(c), rPrime42(c)) },
  { name: 'c.j', ...pat(1, 5), expand: (c) => encJ(0, cjImm(c)) },
  { name: 'c.beqz', ...pat(1, 6), expand: (c) => encB(0, rPrime97(c), 0, cbImm(c)) },
  { name: 'c.bnez', ...pat(1, 7), expand: (c) => encB(1, rPrime97(c), 0, cbImm(c)) },

  // Quadrant 2.
  { name: 'c.slli', ...pat(2, 0), expand: (c) => encI(OP_IMM, 1, rdFull(c), rdFull(c), ciImm(c)) },
  { name: 'c.fldsp', ...pat(2, 1), expand: (c) => encI(LOAD_FP, 3, rdFull(c), 2, offDsp(c)) },
  { name: 'c.lwsp', ...pat(2, 2), expand: (c) => rdFull(c) === 0 ? -1 : encI(LOAD, 2, rdFull(c), 2, offWsp(c)) },
  { name: 'c.ldsp', ...pat(2, 3), expand: (c) => rdFull(c) === 0 ? -1 : encI(LOAD, 3, rdFull(c), 2, offDsp(c)) },
  { name: 'c.jr', ...pat(2, 4, [12, 12, 0], [6, 2, 0]), expand: (c) => rdFull(c) === 0 ? -1 : encI(JALR, 0, 0, rdFull(c), 0) },
  { name: 'c.mv', ...pat(2, 4, [12, 12, 0]), exclude: [['rs2', 0]], expand: (c) => encR(OP, 0, 0, rdFull(c), 0, rs2Full(c)) },
  { name: 'c.ebreak', ...pat(2, 4, [12, 2, 0x400]), expand: () => 0x00100073 },
  { name: 'c.jalr', ...pat(2, 4, [12, 12, 1], [6, 2, 0]), exclude: [['rd', 0]], expand: (c) => encI(JALR, 0, 1, rdFull(c), 0) },
  { name: 'c.add', ...pat(2, 4, [12, 12, 1]), exclude: [['rs2', 0]], expand: (c) => encR(OP, 0, 0, rdFull(c), rdFull(c), rs2Full(c)) },
  { name: 'c.fsdsp', ...pat(2, 5), expand: (c) => encS(STORE_FP, 3, 2, rs2Full(c), offDspS(c)) },
  { name: 'c.swsp', ...pat(2, 6), expand: (c) => encS(STORE, 2, 2, rs2Full(c), offWspS(c)) },
  { name: 'c.sdsp', ...pat(2, 7), expand: (c) => encS(STORE, 3, 2, rs2Full(c), offDspS(c)) },
];

/** Does entry s claim the 16-bit word c? */
export function claims(s: CompressedSpec, c: number): boolean {
  if ((c & s.mask) !== s.match) return false;
  if (s.exclude !== undefined) {
    for (const [f, v] of s.exclude) if ((f === 'rd' ? rdFull(c) : rs2Full(c)) === v) return false;
  }
  return true;
}

// Entries bucketed by quadrant and funct3 (at most five per bucket).
const buckets: CompressedSpec[][] = Array.from({ length: 32 }, () => []);
for (const s of COMPRESSED_TABLE) buckets[((s.match >>> 13) << 2) | (s.match & 3)].push(s);

/** The entry that claims a 16-bit word, or undefined (reserved quadrant-0/1 slots, 32-bit words). */
export function findCompressed(c: number): CompressedSpec | undefined {
  c &= 0xffff;
  if ((c & 3) === 3) return undefined;
  const b = buckets[((c >>> 13) << 2) | (c & 3)];
  for (let i = 0; i < b.length; i++) if (claims(b[i], c)) return b[i];
  return undefined;
}

/** The 32-bit equivalent of a 16-bit instruction, or -1 when it is reserved or unknown. */
export function expandCompressed(c: number): number {
  const s = findCompressed(c);
  return s === undefined ? -1 : s.expand(c & 0xffff);
}
