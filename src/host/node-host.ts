// The Host on Node.js: synchronous fs calls, the process clocks, crypto for explicitly requested entropy.
// Errors are Node's own (they carry err.code such as 'ENOENT', which the syscall layer maps to errno).
import * as fs from 'node:fs';
import * as tty from 'node:tty';
import { randomFillSync } from 'node:crypto';
import type { Host, HostDirEntry, HostStat } from './host.js';

// Linux (asm-generic) open flags the guest passes, and the host's own values for them.
const GUEST_O = {
  WRONLY: 0o1, RDWR: 0o2, CREAT: 0o100, EXCL: 0o200, NOCTTY: 0o400, TRUNC: 0o1000, APPEND: 0o2000,
  NONBLOCK: 0o4000, DSYNC: 0o10000, DIRECT: 0o40000, DIRECTORY: 0o200000, NOFOLLOW: 0o400000,
  NOATIME: 0o1000000, SYNC: 0o4010000,
};
const C = fs.constants as Record<string, number | undefined>;
const FLAG_MAP: [number, number][] = [
  [GUEST_O.CREAT, C.O_CREAT ?? 0], [GUEST_O.EXCL, C.O_EXCL ?? 0], [GUEST_O.NOCTTY, C.O_NOCTTY ?? 0],
  [GUEST_O.TRUNC, C.O_TRUNC ?? 0], [GUEST_O.APPEND, C.O_APPEND ?? 0], [GUEST_O.DIRECT, C.O_DIRECT ?? 0],
  [GUEST_O.DIRECTORY, C.O_DIRECTORY ?? 0], [GUEST_O.NOFOLLOW, C.O_NOFOLLOW ?? 0], [GUEST_O.NOATIME, C.O_NOATIME ?? 0],
];

function hostOpenFlags(guest: number): number {
  const acc = guest & 3;
  let f = acc === GUEST_O.WRONLY ? fs.constants.O_WRONLY : acc === GUEST_O.RDWR ? fs.constants.O_RDWR : fs.constants.O_RDONLY;
  for (const [g, h] of FLAG_MAP) if ((guest & g) === g) f |= h;
  // O_SYNC contains the O_DSYNC bit; map the stronger one when both bits are present.
  if ((guest & GUEST_O.SYNC) === GUEST_O.SYNC) f |= C.O_SYNC ?? 0;
  else if (guest & GUEST_O.DSYNC) f |= C.O_DSYNC ?? 0;
  return f;
}

function toStat(s: fs.Stats): HostStat {
  return {
    dev: s.dev, ino: s.ino, mode: s.mode, nlink: s.nlink, uid: s.uid, gid: s.gid, rdev: s.rdev, size: s.size,
    blksize: s.blksize, blocks: s.blocks, atimeMs: s.atimeMs, mtimeMs: s.mtimeMs, ctimeMs: s.ctimeMs,
  };
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));
function sleepMs(ms: number): void { Atomics.wait(sleeper, 0, 0, ms); }

/** Retry a call on EAGAIN: Node may have put a standard stream in non-blocking mode, the guest expects blocking I/O. */
function blocking<T>(f: () => T): T {
  for (;;) {
    try { return f(); } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
      sleepMs(1);
    }
  }
}

/** Where Debian's libc6-riscv64-cross puts the RISC-V dynamic linker and libraries. */
export const DEBIAN_CROSS_SYSROOT = '/usr/riscv64-linux-gnu';

/**
 * The sysroot to use when none is given: $RVEMU_SYSROOT (empty: none), else the Debian cross libraries'
 * directory when it holds a RISC-V dynamic linker. Returned as a real path so that programs inside it can
 * be recognised.
 */
export function defaultSysroot(env: Record<string, string | undefined> = process.env): string | undefined {
  const fromEnv = env.RVEMU_SYSROOT;
  if (fromEnv !== undefined) return fromEnv === '' ? undefined : realDir(fromEnv);
  return fs.existsSync(`${DEBIAN_CROSS_SYSROOT}/lib/ld-linux-riscv64-lp64d.so.1`) ? DEBIAN_CROSS_SYSROOT : undefined;
}

/** The real path of a directory (symbolic links resolved), or the path as given if it cannot be resolved. */
export function realDir(path: string): string {
  try { return fs.realpathSync(path); } catch { return path; }
}

export interface NodeHostOptions {
  /** Where warnings go (default: "rvemu: warning: ..." on stderr). */
  warn?: (message: string) => void;
}

export class NodeHost implements Host {
  private readonly warnFn: (message: string) => void;
  /** Wall clock minus the monotonic clock, fixed at start: the wall clock then advances smoothly in ns. */
  private readonly wallOffsetNs = BigInt(Date.now()) * 1_000_000n - process.hrtime.bigint();

  constructor(opts: NodeHostOptions = {}) {
    this.warnFn = opts.warn ?? ((m) => { fs.writeSync(2, `rvemu: warning: ${m}\n`); });
  }

  open(path: string, flags: number, mode: number): number { return fs.openSync(path, hostOpenFlags(flags), mode); }
  close(fd: number): void { fs.closeSync(fd); }
  read(fd: number, buf: Uint8Array, position: number | null): number {
    return blocking(() => {
      try {
        return fs.readSync(fd, buf, 0, buf.length, position);
      } catch (e) {
        // A terminal or pipe whose other side has gone away reads as end of file.
        if ((e as NodeJS.ErrnoException).code === 'EOF') return 0;
        throw e;
      }
    });
  }
  write(fd: number, buf: Uint8Array, position: number | null): number {
    return blocking(() => fs.writeSync(fd, buf, 0, buf.length, position));
  }
  fstat(fd: number): HostStat { return toStat(fs.fstatSync(fd)); }
  stat(path: string, followLinks: boolean): HostStat { return toStat(followLinks ? fs.statSync(path) : fs.lstatSync(path)); }
  readlink(path: string): string { return fs.readlinkSync(path); }
  readdir(path: string): HostDirEntry[] {
    return fs.readdirSync(path, { withFileTypes: true }).map((d) => {
      let ino = 0;
      try { ino = fs.lstatSync(`${path}/${d.name}`).ino; } catch { /* vanished meanwhile */ }
      const type = d.isFile() ? 'file' : d.isDirectory() ? 'dir' : d.isSymbolicLink() ? 'symlink' : 'other';
      return { name: d.name, ino, type } as HostDirEntry;
    });
  }
  mkdir(path: string, mode: number): void { fs.mkdirSync(path, { mode }); }
  unlink(path: string): void { fs.unlinkSync(path); }
  rmdir(path: string): void { fs.rmdirSync(path); }
  rename(from: string, to: string): void { fs.renameSync(from, to); }
  access(path: string, mode: number): void { fs.accessSync(path, mode); }
  ftruncate(fd: number, len: number): void { fs.ftruncateSync(fd, len); }
  symlink(target: string, path: string): void { fs.symlinkSync(target, path); }
  chmod(path: string, mode: number): void { fs.chmodSync(path, mode); }
  link(existing: string, newPath: string): void { fs.linkSync(existing, newPath); }
  utimes(path: string, atime: number, mtime: number, followLinks: boolean): void {
    if (followLinks) fs.utimesSync(path, atime, mtime); else fs.lutimesSync(path, atime, mtime);
  }
  futimes(fd: number, atime: number, mtime: number): void { fs.futimesSync(fd, atime, mtime); }
  ids(): { uid: number; gid: number } { return { uid: process.getuid?.() ?? -1, gid: process.getgid?.() ?? -1 }; }
  isatty(fd: number): boolean { return tty.isatty(fd); }
  windowSize(fd: number): { rows: number; cols: number } | undefined {
    if (!tty.isatty(fd)) return undefined;
    // Node knows the size of its own stdout/stderr; any other terminal is assumed to be the same one.
    const s = process.stdout.isTTY ? process.stdout : process.stderr.isTTY ? process.stderr : undefined;
    if (s === undefined) return undefined;
    const [cols, rows] = s.getWindowSize();
    return { rows, cols };
  }
  cwd(): string { return process.cwd(); }
  nowNs(): bigint { return this.wallOffsetNs + process.hrtime.bigint(); }
  monotonicNs(): bigint { return process.hrtime.bigint(); }
  randomBytes(n: number): Uint8Array { const b = new Uint8Array(n); randomFillSync(b); return b; }
  sleep(ns: number): void { if (ns > 0) sleepMs(ns / 1e6); }
  warn(message: string): void { this.warnFn(message); }
}
