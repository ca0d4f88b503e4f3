// File-backed MAP_SHARED mappings, coherent with read/write on the same file.
//
// Design: while a file page is mapped shared, its frame (one 4 KiB buffer per file page) is the single
// source of truth for that page. Every shared mapping of the page gets its own Page object (own
// permissions) on that same buffer, so stores through one mapping are seen through every other at once.
// read/pread of the file copy the frames over what the host returned; write/pwrite go to the host file and
// into the frames (write-through). Frames go back to the file on msync, fsync, munmap, when a mapping is
// replaced, and at exit; only files opened writable are written back, and never past their current end
// (a store beyond end of file is lost, where Linux would raise SIGBUS).
//
// The pages showing one frame know each other (FrameViews): code decoded through one mapping is dropped
// when the frame is written through another mapping or by write/pwrite to the file, as double-mapping JITs
// (write through an RW view, run through an RX view) expect. Not covered: fork shares frames copy-on-write
// like private memory.
import type { AddressSpace, FrameViews } from '../mem/address-space.js';
import { PAGE_SIZE } from '../mem/address-space.js';
import type { OpenFile } from './files.js';

/** One shared mapping: `pages` guest pages from `start` show file pages from `fileIndex` on. */
interface SharedRange { start: number; pages: number; fileIndex: number }

/** A file with shared mappings: its frames, the mappings, and the open file that keeps it reachable. */
export class SharedFile {
  readonly frames = new Map<number, Uint8Array>();
  /** Per file page, the guest pages that show its frame. */
  private readonly views = new Map<number, FrameViews>();
  ranges: SharedRange[] = [];
  constructor(readonly key: string, readonly file: OpenFile, private readonly mem: AddressSpace) { file.refs++; }

  /** The views of file page `index`'s frame (none yet: an empty list to add to). */
  viewsOf(index: number): FrameViews {
    let v = this.views.get(index);
    if (v === undefined) { v = []; this.views.set(index, v); }
    return v;
  }

  /** The frame of file page `index`, read from the file the first time (zero past its end). */
  frame(index: number): Uint8Array {
    let f = this.frames.get(index);
    if (f === undefined) {
      f = new Uint8Array(PAGE_SIZE);
      let got = 0;
      while (got < PAGE_SIZE) {
        const n = this.file.pread(f.subarray(got), index * PAGE_SIZE + got, true);
        if (n === 0) break;
        got += n;
      }
      this.frames.set(index, f);
    }
    return f;
  }

  /** Write frames back to the file (only those of pages in [first, first+count) if given). */
  writeBack(first = 0, count = Infinity): void {
    if (!this.file.writable) return;
    const size = this.file.stat().size;
    for (const [index, data] of this.frames) {
      if (index < first || index >= first + count) continue;
      const at = index * PAGE_SIZE;
      if (at >= size) continue;
      this.file.pwrite(data.subarray(0, Math.min(PAGE_SIZE, size - at)), at, true);
    }
  }

  /** After a host read of buf at pos: the frames' bytes replace the file's where they overlap. */
  overlayRead(buf: Uint8Array, pos: number): void { this.copy(buf, pos, false); }
  /** After a host write of buf at pos: the frames take the new bytes. */
  writeThrough(buf: Uint8Array, pos: number): void { this.copy(buf, pos, true); }

  private copy(buf: Uint8Array, pos: number, intoFrames: boolean): void {
    if (buf.length === 0) return;
    const first = Math.floor(pos / PAGE_SIZE), last = Math.floor((pos + buf.length - 1) / PAGE_SIZE);
    for (let i = first; i <= last; i++) {
      const f = this.frames.get(i);
      if (f === undefined) continue;
      const lo = Math.max(pos, i * PAGE_SIZE), hi = Math.min(pos + buf.length, (i + 1) * PAGE_SIZE);
      if (intoFrames) {
        const views = this.views.get(i);
        if (views !== undefined) this.mem.frameWritten(views);
        f.set(buf.subarray(lo - pos, hi - pos), lo - i * PAGE_SIZE);
      } else buf.set(f.subarray(lo - i * PAGE_SIZE, hi - i * PAGE_SIZE), lo - pos);
    }
  }
}

/** Every file with shared mappings, by host identity (device and inode). */
export class SharedFiles {
  private readonly byKey = new Map<string, SharedFile>();

  get size(): number { return this.byKey.size; }
  lookup(key: string): SharedFile | undefined { return this.byKey.size === 0 ? undefined : this.byKey.get(key); }

  /**
   * Install a shared mapping of `file` (identity `key`) at [start, start + pages pages) from file page
   * `fileIndex`: the range must already be mapped (fresh) with `prot`; its pages are replaced by pages
   * on the file's frames.
   */
  map(mem: AddressSpace, key: string, file: OpenFile, start: number, pages: number, fileIndex: number, prot: number): void {
    let sf = this.byKey.get(key);
    if (sf === undefined) { sf = new SharedFile(key, file, mem); this.byKey.set(key, sf); }
    const vpn0 = start / PAGE_SIZE;
    for (let i = 0; i < pages; i++) mem.mapView(vpn0 + i, prot, sf.frame(fileIndex + i), sf.viewsOf(fileIndex + i));
    mem.flushTlb(); // the replaced pages may still be cached
    sf.ranges.push({ start, pages, fileIndex });
  }

  /** Whether guest page address `addr` lies in a shared mapping. */
  isShared(addr: number): boolean {
    for (const sf of this.byKey.values()) for (const r of sf.ranges) if (addr >= r.start && addr < r.start + r.pages * PAGE_SIZE) return true;
    return false;
  }

  /** The shared mapping holding `addr`: its file, and the file offset of addr's page. */
  find(addr: number): { sf: SharedFile; offset: number } | undefined {
    for (const sf of this.byKey.values()) {
      for (const r of sf.ranges) {
        if (addr >= r.start && addr < r.start + r.pages * PAGE_SIZE) {
          return { sf, offset: (r.fileIndex + Math.floor((addr - r.start) / PAGE_SIZE)) * PAGE_SIZE };
        }
      }
    }
    return undefined;
  }

  /** msync: write back the pages of shared mappings within [start, start+len). */
  sync(start: number, len: number): void { this.each(start, len, (sf, fi, n) => sf.writeBack(fi, n)); }

  /** Before [start, start+len) is unmapped or replaced: write its shared pages back and forget them. */
  release(start: number, len: number): void {
    if (this.byKey.size === 0) return;
    const end = start + len;
    for (const [key, sf] of this.byKey) {
      const keep: SharedRange[] = [];
      for (const r of sf.ranges) {
        const rEnd = r.start + r.pages * PAGE_SIZE;
        if (rEnd <= start || r.start >= end) { keep.push(r); continue; }
        const lo = Math.max(r.start, start), hi = Math.min(rEnd, end);
        sf.writeBack(r.fileIndex + (lo - r.start) / PAGE_SIZE, (hi - lo) / PAGE_SIZE);
        if (r.start < lo) keep.push({ start: r.start, pages: (lo - r.start) / PAGE_SIZE, fileIndex: r.fileIndex });
        if (hi < rEnd) keep.push({ start: hi, pages: (rEnd - hi) / PAGE_SIZE, fileIndex: r.fileIndex + (hi - r.start) / PAGE_SIZE });
      }
      sf.ranges = keep;
      if (keep.length === 0) this.drop(key, sf);
    }
  }

  /** fsync of a file: write its frames back. */
  syncFile(key: string): void { this.byKey.get(key)?.writeBack(); }

  /** At exit: everything back to the files. */
  releaseAll(): void {
    for (const [key, sf] of this.byKey) { sf.writeBack(); sf.ranges = []; this.drop(key, sf); }
  }

  private drop(key: string, sf: SharedFile): void {
    this.byKey.delete(key);
    if (--sf.file.refs === 0) sf.file.release();
  }

  private each(start: number, len: number, fn: (sf: SharedFile, fileIndex: number, pages: number) => void): void {
    const end = start + len;
    for (const sf of this.byKey.values()) {
      for (const r of sf.ranges) {
        const rEnd = r.start + r.pages * PAGE_SIZE;
        if (rEnd <= start || r.start >= end) continue;
        const lo = Math.max(r.start, start), hi = Math.min(rEnd, end);
        fn(sf, r.fileIndex + (lo - r.start) / PAGE_SIZE, (hi - lo) / PAGE_SIZE);
      }
    }
  }
}
