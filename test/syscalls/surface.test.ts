// The Linux surface beyond plain files: poll/select/epoll, eventfd, advisory locks, statfs, utimensat,
// link, emulated /proc and /sys files, identity calls, sockets, copy_file_range.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYS } from '../../src/syscalls/numbers.js';
import { E } from '../../src/syscalls/errno.js';
import { call, callBig, cstr, readStr, rig, SCRATCH, type Rig } from './harness.js';

const AT_FDCWD = -100, O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0o100, O_NONBLOCK = 0o4000;
const POLLIN = 1, POLLOUT = 4, POLLHUP = 0x10, POLLNVAL = 0x20;
const BUF = SCRATCH + 0x1000, BUF2 = SCRATCH + 0x8000;

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rvemu-surface-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function pipe(r: Rig, flags = 0): [number, number] {
  expect(call(r, SYS.pipe2, BUF2, flags)).toBe(0);
  return [r.mem.load32(BUF2), r.mem.load32(BUF2 + 4)];
}
function pollfds(r: Rig, list: [number, number][]): void {
  list.forEach(([fd, ev], i) => { r.mem.store32(BUF + 8 * i, fd); r.mem.store16(BUF + 8 * i + 4, ev); r.mem.store16(BUF + 8 * i + 6, 0xffff); });
}
const revents = (r: Rig, i: number) => r.mem.load16u(BUF + 8 * i + 6);
function readFile(r: Rig, path: string): string {
  const fd = call(r, SYS.openat, AT_FDCWD, cstr(r, path), O_RDONLY);
  expect(fd, path).toBeGreaterThanOrEqual(0);
  let out = '';
  for (;;) { const n = call(r, SYS.read, fd, BUF2, 4096); if (n <= 0) break; out += readStr(r, BUF2, n); }
  call(r, SYS.close, fd);
  return out;
}
function open(r: Rig, name: string, flags: number): number { return call(r, SYS.openat, AT_FDCWD, cstr(r, join(dir, name)), flags, 0o644); }

describe('poll, select, epoll', () => {
  it('ppoll reports pipe readiness, hang-up, bad descriptors; negative fds are skipped', () => {
    const r = rig();
    const [rd, wr] = pipe(r);
    pollfds(r, [[rd, POLLIN], [wr, POLLOUT], [-1, POLLIN], [77, POLLIN]]);
    expect(call(r, SYS.ppoll, BUF, 4, 0, 0, 8)).toBe(2);
    expect([revents(r, 0), revents(r, 1), revents(r, 2), revents(r, 3)]).toEqual([0, POLLOUT, 0, POLLNVAL]);
    r.mem.writeBytes(BUF2, new Uint8Array([1, 2]));
    expect(call(r, SYS.write, wr, BUF2, 2)).toBe(2);
    call(r, SYS.close, wr);
    pollfds(r, [[rd, POLLIN]]);
    expect(call(r, SYS.ppoll, BUF, 1, 0, 0, 8)).toBe(1);
    expect(revents(r, 0)).toBe(POLLIN | POLLHUP);
  });

  it('nothing ready: a timeout passes on the virtual clock; no timeout is a deadlock', () => {
    const r = rig();
    const [rd] = pipe(r);
    pollfds(r, [[rd, POLLIN]]);
    const ts = BUF + 0x400;
    r.mem.store64Num(ts, 2); r.mem.store64Num(ts + 8, 500);
    const before = r.h.clockSkewNs;
    expect(call(r, SYS.ppoll, BUF, 1, ts, 0, 8)).toBe(0);
    expect(r.h.clockSkewNs - before).toBe(2e9 + 500);
    expect(() => call(r, SYS.ppoll, BUF, 1, 0, 0, 8)).toThrow(/deadlock: poll on descriptors that are not ready \(no timeout\)/);
  });

  it('pselect6 fills the ready sets', () => {
    const r = rig();
    const [rd, wr] = pipe(r);
    const rs = BUF, ws = BUF + 0x80, ts = BUF + 0x100;
    const set = (a: number, bits: number) => { r.mem.writeBytes(a, new Uint8Array(8)); r.mem.store8(a, bits); };
    set(rs, (1 << rd) | (1 << wr)); set(ws, (1 << rd) | (1 << wr));
    r.mem.store64Num(ts, 0); r.mem.store64Num(ts + 8, 0);
    expect(call(r, SYS.pselect6, 8, rs, ws, 0, ts, 0)).toBe(1);
    expect([r.mem.load8u(rs), r.mem.load8u(ws)]).toEqual([0, 1 << wr]);
    call(r, SYS.close, wr);
    set(rs, 1 << rd);
    expect(call(r, SYS.pselect6, 8, rs, 0, 0, ts, 0)).toBe(1); // end of file is readable
    set(rs, 1 << 7);
    expect(call(r, SYS.pselect6, 8, rs, 0, 0, ts, 0)).toBe(-E.EBADF);
  });

  it('epoll: level-triggered readiness with the registered data', () => {
    const r = rig();
    const [rd, wr] = pipe(r);
    const ep = call(r, SYS.epoll_create1, 0);
    const ev = BUF;
    r.mem.store32(ev, POLLIN); r.mem.store64Big(ev + 8, 0xabcdef0123n);
    expect(call(r, SYS.epoll_ctl, ep, 1, rd, ev)).toBe(0);
    expect(call(r, SYS.epoll_ctl, ep, 1, rd, ev)).toBe(-E.EEXIST);
    expect(call(r, SYS.epoll_pwait, ep, BUF2, 8, 0, 0, 8)).toBe(0);
    r.mem.store8(BUF + 0x100, 9);
    call(r, SYS.write, wr, BUF + 0x100, 1);
    expect(call(r, SYS.epoll_pwait, ep, BUF2, 8, -1, 0, 8)).toBe(1);
    expect(r.mem.load32(BUF2)).toBe(POLLIN);
    expect(r.mem.load64Big(BUF2 + 8)).toBe(0xabcdef0123n);
    expect(call(r, SYS.epoll_ctl, ep, 2, rd, 0)).toBe(0);
    expect(call(r, SYS.epoll_pwait, ep, BUF2, 8, 0, 0, 8)).toBe(0);
  });

  it('eventfd counts, reads back, and is readable while non-zero', () => {
    const r = rig();
    const fd = call(r, SYS.eventfd2, 3, O_NONBLOCK);
    r.mem.store64Num(BUF, 4);
    expect(call(r, SYS.write, fd, BUF, 8)).toBe(8);
    pollfds(r, [[fd, POLLIN]]);
    expect(call(r, SYS.ppoll, BUF, 1, 0, 0, 8)).toBe(1);
    expect(call(r, SYS.read, fd, BUF2, 8)).toBe(8);
    expect(r.mem.load64Num(BUF2)).toBe(7);
    expect(call(r, SYS.read, fd, BUF2, 8)).toBe(-E.EAGAIN);
  });
});

describe('locks', () => {
  const lock = (r: Rig, type: number, start: number, len: number) => {
    r.mem.store16(BUF, type); r.mem.store16(BUF + 2, 0); r.mem.store64Num(BUF + 8, start); r.mem.store64Num(BUF + 16, len); r.mem.store32(BUF + 24, 0);
    return BUF;
  };
  it('POSIX locks never conflict within the process; OFD locks conflict between descriptions', () => {
    writeFileSync(join(dir, 'lk'), 'x'.repeat(100));
    const r = rig();
    const a = open(r, 'lk', O_RDWR), b = open(r, 'lk', O_RDWR);
    expect(call(r, SYS.fcntl, a, 6, lock(r, 1, 0, 10))).toBe(0);           // F_SETLK F_WRLCK
    expect(call(r, SYS.fcntl, b, 6, lock(r, 1, 0, 10))).toBe(0);           // same process
    expect(call(r, SYS.fcntl, b, 5, lock(r, 1, 0, 10))).toBe(0);           // F_GETLK
    expect(r.mem.load16(BUF)).toBe(2);                                     // F_UNLCK
    expect(call(r, SYS.fcntl, a, 37, lock(r, 1, 50, 10))).toBe(0);         // F_OFD_SETLK on a
    expect(call(r, SYS.fcntl, b, 37, lock(r, 0, 55, 1))).toBe(-E.EAGAIN);  // read lock on b conflicts
    expect(call(r, SYS.fcntl, b, 36, lock(r, 1, 40, 0))).toBe(0);          // F_OFD_GETLK from 40 on
    expect([r.mem.load16(BUF), r.mem.load64Num(BUF + 8), r.mem.load64Num(BUF + 16), r.mem.load32(BUF + 24)]).toEqual([1, 50, 10, -1]);
    // POSIX lock held by the process conflicts with an OFD request over it
    expect(call(r, SYS.fcntl, b, 37, lock(r, 1, 5, 1))).toBe(-E.EAGAIN);
    // closing any descriptor drops the process's POSIX locks
    call(r, SYS.close, open(r, 'lk', O_RDONLY));
    expect(call(r, SYS.fcntl, b, 37, lock(r, 1, 5, 1))).toBe(0);
    expect(() => call(r, SYS.fcntl, b, 38, lock(r, 1, 50, 1))).toThrow(/block forever/); // F_OFD_SETLKW
    // a write lock needs a writable descriptor
    const ro = open(r, 'lk', O_RDONLY);
    expect(call(r, SYS.fcntl, ro, 6, lock(r, 1, 0, 1))).toBe(-E.EBADF);
  });

  it('flock: shared locks coexist, exclusive ones do not, closing releases', () => {
    writeFileSync(join(dir, 'fl'), '');
    const r = rig();
    const a = open(r, 'fl', O_RDONLY), b = open(r, 'fl', O_RDONLY);
    expect(call(r, SYS.flock, a, 1)).toBe(0);
    expect(call(r, SYS.flock, b, 1)).toBe(0);
    expect(call(r, SYS.flock, b, 2 | 4)).toBe(-E.EWOULDBLOCK);
    call(r, SYS.close, a);
    expect(call(r, SYS.flock, b, 2 | 4)).toBe(0);
    const c = call(r, SYS.dup, b);
    expect(call(r, SYS.flock, c, 2 | 4)).toBe(0); // the same description
  });
});

describe('file metadata', () => {
  it('utimensat sets, omits and nows; linkat; fchownat to oneself only', () => {
    writeFileSync(join(dir, 'times'), 'x');
    const r = rig();
    const ts = BUF;
    r.mem.store64Num(ts, 1_000_000_000); r.mem.store64Num(ts + 8, 0);
    r.mem.store64Num(ts + 16, 1_100_000_000); r.mem.store64Num(ts + 24, 500_000_000);
    expect(call(r, SYS.utimensat, AT_FDCWD, cstr(r, join(dir, 'times')), ts, 0)).toBe(0);
    let st = statSync(join(dir, 'times'));
    expect(st.atimeMs).toBe(1e12);
    expect(st.mtimeMs).toBe(1.1e12 + 500);
    r.mem.store64Num(ts + 8, (1 << 30) - 2); r.mem.store64Num(ts + 24, (1 << 30) - 1); // OMIT, NOW
    expect(call(r, SYS.utimensat, AT_FDCWD, cstr(r, join(dir, 'times')), ts, 0)).toBe(0);
    st = statSync(join(dir, 'times'));
    expect(st.atimeMs).toBe(1e12);
    expect(Math.floor(st.mtimeMs / 1000)).toBe(1_704_067_200); // the virtual clock's now
    expect(call(r, SYS.linkat, AT_FDCWD, cstr(r, join(dir, 'times')), AT_FDCWD, cstr(r, join(dir, 'times2')), 0)).toBe(0);
    expect(statSync(join(dir, 'times')).nlink).toBe(2);
    expect(call(r, SYS.fchownat, AT_FDCWD, cstr(r, join(dir, 'times')), 1000, -1, 0)).toBe(0);
    expect(call(r, SYS.fchownat, AT_FDCWD, cstr(r, join(dir, 'times')), 0, 0, 0)).toBe(-E.EPERM);
  });

  it('stat shows the host user\'s files as the guest user\'s', () => {
    writeFileSync(join(dir, 'mine'), 'x');
    const r = rig();
    expect(call(r, SYS.newfstatat, AT_FDCWD, cstr(r, join(dir, 'mine')), BUF, 0)).toBe(0);
    expect(r.mem.load32(BUF + 24)).toBe(1000);
    expect(r.mem.load32(BUF + 28)).toBe(1000);
  });

  it('statfs describes a disk, /proc as procfs; missing paths are ENOENT', () => {
    const r = rig();
    expect(call(r, SYS.statfs, cstr(r, dir), BUF)).toBe(0);
    expect(r.mem.load64Num(BUF)).toBe(0xef53);
    expect(r.mem.load64Num(BUF + 8)).toBe(4096);
    expect(r.mem.load64Num(BUF + 16)).toBeGreaterThan(0);
    expect(call(r, SYS.statfs, cstr(r, '/proc/self/maps'), BUF)).toBe(0);
    expect(r.mem.load64Num(BUF)).toBe(0x9fa0);
    expect(call(r, SYS.statfs, cstr(r, join(dir, 'nope')), BUF)).toBe(-E.ENOENT);
    expect(call(r, SYS.fstatfs, 1, BUF)).toBe(0);
  });

  it('copy_file_range and sendfile copy between descriptors', () => {
    writeFileSync(join(dir, 'src'), 'hello, copy');
    const r = rig();
    const a = open(r, 'src', O_RDONLY), b = open(r, 'dst', O_WRONLY | O_CREAT);
    expect(call(r, SYS.copy_file_range, a, 0, b, 0, 100, 0)).toBe(11);
    expect(readFileSync(join(dir, 'dst'), 'utf8')).toBe('hello, copy');
    r.mem.store64Num(BUF, 7);
    expect(call(r, SYS.sendfile, 1, a, BUF, 4)).toBe(4);
    expect(r.host.text(1)).toBe('copy');
    expect(r.mem.load64Num(BUF)).toBe(11);
  });
});

describe('emulated /proc and /sys', () => {
  it('cpuinfo lists each hart with its ISA string and uarch', () => {
    const r = rig({ ncpus: 2 });
    const s = readFile(r, '/proc/cpuinfo');
    expect(s.match(/^processor/gm)).toHaveLength(2);
    expect(s).toMatch(/^isa\t\t: rv64imafdc_zicond_zicsr_zifencei_zba_zbb_zbs$/m);
    expect(s).toMatch(/^hart isa\t: rv64imafdc_/m);
    expect(s).toMatch(/^uarch\t\t: \S+$/m);
    expect(s).toMatch(/^mmu\t\t: sv\d\d$/m);
    expect(readFile(r, '/sys/devices/system/cpu/online')).toBe('0-1\n');
  });

  it('/sys CPU topology: each hart its own core, all in one cluster and package (cpuinfo needs the core lists)', () => {
    const r = rig({ ncpus: 2 });
    const topo = (cpu: number, name: string) => readFile(r, `/sys/devices/system/cpu/cpu${cpu}/topology/${name}`);
    expect(topo(1, 'core_cpus_list')).toBe('1\n');
    expect(topo(1, 'thread_siblings_list')).toBe('1\n');
    expect(topo(1, 'core_cpus')).toBe('2\n');
    expect(topo(0, 'cluster_cpus_list')).toBe('0-1\n');
    expect(topo(0, 'package_cpus_list')).toBe('0-1\n');
    expect(topo(0, 'core_siblings')).toBe('3\n');
    expect(topo(1, 'core_id')).toBe('1\n');
    expect(topo(1, 'physical_package_id')).toBe('0\n');
    // A CPU that does not exist, and files we do not model, are absent.
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, '/sys/devices/system/cpu/cpu2/topology/core_id'), O_RDONLY)).toBe(-E.ENOENT);
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, '/sys/devices/system/cpu/cpu0/cpufreq/scaling_cur_freq'), O_RDONLY)).toBe(-E.ENOENT);
    // Masks are printed as the kernel does: 32-bit groups, the first only as wide as its bits.
    const wide = rig({ ncpus: 40 });
    expect(readFile(wide, '/sys/devices/system/cpu/cpu35/topology/core_cpus')).toBe('08,00000000\n');
    expect(readFile(wide, '/sys/devices/system/cpu/cpu0/topology/package_cpus')).toBe('ff,ffffffff\n');
  });

  it('meminfo, stat, self/status, self/stat, cmdline, comm', () => {
    const r = rig({ argv: ['prog', 'a b', 'c'] });
    expect(readFile(r, '/proc/meminfo')).toMatch(/^MemTotal:\s+8388608 kB\n/);
    expect(readFile(r, '/proc/stat')).toMatch(/^cpu +\d+ /);
    const status = readFile(r, '/proc/self/status');
    expect(status).toMatch(/^Name:\tprog$/m);
    expect(status).toMatch(/^Pid:\t1000$/m);
    expect(status).toMatch(/^Uid:\t1000\t1000\t1000\t1000$/m);
    expect(readFile(r, '/proc/self/stat')).toMatch(/^1000 \(prog\) R 999 /);
    expect(readFile(r, '/proc/self/cmdline')).toBe('prog\0a b\0c\0');
    expect(readFile(r, '/proc/self/comm')).toBe('prog\n');
  });

  it('the host\'s other /proc and /sys files (cgroups, mounts) are absent, not passed through', () => {
    const r = rig();
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, '/sys/fs/cgroup/cpu.max'), O_RDONLY)).toBe(-E.ENOENT);
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, '/proc/diskstats'), O_RDONLY)).toBe(-E.ENOENT);
    expect(readFile(r, '/etc/mtab')).toMatch(/^\/dev\/root \/ ext4 /);
    expect(readFile(r, '/proc/self/mountinfo')).toMatch(/ \/ \/ rw,relatime .* - ext4 \/dev\/root rw\n/);
  });

  it('/proc/self/maps marks shared mappings', () => {
    writeFileSync(join(dir, 'shm'), new Uint8Array(4096));
    const r = rig();
    const fd = open(r, 'shm', O_RDWR);
    const a = call(r, SYS.mmap, 0, 4096, 3, 1, fd, 0);
    const maps = readFile(r, '/proc/self/maps');
    expect(maps).toContain(`${a.toString(16)}-${(a + 4096).toString(16)} rw-s`);
  });
});

describe('identity, prctl, sockets, hwprobe', () => {
  it('set*id to the current ids only; setsid fails for a group leader', () => {
    const r = rig();
    expect(call(r, SYS.setuid, 1000)).toBe(0);
    expect(call(r, SYS.setgid, 0)).toBe(-E.EPERM);
    expect(call(r, SYS.setresuid, -1, 1000, -1)).toBe(0);
    expect(call(r, SYS.setsid)).toBe(-E.EPERM);
    expect(call(r, SYS.wait4, -1, 0, 0, 0)).toBe(-E.ECHILD);
  });

  it('prctl: the name defaults to the program, pdeathsig and timer slack answer', () => {
    const r = rig();
    expect(call(r, SYS.prctl, 16, BUF)).toBe(0);
    expect(readStr(r, BUF, 4)).toBe('prog');
    expect(call(r, SYS.prctl, 2, BUF)).toBe(0);
    expect(r.mem.load32(BUF)).toBe(0);
    expect(call(r, SYS.prctl, 30)).toBe(50_000);
    expect(call(r, SYS.prctl, 9999)).toBe(-E.EINVAL);
  });

  it('socket fails with EACCES (one warning, for network sockets); socket calls on files are ENOTSOCK', () => {
    const r = rig();
    expect(call(r, SYS.socket, 1, 1, 0)).toBe(-E.EACCES); // AF_UNIX: quietly
    expect(r.host.warnings).toHaveLength(0);
    expect(call(r, SYS.socket, 2, 1, 0)).toBe(-E.EACCES);
    expect(call(r, SYS.socketpair, 1, 1, 0, BUF)).toBe(-E.EACCES);
    expect(r.host.warnings).toHaveLength(1);
    expect(call(r, SYS.connect, 1, BUF, 16)).toBe(-E.ENOTSOCK);
    expect(call(r, SYS.connect, 99, BUF, 16)).toBe(-E.EBADF);
  });

  it('riscv_hwprobe answers vendor-extension and Zicbom keys with 0', () => {
    const r = rig();
    [11n, 12n, 13n, 14n].forEach((k, i) => { r.mem.store64Big(BUF + 16 * i, k); r.mem.store64Big(BUF + 16 * i + 8, 77n); });
    expect(call(r, SYS.riscv_hwprobe, BUF, 4, 0, 0, 0)).toBe(0);
    for (let i = 0; i < 4; i++) expect(callBig(r, SYS.getpid) && r.mem.load64Big(BUF + 16 * i + 8)).toBe(0n);
  });
});
