// Minimal ELF64 RISC-V executables made from bytes, for inputs a toolchain would never produce (corrupt
// headers, illegal instructions at a known address) without needing a toolchain.

export const EM_RISCV = 243, EM_X86_64 = 62;
export const ET_EXEC = 2, ET_DYN = 3;
export const PT_LOAD = 1, PT_INTERP = 3;
/** Where the single PT_LOAD segment goes: like a static link with the default script. */
export const LOAD_BASE = 0x10000;

export interface MiniSymbol {
  name: string;
  /** Byte offset of the symbol in the code. */
  offset: number;
  size: number;
}

export interface MiniElfOptions {
  /** 32-bit instruction words (little-endian), or raw bytes. */
  code: readonly number[] | Uint8Array;
  /** FUNC symbols over the code (emitted in .symtab). */
  symbols?: readonly MiniSymbol[];
  /** A PT_INTERP naming this path. */
  interp?: string;
  eiClass?: number;
  eiData?: number;
  machine?: number;
  type?: number;
}

export interface MiniElf {
  bytes: Uint8Array;
  /** Guest address of the first code byte (the entry point). */
  entry: number;
}

/** Byte offsets of fields in the ELF header and in a program header. */
export const EHDR = { ident: 0, type: 16, machine: 18, entry: 24, phoff: 32, shoff: 40, phentsize: 54, phnum: 56 } as const;
export const PHDR = { type: 0, flags: 4, offset: 8, vaddr: 16, filesz: 32, memsz: 40 } as const;

const align = (n: number, a: number) => Math.ceil(n / a) * a;

/** An ELF64 executable with one R+X PT_LOAD holding `code` at its entry point (plus optional PT_INTERP and symbols). */
export function buildElf(o: MiniElfOptions): MiniElf {
  const code = o.code instanceof Uint8Array ? o.code : words(o.code);
  const enc = new TextEncoder();
  const phnum = o.interp !== undefined ? 2 : 1;
  const interpBytes = o.interp !== undefined ? enc.encode(o.interp + '\0') : new Uint8Array(0);
  const interpOff = 64 + 56 * phnum;
  const codeOff = align(interpOff + interpBytes.length, 4);
  const codeEnd = codeOff + code.length;

  // Sections: null, .text, .symtab, .strtab, .shstrtab (only when there are symbols).
  const syms = o.symbols ?? [];
  let strtab = new Uint8Array(0), symtab = new Uint8Array(0), shstrtab = new Uint8Array(0);
  const shNames: Record<string, number> = {};
  if (syms.length > 0) {
    const names: number[] = [0];
    let s = '\0';
    for (const sym of syms) { names.push(s.length); s += sym.name + '\0'; }
    strtab = enc.encode(s);
    symtab = new Uint8Array(24 * (syms.length + 1));
    const dv = new DataView(symtab.buffer);
    syms.forEach((sym, i) => {
      const o2 = 24 * (i + 1);
      dv.setUint32(o2, names[i + 1], true);
      symtab[o2 + 4] = (1 << 4) | 2; // STB_GLOBAL, STT_FUNC
      dv.setUint16(o2 + 6, 1, true);  // in .text
      dv.setBigUint64(o2 + 8, BigInt(LOAD_BASE + codeOff + sym.offset), true);
      dv.setBigUint64(o2 + 16, BigInt(sym.size), true);
    });
    let sh = '\0';
    for (const n of ['.text', '.symtab', '.strtab', '.shstrtab']) { shNames[n] = sh.length; sh += n + '\0'; }
    shstrtab = enc.encode(sh);
  }
  const symtabOff = align(codeEnd, 8);
  const strtabOff = symtabOff + symtab.length;
  const shstrOff = strtabOff + strtab.length;
  const shOff = align(shstrOff + shstrtab.length, 8);
  const shnum = syms.length > 0 ? 5 : 0;
  const total = syms.length > 0 ? shOff + 64 * shnum : codeEnd;

  const b = new Uint8Array(total);
  const v = new DataView(b.buffer);
  b.set([0x7f, 0x45, 0x4c, 0x46, o.eiClass ?? 2, o.eiData ?? 1, 1, 0]);
  v.setUint16(EHDR.type, o.type ?? ET_EXEC, true);
  v.setUint16(EHDR.machine, o.machine ?? EM_RISCV, true);
  v.setUint32(20, 1, true);                                   // e_version
  v.setBigUint64(EHDR.entry, BigInt(LOAD_BASE + codeOff), true);
  v.setBigUint64(EHDR.phoff, 64n, true);
  v.setBigUint64(EHDR.shoff, BigInt(shnum > 0 ? shOff : 0), true);
  v.setUint32(48, 0x5, true);                                 // e_flags: RVC, double-float ABI
  v.setUint16(52, 64, true);                                  // e_ehsize
  v.setUint16(EHDR.phentsize, 56, true);
  v.setUint16(EHDR.phnum, phnum, true);
  v.setUint16(58, 64, true);                                  // e_shentsize
  v.setUint16(60, shnum, true);
  v.setUint16(62, shnum > 0 ? 4 : 0, true);                   // e_shstrndx

  const ph = (i: number, type: number, flags: number, off: number, vaddr: number, size: number, al: number) => {
    const p = 64 + 56 * i;
    v.setUint32(p + PHDR.type, type, true);
    v.setUint32(p + PHDR.flags, flags, true);
    v.setBigUint64(p + PHDR.offset, BigInt(off), true);
    v.setBigUint64(p + PHDR.vaddr, BigInt(vaddr), true);
    v.setBigUint64(p + 24, BigInt(vaddr), true);
    v.setBigUint64(p + PHDR.filesz, BigInt(size), true);
    v.setBigUint64(p + PHDR.memsz, BigInt(size), true);
    v.setBigUint64(p + 48, BigInt(al), true);
  };
  let i = 0;
  if (o.interp !== undefined) ph(i++, PT_INTERP, 4, interpOff, LOAD_BASE + interpOff, interpBytes.length, 1);
  ph(i, PT_LOAD, 5, 0, LOAD_BASE, codeEnd, 0x1000);
  b.set(interpBytes, interpOff);
  b.set(code, codeOff);

  if (shnum > 0) {
    b.set(symtab, symtabOff); b.set(strtab, strtabOff); b.set(shstrtab, shstrOff);
    const sh = (idx: number, name: number, type: number, flags: number, addr: number, off: number, size: number, link: number, info: number, entsize: number) => {
      const p = shOff + 64 * idx;
      v.setUint32(p, name, true); v.setUint32(p + 4, type, true);
      v.setBigUint64(p + 8, BigInt(flags), true); v.setBigUint64(p + 16, BigInt(addr), true);
      v.setBigUint64(p + 24, BigInt(off), true); v.setBigUint64(p + 32, BigInt(size), true);
      v.setUint32(p + 40, link, true); v.setUint32(p + 44, info, true);
      v.setBigUint64(p + 48, 4n, true); v.setBigUint64(p + 56, BigInt(entsize), true);
    };
    sh(1, shNames['.text'], 1, 0x6, LOAD_BASE + codeOff, codeOff, code.length, 0, 0, 0);
    sh(2, shNames['.symtab'], 2, 0, 0, symtabOff, symtab.length, 3, 1, 24);
    sh(3, shNames['.strtab'], 3, 0, 0, strtabOff, strtab.length, 0, 0, 0);
    sh(4, shNames['.shstrtab'], 3, 0, 0, shstrOff, shstrtab.length, 0, 0, 0);
  }
  return { bytes: b, entry: LOAD_BASE + codeOff };
}

export function words(ws: readonly number[]): Uint8Array {
  const b = new Uint8Array(ws.length * 4);
  const v = new DataView(b.buffer);
  ws.forEach((w, i) => v.setUint32(i * 4, w >>> 0, true));
  return b;
}

// A few RV64I encodings, enough for tiny test programs.
export const A0 = 10, A7 = 17;
export function addi(rd: number, rs1: number, imm: number): number { return ((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x13; }
export function sd(rs2: number, rs1: number, imm: number): number {
  return (((imm >> 5) & 0x7f) << 25) | (rs2 << 20) | (rs1 << 15) | (3 << 12) | ((imm & 0x1f) << 7) | 0x23;
}
export const ECALL = 0x00000073;
/** exit(status) through the exit_group system call. */
export function exitWith(status: number): number[] { return [addi(A7, 0, 94), addi(A0, 0, status), ECALL]; }
/** A 32-bit word in the custom-0 major opcode: no standard extension defines it, so it is illegal. */
export const CUSTOM0 = 0x0000000b;
export const SP = 2, A1 = 11, A2 = 12, A3 = 13;
/** csrrs rd, csr, x0 (read a CSR). */
export function csrr(rd: number, csr: number): number { return (csr << 20) | (2 << 12) | (rd << 7) | 0x73; }
export const CSR_TIME = 0xc01, CSR_INSTRET = 0xc02;
