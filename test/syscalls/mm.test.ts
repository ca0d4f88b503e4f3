import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GuestFault } from '../../src/errors.js';
import { PROT_EXEC, PROT_READ, PROT_WRITE, PAGE_SIZE } from '../../src/mem/address-space.js';
import { SYS } from '../../src/syscalls/numbers.js';
import { E } from '../../src/syscalls/errno.js';
import { call, cstr, rig, SCRATCH } from './harness.js';
import { Engine } from '../../src/engine/engine.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';

const RW = PROT_READ | PROT_WRITE;
const MAP_SHARED = 1, MAP_PRIVATE = 2, MAP_FIXED = 0x10, MAP_ANON = 0x20, MAP_FIXED_NOREPLACE = 0x100000;
const ANON = MAP_PRIVATE | MAP_ANON;

describe('brk', () => {
  it('query, grow (zeroed, RW), shrink, refuse below the start', () => {
    const r = rig();
    const start = r.mem.brkStart;
    expect(call(r, SYS.brk, 0)).toBe(start);
    expect(call(r, SYS.brk, start + 0x1800)).toBe(start + 0x1800);
    expect(r.mem.protOf(start)).toBe(RW);
    expect(r.mem.protOf(start + 0x1000)).toBe(RW);
    expect(r.mem.isMapped(start + 0x2000)).toBe(false);
    expect(r.mem.readBytes(start, 0x1800).every((b) => b === 0)).toBe(true);
    r.mem.store32(start + 0x1000, 0x1234);
    expect(call(r, SYS.brk, start + 0x800)).toBe(start + 0x800);
    expect(r.mem.isMapped(start + 0x1000)).toBe(false);
    expect(call(r, SYS.brk, start - 0x1000)).toBe(start + 0x800);
    expect(call(r, SYS.brk, start + 0x3000)).toBe(start + 0x3000);
    expect(r.mem.load32(start + 0x1000)).toBe(0); // fresh pages after shrinking and growing again
    expect(r.mem.regions.find((x) => x.start === start)?.name).toBe('[heap]');
  });

  it('does not grow over an existing mapping', () => {
    const r = rig();
    const start = r.mem.brkStart;
    r.mem.map(start + 0x4000, PAGE_SIZE, RW, 'blocker');
    expect(call(r, SYS.brk, start + 0x10000)).toBe(start);
  });
});

describe('mmap / munmap / mprotect', () => {
  it('anonymous: page-aligned, zeroed, with the asked permissions, top-down below mmapTop', () => {
    const r = rig();
    const a = call(r, SYS.mmap, 0, 10000, RW, ANON, -1, 0);
    expect(a % PAGE_SIZE).toBe(0);
    expect(a + 3 * PAGE_SIZE).toBe(r.mem.mmapTop);
    expect(r.mem.protOf(a)).toBe(RW);
    expect(r.mem.protOf(a + 2 * PAGE_SIZE)).toBe(RW);
    expect(r.mem.readBytes(a, 10000).every((b) => b === 0)).toBe(true);
    const b = call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ, ANON, -1, 0);
    expect(b).toBe(a - PAGE_SIZE);
    expect(() => r.mem.store8(b, 1)).toThrow(GuestFault);
  });

  it('hints, MAP_FIXED replaces, MAP_FIXED_NOREPLACE refuses', () => {
    const r = rig();
    const hint = 0x2000_0000;
    expect(call(r, SYS.mmap, hint, PAGE_SIZE, RW, ANON, -1, 0)).toBe(hint);
    r.mem.store32(hint, 77);
    expect(call(r, SYS.mmap, hint, PAGE_SIZE, RW, ANON, -1, 0)).not.toBe(hint); // taken: placed elsewhere
    expect(call(r, SYS.mmap, hint, PAGE_SIZE, RW, ANON | MAP_FIXED_NOREPLACE, -1, 0)).toBe(-E.EEXIST);
    expect(call(r, SYS.mmap, hint, PAGE_SIZE, PROT_READ | PROT_EXEC, ANON | MAP_FIXED, -1, 0)).toBe(hint);
    expect(r.mem.load32(hint)).toBe(0);
    expect(r.mem.protOf(hint)).toBe(PROT_READ | PROT_EXEC);
    expect(call(r, SYS.mmap, hint + 1, PAGE_SIZE, RW, ANON | MAP_FIXED, -1, 0)).toBe(-E.EINVAL);
  });

  it('argument errors', () => {
    const r = rig();
    expect(call(r, SYS.mmap, 0, 0, RW, ANON, -1, 0)).toBe(-E.EINVAL);
    expect(call(r, SYS.mmap, 0, 100, RW, MAP_ANON, -1, 0)).toBe(-E.EINVAL);      // neither shared nor private
    expect(call(r, SYS.mmap, 0, 100, RW, ANON, -1, 100)).toBe(-E.EINVAL);        // unaligned offset
    expect(call(r, SYS.mmap, 0, 100, RW, MAP_PRIVATE, 99, 0)).toBe(-E.EBADF);
    expect(call(r, SYS.mmap, 0, 2 ** 48, RW, ANON, -1, 0)).toBe(-E.ENOMEM);
    expect(call(r, SYS.munmap, 0x1001, 10)).toBe(-E.EINVAL);
    expect(call(r, SYS.munmap, 0x1000, 0)).toBe(-E.EINVAL);
  });

  it('munmap makes the range fault; partial unmaps split the region', () => {
    const r = rig();
    const a = call(r, SYS.mmap, 0, 3 * PAGE_SIZE, RW, ANON, -1, 0);
    expect(call(r, SYS.munmap, a + PAGE_SIZE, 1)).toBe(0);
    expect(r.mem.isMapped(a)).toBe(true);
    expect(r.mem.isMapped(a + PAGE_SIZE)).toBe(false);
    expect(r.mem.isMapped(a + 2 * PAGE_SIZE)).toBe(true);
    expect(() => r.mem.load8(a + PAGE_SIZE)).toThrow(GuestFault);
    expect(call(r, SYS.munmap, a, 3 * PAGE_SIZE)).toBe(0); // unmapping holes is fine
  });

  it('mprotect changes permissions; ENOMEM on unmapped pages', () => {
    const r = rig();
    const a = call(r, SYS.mmap, 0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
    r.mem.store32(a, 5);
    expect(call(r, SYS.mprotect, a, PAGE_SIZE, PROT_READ)).toBe(0);
    expect(r.mem.load32(a)).toBe(5);
    expect(() => r.mem.store32(a, 1)).toThrow(GuestFault);
    expect(r.mem.protOf(a + PAGE_SIZE)).toBe(RW);
    expect(call(r, SYS.mprotect, a, 3 * PAGE_SIZE, PROT_READ)).toBe(-E.ENOMEM);
    expect(call(r, SYS.mprotect, a + 1, PAGE_SIZE, PROT_READ)).toBe(-E.EINVAL);
    expect(call(r, SYS.mprotect, a, 0, PROT_READ)).toBe(0);
  });

  describe('file-backed', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'rvemu-mm-'));
      const b = new Uint8Array(3 * PAGE_SIZE + 100);
      for (let i = 0; i < b.length; i++) b[i] = (i * 13) & 0xff;
      writeFileSync(join(dir, 'data.bin'), b);
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('MAP_PRIVATE reads the file bytes at the offset; the rest of the last page is zero', () => {
      const r = rig({ cwd: dir });
      const fd = call(r, SYS.openat, -100, cstr(r, 'data.bin'), 0);
      const a = call(r, SYS.mmap, 0, 2 * PAGE_SIZE + 500, PROT_READ, MAP_PRIVATE, fd, PAGE_SIZE);
      expect(a).toBeGreaterThan(0);
      for (const i of [0, 1, 4095, 4096, 2 * PAGE_SIZE + 99]) expect(r.mem.load8u(a + i)).toBe(((PAGE_SIZE + i) * 13) & 0xff);
      expect(r.mem.load8u(a + 2 * PAGE_SIZE + 100)).toBe(0); // past end of file
      expect(r.mem.regions.find((x) => x.start === a)?.name).toBe(join(dir, 'data.bin'));
      // private: writes stay in memory
      expect(call(r, SYS.mprotect, a, PAGE_SIZE, RW)).toBe(0);
      r.mem.store8(a, 0xee);
      const b = call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, PAGE_SIZE);
      expect(r.mem.load8u(b)).toBe((PAGE_SIZE * 13) & 0xff);
      expect(r.host.warnings).toHaveLength(0);
    });

    it('MAP_SHARED is coherent with pread/pwrite and with a second mapping, and reaches the file', () => {
      const path = join(dir, 'shm.bin');
      writeFileSync(path, new Uint8Array(2 * PAGE_SIZE).fill(7));
      const r = rig({ cwd: dir });
      const fd = call(r, SYS.openat, -100, cstr(r, 'shm.bin'), 2);
      const a = call(r, SYS.mmap, 0, 2 * PAGE_SIZE, RW, MAP_SHARED, fd, 0);
      const b = call(r, SYS.mmap, 0, PAGE_SIZE, RW, MAP_SHARED, fd, PAGE_SIZE);
      expect(r.mem.load8u(a + PAGE_SIZE + 5)).toBe(7);
      // a store through one mapping is seen through the other and by pread
      r.mem.store32(a + PAGE_SIZE + 8, 0x11223344);
      expect(r.mem.load32(b + 8)).toBe(0x11223344);
      const buf = 0x100000;
      expect(call(r, SYS.pread64, fd, buf, 4, PAGE_SIZE + 8)).toBe(4);
      expect(r.mem.load32(buf)).toBe(0x11223344);
      // pwrite shows in the mappings at once
      r.mem.store32(buf, 0x55667788);
      expect(call(r, SYS.pwrite64, fd, buf, 4, 16)).toBe(4);
      expect(r.mem.load32(a + 16)).toBe(0x55667788);
      // closing the descriptor keeps the mapping; munmap writes it back
      expect(call(r, SYS.close, fd)).toBe(0);
      r.mem.store8(a + 100, 0x99);
      expect(readFileSync(path)[100]).toBe(7);
      expect(call(r, SYS.msync, a, PAGE_SIZE, 4)).toBe(0);
      expect(readFileSync(path)[100]).toBe(0x99);
      r.mem.store8(b + 200, 0x42);
      expect(call(r, SYS.munmap, b, PAGE_SIZE)).toBe(0);
      expect(readFileSync(path)[PAGE_SIZE + 200]).toBe(0x42);
      expect(r.mem.load8u(a + PAGE_SIZE + 200)).toBe(0x42);
      r.mem.store8(a + 300, 0x43);
      r.sys.shutdown();
      expect(readFileSync(path)[300]).toBe(0x43);
      expect(readFileSync(path).length).toBe(2 * PAGE_SIZE);
    });

    // A double-mapping JIT: code written through a writable MAP_SHARED view of a file, run through an
    // executable view of the same file. Each rewrite must be what runs next, interpreted or translated.
    for (const jitThreshold of [Infinity, 0]) {
      it(`code written through one shared mapping runs through another (${jitThreshold === 0 ? 'translated' : 'interpreted'})`, () => {
        const path = join(dir, `jit-${jitThreshold}.bin`);
        writeFileSync(path, new Uint8Array(PAGE_SIZE));
        const r = rig({ cwd: dir });
        const engine = new Engine(r.h, parseIsa(DEFAULT_ISA), { jitThreshold });
        const fd = call(r, SYS.openat, -100, cstr(r, `jit-${jitThreshold}.bin`), 2);
        const w = call(r, SYS.mmap, 0, PAGE_SIZE, RW, MAP_SHARED, fd, 0);
        const x = call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
        const A0 = 10, LOOP = 0x6f; // jal zero, 0: spin here until the instruction limit
        const liA0 = (k: number) => ((k << 20) | (A0 << 7) | 0x13) >>> 0;
        const runAt = (pc: number) => { r.h.pc = pc; expect(engine.run(r.h.instret + 20).kind).toBe('limit'); return r.h.getLo(A0); };
        r.mem.store32(w + 4, LOOP);
        r.mem.store32(w, liA0(1));
        expect(runAt(x)).toBe(1);
        r.mem.store32(w, liA0(2));                    // a store through the other mapping
        expect(runAt(x)).toBe(2);
        r.mem.store32(SCRATCH, liA0(3));              // pwrite to the file
        expect(call(r, SYS.pwrite64, fd, SCRATCH, 4, 0)).toBe(4);
        expect(runAt(x)).toBe(3);
        // A second executable view, mapped after the code ran: both see the next rewrite.
        const x2 = call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ | PROT_EXEC, MAP_SHARED, fd, 0);
        expect(runAt(x2)).toBe(3);
        r.mem.store32(w, liA0(4));
        expect(runAt(x)).toBe(4);
        expect(runAt(x2)).toBe(4);
      });
    }

    it('a shared read-only mapping of a read-only descriptor is never written back', () => {
      const path = join(dir, 'ro.bin');
      writeFileSync(path, new Uint8Array(PAGE_SIZE).fill(3));
      const r = rig({ cwd: dir });
      const fd = call(r, SYS.openat, -100, cstr(r, 'ro.bin'), 0);
      const a = call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ, MAP_SHARED, fd, 0);
      expect(r.mem.load8u(a)).toBe(3);
      expect(call(r, SYS.mmap, 0, PAGE_SIZE, RW, MAP_SHARED, fd, 0)).toBe(-E.EACCES);
      expect(call(r, SYS.munmap, a, PAGE_SIZE)).toBe(0);
      r.sys.shutdown();
      expect(readFileSync(path)[0]).toBe(3);
    });

    it('a write-only descriptor cannot be mapped; a pipe cannot be mapped', () => {
      const r = rig({ cwd: dir });
      const w = call(r, SYS.openat, -100, cstr(r, 'data.bin'), 1);
      expect(call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, w, 0)).toBe(-E.EACCES);
      call(r, SYS.pipe2, 0x100000, 0);
      expect(call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ, MAP_PRIVATE, r.mem.load32(0x100000), 0)).toBe(-E.ENODEV);
    });
  });
});

describe('untouched pages cost nothing', () => {
  it('a 1 GiB PROT_NONE reservation maps quickly; fresh pages read zero and each gets its own frame when written', () => {
    const r = rig();
    const t0 = performance.now();
    const res = call(r, SYS.mmap, 0, 2 ** 30, 0, ANON | 0x4000, -1, 0); // MAP_NORESERVE
    expect(res).toBeGreaterThan(0);
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(call(r, SYS.munmap, res, 2 ** 30)).toBe(0);
    const a = call(r, SYS.mmap, 0, 64 * PAGE_SIZE, RW, ANON, -1, 0);
    r.mem.store32(a + 5 * PAGE_SIZE, 0x1234);
    r.mem.store8(a + 9 * PAGE_SIZE + 7, 9);
    for (let i = 0; i < 64; i++) {
      expect(r.mem.load32(a + i * PAGE_SIZE), `page ${i}`).toBe(i === 5 ? 0x1234 : 0);
      expect(r.mem.load8u(a + i * PAGE_SIZE + 7), `page ${i}`).toBe(i === 9 ? 9 : 0);
    }
    // a second mapping starts zero too, and moving zero pages keeps them zero and independent
    const b = call(r, SYS.mmap, 0, 4 * PAGE_SIZE, RW, ANON, -1, 0);
    expect(r.mem.readBytes(b, 4 * PAGE_SIZE).every((x) => x === 0)).toBe(true);
    const c = call(r, SYS.mremap, b, 4 * PAGE_SIZE, 8 * PAGE_SIZE, 1, 0);
    r.mem.store8(c + 3 * PAGE_SIZE, 1);
    expect(r.mem.load8u(c + 2 * PAGE_SIZE)).toBe(0);
    expect(r.mem.load8u(a + 3 * PAGE_SIZE)).toBe(0);
    // read-only fresh pages read zero and still fault on write
    const d = call(r, SYS.mmap, 0, PAGE_SIZE, PROT_READ, ANON, -1, 0);
    expect(r.mem.load32(d)).toBe(0);
    expect(() => r.mem.store8(d, 1)).toThrow(GuestFault);
  });
});

describe('mremap / madvise', () => {
  it('shrinks in place, grows in place when free, moves (keeping contents) otherwise', () => {
    const r = rig();
    const a = call(r, SYS.mmap, 0x3000_0000, 2 * PAGE_SIZE, RW, ANON, -1, 0);
    r.mem.store32(a, 0x11111111); r.mem.store32(a + PAGE_SIZE, 0x22222222);
    expect(call(r, SYS.mremap, a, 2 * PAGE_SIZE, 4 * PAGE_SIZE, 0)).toBe(a);          // room above: in place
    expect(r.mem.protOf(a + 3 * PAGE_SIZE)).toBe(RW);
    expect(call(r, SYS.mremap, a, 4 * PAGE_SIZE, PAGE_SIZE, 0)).toBe(a);              // shrink
    expect(r.mem.isMapped(a + PAGE_SIZE)).toBe(false);
    r.mem.map(a + PAGE_SIZE, PAGE_SIZE, PROT_READ, 'blocker');
    expect(call(r, SYS.mremap, a, PAGE_SIZE, 3 * PAGE_SIZE, 0)).toBe(-E.ENOMEM);      // blocked, may not move
    const b = call(r, SYS.mremap, a, PAGE_SIZE, 3 * PAGE_SIZE, 1 /* MAYMOVE */);
    expect(b).not.toBe(a);
    expect(r.mem.load32(b)).toBe(0x11111111);
    expect(r.mem.load32(b + 2 * PAGE_SIZE)).toBe(0);
    expect(r.mem.isMapped(a)).toBe(false);
    const c = 0x3800_0000;
    expect(call(r, SYS.mremap, b, 3 * PAGE_SIZE, PAGE_SIZE, 3 /* MAYMOVE|FIXED */, c)).toBe(c);
    expect(r.mem.load32(c)).toBe(0x11111111);
    expect(call(r, SYS.mremap, 0x5000_0000, PAGE_SIZE, 2 * PAGE_SIZE, 1)).toBe(-E.EFAULT);
    expect(call(r, SYS.mremap, c, PAGE_SIZE, 2 * PAGE_SIZE, 2)).toBe(-E.EINVAL);
  });

  it('MADV_DONTNEED zeroes; other advice is accepted', () => {
    const r = rig();
    const a = call(r, SYS.mmap, 0, 2 * PAGE_SIZE, RW, ANON, -1, 0);
    r.mem.store32(a, 42); r.mem.store32(a + PAGE_SIZE + 8, 43);
    expect(call(r, SYS.madvise, a, 2 * PAGE_SIZE, 4)).toBe(0);
    expect(r.mem.load32(a)).toBe(0);
    expect(r.mem.load32(a + PAGE_SIZE + 8)).toBe(0);
    expect(call(r, SYS.madvise, a, PAGE_SIZE, 3 /* WILLNEED */)).toBe(0);
    expect(call(r, SYS.madvise, 0x7000_0000, PAGE_SIZE, 4)).toBe(-E.ENOMEM);
  });
});
