import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync, statSync, symlinkSync, readlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYS } from '../../src/syscalls/numbers.js';
import { E } from '../../src/syscalls/errno.js';
import { call, CaptureHost, cstr, readStr, rig, SCRATCH, type Rig } from './harness.js';

const AT_FDCWD = -100;
const O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0o100, O_EXCL = 0o200, O_TRUNC = 0o1000, O_APPEND = 0o2000,
  O_DIRECTORY = 0o200000, O_CLOEXEC = 0o2000000, O_NONBLOCK = 0o4000, O_LARGEFILE = 0o100000;
const BUF = SCRATCH + 0x1000, BUF2 = SCRATCH + 0x20000;

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rvemu-fs-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

function put(r: Rig, addr: number, s: string): number { const b = new TextEncoder().encode(s); r.mem.writeBytes(addr, b); return b.length; }

describe('standard streams', () => {
  it('write and writev to fd 1/2 go to the host', () => {
    const r = rig();
    const n = put(r, BUF, 'hello\n');
    expect(call(r, SYS.write, 1, BUF, n)).toBe(6);
    expect(call(r, SYS.write, 2, BUF, 5)).toBe(5);
    // writev: two iovecs "ab" + "cd", one empty
    put(r, BUF2, 'abcd');
    const iov = BUF + 0x100;
    r.mem.store64Num(iov, BUF2); r.mem.store64Num(iov + 8, 2);
    r.mem.store64Num(iov + 16, BUF2); r.mem.store64Num(iov + 24, 0);
    r.mem.store64Num(iov + 32, BUF2 + 2); r.mem.store64Num(iov + 40, 2);
    expect(call(r, SYS.writev, 1, iov, 3)).toBe(4);
    expect(r.host.text(1)).toBe('hello\nabcd');
    expect(r.host.text(2)).toBe('hello');
  });

  it('read from stdin and readv', () => {
    const r = rig({}, new CaptureHost('input line\nrest'));
    expect(call(r, SYS.read, 0, BUF, 5)).toBe(5);
    expect(readStr(r, BUF, 5)).toBe('input');
    const iov = BUF + 0x100;
    r.mem.store64Num(iov, BUF2); r.mem.store64Num(iov + 8, 3);
    r.mem.store64Num(iov + 16, BUF2 + 100); r.mem.store64Num(iov + 24, 100);
    expect(call(r, SYS.readv, 0, iov, 2)).toBe(10);
    expect(readStr(r, BUF2, 3)).toBe(' li');
    expect(readStr(r, BUF2 + 100, 7)).toBe('ne\nrest');
    expect(call(r, SYS.read, 0, BUF, 5)).toBe(0);
  });

  it('a count larger than the mapped buffer is fine while the data fits; a partial copy returns its length', () => {
    const r = rig({}, new CaptureHost('0123456789'));
    const end = SCRATCH + (1 << 20);
    expect(call(r, SYS.read, 0, end - 16, 1 << 20)).toBe(10);
    expect(readStr(r, end - 16, 10)).toBe('0123456789');
    const r2 = rig({}, new CaptureHost('0123456789'));
    expect(call(r2, SYS.read, 0, end - 4, 100)).toBe(4);
    put(r2, end - 3, 'xyz');
    expect(call(r2, SYS.write, 1, end - 3, 100)).toBe(3);
    expect(r2.host.text(1)).toBe('xyz');
  });

  it('bad descriptors and bad buffers', () => {
    const r = rig();
    expect(call(r, SYS.write, 7, BUF, 1)).toBe(-E.EBADF);
    expect(call(r, SYS.write, -1, BUF, 1)).toBe(-E.EBADF);
    expect(call(r, SYS.write, 1, 0x10, 1)).toBe(-E.EFAULT);
    expect(call(r, SYS.read, 0, 0x10, 1)).toBe(-E.EFAULT);
    expect(call(r, SYS.read, 1, BUF, 1)).toBe(-E.EBADF); // stdout is write-only when not a tty
    expect(call(r, SYS.write, 1, BUF, 0)).toBe(0);
  });

  it('ioctl: TCGETS/TIOCGWINSZ only on a terminal', () => {
    const r = rig();
    expect(call(r, SYS.ioctl, 1, 0x5401, BUF)).toBe(-E.ENOTTY);
    expect(call(r, SYS.ioctl, 1, 0x5413, BUF)).toBe(-E.ENOTTY);
    const host = new CaptureHost(); host.tty = true;
    const t = rig({}, host);
    expect(call(t, SYS.ioctl, 1, 0x5401, BUF)).toBe(0);
    expect(t.mem.load32(BUF + 12) & 0x2).toBe(0x2); // ICANON
    expect(t.mem.load8u(BUF + 17 + 4)).toBe(4);    // VEOF = ^D
    expect(call(t, SYS.ioctl, 1, 0x5413, BUF)).toBe(0);
    expect([t.mem.load16u(BUF), t.mem.load16u(BUF + 2)]).toEqual([50, 132]);
    expect(call(t, SYS.ioctl, 1, 0x12345678, BUF)).toBe(-E.ENOTTY);
  });
});

describe('files on the host (real NodeHost, temp dir)', () => {
  it('openat/write/lseek/read/close', () => {
    const r = rig({ cwd: dir });
    const path = cstr(r, 'a.txt');
    const fd = call(r, SYS.openat, AT_FDCWD, path, O_RDWR | O_CREAT | O_TRUNC, 0o644);
    expect(fd).toBe(3);
    const n = put(r, BUF, 'hello file\n');
    expect(call(r, SYS.write, fd, BUF, n)).toBe(n);
    expect(readFileSync(join(dir, 'a.txt'), 'utf8')).toBe('hello file\n');
    expect(call(r, SYS.lseek, fd, 6, 0)).toBe(6);
    expect(call(r, SYS.read, fd, BUF2, 100)).toBe(5);
    expect(readStr(r, BUF2, 5)).toBe('file\n');
    expect(call(r, SYS.read, fd, BUF2, 100)).toBe(0);
    expect(call(r, SYS.lseek, fd, -2, 1)).toBe(9);
    expect(call(r, SYS.lseek, fd, 10, 2)).toBe(21);
    expect(call(r, SYS.lseek, fd, -100, 1)).toBe(-E.EINVAL);
    expect(call(r, SYS.close, fd)).toBe(0);
    expect(call(r, SYS.close, fd)).toBe(-E.EBADF);
    expect((statSync(join(dir, 'a.txt')).mode & 0o777)).toBe(0o644);
  });

  it('O_EXCL, ENOENT, O_APPEND, O_DIRECTORY, read-only descriptors', () => {
    const r = rig({ cwd: dir });
    writeFileSync(join(dir, 'b.txt'), 'abc');
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, 'b.txt'), O_WRONLY | O_CREAT | O_EXCL, 0o600)).toBe(-E.EEXIST);
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, 'nope/x'), O_RDONLY)).toBe(-E.ENOENT);
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, 'b.txt'), O_RDONLY | O_DIRECTORY)).toBe(-E.ENOTDIR);
    const fd = call(r, SYS.openat, AT_FDCWD, cstr(r, join(dir, 'b.txt')), O_WRONLY | O_APPEND);
    put(r, BUF, 'de');
    expect(call(r, SYS.write, fd, BUF, 2)).toBe(2);
    expect(call(r, SYS.lseek, fd, 0, 0)).toBe(0);
    expect(call(r, SYS.write, fd, BUF, 1)).toBe(1); // still appends
    expect(readFileSync(join(dir, 'b.txt'), 'utf8')).toBe('abcded');
    expect(call(r, SYS.read, fd, BUF, 1)).toBe(-E.EBADF);
    const ro = call(r, SYS.openat, AT_FDCWD, cstr(r, 'b.txt'), O_RDONLY);
    expect(call(r, SYS.write, ro, BUF, 1)).toBe(-E.EBADF);
    expect(call(r, SYS.fcntl, ro, 3 /* F_GETFL */)).toBe(O_RDONLY | O_LARGEFILE);
    expect(call(r, SYS.fcntl, fd, 3)).toBe(O_WRONLY | O_APPEND | O_LARGEFILE);
  });

  it('pread64/pwrite64 leave the offset alone; ftruncate', () => {
    const r = rig({ cwd: dir });
    writeFileSync(join(dir, 'c.txt'), '0123456789');
    const fd = call(r, SYS.openat, AT_FDCWD, cstr(r, 'c.txt'), O_RDWR);
    expect(call(r, SYS.pread64, fd, BUF, 3, 4)).toBe(3);
    expect(readStr(r, BUF, 3)).toBe('456');
    put(r, BUF, 'XY');
    expect(call(r, SYS.pwrite64, fd, BUF, 2, 8)).toBe(2);
    expect(call(r, SYS.lseek, fd, 0, 1)).toBe(0);
    expect(call(r, SYS.pread64, fd, BUF, 3, -1)).toBe(-E.EINVAL);
    expect(call(r, SYS.ftruncate, fd, 4)).toBe(0);
    expect(readFileSync(join(dir, 'c.txt'), 'utf8')).toBe('0123');
  });

  it('fstat, newfstatat (incl. AT_EMPTY_PATH, lstat), statx', () => {
    const r = rig({ cwd: dir });
    writeFileSync(join(dir, 'd.bin'), new Uint8Array(1234));
    const fd = call(r, SYS.openat, AT_FDCWD, cstr(r, 'd.bin'), O_RDONLY);
    expect(call(r, SYS.fstat, fd, BUF)).toBe(0);
    const st = statSync(join(dir, 'd.bin'));
    expect(r.mem.load64Num(BUF + 48)).toBe(1234);                 // st_size
    expect(r.mem.load32(BUF + 16) >>> 0).toBe(st.mode);           // st_mode
    expect(r.mem.load64Num(BUF + 8)).toBe(st.ino);                // st_ino
    expect(r.mem.load64Num(BUF + 88)).toBe(Math.floor(st.mtimeMs / 1000)); // st_mtime
    expect(call(r, SYS.newfstatat, AT_FDCWD, cstr(r, 'd.bin'), BUF2, 0)).toBe(0);
    expect(r.mem.load64Num(BUF2 + 48)).toBe(1234);
    expect(call(r, SYS.newfstatat, fd, cstr(r, ''), BUF2, 0x1000)).toBe(0);
    expect(r.mem.load64Num(BUF2 + 48)).toBe(1234);
    expect(call(r, SYS.newfstatat, fd, cstr(r, ''), BUF2, 0)).toBe(-E.ENOENT);
    expect(call(r, SYS.newfstatat, AT_FDCWD, cstr(r, 'missing'), BUF2, 0)).toBe(-E.ENOENT);
    symlinkSync('d.bin', join(dir, 'd.link'));
    expect(call(r, SYS.newfstatat, AT_FDCWD, cstr(r, 'd.link'), BUF2, 0x100)).toBe(0);
    expect(r.mem.load32(BUF2 + 16) & 0o170000).toBe(0o120000);
    expect(call(r, SYS.statx, AT_FDCWD, cstr(r, 'd.link'), 0, 0x7ff, BUF2)).toBe(0);
    expect(r.mem.load32(BUF2) >>> 0).toBe(0x7ff);
    expect(r.mem.load64Num(BUF2 + 40)).toBe(1234);
    expect(r.mem.load16u(BUF2 + 28) & 0o170000).toBe(0o100000);
    expect(call(r, SYS.fstat, 1, BUF)).toBe(0);
    expect(r.mem.load32(BUF + 16) & 0o170000).toBe(0o020000); // the captured stdout is a character device
  });

  it('directories: mkdirat, getdents64, unlinkat (AT_REMOVEDIR), renameat2, symlinkat, readlinkat', () => {
    const r = rig({ cwd: dir });
    expect(call(r, SYS.mkdirat, AT_FDCWD, cstr(r, 'sub'), 0o755)).toBe(0);
    expect(call(r, SYS.mkdirat, AT_FDCWD, cstr(r, 'sub'), 0o755)).toBe(-E.EEXIST);
    writeFileSync(join(dir, 'sub', 'f1'), 'x');
    mkdirSync(join(dir, 'sub', 'inner'));
    const dfd = call(r, SYS.openat, AT_FDCWD, cstr(r, 'sub'), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    expect(call(r, SYS.fcntl, dfd, 1 /* F_GETFD */)).toBe(1);
    // Read the listing with a small buffer to force several calls.
    const names: string[] = [];
    for (;;) {
      const n = call(r, SYS.getdents64, dfd, BUF, 48);
      expect(n).toBeGreaterThanOrEqual(0);
      if (n === 0) break;
      for (let o = 0; o < n;) {
        const reclen = r.mem.load16u(BUF + o + 16), type = r.mem.load8u(BUF + o + 18);
        const name = new TextDecoder().decode(r.mem.readCString(BUF + o + 19));
        names.push(`${name}:${type}`);
        expect(reclen % 8).toBe(0);
        o += reclen;
      }
    }
    expect(names.sort()).toEqual(['.:4', '..:4', 'f1:8', 'inner:4'].sort());
    expect(call(r, SYS.getdents64, dfd, BUF, 10)).toBe(0); // at the end: no error even for a tiny buffer
    expect(call(r, SYS.lseek, dfd, 0, 0)).toBe(0);
    expect(call(r, SYS.getdents64, dfd, BUF, 10)).toBe(-E.EINVAL); // rewound; one entry does not fit
    // *at calls relative to the directory descriptor
    expect(call(r, SYS.renameat2, dfd, cstr(r, 'f1'), dfd, cstr(r, 'f2'), 0)).toBe(0);
    expect(existsSync(join(dir, 'sub', 'f2'))).toBe(true);
    writeFileSync(join(dir, 'sub', 'f3'), 'y');
    expect(call(r, SYS.renameat2, dfd, cstr(r, 'f2'), dfd, cstr(r, 'f3'), 1 /* NOREPLACE */)).toBe(-E.EEXIST);
    expect(call(r, SYS.symlinkat, cstr(r, 'f2'), dfd, cstr(r, 'ln'))).toBe(0);
    expect(readlinkSync(join(dir, 'sub', 'ln'))).toBe('f2');
    expect(call(r, SYS.readlinkat, dfd, cstr(r, 'ln'), BUF, 100)).toBe(2);
    expect(readStr(r, BUF, 2)).toBe('f2');
    expect(call(r, SYS.readlinkat, dfd, cstr(r, 'ln'), BUF, 1)).toBe(1);
    expect(call(r, SYS.readlinkat, dfd, cstr(r, 'f2'), BUF, 100)).toBe(-E.EINVAL);
    expect(call(r, SYS.unlinkat, AT_FDCWD, cstr(r, 'sub'), 0x200)).toBe(-E.ENOTEMPTY);
    expect(call(r, SYS.unlinkat, dfd, cstr(r, 'inner'), 0)).toBe(-E.EISDIR);
    expect(call(r, SYS.unlinkat, dfd, cstr(r, 'inner'), 0x200)).toBe(0);
    for (const f of ['f2', 'f3', 'ln']) expect(call(r, SYS.unlinkat, dfd, cstr(r, f), 0)).toBe(0);
    expect(call(r, SYS.unlinkat, AT_FDCWD, cstr(r, 'sub'), 0x200)).toBe(0);
    expect(existsSync(join(dir, 'sub'))).toBe(false);
    expect(call(r, SYS.openat, 1, cstr(r, 'x'), O_RDONLY)).toBe(-E.ENOTDIR);
  });

  it('getcwd, chdir, fchdir, faccessat', () => {
    const r = rig({ cwd: dir });
    const len = call(r, SYS.getcwd, BUF, 4096);
    expect(len).toBe(dir.length + 1);
    expect(readStr(r, BUF, len)).toBe(dir + '\0');
    expect(call(r, SYS.getcwd, BUF, 3)).toBe(-E.ERANGE);
    mkdirSync(join(dir, 'cd1'));
    writeFileSync(join(dir, 'cd1', 'here'), '');
    expect(call(r, SYS.chdir, cstr(r, 'cd1'))).toBe(0);
    expect(r.sys.cwd).toBe(join(dir, 'cd1'));
    expect(call(r, SYS.faccessat, AT_FDCWD, cstr(r, 'here'), 4)).toBe(0);
    expect(call(r, SYS.faccessat, AT_FDCWD, cstr(r, 'not-here'), 0)).toBe(-E.ENOENT);
    expect(call(r, SYS.faccessat2, AT_FDCWD, cstr(r, 'here'), 0, 0x200)).toBe(0);
    expect(call(r, SYS.chdir, cstr(r, 'here'))).toBe(-E.ENOTDIR);
    expect(call(r, SYS.chdir, cstr(r, '..'))).toBe(0);
    expect(r.sys.cwd).toBe(dir);
    const dfd = call(r, SYS.openat, AT_FDCWD, cstr(r, 'cd1'), O_RDONLY | O_DIRECTORY);
    expect(call(r, SYS.fchdir, dfd)).toBe(0);
    expect(r.sys.cwd).toBe(join(dir, 'cd1'));
    expect(call(r, SYS.fchdir, 1)).toBe(-E.ENOTDIR);
  });

  it('umask applies to created files', () => {
    const r = rig({ cwd: dir });
    expect(call(r, SYS.umask, 0o077)).toBe(0o022);
    const fd = call(r, SYS.openat, AT_FDCWD, cstr(r, 'private'), O_WRONLY | O_CREAT, 0o666);
    expect(fd).toBeGreaterThan(2);
    expect(statSync(join(dir, 'private')).mode & 0o777).toBe(0o600);
  });
});

describe('descriptors', () => {
  it('dup, dup3, fcntl F_DUPFD/F_SETFD/F_SETFL, shared offsets', () => {
    const r = rig({ cwd: dir });
    writeFileSync(join(dir, 'e.txt'), 'abcdef');
    const fd = call(r, SYS.openat, AT_FDCWD, cstr(r, 'e.txt'), O_RDONLY);
    const d = call(r, SYS.dup, fd);
    expect(d).toBe(fd + 1);
    expect(call(r, SYS.read, fd, BUF, 2)).toBe(2);
    expect(call(r, SYS.read, d, BUF, 2)).toBe(2);     // shares the offset
    expect(readStr(r, BUF, 2)).toBe('cd');
    expect(call(r, SYS.dup3, fd, 10, O_CLOEXEC)).toBe(10);
    expect(call(r, SYS.fcntl, 10, 1)).toBe(1);
    expect(call(r, SYS.fcntl, 10, 2, 0)).toBe(0);
    expect(call(r, SYS.fcntl, 10, 1)).toBe(0);
    expect(call(r, SYS.dup3, fd, fd, 0)).toBe(-E.EINVAL);
    expect(call(r, SYS.fcntl, fd, 0 /* F_DUPFD */, 20)).toBe(20);
    expect(call(r, SYS.fcntl, fd, 1030 /* F_DUPFD_CLOEXEC */, 20)).toBe(21);
    expect(call(r, SYS.fcntl, 21, 1)).toBe(1);
    expect(call(r, SYS.fcntl, fd, 4 /* F_SETFL */, O_NONBLOCK)).toBe(0);
    expect(call(r, SYS.fcntl, d, 3) & O_NONBLOCK).toBe(O_NONBLOCK); // status flags live in the shared description
    expect(call(r, SYS.fcntl, fd, 999)).toBe(-E.EINVAL);
    // closing one descriptor keeps the description open for the others
    expect(call(r, SYS.close, fd)).toBe(0);
    expect(call(r, SYS.read, d, BUF, 10)).toBe(2);
    expect(call(r, SYS.close_range, 0, 100, 0)).toBe(0);
    expect(call(r, SYS.write, 1, BUF, 1)).toBe(-E.EBADF);
  });

  it('pipes: in-memory, EOF after the writer closes, EPIPE without readers', () => {
    const r = rig();
    expect(call(r, SYS.pipe2, BUF, O_CLOEXEC)).toBe(0);
    const rfd = r.mem.load32(BUF), wfd = r.mem.load32(BUF + 4);
    expect([rfd, wfd]).toEqual([3, 4]);
    expect(call(r, SYS.fcntl, rfd, 1)).toBe(1);
    put(r, BUF2, 'through the pipe');
    expect(call(r, SYS.write, wfd, BUF2, 16)).toBe(16);
    expect(call(r, SYS.ioctl, rfd, 0x541b /* FIONREAD */, BUF + 8)).toBe(0);
    expect(r.mem.load32(BUF + 8)).toBe(16);
    expect(call(r, SYS.read, rfd, BUF2 + 100, 7)).toBe(7);
    expect(readStr(r, BUF2 + 100, 7)).toBe('through');
    expect(call(r, SYS.read, wfd, BUF2, 1)).toBe(-E.EBADF);
    expect(call(r, SYS.lseek, rfd, 0, 0)).toBe(-E.ESPIPE);
    expect(call(r, SYS.close, wfd)).toBe(0);
    expect(call(r, SYS.read, rfd, BUF2 + 100, 100)).toBe(9);
    expect(call(r, SYS.read, rfd, BUF2 + 100, 100)).toBe(0);
    expect(call(r, SYS.pipe2, BUF, O_NONBLOCK)).toBe(0);
    const r2 = r.mem.load32(BUF), w2 = r.mem.load32(BUF + 4);
    expect(call(r, SYS.read, r2, BUF2, 1)).toBe(-E.EAGAIN);
    expect(call(r, SYS.close, r2)).toBe(0);
    expect(call(r, SYS.write, w2, BUF2, 1)).toBe(-E.EPIPE);
    expect(call(r, SYS.pipe2, BUF, 0x1)).toBe(-E.EINVAL);
  });

  it('reading an empty pipe that can never be filled is reported as a deadlock', () => {
    const r = rig();
    call(r, SYS.pipe2, BUF, 0);
    expect(() => call(r, SYS.read, r.mem.load32(BUF), BUF2, 1)).toThrow(/deadlock: read from an empty pipe/);
  });

  it('/dev/null, /dev/zero, /dev/stdout', () => {
    const r = rig();
    const n = call(r, SYS.openat, AT_FDCWD, cstr(r, '/dev/null'), O_RDWR);
    expect(call(r, SYS.write, n, BUF, 100)).toBe(100);
    expect(call(r, SYS.read, n, BUF, 100)).toBe(0);
    expect(call(r, SYS.fstat, n, BUF2)).toBe(0);
    expect(r.mem.load32(BUF2 + 16) & 0o170000).toBe(0o020000);
    expect(r.mem.load64Num(BUF2 + 32)).toBe(0x103); // rdev 1:3
    const z = call(r, SYS.openat, AT_FDCWD, cstr(r, '/dev/zero'), O_RDONLY);
    r.mem.writeBytes(BUF, new Uint8Array(64).fill(9));
    expect(call(r, SYS.read, z, BUF, 64)).toBe(64);
    expect(r.mem.readBytes(BUF, 64).every((b) => b === 0)).toBe(true);
    const o = call(r, SYS.openat, AT_FDCWD, cstr(r, '/dev/stdout'), O_WRONLY);
    put(r, BUF, 'via /dev/stdout');
    expect(call(r, SYS.write, o, BUF, 15)).toBe(15);
    expect(r.host.text(1)).toBe('via /dev/stdout');
  });

  it('/proc/self: exe, cwd, fd/N, maps; /sys cpu count', () => {
    const r = rig({ cwd: dir, ncpus: 4 });
    const n = call(r, SYS.readlinkat, AT_FDCWD, cstr(r, '/proc/self/exe'), BUF, 4096);
    expect(readStr(r, BUF, n)).toBe('/opt/prog/bin/prog');
    const c = call(r, SYS.readlinkat, AT_FDCWD, cstr(r, '/proc/self/cwd'), BUF, 4096);
    expect(readStr(r, BUF, c)).toBe(dir);
    const f = call(r, SYS.readlinkat, AT_FDCWD, cstr(r, '/proc/self/fd/1'), BUF, 4096);
    expect(readStr(r, BUF, f)).toBe('/dev/stdout');
    expect(call(r, SYS.readlinkat, AT_FDCWD, cstr(r, '/proc/self/fd/9'), BUF, 4096)).toBe(-E.EBADF);
    const m = call(r, SYS.openat, AT_FDCWD, cstr(r, '/proc/self/maps'), O_RDONLY);
    const len = call(r, SYS.read, m, BUF, 4096);
    expect(readStr(r, BUF, len)).toMatch(/^00100000-00200000 rw-p 00000000 00:00 0 +scratch\n$/);
    const online = call(r, SYS.openat, AT_FDCWD, cstr(r, '/sys/devices/system/cpu/online'), O_RDONLY);
    expect(readStr(r, BUF, call(r, SYS.read, online, BUF, 100))).toBe('0-3\n');
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, '/proc/self/nonexistent'), O_RDONLY)).toBe(-E.ENOENT);
  });
});
