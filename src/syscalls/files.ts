// Open file descriptions and the guest's descriptor table. A description (OpenFile) is shared by every
// descriptor dup'ed from it and holds the file offset; the host side only ever sees positional reads and
// writes for regular files (Node has no lseek), so the offset lives here.
import type { Host, HostDirEntry, HostStat } from '../host/host.js';
import { E, SysError } from './errno.js';
import type { SharedFiles } from './shared.js';

// open(2) flags, asm-generic values.
export const O_ACCMODE = 3, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2;
export const O_CREAT = 0o100, O_EXCL = 0o200, O_NOCTTY = 0o400, O_TRUNC = 0o1000, O_APPEND = 0o2000,
  O_NONBLOCK = 0o4000, O_DSYNC = 0o10000, O_DIRECT = 0o40000, O_LARGEFILE = 0o100000, O_DIRECTORY = 0o200000,
  O_NOFOLLOW = 0o400000, O_NOATIME = 0o1000000, O_CLOEXEC = 0o2000000, O_SYNC = 0o4010000, O_PATH = 0o10000000,
  O_TMPFILE = 0o20200000;
/** Flags F_SETFL may change. */
export const SETFL_MASK = O_APPEND | O_NONBLOCK | O_DIRECT | O_NOATIME;

export const S_IFMT = 0o170000, S_IFSOCK = 0o140000, S_IFLNK = 0o120000, S_IFREG = 0o100000, S_IFBLK = 0o060000,
  S_IFDIR = 0o040000, S_IFCHR = 0o020000, S_IFIFO = 0o010000;

export const SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2, SEEK_DATA = 3, SEEK_HOLE = 4;

export const POLLIN = 0x1, POLLPRI = 0x2, POLLOUT = 0x4, POLLERR = 0x8, POLLHUP = 0x10, POLLNVAL = 0x20,
  POLLRDNORM = 0x40, POLLWRNORM = 0x100, POLLRDHUP = 0x2000;

/** Linux dev_t encoding of major:minor. */
export function makedev(major: number, minor: number): number {
  return ((major & 0xfff) << 8 | (minor & 0xff) | ((minor & ~0xff) << 12)) >>> 0;
}

/** A stat for something that exists only inside the emulator. */
export function syntheticStat(mode: number, rdev = 0, size = 0, ino = 1): HostStat {
  return {
    dev: makedev(0, 5), ino, mode, nlink: 1, uid: 0, gid: 0, rdev, size, blksize: 4096, blocks: 0,
    atimeMs: 0, mtimeMs: 0, ctimeMs: 0,
  };
}

export abstract class OpenFile {
  /** Descriptors referring to this description. */
  refs = 1;
  /** O_ACCMODE plus status flags (O_APPEND, O_NONBLOCK, ...), as F_GETFL reports them. */
  flags: number;
  /** Absolute guest path, for /proc/self/fd and fchdir; a label such as "pipe:[3]" for anonymous files. */
  readonly path: string;

  constructor(flags: number, path: string) { this.flags = flags; this.path = path; }

  get readable(): boolean { return (this.flags & O_PATH) === 0 && (this.flags & O_ACCMODE) !== O_WRONLY; }
  get writable(): boolean { return (this.flags & O_PATH) === 0 && (this.flags & O_ACCMODE) !== O_RDONLY; }

  abstract stat(): HostStat;
  read(_buf: Uint8Array): number { throw new SysError(E.EINVAL); }
  write(_buf: Uint8Array): number { throw new SysError(E.EINVAL); }
  /** `raw`: bypass shared mappings' frames (for the mapping code itself). */
  pread(_buf: Uint8Array, _pos: number, _raw?: boolean): number { throw new SysError(E.ESPIPE); }
  pwrite(_buf: Uint8Array, _pos: number, _raw?: boolean): number { throw new SysError(E.ESPIPE); }
  seek(_off: number, _whence: number): number { throw new SysError(E.ESPIPE); }
  truncate(_len: number): void { throw new SysError(E.EINVAL); }
  isTty(): boolean { return false; }
  /**
   * Readiness for poll (POLLIN/POLLOUT/POLLHUP/POLLERR bits, before masking with the events asked for).
   * Files, devices and host streams are always ready: a read or write on them completes without waiting
   * for another process.
   */
  poll(): number { return (this.readable ? POLLIN | POLLRDNORM : 0) | (this.writable ? POLLOUT | POLLWRNORM : 0); }
  /** Host fd behind this file, or -1. */
  get hostFd(): number { return -1; }
  /** Host path of a directory (for getdents64), or undefined. */
  get dirPath(): string | undefined { return undefined; }
  /** Called when the last descriptor is closed. */
  release(): void {}
}

/** A file, directory or device opened on the host, or one of the host's standard streams. */
export class HostFile extends OpenFile {
  pos = 0;
  /** Directory listing, taken at the first getdents64 and consumed by it. */
  dirEntries: HostDirEntry[] | undefined;
  /** Host identity ("dev:ino") and the registry of shared mappings, for files that can be mapped shared. */
  ident = '';
  shared: SharedFiles | undefined;
  private readonly isDir: boolean;
  private readonly seekable: boolean;

  constructor(
    private readonly host: Host, private readonly fd: number, flags: number, path: string,
    readonly hostPath: string, mode: number, private readonly ownsFd = true,
  ) {
    super(flags, path);
    const fmt = mode & S_IFMT;
    this.isDir = fmt === S_IFDIR;
    // A descriptor we inherited (the standard streams) shares its offset with whoever else holds it (e.g.
    // `(echo x; rvemu prog) > file`), and the host gives us no lseek: so it is used at the host's current
    // offset, as a stream.
    this.seekable = ownsFd && (fmt === S_IFREG || fmt === S_IFBLK || fmt === S_IFDIR);
  }

  override get hostFd(): number { return this.fd; }
  override get dirPath(): string | undefined { return this.isDir ? this.hostPath : undefined; }
  override stat(): HostStat { return this.host.fstat(this.fd); }
  override isTty(): boolean { return this.host.isatty(this.fd); }

  override read(buf: Uint8Array): number {
    if (this.isDir) throw new SysError(E.EISDIR);
    if (!this.seekable) return this.host.read(this.fd, buf, null);
    const n = this.pread(buf, this.pos);
    this.pos += n;
    return n;
  }
  override write(buf: Uint8Array): number {
    if (!this.seekable) return this.host.write(this.fd, buf, null);
    if (this.flags & O_APPEND) {
      // Explicitly at the end (F_SETFL may have turned O_APPEND on after the host fd was opened without it).
      const end = this.host.fstat(this.fd).size;
      const n = this.pwrite(buf, end);
      this.pos = end + n;
      return n;
    }
    const n = this.pwrite(buf, this.pos);
    this.pos += n;
    return n;
  }
  override pread(buf: Uint8Array, pos: number, raw = false): number {
    if (this.isDir) throw new SysError(E.EISDIR);
    if (!this.seekable) throw new SysError(E.ESPIPE);
    const n = this.host.read(this.fd, buf, pos);
    if (!raw) this.shared?.lookup(this.ident)?.overlayRead(buf.subarray(0, n), pos);
    return n;
  }
  override pwrite(buf: Uint8Array, pos: number, raw = false): number {
    if (!this.seekable) throw new SysError(E.ESPIPE);
    const n = this.host.write(this.fd, buf, pos);
    if (!raw) this.shared?.lookup(this.ident)?.writeThrough(buf.subarray(0, n), pos);
    return n;
  }
  override seek(off: number, whence: number): number {
    if (!this.seekable) throw new SysError(E.ESPIPE);
    let base: number;
    switch (whence) {
      case SEEK_SET: base = 0; break;
      case SEEK_CUR: base = this.pos; break;
      case SEEK_END: base = this.isDir ? 0 : this.host.fstat(this.fd).size; break;
      case SEEK_DATA: case SEEK_HOLE: {
        // No sparse-file information: all data, one hole at the end.
        const size = this.host.fstat(this.fd).size;
        if (off >= size) throw new SysError(E.ENXIO);
        return (this.pos = whence === SEEK_DATA ? off : size);
      }
      default: throw new SysError(E.EINVAL);
    }
    const p = base + off;
    if (p < 0) throw new SysError(E.EINVAL);
    if (this.isDir && p === 0) this.dirEntries = undefined; // rewinddir
    return (this.pos = p);
  }
  override truncate(len: number): void { this.host.ftruncate(this.fd, len); }
  override release(): void { if (this.ownsFd) this.host.close(this.fd); }
}

const PIPE_CAPACITY = 65536, PIPE_BUF = 4096;

class PipeBuffer {
  chunks: Uint8Array[] = [];
  size = 0;
  readers = 0;
  writers = 0;
  constructor(readonly id: number) {}
}

/**
 * Thrown by a syscall that has to wait for another thread or process (or for time to pass): the calling
 * thread blocks in the scheduler, and the call is tried again (or ends at its deadline) later. The message
 * says what it waits for, for the deadlock report. A call that is the only thread left would wait forever.
 */
export class WouldBlock extends SysError {
  constructor(what: string, readonly opts: BlockOptions = {}) { super(E.EDEADLK, what); }
}

export interface BlockOptions {
  /** Virtual-clock time at which the wait ends by itself (default: never). */
  deadline?: number;
  /** The call's result when the deadline passes (default -ETIMEDOUT). */
  onTimeout?: () => number;
  /** Try the call again whenever something may have changed (default true). */
  retry?: boolean;
  /** Instead of the call itself, this is tried again: the call's result, or WouldBlock thrown again. */
  retryWith?: () => number;
  /** Futex word waited on (futex.ts). */
  futex?: { key: string; addr: number; bitset: number };
  /** Restart the call after a signal handler with SA_RESTART ran (default true). */
  restartable?: boolean;
  /** A signal ends the wait with EINTR (default true; vfork's wait for its child is not interrupted). */
  interruptible?: boolean;
}

/** One end of an in-memory pipe. */
export class PipeEnd extends OpenFile {
  constructor(private readonly buf: PipeBuffer, readonly isReadEnd: boolean, flags: number) {
    super((flags & ~O_ACCMODE) | (isReadEnd ? O_RDONLY : O_WRONLY), `pipe:[${buf.id}]`);
    if (isReadEnd) buf.readers++; else buf.writers++;
  }
  static create(id: number, flags: number): [PipeEnd, PipeEnd] {
    const b = new PipeBuffer(id);
    return [new PipeEnd(b, true, flags), new PipeEnd(b, false, flags)];
  }
  override stat(): HostStat { return syntheticStat(S_IFIFO | 0o600, 0, this.buf.size, this.buf.id); }
  /** Bytes waiting to be read (FIONREAD). */
  get available(): number { return this.buf.size; }

  override read(out: Uint8Array): number {
    const b = this.buf;
    if (out.length === 0) return 0;
    if (b.size === 0) {
      if (b.writers === 0) return 0;
      if (this.flags & O_NONBLOCK) throw new SysError(E.EAGAIN);
      throw new WouldBlock(`read from an empty pipe (${this.path}) whose write end is still open`);
    }
    let n = 0;
    while (n < out.length && b.chunks.length > 0) {
      const c = b.chunks[0];
      const k = Math.min(c.length, out.length - n);
      out.set(c.subarray(0, k), n);
      n += k;
      if (k === c.length) b.chunks.shift(); else b.chunks[0] = c.subarray(k);
    }
    b.size -= n;
    return n;
  }
  override write(data: Uint8Array): number {
    const b = this.buf;
    if (b.readers === 0) throw new SysError(E.EPIPE);
    if (data.length === 0) return 0;
    // Linux's pipe holds 64 KiB; a writer waits for room, and writes of up to PIPE_BUF bytes are never split.
    const room = PIPE_CAPACITY - b.size;
    if (room <= 0 || (data.length <= PIPE_BUF && room < data.length)) {
      if (this.flags & O_NONBLOCK) throw new SysError(E.EAGAIN);
      throw new WouldBlock(`write to a full pipe (${this.path})`);
    }
    const n = Math.min(room, data.length);
    b.chunks.push(data.slice(0, n)); b.size += n;
    return n;
  }
  override poll(): number {
    const b = this.buf;
    if (this.isReadEnd) return (b.size > 0 ? POLLIN | POLLRDNORM : 0) | (b.writers === 0 ? POLLHUP : 0);
    return b.readers === 0 ? POLLERR : b.size < PIPE_CAPACITY ? POLLOUT | POLLWRNORM : 0;
  }
  override release(): void { if (this.isReadEnd) this.buf.readers--; else this.buf.writers--; }
}

export type DeviceKind = 'null' | 'zero' | 'full' | 'random';

/** /dev/null, /dev/zero, /dev/full, /dev/urandom (and /dev/random). */
export class DeviceFile extends OpenFile {
  constructor(readonly kind: DeviceKind, flags: number, path: string, private readonly entropy: (buf: Uint8Array) => void) {
    super(flags, path);
  }
  override stat(): HostStat {
    const minor = { null: 3, zero: 5, full: 7, random: 9 }[this.kind];
    return syntheticStat(S_IFCHR | 0o666, makedev(1, minor), 0, 100 + minor);
  }
  override read(buf: Uint8Array): number {
    if (this.kind === 'null') return 0;
    if (this.kind === 'random') this.entropy(buf); else buf.fill(0);
    return buf.length;
  }
  override write(buf: Uint8Array): number {
    if (this.kind === 'full') throw new SysError(E.ENOSPC);
    return buf.length;
  }
  override pread(buf: Uint8Array): number { return this.read(buf); }
  override pwrite(buf: Uint8Array): number { return this.write(buf); }
  override seek(): number { return 0; }
}

/** Read-only contents generated by the emulator (/proc/self/maps, /proc/cpuinfo, /sys/.../cpu/online). */
export class MemFile extends OpenFile {
  pos = 0;
  constructor(private readonly data: Uint8Array, flags: number, path: string) { super(flags, path); }
  override stat(): HostStat { return syntheticStat(S_IFREG | 0o444, 0, 0, 200); }
  override read(buf: Uint8Array): number { const n = this.pread(buf, this.pos); this.pos += n; return n; }
  override pread(buf: Uint8Array, pos: number): number {
    if (pos >= this.data.length) return 0;
    const n = Math.min(buf.length, this.data.length - pos);
    buf.set(this.data.subarray(pos, pos + n));
    return n;
  }
  override write(): number { throw new SysError(E.EBADF); }
  override seek(off: number, whence: number): number {
    const base = whence === SEEK_SET ? 0 : whence === SEEK_CUR ? this.pos : whence === SEEK_END ? this.data.length : NaN;
    if (Number.isNaN(base)) throw new SysError(E.EINVAL);
    if (base + off < 0) throw new SysError(E.EINVAL);
    return (this.pos = base + off);
  }
}

interface Slot { file: OpenFile; cloexec: boolean }

/** The descriptor table: guest fd -> (description, close-on-exec). */
export class FileTable {
  private slots: (Slot | undefined)[] = [];

  /** Called whenever a descriptor is closed (POSIX record locks go away with any descriptor of the file). */
  onClose: (file: OpenFile) => void = () => {};
  /** Called when a description's last descriptor is gone, before it is released. */
  onRelease: (file: OpenFile) => void = () => {};

  /** `limit()` gives RLIMIT_NOFILE's soft value. */
  constructor(private readonly limit: () => number) {}

  get(fd: number): OpenFile {
    const s = fd >= 0 ? this.slots[fd] : undefined;
    if (s === undefined) throw new SysError(E.EBADF);
    return s.file;
  }
  has(fd: number): boolean { return fd >= 0 && this.slots[fd] !== undefined; }
  getCloexec(fd: number): boolean { this.get(fd); return this.slots[fd]!.cloexec; }
  setCloexec(fd: number, on: boolean): void { this.get(fd); this.slots[fd]!.cloexec = on; }

  /** Install at the lowest free descriptor >= min. Takes over the caller's reference. */
  add(file: OpenFile, cloexec: boolean, min = 0): number {
    let fd = min;
    while (this.slots[fd] !== undefined) fd++;
    if (fd >= this.limit()) { this.unref(file); throw new SysError(E.EMFILE); }
    this.slots[fd] = { file, cloexec };
    return fd;
  }
  /** Install at exactly fd, closing what was there (dup3). Takes over the caller's reference. */
  put(fd: number, file: OpenFile, cloexec: boolean): void {
    if (fd < 0 || fd >= this.limit()) { this.unref(file); throw new SysError(E.EBADF); }
    const old = this.slots[fd];
    this.slots[fd] = { file, cloexec };
    if (old !== undefined) { this.onClose(old.file); this.unref(old.file); }
  }
  /** A new descriptor for the same description. */
  dup(fd: number, cloexec: boolean, min = 0): number {
    const f = this.get(fd);
    f.refs++;
    return this.add(f, cloexec, min);
  }
  close(fd: number): void {
    const f = this.get(fd);
    this.slots[fd] = undefined;
    this.onClose(f);
    this.unref(f);
  }
  /** Give `other` a descriptor for every one of ours, sharing the descriptions (fork). */
  copyInto(other: FileTable): void {
    this.slots.forEach((slot, fd) => {
      if (slot === undefined) return;
      slot.file.refs++;
      other.slots[fd] = { file: slot.file, cloexec: slot.cloexec };
    });
  }
  /** Close the descriptors marked close-on-exec (execve). */
  closeOnExec(): void {
    this.slots.forEach((slot, fd) => { if (slot?.cloexec === true) this.close(fd); });
  }
  closeAll(): void {
    for (let fd = 0; fd < this.slots.length; fd++) if (this.slots[fd] !== undefined) this.close(fd);
  }
  /** Open descriptors, ascending. */
  fds(): number[] {
    const out: number[] = [];
    for (let fd = 0; fd < this.slots.length; fd++) if (this.slots[fd] !== undefined) out.push(fd);
    return out;
  }
  private unref(f: OpenFile): void { if (--f.refs === 0) { this.onRelease(f); f.release(); } }
}
