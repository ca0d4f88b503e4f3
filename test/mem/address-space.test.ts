import { describe, expect, it } from 'vitest';
import { AddressSpace, PROT_NONE, PROT_READ, PROT_WRITE, PROT_EXEC, PAGE_SIZE, type FrameViews } from '../../src/mem/address-space.js';
import { GuestFault } from '../../src/errors.js';

const RW = PROT_READ | PROT_WRITE;

describe('AddressSpace', () => {
  it('reads back what was written at every width, little-endian', () => {
    const m = new AddressSpace();
    m.map(0x10000, PAGE_SIZE, RW);
    m.store32(0x10000, 0x80402010);
    expect(m.load8u(0x10000)).toBe(0x10);
    expect(m.load8(0x10003)).toBe(-128);
    expect(m.load16u(0x10002)).toBe(0x8040);
    expect(m.load16(0x10002)).toBe(-32704);
    expect(m.load32(0x10000)).toBe(0x80402010 | 0);
    m.store16(0x10010, 0x1234f);
    expect(m.load16u(0x10010)).toBe(0x234f);
  });

  it('handles accesses that straddle two pages', () => {
    const m = new AddressSpace();
    m.map(0x10000, 2 * PAGE_SIZE, RW);
    m.store32(0x10ffe, 0x11223344);
    expect(m.load8u(0x10ffe)).toBe(0x44);
    expect(m.load8u(0x11001)).toBe(0x11);
    expect(m.load32(0x10ffe)).toBe(0x11223344);
    m.store16(0x10fff, 0xbeef);
    expect(m.load16u(0x10fff)).toBe(0xbeef);
  });

  it('faults on unmapped, read-protected and write-protected pages, and on negative addresses', () => {
    const m = new AddressSpace();
    m.map(0x10000, PAGE_SIZE, PROT_READ);
    expect(() => m.load32(0x20000)).toThrow(GuestFault);
    expect(() => m.store8(0x10000, 1)).toThrow(GuestFault);
    expect(() => m.load8u(-1)).toThrow(GuestFault);
    m.protect(0x10000, PAGE_SIZE, PROT_NONE);
    expect(() => m.load8u(0x10000)).toThrow(GuestFault);
    const f = (() => { try { m.load8u(0x10010); } catch (e) { return e as GuestFault; } })();
    expect(f?.addr).toBe(0x10010);
    expect(f?.access).toBe('read');
  });

  it('a misaligned store that faults on its second page writes nothing', () => {
    const m = new AddressSpace();
    m.map(0x10000, PAGE_SIZE, RW);
    m.map(0x11000, PAGE_SIZE, PROT_READ);
    expect(() => m.store32(0x10ffe, -1)).toThrow(GuestFault);
    expect(m.load16u(0x10ffe)).toBe(0);
  });

  it('maps at high addresses below 2^47', () => {
    const m = new AddressSpace();
    const hi = 2 ** 47 - 2 * PAGE_SIZE;
    m.map(hi, PAGE_SIZE, RW);
    m.store32(hi + 8, 7);
    expect(m.load32(hi + 8)).toBe(7);
    expect(() => m.map(2 ** 47, PAGE_SIZE, RW)).toThrow();
  });

  it('unmap removes pages and regions; protect reports unmapped ranges', () => {
    const m = new AddressSpace();
    m.map(0x10000, 3 * PAGE_SIZE, RW, 'heap');
    m.unmap(0x11000, PAGE_SIZE);
    expect(m.isMapped(0x10000)).toBe(true);
    expect(m.isMapped(0x11000)).toBe(false);
    expect(m.regions.map((r) => [r.start, r.end])).toEqual([[0x10000, 0x11000], [0x12000, 0x13000]]);
    expect(m.protect(0x10000, 3 * PAGE_SIZE, PROT_READ)).toBe(false);
  });

  it('fork shares pages copy-on-write', () => {
    const m = new AddressSpace();
    m.map(0x10000, PAGE_SIZE, RW);
    m.store32(0x10000, 1);
    const c = m.fork();
    c.store32(0x10000, 2);
    expect(m.load32(0x10000)).toBe(1);
    expect(c.load32(0x10000)).toBe(2);
    m.store32(0x10000, 3);
    expect(c.load32(0x10000)).toBe(2);
    expect(m.load32(0x10000)).toBe(3);
  });

  it('reports writes to pages holding fetched code, once per fetch', () => {
    const m = new AddressSpace();
    m.map(0x10000, PAGE_SIZE, RW | PROT_EXEC);
    const hits: number[] = [];
    m.onCodeWrite = (p) => hits.push(p);
    m.store32(0x10100, 0x13);       // before any fetch: no report
    expect(m.fetch16(0x10100)).toBe(0x13);
    m.store32(0x10200, 0x13);       // after a fetch: reported
    m.store32(0x10204, 0x13);       // not again until code is fetched again
    expect(hits).toEqual([0x10000]);
    m.fetch16(0x10100);
    m.store8(0x10300, 1);
    expect(hits).toEqual([0x10000, 0x10000]);
  });

  it('reports writes through any view of a frame whose code was fetched through another view', () => {
    const m = new AddressSpace();
    const frame = new Uint8Array(PAGE_SIZE), views: FrameViews = [];
    const W = 0x20000, X = 0x30000;                 // one writable view, one executable view
    m.map(W, PAGE_SIZE, RW); m.map(X, PAGE_SIZE, PROT_READ | PROT_EXEC);
    m.mapView(W / PAGE_SIZE, RW, frame, views);
    m.mapView(X / PAGE_SIZE, PROT_READ | PROT_EXEC, frame, views);
    const hits: number[] = [];
    m.onCodeWrite = (p) => hits.push(p);
    m.store32(W + 8, 0x13);                         // fills the write TLB for W; no code yet
    expect(m.fetch16(X + 8)).toBe(0x13);
    m.store32(W + 8, 0x93);                         // the fast path must be gone: the executable view hears of it
    expect(hits).toContain(X);
    expect(m.load32(X + 8)).toBe(0x93);
    // Dropping execute permission from the writable view (it never had it) keeps the watch.
    hits.length = 0;
    m.fetch16(X + 8);
    expect(m.protect(W, PAGE_SIZE, PROT_READ | PROT_WRITE)).toBe(true);
    m.store8(W, 1);
    expect(hits).toContain(X);
    // A write to the frame from outside (write/pwrite on the file) is reported too.
    hits.length = 0;
    m.fetch16(X + 8);
    m.frameWritten(views);
    expect(hits).toContain(X);
    // Unmapped views leave the list.
    m.unmap(X, PAGE_SIZE);
    expect(views.map((v) => v.vpn)).toEqual([W / PAGE_SIZE]);
  });

  it('fetch needs execute permission', () => {
    const m = new AddressSpace();
    m.map(0x10000, PAGE_SIZE, RW);
    expect(() => m.fetch16(0x10000)).toThrow(GuestFault);
  });

  it('findFree places mappings top-down without overlap and honours free hints', () => {
    const m = new AddressSpace();
    const a = m.findFree(3 * PAGE_SIZE);
    m.map(a, 3 * PAGE_SIZE, RW);
    const b = m.findFree(PAGE_SIZE);
    expect(b + PAGE_SIZE).toBeLessThanOrEqual(a);
    expect(m.findFree(PAGE_SIZE, 0x5000_0000)).toBe(0x5000_0000);
    expect(m.findFree(PAGE_SIZE, a)).not.toBe(a);
  });

  it('bulk reads and writes cross pages', () => {
    const m = new AddressSpace();
    m.map(0x10000, 2 * PAGE_SIZE, RW);
    const data = Uint8Array.from({ length: 300 }, (_, i) => i & 0xff);
    m.writeBytes(0x10f00, data);
    expect(m.readBytes(0x10f00, 300)).toEqual(data);
    m.writeBytes(0x11010, new TextEncoder().encode('hi\0'));
    expect(new TextDecoder().decode(m.readCString(0x11010))).toBe('hi');
    m.store64Num(0x11020, 2 ** 40 + 5);
    expect(m.load64Num(0x11020)).toBe(2 ** 40 + 5);
    m.store64Big(0x11028, -2n);
    expect(m.load64Big(0x11028)).toBe(-2n);
  });
});

