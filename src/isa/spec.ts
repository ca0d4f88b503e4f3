// The shapes shared by the encoding table, the decoder, the semantics and the engine.
import type { Hart } from './hart.js';

/** Extension an instruction belongs to (as accepted by --isa). */
export type Ext =
  | 'I' | 'M' | 'A' | 'F' | 'D' | 'C'
  | 'Zicsr' | 'Zifencei' | 'Zba' | 'Zbb' | 'Zbs' | 'Zicond' | 'V' | 'Zvfhmin' | 'Zvfh'
  // The privileged instructions (mret, sret, wfi, sfence.vma): only bare mode enables them, never --isa.
  | 'Priv';

/** Instruction classes used by counting and profiling. */
export const enum InsnClass {
  IntAlu = 0, MulDiv, Load, Store, Branch, Jump, Atomic, Csr, Fp, FpLoad, FpStore, System,
  VConfig, VLoad, VStore, VInt, VFixed, VFp, VMaskPermute, Other,
}
export const INSN_CLASS_NAMES = [
  'int-alu', 'mul-div', 'load', 'store', 'branch', 'jump', 'atomic', 'csr', 'fp', 'fp-load', 'fp-store', 'system',
  'vector-config', 'vector-load', 'vector-store', 'vector-int', 'vector-fixed', 'vector-fp', 'vector-mask-permute', 'other',
] as const;

/**
 * Operand layout: tells the decoder which fields to extract and the disassembler how to print them.
 * R: rd,rs1,rs2   I: rd,rs1,imm12   S: rs2,imm(rs1)   B: rs1,rs2,pc-rel imm   U: rd,imm20   J: rd,pc-rel imm
 * R4: rd,rs1,rs2,rs3 (+rm)   SH: rd,rs1,shamt(6 bits)   SHW: rd,rs1,shamt(5 bits)   CSR: rd,csr,rs1   CSRI: rd,csr,uimm5
 * AMO: rd,rs2,(rs1) with aq/rl  LR: rd,(rs1)  FENCE: pred/succ   NONE: no operands   R1: rd,rs1 (unary, e.g. fsqrt/clz)
 */
export type Format =
  | 'R' | 'I' | 'S' | 'B' | 'U' | 'J' | 'R4' | 'SH' | 'SHW' | 'CSR' | 'CSRI' | 'AMO' | 'LR' | 'FENCE' | 'NONE' | 'R1'
  | 'V'; // vector formats are refined by the vector unit's own table

/** Register file an operand names, for disassembly (x = integer, f = float, v = vector). */
export type RegKind = 'x' | 'f' | 'v';

export interface InsnSpec {
  /** objdump mnemonic, e.g. "addi", "fmadd.d", "amoadd.w" (compressed forms: "c.addi"). */
  readonly name: string;
  readonly mask: number;   // uint32: bits that are fixed
  readonly match: number;  // uint32: their values
  readonly format: Format;
  readonly ext: Ext;
  readonly cls: InsnClass;
  /** Register kinds of rd, rs1, rs2, rs3 (default 'x'). */
  readonly regs?: readonly [RegKind, RegKind, RegKind?, RegKind?];
  /** Has a rounding-mode field in funct3. */
  readonly hasRm?: boolean;
  /** Ends a basic block (branch, jump, ecall, ebreak, fence.i, counter CSR reads...). */
  readonly endsBlock?: boolean;
}

export type ExecFn = (h: Hart, d: Decoded) => void;

/**
 * One decoded instruction, owned by the block that contains it. Every field is always present (a single
 * object shape keeps the engine's call sites monomorphic). Register numbers are architectural (0..31);
 * `rd` of an integer destination that is x0 is redirected to the sink register 32 so semantics never test for x0.
 */
export class Decoded {
  pc = 0;
  raw = 0;       // the instruction bits as fetched (16-bit forms: the 16 bits)
  len = 4;       // 2 or 4
  spec: InsnSpec;
  exec: ExecFn;
  rd = 0; rs1 = 0; rs2 = 0; rs3 = 0;
  imm = 0;       // sign-extended immediate (int32); for CSR forms the uimm5
  rm = 0;        // rounding mode field (funct3) where present; aq/rl bits for AMOs (aq=2, rl=1)
  csr = 0;
  index = 0;     // position in the owning block
  /** Free slot for the vector unit or translator to cache per-instruction data. */
  aux: unknown = undefined;
  constructor(spec: InsnSpec, exec: ExecFn) { this.spec = spec; this.exec = exec; }
}

/** The sink register index that rd=x0 writes are redirected to. */
export const X_SINK = 32;

/** Semantics of a group of instructions, keyed by the mnemonic used in the encoding table. */
export type Semantics = Record<string, ExecFn>;
