// Contents of the emulated /proc files. Everything is derived from the emulator's own state (the virtual
// clock, the address space, the descriptor table), never from the host, so output is reproducible.
import type { Hart } from '../isa/hart.js';
import { PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE } from '../mem/address-space.js';
import { TOTAL_RAM, UTS } from './proc.js';
import type { LinuxSystem } from './system.js';
import { CLK_TCK, VIRTUAL_EPOCH_S } from './time.js';

const kB = (bytes: number) => Math.floor(bytes / 1024);

function usedBytes(h: Hart): number { return h.mem.pages.size * PAGE_SIZE; }

export function meminfo(h: Hart): string {
  const total = kB(TOTAL_RAM), used = kB(usedBytes(h)), free = Math.max(0, total - used);
  const rows: [string, number][] = [
    ['MemTotal', total], ['MemFree', free], ['MemAvailable', free], ['Buffers', 0], ['Cached', 0], ['SwapCached', 0],
    ['Active', used], ['Inactive', 0], ['SwapTotal', 0], ['SwapFree', 0], ['Dirty', 0], ['Writeback', 0],
    ['AnonPages', used], ['Mapped', 0], ['Shmem', 0], ['Slab', 0], ['CommitLimit', total], ['Committed_AS', used],
    ['VmallocTotal', 0], ['HugePages_Total', 0], ['HugePages_Free', 0], ['Hugepagesize', 2048],
  ];
  return rows.map(([k, v]) => `${(k + ':').padEnd(16)}${String(v).padStart(8)} kB\n`).join('').replace(/(HugePages_(?:Total|Free):\s+\d+) kB/g, '$1');
}

/** Ticks of CPU time so far (all user time). */
function ticks(s: LinuxSystem, h: Hart): number { return Math.floor(s.virtualNs(h) / (1e9 / CLK_TCK)); }

export function procStat(s: LinuxSystem, h: Hart): string {
  const t = ticks(s, h);
  const cpu = (name: string, user: number) => `${name} ${user} 0 0 0 0 0 0 0 0 0\n`;
  let out = cpu('cpu ', t * s.ncpus);
  for (let i = 0; i < s.ncpus; i++) out += cpu(`cpu${i}`, t);
  out += `intr 0\nctxt 0\nbtime ${VIRTUAL_EPOCH_S}\nprocesses 1\nprocs_running 1\nprocs_blocked 0\nsoftirq 0\n`;
  return out;
}

export function uptime(s: LinuxSystem, h: Hart): string {
  const sec = s.virtualNs(h) / 1e9;
  return `${sec.toFixed(2)} 0.00\n`;
}

export function version(): string { return `${UTS.sysname} version ${UTS.release} (rvemu) ${UTS.version}\n`; }

function vmKb(h: Hart): { size: number; rss: number; stack: number; exe: number } {
  let size = 0, stack = 0, exe = 0;
  for (const r of h.mem.regions) {
    const len = r.end - r.start;
    size += len;
    if (r.name === '[stack]') stack += len;
    if (r.prot & PROT_EXEC) exe += len;
  }
  return { size: kB(size), rss: kB(usedBytes(h)), stack: kB(stack), exe: kB(exe) };
}

export function selfStatus(s: LinuxSystem, h: Hart): string {
  const vm = vmKb(h);
  const cpus = s.ncpus === 1 ? '0' : `0-${s.ncpus - 1}`;
  const mask = ((1n << BigInt(s.ncpus)) - 1n).toString(16);
  return [
    `Name:\t${s.threadName}`, `Umask:\t${s.umask.toString(8).padStart(4, '0')}`, 'State:\tR (running)',
    `Tgid:\t${s.pid}`, 'Ngid:\t0', `Pid:\t${s.pid}`, `PPid:\t${s.pid - 1}`, 'TracerPid:\t0',
    `Uid:\t${s.uid}\t${s.uid}\t${s.uid}\t${s.uid}`, `Gid:\t${s.gid}\t${s.gid}\t${s.gid}\t${s.gid}`,
    `FDSize:\t${Math.max(64, 2 ** Math.ceil(Math.log2(Math.max(1, ...s.files.fds().map((f) => f + 1)))))}`, 'Groups:\t',
    `VmPeak:\t${String(vm.size).padStart(8)} kB`, `VmSize:\t${String(vm.size).padStart(8)} kB`,
    `VmHWM:\t${String(vm.rss).padStart(8)} kB`, `VmRSS:\t${String(vm.rss).padStart(8)} kB`,
    `VmData:\t${String(vm.size - vm.exe - vm.stack).padStart(8)} kB`, `VmStk:\t${String(vm.stack).padStart(8)} kB`,
    `VmExe:\t${String(vm.exe).padStart(8)} kB`, 'Threads:\t1',
    `SigQ:\t0/63448`, `SigPnd:\t${'0'.repeat(16)}`, `ShdPnd:\t${s.pendingSignals.toString(16).padStart(16, '0')}`,
    `SigBlk:\t${(s.threads[0]?.sigmask ?? 0n).toString(16).padStart(16, '0')}`, 'CapInh:\t0000000000000000', 'CapPrm:\t0000000000000000',
    'CapEff:\t0000000000000000', 'CapBnd:\t000001ffffffffff', 'NoNewPrivs:\t0', 'Seccomp:\t0',
    `Cpus_allowed:\t${mask}`, `Cpus_allowed_list:\t${cpus}`, 'voluntary_ctxt_switches:\t0', 'nonvoluntary_ctxt_switches:\t0',
  ].join('\n') + '\n';
}

export function selfStat(s: LinuxSystem, h: Hart): string {
  const vm = vmKb(h), t = ticks(s, h);
  // pid (comm) state ppid pgrp session tty_nr tpgid flags minflt cminflt majflt cmajflt utime stime cutime
  // cstime priority nice num_threads itrealvalue starttime vsize rss ...
  const f = [s.pid, `(${s.threadName})`, 'R', s.pid - 1, s.pid, s.pid, 0, -1, 0x400000, 0, 0, 0, 0, t, 0, 0, 0, 20, 0, 1, 0, 0,
    vm.size * 1024, Math.floor(vm.rss / 4), '18446744073709551615'];
  return f.join(' ') + ' 0'.repeat(27) + '\n';
}

export function selfStatm(h: Hart): string {
  const vm = vmKb(h);
  return `${vm.size / 4} ${vm.rss / 4} 0 ${vm.exe / 4} 0 ${(vm.size - vm.exe) / 4} 0\n`;
}

/** NUL-separated strings, as /proc/self/cmdline and environ present them. */
export function nulList(items: readonly string[]): string { return items.map((a) => a + '\0').join(''); }

/** /proc/self/maps from the address space's region list (shared file mappings marked 's'). */
export function procMaps(s: LinuxSystem, h: Hart): string {
  const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');
  let out = '';
  for (const r of h.mem.regions) {
    const shared = s.sharedFiles.size > 0 && s.sharedFiles.isShared(r.start);
    const perms = (r.prot & PROT_READ ? 'r' : '-') + (r.prot & PROT_WRITE ? 'w' : '-') + (r.prot & PROT_EXEC ? 'x' : '-') + (shared ? 's' : 'p');
    const head = `${hex(r.start, 8)}-${hex(r.end, 8)} ${perms} 00000000 00:00 0`;
    out += r.name !== '' ? `${head.padEnd(73)}${r.name}\n` : `${head}\n`;
  }
  return out;
}
