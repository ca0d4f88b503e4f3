// Placing an executable (and its dynamic linker, if it names one) into a guest address space.
import type { AddressSpace } from '../mem/address-space.js';
import { PAGE_SIZE, PROT_READ, PROT_WRITE, PROT_EXEC, USER_TOP, pageAlignDown, pageAlignUp } from '../mem/address-space.js';
import { ElfError, parseElf, PT_LOAD, PT_PHDR, PF_R, PF_W, PF_X, type ElfFile, type ProgramHeader } from './parse.js';
import type { SymbolTable } from './symbols.js';

/**
 * Load address of a position-independent main program: two thirds of the 39-bit (Sv39) user range, which is
 * where Linux puts ET_DYN executables on riscv64 (ELF_ET_DYN_BASE) when address randomization is off.
 */
export const DYN_BASE = 0x2a_aaaa_a000;

export interface LoadedElf {
  elf: ElfFile;
  /** Added to every link-time address: 0 for ET_EXEC, the load base minus the first segment's page for ET_DYN. */
  bias: number;
  /** Entry point in guest memory. */
  entry: number;
  /** Guest address of the program header table (AT_PHDR), its entry size and count. */
  phdr: number;
  phent: number;
  phnum: number;
  /** Page-aligned extent of the image: [start, end). */
  start: number;
  end: number;
  /** Symbols at their loaded addresses. */
  symbols: SymbolTable;
}

export interface LoadedProgram {
  main: LoadedElf;
  /** The dynamic linker, when the program names one (PT_INTERP). */
  interp?: LoadedElf;
  /** Where execution begins: the dynamic linker's entry if there is one, else the program's. */
  entry: number;
}

export interface LoadElfOptions {
  /** Name for messages and for the regions' labels (default: the parsed file's name or "program"). */
  name?: string;
  /** Where to put the lowest page of an ET_DYN file (default DYN_BASE). Ignored for ET_EXEC. */
  base?: number;
  /** Set the program break just past the image (default true; false for the dynamic linker). */
  setBrk?: boolean;
}

/**
 * Map every PT_LOAD segment page-granularly with its permissions, copy its file bytes and leave the rest
 * (bss) zero. Segments sharing a page get the union of their permissions on that page.
 */
export function loadElf(mem: AddressSpace, file: Uint8Array | ElfFile, opts: LoadElfOptions = {}): LoadedElf {
  const elf = file instanceof Uint8Array ? parseElf(file, opts.name) : file;
  const name = opts.name ?? elf.name;
  const loads = elf.phdrs.filter((p) => p.type === PT_LOAD && p.memsz > 0);
  let lo = Infinity, hi = 0;
  for (const p of loads) { lo = Math.min(lo, pageAlignDown(p.vaddr)); hi = Math.max(hi, pageAlignUp(p.vaddr + p.memsz)); }
  const bias = elf.type === 'dyn' ? pageAlignDown(opts.base ?? DYN_BASE) - lo : 0;
  if (hi + bias > USER_TOP || lo + bias < 0) {
    throw new ElfError('corrupt', `${name} does not fit in the address space (0x${(lo + bias).toString(16)}-0x${(hi + bias).toString(16)})`);
  }

  // Permissions per page, then one mapping per run of pages with equal permissions.
  const pageProt = new Map<number, number>();
  for (const p of loads) {
    const prot = protOf(p.flags);
    for (let a = pageAlignDown(p.vaddr + bias); a < p.vaddr + bias + p.memsz; a += PAGE_SIZE) {
      pageProt.set(a, (pageProt.get(a) ?? 0) | prot);
    }
  }
  const pages = [...pageProt.keys()].sort((a, b) => a - b);
  for (let i = 0; i < pages.length;) {
    let j = i + 1;
    const prot = pageProt.get(pages[i])!;
    while (j < pages.length && pages[j] === pages[j - 1] + PAGE_SIZE && pageProt.get(pages[j]) === prot) j++;
    mem.map(pages[i], (j - i) * PAGE_SIZE, prot, name);
    i = j;
  }

  for (const p of loads) {
    const at = p.vaddr + bias;
    // Linux maps whole file pages, so the bytes of the segment's first page that precede p_vaddr show the
    // file bytes that precede p_offset (this is how the ELF header becomes visible). Reproduce that where
    // no other segment's memory lies.
    let from = pageAlignDown(at);
    for (const q of loads) if (q.vaddr + bias < at) from = Math.max(from, q.vaddr + bias + q.memsz);
    const lead = Math.min(at - from, p.offset);
    if (lead > 0) mem.poke(at - lead, elf.bytes.subarray(p.offset - lead, p.offset));
    if (p.filesz > 0) mem.poke(at, elf.bytes.subarray(p.offset, p.offset + p.filesz));
  }

  if (opts.setBrk !== false) { mem.brkStart = hi + bias; mem.brk = hi + bias; }
  return {
    elf, bias, entry: elf.entry + bias, phdr: phdrAddress(elf, loads) + bias, phent: elf.phentsize, phnum: elf.phnum,
    start: lo + bias, end: hi + bias, symbols: elf.symbols.rebase(bias),
  };
}

export interface LoadProgramOptions {
  /** Name for messages (the path as the user gave it). */
  name?: string;
  /** Reads the dynamic linker named by PT_INTERP (a guest path); undefined if it does not exist. */
  readFile?: (guestPath: string) => Uint8Array | undefined;
  /** The --sysroot in effect, only to word the message when the dynamic linker is missing. */
  sysroot?: string;
  /** Base for the dynamic linker (default: the highest free range below mem.mmapTop, as Linux's mmap would pick). */
  interpBase?: number;
}

/** Load a program and, if it names one, its dynamic linker (AT_BASE = the linker's load base). */
export function loadProgram(mem: AddressSpace, file: Uint8Array | ElfFile, opts: LoadProgramOptions = {}): LoadedProgram {
  const elf = file instanceof Uint8Array ? parseElf(file, opts.name) : file;
  const name = opts.name ?? elf.name;
  const main = loadElf(mem, elf, { name, setBrk: true });
  if (elf.interp === undefined) return { main, entry: main.entry };

  const interpPath = elf.interp;
  const bytes = opts.readFile?.(interpPath);
  if (bytes === undefined) {
    const where = opts.sysroot !== undefined ? ` under --sysroot ${opts.sysroot}` : '';
    throw new ElfError('missing-interpreter',
      `${name} is dynamically linked and needs ${interpPath}, which was not found${where}; ` +
      `pass --sysroot <dir> with a RISC-V root file system (on Debian, apt-get install libc6-riscv64-cross provides /usr/riscv64-linux-gnu, used by default), or link the program with -static`);
  }
  const ld = parseElf(bytes, interpPath);
  if (ld.interp !== undefined) throw new ElfError('bad-interpreter', `${interpPath} (the dynamic linker of ${name}) itself names an interpreter`);
  let base = opts.interpBase;
  if (base === undefined && ld.type === 'dyn') {
    const loads = ld.phdrs.filter((p) => p.type === PT_LOAD && p.memsz > 0);
    const span = Math.max(...loads.map((p) => pageAlignUp(p.vaddr + p.memsz))) - Math.min(...loads.map((p) => pageAlignDown(p.vaddr)));
    base = mem.findFree(span);
    if (base < 0) throw new ElfError('bad-interpreter', `no room in the address space for ${interpPath}`);
  }
  const interp = loadElf(mem, ld, { name: interpPath, base, setBrk: false });
  return { main, interp, entry: interp.entry };
}

function protOf(pf: number): number {
  return (pf & PF_R ? PROT_READ : 0) | (pf & PF_W ? PROT_WRITE : 0) | (pf & PF_X ? PROT_EXEC : 0);
}

/** Link-time address of the program headers: PT_PHDR, else the load segment whose file bytes hold them. */
function phdrAddress(elf: ElfFile, loads: ProgramHeader[]): number {
  const ph = elf.phdrs.find((p) => p.type === PT_PHDR);
  if (ph !== undefined) return ph.vaddr;
  const size = elf.phnum * elf.phentsize;
  for (const p of loads) if (p.offset <= elf.phoff && elf.phoff + size <= p.offset + p.filesz) return p.vaddr + (elf.phoff - p.offset);
  // Not mapped at all; Linux passes the same guess (first segment + e_phoff).
  return (loads.length > 0 ? loads[0].vaddr - loads[0].offset : 0) + elf.phoff;
}
