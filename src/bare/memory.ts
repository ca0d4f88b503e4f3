// The machine's memory as a hart sees it: physical RAM at RAM_BASE (sparse: a 4 KiB frame exists once it
// is touched) seen through Sv39 address translation when satp enables it.
//
// It is an AddressSpace whose slow paths translate: a TLB miss walks the page tables for the current
// access privilege (with SUM, MXR and MPRV applied by the machine), checks permissions and the A/D bits,
// and fills the TLB slot of the *virtual* page with the *physical* frame's view. The fast paths (here, in
// the base class and inlined in translated code) then work unchanged on virtual addresses. The machine
// flushes the TLB whenever what a virtual page means could change (satp writes, sfence.vma, a change of
// the privilege used for data accesses, SUM/MXR/MPRV). A write-TLB entry is only made after a walk that
// found D set (the walk faults otherwise), so a fast-path store never skips a D-bit fault.
import { AddressSpace, Page, PAGE_SIZE, TLB_BITS, TLB_MASK } from '../mem/address-space.js';
import {
  CAUSE_FETCH_ACCESS, CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_ACCESS, CAUSE_LOAD_MISALIGNED, CAUSE_LOAD_PAGE_FAULT,
  CAUSE_STORE_ACCESS, CAUSE_STORE_MISALIGNED, CAUSE_STORE_PAGE_FAULT, MemoryTrap,
} from './traps.js';

export const RAM_BASE = 0x8000_0000;
export const DEFAULT_RAM_SIZE = 2 ** 31;

export const ACCESS_FETCH = 0, ACCESS_LOAD = 1, ACCESS_STORE = 2;
type AccessKind = typeof ACCESS_FETCH | typeof ACCESS_LOAD | typeof ACCESS_STORE;
const KIND = ['execute', 'read', 'write'] as const;
const ACCESS_FAULT = [CAUSE_FETCH_ACCESS, CAUSE_LOAD_ACCESS, CAUSE_STORE_ACCESS];
const PAGE_FAULT = [CAUSE_FETCH_PAGE_FAULT, CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_PAGE_FAULT];

export const PRV_U = 0, PRV_S = 1, PRV_M = 3;

// PTE bits.
const PTE_V = 1, PTE_R = 2, PTE_W = 4, PTE_X = 8, PTE_U = 16, PTE_A = 64, PTE_D = 128;
const SV39_LIMIT = 2 ** 38;

const slot = (vpn: number): number => (vpn ^ (vpn >>> TLB_BITS)) & TLB_MASK;

export class MachineMemory extends AddressSpace {
  readonly ramEnd: number;
  // Translation state, kept current by the machine (machine.ts, updateContext).
  /** satp.MODE is Sv39 (else Bare). */
  sv39 = false;
  /** Physical address of the root page table. */
  root = 0;
  fetchPriv = PRV_M;
  dataPriv = PRV_M;
  sum = false;
  mxr = false;
  /** Misaligned loads and stores trap (no Zicclsm). */
  alignedOnly = false;
  /** Physical page number of the HTIF tohost word (-1: none); stores to it are reported to onHtifWrite. */
  htifPpn = -1;
  onHtifWrite: () => void = () => {};
  private htifWritten = false;
  /** For each frame holding decoded code: the virtual pages it was fetched through. */
  private readonly codeVpns = new Map<Page, Set<number>>();

  constructor(ramSize = DEFAULT_RAM_SIZE) {
    super();
    this.ramEnd = RAM_BASE + ramSize;
  }

  /** The RAM frame holding physical address pa (made on first use), or undefined outside RAM. */
  frameAt(pa: number): Page | undefined {
    if (!(pa >= RAM_BASE && pa < this.ramEnd)) return undefined;
    const ppn = Math.floor(pa / PAGE_SIZE);
    let p = this.pages.get(ppn);
    if (p === undefined) { p = new Page(7); this.pages.set(ppn, p); }
    return p;
  }

  private frame(pa: number, va: number, access: AccessKind): Page {
    const p = this.frameAt(pa);
    if (p === undefined) throw new MemoryTrap(va, KIND[access], ACCESS_FAULT[access]);
    return p;
  }

  /** The physical address of virtual address va for an access at privilege priv, or a page/access fault. */
  translate(va: number, access: AccessKind, priv: number): number {
    if (!this.sv39 || priv === PRV_M) return va;
    const fault = (): never => { throw new MemoryTrap(va, KIND[access], PAGE_FAULT[access]); };
    if (!(va >= -SV39_LIMIT && va < SV39_LIMIT)) fault();
    const u = va < 0 ? va + 2 * SV39_LIMIT : va;
    let table = this.root;
    for (let level = 2; level >= 0; level--) {
      const span = 2 ** (12 + 9 * level);
      const pteAddr = table + (Math.floor(u / span) % 512) * 8;
      const f = this.frameAt(pteAddr);
      if (f === undefined) throw new MemoryTrap(va, KIND[access], ACCESS_FAULT[access]);
      const off = pteAddr & 0xfff, lo = f.view.getUint32(off, true), hi = f.view.getUint32(off + 4, true);
      // Invalid, writable without readable, or reserved/PBMT/N bits set (none of those extensions here).
      if ((lo & PTE_V) === 0 || (lo & (PTE_R | PTE_W)) === PTE_W || (hi >>> 22) !== 0) fault();
      const ppn = (hi & 0x3fffff) * 2 ** 22 + (lo >>> 10);
      if ((lo & (PTE_R | PTE_X)) === 0) { table = ppn * PAGE_SIZE; continue; }
      // A leaf: superpages must be aligned; then privilege, permission, and A/D (never set here: a fault).
      const pagesSpanned = span / PAGE_SIZE;
      if (ppn % pagesSpanned !== 0) fault();
      const user = (lo & PTE_U) !== 0;
      if (priv === PRV_U ? !user : user && (access === ACCESS_FETCH || !this.sum)) fault();
      const allowed = access === ACCESS_FETCH ? (lo & PTE_X) !== 0
        : access === ACCESS_LOAD ? (lo & PTE_R) !== 0 || (this.mxr && (lo & PTE_X) !== 0)
        : (lo & PTE_W) !== 0;
      if (!allowed) fault();
      if ((lo & PTE_A) === 0 || (access === ACCESS_STORE && (lo & PTE_D) === 0)) fault();
      return ppn * PAGE_SIZE + (u % span);
    }
    return fault();
  }

  // ---------------------------------------------------------------- TLB fills (the base class's miss paths)
  override readPage(addr: number): Page {
    const p = this.frame(this.translate(addr, ACCESS_LOAD, this.dataPriv), addr, ACCESS_LOAD);
    const vpn = Math.floor(addr / PAGE_SIZE), s = slot(vpn);
    this.rTag[s] = vpn; this.rView[s] = p.view;
    return p;
  }

  override writePage(addr: number): Page {
    const pa = this.translate(addr, ACCESS_STORE, this.dataPriv), p = this.frame(pa, addr, ACCESS_STORE);
    if (p.hasCode) {
      p.hasCode = false;
      const vpns = this.codeVpns.get(p);
      this.codeVpns.delete(p);
      if (vpns !== undefined) for (const v of vpns) this.onCodeWrite(v * PAGE_SIZE);
    }
    // The tohost page never enters the write TLB, so every store to it comes through here.
    if (Math.floor(pa / PAGE_SIZE) === this.htifPpn) { this.htifWritten = true; return p; }
    const vpn = Math.floor(addr / PAGE_SIZE), s = slot(vpn);
    this.wTag[s] = vpn; this.wView[s] = p.view;
    return p;
  }

  override fetch16(addr: number): number {
    const p = this.frame(this.translate(addr, ACCESS_FETCH, this.fetchPriv), addr, ACCESS_FETCH);
    if (!p.hasCode) {
      p.hasCode = true;
      // Any virtual page mapping this frame must now write through the slow path.
      for (let s = 0; s < this.wView.length; s++) if (this.wView[s] === p.view) this.wTag[s] = NaN;
    }
    const vpn = Math.floor(addr / PAGE_SIZE);
    let vpns = this.codeVpns.get(p);
    if (vpns === undefined) this.codeVpns.set(p, vpns = new Set());
    vpns.add(vpn);
    return p.view.getUint16(addr & 0xfff, true);
  }

  // ---------------------------------------------------------------- loads and stores
  // The same fast paths as the base class, with an alignment check first (no Zicclsm) and slow paths that
  // notice stores to tohost once they are complete.
  private misaligned(addr: number, store: boolean): never {
    throw new MemoryTrap(addr, store ? 'write' : 'read', store ? CAUSE_STORE_MISALIGNED : CAUSE_LOAD_MISALIGNED);
  }

  override load16u(addr: number): number {
    if (this.alignedOnly && (addr & 1) !== 0) this.misaligned(addr, false);
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = slot(vpn);
    if (this.rTag[s] === vpn && off <= 4094) return this.rView[s].getUint16(off, true);
    return this.loadMiss(addr, 2);
  }
  override load32(addr: number): number {
    if (this.alignedOnly && (addr & 3) !== 0) this.misaligned(addr, false);
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = slot(vpn);
    if (this.rTag[s] === vpn && off <= 4092) return this.rView[s].getInt32(off, true);
    return this.loadMiss(addr, 4) | 0;
  }
  override load64(addr: number, out: Int32Array, o: number): void {
    if (this.alignedOnly && (addr & 7) !== 0) this.misaligned(addr, false);
    super.load64(addr, out, o);
  }
  override store8(addr: number, v: number): void {
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = slot(vpn);
    if (this.wTag[s] === vpn) { this.wView[s].setUint8(off, v); return; }
    this.writePage(addr).view.setUint8(off, v);
    this.storeDone();
  }
  override store16(addr: number, v: number): void {
    if (this.alignedOnly && (addr & 1) !== 0) this.misaligned(addr, true);
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = slot(vpn);
    if (this.wTag[s] === vpn && off <= 4094) { this.wView[s].setUint16(off, v, true); return; }
    this.storeMiss(addr, v, 2);
  }
  override store32(addr: number, v: number): void {
    if (this.alignedOnly && (addr & 3) !== 0) this.misaligned(addr, true);
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = slot(vpn);
    if (this.wTag[s] === vpn && off <= 4092) { this.wView[s].setInt32(off, v, true); return; }
    this.storeMiss(addr, v, 4);
  }
  override store64(addr: number, lo: number, hi: number): void {
    if (this.alignedOnly && (addr & 7) !== 0) this.misaligned(addr, true);
    const off = addr & 0xfff, vpn = (addr - off) / PAGE_SIZE, s = slot(vpn);
    if (this.wTag[s] === vpn && off <= 4088) { const w = this.wView[s]; w.setInt32(off, lo, true); w.setInt32(off + 4, hi, true); return; }
    if (off <= 4088) {
      const w = this.writePage(addr).view;
      w.setInt32(off, lo, true); w.setInt32(off + 4, hi, true);
    } else {
      this.writePage(addr); this.writePage(addr + 7); // both pages first: a fault writes nothing
      for (let i = 0; i < 8; i++) this.writePage(addr + i).view.setUint8((addr + i) & 0xfff, (i < 4 ? lo >>> (8 * i) : hi >>> (8 * (i - 4))) & 0xff);
    }
    this.storeDone();
  }

  private loadMiss(addr: number, size: 2 | 4): number {
    const off = addr & 0xfff;
    if (off + size <= PAGE_SIZE) { const v = this.readPage(addr).view; return size === 2 ? v.getUint16(off, true) : v.getInt32(off, true); }
    const bytes: number[] = [];
    for (let i = 0; i < size; i++) bytes.push(this.readPage(addr + i).view.getUint8((addr + i) & 0xfff));
    let v = 0;
    for (let i = size - 1; i >= 0; i--) v = v * 256 + bytes[i];
    return v;
  }

  private storeMiss(addr: number, v: number, size: 2 | 4): void {
    const off = addr & 0xfff;
    if (off + size <= PAGE_SIZE) {
      const w = this.writePage(addr).view;
      if (size === 2) w.setUint16(off, v, true); else w.setInt32(off, v, true);
    } else {
      this.writePage(addr); this.writePage(addr + size - 1);
      for (let i = 0; i < size; i++) this.writePage(addr + i).view.setUint8((addr + i) & 0xfff, (v >>> (8 * i)) & 0xff);
    }
    this.storeDone();
  }

  /** After a slow-path store has written all its bytes: tell the HTIF if it wrote tohost's page. */
  private storeDone(): void {
    if (!this.htifWritten) return;
    this.htifWritten = false;
    this.onHtifWrite();
  }

  // ---------------------------------------------------------------- physical access (loader, HTIF, tests)
  /** Copy bytes to physical memory; false if part of the range is not RAM. */
  writePhysical(pa: number, bytes: Uint8Array): boolean {
    for (let i = 0; i < bytes.length;) {
      const a = pa + i, off = a & 0xfff, n = Math.min(bytes.length - i, PAGE_SIZE - off), f = this.frameAt(a);
      if (f === undefined) return false;
      if (f.hasCode) { f.hasCode = false; const vpns = this.codeVpns.get(f); this.codeVpns.delete(f); if (vpns) for (const v of vpns) this.onCodeWrite(v * PAGE_SIZE); }
      f.data.set(bytes.subarray(i, i + n), off);
      i += n;
    }
    return true;
  }
  /** Bytes of physical memory, or undefined if part of the range is not RAM. */
  readPhysical(pa: number, len: number): Uint8Array | undefined {
    const out = new Uint8Array(len);
    for (let i = 0; i < len;) {
      const a = pa + i, off = a & 0xfff, n = Math.min(len - i, PAGE_SIZE - off), f = this.frameAt(a);
      if (f === undefined) return undefined;
      out.set(f.data.subarray(off, off + n), i);
      i += n;
    }
    return out;
  }
  /** The 64-bit word at physical address pa (8-aligned, in RAM) as an unsigned BigInt; 0n outside RAM. */
  read64Physical(pa: number): bigint {
    const f = this.frameAt(pa);
    return f === undefined ? 0n : f.view.getBigUint64(pa & 0xfff, true);
  }
  write64Physical(pa: number, v: bigint): void {
    this.frameAt(pa)?.view.setBigUint64(pa & 0xfff, BigInt.asUintN(64, v), true);
  }
}
