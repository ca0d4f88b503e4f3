// The guest's virtual address space: sparse 4 KiB pages with permissions, a small direct-mapped TLB for
// the fast path, copy-on-write sharing for fork, and a watch on pages that hold decoded code so that
// writes to them invalidate the decode cache — also writes through another mapping of the same frame
// (a file mapped MAP_SHARED twice, once writable and once executable, as double-mapping JITs do).
import { GuestFault } from '../errors.js';

export const PAGE_SIZE = 4096;
export const PAGE_SHIFT = 12;
export const PROT_NONE = 0, PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4;
/** Highest user address + 1 (Sv48 user half). MAP_FIXED and hints anywhere below this work. */
export const USER_TOP = 2 ** 47;

/**
 * The TLB is direct-mapped; page number vpn lives in slot (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK. Folding
 * in the higher bits keeps the stack's top page and the top of the mmap area (both ...fe pages) apart.
 * Translated code inlines this lookup.
 */
export const TLB_BITS = 10;
const TLB_SIZE = 1 << TLB_BITS;
export const TLB_MASK = TLB_SIZE - 1;

/** A page that shows a frame, at page number vpn: one of several views of that frame. */
export interface FrameView { page: Page; vpn: number }
/** Every page of one address space that shows one frame (the MAP_SHARED mappings of one file page). */
export type FrameViews = FrameView[];

export class Page {
  readonly view: DataView;
  /** Number of address spaces sharing this frame copy-on-write (1 = private). */
  sharers = 1;
  /**
   * Decoded instructions exist for this page, or for another view of its frame: writes must go through the
   * slow path. Set on every view of the frame at once.
   */
  hasCode = false;
  /** The pages showing the same frame (including this one), for a page of a shared file mapping. */
  views: FrameViews | undefined = undefined;
  constructor(public prot: number, readonly data: Uint8Array = new Uint8Array(PAGE_SIZE), view?: DataView) {
    this.view = view ?? new DataView(data.buffer, data.byteOffset, PAGE_SIZE);
  }
}

/**
 * The frame every freshly mapped page starts out sharing: pages are zero until first written, so large
 * reservations (PROT_NONE arenas, big bss, stacks) cost no frame memory until used. A page on this frame
 * has sharers = Infinity, so every write path copies it first, exactly as for a copy-on-write page.
 */
const ZERO_FRAME = new Uint8Array(PAGE_SIZE);
const ZERO_VIEW = new DataView(ZERO_FRAME.buffer);

export interface Mapping { start: number; end: number; prot: number; name: string }

let nextSpaceId = 1;

export class AddressSpace {
  /** Identity for futex keys: the threads of one process share one address space. */
  readonly id = nextSpaceId++;
  /** Page table: virtual page number -> page. */
  readonly pages = new Map<number, Page>();
  /** Named regions, for /proc/self/maps and for finding free ranges. Kept sorted by start. */
  regions: Mapping[] = [];
  /** Called when a write hits a page with decoded code (argument: page-aligned address). */
  onCodeWrite: (pageAddr: number) => void = () => {};

  // The TLB: per slot, the page number it holds (NaN: none) and that page's view, for reads and for
  // writes. Public (read-only use) so translated code can inline the fast paths below; a write-TLB entry
  // exists only for a page that is writable, private and free of decoded code.
  readonly rTag = new Float64Array(TLB_SIZE).fill(NaN);
  readonly rView: DataView[] = new Array(TLB_SIZE);
  readonly wTag = new Float64Array(TLB_SIZE).fill(NaN);
  readonly wView: DataView[] = new Array(TLB_SIZE);

  brkStart = 0;
  brk = 0;
  /** Top of the area where mmap places mappings without a hint; grows down. */
  mmapTop = 0x3f_f000_0000;

  constructor() {
    const dummy = new DataView(new ArrayBuffer(8));
    this.rView.fill(dummy); this.wView.fill(dummy);
  }

  // ---------------------------------------------------------------- fast paths
  load8(addr: number): number { return (this.load8u(addr) << 24) >> 24; }
  load8u(addr: number): number {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.rTag[s] === vpn) return this.rView[s].getUint8(off);
    return this.readPage(addr).view.getUint8(off);
  }
  load16(addr: number): number { return (this.load16u(addr) << 16) >> 16; }
  load16u(addr: number): number {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.rTag[s] === vpn && off <= 4094) return this.rView[s].getUint16(off, true);
    return this.loadSlow(addr, 2);
  }
  /** 32-bit load, returned as int32. */
  load32(addr: number): number {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.rTag[s] === vpn && off <= 4092) return this.rView[s].getInt32(off, true);
    return this.loadSlow(addr, 4) | 0;
  }
  store8(addr: number, v: number): void {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.wTag[s] === vpn) { this.wView[s].setUint8(off, v); return; }
    this.writePage(addr).view.setUint8(off, v);
  }
  store16(addr: number, v: number): void {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.wTag[s] === vpn && off <= 4094) { this.wView[s].setUint16(off, v, true); return; }
    this.storeSlow(addr, v, 2);
  }
  store32(addr: number, v: number): void {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.wTag[s] === vpn && off <= 4092) { this.wView[s].setInt32(off, v, true); return; }
    this.storeSlow(addr, v, 4);
  }

  /**
   * 64-bit load into out[o] (low word) and out[o + 1] (high word), both int32: one page lookup when the 8
   * bytes lie in one page; otherwise exactly load32(addr) then load32(addr + 4) (same values, same fault).
   */
  load64(addr: number, out: Int32Array, o: number): void {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.rTag[s] === vpn && off <= 4088) {
      const v = this.rView[s];
      out[o] = v.getInt32(off, true); out[o + 1] = v.getInt32(off + 4, true);
      return;
    }
    const lo = this.load32(addr), hi = this.load32(addr + 4);
    out[o] = lo; out[o + 1] = hi;
  }
  /**
   * 64-bit store of (lo, hi): one page lookup when the 8 bytes lie in one page. A store straddling two
   * pages probes both before writing, so it faults without writing anything; then store32 twice.
   */
  store64(addr: number, lo: number, hi: number): void {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.wTag[s] === vpn && off <= 4088) {
      const v = this.wView[s];
      v.setInt32(off, lo, true); v.setInt32(off + 4, hi, true);
      return;
    }
    if (off > 0xff8) { this.writePage(addr); this.writePage(addr + 7); }
    this.store32(addr, lo);
    this.store32(addr + 4, hi);
  }

  // ---------------------------------------------------------------- slow paths
  private loadSlow(addr: number, size: number): number {
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + this.load8u(addr + i);
    return v;
  }
  private storeSlow(addr: number, v: number, size: number): void {
    // Check every byte first so a faulting misaligned store writes nothing.
    for (let i = 0; i < size; i++) this.writePage(addr + i);
    for (let i = 0; i < size; i++) { this.store8(addr + i, v & 0xff); v >>>= 8; }
  }

  /** The readable page holding addr (fills the read TLB) or a fault. */
  readPage(addr: number): Page {
    const vpn = Math.floor(addr / PAGE_SIZE);
    const p = this.pages.get(vpn);
    if (p === undefined || (p.prot & PROT_READ) === 0 || addr < 0) throw new GuestFault(addr, 'read');
    const s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    this.rTag[s] = vpn; this.rView[s] = p.view;
    return p;
  }

  /** The writable page holding addr, made private and code-free, filling the write TLB; or a fault. */
  writePage(addr: number): Page {
    const vpn = Math.floor(addr / PAGE_SIZE);
    let p = this.pages.get(vpn);
    if (p === undefined || (p.prot & PROT_WRITE) === 0 || addr < 0) throw new GuestFault(addr, 'write');
    if (p.sharers > 1) p = this.unshare(vpn, p);
    if (p.hasCode) this.codeWritten(vpn, p);
    const s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    this.wTag[s] = vpn; this.wView[s] = p.view;
    return p;
  }

  /** Instruction fetch of 16 bits (execute permission); marks the page as holding code. */
  fetch16(addr: number): number {
    const vpn = Math.floor(addr / PAGE_SIZE);
    const p = this.pages.get(vpn);
    if (p === undefined || (p.prot & PROT_EXEC) === 0 || addr < 0) throw new GuestFault(addr, 'execute');
    if (!p.hasCode) this.markCode(vpn, p);
    return p.view.getUint16(addr & 0xfff, true);
  }

  /** Page p (at vpn) now has decoded code: writes to its frame, through any view, must be seen. */
  private markCode(vpn: number, p: Page): void {
    p.hasCode = true; this.dropWriteTlb(vpn);
    if (p.views === undefined) return;
    for (const v of p.views) if (!v.page.hasCode) { v.page.hasCode = true; this.dropWriteTlb(v.vpn); }
  }

  /** A write is about to change page p (at vpn), which has code: drop what was decoded from its frame. */
  private codeWritten(vpn: number, p: Page): void {
    if (p.views === undefined) { p.hasCode = false; this.onCodeWrite(vpn * PAGE_SIZE); return; }
    this.frameWritten(p.views);
  }

  /** The frame behind these views changed (a store, or a write to the file it shows): its code is stale. */
  frameWritten(views: FrameViews): void {
    for (const v of views) if (v.page.hasCode) { v.page.hasCode = false; this.onCodeWrite(v.vpn * PAGE_SIZE); }
  }

  /** Show `frame` at vpn (replacing what was there) as one more of its views, with permissions prot. */
  mapView(vpn: number, prot: number, frame: Uint8Array, views: FrameViews): void {
    this.dropPage(vpn);
    const page = new Page(prot, frame);
    page.views = views;
    views.push({ page, vpn });
    // Another view's decoded code must be seen from this one's writes too.
    page.hasCode = views.some((v) => v.page.hasCode);
    this.pages.set(vpn, page);
  }

  private unshare(vpn: number, p: Page): Page {
    p.sharers--;
    const copy = new Page(p.prot, p.data === ZERO_FRAME ? new Uint8Array(PAGE_SIZE) : p.data.slice());
    // Decoded code made from the old frame goes stale once the copy is written: the caller's hasCode
    // check must still see it.
    copy.hasCode = p.hasCode;
    this.pages.set(vpn, copy);
    this.dropTlb(vpn);
    return copy;
  }

  /** A private Page of its own at vpn, for a permission change; zero pages stay on the zero frame. */
  private unshareForProtect(vpn: number, p: Page): Page {
    if (p.data !== ZERO_FRAME) return this.unshare(vpn, p);
    const own = new Page(p.prot, ZERO_FRAME, ZERO_VIEW);
    own.sharers = Infinity;
    own.hasCode = p.hasCode;
    this.pages.set(vpn, own);
    this.dropTlb(vpn);
    return own;
  }

  private dropWriteTlb(vpn: number): void { const s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK; if (this.wTag[s] === vpn) this.wTag[s] = NaN; }
  private dropTlb(vpn: number): void {
    const s = (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;
    if (this.rTag[s] === vpn) this.rTag[s] = NaN;
    if (this.wTag[s] === vpn) this.wTag[s] = NaN;
  }
  flushTlb(): void { this.rTag.fill(NaN); this.wTag.fill(NaN); }

  // ---------------------------------------------------------------- mapping management
  isMapped(addr: number): boolean { return this.pages.has(Math.floor(addr / PAGE_SIZE)); }
  protOf(addr: number): number { return this.pages.get(Math.floor(addr / PAGE_SIZE))?.prot ?? -1; }

  /** Map [start, start+len) (page-aligned) as fresh zero pages, replacing what was there. */
  map(start: number, len: number, prot: number, name = ''): void {
    checkRange(start, len);
    const first = start / PAGE_SIZE, n = Math.ceil(len / PAGE_SIZE);
    for (let i = 0; i < n; i++) {
      this.dropPage(first + i);
      const p = new Page(prot, ZERO_FRAME, ZERO_VIEW);
      p.sharers = Infinity;
      this.pages.set(first + i, p);
    }
    this.addRegion(start, start + n * PAGE_SIZE, prot, name);
  }

  unmap(start: number, len: number): void {
    checkRange(start, len);
    const first = start / PAGE_SIZE, n = Math.ceil(len / PAGE_SIZE);
    for (let i = 0; i < n; i++) this.dropPage(first + i);
    this.removeRegion(start, start + n * PAGE_SIZE);
  }

  /** Change permissions; returns false if part of the range is unmapped (ENOMEM). */
  protect(start: number, len: number, prot: number): boolean {
    checkRange(start, len);
    const first = start / PAGE_SIZE, n = Math.ceil(len / PAGE_SIZE);
    for (let i = 0; i < n; i++) if (!this.pages.has(first + i)) return false;
    for (let i = 0; i < n; i++) {
      let p = this.pages.get(first + i)!;
      // A page shared copy-on-write with a forked copy: the new permissions are this space's alone.
      if (p.sharers > 1) p = this.unshareForProtect(first + i, p);
      if (p.hasCode && (prot & PROT_EXEC) === 0) {
        this.onCodeWrite((first + i) * PAGE_SIZE);
        // A view keeps the mark while its frame may hold code executed through another view.
        if (p.views === undefined) p.hasCode = false;
      }
      p.prot = prot; this.dropTlb(first + i);
    }
    const name = this.regions.find((r) => r.start <= start && start < r.end)?.name ?? '';
    this.removeRegion(start, start + n * PAGE_SIZE);
    this.addRegion(start, start + n * PAGE_SIZE, prot, name);
    return true;
  }

  private dropPage(vpn: number): void {
    const p = this.pages.get(vpn);
    if (p === undefined) return;
    // (A page still shared with a forked copy stays a view there.)
    if (p.views !== undefined && p.sharers === 1) {
      const i = p.views.findIndex((v) => v.page === p);
      if (i >= 0) p.views.splice(i, 1);
    }
    if (p.hasCode) this.onCodeWrite(vpn * PAGE_SIZE);
    if (p.sharers > 1) p.sharers--;
    this.pages.delete(vpn);
    this.dropTlb(vpn);
  }

  private addRegion(start: number, end: number, prot: number, name: string): void {
    this.removeRegion(start, end);
    this.regions.push({ start, end, prot, name });
    this.regions.sort((a, b) => a.start - b.start);
  }
  private removeRegion(start: number, end: number): void {
    const out: Mapping[] = [];
    for (const r of this.regions) {
      if (r.end <= start || r.start >= end) { out.push(r); continue; }
      if (r.start < start) out.push({ ...r, end: start });
      if (r.end > end) out.push({ ...r, start: end });
    }
    this.regions = out;
  }

  /** Find a free, page-aligned range of len bytes below mmapTop (top-down, first fit), or -1. */
  findFree(len: number, hint = 0): number {
    len = pageAlignUp(len);
    if (hint > 0 && hint + len <= USER_TOP && this.rangeFree(pageAlignDown(hint), len)) return pageAlignDown(hint);
    let top = this.mmapTop;
    const sorted = [...this.regions].sort((a, b) => b.start - a.start);
    for (const r of sorted) {
      if (r.start >= top) continue;
      if (r.end <= top - len) return top - len;
      top = Math.min(top, r.start);
    }
    return top - len >= PAGE_SIZE * 16 ? top - len : -1;
  }
  rangeFree(start: number, len: number): boolean {
    const first = start / PAGE_SIZE, n = Math.ceil(len / PAGE_SIZE);
    for (let i = 0; i < n; i++) if (this.pages.has(first + i)) return false;
    return true;
  }

  /** A copy for fork: pages are shared copy-on-write. */
  fork(): AddressSpace {
    const c = new AddressSpace();
    for (const [vpn, p] of this.pages) { p.sharers++; c.pages.set(vpn, p); }
    this.flushTlb(); // our own writes must now go through the copy-on-write check
    c.regions = this.regions.map((r) => ({ ...r }));
    c.brkStart = this.brkStart; c.brk = this.brk; c.mmapTop = this.mmapTop;
    return c;
  }

  // ---------------------------------------------------------------- bulk access for loaders and syscalls
  readBytes(addr: number, len: number): Uint8Array {
    const out = new Uint8Array(len);
    let i = 0;
    while (i < len) {
      const a = addr + i, off = a & 0xfff, n = Math.min(len - i, PAGE_SIZE - off);
      out.set(this.readPage(a).data.subarray(off, off + n), i);
      i += n;
    }
    return out;
  }
  writeBytes(addr: number, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length;) this.writePage(addr + i), (i += PAGE_SIZE - ((addr + i) & 0xfff));
    let i = 0;
    while (i < bytes.length) {
      const a = addr + i, off = a & 0xfff, n = Math.min(bytes.length - i, PAGE_SIZE - off);
      this.writePage(a).data.set(bytes.subarray(i, i + n), off);
      i += n;
    }
  }
  /** Write ignoring permissions (loader use: filling read-only segments). */
  poke(addr: number, bytes: Uint8Array): void {
    let i = 0;
    while (i < bytes.length) {
      const a = addr + i, off = a & 0xfff, n = Math.min(bytes.length - i, PAGE_SIZE - off);
      const vpn = Math.floor(a / PAGE_SIZE);
      let p = this.pages.get(vpn);
      if (p === undefined) throw new GuestFault(a, 'write');
      if (p.sharers > 1) p = this.unshare(vpn, p);
      if (p.hasCode) this.codeWritten(vpn, p);
      p.data.set(bytes.subarray(i, i + n), off);
      i += n;
    }
  }
  /** NUL-terminated string (at most max bytes). */
  readCString(addr: number, max = 1 << 20): Uint8Array {
    const parts: number[] = [];
    for (let i = 0; i < max; i++) { const b = this.load8u(addr + i); if (b === 0) break; parts.push(b); }
    return Uint8Array.from(parts);
  }
  load64Big(addr: number): bigint { return (BigInt(this.load32(addr + 4)) << 32n) | BigInt(this.load32(addr) >>> 0); }
  store64Big(addr: number, v: bigint): void { this.store32(addr, Number(BigInt.asIntN(32, v))); this.store32(addr + 4, Number(BigInt.asIntN(32, v >> 32n))); }
  /** 64-bit value as a JS number (exact below 2^53). */
  load64Num(addr: number): number { return this.load32(addr + 4) * 4294967296 + (this.load32(addr) >>> 0); }
  store64Num(addr: number, v: number): void { this.store32(addr, v % 4294967296 | 0); this.store32(addr + 4, Math.floor(v / 4294967296) | 0); }
}

export function pageAlignDown(a: number): number { return a - (a % PAGE_SIZE); }
export function pageAlignUp(a: number): number { return Math.ceil(a / PAGE_SIZE) * PAGE_SIZE; }
function checkRange(start: number, len: number): void {
  if (start % PAGE_SIZE !== 0 || start < 0 || start + len > USER_TOP) throw new RangeError(`bad page range 0x${start.toString(16)}+${len}`);
}
