// Builds small ELF64 files byte by byte for the ELF and loader tests, including deliberately broken ones.

export interface SegmentSpec {
  type?: number;      // default PT_LOAD
  flags: number;      // PF_R 4 | PF_W 2 | PF_X 1
  vaddr: number;
  data: Uint8Array;   // file bytes
  memsz?: number;     // default data.length (or more, for bss)
  /** The segment's file range starts at offset 0 and so also holds the ELF and program headers (as linkers do for text). */
  includeHeaders?: boolean;
  /** Bytes placed in the file right after the segment's data (to check they are not loaded as bss). */
  trailer?: Uint8Array;
}

export interface SymbolSpec { name: string; value: number; size: number; type: number; bind: number; shndx?: number }

export interface ElfSpec {
  class?: number;     // 2
  data?: number;      // 1
  machine?: number;   // 243
  type?: number;      // 2 (ET_EXEC)
  entry?: number;
  flags?: number;
  segments: SegmentSpec[];
  interp?: string;
  phdrSegment?: boolean;
  symbols?: SymbolSpec[];
}

export const PT_LOAD = 1, PT_INTERP = 3, PT_PHDR = 6, PF_X = 1, PF_W = 2, PF_R = 4;
const EH = 64, PH = 56, SH = 64;

export interface Built { bytes: Uint8Array; offsets: number[]; phoff: number; phnum: number }

export function buildElf(spec: ElfSpec): Built {
  const extra = (spec.interp !== undefined ? 1 : 0) + (spec.phdrSegment ? 1 : 0);
  const phnum = spec.segments.length + extra;
  const hdrEnd = EH + phnum * PH;
  const interpBytes = spec.interp !== undefined ? new TextEncoder().encode(spec.interp + '\0') : new Uint8Array(0);
  const interpOff = hdrEnd;
  let cursor = hdrEnd + interpBytes.length;

  // Place segment payloads: page-congruent offsets, after everything placed so far.
  const offsets: number[] = [];
  const payloadOff: number[] = [];
  for (const s of spec.segments) {
    if (s.includeHeaders) {
      const p = Math.ceil(cursor / 16) * 16;
      offsets.push(0); payloadOff.push(p);
      cursor = p + s.data.length + (s.trailer?.length ?? 0);
    } else {
      let o = cursor - (cursor % 4096) + (s.vaddr % 4096);
      if (o < cursor) o += 4096;
      offsets.push(o); payloadOff.push(o);
      cursor = o + s.data.length + (s.trailer?.length ?? 0);
    }
  }

  // Optional symbol table: .symtab, .strtab, .shstrtab and section headers at the end.
  let symOff = 0, strOff = 0, shstrOff = 0, shoff = 0, strtab = new Uint8Array(0), shstr = new Uint8Array(0);
  const syms = spec.symbols ?? [];
  if (syms.length > 0) {
    const enc = new TextEncoder();
    const names = [0];
    const parts: number[] = [0];
    for (const s of syms) { names.push(parts.length); parts.push(...enc.encode(s.name), 0); }
    strtab = Uint8Array.from(parts);
    shstr = enc.encode('\0.symtab\0.strtab\0.shstrtab\0');
    symOff = Math.ceil(cursor / 8) * 8;
    cursor = symOff + 24 * (syms.length + 1);
    strOff = cursor; cursor += strtab.length;
    shstrOff = cursor; cursor += shstr.length;
    shoff = Math.ceil(cursor / 8) * 8;
    cursor = shoff + 4 * SH;
  }

  const out = new Uint8Array(cursor);
  const v = new DataView(out.buffer);
  out.set([0x7f, 0x45, 0x4c, 0x46, spec.class ?? 2, spec.data ?? 1, 1, 0]);
  v.setUint16(16, spec.type ?? 2, true);
  v.setUint16(18, spec.machine ?? 243, true);
  v.setUint32(20, 1, true);
  v.setBigUint64(24, BigInt(spec.entry ?? spec.segments[0]?.vaddr ?? 0), true);
  v.setBigUint64(32, BigInt(EH), true);
  v.setBigUint64(40, BigInt(shoff), true);
  v.setUint32(48, spec.flags ?? 0x5, true);
  v.setUint16(52, EH, true);
  v.setUint16(54, PH, true);
  v.setUint16(56, phnum, true);
  v.setUint16(58, syms.length > 0 ? SH : 0, true);
  v.setUint16(60, syms.length > 0 ? 4 : 0, true);
  v.setUint16(62, syms.length > 0 ? 3 : 0, true);

  let ph = EH;
  const phdr = (type: number, flags: number, off: number, vaddr: number, filesz: number, memsz: number, align: number) => {
    v.setUint32(ph, type, true); v.setUint32(ph + 4, flags, true);
    v.setBigUint64(ph + 8, BigInt(off), true); v.setBigUint64(ph + 16, BigInt(vaddr), true); v.setBigUint64(ph + 24, BigInt(vaddr), true);
    v.setBigUint64(ph + 32, BigInt(filesz), true); v.setBigUint64(ph + 40, BigInt(memsz), true); v.setBigUint64(ph + 48, BigInt(align), true);
    ph += PH;
  };
  const first = spec.segments[0];
  if (spec.phdrSegment && first !== undefined) phdr(PT_PHDR, PF_R, EH, first.vaddr + EH, phnum * PH, phnum * PH, 8);
  if (spec.interp !== undefined) { phdr(PT_INTERP, PF_R, interpOff, 0, interpBytes.length, interpBytes.length, 1); out.set(interpBytes, interpOff); }
  spec.segments.forEach((s, i) => {
    const filesz = s.includeHeaders ? payloadOff[i] + s.data.length : s.data.length;
    phdr(s.type ?? PT_LOAD, s.flags, offsets[i], s.vaddr, filesz, Math.max(s.memsz ?? s.data.length, filesz), 4096);
    out.set(s.data, payloadOff[i]);
    if (s.trailer !== undefined) out.set(s.trailer, payloadOff[i] + s.data.length);
  });

  if (syms.length > 0) {
    let o = symOff + 24;
    let nameOff = 1;
    for (const s of syms) {
      v.setUint32(o, nameOff, true);
      out[o + 4] = (s.bind << 4) | s.type;
      v.setUint16(o + 6, s.shndx ?? 1, true);
      v.setBigUint64(o + 8, BigInt(s.value), true);
      v.setBigUint64(o + 16, BigInt(s.size), true);
      nameOff += new TextEncoder().encode(s.name).length + 1;
      o += 24;
    }
    out.set(strtab, strOff);
    out.set(shstr, shstrOff);
    const sh = (i: number, name: number, type: number, off: number, size: number, link: number, entsize: number) => {
      const b = shoff + i * SH;
      v.setUint32(b, name, true); v.setUint32(b + 4, type, true);
      v.setBigUint64(b + 24, BigInt(off), true); v.setBigUint64(b + 32, BigInt(size), true);
      v.setUint32(b + 40, link, true); v.setBigUint64(b + 56, BigInt(entsize), true);
    };
    sh(1, 1, 2, symOff, 24 * (syms.length + 1), 2, 24);   // .symtab, strings in section 2
    sh(2, 9, 3, strOff, strtab.length, 0, 0);              // .strtab
    sh(3, 17, 3, shstrOff, shstr.length, 0, 0);            // .shstrtab
  }
  return { bytes: out, offsets, phoff: EH, phnum };
}

/** n bytes with a recognizable pattern (seed + i). */
export function pattern(n: number, seed = 1): Uint8Array {
  const b = new Uint8Array(n);
  for (let i = 0; i < n; i++) b[i] = (seed + i * 7) & 0xff || 0x5a;
  return b;
}
