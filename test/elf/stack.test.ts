import { describe, expect, it } from 'vitest';
import { AddressSpace, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';
import { Hart, type Environment } from '../../src/isa/hart.js';
import { loadProgram } from '../../src/elf/load.js';
import {
  AT_BASE, AT_CLKTCK, AT_EGID, AT_ENTRY, AT_EUID, AT_EXECFN, AT_FLAGS, AT_GID, AT_HWCAP, AT_MINSIGSTKSZ, AT_PAGESZ,
  AT_PHDR, AT_PHENT, AT_PHNUM, AT_PLATFORM, AT_RANDOM, AT_SECURE, AT_UID, buildInitialStack, initHart, STACK_SIZE, STACK_TOP,
} from '../../src/elf/stack.js';
import { buildElf, pattern, PF_R, PF_W, PF_X } from './elf-builder.js';

const str = (mem: AddressSpace, a: number) => new TextDecoder().decode(mem.readCString(a));

describe('initial stack', () => {
  const built = buildElf({
    entry: 0x10040,
    segments: [{ flags: PF_R | PF_X, vaddr: 0x10000, data: pattern(0x100), includeHeaders: true }, { flags: PF_R | PF_W, vaddr: 0x11000, data: pattern(8), memsz: 0x100 }],
  });
  const mem = new AddressSpace();
  const prog = loadProgram(mem, built.bytes, { name: './prog' });
  const random = Uint8Array.from({ length: 16 }, (_, i) => 0xa0 + i);
  const argv = ['./prog', 'one', 'two words', 'ünïcödé'];
  const envp = ['HOME=/home/user', 'EMPTY=', 'LANG=C.UTF-8'];
  const st = buildInitialStack(mem, prog, { argv, envp, random, hwcap: 0x112d, execfn: './prog' });

  it('maps an 8 MiB read-write stack below STACK_TOP', () => {
    expect(STACK_TOP).toBe(0x3f_ffff_f000);
    expect(st.high).toBe(STACK_TOP);
    expect(st.low).toBe(STACK_TOP - STACK_SIZE);
    expect(mem.protOf(STACK_TOP - 4096)).toBe(PROT_READ | PROT_WRITE);
    expect(mem.protOf(STACK_TOP - STACK_SIZE)).toBe(PROT_READ | PROT_WRITE);
    expect(mem.isMapped(STACK_TOP)).toBe(false);
    expect(mem.regions.some((r) => r.name === '[stack]')).toBe(true);
  });

  it('sp is 16-byte aligned and points at argc', () => {
    expect(st.sp % 16).toBe(0);
    expect(mem.load64Num(st.sp)).toBe(argv.length);
    expect(st.argc).toBe(4);
    expect(st.argvAddr).toBe(st.sp + 8);
  });

  it('argv and envp pointers, NULL-terminated, point at the strings', () => {
    for (let i = 0; i < argv.length; i++) expect(str(mem, mem.load64Num(st.argvAddr + 8 * i))).toBe(argv[i]);
    expect(mem.load64Num(st.argvAddr + 8 * argv.length)).toBe(0);
    expect(st.envpAddr).toBe(st.argvAddr + 8 * (argv.length + 1));
    for (let i = 0; i < envp.length; i++) expect(str(mem, mem.load64Num(st.envpAddr + 8 * i))).toBe(envp[i]);
    expect(mem.load64Num(st.envpAddr + 8 * envp.length)).toBe(0);
    // Strings ascend: argv[0] lowest, then the environment, then the exec file name at the top.
    const a0 = mem.load64Num(st.argvAddr), e0 = mem.load64Num(st.envpAddr);
    expect(a0).toBeLessThan(e0);
    expect(mem.load64Num(st.argvAddr + 8)).toBe(a0 + argv[0].length + 1);
  });

  it('auxv: every entry, in order, ending with AT_NULL', () => {
    const aux: [number, number][] = [];
    for (let a = st.auxvAddr; ; a += 16) {
      const k = mem.load64Num(a), v = mem.load64Num(a + 8);
      if (k === 0) { expect(v).toBe(0); break; }
      aux.push([k, v]);
    }
    expect(aux).toEqual(st.auxv);
    const m = new Map(aux);
    expect(aux.map(([k]) => k)).toEqual([AT_HWCAP, AT_PAGESZ, AT_CLKTCK, AT_PHDR, AT_PHENT, AT_PHNUM, AT_BASE, AT_FLAGS, AT_ENTRY,
      AT_UID, AT_EUID, AT_GID, AT_EGID, AT_SECURE, AT_RANDOM, AT_EXECFN, AT_PLATFORM, AT_MINSIGSTKSZ]);
    expect(m.get(AT_HWCAP)).toBe(0x112d);
    expect(m.get(AT_PAGESZ)).toBe(4096);
    expect(m.get(AT_CLKTCK)).toBe(100);
    expect(m.get(AT_PHDR)).toBe(0x10040);
    expect(mem.readBytes(m.get(AT_PHDR)!, 2 * 56)).toEqual(built.bytes.subarray(64, 64 + 2 * 56));
    expect(m.get(AT_PHENT)).toBe(56);
    expect(m.get(AT_PHNUM)).toBe(2);
    expect(m.get(AT_BASE)).toBe(0);
    expect(m.get(AT_FLAGS)).toBe(0);
    expect(m.get(AT_ENTRY)).toBe(0x10040);
    for (const k of [AT_UID, AT_EUID, AT_GID, AT_EGID]) expect(m.get(k)).toBe(1000);
    expect(m.get(AT_SECURE)).toBe(0);
    expect(mem.readBytes(m.get(AT_RANDOM)!, 16)).toEqual(random);
    expect(str(mem, m.get(AT_EXECFN)!)).toBe('./prog');
    expect(str(mem, m.get(AT_PLATFORM)!)).toBe('riscv64');
    expect(m.get(AT_MINSIGSTKSZ)).toBe(2048);
    // Everything the tables point at lies between sp and the top of the stack.
    for (const k of [AT_RANDOM, AT_EXECFN, AT_PLATFORM]) {
      expect(m.get(k)!).toBeGreaterThan(st.sp);
      expect(m.get(k)!).toBeLessThan(STACK_TOP);
    }
    expect(m.get(AT_RANDOM)! % 16).toBe(0);
  });

  it('initHart: pc = entry, sp = x2, everything else zero', () => {
    const env: Environment = { ecall() {}, ebreak() {}, flushCode() {} };
    const h = new Hart(mem, env);
    h.x.fill(7); h.f64.fill(1.5); h.fflags = 3; h.frm = 2;
    initHart(h, prog.entry, st.sp);
    expect(h.pc).toBe(0x10040);
    expect(h.getAddr(2)).toBe(st.sp);
    for (let r = 0; r < 32; r++) if (r !== 2) expect(h.getBig(r)).toBe(0n);
    expect([...h.fi].every((w) => w === 0)).toBe(true);
    expect(h.fcsr).toBe(0);
    expect(h.stopped).toBe(false);
  });
});
