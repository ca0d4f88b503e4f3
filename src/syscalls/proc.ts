// Process identity, limits, scheduling parameters and the system description (uname, sysinfo).
import type { Hart } from '../isa/hart.js';
import { argInt, argNum, argU32, Struct, writeU32, readString } from './abi.js';
import { E, SysError } from './errno.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';
import { clockNow, CLOCK_MONOTONIC } from './time.js';

/** uname(2) answers: fixed, so output does not depend on the host. */
export const UTS = {
  sysname: 'Linux', nodename: 'rvemu', release: '6.12.0', version: '#1 SMP PREEMPT_DYNAMIC rvemu',
  machine: 'riscv64', domainname: '(none)',
};
/** Memory sysinfo reports. */
export const TOTAL_RAM = 8 * 2 ** 30;
const RLIMIT_NLIMITS = 16;

function self(s: LinuxSystem, pid: number): void {
  if (pid !== 0 && pid !== s.pid) throw new SysError(E.ESRCH);
}

// ------------------------------------------------------------------------------------------ limits
function getLimit(s: LinuxSystem, h: Hart, resource: number, addr: number): void {
  const l = s.rlimits.get(resource);
  if (l === undefined) throw new SysError(E.EINVAL);
  new Struct(16).big(0, l[0]).big(8, l[1]).writeTo(h, addr);
}
function setLimit(s: LinuxSystem, h: Hart, resource: number, addr: number): void {
  const l = s.rlimits.get(resource);
  if (l === undefined) throw new SysError(E.EINVAL);
  const cur = h.mem.load64Big(addr) & ((1n << 64n) - 1n), max = h.mem.load64Big(addr + 8) & ((1n << 64n) - 1n);
  if (cur > max) throw new SysError(E.EINVAL);
  if (max > l[1]) throw new SysError(E.EPERM); // not privileged to raise the hard limit
  s.rlimits.set(resource, [cur, max]);
}

const prlimit64: Syscall = (s, h) => {
  self(s, argInt(h, 0));
  const resource = argU32(h, 1), newAddr = argNum(h, 2), oldAddr = argNum(h, 3);
  if (resource >= RLIMIT_NLIMITS) throw new SysError(E.EINVAL);
  const before = s.rlimits.get(resource)!;
  if (newAddr !== 0) setLimit(s, h, resource, newAddr);
  if (oldAddr !== 0) new Struct(16).big(0, before[0]).big(8, before[1]).writeTo(h, oldAddr);
  return 0;
};
const getrlimit: Syscall = (s, h) => { getLimit(s, h, argU32(h, 0), argNum(h, 1)); return 0; };
const setrlimit: Syscall = (s, h) => { setLimit(s, h, argU32(h, 0), argNum(h, 1)); return 0; };

// ------------------------------------------------------------------------------------------ identity
const getresid = (pick: (s: LinuxSystem) => number): Syscall => (s, h) => {
  const v = pick(s);
  for (let i = 0; i < 3; i++) writeU32(h, argNum(h, i), v);
  return 0;
};

const getgroups: Syscall = (_s, h) => {
  if (argInt(h, 0) < 0) throw new SysError(E.EINVAL);
  return 0;
};

// ------------------------------------------------------------------------------------------ system info
const uname: Syscall = (_s, h) => {
  const t = new Struct(6 * 65);
  [UTS.sysname, UTS.nodename, UTS.release, UTS.version, UTS.machine, UTS.domainname].forEach((v, i) => t.str(i * 65, v, 65));
  t.writeTo(h, argNum(h, 0));
  return 0;
};

const sysinfo: Syscall = (s, h) => {
  const used = h.mem.pages.size * 4096;
  const t = new Struct(112);
  t.u64(0, Math.floor(clockNow(s, h, CLOCK_MONOTONIC)[0])).u64(32, TOTAL_RAM).u64(40, Math.max(0, TOTAL_RAM - used))
    .u16(80, 1).u32(104, 1);
  t.writeTo(h, argNum(h, 0));
  return 0;
};

// ------------------------------------------------------------------------------------------ scheduling
const schedGetaffinity: Syscall = (s, h) => {
  self(s, argInt(h, 0));
  const len = argNum(h, 1), addr = argNum(h, 2);
  const bytes = Math.ceil(s.ncpus / 64) * 8;
  if (len < bytes || len % 8 !== 0) throw new SysError(E.EINVAL);
  const mask = new Uint8Array(bytes);
  for (let c = 0; c < s.ncpus; c++) mask[c >> 3] |= 1 << (c & 7);
  h.mem.writeBytes(addr, mask);
  return bytes;
};

const schedSetaffinity: Syscall = (s, h) => { self(s, argInt(h, 0)); return 0; };
const schedGetparam: Syscall = (s, h) => { self(s, argInt(h, 0)); writeU32(h, argNum(h, 1), 0); return 0; };
const SCHED_FIFO = 1, SCHED_RR = 2;
const schedPriorityMax: Syscall = (_s, h) => { const p = argInt(h, 0); return p === SCHED_FIFO || p === SCHED_RR ? 99 : 0; };
const schedPriorityMin: Syscall = (_s, h) => { const p = argInt(h, 0); return p === SCHED_FIFO || p === SCHED_RR ? 1 : 0; };

const getcpu: Syscall = (_s, h) => {
  const cpu = argNum(h, 0), node = argNum(h, 1);
  if (cpu !== 0) writeU32(h, cpu, 0);
  if (node !== 0) writeU32(h, node, 0);
  return 0;
};

const PR_SET_PDEATHSIG = 1, PR_GET_PDEATHSIG = 2, PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4, PR_GET_KEEPCAPS = 7,
  PR_SET_KEEPCAPS = 8, PR_SET_NAME = 15, PR_GET_NAME = 16, PR_GET_SECCOMP = 21, PR_CAPBSET_READ = 23,
  PR_GET_TIMERSLACK = 30, PR_SET_TIMERSLACK = 29, PR_SET_CHILD_SUBREAPER = 36, PR_GET_CHILD_SUBREAPER = 37,
  PR_SET_NO_NEW_PRIVS = 38, PR_GET_NO_NEW_PRIVS = 39, PR_SET_THP_DISABLE = 41, PR_GET_THP_DISABLE = 42,
  PR_CAP_AMBIENT = 47, PR_SET_VMA = 0x53564d41, PR_SET_PTRACER = 0x59616d61;
const prctl: Syscall = (s, h) => {
  const option = argInt(h, 0);
  switch (option) {
    case PR_SET_NAME: {
      const t = s.kernel.threadOf(h);
      t.name = readString(h, argNum(h, 1), 4096).slice(0, 15);
      if (t.tid === s.pid) s.threadName = t.name;
      return 0;
    }
    case PR_GET_NAME: new Struct(16).str(0, s.kernel.threadOf(h).name, 16).writeTo(h, argNum(h, 1)); return 0;
    case PR_GET_DUMPABLE: return 1;
    case PR_SET_DUMPABLE: case PR_SET_NO_NEW_PRIVS: case PR_SET_VMA: case PR_SET_PDEATHSIG: case PR_SET_KEEPCAPS:
    case PR_SET_TIMERSLACK: case PR_SET_CHILD_SUBREAPER: case PR_SET_THP_DISABLE: case PR_SET_PTRACER: return 0;
    case PR_GET_PDEATHSIG: case PR_GET_CHILD_SUBREAPER: writeU32(h, argNum(h, 1), 0); return 0;
    case PR_GET_NO_NEW_PRIVS: case PR_GET_KEEPCAPS: case PR_GET_SECCOMP: case PR_GET_THP_DISABLE: return 0;
    case PR_GET_TIMERSLACK: return 50_000; // the default 50 us
    case PR_CAPBSET_READ: if (argInt(h, 1) < 0 || argInt(h, 1) > 40) throw new SysError(E.EINVAL); return 0; // an ordinary user's process
    case PR_CAP_AMBIENT: return 0;
    default: throw new SysError(E.EINVAL);
  }
};

const personality: Syscall = () => 0; // PER_LINUX, and it stays that way

/** Calls whose answer is a plain value. */
const value = (v: (s: LinuxSystem, h: Hart) => number): Syscall => v;

/** Changing identity as an unprivileged user: only to the ids the process already has (-1 = unchanged). */
const setIds = (which: 'uid' | 'gid', n: number): Syscall => (s, h) => {
  const own = s[which];
  for (let i = 0; i < n; i++) { const v = argInt(h, i); if (v !== -1 && v !== own) throw new SysError(E.EPERM); }
  return 0;
};
/** setfsuid/setfsgid return the previous value and never fail. */
const setFsId = (which: 'uid' | 'gid'): Syscall => (s) => s[which];


export const procSyscalls: Record<number, Syscall> = {
  // glibc registers restartable sequences when the kernel has them; "not implemented" is a normal answer.
  [SYS.rseq]: () => -E.ENOSYS,
  [SYS.prlimit64]: prlimit64, [SYS.getrlimit]: getrlimit, [SYS.setrlimit]: setrlimit,
  [SYS.getpid]: value((s) => s.pid), [SYS.gettid]: value((_s, h) => h.tid),
  [SYS.getuid]: value((s) => s.uid), [SYS.geteuid]: value((s) => s.uid),
  [SYS.getgid]: value((s) => s.gid), [SYS.getegid]: value((s) => s.gid),
  [SYS.getresuid]: getresid((s) => s.uid), [SYS.getresgid]: getresid((s) => s.gid),
  [SYS.getgroups]: getgroups,
  [SYS.setuid]: setIds('uid', 1), [SYS.setgid]: setIds('gid', 1), [SYS.setreuid]: setIds('uid', 2), [SYS.setregid]: setIds('gid', 2),
  [SYS.setresuid]: setIds('uid', 3), [SYS.setresgid]: setIds('gid', 3), [SYS.setfsuid]: setFsId('uid'), [SYS.setfsgid]: setFsId('gid'),
  [SYS.setgroups]: () => -E.EPERM,
  [SYS.uname]: uname, [SYS.sysinfo]: sysinfo,
  [SYS.sched_getaffinity]: schedGetaffinity, [SYS.sched_setaffinity]: schedSetaffinity,
  [SYS.sched_getscheduler]: (s, h) => { self(s, argInt(h, 0)); return 0; }, [SYS.sched_getparam]: schedGetparam,
  [SYS.sched_setscheduler]: (s, h) => { self(s, argInt(h, 0)); return 0; }, [SYS.sched_setparam]: (s, h) => { self(s, argInt(h, 0)); return 0; },
  [SYS.sched_get_priority_max]: schedPriorityMax, [SYS.sched_get_priority_min]: schedPriorityMin,
  [SYS.getpriority]: () => 20, [SYS.setpriority]: () => 0, // the kernel reports 20 - nice; nice is 0
  [SYS.getcpu]: getcpu, [SYS.prctl]: prctl, [SYS.personality]: personality,
};
