// Waiting for descriptors (poll, ppoll, pselect6, epoll), eventfd, copying between descriptors, and the
// socket calls (no network: socket() fails with EACCES, as under a sandbox that forbids it).
//
// With one thread nothing can change while the guest waits: a wait with nothing ready either times out
// at once on the virtual clock or, without a timeout, would last forever (reported as a deadlock).
import type { Hart } from '../isa/hart.js';
import { argInt, argNum, argU32, readU64, Struct, writeU64 } from './abi.js';
import { E, SysError } from './errno.js';
import {
  O_CLOEXEC, O_NONBLOCK, O_RDWR, OpenFile, POLLERR, POLLHUP, POLLIN, POLLNVAL, POLLOUT, POLLPRI, POLLRDNORM,
  POLLWRNORM, S_IFCHR, syntheticStat, WouldBlock,
} from './files.js';
import type { HostStat } from '../host/host.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';

/** Readiness of one descriptor for the events asked for (POLLERR/POLLHUP/POLLNVAL always reported). */
function readiness(s: LinuxSystem, fd: number, events: number): number {
  if (!s.files.has(fd)) return POLLNVAL;
  return s.files.get(fd).poll() & (events | POLLERR | POLLHUP);
}

/** A timespec pointer as nanoseconds; null pointer: wait forever (Infinity). */
function timeoutNs(h: Hart, addr: number): number {
  if (addr === 0) return Infinity;
  const sec = readU64(h, addr), nsec = readU64(h, addr + 8);
  if (sec < 0 || nsec < 0 || nsec >= 1e9) throw new SysError(E.EINVAL);
  return sec * 1e9 + nsec;
}

/**
 * Nothing is ready: the thread waits (the call is tried again when other threads have run) until the
 * timeout passes on the virtual clock; then the call returns 0 (after `onTimeout`).
 */
function waitNothing(s: LinuxSystem, h: Hart, ns: number, what: string, onTimeout: () => void = () => {}): number {
  const timeout = (): number => { onTimeout(); return 0; };
  // With --host-time and nothing else to run, the host really sleeps.
  if (s.hostTime && ns !== Infinity && s.kernel.threads.length <= 1) { s.host.sleep(ns); return timeout(); }
  throw new WouldBlock(`${what} on descriptors that are not ready${ns === Infinity ? ' (no timeout)' : ''}`, {
    deadline: ns === Infinity ? Infinity : s.deadlineAfter(h, ns), onTimeout: timeout,
  });
}

function doPoll(s: LinuxSystem, h: Hart, fds: number, nfds: number, ns: number, onTimeout?: () => void): number {
  if (nfds < 0 || nfds > Number(s.rlimits.get(7)![0])) throw new SysError(E.EINVAL);
  const ready = (): number => {
    let n = 0;
    for (let i = 0; i < nfds; i++) {
      const at = fds + 8 * i;
      const fd = h.mem.load32(at), events = h.mem.load16u(at + 4);
      const rev = fd < 0 ? 0 : readiness(s, fd, events);
      h.mem.store16(at + 6, rev);
      if (rev !== 0) n++;
    }
    return n;
  };
  const n = ready();
  if (n > 0 || ns === 0) return n;
  return waitNothing(s, h, ns, 'poll', onTimeout);
}

const ppoll: Syscall = (s, h) => {
  const fds = argNum(h, 0), nfds = argInt(h, 1), tsp = argNum(h, 2);
  const ns = timeoutNs(h, tsp);
  // On timeout, the time left (none) goes back to the caller.
  return doPoll(s, h, fds, nfds, ns, () => { if (tsp !== 0) new Struct(16).writeTo(h, tsp); });
};

const SELECT_IN = POLLIN | POLLRDNORM | POLLHUP | POLLERR, SELECT_OUT = POLLOUT | POLLWRNORM | POLLERR, SELECT_EX = POLLPRI;

const pselect6: Syscall = (s, h) => {
  const nfds = argInt(h, 0), sets = [argNum(h, 1), argNum(h, 2), argNum(h, 3)], tsp = argNum(h, 4);
  if (nfds < 0 || nfds > Number(s.rlimits.get(7)![0])) throw new SysError(E.EINVAL);
  const ns = timeoutNs(h, tsp);
  const bytes = Math.ceil(nfds / 64) * 8;
  const inSets = sets.map((a) => (a !== 0 && bytes > 0 ? h.mem.readBytes(a, bytes) : undefined));
  const outSets = inSets.map((b) => (b !== undefined ? new Uint8Array(b.length) : undefined));
  const masks = [SELECT_IN, SELECT_OUT, SELECT_EX];
  let n = 0;
  for (let fd = 0; fd < nfds; fd++) {
    const bit = 1 << (fd & 7), byte = fd >> 3;
    const wanted = inSets.map((b) => b !== undefined && (b[byte] & bit) !== 0);
    if (!wanted.some((w) => w)) continue;
    if (!s.files.has(fd)) throw new SysError(E.EBADF);
    const rev = s.files.get(fd).poll();
    for (let k = 0; k < 3; k++) {
      if (wanted[k] && (rev & masks[k]) !== 0) { outSets[k]![byte] |= bit; n++; }
    }
  }
  if (n === 0 && ns !== 0) return waitNothing(s, h, ns, 'select');
  sets.forEach((a, k) => { if (outSets[k] !== undefined) h.mem.writeBytes(a, outSets[k]!); });
  if (tsp !== 0 && n === 0) new Struct(16).writeTo(h, tsp);
  return n;
};

// ------------------------------------------------------------------------------------------ epoll
const EPOLL_CTL_ADD = 1, EPOLL_CTL_DEL = 2, EPOLL_CTL_MOD = 3;
const EPOLLONESHOT = 1 << 30, EPOLLET = 1 << 31, EPOLLEXCLUSIVE = 1 << 28, EPOLLWAKEUP = 1 << 29;
const EPOLL_EVENT_SIZE = 16; // struct epoll_event is not packed on riscv64

interface Interest { file: OpenFile; events: number; data: bigint; disabled: boolean }

/** An epoll instance: level-triggered readiness of its interest list (edge-triggered is reported as level). */
export class EpollFile extends OpenFile {
  readonly interest = new Map<number, Interest>();
  constructor(flags: number) { super(O_RDWR | flags, 'anon_inode:[eventpoll]'); }
  override stat(): HostStat { return syntheticStat(0, 0, 0, 400); }
  override poll(): number { return 0; }
}

function epollOf(s: LinuxSystem, fd: number): EpollFile {
  const f = s.files.get(fd);
  if (!(f instanceof EpollFile)) throw new SysError(E.EINVAL);
  return f;
}

const epollCreate1: Syscall = (s, h) => {
  const flags = argInt(h, 0);
  if (flags & ~O_CLOEXEC) throw new SysError(E.EINVAL);
  return s.files.add(new EpollFile(0), (flags & O_CLOEXEC) !== 0);
};

const epollCtl: Syscall = (s, h) => {
  const ep = epollOf(s, argInt(h, 0)), op = argInt(h, 1), fd = argInt(h, 2), ev = argNum(h, 3);
  const f = s.files.get(fd);
  if (f === ep) throw new SysError(E.EINVAL);
  switch (op) {
    case EPOLL_CTL_ADD: case EPOLL_CTL_MOD: {
      const events = h.mem.load32(ev) >>> 0, data = h.mem.load64Big(ev + 8);
      if (op === EPOLL_CTL_ADD && ep.interest.has(fd)) throw new SysError(E.EEXIST);
      if (op === EPOLL_CTL_MOD && !ep.interest.has(fd)) throw new SysError(E.ENOENT);
      ep.interest.set(fd, { file: f, events: events & ~(EPOLLET | EPOLLONESHOT | EPOLLEXCLUSIVE | EPOLLWAKEUP), data, disabled: false });
      if (events & EPOLLONESHOT) ep.interest.get(fd)!.events |= EPOLLONESHOT;
      return 0;
    }
    case EPOLL_CTL_DEL:
      if (!ep.interest.delete(fd)) throw new SysError(E.ENOENT);
      return 0;
    default: throw new SysError(E.EINVAL);
  }
};

function epollWait(s: LinuxSystem, h: Hart, epfd: number, events: number, max: number, ns: number): number {
  const ep = epollOf(s, epfd);
  if (max <= 0) throw new SysError(E.EINVAL);
  let n = 0;
  for (const [fd, it] of ep.interest) {
    if (n >= max) break;
    if (it.disabled) continue;
    // A registration lasts as long as its description; once that is gone from the table, it is gone.
    if (!s.files.has(fd) || s.files.get(fd) !== it.file) { ep.interest.delete(fd); continue; }
    const rev = it.file.poll() & (it.events | POLLERR | POLLHUP);
    if (rev === 0) continue;
    new Struct(EPOLL_EVENT_SIZE).u32(0, rev).big(8, it.data).writeTo(h, events + n * EPOLL_EVENT_SIZE);
    if (it.events & EPOLLONESHOT) it.disabled = true;
    n++;
  }
  if (n === 0 && ns !== 0) return waitNothing(s, h, ns, 'epoll_wait');
  return n;
}

const epollPwait: Syscall = (s, h) => {
  const timeout = argInt(h, 3);
  return epollWait(s, h, argInt(h, 0), argNum(h, 1), argInt(h, 2), timeout < 0 ? Infinity : timeout * 1e6);
};
const epollPwait2: Syscall = (s, h) => epollWait(s, h, argInt(h, 0), argNum(h, 1), argInt(h, 2), timeoutNs(h, argNum(h, 3)));

// ------------------------------------------------------------------------------------------ eventfd
const EFD_SEMAPHORE = 1;
const U64_MAX = (1n << 64n) - 1n;

export class EventFd extends OpenFile {
  constructor(public count: bigint, flags: number, private readonly semaphore: boolean) { super(O_RDWR | flags, 'anon_inode:[eventfd]'); }
  override stat(): HostStat { return syntheticStat(S_IFCHR | 0o600, 0, 0, 401); }
  override read(buf: Uint8Array): number {
    if (buf.length < 8) throw new SysError(E.EINVAL);
    if (this.count === 0n) {
      if (this.flags & O_NONBLOCK) throw new SysError(E.EAGAIN);
      throw new WouldBlock('read from an eventfd whose count is 0');
    }
    const v = this.semaphore ? 1n : this.count;
    this.count -= v;
    new DataView(buf.buffer, buf.byteOffset, 8).setBigUint64(0, v, true);
    return 8;
  }
  override write(buf: Uint8Array): number {
    if (buf.length < 8) throw new SysError(E.EINVAL);
    const v = new DataView(buf.buffer, buf.byteOffset, 8).getBigUint64(0, true);
    if (v === U64_MAX) throw new SysError(E.EINVAL);
    if (this.count + v > U64_MAX - 1n) {
      if (this.flags & O_NONBLOCK) throw new SysError(E.EAGAIN);
      throw new WouldBlock('write to a full eventfd');
    }
    this.count += v;
    return 8;
  }
  override poll(): number { return (this.count > 0n ? POLLIN | POLLRDNORM : 0) | POLLOUT | POLLWRNORM; }
}

const eventfd2: Syscall = (s, h) => {
  const initval = argU32(h, 0), flags = argInt(h, 1);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | EFD_SEMAPHORE)) throw new SysError(E.EINVAL);
  return s.files.add(new EventFd(BigInt(initval), flags & O_NONBLOCK, (flags & EFD_SEMAPHORE) !== 0), (flags & O_CLOEXEC) !== 0);
};

// ------------------------------------------------------------------------------------------ copying
const CHUNK = 1 << 20;

/** Move up to len bytes from one description to another through memory (positions: -1 = the file offset). */
function copyBetween(src: OpenFile, srcPos: number, dst: OpenFile, dstPos: number, len: number): number {
  if (!src.readable || !dst.writable) throw new SysError(E.EBADF);
  let done = 0;
  while (done < len) {
    const buf = new Uint8Array(Math.min(CHUNK, len - done));
    const n = srcPos < 0 ? src.read(buf) : src.pread(buf, srcPos + done);
    if (n === 0) break;
    const w = dstPos < 0 ? dst.write(buf.subarray(0, n)) : dst.pwrite(buf.subarray(0, n), dstPos + done);
    done += w;
    if (w < n) break;
  }
  return done;
}

const copyFileRange: Syscall = (s, h) => {
  const src = s.files.get(argInt(h, 0)), offIn = argNum(h, 1), dst = s.files.get(argInt(h, 2)), offOut = argNum(h, 3);
  const len = argNum(h, 4), flags = argU32(h, 5);
  if (flags !== 0 || len < 0) throw new SysError(E.EINVAL);
  const pi = offIn !== 0 ? readU64(h, offIn) : -1, po = offOut !== 0 ? readU64(h, offOut) : -1;
  const n = copyBetween(src, pi, dst, po, Math.min(len, 1 << 30));
  if (offIn !== 0) writeU64(h, offIn, pi + n);
  if (offOut !== 0) writeU64(h, offOut, po + n);
  return n;
};

const sendfile: Syscall = (s, h) => {
  const dst = s.files.get(argInt(h, 0)), src = s.files.get(argInt(h, 1)), off = argNum(h, 2), count = argNum(h, 3);
  if (count < 0) throw new SysError(E.EINVAL);
  const pi = off !== 0 ? readU64(h, off) : -1;
  const n = copyBetween(src, pi, dst, -1, Math.min(count, 1 << 30));
  if (off !== 0) writeU64(h, off, pi + n);
  return n;
};

// ------------------------------------------------------------------------------------------ sockets
const AF_UNIX = 1;
const noNetwork: Syscall = (s, h) => {
  // Local sockets are what libc tries quietly on its own (nscd, syslog) and copes without; a network
  // socket is something the program asked for, so say why it fails.
  if (argInt(h, 0) !== AF_UNIX) s.warnOnce('socket', 'the guest asked for a network socket; networking is not available (socket() fails with EACCES)');
  throw new SysError(E.EACCES);
};

/** Extended attributes: none exist, and none can be set (as on a file system without them). */
const noXattr: Syscall = () => { throw new SysError(E.ENODATA); };
const xattrList: Syscall = () => 0;
const xattrSet: Syscall = () => { throw new SysError(E.EOPNOTSUPP); };
/** Socket operations on a descriptor: none of ours is a socket. */
const notSocket: Syscall = (s, h) => { s.files.get(argInt(h, 0)); throw new SysError(E.ENOTSOCK); };

export const ioSyscalls: Record<number, Syscall> = {
  [SYS.ppoll]: ppoll, [SYS.pselect6]: pselect6,
  [SYS.epoll_create1]: epollCreate1, [SYS.epoll_ctl]: epollCtl, [SYS.epoll_pwait]: epollPwait, [SYS.epoll_pwait2]: epollPwait2,
  [SYS.eventfd2]: eventfd2, [SYS.copy_file_range]: copyFileRange, [SYS.sendfile]: sendfile,
  [SYS.socket]: noNetwork, [SYS.socketpair]: noNetwork,
  [SYS.getxattr]: noXattr, [SYS.lgetxattr]: noXattr, [SYS.fgetxattr]: noXattr,
  [SYS.listxattr]: xattrList, [SYS.llistxattr]: xattrList, [SYS.flistxattr]: xattrList,
  [SYS.setxattr]: xattrSet, [SYS.lsetxattr]: xattrSet, [SYS.fsetxattr]: xattrSet,
  [SYS.removexattr]: xattrSet, [SYS.lremovexattr]: xattrSet, [SYS.fremovexattr]: xattrSet,
  [SYS.bind]: notSocket, [SYS.listen]: notSocket, [SYS.accept]: notSocket, [SYS.accept4]: notSocket,
  [SYS.connect]: notSocket, [SYS.getsockname]: notSocket, [SYS.getpeername]: notSocket, [SYS.sendto]: notSocket,
  [SYS.recvfrom]: notSocket, [SYS.setsockopt]: notSocket, [SYS.getsockopt]: notSocket, [SYS.shutdown]: notSocket,
  [SYS.sendmsg]: notSocket, [SYS.recvmsg]: notSocket, [SYS.sendmmsg]: notSocket, [SYS.recvmmsg]: notSocket,
};
