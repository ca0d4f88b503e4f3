// ELF64 little-endian RISC-V executables: header validation, program headers, PT_INTERP, symbols.
//
// We read the format ourselves with a DataView. The `elfy` npm parser was considered and left out: it is
// built on Node's Buffer, `assert` and `util`, so it cannot run in the core (which must also run in a
// browser); it does not know EM_RISCV; it reads 64-bit fields as doubles without a range check; and it
// reports problems as generic exceptions, where we need one precise line per kind of bad input. The
// subset we need (ELF header, program headers, section headers for the symbol tables) is small.
import { BadElfError } from '../errors.js';
import { utf8Decode } from './utf8.js';
import { SymbolTable, type ElfSymbol, STT_FUNC, STT_OBJECT, STT_NOTYPE, STB_GLOBAL, STB_WEAK } from './symbols.js';

export const EM_RISCV = 243;
export const ET_NONE = 0, ET_REL = 1, ET_EXEC = 2, ET_DYN = 3, ET_CORE = 4;
export const PT_NULL = 0, PT_LOAD = 1, PT_DYNAMIC = 2, PT_INTERP = 3, PT_NOTE = 4, PT_PHDR = 6, PT_TLS = 7;
export const PT_GNU_STACK = 0x6474e551, PT_GNU_RELRO = 0x6474e552, PT_RISCV_ATTRIBUTES = 0x70000003;
export const PF_X = 1, PF_W = 2, PF_R = 4;
/** e_flags bits (RISC-V psABI). */
export const EF_RISCV_RVC = 0x1, EF_RISCV_FLOAT_ABI = 0x6, EF_RISCV_RVE = 0x8, EF_RISCV_TSO = 0x10;

const EHDR_SIZE = 64, PHDR_SIZE = 56, SHDR_SIZE = 64, SYM_SIZE = 24;
const SHT_SYMTAB = 2, SHT_DYNSYM = 11, SHN_UNDEF = 0, SHN_ABS = 0xfff1;

/** Why a file was rejected; the message says it in words. */
export type BadElfReason =
  | 'empty' | 'not-elf' | 'elf32' | 'big-endian' | 'bad-class' | 'bad-version' | 'wrong-machine'
  | 'not-executable' | 'corrupt' | 'no-load' | 'rve' | 'missing-interpreter' | 'bad-interpreter';

/** A BadElfError that also says which check failed (for tests and for tools that want to branch on it). */
export class ElfError extends BadElfError {
  constructor(readonly reason: BadElfReason, message: string) { super(message); }
}

export interface ProgramHeader {
  type: number; flags: number; offset: number; vaddr: number; paddr: number; filesz: number; memsz: number; align: number;
}

export interface ElfFile {
  /** The name used in messages (the path as the user gave it). */
  name: string;
  type: 'exec' | 'dyn';
  /** e_flags (float ABI, RVC, ...). */
  flags: number;
  /** Link-time entry point (add the load bias for 'dyn'). */
  entry: number;
  phoff: number;
  phentsize: number;
  phnum: number;
  phdrs: ProgramHeader[];
  /** The PT_INTERP path (the dynamic linker), if any. */
  interp?: string;
  /** FUNC/OBJECT (and global untyped) symbols from .symtab and .dynsym, at link-time addresses. */
  symbols: SymbolTable;
  bytes: Uint8Array;
}

// Machines a person might plausibly hand us by mistake, with the article that reads right before the name.
const MACHINES: Record<number, string> = {
  2: 'a SPARC', 3: 'an x86 (i386)', 8: 'a MIPS', 20: 'a PowerPC', 21: 'a PowerPC64', 22: 'an IBM S/390',
  40: 'an ARM', 43: 'a SPARC64', 50: 'an IA-64', 62: 'an x86-64', 183: 'an AArch64 (ARM64)', 247: 'a BPF',
  258: 'a LoongArch',
};

/** Parse and validate an executable. Throws ElfError (a BadElfError) with a one-line message. */
export function parseElf(bytes: Uint8Array, name = 'program'): ElfFile {
  const fail = (reason: BadElfReason, msg: string): never => { throw new ElfError(reason, `${name} ${msg}`); };
  const size = bytes.length;
  if (size === 0) fail('empty', 'is empty (0 bytes), not an ELF executable');
  if (size < 4 || bytes[0] !== 0x7f || bytes[1] !== 0x45 || bytes[2] !== 0x4c || bytes[3] !== 0x46) {
    if (size >= 8 && String.fromCharCode(...bytes.subarray(0, 8)) === '!<arch>\n') fail('not-executable', 'is a static library archive (.a), not an executable');
    const hint = bytes[0] === 0x23 && bytes[1] === 0x21 ? ' (it starts with "#!": a script?)' : '';
    fail('not-elf', `is not an ELF file${hint}`);
  }
  if (size < 6) fail('corrupt', `is truncated: ${size} bytes, an ELF header needs ${EHDR_SIZE}`);
  const cls = bytes[4], data = bytes[5];
  if (cls === 1) fail('elf32', 'is a 32-bit ELF; rvemu runs 64-bit RISC-V programs (RV64)');
  if (cls !== 2) fail('bad-class', `has an invalid ELF class (${cls})`);
  if (data === 2) fail('big-endian', 'is a big-endian ELF; rvemu runs little-endian 64-bit RISC-V programs');
  if (data !== 1) fail('bad-class', `has an invalid ELF data encoding (${data})`);
  if (size < EHDR_SIZE) fail('corrupt', `is truncated: ${size} bytes, an ELF header needs ${EHDR_SIZE}`);

  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const u64 = (off: number, what: string): number => {
    const hi = v.getUint32(off + 4, true);
    if (hi >= 0x200000) fail('corrupt', `is corrupt: ${what} 0x${(BigInt(hi) << 32n | BigInt(v.getUint32(off, true))).toString(16)} is out of range`);
    return hi * 4294967296 + v.getUint32(off, true);
  };

  if (bytes[6] !== 1 || v.getUint32(20, true) !== 1) fail('bad-version', `has an unknown ELF version (${bytes[6]})`);
  const etype = v.getUint16(16, true), machine = v.getUint16(18, true);
  if (machine !== EM_RISCV) {
    const what = MACHINES[machine];
    fail('wrong-machine', what !== undefined ? `is ${what} program, not RISC-V` : `is a program for machine type ${machine}, not RISC-V`);
  }
  if (etype === ET_REL) fail('not-executable', 'is a relocatable object file (.o), not an executable; link it first');
  if (etype === ET_CORE) fail('not-executable', 'is a core dump, not an executable');
  if (etype !== ET_EXEC && etype !== ET_DYN) fail('not-executable', `has ELF type ${etype}, not an executable`);
  const flags = v.getUint32(48, true);
  if (flags & EF_RISCV_RVE) fail('rve', 'is built for RV64E (16 registers); rvemu runs RV64I-based programs');

  const entry = u64(24, 'entry point');
  const phoff = u64(32, 'program header offset');
  const phentsize = v.getUint16(54, true), phnum = v.getUint16(56, true);
  if (phnum === 0) fail('no-load', 'has no loadable segments (no program headers)');
  if (phentsize !== PHDR_SIZE) fail('corrupt', `is corrupt: program header entry size is ${phentsize}, expected ${PHDR_SIZE}`);
  if (phoff + phnum * PHDR_SIZE > size) {
    fail('corrupt', `is truncated or corrupt: program header table (offset 0x${phoff.toString(16)}, ${phnum} entries) lies outside the file (${size} bytes)`);
  }

  const phdrs: ProgramHeader[] = [];
  for (let i = 0; i < phnum; i++) {
    const o = phoff + i * PHDR_SIZE;
    const ph: ProgramHeader = {
      type: v.getUint32(o, true), flags: v.getUint32(o + 4, true),
      offset: u64(o + 8, `segment ${i} offset`), vaddr: u64(o + 16, `segment ${i} address`), paddr: 0,
      filesz: u64(o + 32, `segment ${i} file size`), memsz: u64(o + 40, `segment ${i} memory size`), align: 0,
    };
    ph.paddr = Number(v.getBigUint64(o + 24, true) & 0x1fffffffffffffn);
    ph.align = Number(v.getBigUint64(o + 48, true) & 0x1fffffffffffffn);
    phdrs.push(ph);
  }

  let loads = 0, interp: string | undefined;
  phdrs.forEach((ph, i) => {
    if (ph.type !== PT_LOAD && ph.type !== PT_INTERP) return;
    if (ph.offset + ph.filesz > size) {
      fail('corrupt', `is truncated or corrupt: segment ${i} (file bytes 0x${ph.offset.toString(16)}-0x${(ph.offset + ph.filesz).toString(16)}) lies outside the file (${size} bytes)`);
    }
    if (ph.type === PT_INTERP) {
      const raw = bytes.subarray(ph.offset, ph.offset + ph.filesz);
      const nul = raw.indexOf(0);
      const s = utf8Decode(nul < 0 ? raw : raw.subarray(0, nul));
      if (s.length === 0) fail('corrupt', 'is corrupt: its interpreter (PT_INTERP) path is empty');
      interp = s;
      return;
    }
    loads++;
    if (ph.filesz > ph.memsz) {
      fail('corrupt', `is corrupt: segment ${i} has a file size (0x${ph.filesz.toString(16)}) larger than its memory size (0x${ph.memsz.toString(16)})`);
    }
    if (ph.vaddr + ph.memsz > 2 ** 47) fail('corrupt', `is corrupt: segment ${i} (0x${ph.vaddr.toString(16)}) lies outside the user address space`);
  });
  if (loads === 0) fail('no-load', 'has no loadable segments');
  // A position-independent file with no entry point is a shared library, which cannot run by itself.
  if (etype === ET_DYN && entry === 0 && interp === undefined) fail('not-executable', 'is a shared library, not an executable');

  let symbols = SymbolTable.empty;
  try { symbols = readSymbols(bytes, v); } catch { /* symbols only improve messages; a damaged table is ignored */ }
  return { name, type: etype === ET_EXEC ? 'exec' : 'dyn', flags, entry, phoff, phentsize, phnum, phdrs, interp, symbols, bytes };
}

/** FUNC and OBJECT symbols (plus defined global/weak untyped ones, as hand-written assembly produces). */
function readSymbols(bytes: Uint8Array, v: DataView): SymbolTable {
  const shoff = Number(v.getBigUint64(40, true));
  let shnum = v.getUint16(60, true);
  const shentsize = v.getUint16(58, true);
  if (shoff === 0 || shentsize !== SHDR_SIZE || shoff + SHDR_SIZE > bytes.length) return SymbolTable.empty;
  if (shnum === 0) shnum = Number(v.getBigUint64(shoff + 32, true)); // extended numbering: count in section 0
  if (shoff + shnum * SHDR_SIZE > bytes.length) return SymbolTable.empty;
  const sec = (i: number) => {
    const o = shoff + i * SHDR_SIZE;
    return { type: v.getUint32(o + 4, true), offset: Number(v.getBigUint64(o + 24, true)), size: Number(v.getBigUint64(o + 32, true)), link: v.getUint32(o + 40, true) };
  };
  
  const out: ElfSymbol[] = [];
  for (let i = 0; i < shnum; i++) {
    const s = sec(i);
    if (s.type !== SHT_SYMTAB && s.type !== SHT_DYNSYM) continue;
    if (s.link >= shnum || s.offset + s.size > bytes.length) continue;
    const str = sec(s.link);
    if (str.offset + str.size > bytes.length) continue;
    const strtab = bytes.subarray(str.offset, str.offset + str.size);
    for (let o = s.offset + SYM_SIZE; o + SYM_SIZE <= s.offset + s.size; o += SYM_SIZE) { // entry 0 is the null symbol
      const info = bytes[o + 4], type = info & 0xf, bind = info >> 4, shndx = v.getUint16(o + 6, true);
      if (shndx === SHN_UNDEF || shndx === SHN_ABS) continue; // absolute symbols are constants, not places
      const typed = type === STT_FUNC || type === STT_OBJECT;
      if (!typed && !(type === STT_NOTYPE && (bind === STB_GLOBAL || bind === STB_WEAK))) continue;
      const nameOff = v.getUint32(o, true);
      if (nameOff === 0 || nameOff >= strtab.length) continue;
      let end = nameOff;
      while (end < strtab.length && strtab[end] !== 0) end++;
      const value = Number(v.getBigUint64(o + 8, true)), size = Number(v.getBigUint64(o + 16, true));
      if (value === 0) continue;
      out.push({ name: utf8Decode(strtab.subarray(nameOff, end)), value, size, type, bind });
    }
  }
  return SymbolTable.from(out);
}
