// A NodeHost whose standard streams are in memory: guest stdin is served from a buffer, guest stdout and
// stderr are recorded, and warnings are collected instead of printed. Everything else (files, TMPDIR
// work) goes to the real file system, as in the CLI.
import { NodeHost } from '../../src/host/node-host.js';
import type { HostStat } from '../../src/host/host.js';

/**
 * Host fds standing for the guest's fds 0, 1, 2. Far above anything the OS hands out, so they never
 * collide with files the guest opens on the host.
 */
export const STDIN_FD = 1_000_000_000, STDOUT_FD = STDIN_FD + 1, STDERR_FD = STDIN_FD + 2;
export const CAPTURE_STDIO: readonly [number, number, number] = [STDIN_FD, STDOUT_FD, STDERR_FD];

const S_IFIFO = 0o010000;

/** Output beyond this is dropped (and noted): a runaway guest must not exhaust the test's memory. */
const OUTPUT_LIMIT = 64 << 20;

class Sink {
  private chunks: Uint8Array[] = [];
  size = 0;
  truncated = false;
  add(b: Uint8Array): void {
    if (this.size + b.length > OUTPUT_LIMIT) { this.truncated = true; return; }
    this.chunks.push(b.slice());
    this.size += b.length;
  }
  bytes(): Buffer { return Buffer.concat(this.chunks); }
}

export class CaptureHost extends NodeHost {
  readonly warnings: string[];
  private readonly out = new Sink();
  private readonly err = new Sink();
  /** Bytes of guest stdout and stderr in write order, for showing interleaved output on failure. */
  private readonly both = new Sink();
  private readonly stdin: Uint8Array;
  private stdinPos = 0;

  constructor(stdin: string | Uint8Array = '') {
    const warnings: string[] = [];
    super({ warn: (m) => { warnings.push(m); } });
    this.warnings = warnings;
    this.stdin = typeof stdin === 'string' ? new TextEncoder().encode(stdin) : stdin;
  }

  get stdout(): Buffer { return this.out.bytes(); }
  get stderr(): Buffer { return this.err.bytes(); }
  get combined(): Buffer { return this.both.bytes(); }
  get truncated(): boolean { return this.out.truncated || this.err.truncated; }

  private static isStd(fd: number): boolean { return fd >= STDIN_FD && fd <= STDERR_FD; }

  override fstat(fd: number): HostStat {
    if (!CaptureHost.isStd(fd)) return super.fstat(fd);
    // A pipe, like the oracle's stdio under spawnSync.
    return {
      dev: 12, ino: fd - STDIN_FD + 1, mode: S_IFIFO | 0o600, nlink: 1, uid: 1000, gid: 1000, rdev: 0,
      size: 0, blksize: 4096, blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0,
    };
  }
  override isatty(fd: number): boolean { return CaptureHost.isStd(fd) ? false : super.isatty(fd); }
  override windowSize(fd: number): { rows: number; cols: number } | undefined {
    return CaptureHost.isStd(fd) ? undefined : super.windowSize(fd);
  }
  override close(fd: number): void { if (!CaptureHost.isStd(fd)) super.close(fd); }

  override read(fd: number, buf: Uint8Array, position: number | null): number {
    if (fd === STDIN_FD) {
      const n = Math.min(buf.length, this.stdin.length - this.stdinPos);
      buf.set(this.stdin.subarray(this.stdinPos, this.stdinPos + n));
      this.stdinPos += n;
      return n;
    }
    if (CaptureHost.isStd(fd)) throw Object.assign(new Error('EBADF: not open for reading'), { code: 'EBADF' });
    return super.read(fd, buf, position);
  }

  override write(fd: number, buf: Uint8Array, position: number | null): number {
    if (fd === STDOUT_FD || fd === STDERR_FD) {
      (fd === STDOUT_FD ? this.out : this.err).add(buf);
      this.both.add(buf);
      return buf.length;
    }
    if (fd === STDIN_FD) throw Object.assign(new Error('EBADF: not open for writing'), { code: 'EBADF' });
    return super.write(fd, buf, position);
  }
}
