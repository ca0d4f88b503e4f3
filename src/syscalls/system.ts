// The Linux personality of one guest process: the Environment a Hart calls for ecall/ebreak/fence.i, the
// process state syscalls work on (descriptor table, cwd, limits, signal dispositions), and the only route
// to the outside world (the Host).
import type { Environment, Hart } from '../isa/hart.js';
import type { Decoded, Ext } from '../isa/spec.js';
import type { Host, HostStat } from '../host/host.js';
import { GuestFault, GuestSignal, RvemuError, UnsupportedSyscall } from '../errors.js';
import { GUEST_GID, GUEST_UID } from '../elf/stack.js';
import { DEFAULT_EXTENSIONS } from './cpu.js';
import { E, errnoName, errnoOf, SysError } from './errno.js';
import type { Engine } from '../engine/engine.js';
import { FileTable, HostFile, WouldBlock, O_RDONLY, O_RDWR, O_WRONLY, O_LARGEFILE, S_IFDIR, S_IFLNK, S_IFMT, type OpenFile } from './files.js';
import { syscallName } from './numbers.js';
import { joinPath, joinRaw, normalizePath } from './path.js';
import { SeededRandom, STREAM_AT_RANDOM, STREAM_ENTROPY } from './random.js';
import { AT_FDCWD } from './abi.js';
import { SYSCALLS } from './table.js';
import { SharedFiles } from './shared.js';
import { LockTable } from './locks.js';
import { childInfo, exitedStatus, Kernel, signaledStatus, Thread } from './kernel.js';
import { deliverSignals, sendSignal, sendThreadSignal, SIGCHLD, SIGPIPE } from './signal.js';

/** write, writev, pwrite64, pwritev, sendfile, splice, sendto, sendmsg, pwritev2: the calls EPIPE comes with SIGPIPE for. */
const WRITES = new Set([64, 66, 68, 70, 71, 76, 206, 211, 287]);

/** A syscall handler: reads its arguments from the hart, returns the value for a0 (negative errno on failure). */
export type Syscall = (s: LinuxSystem, h: Hart) => number;

export interface SystemOptions {
  /** Absolute host path of the program (what /proc/self/exe names). */
  exePath?: string;
  /** Seed for AT_RANDOM, getrandom and /dev/urandom (default 0). */
  seed?: number | bigint;
  /** Use the host's clocks instead of the virtual clock. */
  hostTime?: boolean;
  /** Use host entropy for getrandom and /dev/urandom instead of the seeded generator. */
  hostRandom?: boolean;
  /** Unimplemented syscalls throw UnsupportedSyscall instead of returning -ENOSYS. */
  strict?: boolean;
  /** Enabled ISA extensions (for hwprobe and /proc/cpuinfo; default DEFAULT_EXTENSIONS). */
  extensions?: readonly Ext[];
  /** Number of CPUs reported (sched_getaffinity, /sys/devices/system/cpu/online; default 4). */
  ncpus?: number;
  /** Directory that absolute guest paths are looked up in first (a RISC-V root file system). */
  sysroot?: string;
  /**
   * Directory that confines every guest path (like chroot): "/" is this directory, and neither ".." nor a
   * symbolic link leads out of it. Takes precedence over sysroot.
   */
  root?: string;
  /** Initial guest working directory (default: the host's). */
  cwd?: string;
  /** Host fds that guest fds 0, 1, 2 refer to (default 0, 1, 2; -1 leaves the guest fd closed). */
  stdio?: readonly [number, number, number];
  /** The program's arguments and environment (for /proc/self/cmdline and environ). */
  argv?: readonly string[];
  envp?: readonly string[];
  /** Process id the guest sees (default: the kernel's next id; the first process is 1000). */
  pid?: number;
  /** The kernel this process belongs to (default: a new one, with this as its first process). */
  kernel?: Kernel;
  /** Parent process id (default: this pid - 1, a shell that is not emulated). */
  ppid?: number;
  uid?: number;
  gid?: number;
  /** Leave fds 0-2 closed (a forked child gets its parent's descriptors instead). */
  noStdio?: boolean;
  /** Called with one line per syscall (strace-like), when given. */
  trace?: (line: string) => void;
  /** Names a guest pc ("main+0x1c") for messages. */
  symbolize?: (pc: number) => string | undefined;
}

export { NO_RESULT } from './abi.js';
export { GuestSignal } from '../errors.js';

export const SIGTRAP = 5;

const RLIM_INFINITY = (1n << 64n) - 1n;

export class LinuxSystem implements Environment {
  readonly files: FileTable;
  /** Advisory locks (fcntl, flock). */
  readonly locks: LockTable;
  /** The host user the emulator runs as: stat shows that user's files as owned by the guest user. */
  private readonly hostIds: { uid: number; gid: number };
  /** Files mapped MAP_SHARED (see shared.ts). */
  readonly sharedFiles = new SharedFiles();
  cwd: string;
  umask = 0o022;
  /** /proc/self/exe as the guest sees it (inside the root or sysroot when the program lies there). */
  exePath: string;
  /** The program's host path (what opening /proc/self/exe opens). */
  exeHostPath: string;
  readonly extensions: readonly Ext[];
  readonly ncpus: number;
  readonly pid: number;
  /** Parent process, process group and session ids. */
  ppid: number;
  pgid: number;
  sid: number;
  readonly kernel: Kernel;
  /** This process's threads (live ones), in creation order. */
  readonly threads: Thread[] = [];
  /** The engine running this process's current program image (set by the embedder, and by execve). */
  engine: Engine | undefined = undefined;
  /** A vfork child runs on its parent's engine (and memory) until it execs. */
  borrowsEngine = false;
  /** Bytes of one vector register (AT_MINSIGSTKSZ), set by the loader. */
  vlenb = 16;
  /** Engines of earlier program images (replaced by execve): their counts still belong to the run. */
  readonly pastEngines: Engine[] = [];
  /** Ended, and not yet waited for (or already reaped); waitStatus is what wait4 reports. */
  zombie = false;
  waitStatus = 0;
  /** Exit status as a shell sees it: the code, or 128 + signal. */
  exitCode = 0;
  /** A vfork child that has not yet called execve or exited: its parent waits. */
  vforkParent: Thread | undefined = undefined;
  readonly uid: number;
  readonly gid: number;
  readonly sysroot: string | undefined;
  argv: readonly string[];
  envp: readonly string[];
  readonly root: string | undefined;
  readonly strict: boolean;
  readonly hostTime: boolean;
  readonly hostRandom: boolean;
  /** Resource limits: resource -> [soft, hard] (RLIM_INFINITY = 2^64-1). */
  readonly rlimits = new Map<number, [bigint, bigint]>();
  /** Signal dispositions as the guest set them: signal -> raw struct sigaction bytes (handler, flags, mask). */
  readonly sigactions = new Map<number, Uint8Array>();
  /** Signals sent to the process (not to one thread) and not yet delivered; their siginfo by number. */
  pendingSignals = 0n;
  readonly pendingInfo = new Map<number, Uint8Array>();
  /** The process's name (comm of its first thread). */
  threadName = '';
  /** Address of the signal return trampoline page, once mapped. */
  sigreturnTrampoline = 0;
  /** The signal that ended the process, if one did (exit status is then 128 + signal). */
  termSignal = 0;
  /**
   * ITIMER_REAL (setitimer, alarm): when SIGALRM is next due on the virtual clock and its period in ns
   * (0: once). A forked child starts without one; execve keeps it. The kernel fires it.
   */
  realTimer: { at: number; interval: number } | undefined = undefined;
  /** Called for fence.i and riscv_flush_icache: decoded code may be stale. Set by the engine. */
  onFlushCode: (h: Hart) => void = () => {};
  trace: ((line: string) => void) | undefined;
  /** Trace the result of a call that blocked and completed later. */
  traceResult: ((h: Hart, ret: number) => void) | undefined = undefined;
  symbolize: ((pc: number) => string | undefined) | undefined;

  /** Position of the current ecall within its block (the virtual clock counts it). */
  private insnIndex = 0;
  private readonly warned = new Set<string>();
  private readonly atRandomGen: SeededRandom;
  private readonly entropyGen: SeededRandom;
  private nextPipeId = 1;

  constructor(readonly host: Host, private readonly opts: SystemOptions = {}) {
    this.extensions = opts.extensions ?? DEFAULT_EXTENSIONS;
    this.ncpus = Math.max(1, opts.ncpus ?? 4);
    this.kernel = opts.kernel ?? new Kernel();
    this.pid = opts.pid ?? this.kernel.allocId(1000);
    this.ppid = opts.ppid ?? this.pid - 1;
    this.pgid = this.pid;
    this.sid = this.pid;
    this.uid = opts.uid ?? GUEST_UID;
    this.gid = opts.gid ?? GUEST_GID;
    this.root = opts.root !== undefined ? trimSlash(normalizePath(opts.root)) : undefined;
    this.sysroot = this.root === undefined && opts.sysroot !== undefined ? trimSlash(normalizePath(opts.sysroot)) : undefined;
    this.strict = opts.strict ?? false;
    this.hostTime = opts.hostTime ?? false;
    this.hostRandom = opts.hostRandom ?? false;
    this.trace = opts.trace;
    this.symbolize = opts.symbolize;
    const hostCwd = normalizePath(host.cwd());
    if (this.root !== undefined) this.cwd = opts.cwd !== undefined ? normalizePath(opts.cwd) : (this.insideRoot(hostCwd) ?? '/');
    else this.cwd = normalizePath(opts.cwd ?? hostCwd);
    // Always absolute: libc derives $ORIGIN from it and asserts that it starts with "/".
    this.exeHostPath = joinPath(hostCwd, opts.exePath ?? 'a.out');
    this.exePath = this.insideRoot(this.exeHostPath) ?? this.exeHostPath;
    this.argv = opts.argv ?? [this.exePath];
    this.envp = opts.envp ?? [];
    this.threadName = (this.exePath.split('/').pop() ?? '').slice(0, 15);
    const seed = opts.seed ?? 0;
    this.atRandomGen = new SeededRandom(seed, STREAM_AT_RANDOM);
    this.entropyGen = new SeededRandom(seed, STREAM_ENTROPY);

    // The limits of an ordinary login session on a desktop distribution.
    const inf = RLIM_INFINITY;
    const lim: [number, bigint, bigint][] = [
      [0, inf, inf], [1, inf, inf], [2, inf, inf], [3, 8n << 20n, inf], [4, 0n, inf], [5, inf, inf],
      [6, 63448n, 63448n], [7, 1024n, 1048576n], [8, 8n << 20n, 8n << 20n], [9, inf, inf], [10, inf, inf],
      [11, 63448n, 63448n], [12, 819200n, 819200n], [13, 0n, 0n], [14, 0n, 0n], [15, inf, inf],
    ];
    for (const [r, cur, max] of lim) this.rlimits.set(r, [cur, max]);
    this.files = new FileTable(() => Number(this.rlimits.get(7)![0]));
    this.locks = new LockTable(this.pid);
    this.files.onClose = (f) => this.locks.closed(f);
    this.files.onRelease = (f) => this.locks.released(f);
    this.hostIds = host.ids?.() ?? { uid: -1, gid: -1 };
    this.kernel.addProcess(this);
    if (opts.noStdio === true) return;

    const stdio = opts.stdio ?? [0, 1, 2];
    const names = ['/dev/stdin', '/dev/stdout', '/dev/stderr'];
    for (let fd = 0; fd < 3; fd++) {
      const hfd = stdio[fd];
      if (hfd < 0) continue;
      let mode = 0;
      try { mode = host.fstat(hfd).mode; } catch { continue; } // closed on the host: closed in the guest
      const acc = host.isatty(hfd) ? O_RDWR : fd === 0 ? O_RDONLY : O_WRONLY;
      this.files.put(fd, new HostFile(host, hfd, acc | O_LARGEFILE, names[fd], names[fd], mode, false), false);
    }
  }

  // ------------------------------------------------------------------------------------------ Environment
  ecall(h: Hart, d: Decoded): void {
    const nrHi = h.x[35], nr = h.x[34] >>> 0;
    this.insnIndex = d.index;
    const fn = nrHi === 0 ? SYSCALLS[nr] : undefined;
    const t = this.kernel.threadOf(h);
    let ret: number;
    if (fn === undefined) {
      ret = this.unimplemented(nrHi === 0 ? nr : -1, d.pc);
    } else {
      try {
        ret = fn(this, h);
      } catch (e) {
        if (e instanceof WouldBlock) {
          const r = this.waitFor(t, h, d, fn, e);
          if (r === undefined) return; // blocked: a0 is written when the call completes
          ret = r;
        } else {
          const errno = e instanceof GuestFault ? E.EFAULT : errnoOf(e);
          if (errno === undefined) throw e;
          ret = -errno;
        }
      }
    }
    if (this.trace !== undefined) this.traceCall(h, nr, ret);
    if (!Number.isNaN(ret)) h.setNum(10, ret);
    // Writing to a pipe nobody reads also sends SIGPIPE (whose default action ends the process).
    if (ret === -E.EPIPE && WRITES.has(nr)) sendThreadSignal(t, SIGPIPE);
    if (t.state === 'runnable' && (this.pendingSignals | t.pending) !== 0n) deliverSignals(this, t);
  }

  /**
   * A call that must wait: block the thread (undefined; the scheduler completes the call later), or, when
   * no other thread exists that could end the wait, let its deadline pass at once (its result) or report
   * the deadlock.
   */
  private waitFor(t: Thread, h: Hart, d: Decoded, fn: Syscall, e: WouldBlock): number | undefined {
    const o = e.opts, deadline = o.deadline ?? Infinity;
    // Alone, a wait can only end at its deadline: jump the clock there (unless a timer's signal comes first).
    if (this.kernel.threads.length <= 1 && !this.kernel.timerArmed()) {
      if (deadline === Infinity) {
        throw new RvemuError(`deadlock: ${e.message}, and no other thread or process exists that could end the wait (pc 0x${d.pc.toString(16)}${this.where(d.pc)})`, 1);
      }
      const done = this.virtualNs(h) + 1;
      if (deadline > done) h.clockSkewNs += deadline - done;
      return o.onTimeout !== undefined ? o.onTimeout() : -E.ETIMEDOUT;
    }
    this.kernel.block(t, {
      what: e.message, retry: o.retryWith ?? (o.retry === false ? undefined : () => fn(this, h)), deadline, onTimeout: o.onTimeout,
      futex: o.futex, pc: d.pc, restartable: o.restartable ?? true, a0: [h.x[20], h.x[21]], interruptible: o.interruptible ?? true,
    });
    return undefined;
  }

  /** The virtual-clock time `ns` after the current call completes (a sleep's or timeout's deadline). */
  deadlineAfter(h: Hart, ns: number): number { return this.virtualNs(h) + 1 + Math.max(0, ns); }

  ebreak(_h: Hart, d: Decoded): void {
    throw new GuestSignal(SIGTRAP, d.pc, `trace/breakpoint trap (SIGTRAP): ebreak at pc 0x${d.pc.toString(16)}${this.where(d.pc)}`);
  }

  flushCode(h: Hart): void { this.onFlushCode(h); }

  // ------------------------------------------------------------------------------------------ helpers
  /** A message for the person running the program, once per key. */
  warnOnce(key: string, msg: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.host.warn(msg);
  }

  private unimplemented(nr: number, pc: number): number {
    const name = nr < 0 ? 'out-of-range syscall number' : syscallName(nr);
    if (this.strict) {
      const err = new UnsupportedSyscall(nr, pc);
      err.message = `unsupported syscall ${nr} (${name}) at pc 0x${pc.toString(16)}${this.where(pc)}`;
      throw err;
    }
    this.warnOnce(`nr:${nr}`, `unsupported syscall ${nr} (${name}) at pc 0x${pc.toString(16)}${this.where(pc)}; returning -ENOSYS (reported once)`);
    return -E.ENOSYS;
  }

  private where(pc: number): string {
    const s = this.symbolize?.(pc);
    return s !== undefined ? ` (${s})` : '';
  }

  private traceCall(h: Hart, nr: number, ret: number): void {
    const args: string[] = [];
    for (let i = 0; i < 6; i++) args.push('0x' + (BigInt.asUintN(64, h.getBig(10 + i))).toString(16));
    const r = ret < 0 && ret > -4096 ? `-1 ${errnoName(-ret)}` : ret >= 0 && ret < 65536 ? `${ret}` : `0x${ret.toString(16)}`;
    this.trace!(`[${h.tid}] ${syscallName(nr)}(${args.join(', ')}) = ${r}`);
  }

  /** Virtual nanoseconds now: 1 ns per instruction retired by any thread (this ecall not yet) plus sleeps. */
  virtualNs(h: Hart): number { return h.instret + this.insnIndex + h.clockSkewNs; }

  /** The 16 AT_RANDOM bytes for the initial stack. */
  atRandom(): Uint8Array { return this.atRandomGen.bytes(16); }

  /** Fill buf with "random" bytes: seeded unless host randomness was asked for. */
  entropy(buf: Uint8Array): void {
    if (this.hostRandom) buf.set(this.host.randomBytes(buf.length));
    else this.entropyGen.fill(buf);
  }

  newPipeId(): number { return this.nextPipeId++; }

  /** A host stat as the guest sees it: the host user's files belong to the guest user. */
  guestStat(st: HostStat): HostStat {
    if (st.uid !== this.hostIds.uid && st.gid !== this.hostIds.gid) return st;
    return { ...st, uid: st.uid === this.hostIds.uid ? this.uid : st.uid, gid: st.gid === this.hostIds.gid ? this.gid : st.gid };
  }

  /** End the process (exit_group): status is the low 8 bits. */
  exit(h: Hart, status: number): void {
    h.stopped = true;
    h.exitCode = status & 0xff;
    this.exitCode = status & 0xff;
    this.kernel.processExited(this, exitedStatus(status));
  }

  /** End the process by a fatal signal (exit status 128 + sig). */
  kill(h: Hart, sig: number): void {
    this.termSignal = sig;
    h.stopped = true;
    h.exitCode = 128 + sig;
    this.exitCode = 128 + sig;
    this.kernel.processExited(this, signaledStatus(sig));
  }

  /** A process other than the first died of a fault: say so, as a shell would. */
  fatal(e: RvemuError): void {
    this.host.warn(`process ${this.pid} (${this.threadName}): ${e.message}`);
  }

  /** A child process ended: SIGCHLD (with its siginfo) and a chance for waiting threads to reap it. */
  childChanged(child: LinuxSystem): void {
    sendSignal(this, SIGCHLD, childInfo(child.pid, child.uid, child.waitStatus));
  }

  /** Per-process state a forked child starts with: a copy of this one's (files shared by description). */
  forkChild(): LinuxSystem {
    const c = new LinuxSystem(this.host, {
      ...this.opts, kernel: this.kernel, pid: undefined, ppid: this.pid, noStdio: true, exePath: this.exeHostPath,
      argv: this.argv, envp: this.envp, cwd: this.cwd, symbolize: this.symbolize,
    });
    c.exePath = this.exePath;
    c.pgid = this.pgid; c.sid = this.sid;
    c.umask = this.umask;
    c.threadName = this.threadName;
    for (const [k, v] of this.rlimits) c.rlimits.set(k, [v[0], v[1]]);
    for (const [k, v] of this.sigactions) c.sigactions.set(k, v.slice());
    c.sigreturnTrampoline = this.sigreturnTrampoline;
    this.files.copyInto(c.files);
    return c;
  }

  /**
   * What the kernel does when a process ends: shared mappings reach their files, descriptors close. Also
   * for the embedder to call when the run ends another way (a fault, an instruction limit); idempotent.
   */
  shutdown(): void {
    this.sharedFiles.releaseAll();
    this.files.closeAll();
  }

  // ------------------------------------------------------------------------------------------ paths
  /** The guest path of a host path inside the root (or sysroot), or undefined if it lies outside. */
  insideRoot(hostPath: string): string | undefined {
    const base = this.root ?? this.sysroot;
    if (base === undefined) return undefined;
    if (hostPath === base) return '/';
    return hostPath.startsWith(base + '/') ? hostPath.slice(base.length) : undefined;
  }

  /**
   * The host path for an absolute guest path. Everything that names a host file goes through here.
   * With --root the path is resolved component by component inside the root, symbolic links included, so
   * that nothing leads out of it. With a sysroot, a path that exists under it (resolving its absolute
   * links inside the sysroot, as they would resolve on the RISC-V system) is taken from there, anything
   * else from the host — except the dynamic linker's cache and preload list, which only ever come from the
   * sysroot (the host's describe the host's libraries).
   */
  resolvePath(guestPath: string, followFinal = true): string {
    if (!guestPath.startsWith('/')) return guestPath;
    if (this.root !== undefined) return walkUnder(this.host, this.root, guestPath, followFinal).path;
    if (this.sysroot !== undefined) {
      const w = walkUnder(this.host, this.sysroot, guestPath, followFinal);
      if (w.exists) return w.path;
      const n = normalizePath(guestPath);
      if (n === '/etc/ld.so.cache' || n === '/etc/ld.so.preload') return w.path;
    }
    return guestPath;
  }

  /**
   * A path argument relative to dirfd: `guest` is the normalized absolute guest path (for special files,
   * cwd and messages), `host` the path to hand to the host (not lexically cleaned, so "dir/.." and a
   * trailing "/" mean what the host says they mean). `follow` = whether a final symbolic link is followed
   * (only matters for --root, where links are resolved here rather than by the host).
   */
  at(dirfd: number, path: string, follow = true): { guest: string; host: string } {
    if (path.startsWith('/')) return { guest: normalizePath(path), host: this.resolvePath(path, follow) };
    if (dirfd === AT_FDCWD) return { guest: joinPath(this.cwd, path), host: this.resolvePath(joinRaw(this.cwd, path), follow) };
    const f = this.files.get(dirfd);
    if (!(f instanceof HostFile) || f.dirPath === undefined) throw new SysError(E.ENOTDIR);
    // Under --root, relative lookups restart from the directory's guest path so ".." cannot climb out.
    if (this.root !== undefined) return { guest: joinPath(f.path, path), host: this.resolvePath(joinRaw(f.path, path), follow) };
    return { guest: joinPath(f.path, path), host: joinRaw(f.hostPath, path) };
  }

  /** Open a host file as a guest description (flags: guest open flags without O_CLOEXEC). */
  openHost(hostPath: string, guestPath: string, flags: number, mode: number): HostFile {
    const fd = this.host.open(hostPath, flags, mode);
    let st;
    try { st = this.host.fstat(fd); } catch (e) { this.host.close(fd); throw e; }
    if ((st.mode & S_IFMT) === S_IFDIR && (flags & 3) !== O_RDONLY) { this.host.close(fd); throw new SysError(E.EISDIR); }
    const f = new HostFile(this.host, fd, flags | O_LARGEFILE, guestPath, hostPath, st.mode);
    f.ident = `${st.dev}:${st.ino}`;
    f.shared = this.sharedFiles;
    return f;
  }

  /** Contents of a guest file (through resolvePath), or undefined if it cannot be read. For the ELF loader. */
  readGuestFile(guestPath: string): Uint8Array | undefined {
    return this.readHostFile(this.resolvePath(joinPath(this.cwd, guestPath)), joinPath(this.cwd, guestPath));
  }

  /** Contents of a host file, or undefined if it cannot be read. */
  readHostFile(hostPath: string, guestPath: string): Uint8Array | undefined {
    let f: OpenFile;
    try { f = this.openHost(hostPath, guestPath, O_RDONLY, 0); } catch { return undefined; }
    try {
      const chunks: Uint8Array[] = [];
      let total = 0;
      for (;;) {
        const buf = new Uint8Array(1 << 20);
        const n = f.read(buf);
        if (n === 0) break;
        chunks.push(buf.subarray(0, n)); total += n;
      }
      const out = new Uint8Array(total);
      let o = 0;
      for (const c of chunks) { out.set(c, o); o += c.length; }
      return out;
    } catch {
      return undefined;
    } finally {
      f.release();
    }
  }
}

function trimSlash(p: string): string { return p.length > 1 ? p.replace(/\/+$/, '') : p; }

/** Most symbolic links one lookup follows (Linux: 40). */
const MAX_LINKS = 40;

/**
 * Resolve the absolute guest path `guest` inside the host directory `base` as if `base` were "/": ".."
 * stops at `base`, and symbolic links are read and followed here (absolute targets restart at `base`),
 * so the result names a host path inside `base`. `exists` says whether every component was found; the
 * components after the first missing one are appended lexically. A trailing "/" is kept.
 */
export function walkUnder(host: Host, base: string, guest: string, followFinal: boolean): { path: string; exists: boolean } {
  const todo = guest.split('/').filter((c) => c !== '' && c !== '.').reverse();
  const done: string[] = [];
  let links = 0, exists = true;
  while (todo.length > 0) {
    const c = todo.pop()!;
    if (c === '..') { done.pop(); continue; }
    if (c === '.') continue;
    if (!exists) { done.push(c); continue; }
    const here = base + '/' + [...done, c].join('/');
    let st;
    try { st = host.stat(here, false); } catch { exists = false; done.push(c); continue; }
    const last = todo.length === 0;
    if ((st.mode & S_IFMT) === S_IFLNK && (!last || followFinal)) {
      if (++links > MAX_LINKS) throw new SysError(E.ELOOP);
      let target: string;
      try { target = host.readlink(here); } catch { exists = false; done.push(c); continue; }
      if (target.startsWith('/')) done.length = 0;
      for (const t of target.split('/').filter((x) => x !== '' && x !== '.').reverse()) todo.push(t);
      continue;
    }
    done.push(c);
  }
  const tail = guest.length > 1 && guest.endsWith('/') && done.length > 0 ? '/' : '';
  return { path: (done.length === 0 ? base : base + '/' + done.join('/')) + tail, exists };
}
