// futex(2): the waiting and waking that every pthread mutex, condition variable, join and once is built
// on. A waiter blocks in the scheduler until a wake for its word (same address space, same address),
// its timeout on the virtual clock, or a signal.
import type { Hart } from '../isa/hart.js';
import { argInt, argNum, argU32, readI32, readU32, writeU32 } from './abi.js';
import { E, SysError } from './errno.js';
import { WouldBlock } from './files.js';
import { futexKey } from './kernel.js';
import { SYS } from './numbers.js';
import type { LinuxSystem, Syscall } from './system.js';
import { clockNow, CLOCK_MONOTONIC, CLOCK_REALTIME } from './time.js';

const FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4, FUTEX_WAKE_OP = 5,
  FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10, FUTEX_PRIVATE_FLAG = 128, FUTEX_CLOCK_REALTIME = 256;
const BITSET_ALL = 0xffffffff;

/** The deadline of a wait: FUTEX_WAIT's timeout is relative, FUTEX_WAIT_BITSET's absolute on its clock. */
function deadlineOf(s: LinuxSystem, h: Hart, op: number, cmd: number, timeout: number): number {
  if (timeout === 0) return Infinity;
  const sec = h.mem.load64Num(timeout), nsec = h.mem.load64Num(timeout + 8);
  if (sec < 0 || nsec < 0 || nsec >= 1e9) throw new SysError(E.EINVAL);
  if (cmd === FUTEX_WAIT) return s.deadlineAfter(h, sec * 1e9 + nsec);
  const [ns, nn] = clockNow(s, h, op & FUTEX_CLOCK_REALTIME ? CLOCK_REALTIME : CLOCK_MONOTONIC);
  return s.deadlineAfter(h, (sec - ns) * 1e9 + (nsec - nn));
}

/** FUTEX_WAKE_OP's operation on *uaddr2; returns the old value. */
function wakeOp(h: Hart, uaddr2: number, val3: number): number {
  const kind = (val3 >>> 28) & 7, shift = (val3 >>> 28) & 8;
  let oparg = (val3 << 8) >> 20; // sign-extended 12-bit field
  if (shift) oparg = 1 << (oparg & 31);
  const old = readI32(h, uaddr2);
  let nv: number;
  switch (kind) {
    case 0: nv = oparg; break;
    case 1: nv = old + oparg; break;
    case 2: nv = old | oparg; break;
    case 3: nv = old & ~oparg; break;
    case 4: nv = old ^ oparg; break;
    default: throw new SysError(E.ENOSYS);
  }
  writeU32(h, uaddr2, nv);
  return old;
}

/** FUTEX_WAKE_OP's comparison of the old value. */
function wakeOpCmp(old: number, val3: number): boolean {
  const cmp = (val3 >>> 24) & 15, arg = (val3 << 20) >> 20;
  switch (cmp) {
    case 0: return old === arg;
    case 1: return old !== arg;
    case 2: return old < arg;
    case 3: return old <= arg;
    case 4: return old > arg;
    case 5: return old >= arg;
    default: throw new SysError(E.ENOSYS);
  }
}

const futex: Syscall = (s, h) => {
  const uaddr = argNum(h, 0), op = argInt(h, 1), val = argU32(h, 2), timeout = argNum(h, 3), uaddr2 = argNum(h, 4), val3 = argU32(h, 5);
  const cmd = op & ~(FUTEX_PRIVATE_FLAG | FUTEX_CLOCK_REALTIME);
  const k = s.kernel;
  if (uaddr % 4 !== 0) throw new SysError(E.EINVAL);
  switch (cmd) {
    case FUTEX_WAIT: case FUTEX_WAIT_BITSET: {
      const bitset = cmd === FUTEX_WAIT_BITSET ? val3 : BITSET_ALL;
      if (bitset === 0) throw new SysError(E.EINVAL);
      const deadline = deadlineOf(s, h, op, cmd, timeout);
      if (readU32(h, uaddr) !== val) throw new SysError(E.EAGAIN);
      throw new WouldBlock(`futex wait on 0x${uaddr.toString(16)}`, {
        deadline, retry: false, restartable: false, futex: { key: futexKey(h, uaddr), addr: uaddr, bitset },
      });
    }
    case FUTEX_WAKE: case FUTEX_WAKE_BITSET: {
      const bitset = cmd === FUTEX_WAKE_BITSET ? val3 : BITSET_ALL;
      if (bitset === 0) throw new SysError(E.EINVAL);
      readU32(h, uaddr); // EFAULT check
      return k.futexWake(futexKey(h, uaddr), val, bitset);
    }
    case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: {
      if (cmd === FUTEX_CMP_REQUEUE && readU32(h, uaddr) !== val3) throw new SysError(E.EAGAIN);
      const from = futexKey(h, uaddr);
      const woke = k.futexWake(from, val);
      // timeout's register carries val2: how many more to move to uaddr2.
      return woke + k.futexRequeue(from, futexKey(h, uaddr2), uaddr2, timeout);
    }
    case FUTEX_WAKE_OP: {
      const old = wakeOp(h, uaddr2, val3);
      let woke = k.futexWake(futexKey(h, uaddr), val);
      if (wakeOpCmp(old, val3)) woke += k.futexWake(futexKey(h, uaddr2), timeout);
      return woke;
    }
    default: throw new SysError(E.ENOSYS);
  }
};

export const futexSyscalls: Record<number, Syscall> = { [SYS.futex]: futex };
