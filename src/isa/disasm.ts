// Disassembly in the exact text GNU objdump (binutils 2.40) prints for the instruction: mnemonic, a tab,
// operands separated by commas, with its aliases (li, mv, ret, beqz, csrr, fmv.d...), its habit of naming
// immediate forms like their register forms (addi prints as "add a0,a1,5", slli as "sll a0,a0,0x3"), ABI
// register names, rounding modes other than dyn, and absolute branch targets. Encodings objdump does not
// name although we execute them (fences with nonzero reserved fields, fcvt.d.w/fcvt.d.wu/fcvt.d.s with
// rm != 0) print as objdump prints them: ".4byte 0x...". Zicond, unknown to 2.40, prints as later versions do.
//
// objdump also appends "# address" to a base+offset operand: for base zero or tp it prints the offset, for
// gp the sum with __global_pointer$ (we do when the caller passes gp). It also remembers values that earlier
// lui/auipc instructions of the listing put in registers; one instruction alone cannot know those, so those
// annotations are not produced.
import { IllegalInstruction } from '../errors.js';
import { expandCompressed, findCompressed, type CompressedSpec } from './compressed.js';
import { decode, SCALAR_EXTS } from './decode.js';
import { csrName, fName, xName } from './regnames.js';
import type { Decoded, Ext, InsnSpec, RegKind } from './spec.js';

/** Name for an address (e.g. "main+0x10"), or undefined. Printed after the address in angle brackets. */
export type Symbolizer = (addr: number) => string | undefined;

export interface DisasmOptions {
  symbolize?: Symbolizer;
  /** Value of gp (__global_pointer$), to annotate gp-relative operands as objdump does for linked files. */
  gp?: number;
}

const RM_NAMES = ['rne', 'rtz', 'rdn', 'rup', 'rmm', 'unknown', 'unknown', ''];

/** objdump prints these immediate forms under the name of the register form. */
const IMM_AS_REG: Readonly<Record<string, string>> = {
  addi: 'add', xori: 'xor', ori: 'or', andi: 'and', slli: 'sll', srli: 'srl', srai: 'sra',
  addiw: 'addw', slliw: 'sllw', srliw: 'srlw', sraiw: 'sraw', rori: 'ror', roriw: 'rorw',
  bclri: 'bclr', bexti: 'bext', binvi: 'binv', bseti: 'bset', csrrwi: 'csrrw', csrrsi: 'csrrs', csrrci: 'csrrc',
};

/** Conversions that are always exact: objdump 2.40 only knows them with rm=0 and prints no rounding mode. */
const EXACT_CVT = new Set(['fcvt.d.w', 'fcvt.d.wu', 'fcvt.d.s']);

const X_TP = 4, X_GP = 3;

/** Unsigned 64-bit hex of an address held as a (possibly negative) integer-valued number. */
export function hex64(a: number): string {
  return a >= 0 ? a.toString(16) : BigInt.asUintN(64, BigInt(a)).toString(16);
}

class Printer {
  sym: Symbolizer | undefined;
  gp: number | undefined;
  constructor(opts: DisasmOptions) { this.sym = opts.symbolize; this.gp = opts.gp; }

  addr(a: number): string {
    const s = this.sym?.(a);
    return s === undefined ? hex64(a) : `${hex64(a)} <${s}>`;
  }

  /** The "# address" note objdump adds to base+offset. */
  note(base: number, off: number): string {
    let a: number;
    if (base === 0 || base === X_TP) a = off;
    else if (base === X_GP && this.gp !== undefined) a = this.gp + off;
    else return '';
    return ` # ${this.addr(a)}`;
  }
}

const reg = (kind: RegKind | undefined, r: number): string => (kind === 'f' ? fName(r) : xName(r));
const fourByte = (w: number): string => `.4byte\t0x${(w >>> 0).toString(16)}`;

function fenceSet(bits: number): string {
  let s = '';
  if (bits & 8) s += 'i';
  if (bits & 4) s += 'o';
  if (bits & 2) s += 'r';
  if (bits & 1) s += 'w';
  return s === '' ? 'unknown' : s;
}

function csrInsn(s: InsnSpec, w: number): string {
  const rd = (w >>> 7) & 31, rs1 = (w >>> 15) & 31, csr = w >>> 20;
  const c = csrName(csr);
  switch (s.name) {
    case 'csrrs':
      if (rs1 === 0) {
        const alias = ({ 0x001: 'frflags', 0x002: 'frrm', 0x003: 'frcsr', 0xc00: 'rdcycle', 0xc01: 'rdtime', 0xc02: 'rdinstret' } as Record<number, string>)[csr];
        return alias !== undefined ? `${alias}\t${xName(rd)}` : `csrr\t${xName(rd)},${c}`;
      }
      return rd === 0 ? `csrs\t${c},${xName(rs1)}` : `csrrs\t${xName(rd)},${c},${xName(rs1)}`;
    case 'csrrw': {
      const alias = ({ 0x001: 'fsflags', 0x002: 'fsrm', 0x003: 'fscsr' } as Record<number, string>)[csr];
      if (alias !== undefined) return rd === 0 ? `${alias}\t${xName(rs1)}` : `${alias}\t${xName(rd)},${xName(rs1)}`;
      if (rd === 0 && rs1 === 0 && csr === 0xc00) return 'unimp';
      return rd === 0 ? `csrw\t${c},${xName(rs1)}` : `csrrw\t${xName(rd)},${c},${xName(rs1)}`;
    }
    case 'csrrc':
      return rd === 0 ? `csrc\t${c},${xName(rs1)}` : `csrrc\t${xName(rd)},${c},${xName(rs1)}`;
    case 'csrrwi': {
      const alias = ({ 0x001: 'fsflagsi', 0x002: 'fsrmi' } as Record<number, string>)[csr];
      if (alias !== undefined) return `${alias}\t${xName(rd)},${rs1}`;
      return rd === 0 ? `csrw\t${c},${rs1}` : `csrrw\t${xName(rd)},${c},${rs1}`;
    }
    case 'csrrsi':
      return rd === 0 ? `csrs\t${c},${rs1}` : `csrrs\t${xName(rd)},${c},${rs1}`;
    default: // csrrci
      return rd === 0 ? `csrc\t${c},${rs1}` : `csrrc\t${xName(rd)},${c},${rs1}`;
  }
}

/** Text of a 32-bit instruction word w at pc, whose table entry is s. */
function print32(s: InsnSpec, w: number, pc: number, p: Printer): string {
  const rd = (w >>> 7) & 31, rs1 = (w >>> 15) & 31, rs2 = (w >>> 20) & 31, f3 = (w >>> 12) & 7;
  const regs = s.regs;
  const R0 = (r: number): string => reg(regs?.[0], r);
  const R1 = (r: number): string => reg(regs?.[1], r);
  const R2 = (r: number): string => reg(regs?.[2], r);
  const iImm = w >> 20;
  const name = s.name;
  const rmSuffix = (): string => (s.hasRm && f3 !== 7 ? `,${RM_NAMES[f3]}` : '');

  switch (s.format) {
    case 'U':
      return `${name}\t${xName(rd)},0x${(w >>> 12).toString(16)}`;
    case 'J': {
      const imm = ((w >> 31) << 20) | (w & 0xff000) | (((w >>> 20) & 1) << 11) | (((w >>> 21) & 0x3ff) << 1);
      const t = p.addr(pc + imm);
      return rd === 0 ? `j\t${t}` : rd === 1 ? `jal\t${t}` : `jal\t${xName(rd)},${t}`;
    }
    case 'B': {
      const imm = ((w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5) | (((w >>> 8) & 15) << 1);
      const t = p.addr(pc + imm);
      switch (name) {
        case 'beq': if (rs2 === 0) return `beqz\t${xName(rs1)},${t}`; break;
        case 'bne': if (rs2 === 0) return `bnez\t${xName(rs1)},${t}`; break;
        case 'blt':
          if (rs2 === 0) return `bltz\t${xName(rs1)},${t}`;
          if (rs1 === 0) return `bgtz\t${xName(rs2)},${t}`;
          break;
        case 'bge':
          if (rs1 === 0) return `blez\t${xName(rs2)},${t}`;
          if (rs2 === 0) return `bgez\t${xName(rs1)},${t}`;
          break;
      }
      return `${name}\t${xName(rs1)},${xName(rs2)},${t}`;
    }
    case 'S': {
      const imm = ((w >> 25) << 5) | rd;
      return `${name}\t${R2(rs2)},${imm}(${xName(rs1)})${p.note(rs1, imm)}`;
    }
    case 'I':
      if (name === 'jalr') {
        const note = p.note(rs1, iImm);
        if (rd === 0 && rs1 === 1 && iImm === 0) return 'ret';
        const target = iImm === 0 ? xName(rs1) : `${iImm}(${xName(rs1)})`;
        if (rd === 0) return `jr\t${target}${note}`;
        if (rd === 1) return `jalr\t${target}${note}`;
        return `jalr\t${xName(rd)},${target}${note}`;
      }
      if ((w & 0x7f) === 0x03 || (w & 0x7f) === 0x07) return `${name}\t${R0(rd)},${iImm}(${xName(rs1)})${p.note(rs1, iImm)}`;
      switch (name) {
        case 'addi':
          if (rs1 === 0) return rd === 0 && iImm === 0 ? 'nop' : `li\t${xName(rd)},${iImm}`;
          if (iImm === 0) return `mv\t${xName(rd)},${xName(rs1)}`;
          return `add\t${xName(rd)},${xName(rs1)},${iImm}${p.note(rs1, iImm)}`;
        case 'addiw':
          if (iImm === 0) return `sext.w\t${xName(rd)},${xName(rs1)}`;
          return `addw\t${xName(rd)},${xName(rs1)},${iImm}${rs1 === 0 ? '' : p.note(rs1, iImm)}`;
        case 'sltiu': if (iImm === 1) return `seqz\t${xName(rd)},${xName(rs1)}`; break;
        case 'xori': if (iImm === -1) return `not\t${xName(rd)},${xName(rs1)}`; break;
        case 'andi': if (iImm === 255) return `zext.b\t${xName(rd)},${xName(rs1)}`; break;
      }
      return `${IMM_AS_REG[name] ?? name}\t${xName(rd)},${xName(rs1)},${iImm}`;
    case 'SH':
      return `${IMM_AS_REG[name] ?? name}\t${xName(rd)},${xName(rs1)},0x${((w >>> 20) & 63).toString(16)}`;
    case 'SHW':
      return `${IMM_AS_REG[name] ?? name}\t${xName(rd)},${xName(rs1)},0x${rs2.toString(16)}`;
    case 'R':
      switch (name) {
        case 'sfence.vma': return rs2 !== 0 ? `${name}\t${xName(rs1)},${xName(rs2)}` : rs1 !== 0 ? `${name}\t${xName(rs1)}` : name;
        case 'sub': if (rs1 === 0) return `neg\t${xName(rd)},${xName(rs2)}`; break;
        case 'subw': if (rs1 === 0) return `negw\t${xName(rd)},${xName(rs2)}`; break;
        case 'slt':
          if (rs2 === 0) return `sltz\t${xName(rd)},${xName(rs1)}`;
          if (rs1 === 0) return `sgtz\t${xName(rd)},${xName(rs2)}`;
          break;
        case 'sltu': if (rs1 === 0) return `snez\t${xName(rd)},${xName(rs2)}`; break;
        case 'add.uw': if (rs2 === 0) return `zext.w\t${xName(rd)},${xName(rs1)}`; break;
        case 'fsgnj.s': case 'fsgnj.d': case 'fsgnjn.s': case 'fsgnjn.d': case 'fsgnjx.s': case 'fsgnjx.d':
          if (rs1 === rs2) {
            const alias = name.startsWith('fsgnjn') ? 'fneg' : name.startsWith('fsgnjx') ? 'fabs' : 'fmv';
            return `${alias}${name.slice(-2)}\t${fName(rd)},${fName(rs1)}`;
          }
          break;
      }
      return `${name}\t${R0(rd)},${R1(rs1)},${R2(rs2)}${rmSuffix()}`;
    case 'R1':
      if (EXACT_CVT.has(name)) return f3 !== 0 ? fourByte(w) : `${name}\t${R0(rd)},${R1(rs1)}`;
      return `${name}\t${R0(rd)},${R1(rs1)}${rmSuffix()}`;
    case 'R4':
      return `${name}\t${fName(rd)},${fName(rs1)},${fName(rs2)},${fName(w >>> 27)}${rmSuffix()}`;
    case 'AMO':
    case 'LR': {
      const ord = ['', '.rl', '.aq', '.aqrl'][(w >>> 25) & 3];
      return s.format === 'LR' ? `${name}${ord}\t${xName(rd)},(${xName(rs1)})`
        : `${name}${ord}\t${xName(rd)},${xName(rs2)},(${xName(rs1)})`;
    }
    case 'CSR':
    case 'CSRI':
      return csrInsn(s, w);
    case 'FENCE': {
      if (rd !== 0 || rs1 !== 0) return fourByte(w);
      const fm = w >>> 28, pred = (w >>> 24) & 15, succ = (w >>> 20) & 15;
      if (fm === 8 && pred === 3 && succ === 3) return 'fence.tso';
      if (fm !== 0) return fourByte(w);
      return pred === 15 && succ === 15 ? 'fence' : `fence\t${fenceSet(pred)},${fenceSet(succ)}`;
    }
    case 'NONE':
      // fence.i's imm/rs1/rd are reserved: objdump only names the all-zero form.
      if (name === 'fence.i' && (w >>> 7) !== (0x100f >>> 7)) return fourByte(w);
      return name;
    case 'V':
      return fourByte(w);
  }
}

/** Formatters for instructions outside the scalar tables (the vector unit registers one). */
export type ExtraFormatter = (d: Decoded, opts: DisasmOptions) => string | undefined;
const extraFormatters: ExtraFormatter[] = [];
export function registerFormatter(fn: ExtraFormatter): void { extraFormatters.push(fn); }

/** Text of a 16-bit instruction at pc (entry cs, 32-bit equivalent w with entry s). */
function print16(cs: CompressedSpec, s: InsnSpec, w: number, pc: number, p: Printer): string {
  const rd = (w >>> 7) & 31, rs1 = (w >>> 15) & 31, rs2 = (w >>> 20) & 31;
  const iImm = w >> 20;
  const sh = (w >>> 20) & 63;
  switch (cs.name) {
    case 'c.nop': return iImm === 0 ? 'nop' : `c.nop\t${iImm}`;
    case 'c.addi': return `add\t${xName(rd)},${xName(rd)},${iImm}${p.note(rd, iImm)}`;
    case 'c.addiw':
      return iImm === 0 ? `sext.w\t${xName(rd)},${xName(rd)}` : `addw\t${xName(rd)},${xName(rd)},${iImm}${p.note(rd, iImm)}`;
    case 'c.li': return rd === 0 ? `c.li\tzero,${iImm}` : `li\t${xName(rd)},${iImm}`;
    case 'c.lui': return `${rd === 0 ? 'c.lui' : 'lui'}\t${xName(rd)},0x${(w >>> 12).toString(16)}`;
    case 'c.addi4spn': case 'c.addi16sp': return `add\t${xName(rd)},sp,${iImm}`;
    case 'c.srli': case 'c.srai':
      return sh === 0 ? `${cs.name}64\t${xName(rd)}` : `${cs.name === 'c.srli' ? 'srl' : 'sra'}\t${xName(rd)},${xName(rd)},0x${sh.toString(16)}`;
    case 'c.slli':
      if (sh === 0) return `c.slli64\t${xName(rd)}`;
      return rd === 0 ? `c.slli\tzero,0x${sh.toString(16)}` : `sll\t${xName(rd)},${xName(rd)},0x${sh.toString(16)}`;
    case 'c.andi': return `and\t${xName(rd)},${xName(rd)},${iImm}`;
    case 'c.mv': return rd === 0 ? `c.mv\tzero,${xName(rs2)}` : `mv\t${xName(rd)},${xName(rs2)}`;
    case 'c.add': return rd === 0 ? `c.add\tzero,${xName(rs2)}` : `add\t${xName(rd)},${xName(rd)},${xName(rs2)}`;
    case 'c.jr': return rs1 === 1 ? 'ret' : `jr\t${xName(rs1)}`;
    case 'c.jalr': return `jalr\t${xName(rs1)}`;
    case 'c.fld': case 'c.lw': case 'c.ld': case 'c.fldsp': case 'c.lwsp': case 'c.ldsp': {
      const r = s.regs?.[0] === 'f' ? fName(rd) : xName(rd);
      return `${s.name}\t${r},${iImm}(${xName(rs1)})`;
    }
    case 'c.fsd': case 'c.sw': case 'c.sd': case 'c.fsdsp': case 'c.swsp': case 'c.sdsp': {
      const r = s.regs?.[2] === 'f' ? fName(rs2) : xName(rs2);
      return `${s.name}\t${r},${((w >> 25) << 5) | rd}(${xName(rs1)})`;
    }
  }
  // c.j, c.beqz/c.bnez, c.ebreak and the register-register ALU forms print as their expansion.
  return print32(s, w, pc, p);
}

/**
 * The text objdump prints for a decoded instruction (mnemonic, tab, operands; no trailing blanks).
 * `symbolize` names addresses (branch targets, annotated addresses) as objdump does with symbols.
 */
export function disassemble(d: Decoded, symbolize?: Symbolizer | DisasmOptions): string {
  const opts: DisasmOptions = typeof symbolize === 'function' ? { symbolize } : symbolize ?? {};
  for (let i = 0; i < extraFormatters.length; i++) {
    const t = extraFormatters[i](d, opts);
    if (t !== undefined) return t;
  }
  const p = new Printer(opts);
  if (d.len === 2) {
    const c = d.raw & 0xffff;
    const cs = findCompressed(c);
    const w = expandCompressed(c);
    if (cs === undefined || w < 0) return c === 0 ? 'unimp' : `.2byte\t0x${c.toString(16)}`;
    return print16(cs, d.spec, w | 0, d.pc, p);
  }
  return print32(d.spec, d.raw | 0, d.pc, p);
}

/**
 * Text for raw instruction bits at pc, as objdump prints them: undecodable or disabled encodings print as
 * ".2byte 0x..."/".4byte 0x..." (or "unimp" for the all-zero halfword). For messages about bad instructions.
 */
export function disassembleRaw(raw: number, pc: number, enabled: ReadonlySet<Ext> = SCALAR_EXTS, symbolize?: Symbolizer | DisasmOptions): string {
  try {
    return disassemble(decode(raw, pc, enabled), symbolize);
  } catch (e) {
    if (!(e instanceof IllegalInstruction)) throw e;
    if ((raw & 3) !== 3) { const c = raw & 0xffff; return c === 0 ? 'unimp' : `.2byte\t0x${c.toString(16)}`; }
    return fourByte(raw);
  }
}

/** The compressed table entry a decoded 16-bit instruction came from (undefined for 32-bit ones). */
export function compressedSpecOf(d: Decoded): CompressedSpec | undefined {
  return d.len === 2 ? findCompressed(d.raw) : undefined;
}

