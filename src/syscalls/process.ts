// Threads and processes: clone (threads, fork, vfork), execve, exit and exit_group, wait4/waitid, process
// groups, sched_yield. The kernel (kernel.ts) schedules what these create.
import { Hart } from '../isa/hart.js';
import { AddressSpace } from '../mem/address-space.js';
import { initHart } from '../elf/stack.js';
import { parseElf } from '../elf/parse.js';
import { utf8Decode } from '../elf/utf8.js';
import { BadElfError } from '../errors.js';
import { argInt, argNum, readPath, readString, Struct, writeU32, AT_FDCWD, NO_RESULT } from './abi.js';
import { E, SysError } from './errno.js';
import { S_IFMT, S_IFREG, WouldBlock } from './files.js';
import { childInfo, disabledAltstack, Thread } from './kernel.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';
import { loadImage } from './launch.js';

const CLONE_VM = 0x100, CLONE_FS = 0x200, CLONE_FILES = 0x400, CLONE_SIGHAND = 0x800, CLONE_PIDFD = 0x1000,
  CLONE_PTRACE = 0x2000, CLONE_VFORK = 0x4000, CLONE_PARENT = 0x8000, CLONE_THREAD = 0x10000,
  CLONE_NEWNS = 0x20000, CLONE_SYSVSEM = 0x40000, CLONE_SETTLS = 0x80000, CLONE_PARENT_SETTID = 0x100000,
  CLONE_CHILD_CLEARTID = 0x200000, CLONE_DETACHED = 0x400000, CLONE_UNTRACED = 0x800000,
  CLONE_CHILD_SETTID = 0x1000000, CLONE_IO = 0x80000000;
/** Flags we honour or may ignore safely (namespaces and the like are refused). */
const CLONE_KNOWN = 0xff | CLONE_VM | CLONE_FS | CLONE_FILES | CLONE_SIGHAND | CLONE_PTRACE | CLONE_VFORK |
  CLONE_PARENT | CLONE_THREAD | CLONE_SYSVSEM | CLONE_SETTLS | CLONE_PARENT_SETTID | CLONE_CHILD_CLEARTID |
  CLONE_DETACHED | CLONE_UNTRACED | CLONE_CHILD_SETTID | CLONE_IO;

/** A new hart with the registers of `from` (the child of clone starts where the parent's ecall returns). */
function copyHart(from: Hart, mem: AddressSpace, env: LinuxSystem): Hart {
  const h = new Hart(mem, env);
  h.x.set(from.x);
  h.fi.set(from.fi);
  h.fflags = from.fflags; h.frm = from.frm;
  h.pc = from.pc;
  env.kernel.copyExtraState?.(from, h);
  h.setNum(10, 0);
  return h;
}

/** clone(flags, stack, parent_tid, tls, child_tid): the riscv64 argument order. */
const clone: Syscall = (s, h) => {
  const flags = argNum(h, 0), stack = argNum(h, 1), ptid = argNum(h, 2), tls = argNum(h, 3), ctid = argNum(h, 4);
  const lo = flags % 4294967296;
  if (flags >= 4294967296 || (lo & ~CLONE_KNOWN) !== 0 || (lo & CLONE_PIDFD) !== 0 || (lo & CLONE_NEWNS) !== 0) throw new SysError(E.EINVAL);
  if ((lo & CLONE_THREAD) !== 0 && (lo & CLONE_SIGHAND) === 0) throw new SysError(E.EINVAL);
  if ((lo & CLONE_SIGHAND) !== 0 && (lo & CLONE_VM) === 0) throw new SysError(E.EINVAL);
  const k = s.kernel, parent = k.threadOf(h);
  /** The new thread: the caller's registers in the given memory and process, with clone's extras applied. */
  const child = (mem: AddressSpace, proc: LinuxSystem, tid: number): Thread => {
    const ch = copyHart(h, mem, proc);
    ch.tid = tid;
    if (stack !== 0) ch.setNum(2, stack);
    if (lo & CLONE_SETTLS) ch.setNum(4, tls);
    const t = new Thread(tid, ch, proc);
    t.sigmask = parent.sigmask;
    if (lo & CLONE_CHILD_CLEARTID) t.clearChildTid = ctid;
    if (lo & CLONE_CHILD_SETTID) writeU32(ch, ctid, tid);
    if (lo & CLONE_PARENT_SETTID) writeU32(h, ptid, tid);
    return t;
  };
  if ((lo & CLONE_THREAD) !== 0) {
    const t = child(h.mem, s, k.allocId(s.pid));
    k.addThread(t);
    return t.tid;
  }
  // A new process: a copy of this one (fork), or one that borrows its memory until it execs (vfork).
  const sharesMemory = (lo & CLONE_VM) !== 0;
  const c = s.forkChild();
  if ((lo & CLONE_PARENT) !== 0) c.ppid = s.ppid;
  const t = child(sharesMemory ? h.mem : h.mem.fork(), c, c.pid);
  t.altstack = parent.altstack.slice();
  t.name = parent.name;
  if (sharesMemory) { c.engine = s.engine; c.borrowsEngine = true; }
  else c.engine = k.makeEngine!(t.hart, c);
  k.addThread(t);
  if ((lo & CLONE_VFORK) === 0) return c.pid;
  // The parent sleeps until the child has exec'd or exited (it runs on the parent's memory until then).
  c.vforkParent = parent;
  const done = (): number => {
    if (c.vforkParent === undefined || c.zombie) return c.pid;
    throw new WouldBlock(`vfork: waiting for child ${c.pid} to exec or exit`);
  };
  throw new WouldBlock(`vfork: waiting for child ${c.pid} to exec or exit`, { retryWith: done, restartable: false, interruptible: false });
};

// ------------------------------------------------------------------------------------------ exits
/** exit: this thread ends; the last thread's exit ends the process. */
const exitThread: Syscall = (s, h) => {
  const t = s.kernel.threadOf(h);
  if (s.threads.length <= 1) { s.exit(h, argInt(h, 0)); return NO_RESULT; }
  s.kernel.threadExited(t);
  return NO_RESULT;
};
const exitGroup: Syscall = (s, h) => { s.exit(h, argInt(h, 0)); return NO_RESULT; };

const setTidAddress: Syscall = (s, h) => { s.kernel.threadOf(h).clearChildTid = argNum(h, 0); return h.tid; };
const setRobustList: Syscall = (s, h) => {
  if (argNum(h, 1) !== 24) throw new SysError(E.EINVAL); // sizeof(struct robust_list_head)
  s.kernel.threadOf(h).robustList = argNum(h, 0);
  return 0;
};
const getRobustList: Syscall = (s, h) => {
  const tid = argInt(h, 0);
  const t = tid === 0 ? s.kernel.threadOf(h) : s.kernel.thread(tid);
  if (t === undefined) throw new SysError(E.ESRCH);
  h.mem.store64Num(argNum(h, 1), t.robustList);
  h.mem.store64Num(argNum(h, 2), 24);
  return 0;
};

/** Yield: the next runnable thread runs (when there is one). */
const schedYield: Syscall = (s, h) => {
  if (s.kernel.threads.length > 1) h.stopped = true;
  return 0;
};

// ------------------------------------------------------------------------------------------ wait
const WNOHANG = 1, WEXITED = 4, WNOWAIT = 0x01000000;
const P_ALL = 0, P_PID = 1, P_PGID = 2;

/** The children of s that `matches` selects; throws ECHILD if there are none. */
function childrenOf(s: LinuxSystem, matches: (c: LinuxSystem) => boolean): LinuxSystem[] {
  const out = [...s.kernel.processes.values()].filter((c) => c.ppid === s.pid && c !== s && matches(c));
  if (out.length === 0) throw new SysError(E.ECHILD);
  return out;
}

function reap(s: LinuxSystem, c: LinuxSystem): void { s.kernel.processes.delete(c.pid); }

const wait4: Syscall = (s, h) => {
  const pid = argInt(h, 0), wstatus = argNum(h, 1), options = argInt(h, 2), rusage = argNum(h, 3);
  const kids = childrenOf(s, (c) => pid === -1 || (pid > 0 ? c.pid === pid : c.pgid === (pid === 0 ? s.pgid : -pid)));
  const z = kids.find((c) => c.zombie);
  if (z === undefined) {
    if (options & WNOHANG) return 0;
    throw new WouldBlock(`wait4 for ${pid > 0 ? `child ${pid}` : 'a child'} to exit`);
  }
  if (wstatus !== 0) writeU32(h, wstatus, z.waitStatus);
  if (rusage !== 0) new Struct(144).writeTo(h, rusage);
  reap(s, z);
  return z.pid;
};

const waitid: Syscall = (s, h) => {
  const idtype = argInt(h, 0), id = argInt(h, 1), infop = argNum(h, 2), options = argInt(h, 3), rusage = argNum(h, 4);
  if ((options & WEXITED) === 0) throw new SysError(E.EINVAL);
  if (idtype !== P_ALL && idtype !== P_PID && idtype !== P_PGID) throw new SysError(E.EINVAL);
  const kids = childrenOf(s, (c) => idtype === P_ALL || (idtype === P_PID ? c.pid === id : c.pgid === (id === 0 ? s.pgid : id)));
  const z = kids.find((c) => c.zombie);
  if (z === undefined) {
    if (options & WNOHANG) { if (infop !== 0) new Struct(128).writeTo(h, infop); return 0; }
    throw new WouldBlock('waitid for a child to exit');
  }
  if (infop !== 0) h.mem.writeBytes(infop, childInfo(z.pid, z.uid, z.waitStatus));
  if (rusage !== 0) new Struct(144).writeTo(h, rusage);
  if ((options & WNOWAIT) === 0) reap(s, z);
  return 0;
};

// ------------------------------------------------------------------------------------------ groups
function processOf(s: LinuxSystem, pid: number): LinuxSystem {
  if (pid === 0) return s;
  const p = s.kernel.processes.get(pid);
  if (p === undefined) throw new SysError(E.ESRCH);
  return p;
}
const getpgid: Syscall = (s, h) => processOf(s, argInt(h, 0)).pgid;
const getsid: Syscall = (s, h) => processOf(s, argInt(h, 0)).sid;
const setpgid: Syscall = (s, h) => {
  const p = processOf(s, argInt(h, 0)), pgid = argInt(h, 1);
  if (pgid < 0) throw new SysError(E.EINVAL);
  if (p !== s && p.ppid !== s.pid) throw new SysError(E.ESRCH);
  p.pgid = pgid === 0 ? p.pid : pgid;
  return 0;
};
const setsid: Syscall = (s) => {
  if (s.pgid === s.pid) throw new SysError(E.EPERM); // already a process group leader
  s.sid = s.pgid = s.pid;
  return s.pid;
};

// ------------------------------------------------------------------------------------------ execve
/** Strings of a NULL-terminated guest array of pointers (argv, envp). */
function readStrings(h: Hart, addr: number): string[] {
  const out: string[] = [];
  if (addr === 0) return out;
  for (let i = 0; ; i++) {
    if (i > 1 << 17) throw new SysError(E.E2BIG);
    const p = h.mem.load64Num(addr + 8 * i);
    if (p === 0) return out;
    out.push(readString(h, p, 1 << 17));
  }
}

const MAX_INTERPRETERS = 4;

/**
 * Replace the calling process's program: the file is read (following "#!" interpreter lines), loaded into
 * a fresh address space with its dynamic linker, and the calling thread starts at its entry with a new
 * stack. Other threads end; descriptors marked close-on-exec close; handled signals return to default.
 */
function exec(s: LinuxSystem, h: Hart, dirfd: number, path: string, argv: string[], envp: string[]): number {
  let guest = '', host = '', file: Uint8Array | undefined;
  for (let depth = 0; ; depth++) {
    if (depth > MAX_INTERPRETERS) throw new SysError(E.ELOOP);
    if (path === '/proc/self/exe') { guest = s.exePath; host = s.exeHostPath; }
    else { const at = s.at(depth === 0 ? dirfd : AT_FDCWD, path); guest = at.guest; host = at.host; }
    const st = s.host.stat(host, true);
    if ((st.mode & S_IFMT) !== S_IFREG) throw new SysError(E.EACCES);
    if ((st.mode & 0o111) === 0) throw new SysError(E.EACCES);
    file = s.readHostFile(host, guest);
    if (file === undefined) throw new SysError(E.EACCES);
    if (file[0] !== 0x23 || file[1] !== 0x21) break; // "#!"
    let end = file.indexOf(0x0a);
    if (end < 0) end = Math.min(file.length, 256);
    const line = utf8Decode(file.subarray(2, end)).trim();
    if (line === '') throw new SysError(E.ENOEXEC);
    const sp = line.search(/[ \t]/);
    const interp = sp < 0 ? line : line.slice(0, sp), arg = sp < 0 ? '' : line.slice(sp).trim();
    argv = [interp, ...(arg !== '' ? [arg] : []), path, ...argv.slice(1)];
    path = interp;
  }
  let elf;
  try { elf = parseElf(file, path); } catch (e) { if (e instanceof BadElfError) throw new SysError(E.ENOEXEC); throw e; }
  const mem = new AddressSpace();
  let image;
  try { image = loadImage(s, mem, elf, { argv, envp, name: path, execfn: path }); }
  catch (e) { if (e instanceof BadElfError) throw new SysError(E.ENOENT); throw e; }

  // The point of no return: the old program is gone.
  const k = s.kernel, t = k.threadOf(h);
  for (const other of [...s.threads]) if (other !== t) k.threadExited(other);
  if (s.engine !== undefined && !s.borrowsEngine) s.pastEngines.push(s.engine);
  s.borrowsEngine = false;
  h.mem = mem;
  initHart(h, image.program.entry, image.stack.sp);
  k.resetExtraState?.(h);
  s.exePath = guest; s.exeHostPath = host;
  s.argv = argv; s.envp = envp;
  s.threadName = t.name = (guest.split('/').pop() ?? '').slice(0, 15);
  s.files.closeOnExec();
  for (const [sig, act] of [...s.sigactions]) {
    if (new DataView(act.buffer, act.byteOffset).getBigUint64(0, true) !== 1n) s.sigactions.delete(sig); // all but SIG_IGN
  }
  t.altstack = disabledAltstack();
  t.clearChildTid = 0;
  s.sigreturnTrampoline = 0;
  s.engine = k.makeEngine!(h, s);
  s.vforkParent = undefined;
  h.stopped = true; // leave the old program's engine
  return 0;
}

const execve: Syscall = (s, h) =>
  exec(s, h, AT_FDCWD, readPath(h, argNum(h, 0)), readStrings(h, argNum(h, 1)), readStrings(h, argNum(h, 2)));
const AT_EMPTY_PATH = 0x1000;
const execveat: Syscall = (s, h) => {
  const flags = argInt(h, 4);
  let path = readString(h, argNum(h, 1));
  if (path === '') {
    if ((flags & AT_EMPTY_PATH) === 0) throw new SysError(E.ENOENT);
    path = s.files.get(argInt(h, 0)).path;
  }
  return exec(s, h, argInt(h, 0), path, readStrings(h, argNum(h, 2)), readStrings(h, argNum(h, 3)));
};

export const processSyscalls: Record<number, Syscall> = {
  [SYS.clone]: clone, [SYS.clone3]: () => -E.ENOSYS, // glibc falls back to clone
  [SYS.exit]: exitThread, [SYS.exit_group]: exitGroup,
  [SYS.set_tid_address]: setTidAddress, [SYS.set_robust_list]: setRobustList, [SYS.get_robust_list]: getRobustList,
  [SYS.sched_yield]: schedYield, [SYS.wait4]: wait4, [SYS.waitid]: waitid,
  [SYS.getppid]: (s) => s.ppid, [SYS.getpgid]: getpgid, [SYS.getsid]: getsid, [SYS.setpgid]: setpgid, [SYS.setsid]: setsid,
  [SYS.execve]: execve, [SYS.execveat]: execveat,
};

