import { describe, expect, it } from 'vitest';
import { AddressSpace, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';
import { BadElfError } from '../../src/errors.js';
import { DYN_BASE, loadElf, loadProgram } from '../../src/elf/load.js';
import { ElfError } from '../../src/elf/parse.js';
import { buildElf, pattern, PF_R, PF_W, PF_X } from './elf-builder.js';

const RX = PROT_READ | PROT_EXEC, RW = PROT_READ | PROT_WRITE;

describe('loadElf: ET_EXEC', () => {
  // Text ends inside page 0x11000, and data begins in that same page: the shared page gets both permissions.
  const text = pattern(0x1234, 1), data = pattern(0x300, 9);
  const built = buildElf({
    entry: 0x10100,
    segments: [
      { flags: PF_R | PF_X, vaddr: 0x10000, data: text, includeHeaders: true },
      { flags: PF_R | PF_W, vaddr: 0x11e00, data, memsz: 0x2345, trailer: pattern(64, 200) },
    ],
  });
  const mem = new AddressSpace();
  const img = loadElf(mem, built.bytes, { name: 'prog' });
  const headerLen = 64 + 2 * 56;
  const payload = Math.ceil(headerLen / 16) * 16;

  it('maps at the link addresses with page permissions (shared page = union)', () => {
    expect(img.bias).toBe(0);
    expect(img.entry).toBe(0x10100);
    expect(mem.protOf(0x10000)).toBe(RX);
    expect(mem.protOf(0x11000)).toBe(RX | RW);   // text tail + data head
    expect(mem.protOf(0x12000)).toBe(RW);
    expect(mem.protOf(0x14000)).toBe(RW);        // 0x11e00 + 0x2345 = 0x14145
    expect(mem.isMapped(0x15000)).toBe(false);
    expect(mem.isMapped(0xf000)).toBe(false);
    expect(img.start).toBe(0x10000);
    expect(img.end).toBe(0x15000);
    expect(mem.regions.every((r) => r.name === 'prog')).toBe(true);
  });

  it('copies file bytes, including the headers the first segment covers', () => {
    expect(mem.readBytes(0x10000, 4)).toEqual(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46));
    expect(mem.readBytes(0x10000 + payload, text.length)).toEqual(text);
    expect(mem.readBytes(0x11e00, data.length)).toEqual(data);
  });

  it('zero-fills bss, including the rest of the page after the file bytes', () => {
    const bss = mem.readBytes(0x11e00 + data.length, 0x2345 - data.length);
    expect(bss.every((b) => b === 0)).toBe(true);
    // The file has non-zero bytes right after the data segment's filesz: they must not appear in memory.
    expect(mem.readBytes(0x11e00 + data.length, 64).every((b) => b === 0)).toBe(true);
  });

  it('sets the program break after the highest segment, page-aligned', () => {
    expect(mem.brkStart).toBe(0x15000);
    expect(mem.brk).toBe(0x15000);
  });

  it('AT_PHDR: the program headers inside the first segment', () => {
    expect(img.phdr).toBe(0x10000 + 64);
    expect(img.phent).toBe(56);
    expect(img.phnum).toBe(2);
    expect(mem.readBytes(img.phdr, 56)).toEqual(built.bytes.subarray(64, 120));
  });

  it('AT_PHDR from PT_PHDR when present', () => {
    const b = buildElf({ phdrSegment: true, segments: [{ flags: PF_R | PF_X, vaddr: 0x20000, data: pattern(32), includeHeaders: true }] });
    const m = new AddressSpace();
    expect(loadElf(m, b.bytes).phdr).toBe(0x20000 + 64);
  });
});

describe('loadElf: ET_DYN', () => {
  it('loads at DYN_BASE and relocates entry, phdr and symbols', () => {
    const b = buildElf({
      type: 3, entry: 0x120,
      segments: [{ flags: PF_R | PF_X, vaddr: 0, data: pattern(0x200), includeHeaders: true }, { flags: PF_R | PF_W, vaddr: 0x1200, data: pattern(16), memsz: 0x100 }],
      symbols: [{ name: 'f', value: 0x120, size: 0x10, type: 2, bind: 1 }],
    });
    const mem = new AddressSpace();
    const img = loadElf(mem, b.bytes, { name: 'pie' });
    expect(DYN_BASE).toBe(0x2aaaaaa000);
    expect(img.bias).toBe(DYN_BASE);
    expect(img.entry).toBe(DYN_BASE + 0x120);
    expect(img.phdr).toBe(DYN_BASE + 64);
    expect(mem.protOf(DYN_BASE)).toBe(RX);
    expect(mem.protOf(DYN_BASE + 0x1000)).toBe(RW);
    expect(mem.brk).toBe(DYN_BASE + 0x2000);
    expect(img.symbols.lookup(DYN_BASE + 0x124)).toEqual({ name: 'f', offset: 4 });
  });

  it('honours an explicit base', () => {
    const b = buildElf({ type: 3, entry: 0x10, segments: [{ flags: PF_R | PF_X, vaddr: 0, data: pattern(16), includeHeaders: true }] });
    const mem = new AddressSpace();
    expect(loadElf(mem, b.bytes, { base: 0x4000_0000, setBrk: false }).entry).toBe(0x4000_0010);
    expect(mem.brk).toBe(0);
  });
});

describe('loadProgram: the dynamic linker', () => {
  const prog = buildElf({ type: 3, entry: 0x100, interp: '/lib/ld.so.1', segments: [{ flags: PF_R | PF_X, vaddr: 0, data: pattern(0x200), includeHeaders: true }] });
  const ld = buildElf({ type: 3, entry: 0x80, segments: [{ flags: PF_R | PF_X, vaddr: 0, data: pattern(0x300, 5), includeHeaders: true }] });

  it('a missing interpreter names the path and suggests --sysroot', () => {
    const mem = new AddressSpace();
    let err: unknown;
    try { loadProgram(mem, prog.bytes, { name: './dyn', readFile: () => undefined }); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(BadElfError);
    expect((err as ElfError).reason).toBe('missing-interpreter');
    expect((err as Error).message).toBe('./dyn is dynamically linked and needs /lib/ld.so.1, which was not found; pass --sysroot <dir> with a RISC-V root file system (on Debian, apt-get install libc6-riscv64-cross provides /usr/riscv64-linux-gnu, used by default), or link the program with -static');
    let err2: unknown;
    try { loadProgram(new AddressSpace(), prog.bytes, { name: './dyn', readFile: () => undefined, sysroot: '/opt/rv' }); } catch (e) { err2 = e; }
    expect((err2 as Error).message).toContain('which was not found under --sysroot /opt/rv;');
  });

  it('loads the interpreter below mmapTop and starts there; the program stays at DYN_BASE', () => {
    const mem = new AddressSpace();
    const asked: string[] = [];
    const p = loadProgram(mem, prog.bytes, { name: 'dyn', readFile: (path) => { asked.push(path); return ld.bytes; } });
    expect(asked).toEqual(['/lib/ld.so.1']);
    expect(p.main.bias).toBe(DYN_BASE);
    expect(p.interp).toBeDefined();
    const base = p.interp!.bias;
    expect(base % 4096).toBe(0);
    expect(base + 0x1000).toBeLessThanOrEqual(mem.mmapTop);
    expect(p.entry).toBe(base + 0x80);
    expect(mem.readBytes(base, 4)).toEqual(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46));
    expect(mem.brk).toBe(DYN_BASE + 0x1000); // the break follows the program, not the interpreter
  });

  it('an interpreter that is not an ELF is reported under its own name', () => {
    expect(() => loadProgram(new AddressSpace(), prog.bytes, { name: 'dyn', readFile: () => new TextEncoder().encode('#!nope') }))
      .toThrow('/lib/ld.so.1 is not an ELF file (it starts with "#!": a script?)');
  });
});
