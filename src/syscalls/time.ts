// Clocks and sleeping. By default every clock is virtual: 1 ns per retired instruction plus the time the
// program has slept (h.clockSkewNs), so runs are reproducible; CLOCK_REALTIME counts from VIRTUAL_EPOCH_S.
// With hostTime the wall and monotonic clocks come from the host and sleeps really sleep.
import type { Hart } from '../isa/hart.js';
import { argInt, argNum, readU64, Struct } from './abi.js';
import { E, SysError } from './errno.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';
import { WouldBlock } from './files.js';

/** Wall-clock time at virtual time 0: 2024-01-01T00:00:00Z. */
export const VIRTUAL_EPOCH_S = 1_704_067_200;

export const CLOCK_REALTIME = 0, CLOCK_MONOTONIC = 1, CLOCK_PROCESS_CPUTIME_ID = 2, CLOCK_THREAD_CPUTIME_ID = 3,
  CLOCK_MONOTONIC_RAW = 4, CLOCK_REALTIME_COARSE = 5, CLOCK_MONOTONIC_COARSE = 6, CLOCK_BOOTTIME = 7,
  CLOCK_REALTIME_ALARM = 8, CLOCK_BOOTTIME_ALARM = 9, CLOCK_TAI = 11;
const TIMER_ABSTIME = 1;
/** TAI - UTC since 2017. */
const TAI_OFFSET_S = 37;
/** Resolution reported for the *_COARSE clocks (a 250 Hz tick). */
const COARSE_RES_NS = 4_000_000;
export const CLK_TCK = 100;

type Kind = 'real' | 'mono' | 'cpu';

function clockKind(id: number): Kind {
  if (id < 0) return 'cpu'; // per-process/per-thread CPU clocks (pthread_getcpuclockid and friends)
  switch (id) {
    case CLOCK_REALTIME: case CLOCK_REALTIME_COARSE: case CLOCK_REALTIME_ALARM: case CLOCK_TAI: return 'real';
    case CLOCK_MONOTONIC: case CLOCK_MONOTONIC_RAW: case CLOCK_MONOTONIC_COARSE: case CLOCK_BOOTTIME: case CLOCK_BOOTTIME_ALARM: return 'mono';
    case CLOCK_PROCESS_CPUTIME_ID: case CLOCK_THREAD_CPUTIME_ID: return 'cpu';
    default: throw new SysError(E.EINVAL);
  }
}

/** The clock's value now as [seconds, nanoseconds]. */
export function clockNow(s: LinuxSystem, h: Hart, id: number): [number, number] {
  const kind = clockKind(id);
  if (s.hostTime && kind !== 'cpu') {
    const ns = kind === 'real' ? s.host.nowNs() : s.host.monotonicNs();
    const sec = Number(ns / 1_000_000_000n) + (id === CLOCK_TAI ? TAI_OFFSET_S : 0);
    return [sec, Number(ns % 1_000_000_000n)];
  }
  const v = s.virtualNs(h);
  const sec = Math.floor(v / 1e9), nsec = v - sec * 1e9;
  if (kind === 'real') return [VIRTUAL_EPOCH_S + sec + (id === CLOCK_TAI ? TAI_OFFSET_S : 0), nsec];
  return [sec, nsec];
}

function writeTimespec(h: Hart, addr: number, [sec, nsec]: [number, number]): void {
  new Struct(16).u64(0, sec).u64(8, nsec).writeTo(h, addr);
}

function readTimespec(h: Hart, addr: number): [number, number] {
  const sec = readU64(h, addr), nsec = readU64(h, addr + 8);
  if (sec < 0 || nsec < 0 || nsec >= 1e9) throw new SysError(E.EINVAL);
  return [sec, nsec];
}

/**
 * Sleep ns nanoseconds, then finish the call with result(): the thread waits for the virtual clock (other
 * threads run meanwhile; when all wait, the clock jumps), or the host really sleeps with --host-time.
 */
export function sleepThen(s: LinuxSystem, h: Hart, ns: number, what: string, result: () => number): number {
  if (ns <= 0) return result();
  if (s.hostTime) { s.host.sleep(ns); return result(); }
  throw new WouldBlock(what, { deadline: s.deadlineAfter(h, ns), onTimeout: result, retry: false, restartable: false });
}

const clockGettime: Syscall = (s, h) => { writeTimespec(h, argNum(h, 1), clockNow(s, h, argInt(h, 0))); return 0; };

const clockGetres: Syscall = (_s, h) => {
  const id = argInt(h, 0), addr = argNum(h, 1);
  clockKind(id);
  const coarse = id === CLOCK_REALTIME_COARSE || id === CLOCK_MONOTONIC_COARSE;
  if (addr !== 0) writeTimespec(h, addr, [0, coarse ? COARSE_RES_NS : 1]);
  return 0;
};

const gettimeofday: Syscall = (s, h) => {
  const tv = argNum(h, 0), tz = argNum(h, 1);
  if (tv !== 0) {
    const [sec, nsec] = clockNow(s, h, CLOCK_REALTIME);
    new Struct(16).u64(0, sec).u64(8, Math.floor(nsec / 1000)).writeTo(h, tv);
  }
  if (tz !== 0) new Struct(8).writeTo(h, tz); // UTC, no DST
  return 0;
};

const nanosleep: Syscall = (s, h) => {
  const [sec, nsec] = readTimespec(h, argNum(h, 0));
  const rem = argNum(h, 1);
  return sleepThen(s, h, sec * 1e9 + nsec, 'nanosleep', () => { if (rem !== 0) writeTimespec(h, rem, [0, 0]); return 0; });
};

const clockNanosleep: Syscall = (s, h) => {
  const id = argInt(h, 0), flags = argInt(h, 1);
  if (id === CLOCK_THREAD_CPUTIME_ID) throw new SysError(E.EINVAL);
  const [sec, nsec] = readTimespec(h, argNum(h, 2));
  if (flags & TIMER_ABSTIME) {
    const [nowSec, nowNsec] = clockNow(s, h, id);
    return sleepThen(s, h, (sec - nowSec) * 1e9 + (nsec - nowNsec), 'clock_nanosleep', () => 0);
  }
  clockKind(id);
  const rem = argNum(h, 3);
  return sleepThen(s, h, sec * 1e9 + nsec, 'clock_nanosleep', () => { if (rem !== 0) writeTimespec(h, rem, [0, 0]); return 0; });
};

/** CPU time in clock ticks (CLK_TCK per second). */
function ticks(s: LinuxSystem, h: Hart): number { return Math.floor(s.virtualNs(h) / (1e9 / CLK_TCK)); }

const times: Syscall = (s, h) => {
  const addr = argNum(h, 0), t = ticks(s, h);
  if (addr !== 0) new Struct(32).u64(0, t).writeTo(h, addr); // all user time; no system time, no children
  return t;
};

const RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

const getrusage: Syscall = (s, h) => {
  const who = argInt(h, 0), addr = argNum(h, 1);
  if (who !== RUSAGE_SELF && who !== RUSAGE_CHILDREN && who !== RUSAGE_THREAD) throw new SysError(E.EINVAL);
  const ru = new Struct(144);
  if (who !== RUSAGE_CHILDREN) {
    const v = s.virtualNs(h), sec = Math.floor(v / 1e9);
    ru.u64(0, sec).u64(8, Math.floor((v - sec * 1e9) / 1000));
    ru.u64(32, h.mem.pages.size * 4); // ru_maxrss in KiB: pages mapped now
  }
  ru.writeTo(h, addr);
  return 0;
};

const ITIMER_REAL = 0;

/** struct itimerval: it_interval then it_value, each a struct timeval (seconds, microseconds). */
function writeItimerval(h: Hart, addr: number, intervalNs: number, valueNs: number): void {
  const us = (ns: number) => Math.ceil(ns / 1000);
  const tv = (n: number): [number, number] => [Math.floor(us(n) / 1e6), us(n) % 1e6];
  const [is, ius] = tv(intervalNs), [vs, vus] = tv(valueNs);
  new Struct(32).u64(0, is).u64(8, ius).u64(16, vs).u64(24, vus).writeTo(h, addr);
}

function readTimeval(h: Hart, addr: number): number {
  const sec = readU64(h, addr), usec = readU64(h, addr + 8);
  if (sec < 0 || usec < 0 || usec >= 1e6) throw new SysError(E.EINVAL);
  return sec * 1e9 + usec * 1000;
}

/** The real timer's period and time left (0, 0 when disarmed). */
function realTimerNow(s: LinuxSystem, h: Hart): [number, number] {
  const t = s.realTimer;
  return t === undefined ? [0, 0] : [t.interval, Math.max(1, t.at - s.virtualNs(h))];
}

// Only ITIMER_REAL (SIGALRM on the virtual clock; glibc's alarm() is built on it). The CPU-time timers
// (ITIMER_VIRTUAL, ITIMER_PROF) are not emulated.
const getitimer: Syscall = (s, h) => {
  if (argInt(h, 0) !== ITIMER_REAL) throw new SysError(E.EINVAL);
  const [interval, left] = realTimerNow(s, h);
  writeItimerval(h, argNum(h, 1), interval, left);
  return 0;
};

const setitimer: Syscall = (s, h) => {
  if (argInt(h, 0) !== ITIMER_REAL) throw new SysError(E.EINVAL);
  const newAddr = argNum(h, 1), oldAddr = argNum(h, 2);
  const interval = newAddr !== 0 ? readTimeval(h, newAddr) : 0, value = newAddr !== 0 ? readTimeval(h, newAddr + 16) : 0;
  if (oldAddr !== 0) { const [i, left] = realTimerNow(s, h); writeItimerval(h, oldAddr, i, left); }
  if (newAddr !== 0) s.realTimer = value === 0 ? undefined : { at: s.deadlineAfter(h, value), interval };
  return 0;
};

export const timeSyscalls: Record<number, Syscall> = {
  [SYS.getitimer]: getitimer, [SYS.setitimer]: setitimer,
  [SYS.clock_gettime]: clockGettime, [SYS.clock_getres]: clockGetres, [SYS.gettimeofday]: gettimeofday,
  [SYS.nanosleep]: nanosleep, [SYS.clock_nanosleep]: clockNanosleep, [SYS.times]: times, [SYS.getrusage]: getrusage,
};
