// The one interface through which the core reaches the outside world. The CLI supplies a Node
// implementation (node-host.ts); a browser page could supply another. Nothing else in the core touches
// files, clocks, stdio or the process.

export interface HostStat {
  dev: number; ino: number; mode: number; nlink: number; uid: number; gid: number; rdev: number;
  size: number; blksize: number; blocks: number;
  atimeMs: number; mtimeMs: number; ctimeMs: number;
}

export interface HostDirEntry { name: string; ino: number; type: 'file' | 'dir' | 'symlink' | 'other' }

/**
 * Host file operations work on host file descriptors and host paths (already resolved by the caller).
 * Failures throw an error carrying a Linux errno name in `code` (e.g. 'ENOENT'), as Node's fs does.
 */
export interface Host {
  /** `flags` are Linux (riscv64/asm-generic) O_* values; the host translates them to its own. */
  open(path: string, flags: number, mode: number): number;
  close(fd: number): void;
  read(fd: number, buf: Uint8Array, position: number | null): number;
  write(fd: number, buf: Uint8Array, position: number | null): number;
  fstat(fd: number): HostStat;
  stat(path: string, followLinks: boolean): HostStat;
  readlink(path: string): string;
  readdir(path: string): HostDirEntry[];
  mkdir(path: string, mode: number): void;
  unlink(path: string): void;
  rmdir(path: string): void;
  rename(from: string, to: string): void;
  /** `mode`: F_OK 0, or R_OK 4 | W_OK 2 | X_OK 1. */
  access(path: string, mode: number): void;
  ftruncate(fd: number, len: number): void;
  symlink(target: string, path: string): void;
  chmod(path: string, mode: number): void;
  /** Hard link. */
  link(existing: string, newPath: string): void;
  /** Set access and modification times (seconds, fractional) of a path (followLinks: of a link's target) or an fd. */
  utimes(path: string, atime: number, mtime: number, followLinks: boolean): void;
  futimes(fd: number, atime: number, mtime: number): void;
  /** The host user and group the emulator runs as (their files are shown as the guest's own), if known. */
  ids?(): { uid: number; gid: number };
  isatty(fd: number): boolean;
  /** Terminal size for a tty fd, or undefined. */
  windowSize(fd: number): { rows: number; cols: number } | undefined;
  /** Working directory of the host process (the guest's initial cwd). */
  cwd(): string;
  /** Host wall clock in nanoseconds since the epoch (only used with --host-time). */
  nowNs(): bigint;
  /** Monotonic host clock in nanoseconds (only used with --host-time and for --stats wall time). */
  monotonicNs(): bigint;
  /** Host entropy (only used when explicitly asked for). */
  randomBytes(n: number): Uint8Array;
  /** Block for this many nanoseconds (only used with --host-time; virtual sleeps just advance the clock). */
  sleep(ns: number): void;
  /** A diagnostic for the person running the emulator (unsupported syscalls and the like); one line, no newline. */
  warn(message: string): void;
}
