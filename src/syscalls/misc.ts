// getrandom, the RISC-V specific calls (riscv_hwprobe, riscv_flush_icache) and membarrier.
import { argInt, argNum, argU32 } from './abi.js';
import { hwprobeValue } from './cpu.js';
import { E, SysError } from './errno.js';
import { SYS } from './numbers.js';
import type { Syscall } from './system.js';

const GRND_NONBLOCK = 1, GRND_RANDOM = 2, GRND_INSECURE = 4;
/** Most bytes one getrandom call returns (as Linux: 32 MiB - 1). */
const GETRANDOM_MAX = (1 << 25) - 1;

const getrandom: Syscall = (s, h) => {
  const addr = argNum(h, 0), len = argNum(h, 1), flags = argU32(h, 2);
  if (flags & ~(GRND_NONBLOCK | GRND_RANDOM | GRND_INSECURE)) throw new SysError(E.EINVAL);
  if ((flags & GRND_RANDOM) && (flags & GRND_INSECURE)) throw new SysError(E.EINVAL);
  const n = Math.min(Math.max(0, len), GETRANDOM_MAX);
  if (n === 0) return 0;
  const buf = new Uint8Array(n);
  s.entropy(buf);
  h.mem.writeBytes(addr, buf);
  return n;
};

const RISCV_HWPROBE_WHICH_CPUS = 1;

/** Keys whose value is a set of feature bits: with WHICH_CPUS a CPU matches if it has all the bits asked for. */
const BITMASK_KEYS = new Set([3n, 4n]);

const riscvHwprobe: Syscall = (s, h) => {
  const pairs = argNum(h, 0), count = argNum(h, 1), setSize = argNum(h, 2), cpus = argNum(h, 3), flags = argU32(h, 4);
  if (flags & ~RISCV_HWPROBE_WHICH_CPUS) throw new SysError(E.EINVAL);
  if (count < 0) throw new SysError(E.EINVAL);
  if (flags & RISCV_HWPROBE_WHICH_CPUS) {
    // Narrow the given CPU set to the CPUs that match every pair; ours are identical, so it is all or none.
    if (cpus === 0 || setSize <= 0) throw new SysError(E.EINVAL);
    let match = true;
    for (let i = 0; i < count; i++) {
      const key = h.mem.load64Big(pairs + 16 * i), want = BigInt.asUintN(64, h.mem.load64Big(pairs + 16 * i + 8));
      const have = hwprobeValue(key, s.extensions);
      if (have === undefined) { h.mem.store64Big(pairs + 16 * i, -1n); match = false; continue; }
      if (BITMASK_KEYS.has(key) ? (have & want) !== want : have !== want) match = false;
    }
    const set = h.mem.readBytes(cpus, setSize);
    for (let c = 0; c < set.length * 8; c++) if (!match || c >= s.ncpus) set[c >> 3] &= ~(1 << (c & 7));
    h.mem.writeBytes(cpus, set);
    return 0;
  }
  for (let i = 0; i < count; i++) {
    const at = pairs + 16 * i;
    const v = hwprobeValue(h.mem.load64Big(at), s.extensions);
    if (v === undefined) { h.mem.store64Big(at, -1n); h.mem.store64Big(at + 8, 0n); }
    else h.mem.store64Big(at + 8, v);
  }
  return 0;
};

const SYS_RISCV_FLUSH_ICACHE_LOCAL = 1;
const riscvFlushIcache: Syscall = (s, h) => {
  if (argU32(h, 2) & ~SYS_RISCV_FLUSH_ICACHE_LOCAL) throw new SysError(E.EINVAL);
  s.flushCode(h);
  return 0;
};

const MEMBARRIER_CMD_QUERY = 0;
/** With one hart every barrier is already satisfied; report no commands so libraries use their fallbacks. */
const membarrier: Syscall = (_s, h) => {
  if (argInt(h, 0) === MEMBARRIER_CMD_QUERY) return 0;
  throw new SysError(E.EINVAL);
};

export const miscSyscalls: Record<number, Syscall> = {
  [SYS.getrandom]: getrandom, [SYS.riscv_hwprobe]: riscvHwprobe, [SYS.riscv_flush_icache]: riscvFlushIcache,
  [SYS.membarrier]: membarrier,
};
