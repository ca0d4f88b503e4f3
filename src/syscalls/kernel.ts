// The kernel: every guest process and thread of one run, and the deterministic scheduler that runs them.
// All guest threads run on the one host thread, one at a time: a thread runs until it has retired
// `quantum` instructions (checked at block boundaries), blocks in a syscall, yields, or exits; then the
// next runnable thread in creation order runs. Nothing the host does (its clock, its threads) decides who
// runs when, so the same program and input give the same interleaving, output and counts on every run.
//
// Time is virtual: 1 ns per instruction retired by any thread, plus the jumps the clock makes when every
// thread waits for a deadline (a sleep, a timeout). A thread's hart sees it as instret + clockSkewNs;
// the skew is set whenever the thread is switched in.
import type { Hart } from '../isa/hart.js';
import type { Engine, StopReason } from '../engine/engine.js';
import { GuestSignal, IllegalInstruction, RvemuError } from '../errors.js';
import { E, SysError } from './errno.js';
import { WouldBlock } from './files.js';
import { deliverSignals, sendSignal, SIGALRM } from './signal.js';
import type { LinuxSystem } from './system.js';

/** Instructions a thread runs before the next runnable thread gets its turn (--quantum). */
export const DEFAULT_QUANTUM = 10_000;
/** Blocks a thread may run past its quantum to reach the SC of an LR/SC sequence. */
const MAX_LRSC_EXTENSION = 16;

/** What a blocked thread waits for. */
export interface Wait {
  /** For the deadlock report: "futex wait on 0x1234", "read from pipe:[3]"... */
  what: string;
  /** Try the call again: its result, or WouldBlock thrown again. Absent: only a wake or the deadline ends the wait. */
  retry?: () => number;
  /** Virtual-clock time at which the wait ends by itself (Infinity: never). */
  deadline: number;
  /** The call's result when the deadline passes (default -ETIMEDOUT). */
  onTimeout?: () => number;
  /** Futex word waited on (set by the futex code). */
  futex?: { key: string; addr: number; bitset: number };
  /** pc of the ecall that blocked (a restarted call goes back there). */
  pc: number;
  /** The call may be restarted after a signal handler ran (SA_RESTART); else it fails with EINTR. */
  restartable: boolean;
  /** a0 as the call found it (lo, hi): a restarted call needs its first argument back. */
  a0: [number, number];
  /** A signal ends the wait (EINTR or restart); else the signal waits until the call completes. */
  interruptible: boolean;
}

export type ThreadState = 'runnable' | 'blocked' | 'exited';

/** One guest thread: its hart and the state Linux keeps per thread. */
export class Thread {
  state: ThreadState = 'runnable';
  wait: Wait | undefined = undefined;
  /** Blocked signals; signals sent to this thread alone and not yet delivered. */
  sigmask = 0n;
  pending = 0n;
  /** Siginfo of pending thread-directed signals (faults, tgkill), by signal number. */
  readonly pendingInfo = new Map<number, Uint8Array>();
  /** sigaltstack's stack_t (ss_sp, ss_flags, ss_size); initially SS_DISABLE. */
  altstack = disabledAltstack();
  /** set_tid_address / CLONE_CHILD_CLEARTID: zeroed and futex-woken when the thread exits. */
  clearChildTid = 0;
  robustList = 0;
  name: string;
  /** The wait a signal cut short with EINTR (a handler with SA_RESTART restarts it instead). */
  interrupted: Wait | undefined = undefined;
  /** The mask rt_sigsuspend replaced, restored by the handler's return. */
  savedMask: bigint | undefined = undefined;
  constructor(readonly tid: number, readonly hart: Hart, public proc: LinuxSystem) {
    this.name = proc.threadName;
  }
}

/** Exit status encodings of wait(2). */
export const exitedStatus = (code: number): number => (code & 0xff) << 8;
export const signaledStatus = (sig: number): number => sig & 0x7f;

/** sigaltstack's stack_t (ss_sp, ss_flags, ss_size) with no alternate stack: SS_DISABLE. */
export function disabledAltstack(): Uint8Array {
  return Uint8Array.of(0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0);
}

/** The SIGCHLD siginfo of a child that ended with wait status st (as SIGCHLD and waitid report it). */
export function childInfo(pid: number, uid: number, st: number): Uint8Array {
  const killed = (st & 0x7f) !== 0;
  const info = new Uint8Array(128), v = new DataView(info.buffer);
  v.setInt32(0, 17, true); // SIGCHLD
  v.setInt32(8, killed ? 2 : 1, true); // CLD_KILLED, CLD_EXITED
  v.setInt32(16, pid, true); v.setUint32(20, uid, true);
  v.setInt32(24, killed ? st & 0x7f : (st >> 8) & 0xff, true);
  return info;
}

export class Kernel {
  /** Live threads, in creation order (the round-robin order). */
  readonly threads: Thread[] = [];
  /** Every thread that ever ran, for per-thread counts. */
  readonly allThreads: Thread[] = [];
  /** Processes by pid, including zombies not yet waited for. */
  readonly processes = new Map<number, LinuxSystem>();
  /** Every process that ever existed, in creation order (for per-process counts). */
  readonly allProcesses: LinuxSystem[] = [];
  /** The thread whose instructions or syscall are being handled. */
  current!: Thread;
  /** Virtual nanoseconds at the moment the current thread was switched in (see the header comment). */
  now = 0;
  quantum = DEFAULT_QUANTUM;
  /** Makes the engine that runs a new program image (set by the embedder: it knows the ISA and options). */
  makeEngine: ((h: Hart, proc: LinuxSystem) => Engine) | undefined = undefined;
  /** Copies what the syscall layer does not know of a hart (the vector unit) to a new thread's hart. */
  copyExtraState: ((from: Hart, to: Hart) => void) | undefined = undefined;
  /** Resets that state for a new program (execve). */
  resetExtraState: ((h: Hart) => void) | undefined = undefined;
  /** The first process: the run ends when it does. */
  init!: LinuxSystem;
  private nextId = 0;
  private cursor = -1;
  private lastRun: Thread | undefined = undefined;

  /** A new pid/tid: the first process gets `first`, later ones count up from there. */
  allocId(first: number): number {
    if (this.nextId === 0) this.nextId = first;
    return this.nextId++;
  }

  addProcess(p: LinuxSystem): void {
    if (this.init === undefined) this.init = p;
    this.processes.set(p.pid, p);
    this.allProcesses.push(p);
  }

  addThread(t: Thread): void {
    this.threads.push(t);
    this.allThreads.push(t);
    t.proc.threads.push(t);
    if (this.current === undefined) this.current = t;
  }

  threadOf(h: Hart): Thread {
    if (this.current !== undefined && this.current.hart === h) return this.current;
    for (const t of this.allThreads) if (t.hart === h) return t;
    throw new Error('hart without a thread');
  }

  thread(tid: number): Thread | undefined {
    for (const t of this.threads) if (t.tid === tid) return t;
    return undefined;
  }

  /** Instructions retired by every thread so far. */
  totalRetired(): number {
    let n = 0;
    for (const t of this.allThreads) n += t.hart.instret;
    return n;
  }

  // ------------------------------------------------------------------------------------------ blocking
  /** The current thread waits (its ecall completes later: a0 is written then). */
  block(t: Thread, wait: Wait): void {
    t.state = 'blocked';
    t.wait = wait;
    t.hart.stopped = true; // leave the engine after this block
  }

  /** A signal arrived for blocked thread t: its call fails with EINTR (or restarts; see deliverSignals). */
  interrupt(t: Thread): void {
    if (t.state !== 'blocked' || !t.wait!.interruptible) return;
    const w = t.wait!;
    this.complete(t, -E.EINTR);
    t.interrupted = w;
  }

  /** End t's wait with `result` in a0. */
  complete(t: Thread, result: number): void {
    if (t.state !== 'blocked') return;
    t.state = 'runnable';
    t.wait = undefined;
    t.interrupted = undefined;
    t.hart.setNum(10, result);
    t.proc.traceResult?.(t.hart, result);
  }

  /** Wake up to n threads waiting on the futex key whose bitset matches; returns how many woke. */
  futexWake(key: string, n: number, bitset = 0xffffffff): number {
    let woke = 0;
    for (const t of this.threads) {
      if (woke >= n) break;
      const f = t.wait?.futex;
      if (t.state === 'blocked' && f !== undefined && f.key === key && (f.bitset & bitset) !== 0) {
        this.complete(t, 0);
        woke++;
      }
    }
    return woke;
  }

  /** Move up to n waiters of `from` to wait on `to` instead; returns how many moved. */
  futexRequeue(from: string, to: string, toAddr: number, n: number): number {
    let moved = 0;
    for (const t of this.threads) {
      if (moved >= n) break;
      const f = t.wait?.futex;
      if (t.state === 'blocked' && f !== undefined && f.key === from) {
        f.key = to; f.addr = toAddr;
        t.wait!.what = `futex wait on 0x${toAddr.toString(16)}`;
        moved++;
      }
    }
    return moved;
  }

  /** Retry the waits that can end by themselves, and end those whose deadline has passed. */
  private pollBlocked(): void {
    for (const t of [...this.threads]) {
      if (t.state !== 'blocked') continue;
      const w = t.wait!;
      if (w.retry !== undefined) {
        const prev = this.current;
        this.current = t;
        t.hart.clockSkewNs = this.now - t.hart.instret;
        try {
          const r = w.retry();
          this.complete(t, r);
          continue;
        } catch (e) {
          if (e instanceof WouldBlock) { w.what = e.message; }
          else if (e instanceof SysError) { this.complete(t, -e.errno); continue; }
          else throw e;
        } finally {
          this.current = prev;
        }
      }
      if (t.state === 'blocked' && w.deadline <= this.now) {
        t.hart.clockSkewNs = this.now - t.hart.instret;
        this.complete(t, w.onTimeout !== undefined ? w.onTimeout() : -E.ETIMEDOUT);
      }
    }
  }

  /** Whether any process has an interval timer armed (a wait may then end with its signal). */
  timerArmed(): boolean {
    for (const p of this.processes.values()) if (p.realTimer !== undefined && !p.zombie) return true;
    return false;
  }

  /** Send SIGALRM for every ITIMER_REAL that is due (checked whenever a thread is picked: within a quantum). */
  private fireTimers(): void {
    for (const p of this.processes.values()) {
      const timer = p.realTimer;
      if (timer === undefined || p.zombie || timer.at > this.now) continue;
      if (timer.interval > 0) {
        // Periods missed while nothing was picked collapse into one signal, as a pending signal would.
        timer.at += Math.ceil((this.now - timer.at + 1) / timer.interval) * timer.interval;
      } else p.realTimer = undefined;
      sendSignal(p, SIGALRM);
    }
  }

  /** The next thread to run, advancing the clock to the next deadline when all wait; undefined: deadlock. */
  private pickNext(): Thread | undefined {
    for (;;) {
      this.fireTimers();
      this.pollBlocked();
      const n = this.threads.length;
      if (n === 0) return undefined;
      for (let k = 1; k <= n; k++) {
        const i = (this.cursor + k) % n;
        const t = this.threads[i];
        if (t.state === 'runnable') { this.cursor = i; return t; }
      }
      let next = Infinity;
      for (const t of this.threads) if (t.state === 'blocked') next = Math.min(next, t.wait!.deadline);
      for (const p of this.processes.values()) if (p.realTimer !== undefined && !p.zombie) next = Math.min(next, p.realTimer.at);
      if (next === Infinity) return undefined;
      this.now = Math.max(this.now, next);
    }
  }

  // ------------------------------------------------------------------------------------------ exits
  /** Remove a thread that has exited: clear_child_tid is zeroed and its futex woken (pthread_join). */
  threadExited(t: Thread): void {
    if (t.state === 'exited') return;
    t.state = 'exited';
    t.wait = undefined;
    t.hart.stopped = true;
    const i = this.threads.indexOf(t);
    if (i >= 0) {
      this.threads.splice(i, 1);
      if (i <= this.cursor) this.cursor--;
    }
    const p = t.proc;
    p.threads.splice(p.threads.indexOf(t), 1);
    if (t.clearChildTid !== 0 && p.threads.length > 0) {
      try { t.hart.mem.store32(t.clearChildTid, 0); } catch { /* unmapped: nothing to clear */ }
      this.futexWake(futexKey(t.hart, t.clearChildTid), 1);
    }
  }

  /**
   * End process p with a wait(2) status: all its threads go, its files close, its parent learns of it
   * (SIGCHLD, wait4). Children left behind are reaped automatically from now on.
   */
  processExited(p: LinuxSystem, status: number): void {
    if (p.zombie) return;
    for (const t of [...p.threads]) this.threadExited(t);
    p.zombie = true;
    p.waitStatus = status;
    p.shutdown();
    for (const c of this.processes.values()) if (c.ppid === p.pid) { c.ppid = 1; if (c.zombie) this.processes.delete(c.pid); }
    const parent = this.processes.get(p.ppid);
    if (parent === undefined || parent.zombie) { this.processes.delete(p.pid); return; }
    parent.childChanged(p);
  }

  // ------------------------------------------------------------------------------------------ the run loop
  /**
   * Run every thread until the first process ends, an error stops it, or maxInsns instructions retired in
   * all. runThread runs one thread's turn (default: its engine; --trace passes a tracing runner).
   */
  run(maxInsns = Infinity, runThread: (engine: Engine, limit: number) => StopReason = (e, limit) => e.run(limit)): StopReason {
    for (;;) {
      if (this.init.zombie) return { kind: 'exit', code: this.init.exitCode };
      const t = this.pickNext();
      if (t === undefined) return { kind: 'error', error: new RvemuError(this.deadlockReport(), 1), pc: this.init.threads[0]?.hart.pc ?? 0 };
      const total = this.totalRetired();
      if (total >= maxInsns) return { kind: 'limit' };
      const h = t.hart, p = t.proc;
      // The spec lets a reservation go at any time; it goes when another thread ran in between.
      if (this.lastRun !== t) h.reservation = -1;
      this.lastRun = t;
      this.current = t;
      h.clockSkewNs = this.now - h.instret;
      h.stopped = false;
      deliverSignals(p, t);
      if (t.state !== 'runnable') continue;
      const engine = p.engine!;
      engine.hart = h;
      let stop = runThread(engine, h.instret + Math.min(this.quantum, maxInsns - total));
      // Never preempt between LR and SC: a constrained LR/SC loop must eventually succeed (as the spec
      // promises), which it cannot if every switch takes its reservation away. A few more blocks finish it.
      for (let extra = 0; stop.kind === 'limit' && h.reservation !== -1 && extra < MAX_LRSC_EXTENSION && h.instret < maxInsns; extra++) {
        stop = runThread(engine, h.instret + 1);
      }
      this.now = h.instret + h.clockSkewNs;
      if (stop.kind === 'error') {
        // A fault nobody handled (no signal handler): the process dies of the signal, as Linux would kill it.
        const sig = faultSignal(stop.error);
        p.exitCode = 128 + sig;
        if (p !== this.init) p.fatal(stop.error);
        this.processExited(p, signaledStatus(sig));
        if (p === this.init) return stop;
      }
      // 'limit' is the end of the quantum; 'exit' means the thread exited, blocked or yielded.
    }
  }

  /** One line per thread: what each is stuck on. */
  deadlockReport(): string {
    const lines = ['deadlock: every thread is waiting and nothing can wake any of them'];
    for (const t of this.threads) {
      const h = t.hart, sym = t.proc.symbolize?.(t.wait?.pc ?? h.pc);
      lines.push(`  pid ${t.proc.pid} tid ${t.tid} (${t.name}) ${t.state} at pc 0x${(t.wait?.pc ?? h.pc).toString(16)}` +
        `${sym !== undefined ? ` (${sym})` : ''}: ${t.wait?.what ?? 'running'}`);
    }
    return lines.join('\n');
  }
}

/** The signal a fault stands for. */
export function faultSignal(e: RvemuError): number {
  if (e instanceof GuestSignal) return e.signal;
  if (e instanceof IllegalInstruction) return 4; // SIGILL
  return 11; // SIGSEGV
}

/** The key of a futex word: private futexes are per address space (threads of one process share it). */
export function futexKey(h: Hart, addr: number): string {
  return `${h.mem.id}:${addr}`;
}

