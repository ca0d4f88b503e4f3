// Advisory file locks: fcntl record locks (process-owned POSIX locks and description-owned OFD locks) and
// flock. There is one process, so its POSIX locks never conflict with each other; OFD locks and flock
// locks belong to open file descriptions and do conflict between two descriptions of the same file, as
// on Linux. A conflicting non-blocking request fails with EAGAIN/EWOULDBLOCK; a blocking one could never
// be granted (nobody else runs to release the lock) and is reported as a deadlock.
import type { Hart } from '../isa/hart.js';
import { Struct } from './abi.js';
import { E, SysError } from './errno.js';
import { HostFile, SEEK_CUR, SEEK_END, SEEK_SET, WouldBlock, type OpenFile } from './files.js';

export const F_RDLCK = 0, F_WRLCK = 1, F_UNLCK = 2;
export const LOCK_SH = 1, LOCK_EX = 2, LOCK_NB = 4, LOCK_UN = 8;

/** The process (for POSIX locks) or an open file description (OFD locks). */
type Owner = 'process' | OpenFile;

interface RangeLock { owner: Owner; write: boolean; start: number; end: number } // end exclusive; Infinity = to EOF and beyond

/** struct flock: l_type (short), l_whence (short), l_start, l_len (off_t), l_pid (int); 32 bytes. */
const FLOCK_SIZE = 32;

export class LockTable {
  private readonly ranges = new Map<string, RangeLock[]>();
  private readonly flocks = new Map<string, Map<OpenFile, boolean>>(); // description -> exclusive

  constructor(private readonly pid: number) {}

  /** F_GETLK / F_SETLK / F_SETLKW and their OFD forms. */
  fcntl(h: Hart, f: OpenFile, addr: number, cmd: 'get' | 'set' | 'setw', ofd: boolean): number {
    const type = h.mem.load16(addr), whence = h.mem.load16(addr + 2);
    const lstart = h.mem.load64Num(addr + 8), llen = h.mem.load64Num(addr + 16), lpid = h.mem.load32(addr + 24);
    if (ofd && lpid !== 0) throw new SysError(E.EINVAL);
    if (type !== F_RDLCK && type !== F_WRLCK && type !== F_UNLCK) throw new SysError(E.EINVAL);
    let base: number;
    switch (whence) {
      case SEEK_SET: base = 0; break;
      case SEEK_CUR: base = f instanceof HostFile ? f.pos : 0; break;
      case SEEK_END: base = f.stat().size; break;
      default: throw new SysError(E.EINVAL);
    }
    let start = base + lstart, end = llen === 0 ? Infinity : start + llen;
    if (llen < 0) { end = start; start += llen; }
    if (start < 0) throw new SysError(E.EINVAL);
    const owner: Owner = ofd ? f : 'process';
    const key = keyOf(f);

    if (cmd === 'get') {
      if (type === F_UNLCK) throw new SysError(E.EINVAL);
      const c = key !== undefined ? this.conflict(key, owner, type === F_WRLCK, start, end) : undefined;
      const out = new Struct(FLOCK_SIZE);
      if (c === undefined) out.u16(0, F_UNLCK).u16(2, whence).u64(8, lstart).u64(16, llen).u32(24, lpid);
      else out.u16(0, c.write ? F_WRLCK : F_RDLCK).u16(2, SEEK_SET).u64(8, c.start).u64(16, c.end === Infinity ? 0 : c.end - c.start).u32(24, c.owner === 'process' ? this.pid : -1);
      out.writeTo(h, addr);
      return 0;
    }
    if (type === F_RDLCK && !f.readable) throw new SysError(E.EBADF);
    if (type === F_WRLCK && !f.writable) throw new SysError(E.EBADF);
    if (key === undefined) return 0;
    if (type !== F_UNLCK && this.conflict(key, owner, type === F_WRLCK, start, end) !== undefined) {
      if (cmd === 'setw') throw new WouldBlock(`waiting for a lock on ${f.path} that another open file description holds would block forever`);
      throw new SysError(E.EAGAIN);
    }
    this.setRange(key, owner, type, start, end);
    return 0;
  }

  /** flock(2). */
  flock(f: OpenFile, op: number): number {
    const key = keyOf(f);
    const what = op & ~LOCK_NB;
    if (what !== LOCK_SH && what !== LOCK_EX && what !== LOCK_UN) throw new SysError(E.EINVAL);
    if (key === undefined) return 0;
    let held = this.flocks.get(key);
    if (what === LOCK_UN) { held?.delete(f); return 0; }
    const ex = what === LOCK_EX;
    for (const [other, otherEx] of held ?? []) {
      if (other !== f && (ex || otherEx)) {
        if (op & LOCK_NB) throw new SysError(E.EWOULDBLOCK);
        throw new WouldBlock(`flock on ${f.path} held through another open file description would block forever`);
      }
    }
    if (held === undefined) { held = new Map(); this.flocks.set(key, held); }
    held.set(f, ex);
    return 0;
  }

  /** A descriptor was closed: the process's POSIX locks on that file go (POSIX semantics). */
  closed(f: OpenFile): void {
    const key = keyOf(f);
    if (key !== undefined && this.ranges.has(key)) this.setRange(key, 'process', F_UNLCK, 0, Infinity);
  }

  /** A description went away: its OFD and flock locks go. */
  released(f: OpenFile): void {
    const key = keyOf(f);
    if (key === undefined) return;
    if (this.ranges.has(key)) this.setRange(key, f, F_UNLCK, 0, Infinity);
    this.flocks.get(key)?.delete(f);
  }

  private conflict(key: string, owner: Owner, write: boolean, start: number, end: number): RangeLock | undefined {
    for (const l of this.ranges.get(key) ?? []) {
      if (l.owner === owner || l.end <= start || l.start >= end) continue;
      if (write || l.write) return l;
    }
    return undefined;
  }

  /** Replace owner's locks over [start, end) by `type` (splitting what overlaps). */
  private setRange(key: string, owner: Owner, type: number, start: number, end: number): void {
    const out: RangeLock[] = [];
    for (const l of this.ranges.get(key) ?? []) {
      if (l.owner !== owner || l.end <= start || l.start >= end) { out.push(l); continue; }
      if (l.start < start) out.push({ ...l, end: start });
      if (l.end > end) out.push({ ...l, start: end });
    }
    if (type !== F_UNLCK) out.push({ owner, write: type === F_WRLCK, start, end });
    if (out.length === 0) this.ranges.delete(key); else this.ranges.set(key, out);
  }
}

/** Locks are per file (device and inode); descriptions of anything else lock nothing. */
function keyOf(f: OpenFile): string | undefined {
  return f instanceof HostFile && f.ident !== '' ? f.ident : undefined;
}
