// Calling syscalls directly on a Hart: registers in, a0 out, with a host whose standard streams are captured.
import { NodeHost } from '../../src/host/node-host.js';
import type { HostStat } from '../../src/host/host.js';
import { Hart } from '../../src/isa/hart.js';
import type { Decoded } from '../../src/isa/spec.js';
import { AddressSpace, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';
import { LinuxSystem, type SystemOptions } from '../../src/syscalls/system.js';
import { Thread } from '../../src/syscalls/kernel.js';

/** The real Node host, except that fds 0-2 are in-memory: stdin is given, stdout/stderr are recorded. */
export class CaptureHost extends NodeHost {
  readonly written: [number[], number[], number[]] = [[], [], []];
  readonly warnings: string[] = [];
  stdin: Uint8Array;
  tty = false;

  constructor(stdin = '') {
    super({ warn: (m) => this.warnings.push(m) });
    this.stdin = new TextEncoder().encode(stdin);
  }
  text(fd: 1 | 2): string { return new TextDecoder().decode(Uint8Array.from(this.written[fd])); }

  override write(fd: number, buf: Uint8Array, pos: number | null): number {
    if (fd <= 2) { this.written[fd].push(...buf); return buf.length; }
    return super.write(fd, buf, pos);
  }
  override read(fd: number, buf: Uint8Array, pos: number | null): number {
    if (fd <= 2) {
      const n = Math.min(buf.length, this.stdin.length);
      buf.set(this.stdin.subarray(0, n));
      this.stdin = this.stdin.subarray(n);
      return n;
    }
    return super.read(fd, buf, pos);
  }
  override fstat(fd: number): HostStat {
    if (fd <= 2) return { dev: 22, ino: 3 + fd, mode: 0o20620, nlink: 1, uid: 1000, gid: 5, rdev: 0x8800, size: 0, blksize: 1024, blocks: 0, atimeMs: 0, mtimeMs: 0, ctimeMs: 0 };
    return super.fstat(fd);
  }
  override isatty(fd: number): boolean { return fd <= 2 ? this.tty : super.isatty(fd); }
  override windowSize(fd: number): { rows: number; cols: number } | undefined { return fd <= 2 && this.tty ? { rows: 50, cols: 132 } : undefined; }
}

/** Start of a 1 MiB read-write scratch area in every test address space. */
export const SCRATCH = 0x100000;

export interface Rig { sys: LinuxSystem; h: Hart; mem: AddressSpace; host: CaptureHost }

export function rig(opts: SystemOptions = {}, host = new CaptureHost()): Rig {
  const sys = new LinuxSystem(host, { exePath: '/opt/prog/bin/prog', ...opts });
  const mem = new AddressSpace();
  mem.map(SCRATCH, 1 << 20, PROT_READ | PROT_WRITE, 'scratch');
  mem.brkStart = mem.brk = 0x400000;
  const h = new Hart(mem, sys);
  h.tid = sys.pid;
  sys.kernel.addThread(new Thread(h.tid, h, sys));
  return { sys, h, mem, host };
}

const fakeDecoded = (index: number) => ({ pc: 0x10000, index, len: 4 }) as unknown as Decoded;

/** Invoke syscall nr with up to six arguments; returns a0 as a signed BigInt. */
export function callBig(r: Rig, nr: number, ...args: (number | bigint)[]): bigint {
  r.h.setNum(17, nr);
  for (let i = 0; i < 6; i++) {
    const a = args[i] ?? 0;
    if (typeof a === 'bigint') r.h.setBig(10 + i, a); else r.h.setNum(10 + i, a);
  }
  r.sys.ecall(r.h, fakeDecoded(0));
  return r.h.getBig(10);
}

/** Same, as a number (exact for results below 2^53 in magnitude). */
export function call(r: Rig, nr: number, ...args: (number | bigint)[]): number { return Number(callBig(r, nr, ...args)); }

/** ecall with a given position in its block (for the virtual clock). */
export function callAt(r: Rig, index: number, nr: number, ...args: number[]): number {
  r.h.setNum(17, nr);
  for (let i = 0; i < 6; i++) r.h.setNum(10 + i, args[i] ?? 0);
  r.sys.ecall(r.h, fakeDecoded(index));
  return Number(r.h.getBig(10));
}

let strTop = SCRATCH + (1 << 20);
/** Put a NUL-terminated string near the top of the scratch area; returns its address. */
export function cstr(r: Rig, s: string): number {
  const b = new TextEncoder().encode(s + '\0');
  strTop -= Math.ceil(b.length / 8) * 8 + 8;
  if (strTop < SCRATCH + (1 << 19)) strTop = SCRATCH + (1 << 20) - 4096;
  r.mem.writeBytes(strTop, b);
  return strTop;
}

export function readStr(r: Rig, addr: number, len: number): string {
  return new TextDecoder().decode(r.mem.readBytes(addr, len));
}
