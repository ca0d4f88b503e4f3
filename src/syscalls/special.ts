// Paths the emulator answers itself instead of passing to the host: devices, /proc/self (which on the host
// would describe the emulator's own process) and the few /sys files that count CPUs and describe their topology.
import type { Hart } from '../isa/hart.js';
import type { HostStat } from '../host/host.js';
import { utf8Encode } from '../elf/utf8.js';
import { cpuinfo } from './cpu.js';
import { E, SysError } from './errno.js';
import { DeviceFile, MemFile, type DeviceKind, type OpenFile, S_IFDIR, S_IFLNK, syntheticStat } from './files.js';
import type { LinuxSystem } from './system.js';
import { UTS } from './proc.js';
import { meminfo, nulList, procMaps, procStat, selfStat, selfStatm, selfStatus, uptime, version } from './procfs.js';

/** One root file system plus the kernel's, as a small machine would mount them. */
const MOUNTS = '/dev/root / ext4 rw,relatime 0 0\nproc /proc proc rw,nosuid,nodev,noexec,relatime 0 0\n' +
  'sysfs /sys sysfs rw,nosuid,nodev,noexec,relatime 0 0\ndevtmpfs /dev devtmpfs rw,nosuid 0 0\ntmpfs /tmp tmpfs rw,nosuid,nodev 0 0\n';
const MOUNTINFO = '20 1 254:0 / / rw,relatime shared:1 - ext4 /dev/root rw\n21 20 0:20 / /proc rw,nosuid,nodev,noexec,relatime shared:2 - proc proc rw\n' +
  '22 20 0:21 / /sys rw,nosuid,nodev,noexec,relatime shared:3 - sysfs sysfs rw\n23 20 0:5 / /dev rw,nosuid shared:4 - devtmpfs devtmpfs rw\n' +
  '24 20 0:22 / /tmp rw,nosuid,nodev shared:5 - tmpfs tmpfs rw\n';

const cpuList = (s: LinuxSystem) => (s.ncpus === 1 ? '0\n' : `0-${s.ncpus - 1}\n`);

/** A CPU set as the kernel prints a mask: hex in 32-bit groups (the first as wide as its bits need), commas between. */
function cpuMask(ncpus: number, has: (cpu: number) => boolean): string {
  const groups: string[] = [];
  for (let base = 0; base < ncpus; base += 32) {
    const n = Math.min(32, ncpus - base);
    let bits = 0;
    for (let c = 0; c < n; c++) if (has(base + c)) bits |= 1 << c;
    groups.unshift((bits >>> 0).toString(16).padStart(Math.ceil(n / 4), '0'));
  }
  return `${groups.join(',')}\n`;
}

/**
 * /sys/devices/system/cpu/cpuN/topology/NAME: each hart is a core of its own (no SMT) and all harts form
 * one cluster in one package. CPU-topology libraries (cpuinfo, which XNNPACK and ExecuTorch use) refuse to
 * initialize without the core lists.
 */
function cpuTopology(s: LinuxSystem, cpu: number, name: string): string | undefined {
  const self = (c: number) => c === cpu, all = () => true;
  switch (name) {
    case 'core_cpus_list': case 'thread_siblings_list': return `${cpu}\n`;
    case 'core_cpus': case 'thread_siblings': return cpuMask(s.ncpus, self);
    case 'core_siblings_list': case 'cluster_cpus_list': case 'package_cpus_list': return cpuList(s);
    case 'core_siblings': case 'cluster_cpus': case 'package_cpus': return cpuMask(s.ncpus, all);
    case 'core_id': return `${cpu}\n`;
    case 'cluster_id': case 'physical_package_id': return '0\n';
    default: return undefined;
  }
}

/** A path under /sys/devices/system/cpu/cpuN, for a CPU that exists. */
function cpuDirEntry(s: LinuxSystem, p: string): Special | undefined {
  const m = /^\/sys\/devices\/system\/cpu\/cpu(0|[1-9]\d*)(\/topology(?:\/([a-z_]+))?)?$/.exec(p);
  if (m === null || Number(m[1]) >= s.ncpus) return undefined;
  if (m[2] === undefined || m[3] === undefined) return { kind: 'dir' };
  const text = cpuTopology(s, Number(m[1]), m[3]);
  return text === undefined ? undefined : { kind: 'content', make: () => text };
}

/** Files with generated contents at fixed paths. */
const FILES: Record<string, (s: LinuxSystem, h: Hart) => string> = {
  '/proc/cpuinfo': (s) => cpuinfo(s.extensions, s.ncpus),
  '/proc/meminfo': (_s, h) => meminfo(h),
  '/proc/stat': (s, h) => procStat(s, h),
  '/proc/uptime': (s, h) => uptime(s, h),
  '/proc/loadavg': () => '0.00 0.00 0.00 1/1 1000\n',
  '/proc/version': () => version(),
  '/proc/sys/kernel/osrelease': () => `${UTS.release}\n`,
  '/proc/sys/kernel/ostype': () => `${UTS.sysname}\n`,
  '/proc/sys/kernel/hostname': () => `${UTS.nodename}\n`,
  '/proc/sys/kernel/pid_max': () => '4194304\n',
  '/proc/sys/kernel/ngroups_max': () => '65536\n',
  '/proc/sys/vm/overcommit_memory': () => '0\n',
  '/proc/sys/vm/max_map_count': () => '65530\n',
  '/proc/sys/fs/nr_open': () => '1048576\n',
  '/proc/mounts': () => MOUNTS,
  // Usually a link to /proc/self/mounts; answered here so the host's own mount table never shows.
  '/etc/mtab': () => MOUNTS,
  '/sys/devices/system/cpu/online': cpuList,
  '/sys/devices/system/cpu/possible': cpuList,
  '/sys/devices/system/cpu/present': cpuList,
};

const DEVICES: Record<string, DeviceKind> = {
  '/dev/null': 'null', '/dev/zero': 'zero', '/dev/full': 'full', '/dev/urandom': 'random', '/dev/random': 'random',
};

export type Special =
  | { kind: 'device'; dev: DeviceKind }
  | { kind: 'fd'; fd: number }              // /dev/stdout, /proc/self/fd/N: the same open file
  | { kind: 'content'; make: (h: Hart) => string }
  | { kind: 'link'; target: () => string; open?: () => string } // readlink target; open() = host path to open
  | { kind: 'dir' }
  | { kind: 'missing' };

/** What a normalized absolute guest path means if the emulator handles it, else undefined (host path). */
export function specialPath(s: LinuxSystem, p: string): Special | undefined {
  const dev = DEVICES[p];
  if (dev !== undefined) return { kind: 'device', dev };
  if (p === '/dev/stdin') return { kind: 'fd', fd: 0 };
  if (p === '/dev/stdout') return { kind: 'fd', fd: 1 };
  if (p === '/dev/stderr') return { kind: 'fd', fd: 2 };
  if (p.startsWith('/dev/fd/')) return fdEntry(p.slice(8));
  const fixed = FILES[p];
  if (fixed !== undefined) return { kind: 'content', make: (h) => fixed(s, h) };
  if (p === '/proc' || p === '/sys' || p === '/sys/devices/system/cpu') return { kind: 'dir' };
  const cpuEntry = cpuDirEntry(s, p);
  if (cpuEntry !== undefined) return cpuEntry;
  const m = /^\/proc\/(self|thread-self|\d+)(\/.*)?$/.exec(p);
  if (m === null) {
    // The rest of /proc and /sys would describe the host (its cgroups, its disks, its load): absent here.
    return p.startsWith('/proc/') || p.startsWith('/sys/') ? { kind: 'missing' } : undefined;
  }
  if (m[1] !== 'self' && m[1] !== 'thread-self' && Number(m[1]) !== s.pid) return { kind: 'missing' };
  const rest = m[2] ?? '';
  switch (rest) {
    case '': case '/fd': return { kind: 'dir' };
    case '/exe': return { kind: 'link', target: () => s.exePath, open: () => s.exeHostPath };
    case '/cwd': return { kind: 'link', target: () => s.cwd };
    case '/maps': return { kind: 'content', make: (h) => procMaps(s, h) };
    case '/status': return { kind: 'content', make: (h) => selfStatus(s, h) };
    case '/stat': return { kind: 'content', make: (h) => selfStat(s, h) };
    case '/statm': return { kind: 'content', make: (h) => selfStatm(h) };
    case '/cmdline': return { kind: 'content', make: () => nulList(s.argv) };
    case '/environ': return { kind: 'content', make: () => nulList(s.envp) };
    case '/comm': return { kind: 'content', make: () => `${s.threadName}\n` };
    case '/cgroup': return { kind: 'content', make: () => '0::/\n' };
    case '/mounts': return { kind: 'content', make: () => MOUNTS };
    case '/mountinfo': return { kind: 'content', make: () => MOUNTINFO };
  }
  if (rest.startsWith('/fd/')) return fdEntry(rest.slice(4));
  return { kind: 'missing' };
}

function fdEntry(n: string): Special {
  return /^\d+$/.test(n) ? { kind: 'fd', fd: Number(n) } : { kind: 'missing' };
}

/** Open a special path (flags = the open flags to record). */
export function openSpecial(s: LinuxSystem, h: Hart, sp: Special, path: string, flags: number): OpenFile {
  switch (sp.kind) {
    case 'device': return new DeviceFile(sp.dev, flags, path, (b) => s.entropy(b));
    case 'content': return new MemFile(utf8Encode(sp.make(h)), flags, path);
    case 'fd': { const f = s.files.get(sp.fd); f.refs++; return f; }
    case 'link': if (sp.open !== undefined) return s.openHost(sp.open(), sp.open(), flags, 0); throw new SysError(E.ENOENT);
    case 'dir': throw new SysError(E.EACCES);
    case 'missing': throw new SysError(E.ENOENT);
  }
}

/** stat of a special path (follow: whether to follow a final symlink). */
export function statSpecial(s: LinuxSystem, sp: Special, follow: boolean): HostStat {
  switch (sp.kind) {
    case 'device': return new DeviceFile(sp.dev, 0, '', () => {}).stat();
    case 'content': return new MemFile(new Uint8Array(0), 0, '').stat();
    case 'fd': return s.files.get(sp.fd).stat();
    case 'link':
      if (!follow) return syntheticStat(S_IFLNK | 0o777, 0, sp.target().length, 300);
      if (sp.open !== undefined) return s.host.stat(sp.open(), true);
      return s.host.stat(s.resolvePath(sp.target()), true);
    case 'dir': return syntheticStat(S_IFDIR | 0o555, 0, 0, 301);
    case 'missing': throw new SysError(E.ENOENT);
  }
}

/** readlink of a special path, or undefined if it is not a link. */
export function readlinkSpecial(s: LinuxSystem, sp: Special): string {
  if (sp.kind === 'link') return sp.target();
  if (sp.kind === 'fd') return s.files.get(sp.fd).path;
  if (sp.kind === 'missing') throw new SysError(E.ENOENT);
  throw new SysError(E.EINVAL);
}
