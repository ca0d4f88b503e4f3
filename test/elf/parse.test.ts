import { describe, expect, it } from 'vitest';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { BadElfError } from '../../src/errors.js';
import { ElfError, parseElf, type BadElfReason } from '../../src/elf/parse.js';
import { buildElf, pattern, PF_R, PF_W, PF_X, PT_LOAD } from './elf-builder.js';

const good = () => buildElf({
  entry: 0x10078,
  segments: [
    { flags: PF_R | PF_X, vaddr: 0x10000, data: pattern(0x100), includeHeaders: true },
    { flags: PF_R | PF_W, vaddr: 0x11f00, data: pattern(0x80, 3), memsz: 0x2000 },
  ],
});

function rejects(bytes: Uint8Array, reason: BadElfReason, message: string): void {
  let err: unknown;
  try { parseElf(bytes, 'prog'); } catch (e) { err = e; }
  expect(err).toBeInstanceOf(BadElfError);
  expect(err).toBeInstanceOf(ElfError);
  expect((err as ElfError).reason).toBe(reason);
  expect((err as Error).message).toBe(message);
  expect((err as BadElfError).exitCode).toBe(126);
}

function patch(bytes: Uint8Array, f: (v: DataView, b: Uint8Array) => void): Uint8Array {
  const b = bytes.slice();
  f(new DataView(b.buffer), b);
  return b;
}

describe('parseElf: valid files', () => {
  it('reads the header and program headers', () => {
    const { bytes } = good();
    const e = parseElf(bytes, 'prog');
    expect(e.name).toBe('prog');
    expect(e.type).toBe('exec');
    expect(e.entry).toBe(0x10078);
    expect(e.flags).toBe(0x5);
    expect(e.phoff).toBe(64);
    expect(e.phentsize).toBe(56);
    expect(e.phnum).toBe(2);
    expect(e.phdrs.map((p) => [p.type, p.flags, p.vaddr, p.memsz])).toEqual([
      [PT_LOAD, PF_R | PF_X, 0x10000, e.phdrs[0].filesz],
      [PT_LOAD, PF_R | PF_W, 0x11f00, 0x2000],
    ]);
    expect(e.phdrs[1].filesz).toBe(0x80);
    expect(e.phdrs[1].offset % 4096).toBe(0xf00);
    expect(e.interp).toBeUndefined();
    expect(e.symbols.size).toBe(0);
  });

  it('accepts ET_DYN and exposes PT_INTERP', () => {
    const { bytes } = buildElf({ type: 3, entry: 0x40, interp: '/lib/ld-linux-riscv64-lp64d.so.1', segments: [{ flags: PF_R | PF_X, vaddr: 0, data: pattern(64), includeHeaders: true }] });
    const e = parseElf(bytes, 'p');
    expect(e.type).toBe('dyn');
    expect(e.interp).toBe('/lib/ld-linux-riscv64-lp64d.so.1');
  });

  it('reads FUNC/OBJECT symbols from .symtab', () => {
    const { bytes } = buildElf({
      segments: [{ flags: PF_R | PF_X, vaddr: 0x10000, data: pattern(0x400) }],
      symbols: [
        { name: 'main', value: 0x10100, size: 0x40, type: 2, bind: 1 },
        { name: 'table', value: 0x10200, size: 0x10, type: 1, bind: 0 },
        { name: '.Llocal', value: 0x10110, size: 0, type: 0, bind: 0 },
        { name: 'undef', value: 0, size: 0, type: 2, bind: 1, shndx: 0 },
        { name: '_start', value: 0x10000, size: 0, type: 0, bind: 1 },
      ],
    });
    const e = parseElf(bytes, 'p');
    expect(e.symbols.size).toBe(3);
    expect(e.symbols.lookup(0x10104)).toEqual({ name: 'main', offset: 4 });
    expect(e.symbols.lookup(0x1020f)).toEqual({ name: 'table', offset: 0xf });
    expect(e.symbols.lookup(0x10210)).toBeUndefined();
    expect(e.symbols.lookup(0x10008)).toEqual({ name: '_start', offset: 8 });
  });
});

describe('parseElf: rejected files (exact messages)', () => {
  it('empty file', () => rejects(new Uint8Array(0), 'empty', 'prog is empty (0 bytes), not an ELF executable'));
  it('bad magic', () => rejects(new TextEncoder().encode('MZ\x90\x00 not elf at all, just some text'), 'not-elf', 'prog is not an ELF file'));
  it('a script', () => rejects(new TextEncoder().encode('#!/bin/sh\necho hi\n'), 'not-elf', 'prog is not an ELF file (it starts with "#!": a script?)'));
  it('a static library', () => rejects(new TextEncoder().encode('!<arch>\n/               0'), 'not-executable', 'prog is a static library archive (.a), not an executable'));
  it('too short for a header', () => rejects(Uint8Array.of(0x7f, 0x45, 0x4c, 0x46, 2, 1, 1), 'corrupt', 'prog is truncated: 7 bytes, an ELF header needs 64'));
  it('32-bit', () => rejects(patch(good().bytes, (_v, b) => { b[4] = 1; }), 'elf32', 'prog is a 32-bit ELF; rvemu runs 64-bit RISC-V programs (RV64)'));
  it('big-endian', () => rejects(patch(good().bytes, (_v, b) => { b[5] = 2; }), 'big-endian', 'prog is a big-endian ELF; rvemu runs little-endian 64-bit RISC-V programs'));
  it('x86-64', () => rejects(buildElf({ machine: 62, segments: [{ flags: 5, vaddr: 0x400000, data: pattern(16) }] }).bytes, 'wrong-machine', 'prog is an x86-64 program, not RISC-V'));
  it('AArch64', () => rejects(buildElf({ machine: 183, segments: [{ flags: 5, vaddr: 0x400000, data: pattern(16) }] }).bytes, 'wrong-machine', 'prog is an AArch64 (ARM64) program, not RISC-V'));
  it('unknown machine', () => rejects(buildElf({ machine: 4321, segments: [{ flags: 5, vaddr: 0x400000, data: pattern(16) }] }).bytes, 'wrong-machine', 'prog is a program for machine type 4321, not RISC-V'));
  it('relocatable object', () => rejects(patch(good().bytes, (v) => v.setUint16(16, 1, true)), 'not-executable', 'prog is a relocatable object file (.o), not an executable; link it first'));
  it('core dump', () => rejects(patch(good().bytes, (v) => v.setUint16(16, 4, true)), 'not-executable', 'prog is a core dump, not an executable'));
  it('shared library', () => rejects(buildElf({ type: 3, entry: 0, segments: [{ flags: 5, vaddr: 0, data: pattern(16), includeHeaders: true }] }).bytes, 'not-executable', 'prog is a shared library, not an executable'));
  it('RV64E', () => rejects(buildElf({ flags: 0x8, segments: [{ flags: 5, vaddr: 0x10000, data: pattern(16) }] }).bytes, 'rve', 'prog is built for RV64E (16 registers); rvemu runs RV64I-based programs'));
  it('program header table outside the file', () => rejects(patch(good().bytes, (v) => v.setBigUint64(32, 0x100000n, true)), 'corrupt',
    `prog is truncated or corrupt: program header table (offset 0x100000, 2 entries) lies outside the file (${good().bytes.length} bytes)`));
  it('file cut short inside a segment', () => {
    const { bytes, offsets } = good();
    const cut = bytes.slice(0, offsets[1] + 0x40);
    rejects(cut, 'corrupt', `prog is truncated or corrupt: segment 1 (file bytes 0x${offsets[1].toString(16)}-0x${(offsets[1] + 0x80).toString(16)}) lies outside the file (${cut.length} bytes)`);
  });
  it('filesz > memsz', () => rejects(patch(good().bytes, (v) => v.setBigUint64(64 + 56 + 40, 0x10n, true)), 'corrupt',
    'prog is corrupt: segment 1 has a file size (0x80) larger than its memory size (0x10)'));
  it('no program headers', () => rejects(patch(good().bytes, (v) => v.setUint16(56, 0, true)), 'no-load', 'prog has no loadable segments (no program headers)'));
  it('no PT_LOAD', () => rejects(buildElf({ segments: [{ type: 4, flags: 4, vaddr: 0x10000, data: pattern(16) }] }).bytes, 'no-load', 'prog has no loadable segments'));
  it('bad program header entry size', () => rejects(patch(good().bytes, (v) => v.setUint16(54, 32, true)), 'corrupt', 'prog is corrupt: program header entry size is 32, expected 56'));
  it('out-of-range 64-bit field', () => rejects(patch(good().bytes, (v) => v.setBigUint64(24, 0xffffffff00000000n, true)), 'corrupt', 'prog is corrupt: entry point 0xffffffff00000000 is out of range'));
  it('segment beyond the user address space', () => rejects(patch(good().bytes, (v) => v.setBigUint64(64 + 56 + 16, 0x7ffffffff000n, true)), 'corrupt',
    'prog is corrupt: segment 1 (0x7ffffffff000) lies outside the user address space'));
});

// The fixtures built with riscv64-linux-gnu-gcc, when present: headers must be self-consistent the way a
// linker writes them (page-congruent offsets, entry inside an executable segment named _start).
const BIN = new URL('../programs/bin/', import.meta.url);
const fixtures = existsSync(BIN) ? readdirSync(BIN).filter((f) => !f.includes('.')) : [];
describe.skipIf(fixtures.length === 0)('parseElf on the compiled fixtures', () => {
  for (const f of fixtures) {
    it(f, () => {
      const buf = new Uint8Array(readFileSync(new URL(f, BIN)));
      const e = parseElf(buf, f);
      expect(e.type).toBe('exec');
      expect(e.interp).toBeUndefined();
      expect(e.phoff).toBe(64);
      const loads = e.phdrs.filter((p) => p.type === PT_LOAD);
      expect(loads.length).toBeGreaterThan(0);
      for (const p of loads) {
        expect(p.offset % 4096).toBe(p.vaddr % 4096);
        expect(p.filesz).toBeLessThanOrEqual(p.memsz);
      }
      expect(loads.some((p) => (p.flags & PF_X) && p.vaddr <= e.entry && e.entry < p.vaddr + p.memsz)).toBe(true);
      expect(e.symbols.lookup(e.entry)?.name).toBe('_start');
    });
  }
});
