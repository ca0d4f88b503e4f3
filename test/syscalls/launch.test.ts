import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { BadElfError } from '../../src/errors.js';
import { DYN_BASE } from '../../src/elf/load.js';
import { AT_HWCAP, AT_MINSIGSTKSZ, AT_PHDR, AT_RANDOM, STACK_TOP } from '../../src/elf/stack.js';
import { launch } from '../../src/syscalls/launch.js';
import { buildElf, pattern, PF_R, PF_X } from '../elf/elf-builder.js';
import { CaptureHost } from './harness.js';

const HELLO = new URL('../programs/bin/hello', import.meta.url);

describe('launch', () => {
  it('a constructed static-PIE: hart at the entry, sp at argc, tid = pid, seeded AT_RANDOM', () => {
    const { bytes } = buildElf({ type: 3, entry: 0x100, segments: [{ flags: PF_R | PF_X, vaddr: 0, data: pattern(0x200), includeHeaders: true }],
      symbols: [{ name: '_start', value: 0x100, size: 8, type: 2, bind: 1 }] });
    const a = launch(new CaptureHost(), bytes, { argv: ['prog', 'x'], envp: ['A=1'], seed: 5, exePath: '/bin/prog' });
    expect(a.hart.pc).toBe(DYN_BASE + 0x100);
    expect(a.hart.getAddr(2)).toBe(a.stack.sp);
    expect(a.stack.sp).toBeLessThan(STACK_TOP);
    expect(a.mem.load64Num(a.stack.sp)).toBe(2);
    expect(a.hart.tid).toBe(a.system.pid);
    expect(a.system.symbolize?.(DYN_BASE + 0x104)).toBe('_start+0x4');
    const aux = new Map(a.stack.auxv);
    expect(aux.get(AT_PHDR)).toBe(DYN_BASE + 64);
    expect(aux.get(AT_HWCAP)).toBe(0x112d); // I M A F D C
    expect(aux.get(AT_MINSIGSTKSZ)).toBe(2048);
    const b = launch(new CaptureHost(), bytes, { argv: ['prog'], envp: [], seed: 5 });
    const c = launch(new CaptureHost(), bytes, { argv: ['prog'], envp: [], seed: 6 });
    const rnd = (l: typeof a) => l.mem.readBytes(new Map(l.stack.auxv).get(AT_RANDOM)!, 16);
    expect(rnd(a)).toEqual(rnd(b));
    expect(rnd(a)).not.toEqual(rnd(c));
  });

  it('V enlarges AT_MINSIGSTKSZ and sets the V hwcap bit', () => {
    const { bytes } = buildElf({ segments: [{ flags: PF_R | PF_X, vaddr: 0x10000, data: pattern(16) }] });
    const l = launch(new CaptureHost(), bytes, { argv: ['p'], envp: [], extensions: ['I', 'M', 'A', 'F', 'D', 'C', 'V'] });
    const aux = new Map(l.stack.auxv);
    expect(aux.get(AT_MINSIGSTKSZ)).toBe(2048 + 32 * 16 + 16);
    expect(aux.get(AT_HWCAP)! & (1 << 21)).toBe(1 << 21);
  });

  it('a dynamically linked program without its interpreter fails with a BadElfError naming it', () => {
    const { bytes } = buildElf({ type: 3, entry: 0x100, interp: '/nonexistent/ld-riscv.so.1', segments: [{ flags: PF_R | PF_X, vaddr: 0, data: pattern(0x200), includeHeaders: true }] });
    expect(() => launch(new CaptureHost(), bytes, { argv: ['./dyn'], envp: [] })).toThrow(BadElfError);
    expect(() => launch(new CaptureHost(), bytes, { argv: ['./dyn'], envp: [] })).toThrow(/^\.\/dyn is dynamically linked and needs \/nonexistent\/ld-riscv\.so\.1, which was not found; pass --sysroot/);
  });

  it.skipIf(!existsSync(HELLO))('the hello fixture: entry is _start, AT_PHDR holds its program headers', () => {
    const file = new Uint8Array(readFileSync(HELLO));
    const l = launch(new CaptureHost(), file, { argv: ['hello'], envp: [] });
    expect(l.system.symbolize?.(l.hart.pc)).toBe('_start');
    const phdr = new Map(l.stack.auxv).get(AT_PHDR)!;
    const phoff = Number(new DataView(file.buffer, file.byteOffset).getBigUint64(32, true));
    expect(l.mem.readBytes(phdr, 56)).toEqual(file.subarray(phoff, phoff + 56));
  });
});
