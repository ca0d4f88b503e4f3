// The syscall calling convention (a7 = number, a0..a5 = arguments, a0 = result) and helpers to move
// structures between JS and guest memory. Guest memory faults raised here become -EFAULT in the dispatcher.
import type { Hart } from '../isa/hart.js';
import { utf8Decode, utf8Encode } from '../elf/utf8.js';
import { E, SysError } from './errno.js';

export const AT_FDCWD = -100;
export const PATH_MAX = 4096;

/**
 * A syscall's result that leaves a0 alone: the call replaced the registers (rt_sigreturn, execve) or will
 * write a0 when it completes.
 */
export const NO_RESULT = NaN;

/** Argument i (0..5) as a signed 32-bit int (fds, flags declared as int). */
export function argInt(h: Hart, i: number): number { return h.x[(10 + i) << 1]; }
/** Argument i as an unsigned 32-bit value. */
export function argU32(h: Hart, i: number): number { return h.x[(10 + i) << 1] >>> 0; }
/** Argument i as a signed 64-bit value in a JS number (exact below 2^53 in magnitude): addresses, sizes, offsets. */
export function argNum(h: Hart, i: number): number { return h.x[((10 + i) << 1) + 1] * 4294967296 + (h.x[(10 + i) << 1] >>> 0); }
/** Argument i as an unsigned 64-bit BigInt. */
export function argBig(h: Hart, i: number): bigint { return BigInt.asUintN(64, h.getBig(10 + i)); }

/** A size_t argument: negative (huge unsigned) values are EINVAL for the caller to decide; returned as is. */
export function argSize(h: Hart, i: number): number { return argNum(h, i); }

/** A NUL-terminated guest string (UTF-8). */
export function readString(h: Hart, addr: number, max = PATH_MAX): string {
  if (addr === 0) throw new SysError(E.EFAULT);
  const b = h.mem.readCString(addr, max + 1);
  if (b.length > max) throw new SysError(E.ENAMETOOLONG);
  return utf8Decode(b);
}

/** A path argument: like readString, but the empty string is ENOENT (callers handle AT_EMPTY_PATH first). */
export function readPath(h: Hart, addr: number): string {
  const s = readString(h, addr);
  if (s === '') throw new SysError(E.ENOENT);
  return s;
}

export function readU64(h: Hart, addr: number): number { return h.mem.load64Num(addr); }
export function readU32(h: Hart, addr: number): number { return h.mem.load32(addr) >>> 0; }
export function readI32(h: Hart, addr: number): number { return h.mem.load32(addr); }
export function writeU32(h: Hart, addr: number, v: number): void { h.mem.store32(addr, v | 0); }
export function writeU64(h: Hart, addr: number, v: number): void { h.mem.store64Num(addr, v); }

/** Fail with EFAULT unless [addr, addr+len) is mapped writable (checked before consuming input). */
export function checkWritable(h: Hart, addr: number, len: number): void {
  if (len <= 0) return;
  for (let a = addr - (addr % 4096); a < addr + len; a += 4096) h.mem.writePage(a);
}

/**
 * Copy data to the guest as far as the buffer is writable, like the kernel's copy_to_user: returns the
 * bytes copied, or throws the fault if not even the first byte could be written.
 */
export function copyOut(h: Hart, addr: number, data: Uint8Array): number {
  let done = 0;
  while (done < data.length) {
    const a = addr + done, n = Math.min(data.length - done, 4096 - (a % 4096));
    try { h.mem.writeBytes(a, data.subarray(done, done + n)); } catch (e) { if (done === 0) throw e; break; }
    done += n;
  }
  return done;
}

/** Read up to n bytes of guest memory, stopping at the first unreadable page (the fault if that is the first). */
export function copyIn(h: Hart, addr: number, n: number): Uint8Array {
  try { return h.mem.readBytes(addr, n); } catch (e) {
    let ok = 0;
    while (ok < n) {
      const a = addr + ok, k = Math.min(n - ok, 4096 - (a % 4096));
      try { h.mem.readPage(a); } catch { break; }
      ok += k;
    }
    if (ok === 0) throw e;
    return h.mem.readBytes(addr, ok);
  }
}

/** A little-endian structure built in JS and copied to the guest in one go. */
export class Struct {
  readonly bytes: Uint8Array;
  readonly view: DataView;
  constructor(size: number) { this.bytes = new Uint8Array(size); this.view = new DataView(this.bytes.buffer); }
  u8(off: number, v: number): this { this.view.setUint8(off, v); return this; }
  u16(off: number, v: number): this { this.view.setUint16(off, v, true); return this; }
  u32(off: number, v: number): this { this.view.setUint32(off, v >>> 0, true); return this; }
  i32(off: number, v: number): this { this.view.setInt32(off, v | 0, true); return this; }
  /** A 64-bit field from a JS number (negative values are stored two's complement). */
  u64(off: number, v: number): this {
    this.view.setUint32(off, (v % 4294967296) >>> 0, true);
    this.view.setUint32(off + 4, Math.floor(v / 4294967296) >>> 0, true);
    return this;
  }
  big(off: number, v: bigint): this { this.view.setBigUint64(off, BigInt.asUintN(64, v), true); return this; }
  /** A NUL-padded string field of `size` bytes (truncated to leave room for the NUL). */
  str(off: number, s: string, size: number): this {
    const b = utf8Encode(s).subarray(0, size - 1);
    this.bytes.set(b, off);
    return this;
  }
  writeTo(h: Hart, addr: number): void { h.mem.writeBytes(addr, this.bytes); }
}
