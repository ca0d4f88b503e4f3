// Signals, as far as a single-threaded process without signal delivery needs them: dispositions and masks
// are recorded so that libc's bookkeeping works, and a signal the process sends itself takes its default
// action (abort() ends the run with SIGABRT, status 134). Running guest handlers comes with signal frames.
import type { Hart } from '../isa/hart.js';
import { argInt, argNum, Struct } from './abi.js';
import { E, SysError } from './errno.js';
import { WouldDeadlock } from './files.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';

export const SIGNAL_NAMES = [
  '', 'SIGHUP', 'SIGINT', 'SIGQUIT', 'SIGILL', 'SIGTRAP', 'SIGABRT', 'SIGBUS', 'SIGFPE', 'SIGKILL', 'SIGUSR1',
  'SIGSEGV', 'SIGUSR2', 'SIGPIPE', 'SIGALRM', 'SIGTERM', 'SIGSTKFLT', 'SIGCHLD', 'SIGCONT', 'SIGSTOP', 'SIGTSTP',
  'SIGTTIN', 'SIGTTOU', 'SIGURG', 'SIGXCPU', 'SIGXFSZ', 'SIGVTALRM', 'SIGPROF', 'SIGWINCH', 'SIGIO', 'SIGPWR', 'SIGSYS',
];
export function signalName(sig: number): string { return SIGNAL_NAMES[sig] ?? (sig >= 32 && sig <= 64 ? `SIGRT${sig - 32}` : `signal ${sig}`); }

const SIGKILL = 9, SIGSTOP = 19, NSIG = 64;
const SIG_DFL = 0n, SIG_IGN = 1n;
const SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
const SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
/** Signals whose default action is to do nothing (SIGCHLD, SIGCONT, SIGURG, SIGWINCH) or to stop (treated as nothing). */
const DEFAULT_IGNORE = new Set([17, 18, 23, 28, 19, 20, 21, 22]);
const UNBLOCKABLE = (1n << BigInt(SIGKILL - 1)) | (1n << BigInt(SIGSTOP - 1));

function bit(sig: number): bigint { return 1n << BigInt(sig - 1); }
function checkSig(sig: number): void { if (sig < 1 || sig > NSIG) throw new SysError(E.EINVAL); }

function handlerOf(s: LinuxSystem, sig: number): bigint {
  const a = s.sigactions.get(sig);
  return a === undefined ? SIG_DFL : new DataView(a.buffer, a.byteOffset).getBigUint64(0, true);
}

/** A signal sent to this process: take its action now, or hold it while it is blocked. */
export function raise(s: LinuxSystem, h: Hart, sig: number): void {
  if ((s.sigmask & bit(sig)) !== 0n && sig !== SIGKILL && sig !== SIGSTOP) {
    s.pendingSignals |= bit(sig);
    return;
  }
  deliver(s, h, sig);
}

function deliver(s: LinuxSystem, h: Hart, sig: number): void {
  const handler = handlerOf(s, sig);
  if (handler === SIG_IGN && sig !== SIGKILL) return;
  if (handler === SIG_DFL || sig === SIGKILL) {
    if (DEFAULT_IGNORE.has(sig)) return;
    s.kill(h, sig);
    return;
  }
  s.warnOnce(`sig:${sig}`, `${signalName(sig)} has a handler, but running signal handlers is not supported yet; the process ends as if it had none`);
  s.kill(h, sig);
}

function deliverPending(s: LinuxSystem, h: Hart): void {
  const p = s.pendingSignals;
  if (p === 0n) return;
  for (let sig = 1; sig <= NSIG; sig++) {
    if ((p & bit(sig)) !== 0n && (s.sigmask & bit(sig)) === 0n) {
      s.pendingSignals &= ~bit(sig);
      deliver(s, h, sig);
      if (h.stopped) return;
    }
  }
}

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
    // Setting SIG_IGN discards a pending instance.
    if (handlerOf(s, sig) === SIG_IGN) s.pendingSignals &= ~bit(sig);
  }
  return 0;
};

const rtSigprocmask: Syscall = (s, h) => {
  const how = argInt(h, 0), set = argNum(h, 1), oset = argNum(h, 2), size = argNum(h, 3);
  if (size !== 8) throw new SysError(E.EINVAL);
  const old = s.sigmask;
  if (set !== 0) {
    const m = BigInt.asUintN(64, h.mem.load64Big(set)) & ~UNBLOCKABLE;
    switch (how) {
      case SIG_BLOCK: s.sigmask = old | m; break;
      case SIG_UNBLOCK: s.sigmask = old & ~m; break;
      case SIG_SETMASK: s.sigmask = m; break;
      default: throw new SysError(E.EINVAL);
    }
  }
  if (oset !== 0) new Struct(8).big(0, old).writeTo(h, oset);
  deliverPending(s, h);
  return 0;
};

const rtSigpending: Syscall = (s, h) => {
  if (argNum(h, 1) !== 8) throw new SysError(E.EINVAL);
  new Struct(8).big(0, s.pendingSignals).writeTo(h, argNum(h, 0));
  return 0;
};

const sigaltstack: Syscall = (s, h) => {
  const ss = argNum(h, 0), old = argNum(h, 1);
  const next = ss !== 0 ? h.mem.readBytes(ss, 24) : undefined;
  if (old !== 0) h.mem.writeBytes(old, s.altstack);
  if (next !== undefined) {
    if (new DataView(next.buffer).getInt32(8, true) & ~(SS_DISABLE | SS_AUTODISARM)) throw new SysError(E.EINVAL);
    s.altstack = next;
  }
  return 0;
};

function sendToSelf(s: LinuxSystem, h: Hart, sig: number): number {
  if (sig === 0) return 0;
  checkSig(sig);
  raise(s, h, sig);
  return 0;
}

const kill: Syscall = (s, h) => {
  const pid = argInt(h, 0);
  if (pid !== s.pid && pid !== 0 && pid !== -1 && pid !== -s.pid) throw new SysError(E.ESRCH);
  return sendToSelf(s, h, argInt(h, 1));
};
const tkill: Syscall = (s, h) => {
  if (argInt(h, 0) !== h.tid) throw new SysError(E.ESRCH);
  return sendToSelf(s, h, argInt(h, 1));
};
const tgkill: Syscall = (s, h) => {
  if (argInt(h, 0) !== s.pid || argInt(h, 1) !== h.tid) throw new SysError(E.ESRCH);
  return sendToSelf(s, h, argInt(h, 2));
};

const rtSigsuspend: Syscall = () => { throw new WouldDeadlock('sigsuspend with no other thread or timer to send a signal would wait forever'); };

export const signalSyscalls: Record<number, Syscall> = {
  [SYS.rt_sigaction]: rtSigaction, [SYS.rt_sigprocmask]: rtSigprocmask, [SYS.rt_sigpending]: rtSigpending,
  [SYS.sigaltstack]: sigaltstack, [SYS.kill]: kill, [SYS.tkill]: tkill, [SYS.tgkill]: tgkill,
  [SYS.rt_sigsuspend]: rtSigsuspend,
};
