// Signals: dispositions, masks, pending sets, and delivery into guest handlers with the signal frame the
// riscv64 kernel builds (siginfo, then a ucontext whose mcontext holds pc, x1..x31, f0..f31 and fcsr), a
// return through a sigreturn trampoline, and faults (bad access, illegal instruction, ebreak) turned into
// SIGSEGV/SIGBUS/SIGILL/SIGTRAP for a handler the program installed. Without a handler the default action
// happens: most signals end the process with status 128 + signal, a few are ignored.
import type { Hart } from '../isa/hart.js';
import { GuestFault, GuestSignal, IllegalInstruction, type RvemuError } from '../errors.js';
import { PROT_EXEC, PROT_READ } from '../mem/address-space.js';
import { argInt, argNum, NO_RESULT, Struct } from './abi.js';
import { E, SysError } from './errno.js';
import { WouldBlock } from './files.js';
import { disabledAltstack, faultSignal, type Thread } from './kernel.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';

export const SIGNAL_NAMES = [
  '', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1',
  'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP',
  'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];
export function signalName(sig: number): string { return SIGNAL_NAMES[sig] ?? (sig >= 32 && sig <= 64 ? `SIGRT${sig - 32}` : `signal ${sig}`); }

export const SIGILL = 4, SIGTRAP = 5, SIGKILL = 9, SIGSEGV = 11, SIGPIPE = 13, SIGALRM = 14, SIGCHLD = 17, SIGSTOP = 19;
const NSIG = 64;
const SIG_DFL = 0n, SIG_IGN = 1n;
const SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
const SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
const SA_ONSTACK = 0x08000000, SA_RESTART = 0x10000000, SA_NODEFER = 0x40000000, SA_RESETHAND = 0x80000000;
/** si_code values. */
const SI_USER = 0, SI_TKILL = -6, SEGV_MAPERR = 1, SEGV_ACCERR = 2, ILL_ILLOPC = 1, TRAP_BRKPT = 1;
/** Signals whose default action is to do nothing (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) or to stop (treated as nothing). */
const DEFAULT_IGNORE = new Set([17, 18, 23, 28, 19, 20, 21, 22]);
const UNBLOCKABLE = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));

// The riscv64 rt_sigframe: siginfo (128 bytes), then the ucontext: uc_flags, uc_link, uc_stack (24 bytes),
// uc_sigmask (8 bytes, padded to 128), and at offset 176 the mcontext: 32 general registers (pc in slot 0),
// the FP state (f0..f31, fcsr) and room for extension state, which stays empty (an END header).
const SIGINFO_SIZE = 128;
const UC = SIGINFO_SIZE;
const UC_STACK = UC + 16, UC_SIGMASK = UC + 40, UC_MCONTEXT = UC + 176;
const MC_FP = UC_MCONTEXT + 256, MC_FCSR = MC_FP + 256;
export const SIGFRAME_SIZE = UC + 176 + 256 + 528;
/** Where the signal return trampoline lives: the page above the initial stack (the vDSO's place). */
export const TRAMPOLINE_ADDR = 0x3f_ffff_f000;
const TRAMPOLINE_CODE = Uint8Array.of(0x93, 0x08, 0xb0, 0x08, 0x73, 0x00, 0x00, 0x00); // li a7, 139 (rt_sigreturn); ecall

function bit(sig: number): bigint { return 1n << BigInt(sig - 1); }
function checkSig(sig: number): void { if (sig < 1 || sig > NSIG) throw new SysError(E.EINVAL); }

interface Action { handler: bigint; flags: number; mask: bigint }
function actionOf(s: LinuxSystem, sig: number): Action {
  const a = s.sigactions.get(sig);
  if (a === undefined) return { handler: SIG_DFL, flags: 0, mask: 0n };
  const v = new DataView(a.buffer, a.byteOffset, 24);
  return { handler: v.getBigUint64(0, true), flags: v.getUint32(8, true), mask: v.getBigUint64(16, true) };
}

/** Whether sending sig to s would do anything (ignored signals are dropped when sent). */
function ignored(s: LinuxSystem, sig: number): boolean {
  if (sig === SIGKILL || sig === SIGSTOP) return false;
  const h = actionOf(s, sig).handler;
  return h === SIG_IGN || (h === SIG_DFL && DEFAULT_IGNORE.has(sig));
}

function userInfo(sig: number, code: number, pid: number, uid: number): Uint8Array {
  const info = new Uint8Array(SIGINFO_SIZE), v = new DataView(info.buffer);
  v.setInt32(0, sig, true); v.setInt32(8, code, true); v.setInt32(16, pid, true); v.setUint32(20, uid, true);
  return info;
}

/** A signal for the whole process: any thread that does not block it takes it. */
export function sendSignal(s: LinuxSystem, sig: number, info?: Uint8Array): void {
  if (s.zombie || ignored(s, sig)) return;
  s.pendingSignals |= bit(sig);
  if (info !== undefined) s.pendingInfo.set(sig, info);
  const t = s.threads.find((x) => (x.sigmask & bit(sig)) === 0n || sig === SIGKILL);
  if (t !== undefined) s.kernel.interrupt(t);
}

/** A signal for one thread (tgkill, faults). */
export function sendThreadSignal(t: Thread, sig: number, info?: Uint8Array): void {
  const s = t.proc;
  if (s.zombie || ignored(s, sig)) return;
  t.pending |= bit(sig);
  if (info !== undefined) t.pendingInfo.set(sig, info);
  if ((t.sigmask & bit(sig)) === 0n || sig === SIGKILL) s.kernel.interrupt(t);
}

/** Whether t has a signal it would take now. */
function deliverable(s: LinuxSystem, t: Thread): bigint {
  return (t.pending | s.pendingSignals) & ~(t.sigmask & ~UNBLOCKABLE);
}

/**
 * Take t's pending, unblocked signals: ignored ones vanish, fatal ones end the process, and the first one
 * with a handler gets a frame (the handler runs when t next runs). Called when a syscall returns and when a
 * thread is switched in.
 */
export function deliverSignals(s: LinuxSystem, t: Thread): void {
  for (;;) {
    const ready = deliverable(s, t);
    if (ready === 0n || t.state === 'exited') return;
    let sig = 1;
    while ((ready & bit(sig)) === 0n) sig++;
    let info: Uint8Array | undefined;
    if ((t.pending & bit(sig)) !== 0n) { t.pending &= ~bit(sig); info = t.pendingInfo.get(sig); t.pendingInfo.delete(sig); }
    else { s.pendingSignals &= ~bit(sig); info = s.pendingInfo.get(sig); s.pendingInfo.delete(sig); }
    const act = actionOf(s, sig);
    if (sig !== SIGKILL && (act.handler === SIG_IGN || (act.handler === SIG_DFL && DEFAULT_IGNORE.has(sig)))) continue;
    if (sig === SIGKILL || act.handler === SIG_DFL) { s.kill(t.hart, sig); return; }
    const w = t.interrupted;
    t.interrupted = undefined;
    const h = t.hart;
    if (w !== undefined && w.restartable && (act.flags & SA_RESTART) !== 0) {
      // The call starts over once the handler returns: back to its ecall, with its first argument.
      h.pc = w.pc;
      h.x[20] = w.a0[0]; h.x[21] = w.a0[1];
    }
    setupFrame(s, t, sig, info ?? userInfo(sig, SI_USER, 0, 0), act, h.pc);
    return;
  }
}

function onAltStack(t: Thread, sp: number): boolean {
  const v = new DataView(t.altstack.buffer);
  const base = Number(v.getBigUint64(0, true)), size = Number(v.getBigUint64(16, true));
  return (v.getInt32(8, true) & SS_DISABLE) === 0 && sp > base && sp <= base + size;
}

/** The stack_t sigaltstack reports: SS_ONSTACK while running on it. */
function altstackNow(t: Thread, sp: number): Uint8Array {
  const out = t.altstack.slice(), v = new DataView(out.buffer);
  if ((v.getInt32(8, true) & SS_DISABLE) === 0 && onAltStack(t, sp)) v.setInt32(8, SS_ONSTACK, true);
  return out;
}

/** Map the page with `li a7, 139; ecall` that handlers return into, once per address space. */
function trampoline(s: LinuxSystem, h: Hart): number {
  if (s.sigreturnTrampoline === 0 || !h.mem.isMapped(TRAMPOLINE_ADDR)) {
    h.mem.map(TRAMPOLINE_ADDR, 4096, PROT_READ | PROT_EXEC, '[vdso]');
    h.mem.poke(TRAMPOLINE_ADDR, TRAMPOLINE_CODE);
    s.sigreturnTrampoline = TRAMPOLINE_ADDR;
  }
  return s.sigreturnTrampoline;
}

/** Build the signal frame and enter the handler; resumePc is where sigreturn goes back to. */
function setupFrame(s: LinuxSystem, t: Thread, sig: number, info: Uint8Array, act: Action, resumePc: number): void {
  const h = t.hart;
  const ra = trampoline(s, h);
  let sp = h.getAddr(2);
  const alt = new DataView(t.altstack.buffer);
  if ((act.flags & SA_ONSTACK) !== 0 && (alt.getInt32(8, true) & SS_DISABLE) === 0 && !onAltStack(t, sp)) {
    sp = Number(alt.getBigUint64(0, true)) + Number(alt.getBigUint64(16, true));
  }
  const frame = (sp - SIGFRAME_SIZE) - ((sp - SIGFRAME_SIZE) % 16);
  const f = new Struct(SIGFRAME_SIZE);
  f.bytes.set(info, 0);
  f.bytes.set(altstackNow(t, h.getAddr(2)), UC_STACK);
  f.big(UC_SIGMASK, t.savedMask ?? t.sigmask);
  t.savedMask = undefined;
  f.u64(UC_MCONTEXT, resumePc);
  for (let r = 1; r < 32; r++) {
    f.view.setInt32(UC_MCONTEXT + 8 * r, h.x[2 * r], true);
    f.view.setInt32(UC_MCONTEXT + 8 * r + 4, h.x[2 * r + 1], true);
  }
  for (let r = 0; r < 64; r++) f.view.setInt32(MC_FP + 4 * r, h.fi[r], true);
  f.view.setUint32(MC_FCSR, h.fcsr, true);
  try {
    f.writeTo(h, frame);
  } catch {
    // No room for the frame (a stack overflow): the process dies of SIGSEGV, as Linux would have it.
    s.kill(h, SIGSEGV);
    return;
  }
  if ((act.flags & SA_ONSTACK) !== 0 && (alt.getInt32(8, true) & SS_AUTODISARM) !== 0) t.altstack = disabledAltstack();
  t.sigmask |= act.mask & ~UNBLOCKABLE;
  if ((act.flags & SA_NODEFER) === 0) t.sigmask |= bit(sig);
  if ((act.flags & SA_RESETHAND) !== 0) s.sigactions.delete(sig);
  h.setNum(1, ra);
  h.setNum(2, frame);
  h.setNum(10, sig);
  h.setNum(11, frame);
  h.setNum(12, frame + UC);
  h.pc = Number(act.handler);
  h.reservation = -1;
}

/**
 * An instruction faulted in thread t: when the program has a handler for the signal it stands for (and
 * does not block it), enter the handler with the faulting pc in the frame and return true. Otherwise the
 * fault ends the process (false), with the emulator's own message for the first process.
 */
export function takeFault(s: LinuxSystem, t: Thread, e: RvemuError, pc: number): boolean {
  const sig = faultSignal(e);
  let code: number, addr: number;
  if (e instanceof GuestFault) { code = t.hart.mem.isMapped(e.addr) ? SEGV_ACCERR : SEGV_MAPERR; addr = e.addr; }
  else if (e instanceof IllegalInstruction) { code = ILL_ILLOPC; addr = pc; }
  else if (e instanceof GuestSignal && sig === SIGTRAP) { code = TRAP_BRKPT; addr = pc; }
  else return false;
  const act = actionOf(s, sig);
  if (act.handler === SIG_DFL || act.handler === SIG_IGN || (t.sigmask & bit(sig)) !== 0n) return false;
  const info = new Uint8Array(SIGINFO_SIZE), v = new DataView(info.buffer);
  v.setInt32(0, sig, true); v.setInt32(8, code, true); v.setBigUint64(16, BigInt(addr), true);
  setupFrame(s, t, sig, info, act, pc);
  return t.state !== 'exited';
}

// ------------------------------------------------------------------------------------------ syscalls
const rtSigaction: Syscall = (s, h) => {
  const sig = argInt(h, 0), act = argNum(h, 1), oact = argNum(h, 2), size = argNum(h, 3);
  checkSig(sig);
  if (size !== 8) throw new SysError(E.EINVAL);
  if (act !== 0 && (sig === SIGKILL || sig === SIGSTOP)) throw new SysError(E.EINVAL);
  const prev = s.sigactions.get(sig) ?? new Uint8Array(24);
  const next = act !== 0 ? h.mem.readBytes(act, 24) : undefined;
  if (oact !== 0) h.mem.writeBytes(oact, prev);
  if (next !== undefined) {
    s.sigactions.set(sig, next);
    // Ignoring a signal discards pending instances of it.
    if (ignored(s, sig)) {
      s.pendingSignals &= ~bit(sig);
      for (const t of s.threads) t.pending &= ~bit(sig);
    }
  }
  return 0;
};

const rtSigprocmask: Syscall = (s, h) => {
  const how = argInt(h, 0), set = argNum(h, 1), oset = argNum(h, 2), size = argNum(h, 3);
  if (size !== 8) throw new SysError(E.EINVAL);
  const t = s.kernel.threadOf(h);
  const old = t.sigmask;
  if (set !== 0) {
    const m = BigInt.asUintN(64, h.mem.load64Big(set)) & ~UNBLOCKABLE;
    switch (how) {
      case SIG_BLOCK: t.sigmask = old | m; break;
      case SIG_UNBLOCK: t.sigmask = old & ~m; break;
      case SIG_SETMASK: t.sigmask = m; break;
      default: throw new SysError(E.EINVAL);
    }
  }
  if (oset !== 0) new Struct(8).big(0, old).writeTo(h, oset);
  return 0;
};

const rtSigpending: Syscall = (s, h) => {
  if (argNum(h, 1) !== 8) throw new SysError(E.EINVAL);
  const t = s.kernel.threadOf(h);
  new Struct(8).big(0, (s.pendingSignals | t.pending) & t.sigmask).writeTo(h, argNum(h, 0));
  return 0;
};

const sigaltstack: Syscall = (s, h) => {
  const ss = argNum(h, 0), old = argNum(h, 1);
  const t = s.kernel.threadOf(h);
  const next = ss !== 0 ? h.mem.readBytes(ss, 24) : undefined;
  if (old !== 0) h.mem.writeBytes(old, altstackNow(t, h.getAddr(2)));
  if (next !== undefined) {
    if (onAltStack(t, h.getAddr(2))) throw new SysError(E.EPERM);
    if (new DataView(next.buffer).getInt32(8, true) & ~(SS_DISABLE | SS_AUTODISARM)) throw new SysError(E.EINVAL);
    t.altstack = next;
  }
  return 0;
};

/** rt_sigreturn: back from a handler to what its frame saved (registers, FP state, mask, pc). */
const rtSigreturn: Syscall = (s, h) => {
  const t = s.kernel.threadOf(h);
  const frame = h.getAddr(2);
  let b: Uint8Array;
  try { b = h.mem.readBytes(frame, SIGFRAME_SIZE); } catch { s.kill(h, SIGSEGV); return NO_RESULT; }
  const v = new DataView(b.buffer);
  h.pc = Number(v.getBigUint64(UC_MCONTEXT, true));
  for (let r = 1; r < 32; r++) { h.x[2 * r] = v.getInt32(UC_MCONTEXT + 8 * r, true); h.x[2 * r + 1] = v.getInt32(UC_MCONTEXT + 8 * r + 4, true); }
  for (let r = 0; r < 64; r++) h.fi[r] = v.getInt32(MC_FP + 4 * r, true);
  h.fcsr = v.getUint32(MC_FCSR, true);
  t.sigmask = v.getBigUint64(UC_SIGMASK, true) & ~UNBLOCKABLE;
  const st = b.slice(UC_STACK, UC_STACK + 24), sv = new DataView(st.buffer);
  if ((sv.getInt32(8, true) & ~(SS_DISABLE | SS_AUTODISARM | SS_ONSTACK)) === 0) { sv.setInt32(8, sv.getInt32(8, true) & ~SS_ONSTACK, true); t.altstack = st; }
  h.reservation = -1;
  return NO_RESULT;
};

function sendTo(s: LinuxSystem, target: LinuxSystem, sig: number): void {
  if (sig === 0 || target.zombie) return;
  sendSignal(target, sig, userInfo(sig, SI_USER, s.pid, s.uid));
}

const kill: Syscall = (s, h) => {
  const pid = argInt(h, 0), sig = argInt(h, 1);
  if (sig !== 0) checkSig(sig);
  const all = [...s.kernel.processes.values()].filter((p) => !p.zombie);
  let targets: LinuxSystem[];
  if (pid > 0) targets = all.filter((p) => p.pid === pid);
  else if (pid === 0) targets = all.filter((p) => p.pgid === s.pgid);
  else if (pid === -1) targets = all.filter((p) => p.pid !== 1);
  else targets = all.filter((p) => p.pgid === -pid);
  if (targets.length === 0) {
    // A zombie still exists for kill(2).
    if (pid > 0 && s.kernel.processes.has(pid)) return 0;
    throw new SysError(E.ESRCH);
  }
  for (const p of targets) sendTo(s, p, sig);
  return 0;
};

function threadSignal(s: LinuxSystem, tgid: number, tid: number, sig: number): number {
  if (sig !== 0) checkSig(sig);
  const t = s.kernel.thread(tid);
  if (t === undefined || (tgid !== -1 && t.proc.pid !== tgid)) throw new SysError(E.ESRCH);
  if (sig !== 0) sendThreadSignal(t, sig, userInfo(sig, SI_TKILL, s.pid, s.uid));
  return 0;
}
const tkill: Syscall = (s, h) => threadSignal(s, -1, argInt(h, 0), argInt(h, 1));
const tgkill: Syscall = (s, h) => threadSignal(s, argInt(h, 0), argInt(h, 1), argInt(h, 2));

/** rt_sigsuspend: wait with a temporary mask until a handler runs; the handler's return restores the mask. */
const rtSigsuspend: Syscall = (s, h) => {
  if (argNum(h, 1) !== 8) throw new SysError(E.EINVAL);
  const t = s.kernel.threadOf(h);
  const mask = BigInt.asUintN(64, h.mem.load64Big(argNum(h, 0))) & ~UNBLOCKABLE;
  if (t.savedMask === undefined) t.savedMask = t.sigmask;
  t.sigmask = mask;
  if (deliverable(s, t) !== 0n) return -E.EINTR;
  throw new WouldBlock('rt_sigsuspend (waiting for a signal)', { retry: false, restartable: false });
};

export const signalSyscalls: Record<number, Syscall> = {
  [SYS.rt_sigaction]: rtSigaction, [SYS.rt_sigprocmask]: rtSigprocmask, [SYS.rt_sigpending]: rtSigpending,
  [SYS.sigaltstack]: sigaltstack, [SYS.kill]: kill, [SYS.tkill]: tkill, [SYS.tgkill]: tgkill,
  [SYS.rt_sigsuspend]: rtSigsuspend, [SYS.rt_sigreturn]: rtSigreturn,
};
