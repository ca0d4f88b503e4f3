import { describe, expect, it } from 'vitest';
import { UnsupportedSyscall } from '../../src/errors.js';
import type { Decoded } from '../../src/isa/spec.js';
import { SYS, syscallName } from '../../src/syscalls/numbers.js';
import { E } from '../../src/syscalls/errno.js';
import { GuestSignal } from '../../src/syscalls/system.js';
import { hwcapFor, isaString } from '../../src/syscalls/cpu.js';
import { call, callAt, callBig, CaptureHost, cstr, rig } from './harness.js';

const BUF = 0x100000 + 0x2000;
const EPOCH_2024 = 1_704_067_200;

describe('syscall numbers', () => {
  it('asm-generic numbers for riscv64', () => {
    expect([SYS.read, SYS.write, SYS.openat, SYS.close, SYS.exit, SYS.exit_group, SYS.brk, SYS.mmap, SYS.munmap, SYS.mprotect])
      .toEqual([63, 64, 56, 57, 93, 94, 214, 222, 215, 226]);
    expect([SYS.fstat, SYS.newfstatat, SYS.clock_gettime, SYS.getrandom, SYS.riscv_hwprobe, SYS.riscv_flush_icache, SYS.statx, SYS.rseq, SYS.faccessat2])
      .toEqual([80, 79, 113, 278, 258, 259, 291, 293, 439]);
    expect(syscallName(94)).toBe('exit_group');
    expect(syscallName(9999)).toBe('syscall 9999');
  });
});

describe('dispatch', () => {
  it('unimplemented: -ENOSYS and one warning per number', () => {
    const r = rig();
    expect(call(r, SYS.io_setup, 1, BUF)).toBe(-E.ENOSYS);
    expect(call(r, SYS.io_setup, 1, BUF)).toBe(-E.ENOSYS);
    expect(call(r, 9999)).toBe(-E.ENOSYS);
    expect(r.host.warnings).toEqual([
      'unsupported syscall 0 (io_setup) at pc 0x10000; returning -ENOSYS (reported once)',
      'unsupported syscall 9999 (syscall 9999) at pc 0x10000; returning -ENOSYS (reported once)',
    ]);
  });

  it('rseq is a silent ENOSYS (libc copes)', () => {
    const r = rig();
    expect(call(r, SYS.rseq, BUF, 32, 0, 0)).toBe(-E.ENOSYS);
    expect(r.host.warnings).toEqual([]);
  });

  it('strict mode throws UnsupportedSyscall naming the call and the place', () => {
    const r = rig({ strict: true, symbolize: (pc) => (pc === 0x10000 ? 'main+0x10' : undefined) });
    expect(() => call(r, SYS.io_setup)).toThrow(UnsupportedSyscall);
    expect(() => call(r, SYS.io_setup)).toThrow('unsupported syscall 0 (io_setup) at pc 0x10000 (main+0x10)');
  });

  it('a number with high bits set is not a syscall', () => {
    const r = rig();
    expect(call(r, 2 ** 32 + 64, 1, BUF, 1)).toBe(-E.ENOSYS);
  });

  it('trace: one line per call', () => {
    const lines: string[] = [];
    const r = rig({ trace: (l) => lines.push(l) });
    call(r, SYS.getpid);
    call(r, SYS.close, 55);
    expect(lines).toEqual([
      '[1000] getpid(0x0, 0x0, 0x0, 0x0, 0x0, 0x0) = 1000',
      '[1000] close(0x37, 0x0, 0x0, 0x0, 0x0, 0x0) = -1 EBADF',
    ]);
  });

  it('ebreak stops with SIGTRAP; fence.i / riscv_flush_icache reach the engine', () => {
    const r = rig();
    const d = { pc: 0x10abc, index: 0 } as unknown as Decoded;
    let err: unknown;
    try { r.sys.ebreak(r.h, d); } catch (e) { err = e; }
    expect(err).toBeInstanceOf(GuestSignal);
    expect((err as GuestSignal).exitCode).toBe(133);
    expect((err as Error).message).toBe('trace/breakpoint trap (SIGTRAP): ebreak at pc 0x10abc');
    let flushes = 0;
    r.sys.onFlushCode = () => { flushes++; };
    r.sys.flushCode(r.h);
    expect(call(r, SYS.riscv_flush_icache, 0, 0, 0)).toBe(0);
    expect(call(r, SYS.riscv_flush_icache, 0, 0, 2)).toBe(-E.EINVAL);
    expect(flushes).toBe(2);
  });
});

describe('time (virtual by default)', () => {
  it('clock_gettime: 1 ns per retired instruction + skew; REALTIME from 2024-01-01', () => {
    const r = rig();
    r.h.instret = 2_500_000_000; r.h.clockSkewNs = 7;
    expect(callAt(r, 3, SYS.clock_gettime, 1, BUF)).toBe(0);
    expect([r.mem.load64Num(BUF), r.mem.load64Num(BUF + 8)]).toEqual([2, 500_000_010]);
    expect(callAt(r, 3, SYS.clock_gettime, 0, BUF)).toBe(0);
    expect([r.mem.load64Num(BUF), r.mem.load64Num(BUF + 8)]).toEqual([EPOCH_2024 + 2, 500_000_010]);
    expect(callAt(r, 3, SYS.clock_gettime, 2, BUF)).toBe(0); // process CPU time
    expect(r.mem.load64Num(BUF + 8)).toBe(500_000_010);
    expect(call(r, SYS.clock_gettime, 99, BUF)).toBe(-E.EINVAL);
    expect(call(r, SYS.clock_gettime, 1, 0x10)).toBe(-E.EFAULT);
  });

  it('is deterministic: the same instruction count gives the same time in another process', () => {
    const a = rig(), b = rig();
    for (const r of [a, b]) { r.h.instret = 123456789; callAt(r, 5, SYS.clock_gettime, 0, BUF); }
    expect(a.mem.readBytes(BUF, 16)).toEqual(b.mem.readBytes(BUF, 16));
  });

  it('gettimeofday, clock_getres, times', () => {
    const r = rig();
    r.h.instret = 3_000_001_999;
    expect(call(r, SYS.gettimeofday, BUF, BUF + 16)).toBe(0);
    expect([r.mem.load64Num(BUF), r.mem.load64Num(BUF + 8)]).toEqual([EPOCH_2024 + 3, 1]);
    expect(call(r, SYS.clock_getres, 1, BUF)).toBe(0);
    expect([r.mem.load64Num(BUF), r.mem.load64Num(BUF + 8)]).toEqual([0, 1]);
    expect(call(r, SYS.clock_getres, 0, 0)).toBe(0);
    expect(call(r, SYS.times, BUF)).toBe(300);
    expect(r.mem.load64Num(BUF)).toBe(300);
  });

  it('nanosleep and clock_nanosleep advance the virtual clock and return at once', () => {
    const r = rig();
    r.mem.store64Num(BUF, 1); r.mem.store64Num(BUF + 8, 250);
    expect(call(r, SYS.nanosleep, BUF, 0)).toBe(0);
    expect(r.h.clockSkewNs).toBe(1_000_000_250);
    expect(call(r, SYS.clock_nanosleep, 1, 0, BUF, 0)).toBe(0);
    expect(r.h.clockSkewNs).toBe(2_000_000_500);
    // absolute: sleep until monotonic 5 s
    r.mem.store64Num(BUF, 5); r.mem.store64Num(BUF + 8, 0);
    expect(call(r, SYS.clock_nanosleep, 1, 1, BUF, 0)).toBe(0);
    expect(r.h.clockSkewNs).toBe(5_000_000_000);
    expect(call(r, SYS.clock_nanosleep, 1, 1, BUF, 0)).toBe(0); // already past
    expect(r.h.clockSkewNs).toBe(5_000_000_000);
    r.mem.store64Num(BUF + 8, 1_000_000_000);
    expect(call(r, SYS.nanosleep, BUF, 0)).toBe(-E.EINVAL);
  });

  it('hostTime uses the host clock', () => {
    const host = new CaptureHost();
    host.nowNs = () => 1_800_000_000_123_456_789n;
    const r = rig({ hostTime: true }, host);
    expect(call(r, SYS.clock_gettime, 0, BUF)).toBe(0);
    expect([r.mem.load64Num(BUF), r.mem.load64Num(BUF + 8)]).toEqual([1_800_000_000, 123_456_789]);
  });
});

describe('randomness (seeded)', () => {
  const bytes = (seed: number, n = 32) => {
    const r = rig({ seed });
    expect(call(r, SYS.getrandom, BUF, n, 0)).toBe(n);
    return r.mem.readBytes(BUF, n);
  };
  it('getrandom is a function of the seed', () => {
    expect(bytes(1)).toEqual(bytes(1));
    expect(bytes(1)).not.toEqual(bytes(2));
    expect(bytes(0).some((b) => b !== 0)).toBe(true);
    expect(bytes(7, 5)).toEqual(bytes(7, 8).subarray(0, 5));
  });
  it('AT_RANDOM comes from its own stream (getrandom output does not depend on it)', () => {
    const a = rig({ seed: 3 }), b = rig({ seed: 3 });
    a.sys.atRandom();
    call(a, SYS.getrandom, BUF, 16, 0); call(b, SYS.getrandom, BUF, 16, 0);
    expect(a.mem.readBytes(BUF, 16)).toEqual(b.mem.readBytes(BUF, 16));
    expect(rig({ seed: 3 }).sys.atRandom()).toEqual(rig({ seed: 3 }).sys.atRandom());
    expect(rig({ seed: 3 }).sys.atRandom()).not.toEqual(rig({ seed: 4 }).sys.atRandom());
  });
  it('/dev/urandom draws from the same seeded source; bad flags are EINVAL', () => {
    const r = rig({ seed: 9 }), g = rig({ seed: 9 });
    const fd = call(r, SYS.openat, -100, cstr(r, '/dev/urandom'), 0);
    expect(call(r, SYS.read, fd, BUF, 24)).toBe(24);
    expect(call(g, SYS.getrandom, BUF, 24, 0)).toBe(24);
    expect(r.mem.readBytes(BUF, 24)).toEqual(g.mem.readBytes(BUF, 24));
    expect(call(r, SYS.getrandom, BUF, 4, 0x80)).toBe(-E.EINVAL);
    expect(call(r, SYS.getrandom, BUF, 4, 6)).toBe(-E.EINVAL);
  });
  it('hostRandom asks the host', () => {
    const host = new CaptureHost();
    host.randomBytes = (n) => new Uint8Array(n).fill(0xab);
    const r = rig({ hostRandom: true }, host);
    call(r, SYS.getrandom, BUF, 4, 0);
    expect(r.mem.readBytes(BUF, 4)).toEqual(Uint8Array.of(0xab, 0xab, 0xab, 0xab));
  });
});

describe('riscv_hwprobe and AT_HWCAP', () => {
  const probe = (keys: bigint[], opts = {}) => {
    const r = rig(opts);
    keys.forEach((k, i) => { r.mem.store64Big(BUF + 16 * i, k); r.mem.store64Big(BUF + 16 * i + 8, 0x5555n); });
    expect(call(r, SYS.riscv_hwprobe, BUF, keys.length, 0, 0, 0)).toBe(0);
    return keys.map((_, i) => [r.mem.load64Big(BUF + 16 * i), BigInt.asUintN(64, r.mem.load64Big(BUF + 16 * i + 8))]);
  };
  it('answers the known keys for the default extensions', () => {
    const FD = 1n, C = 2n, ZBA = 8n, ZBB = 16n, ZBS = 32n, ZICOND = 1n << 35n, ZCA = 1n << 43n, ZCD = 1n << 45n;
    expect(probe([0n, 1n, 2n, 3n, 4n, 5n, 6n, 7n, 8n, 9n])).toEqual([
      [0n, 0n], [1n, 0n], [2n, 0n], [3n, 1n],
      [4n, FD | C | ZBA | ZBB | ZBS | ZICOND | ZCA | ZCD],
      [5n, 3n], [6n, 0n], [7n, 2n ** 47n - 1n], [8n, 10_000_000n], [9n, 3n],
    ]);
  });
  it('unknown keys come back as key -1, value 0', () => {
    expect(probe([4242n, -5n])).toEqual([[-1n, 0n], [-1n, 0n]]);
  });
  it('follows the enabled extensions (V on, no C or B)', () => {
    const [[, v]] = probe([4n], { extensions: ['I', 'M', 'A', 'F', 'D', 'V', 'Zicsr'] });
    expect(v & 1n).toBe(1n);
    expect(v & 2n).toBe(0n);
    expect(v & 4n).toBe(4n);
    expect(v & (1n << 41n)).toBe(1n << 41n); // Zve64d
    expect(v & 8n).toBe(0n);
    expect(v & (3n << 30n)).toBe(0n); // no Zvfh/Zvfhmin unless asked
  });
  it('reports Zvfh (and so Zvfhmin) only when enabled', () => {
    const [[, withZvfh]] = probe([4n], { extensions: ['I', 'M', 'A', 'F', 'D', 'V', 'Zicsr', 'Zvfh'] });
    expect(withZvfh & (3n << 30n)).toBe(3n << 30n);
    const [[, withMin]] = probe([4n], { extensions: ['I', 'M', 'A', 'F', 'D', 'V', 'Zicsr', 'Zvfhmin'] });
    expect(withMin & (3n << 30n)).toBe(1n << 31n);
  });
  it('WHICH_CPUS narrows the cpu set', () => {
    const r = rig({ ncpus: 2 });
    r.mem.store64Big(BUF, 4n); r.mem.store64Big(BUF + 8, 2n);   // want C
    r.mem.store64Num(BUF + 64, 0xff);
    expect(call(r, SYS.riscv_hwprobe, BUF, 1, 8, BUF + 64, 1)).toBe(0);
    expect(r.mem.load64Num(BUF + 64)).toBe(3);
    r.mem.store64Big(BUF + 8, 4n);                                // want V: no cpu has it
    expect(call(r, SYS.riscv_hwprobe, BUF, 1, 8, BUF + 64, 1)).toBe(0);
    expect(r.mem.load64Num(BUF + 64)).toBe(0);
    expect(call(r, SYS.riscv_hwprobe, BUF, 1, 0, 0, 2)).toBe(-E.EINVAL);
  });
  it('AT_HWCAP bits and the ISA string', () => {
    expect(hwcapFor(['I', 'M', 'A', 'F', 'D', 'C', 'Zicsr', 'Zba'])).toBe((1 << 8) | (1 << 12) | 1 | (1 << 5) | (1 << 3) | (1 << 2));
    expect(hwcapFor(['I', 'V'])).toBe((1 << 8) | (1 << 21));
    expect(isaString(['I', 'M', 'A', 'F', 'D', 'C', 'Zbb', 'Zicsr', 'Zba', 'Zifencei', 'Zicond', 'Zbs']))
      .toBe('rv64imafdc_zicond_zicsr_zifencei_zba_zbb_zbs');
  });
});

describe('process', () => {
  it('exit_group stops the hart with the low 8 bits of the status', () => {
    const r = rig();
    call(r, SYS.exit_group, 0x1234);
    expect(r.h.stopped).toBe(true);
    expect(r.h.exitCode).toBe(0x34);
  });

  it('ids, uname, sysinfo, affinity, limits', () => {
    const r = rig({ ncpus: 3 });
    expect([SYS.getpid, SYS.gettid, SYS.getppid, SYS.getuid, SYS.geteuid, SYS.getgid, SYS.getegid].map((n) => call(r, n)))
      .toEqual([1000, 1000, 999, 1000, 1000, 1000, 1000]);
    expect(call(r, SYS.set_tid_address, BUF)).toBe(1000);
    expect(call(r, SYS.set_robust_list, BUF, 24)).toBe(0);
    expect(call(r, SYS.uname, BUF)).toBe(0);
    const field = (i: number) => new TextDecoder().decode(r.mem.readCString(BUF + 65 * i));
    expect([0, 1, 2, 4].map(field)).toEqual(['Linux', 'rvemu', '6.12.0', 'riscv64']);
    expect(call(r, SYS.sysinfo, BUF)).toBe(0);
    expect(r.mem.load64Num(BUF + 32)).toBe(8 * 2 ** 30);
    expect(r.mem.load32(BUF + 104)).toBe(1);
    expect(call(r, SYS.sched_getaffinity, 0, 128, BUF)).toBe(8);
    expect(r.mem.load64Num(BUF)).toBe(0b111);
    expect(call(r, SYS.sched_getaffinity, 0, 4, BUF)).toBe(-E.EINVAL);
    expect(call(r, SYS.sched_getaffinity, 77, 8, BUF)).toBe(-E.ESRCH);
    expect(call(r, SYS.prlimit64, 0, 3 /* STACK */, 0, BUF)).toBe(0);
    expect([r.mem.load64Num(BUF), r.mem.load64Big(BUF + 8)]).toEqual([8 << 20, -1n]);
    r.mem.store64Num(BUF, 4096); r.mem.store64Num(BUF + 8, 8192);
    expect(call(r, SYS.prlimit64, 0, 7 /* NOFILE */, BUF, BUF + 16)).toBe(0);
    expect([r.mem.load64Num(BUF + 16), r.mem.load64Num(BUF + 24)]).toEqual([1024, 1048576]);
    expect(call(r, SYS.getrlimit, 7, BUF + 32)).toBe(0);
    expect([r.mem.load64Num(BUF + 32), r.mem.load64Num(BUF + 40)]).toEqual([4096, 8192]);
    r.mem.store64Num(BUF, 1); r.mem.store64Num(BUF + 8, 1 << 30);
    expect(call(r, SYS.setrlimit, 7, BUF)).toBe(-E.EPERM);
    expect(call(r, SYS.prlimit64, 0, 99, 0, BUF)).toBe(-E.EINVAL);
  });

  it('futex: wake finds nobody, a mismatched wait fails, a timed wait times out on the virtual clock', () => {
    const r = rig();
    r.mem.store32(BUF, 5);
    expect(call(r, SYS.futex, BUF, 0x81 /* WAKE|PRIVATE */, 1)).toBe(0);
    expect(call(r, SYS.futex, BUF, 0x80, 4, 0)).toBe(-E.EAGAIN);
    r.mem.store64Num(BUF + 16, 0); r.mem.store64Num(BUF + 24, 5000);
    expect(call(r, SYS.futex, BUF, 0x80, 5, BUF + 16)).toBe(-E.ETIMEDOUT);
    expect(r.h.clockSkewNs).toBe(5000);
    expect(() => call(r, SYS.futex, BUF, 0x80, 5, 0)).toThrow(/deadlock: futex wait/);
  });
});

describe('signals', () => {
  it('abort(): SIGABRT raised while blocked is taken when unblocked, ending the process with status 134', () => {
    const r = rig();
    const set = BUF, old = BUF + 8;
    r.mem.store64Big(set, -1n);
    expect(call(r, SYS.rt_sigprocmask, 0 /* BLOCK */, set, old, 8)).toBe(0);
    expect(call(r, SYS.tgkill, 1000, 1000, 6)).toBe(0);
    expect(r.h.stopped).toBe(false);
    expect(call(r, SYS.rt_sigpending, BUF + 16, 8)).toBe(0);
    expect(r.mem.load64Num(BUF + 16)).toBe(1 << 5);
    expect(call(r, SYS.rt_sigprocmask, 2 /* SETMASK */, old, 0, 8)).toBe(0);
    expect(r.h.stopped).toBe(true);
    expect(r.h.exitCode).toBe(134);
    expect(r.sys.termSignal).toBe(6);
  });

  it('ignored and default-ignored signals do nothing; other pids are ESRCH', () => {
    const r = rig();
    expect(call(r, SYS.kill, 1000, 17 /* SIGCHLD */)).toBe(0);
    r.mem.store64Num(BUF, 1); r.mem.store64Num(BUF + 8, 0); r.mem.store64Num(BUF + 16, 0); // SIG_IGN
    expect(call(r, SYS.rt_sigaction, 15, BUF, BUF + 32, 8)).toBe(0);
    expect(r.mem.load64Num(BUF + 32)).toBe(0); // old handler: SIG_DFL
    expect(call(r, SYS.kill, 1000, 15)).toBe(0);
    expect(r.h.stopped).toBe(false);
    expect(call(r, SYS.kill, 4321, 15)).toBe(-E.ESRCH);
    expect(call(r, SYS.rt_sigaction, 9, BUF, 0, 8)).toBe(-E.EINVAL);
    expect(call(r, SYS.rt_sigaction, 15, BUF, 0, 16)).toBe(-E.EINVAL);
    expect(call(r, SYS.kill, 1000, 0)).toBe(0);
    expect(call(r, SYS.kill, 1000, 15 + 100)).toBe(-E.EINVAL);
  });

  it('sigaltstack starts disabled', () => {
    const r = rig();
    expect(call(r, SYS.sigaltstack, 0, BUF)).toBe(0);
    expect(r.mem.load32(BUF + 8)).toBe(2);
  });
});

describe('64-bit results', () => {
  it('negative errno is sign-extended to 64 bits in a0', () => {
    const r = rig();
    expect(callBig(r, SYS.close, 99)).toBe(-9n);
    expect(r.h.x[21]).toBe(-1);
  });
});
