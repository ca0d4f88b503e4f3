// Memory-management syscalls: brk, mmap and friends, on the AddressSpace's pages and regions.
import type { Hart } from '../isa/hart.js';
import { Page, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE, USER_TOP, pageAlignUp } from '../mem/address-space.js';
import { argInt, argNum } from './abi.js';
import { E, SysError } from './errno.js';
import { DeviceFile, HostFile, S_IFMT, S_IFREG, type OpenFile } from './files.js';
import type { SharedFile } from './shared.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';

export const MAP_SHARED = 0x01, MAP_PRIVATE = 0x02, MAP_SHARED_VALIDATE = 0x03, MAP_TYPE = 0x0f, MAP_FIXED = 0x10,
  MAP_ANONYMOUS = 0x20, MAP_GROWSDOWN = 0x100, MAP_NORESERVE = 0x4000, MAP_POPULATE = 0x8000, MAP_STACK = 0x20000,
  MAP_FIXED_NOREPLACE = 0x100000;
const PROT_SEM = 0x8, PROT_GROWSDOWN = 0x01000000, PROT_GROWSUP = 0x02000000;
const PROT_ALL = PROT_READ | PROT_WRITE | PROT_EXEC;
export const MREMAP_MAYMOVE = 1, MREMAP_FIXED = 2, MREMAP_DONTUNMAP = 4;
export const MADV_DONTNEED = 4;

const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

function aligned(a: number): boolean { return a % PAGE_SIZE === 0; }

const brk: Syscall = (_s, h) => {
  const mem = h.mem, want = argNum(h, 0);
  // Below the start (including brk(0), the query) or absurd: the break stays where it is.
  if (want < mem.brkStart || want > USER_TOP) return mem.brk;
  const oldTop = pageAlignUp(mem.brk), newTop = pageAlignUp(want);
  if (newTop > oldTop) {
    if (!mem.rangeFree(oldTop, newTop - oldTop)) return mem.brk;
    mem.map(oldTop, newTop - oldTop, PROT_READ | PROT_WRITE, '[heap]');
  } else if (newTop < oldTop) {
    mem.unmap(newTop, oldTop - newTop);
  }
  mem.brk = want;
  return want;
};

const mmap: Syscall = (s, h) => {
  const addr = argNum(h, 0), len = argNum(h, 1), prot = argInt(h, 2), flags = argInt(h, 3), fd = argInt(h, 4), off = argNum(h, 5);
  const mem = h.mem;
  const type = flags & MAP_TYPE;
  if (len <= 0 || off < 0 || !aligned(off)) throw new SysError(E.EINVAL);
  if (type !== MAP_SHARED && type !== MAP_PRIVATE && type !== MAP_SHARED_VALIDATE) throw new SysError(E.EINVAL);
  if (prot & ~(PROT_ALL | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) throw new SysError(E.EINVAL);
  const size = pageAlignUp(len);
  if (size > USER_TOP) throw new SysError(E.ENOMEM);

  // File contents are read before anything is mapped so that a failure leaves the address space alone.
  // A shared mapping of a regular file is coherent with the file (shared.ts); any other file mapping is
  // a private copy of the file's bytes.
  let data: Uint8Array | undefined;
  let name = '';
  let sharedFile: HostFile | undefined;
  if (!(flags & MAP_ANONYMOUS)) {
    const f: OpenFile = s.files.get(fd);
    if (!f.readable) throw new SysError(E.EACCES);
    if (type !== MAP_PRIVATE && (prot & PROT_WRITE) && !f.writable) throw new SysError(E.EACCES);
    if (!(f instanceof DeviceFile && f.kind === 'zero')) {
      name = f.path;
      const regular = f instanceof HostFile && (f.stat().mode & S_IFMT) === S_IFREG;
      if (type !== MAP_PRIVATE && regular) sharedFile = f as HostFile;
      else data = readForMap(f, off, regular ? Math.max(0, Math.min(len, f.stat().size - off)) : len);
    }
  }

  let start: number;
  if (flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) {
    if (!aligned(addr)) throw new SysError(E.EINVAL);
    if (addr < 0 || addr + size > USER_TOP) throw new SysError(E.ENOMEM);
    if ((flags & MAP_FIXED_NOREPLACE) && !mem.rangeFree(addr, size)) throw new SysError(E.EEXIST);
    start = addr;
    s.sharedFiles.release(start, size);
  } else {
    start = mem.findFree(size, addr > 0 && addr < USER_TOP ? addr : 0);
    if (start < 0) throw new SysError(E.ENOMEM);
  }
  mem.map(start, size, prot & PROT_ALL, name);
  if (sharedFile !== undefined) s.sharedFiles.map(mem, sharedFile.ident, sharedFile, start, size / PAGE_SIZE, off / PAGE_SIZE, prot & PROT_ALL);
  else if (data !== undefined && data.length > 0) mem.poke(start, data);
  return start;
};

/** Up to n bytes of f from off, for a private file mapping (fewer at end of file). */
function readForMap(f: OpenFile, off: number, n: number): Uint8Array {
  const data = new Uint8Array(n);
  let got = 0;
  try {
    while (got < n) {
      const k = f.pread(data.subarray(got), off + got);
      if (k === 0) break;
      got += k;
    }
  } catch (e) {
    if (e instanceof SysError && (e.errno === E.ESPIPE || e.errno === E.EINVAL)) throw new SysError(E.ENODEV);
    throw e;
  }
  return data.subarray(0, got);
}

const munmap: Syscall = (s, h) => {
  const addr = argNum(h, 0), len = argNum(h, 1);
  if (!aligned(addr) || len <= 0 || addr < 0 || addr + len > USER_TOP) throw new SysError(E.EINVAL);
  s.sharedFiles.release(addr, pageAlignUp(len));
  h.mem.unmap(addr, pageAlignUp(len));
  return 0;
};

const mprotect: Syscall = (_s, h) => {
  const addr = argNum(h, 0), len = argNum(h, 1), prot = argInt(h, 2);
  if (!aligned(addr) || len < 0 || addr < 0) throw new SysError(E.EINVAL);
  if (prot & ~(PROT_ALL | PROT_SEM | PROT_GROWSDOWN | PROT_GROWSUP)) throw new SysError(E.EINVAL);
  if (len === 0) return 0;
  if (addr + len > USER_TOP) throw new SysError(E.ENOMEM);
  if (!h.mem.protect(addr, pageAlignUp(len), prot & PROT_ALL)) throw new SysError(E.ENOMEM);
  return 0;
};

/** Whether every page of [addr, addr+len) is mapped. */
function allMapped(h: Hart, addr: number, len: number): boolean {
  for (let a = addr; a < addr + len; a += PAGE_SIZE) if (!h.mem.isMapped(a)) return false;
  return true;
}

/** Copy the pages of [from, from+len) (contents and per-page permissions) to a fresh mapping at `to`, then unmap the old range. */
function movePages(h: Hart, from: number, len: number, to: number, newLen: number): void {
  const mem = h.mem;
  const name = mem.regions.find((r) => r.start <= from && from < r.end)?.name ?? '';
  mem.map(to, newLen, mem.protOf(from), name);
  const n = Math.min(len, newLen) / PAGE_SIZE;
  for (let i = 0; i < n; i++) {
    // A fresh page in place of the new one (which no TLB entry can hold yet), with the old contents and
    // permissions; the old page stays where it is until the unmap below, which retires its decoded code.
    const src = mem.pages.get(from / PAGE_SIZE + i)!;
    mem.pages.set(to / PAGE_SIZE + i, new Page(src.prot, src.data.slice()));
  }
  mem.unmap(from, len);
}

const mremap: Syscall = (s, h) => {
  const old = argNum(h, 0), oldLen = argNum(h, 1), newLen = argNum(h, 2), flags = argInt(h, 3), newAddr = argNum(h, 4);
  const mem = h.mem;
  if (!aligned(old) || old < 0 || (flags & ~(MREMAP_MAYMOVE | MREMAP_FIXED | MREMAP_DONTUNMAP))) throw new SysError(E.EINVAL);
  if ((flags & MREMAP_FIXED) && !(flags & MREMAP_MAYMOVE)) throw new SysError(E.EINVAL);
  if (flags & MREMAP_DONTUNMAP) throw new SysError(E.EINVAL);
  const oldSize = pageAlignUp(oldLen), newSize = pageAlignUp(newLen);
  // old_size 0 (a second mapping of the same shared pages) is not supported.
  if (newSize <= 0 || oldSize <= 0 || newSize > USER_TOP) throw new SysError(E.EINVAL);
  if (!allMapped(h, old, oldSize)) throw new SysError(E.EFAULT);
  const shared = s.sharedFiles.find(old);
  if (shared !== undefined) return remapShared(s, h, shared.sf, shared.offset, old, oldSize, newSize, flags, newAddr);

  if (flags & MREMAP_FIXED) {
    if (!aligned(newAddr) || newAddr < 0 || newAddr + newSize > USER_TOP) throw new SysError(E.EINVAL);
    if (newAddr < old + oldSize && old < newAddr + newSize) throw new SysError(E.EINVAL);
    movePages(h, old, oldSize, newAddr, newSize);
    return newAddr;
  }
  if (newSize <= oldSize) {
    if (newSize < oldSize) mem.unmap(old + newSize, oldSize - newSize);
    return old;
  }
  if (old + newSize <= USER_TOP && mem.rangeFree(old + oldSize, newSize - oldSize)) {
    const name = mem.regions.find((r) => r.start <= old && old < r.end)?.name ?? '';
    mem.map(old + oldSize, newSize - oldSize, mem.protOf(old + oldSize - PAGE_SIZE), name);
    return old;
  }
  if (!(flags & MREMAP_MAYMOVE)) throw new SysError(E.ENOMEM);
  const dest = mem.findFree(newSize);
  if (dest < 0) throw new SysError(E.ENOMEM);
  movePages(h, old, oldSize, dest, newSize);
  return dest;
};

/**
 * mremap of a shared file mapping: the old range goes back to the file and the new range maps the same
 * file pages again (the frames are the file's, so the contents carry over).
 */
function remapShared(s: LinuxSystem, h: Hart, sf: SharedFile, offset: number, old: number, oldSize: number, newSize: number, flags: number, newAddr: number): number {
  const mem = h.mem, prot = mem.protOf(old);
  const name = mem.regions.find((r) => r.start <= old && old < r.end)?.name ?? '';
  if (newSize <= oldSize && !(flags & MREMAP_FIXED)) {
    s.sharedFiles.release(old + newSize, oldSize - newSize);
    if (newSize < oldSize) mem.unmap(old + newSize, oldSize - newSize);
    return old;
  }
  let dest: number;
  if (flags & MREMAP_FIXED) {
    if (!aligned(newAddr) || newAddr < 0 || newAddr + newSize > USER_TOP) throw new SysError(E.EINVAL);
    if (newAddr < old + oldSize && old < newAddr + newSize) throw new SysError(E.EINVAL);
    dest = newAddr;
  } else if (old + newSize <= USER_TOP && mem.rangeFree(old + oldSize, newSize - oldSize)) {
    dest = old;
  } else {
    if (!(flags & MREMAP_MAYMOVE)) throw new SysError(E.ENOMEM);
    dest = mem.findFree(newSize);
    if (dest < 0) throw new SysError(E.ENOMEM);
  }
  const file = sf.file as HostFile;
  file.refs++; // keep the file open across the release below
  try {
    s.sharedFiles.release(old, oldSize);
    mem.unmap(old, oldSize);
    s.sharedFiles.release(dest, newSize);
    mem.map(dest, newSize, prot, name);
    s.sharedFiles.map(mem, file.ident, file, dest, newSize / PAGE_SIZE, offset / PAGE_SIZE, prot);
  } finally {
    if (--file.refs === 0) file.release();
  }
  return dest;
}

const madvise: Syscall = (s, h) => {
  const addr = argNum(h, 0), len = argNum(h, 1), advice = argInt(h, 2);
  if (!aligned(addr) || len < 0 || addr < 0) throw new SysError(E.EINVAL);
  const size = pageAlignUp(len);
  if (advice === MADV_DONTNEED) {
    if (!allMapped(h, addr, size)) throw new SysError(E.ENOMEM);
    // Private pages read back as zero afterwards. (A private file mapping would refault from the file on
    // Linux; ours are copies, so they read back as zero too.)
    // Shared file pages keep their contents (Linux refaults them from the page cache).
    for (let a = addr; a < addr + size; a += PAGE_SIZE) if (!s.sharedFiles.isShared(a)) h.mem.poke(a, ZERO_PAGE);
  }
  return 0; // everything else is a hint
};

/** mincore: every mapped page is resident. */
const mincore: Syscall = (_s, h) => {
  const addr = argNum(h, 0), len = argNum(h, 1), vec = argNum(h, 2);
  if (!aligned(addr) || len < 0) throw new SysError(E.EINVAL);
  const size = pageAlignUp(len);
  if (!allMapped(h, addr, size)) throw new SysError(E.ENOMEM);
  if (size > 0) h.mem.writeBytes(vec, new Uint8Array(size / PAGE_SIZE).fill(1));
  return 0;
};

const MS_ASYNC = 1, MS_INVALIDATE = 2, MS_SYNC = 4;
const msync: Syscall = (s, h) => {
  const addr = argNum(h, 0), len = argNum(h, 1), flags = argInt(h, 2);
  if (!aligned(addr) || len < 0 || (flags & ~(MS_ASYNC | MS_INVALIDATE | MS_SYNC)) || (flags & MS_ASYNC && flags & MS_SYNC)) throw new SysError(E.EINVAL);
  const size = pageAlignUp(len);
  if (!allMapped(h, addr, size)) throw new SysError(E.ENOMEM);
  s.sharedFiles.sync(addr, size);
  return 0;
};

export const mmSyscalls: Record<number, Syscall> = {
  [SYS.brk]: brk, [SYS.mmap]: mmap, [SYS.munmap]: munmap, [SYS.mprotect]: mprotect, [SYS.mremap]: mremap,
  [SYS.madvise]: madvise, [SYS.msync]: msync, [SYS.mincore]: mincore, [SYS.mlock]: () => 0, [SYS.munlock]: () => 0,
  [SYS.mlockall]: () => 0, [SYS.munlockall]: () => 0, [SYS.mlock2]: () => 0,
};
