// Paths the emulator answers itself instead of passing to the host: devices, /proc/self (which on the host
// would describe the emulator's own process) and the few /sys files libc reads to count CPUs.
import type { Hart } from '../isa/hart.js';
import type { HostStat } from '../host/host.js';
import { PROT_EXEC, PROT_READ, PROT_WRITE } from '../mem/address-space.js';
import { utf8Encode } from '../elf/utf8.js';
import { cpuinfo } from './cpu.js';
import { E, SysError } from './errno.js';
import { DeviceFile, MemFile, type DeviceKind, type OpenFile, S_IFDIR, S_IFLNK, syntheticStat } from './files.js';
import type { LinuxSystem } from './system.js';

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
  if (p === '/proc/cpuinfo') return { kind: 'content', make: () => cpuinfo(s.extensions, s.ncpus) };
  if (p === '/sys/devices/system/cpu/online' || p === '/sys/devices/system/cpu/possible' || p === '/sys/devices/system/cpu/present') {
    return { kind: 'content', make: () => (s.ncpus === 1 ? '0\n' : `0-${s.ncpus - 1}\n`) };
  }
  const m = /^\/proc\/(self|thread-self|\d+)(\/.*)?$/.exec(p);
  if (m === null) return undefined;
  if (m[1] !== 'self' && m[1] !== 'thread-self' && Number(m[1]) !== s.pid) return { kind: 'missing' };
  const rest = m[2] ?? '';
  switch (rest) {
    case '': case '/fd': return { kind: 'dir' };
    case '/exe': return { kind: 'link', target: () => s.exePath, open: () => s.exePath };
    case '/cwd': return { kind: 'link', target: () => s.cwd };
    case '/maps': return { kind: 'content', make: (h) => procMaps(h) };
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

/** /proc/self/maps from the address space's region list. */
export function procMaps(h: Hart): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  let out = '';
  for (const r of h.mem.regions) {
    const perms = (r.prot & PROT_READ ? 'r' : '-') + (r.prot & PROT_WRITE ? 'w' : '-') + (r.prot & PROT_EXEC ? 'x' : '-') + 'p';
    const head = `${hex(r.start, 8)}-${hex(r.end, 8)} ${perms} 00000000 00:00 0`;
    out += r.name !== '' ? `${head.padEnd(73)}${r.name}\n` : `${head}\n`;
  }
  return out;
}
