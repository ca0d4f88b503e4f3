// File-system and descriptor syscalls.
import type { Hart } from '../isa/hart.js';
import type { HostStat } from '../host/host.js';
import { utf8Encode } from '../elf/utf8.js';
import {
  AT_FDCWD, argInt, argNum, argU32, checkWritable, copyIn, copyOut, readI32, readPath, readString, readU64, Struct, writeU32,
} from './abi.js';
import { E, SysError } from './errno.js';
import {
  HostFile, O_CLOEXEC, O_CREAT, O_DIRECT, O_DIRECTORY, O_EXCL, O_LARGEFILE, O_NOCTTY, O_NONBLOCK, O_PATH, O_RDONLY,
  O_NOFOLLOW, O_TMPFILE, O_TRUNC, O_WRONLY, PipeEnd, SETFL_MASK, S_IFDIR, S_IFMT, S_IFREG, type OpenFile,
} from './files.js';
import { SYS } from './numbers.js';
import { clockNow, CLOCK_REALTIME } from './time.js';
import { openSpecial, readlinkSpecial, specialPath, statSpecial } from './special.js';
import type { LinuxSystem, Syscall } from './system.js';

/** Most bytes one read/write moves (Linux caps at 0x7ffff000; a short count is always allowed). */
const MAX_IO = 1 << 26;
const IOV_MAX = 1024;

export const AT_SYMLINK_NOFOLLOW = 0x100, AT_REMOVEDIR = 0x200, AT_EACCESS = 0x200, AT_SYMLINK_FOLLOW = 0x400,
  AT_NO_AUTOMOUNT = 0x800, AT_EMPTY_PATH = 0x1000;
const F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_GETLK = 5, F_SETLK = 6, F_SETLKW = 7,
  F_SETOWN = 8, F_GETOWN = 9, F_OFD_GETLK = 36, F_OFD_SETLK = 37, F_OFD_SETLKW = 38, F_DUPFD_CLOEXEC = 1030,
  F_SETPIPE_SZ = 1031, F_GETPIPE_SZ = 1032, FD_CLOEXEC = 1, F_ADD_SEALS = 1033, F_GET_SEALS = 1034;
const TCGETS = 0x5401, TCSETS = 0x5402, TCSETSW = 0x5403, TCSETSF = 0x5404, TIOCGPGRP = 0x540f, TIOCSPGRP = 0x5410,
  TIOCGWINSZ = 0x5413, TIOCSWINSZ = 0x5414, FIONREAD = 0x541b, FIONBIO = 0x5421, FIONCLEX = 0x5450, FIOCLEX = 0x5451;
const RENAME_NOREPLACE = 1, RENAME_EXCHANGE = 2, RENAME_WHITEOUT = 4;
const STATX_BASIC_STATS = 0x7ff;
const DT_UNKNOWN = 0, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

function readable(s: LinuxSystem, fd: number): OpenFile {
  const f = s.files.get(fd);
  if (!f.readable) throw new SysError(E.EBADF);
  return f;
}
function writable(s: LinuxSystem, fd: number): OpenFile {
  const f = s.files.get(fd);
  if (!f.writable) throw new SysError(E.EBADF);
  return f;
}
function count(n: number): number {
  if (n < 0) throw new SysError(E.EINVAL);
  return Math.min(n, MAX_IO);
}

// ------------------------------------------------------------------------------------------ read/write
const read: Syscall = (s, h) => {
  const f = readable(s, argInt(h, 0)), addr = argNum(h, 1), n = count(argNum(h, 2));
  if (n === 0) return 0;
  checkWritable(h, addr, 1); // a bad pointer fails before any input is consumed
  const buf = new Uint8Array(n);
  return copyOut(h, addr, buf.subarray(0, f.read(buf)));
};

const write: Syscall = (s, h) => {
  const f = writable(s, argInt(h, 0)), addr = argNum(h, 1), n = count(argNum(h, 2));
  if (n === 0) return 0;
  return f.write(copyIn(h, addr, n));
};

const pread64: Syscall = (s, h) => {
  const f = readable(s, argInt(h, 0)), addr = argNum(h, 1), n = count(argNum(h, 2)), pos = argNum(h, 3);
  if (pos < 0) throw new SysError(E.EINVAL);
  if (n === 0) return 0;
  checkWritable(h, addr, 1);
  const buf = new Uint8Array(n);
  return copyOut(h, addr, buf.subarray(0, f.pread(buf, pos)));
};

const pwrite64: Syscall = (s, h) => {
  const f = writable(s, argInt(h, 0)), addr = argNum(h, 1), n = count(argNum(h, 2)), pos = argNum(h, 3);
  if (pos < 0) throw new SysError(E.EINVAL);
  if (n === 0) return 0;
  return f.pwrite(copyIn(h, addr, n), pos);
};

/** The (base, len) pairs of an iovec array; the total is capped so one call never moves more than MAX_IO. */
function iovecs(h: Hart, addr: number, cnt: number): [number, number][] {
  if (cnt < 0 || cnt > IOV_MAX) throw new SysError(E.EINVAL);
  const out: [number, number][] = [];
  let total = 0;
  for (let i = 0; i < cnt; i++) {
    const base = readU64(h, addr + 16 * i), len = readU64(h, addr + 16 * i + 8);
    if (len < 0) throw new SysError(E.EINVAL);
    const take = Math.min(len, MAX_IO - total);
    if (take > 0) out.push([base, take]);
    total += take;
  }
  return out;
}

function doReadv(f: OpenFile, h: Hart, iov: [number, number][], pos: number): number {
  let total = 0;
  for (const [base, len] of iov) { checkWritable(h, base, len); total += len; }
  if (total === 0) return 0;
  const buf = new Uint8Array(total);
  const got = pos < 0 ? f.read(buf) : f.pread(buf, pos);
  let o = 0;
  for (const [base, len] of iov) {
    if (o >= got) break;
    const k = Math.min(len, got - o);
    h.mem.writeBytes(base, buf.subarray(o, o + k));
    o += k;
  }
  return got;
}

function doWritev(f: OpenFile, h: Hart, iov: [number, number][], pos: number): number {
  const parts = iov.map(([base, len]) => h.mem.readBytes(base, len));
  const total = parts.reduce((a, p) => a + p.length, 0);
  if (total === 0) return 0;
  const buf = new Uint8Array(total);
  let o = 0;
  for (const p of parts) { buf.set(p, o); o += p.length; }
  return pos < 0 ? f.write(buf) : f.pwrite(buf, pos);
}

const readv: Syscall = (s, h) => { const f = readable(s, argInt(h, 0)); return doReadv(f, h, iovecs(h, argNum(h, 1), argInt(h, 2)), -1); };
const writev: Syscall = (s, h) => { const f = writable(s, argInt(h, 0)); return doWritev(f, h, iovecs(h, argNum(h, 1), argInt(h, 2)), -1); };
const preadv: Syscall = (s, h) => {
  const f = readable(s, argInt(h, 0)), pos = argNum(h, 3);
  if (pos < 0) throw new SysError(E.EINVAL);
  return doReadv(f, h, iovecs(h, argNum(h, 1), argInt(h, 2)), pos);
};
const pwritev: Syscall = (s, h) => {
  const f = writable(s, argInt(h, 0)), pos = argNum(h, 3);
  if (pos < 0) throw new SysError(E.EINVAL);
  return doWritev(f, h, iovecs(h, argNum(h, 1), argInt(h, 2)), pos);
};

const lseek: Syscall = (s, h) => s.files.get(argInt(h, 0)).seek(argNum(h, 1), argInt(h, 2));

// ------------------------------------------------------------------------------------------ open/close/dup
const openat: Syscall = (s, h) => {
  const dirfd = argInt(h, 0), path = readPath(h, argNum(h, 1)), flags = argInt(h, 2), mode = argU32(h, 3);
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const keep = flags & ~O_CLOEXEC;
  // Unnamed temporary files need host support we do not have; libc falls back to a named file.
  if ((flags & O_TMPFILE) === O_TMPFILE) throw new SysError(E.EOPNOTSUPP);
  const p = s.at(dirfd, path, (flags & O_NOFOLLOW) === 0);
  const sp = specialPath(s, p.guest);
  let f: OpenFile;
  if (sp !== undefined) {
    if ((flags & O_CREAT) && (flags & O_EXCL)) throw new SysError(E.EEXIST);
    f = openSpecial(s, h, sp, p.guest, keep & ~(O_CREAT | O_EXCL | O_TRUNC));
  } else {
    // O_PATH descriptors only name a file; open it read-only on the host to get a handle.
    const hostFlags = keep & O_PATH ? O_RDONLY | (keep & O_DIRECTORY) : keep & ~O_NONBLOCK;
    f = s.openHost(p.host, p.guest, hostFlags, mode & ~s.umask & 0o7777);
    // What F_GETFL reports: the open flags minus those that only act at open time.
    f.flags = (keep & ~(O_CREAT | O_EXCL | O_NOCTTY | O_TRUNC)) | O_LARGEFILE;
  }
  return s.files.add(f, cloexec);
};

const close: Syscall = (s, h) => { s.files.close(argInt(h, 0)); return 0; };

const closeRange: Syscall = (s, h) => {
  const first = argU32(h, 0), last = argU32(h, 1), flags = argU32(h, 2);
  const CLOSE_RANGE_UNSHARE = 2, CLOSE_RANGE_CLOEXEC = 4;
  if (first > last || (flags & ~(CLOSE_RANGE_UNSHARE | CLOSE_RANGE_CLOEXEC))) throw new SysError(E.EINVAL);
  for (const fd of s.files.fds()) {
    if (fd < first || fd > last) continue;
    if (flags & CLOSE_RANGE_CLOEXEC) s.files.setCloexec(fd, true); else s.files.close(fd);
  }
  return 0;
};

const dup: Syscall = (s, h) => s.files.dup(argInt(h, 0), false);

const dup3: Syscall = (s, h) => {
  const oldfd = argInt(h, 0), newfd = argInt(h, 1), flags = argInt(h, 2);
  if (flags & ~O_CLOEXEC) throw new SysError(E.EINVAL);
  const f = s.files.get(oldfd);
  if (oldfd === newfd) throw new SysError(E.EINVAL);
  f.refs++;
  s.files.put(newfd, f, (flags & O_CLOEXEC) !== 0);
  return newfd;
};

const pipe2: Syscall = (s, h) => {
  const addr = argNum(h, 0), flags = argInt(h, 1);
  if (flags & ~(O_CLOEXEC | O_NONBLOCK | O_DIRECT)) throw new SysError(E.EINVAL);
  checkWritable(h, addr, 8);
  const [r, w] = PipeEnd.create(s.newPipeId(), flags & (O_NONBLOCK | O_DIRECT));
  const cloexec = (flags & O_CLOEXEC) !== 0;
  const rfd = s.files.add(r, cloexec);
  let wfd: number;
  try { wfd = s.files.add(w, cloexec); } catch (e) { s.files.close(rfd); throw e; }
  writeU32(h, addr, rfd);
  writeU32(h, addr + 4, wfd);
  return 0;
};

const fcntl: Syscall = (s, h) => {
  const fd = argInt(h, 0), cmd = argInt(h, 1), arg = argNum(h, 2);
  const f = s.files.get(fd);
  switch (cmd) {
    case F_DUPFD: case F_DUPFD_CLOEXEC:
      if (arg < 0 || arg >= Number(s.rlimits.get(7)![0])) throw new SysError(E.EINVAL);
      return s.files.dup(fd, cmd === F_DUPFD_CLOEXEC, arg);
    case F_GETFD: return s.files.getCloexec(fd) ? FD_CLOEXEC : 0;
    case F_SETFD: s.files.setCloexec(fd, (arg & FD_CLOEXEC) !== 0); return 0;
    case F_GETFL: return f.flags;
    case F_SETFL: f.flags = (f.flags & ~SETFL_MASK) | (arg & SETFL_MASK); return 0;
    case F_GETLK: return s.locks.fcntl(h, f, arg, 'get', false);
    case F_SETLK: return s.locks.fcntl(h, f, arg, 'set', false);
    case F_SETLKW: return s.locks.fcntl(h, f, arg, 'setw', false);
    case F_OFD_GETLK: return s.locks.fcntl(h, f, arg, 'get', true);
    case F_OFD_SETLK: return s.locks.fcntl(h, f, arg, 'set', true);
    case F_OFD_SETLKW: return s.locks.fcntl(h, f, arg, 'setw', true);
    case F_SETOWN: return 0;
    case F_GETOWN: return 0;
    case F_GETPIPE_SZ: if (!(f instanceof PipeEnd)) throw new SysError(E.EBADF); return 65536;
    case F_SETPIPE_SZ: if (!(f instanceof PipeEnd)) throw new SysError(E.EBADF); return Math.max(4096, 2 ** Math.ceil(Math.log2(Math.max(1, arg))));
    case F_GET_SEALS: return 0;
    case F_ADD_SEALS: throw new SysError(E.EPERM);
    default: throw new SysError(E.EINVAL);
  }
};

const ioctl: Syscall = (s, h) => {
  const fd = argInt(h, 0), req = argU32(h, 1), arg = argNum(h, 2);
  const f = s.files.get(fd);
  switch (req) {
    case TCGETS: {
      if (!f.isTty()) throw new SysError(E.ENOTTY);
      // A terminal in its usual cooked mode: 38400 baud, 8 bits, echo, canonical input, NL -> CRNL output.
      const t = new Struct(36);
      t.u32(0, 0x0500).u32(4, 0x0005).u32(8, 0x00bf).u32(12, 0x8a3b).u8(16, 0);
      const cc = [3, 0x1c, 0x7f, 0x15, 4, 0, 1, 0, 0x11, 0x13, 0x1a, 0, 0x12, 0x0f, 0x17, 0x16, 0];
      cc.forEach((c, i) => t.u8(17 + i, c));
      t.writeTo(h, arg);
      return 0;
    }
    case TCSETS: case TCSETSW: case TCSETSF: case TIOCSWINSZ: case TIOCSPGRP:
      if (!f.isTty()) throw new SysError(E.ENOTTY);
      return 0;
    case TIOCGWINSZ: {
      if (!f.isTty()) throw new SysError(E.ENOTTY);
      const ws = s.host.windowSize(f.hostFd) ?? { rows: 24, cols: 80 };
      new Struct(8).u16(0, ws.rows).u16(2, ws.cols).writeTo(h, arg);
      return 0;
    }
    case TIOCGPGRP:
      if (!f.isTty()) throw new SysError(E.ENOTTY);
      writeU32(h, arg, s.pid);
      return 0;
    case FIONREAD: {
      let n = 0;
      if (f instanceof PipeEnd) n = f.available;
      else if (f instanceof HostFile && f.dirPath === undefined) {
        const st = f.stat();
        if ((st.mode & S_IFMT) === S_IFREG) n = Math.max(0, st.size - f.pos);
      }
      writeU32(h, arg, n);
      return 0;
    }
    case FIONBIO: {
      const on = readI32(h, arg) !== 0;
      f.flags = on ? f.flags | O_NONBLOCK : f.flags & ~O_NONBLOCK;
      return 0;
    }
    case FIOCLEX: s.files.setCloexec(fd, true); return 0;
    case FIONCLEX: s.files.setCloexec(fd, false); return 0;
    default: throw new SysError(E.ENOTTY);
  }
};

// ------------------------------------------------------------------------------------------ stat
/** stat of a path relative to dirfd (the AT_EMPTY_PATH case is handled by the callers). */
function statAt(s: LinuxSystem, dirfd: number, path: string, follow: boolean): HostStat {
  const p = s.at(dirfd, path, follow);
  const sp = specialPath(s, p.guest);
  if (sp !== undefined) return statSpecial(s, sp, follow);
  return s.host.stat(p.host, follow);
}

function statArg(s: LinuxSystem, h: Hart, dirfd: number, pathAddr: number, flags: number): HostStat {
  const path = readString(h, pathAddr);
  if (path === '') {
    if (!(flags & AT_EMPTY_PATH)) throw new SysError(E.ENOENT);
    return dirfd === AT_FDCWD ? s.host.stat(s.resolvePath(s.cwd), true) : s.files.get(dirfd).stat();
  }
  return statAt(s, dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
}

function splitTime(ms: number): [number, number] {
  const sec = Math.floor(ms / 1000);
  return [sec, Math.min(999_999_999, Math.max(0, Math.round((ms - sec * 1000) * 1e6)))];
}

/** struct stat (asm-generic, 128 bytes). */
export function encodeStat(st: HostStat): Struct {
  const t = new Struct(128);
  t.u64(0, st.dev).u64(8, st.ino).u32(16, st.mode).u32(20, st.nlink).u32(24, st.uid).u32(28, st.gid)
    .u64(32, st.rdev).u64(48, st.size).u32(56, st.blksize).u64(64, st.blocks);
  const times = [st.atimeMs, st.mtimeMs, st.ctimeMs];
  times.forEach((ms, i) => { const [sec, ns] = splitTime(ms); t.u64(72 + 16 * i, sec).u64(80 + 16 * i, ns); });
  return t;
}

function devMajor(dev: number): number { const d = BigInt(dev); return Number(((d >> 8n) & 0xfffn) | ((d >> 32n) & ~0xfffn)); }
function devMinor(dev: number): number { const d = BigInt(dev); return Number((d & 0xffn) | ((d >> 12n) & ~0xffn)); }

/** struct statx (256 bytes). */
export function encodeStatx(st: HostStat): Struct {
  const t = new Struct(256);
  t.u32(0, STATX_BASIC_STATS).u32(4, st.blksize).u32(16, st.nlink).u32(20, st.uid).u32(24, st.gid).u16(28, st.mode)
    .u64(32, st.ino).u64(40, st.size).u64(48, st.blocks);
  const ts = (off: number, ms: number) => { const [sec, ns] = splitTime(ms); t.u64(off, sec).u32(off + 8, ns); };
  ts(64, st.atimeMs); ts(96, st.ctimeMs); ts(112, st.mtimeMs);
  t.u32(128, devMajor(st.rdev)).u32(132, devMinor(st.rdev)).u32(136, devMajor(st.dev)).u32(140, devMinor(st.dev));
  return t;
}

const fstat: Syscall = (s, h) => { encodeStat(s.guestStat(s.files.get(argInt(h, 0)).stat())).writeTo(h, argNum(h, 1)); return 0; };

const newfstatat: Syscall = (s, h) => {
  const flags = argInt(h, 3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_NO_AUTOMOUNT | AT_EMPTY_PATH)) throw new SysError(E.EINVAL);
  encodeStat(s.guestStat(statArg(s, h, argInt(h, 0), argNum(h, 1), flags))).writeTo(h, argNum(h, 2));
  return 0;
};

const statx: Syscall = (s, h) => {
  const flags = argInt(h, 2);
  encodeStatx(s.guestStat(statArg(s, h, argInt(h, 0), argNum(h, 1), flags))).writeTo(h, argNum(h, 4));
  return 0;
};

const readlinkat: Syscall = (s, h) => {
  const p = s.at(argInt(h, 0), readPath(h, argNum(h, 1)), false);
  const addr = argNum(h, 2), size = argInt(h, 3);
  if (size <= 0) throw new SysError(E.EINVAL);
  const sp = specialPath(s, p.guest);
  const target = sp !== undefined ? readlinkSpecial(s, sp) : s.host.readlink(p.host);
  const b = utf8Encode(target).subarray(0, size);
  h.mem.writeBytes(addr, b);
  return b.length;
};

function accessAt(s: LinuxSystem, h: Hart, dirfd: number, pathAddr: number, mode: number, flags: number): number {
  if (mode & ~7) throw new SysError(E.EINVAL);
  const path = readString(h, pathAddr);
  if (path === '') {
    if (!(flags & AT_EMPTY_PATH)) throw new SysError(E.ENOENT);
    if (dirfd !== AT_FDCWD) s.files.get(dirfd);
    return 0;
  }
  const p = s.at(dirfd, path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  const sp = specialPath(s, p.guest);
  if (sp !== undefined) { statSpecial(s, sp, true); return 0; }
  s.host.access(p.host, mode);
  return 0;
}

const faccessat: Syscall = (s, h) => accessAt(s, h, argInt(h, 0), argNum(h, 1), argInt(h, 2), 0);
const faccessat2: Syscall = (s, h) => {
  const flags = argInt(h, 3);
  if (flags & ~(AT_EACCESS | AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SysError(E.EINVAL);
  return accessAt(s, h, argInt(h, 0), argNum(h, 1), argInt(h, 2), flags);
};

// ------------------------------------------------------------------------------------------ directories
const getcwd: Syscall = (s, h) => {
  const addr = argNum(h, 0), size = argNum(h, 1);
  const b = utf8Encode(s.cwd + '\0');
  if (size < b.length) throw new SysError(E.ERANGE);
  h.mem.writeBytes(addr, b);
  return b.length;
};

const chdir: Syscall = (s, h) => {
  const p = s.at(AT_FDCWD, readPath(h, argNum(h, 0)));
  const sp = specialPath(s, p.guest);
  const st = sp !== undefined ? statSpecial(s, sp, true) : s.host.stat(p.host, true);
  if ((st.mode & S_IFMT) !== S_IFDIR) throw new SysError(E.ENOTDIR);
  s.cwd = p.guest;
  return 0;
};

const fchdir: Syscall = (s, h) => {
  const f = s.files.get(argInt(h, 0));
  if (f.dirPath === undefined) throw new SysError(E.ENOTDIR);
  s.cwd = f.path;
  return 0;
};

const getdents64: Syscall = (s, h) => {
  const f = s.files.get(argInt(h, 0)), addr = argNum(h, 1), size = Math.min(argU32(h, 2), MAX_IO);
  if (!(f instanceof HostFile) || f.dirPath === undefined) throw new SysError(E.ENOTDIR);
  if (f.dirEntries === undefined) {
    const dir = f.dirPath;
    const self = f.stat().ino;
    let parent = self;
    try { parent = s.host.stat(`${dir}/..`, true).ino; } catch { /* keep self */ }
    f.dirEntries = [{ name: '.', ino: self, type: 'dir' }, { name: '..', ino: parent, type: 'dir' }, ...s.host.readdir(dir)];
  }
  const out = new Struct(size);
  let used = 0, i = f.pos;
  for (; i < f.dirEntries.length; i++) {
    const e = f.dirEntries[i];
    const name = utf8Encode(e.name);
    const reclen = (19 + name.length + 1 + 7) & ~7;
    if (used + reclen > size) {
      if (used === 0) throw new SysError(E.EINVAL);
      break;
    }
    const type = e.type === 'file' ? DT_REG : e.type === 'dir' ? DT_DIR : e.type === 'symlink' ? DT_LNK : DT_UNKNOWN;
    out.u64(used, e.ino).u64(used + 8, i + 1).u16(used + 16, reclen).u8(used + 18, type);
    out.bytes.set(name, used + 19);
    used += reclen;
  }
  if (used > 0) h.mem.writeBytes(addr, out.bytes.subarray(0, used));
  f.pos = i;
  return used;
};

const mkdirat: Syscall = (s, h) => {
  const p = s.at(argInt(h, 0), readPath(h, argNum(h, 1)), false);
  if (specialPath(s, p.guest) !== undefined) throw new SysError(E.EEXIST);
  s.host.mkdir(p.host, argU32(h, 2) & ~s.umask & 0o7777);
  return 0;
};

const unlinkat: Syscall = (s, h) => {
  const flags = argInt(h, 2);
  if (flags & ~AT_REMOVEDIR) throw new SysError(E.EINVAL);
  const p = s.at(argInt(h, 0), readPath(h, argNum(h, 1)), false);
  if (specialPath(s, p.guest) !== undefined) throw new SysError(E.EACCES);
  if (flags & AT_REMOVEDIR) s.host.rmdir(p.host); else s.host.unlink(p.host);
  return 0;
};

const renameat2: Syscall = (s, h) => {
  const from = s.at(argInt(h, 0), readPath(h, argNum(h, 1)), false);
  const to = s.at(argInt(h, 2), readPath(h, argNum(h, 3)), false);
  const flags = argU32(h, 4);
  if (flags & ~(RENAME_NOREPLACE | RENAME_EXCHANGE | RENAME_WHITEOUT)) throw new SysError(E.EINVAL);
  if (flags & (RENAME_EXCHANGE | RENAME_WHITEOUT)) throw new SysError(E.EINVAL);
  if (flags & RENAME_NOREPLACE) {
    let exists = true;
    try { s.host.stat(to.host, false); } catch { exists = false; }
    if (exists) throw new SysError(E.EEXIST);
  }
  s.host.rename(from.host, to.host);
  return 0;
};

const symlinkat: Syscall = (s, h) => {
  const target = readPath(h, argNum(h, 0));
  const p = s.at(argInt(h, 1), readPath(h, argNum(h, 2)), false);
  s.host.symlink(target, p.host);
  return 0;
};

const ftruncate: Syscall = (s, h) => {
  const f = s.files.get(argInt(h, 0)), len = argNum(h, 1);
  if (len < 0 || !f.writable) throw new SysError(E.EINVAL);
  f.truncate(len);
  return 0;
};

const truncate: Syscall = (s, h) => {
  const p = s.at(AT_FDCWD, readPath(h, argNum(h, 0))), len = argNum(h, 1);
  if (len < 0) throw new SysError(E.EINVAL);
  const f = s.openHost(p.host, p.guest, O_WRONLY, 0);
  try { f.truncate(len); } finally { f.release(); }
  return 0;
};

const fchmod: Syscall = (s, h) => {
  const f = s.files.get(argInt(h, 0));
  if (f instanceof HostFile) s.host.chmod(f.hostPath, argU32(h, 1) & 0o7777);
  return 0;
};

const fchmodat: Syscall = (s, h) => {
  const p = s.at(argInt(h, 0), readPath(h, argNum(h, 1)));
  s.host.chmod(p.host, argU32(h, 2) & 0o7777);
  return 0;
};

/** Calls that only need a valid descriptor (data is always "on disk" from the guest's point of view). */
const fdNoop: Syscall = (s, h) => { s.files.get(argInt(h, 0)); return 0; };

/** fsync/fdatasync: the file's shared mappings reach it (host writes are already with the host). */
const fsync: Syscall = (s, h) => {
  const f = s.files.get(argInt(h, 0));
  if (f instanceof HostFile && f.ident !== '') s.sharedFiles.syncFile(f.ident);
  return 0;
};

const flock: Syscall = (s, h) => s.locks.flock(s.files.get(argInt(h, 0)), argInt(h, 1));

const UTIME_NOW = (1 << 30) - 1, UTIME_OMIT = (1 << 30) - 2;

/** utimensat(dirfd, path, times[2], flags); a null path sets the times of dirfd itself (futimens). */
const utimensat: Syscall = (s, h) => {
  const dirfd = argInt(h, 0), pathAddr = argNum(h, 1), times = argNum(h, 2), flags = argInt(h, 3);
  if (flags & ~(AT_SYMLINK_NOFOLLOW | AT_EMPTY_PATH)) throw new SysError(E.EINVAL);
  const follow = (flags & AT_SYMLINK_NOFOLLOW) === 0;
  let target: { fd: number } | { path: string };
  let cur: HostStat;
  const path = pathAddr === 0 ? '' : readString(h, pathAddr);
  if (path === '') {
    if (pathAddr !== 0 && !(flags & AT_EMPTY_PATH)) throw new SysError(E.ENOENT);
    const f = s.files.get(dirfd);
    if (!(f instanceof HostFile)) return 0; // pipes and emulated files keep no times
    target = { fd: f.hostFd }; cur = f.stat();
  } else {
    const p = s.at(dirfd, path, follow);
    if (specialPath(s, p.guest) !== undefined) throw new SysError(E.EPERM);
    target = { path: p.host }; cur = s.host.stat(p.host, follow);
  }
  const now = clockNow(s, h, CLOCK_REALTIME);
  const nowS = now[0] + now[1] / 1e9;
  const pick = (i: number, old: number): number => {
    if (times === 0) return nowS;
    const sec = h.mem.load64Num(times + 16 * i), nsec = h.mem.load64Num(times + 16 * i + 8);
    if (nsec === UTIME_NOW) return nowS;
    if (nsec === UTIME_OMIT) return old / 1000;
    if (nsec < 0 || nsec >= 1e9) throw new SysError(E.EINVAL);
    return sec + nsec / 1e9;
  };
  const at = pick(0, cur.atimeMs), mt = pick(1, cur.mtimeMs);
  if ('fd' in target) s.host.futimes(target.fd, at, mt);
  else s.host.utimes(target.path, at, mt, follow);
  return 0;
};

const linkat: Syscall = (s, h) => {
  const flags = argInt(h, 4);
  if (flags & ~(AT_SYMLINK_FOLLOW | AT_EMPTY_PATH)) throw new SysError(E.EINVAL);
  const from = s.at(argInt(h, 0), readPath(h, argNum(h, 1)), (flags & AT_SYMLINK_FOLLOW) !== 0);
  const to = s.at(argInt(h, 2), readPath(h, argNum(h, 3)), false);
  if (specialPath(s, from.guest) !== undefined || specialPath(s, to.guest) !== undefined) throw new SysError(E.EXDEV);
  s.host.link(from.host, to.host);
  return 0;
};

// statfs: a fixed description per kind of file system, so output does not depend on the host's disks.
const EXT4_SUPER_MAGIC = 0xef53, PROC_SUPER_MAGIC = 0x9fa0, SYSFS_MAGIC = 0x62656572, TMPFS_MAGIC = 0x01021994;
const ST_RELATIME = 0x1000, ST_NOSUID = 2, ST_NODEV = 4, ST_NOEXEC = 8;

function encodeStatfs(guestPath: string): Struct {
  const t = new Struct(120);
  const top = guestPath.split('/')[1] ?? '';
  const magic = top === 'proc' ? PROC_SUPER_MAGIC : top === 'sys' ? SYSFS_MAGIC : top === 'dev' ? TMPFS_MAGIC : EXT4_SUPER_MAGIC;
  const disk = magic === EXT4_SUPER_MAGIC;
  // f_type f_bsize f_blocks f_bfree f_bavail f_files f_ffree f_fsid f_namelen f_frsize f_flags
  t.u64(0, magic).u64(8, 4096)
    .u64(16, disk ? 26_214_400 : 0).u64(24, disk ? 13_107_200 : 0).u64(32, disk ? 12_582_912 : 0)
    .u64(40, disk ? 6_553_600 : 0).u64(48, disk ? 6_000_000 : 0).u64(56, 0)
    .u64(64, 255).u64(72, 4096).u64(80, ST_RELATIME | (disk ? 0 : ST_NOSUID | ST_NODEV | ST_NOEXEC));
  return t;
}

const statfs: Syscall = (s, h) => {
  const p = s.at(AT_FDCWD, readPath(h, argNum(h, 0)));
  const sp = specialPath(s, p.guest);
  if (sp !== undefined) statSpecial(s, sp, true); else s.host.stat(p.host, true);
  encodeStatfs(p.guest).writeTo(h, argNum(h, 1));
  return 0;
};

const fstatfs: Syscall = (s, h) => {
  const f = s.files.get(argInt(h, 0));
  encodeStatfs(f.path).writeTo(h, argNum(h, 1));
  return 0;
};

/** chown as an unprivileged user: only "to yourself" (-1 = unchanged) is allowed, and changes nothing. */
function chownCheck(s: LinuxSystem, uid: number, gid: number): number {
  if ((uid !== -1 && uid !== s.uid) || (gid !== -1 && gid !== s.gid)) throw new SysError(E.EPERM);
  return 0;
}
const fchown: Syscall = (s, h) => { s.files.get(argInt(h, 0)); return chownCheck(s, argInt(h, 1), argInt(h, 2)); };
const fchownat: Syscall = (s, h) => {
  const flags = argInt(h, 4);
  const path = readString(h, argNum(h, 1));
  if (path === '') { if (!(flags & AT_EMPTY_PATH)) throw new SysError(E.ENOENT); s.files.get(argInt(h, 0)); }
  else statAt(s, argInt(h, 0), path, (flags & AT_SYMLINK_NOFOLLOW) === 0);
  return chownCheck(s, argInt(h, 2), argInt(h, 3));
};

/** fallocate mode 0 (allocate, extending the file); the other modes are not supported. */
const fallocate: Syscall = (s, h) => {
  const f = s.files.get(argInt(h, 0)), mode = argInt(h, 1), off = argNum(h, 2), len = argNum(h, 3);
  if (off < 0 || len <= 0) throw new SysError(E.EINVAL);
  if (!f.writable) throw new SysError(E.EBADF);
  if (mode !== 0) throw new SysError(E.EOPNOTSUPP);
  if (!(f instanceof HostFile)) throw new SysError(E.ENODEV);
  if (f.stat().size < off + len) f.truncate(off + len);
  return 0;
};

const umask: Syscall = (s, h) => { const old = s.umask; s.umask = argU32(h, 0) & 0o777; return old; };

export const fsSyscalls: Record<number, Syscall> = {
  [SYS.read]: read, [SYS.write]: write, [SYS.readv]: readv, [SYS.writev]: writev,
  [SYS.pread64]: pread64, [SYS.pwrite64]: pwrite64, [SYS.preadv]: preadv, [SYS.pwritev]: pwritev,
  [SYS.lseek]: lseek, [SYS.openat]: openat, [SYS.close]: close, [SYS.close_range]: closeRange,
  [SYS.dup]: dup, [SYS.dup3]: dup3, [SYS.pipe2]: pipe2, [SYS.fcntl]: fcntl, [SYS.ioctl]: ioctl,
  [SYS.fstat]: fstat, [SYS.newfstatat]: newfstatat, [SYS.statx]: statx, [SYS.readlinkat]: readlinkat,
  [SYS.faccessat]: faccessat, [SYS.faccessat2]: faccessat2, [SYS.getcwd]: getcwd, [SYS.chdir]: chdir,
  [SYS.fchdir]: fchdir, [SYS.getdents64]: getdents64, [SYS.mkdirat]: mkdirat, [SYS.unlinkat]: unlinkat,
  [SYS.renameat2]: renameat2, [SYS.symlinkat]: symlinkat, [SYS.ftruncate]: ftruncate, [SYS.truncate]: truncate,
  [SYS.fchmod]: fchmod, [SYS.fchmodat]: fchmodat, [SYS.fchmodat2]: fchmodat,
  [SYS.fsync]: fsync, [SYS.fdatasync]: fsync, [SYS.syncfs]: fdNoop, [SYS.flock]: flock, [SYS.fadvise64]: fdNoop,
  [SYS.sync_file_range]: fdNoop, [SYS.readahead]: fdNoop,
  [SYS.utimensat]: utimensat, [SYS.linkat]: linkat, [SYS.statfs]: statfs, [SYS.fstatfs]: fstatfs,
  [SYS.fchown]: fchown, [SYS.fchownat]: fchownat, [SYS.fallocate]: fallocate,
  [SYS.sync]: () => 0, [SYS.umask]: umask,
};
