// What the guest is told about the CPU: AT_HWCAP, riscv_hwprobe answers, /proc/cpuinfo. All derived from
// the enabled extensions so that software probing for features sees exactly what the decoder accepts.
import { isaString } from '../isa/isa-string.js';
import type { Ext } from '../isa/spec.js';

/** Extensions enabled when none are specified (RV64GC plus the bit-manipulation and Zicond extensions). */
export const DEFAULT_EXTENSIONS: readonly Ext[] = ['I', 'M', 'A', 'F', 'D', 'C', 'Zicsr', 'Zifencei', 'Zba', 'Zbb', 'Zbs', 'Zicond'];

/** AT_HWCAP: bit (letter - 'a') for each enabled single-letter extension. */
export function hwcapFor(exts: readonly Ext[]): number {
  let cap = 0;
  for (const e of exts) if (e.length === 1) cap |= 1 << (e.charCodeAt(0) - 65);
  return cap >>> 0;
}

// riscv_hwprobe keys and bits (Linux uapi asm/hwprobe.h).
export const HWPROBE_KEY_MVENDORID = 0, HWPROBE_KEY_MARCHID = 1, HWPROBE_KEY_MIMPID = 2,
  HWPROBE_KEY_BASE_BEHAVIOR = 3, HWPROBE_KEY_IMA_EXT_0 = 4, HWPROBE_KEY_CPUPERF_0 = 5,
  HWPROBE_KEY_ZICBOZ_BLOCK_SIZE = 6, HWPROBE_KEY_HIGHEST_VIRT_ADDRESS = 7, HWPROBE_KEY_TIME_CSR_FREQ = 8,
  HWPROBE_KEY_MISALIGNED_SCALAR_PERF = 9, HWPROBE_KEY_MISALIGNED_VECTOR_PERF = 10, HWPROBE_KEY_VENDOR_EXT_THEAD_0 = 11,
  HWPROBE_KEY_ZICBOM_BLOCK_SIZE = 12, HWPROBE_KEY_VENDOR_EXT_SIFIVE_0 = 13, HWPROBE_KEY_VENDOR_EXT_MIPS_0 = 14;
export const HWPROBE_BASE_BEHAVIOR_IMA = 1n;
export const HWPROBE_IMA_FD = 1n << 0n, HWPROBE_IMA_C = 1n << 1n, HWPROBE_IMA_V = 1n << 2n,
  HWPROBE_EXT_ZBA = 1n << 3n, HWPROBE_EXT_ZBB = 1n << 4n, HWPROBE_EXT_ZBS = 1n << 5n,
  HWPROBE_EXT_ZVFH = 1n << 30n, HWPROBE_EXT_ZVFHMIN = 1n << 31n, HWPROBE_EXT_ZICOND = 1n << 35n,
  HWPROBE_EXT_ZVE32X = 1n << 37n, HWPROBE_EXT_ZVE32F = 1n << 38n, HWPROBE_EXT_ZVE64X = 1n << 39n,
  HWPROBE_EXT_ZVE64F = 1n << 40n, HWPROBE_EXT_ZVE64D = 1n << 41n, HWPROBE_EXT_ZCA = 1n << 43n, HWPROBE_EXT_ZCD = 1n << 45n;
/** Misaligned accesses are handled directly (no trap), so the guest may treat them as fast. */
export const HWPROBE_MISALIGNED_FAST = 3n;
/** rdtime frequency: 10 MHz (one tick per 100 virtual nanoseconds). */
export const TIME_CSR_FREQ = 10_000_000;
/** Highest user virtual address (the Sv48 user half that the address space allows). */
export const HIGHEST_VIRT_ADDRESS = 2 ** 47 - 1;

/** The value for one hwprobe key, or undefined for keys we do not know (the kernel then sets key = -1). */
export function hwprobeValue(key: bigint, exts: readonly Ext[]): bigint | undefined {
  const has = (e: Ext) => exts.includes(e);
  switch (key) {
    case BigInt(HWPROBE_KEY_MVENDORID): case BigInt(HWPROBE_KEY_MARCHID): case BigInt(HWPROBE_KEY_MIMPID): return 0n;
    case BigInt(HWPROBE_KEY_BASE_BEHAVIOR): return has('I') && has('M') && has('A') ? HWPROBE_BASE_BEHAVIOR_IMA : 0n;
    case BigInt(HWPROBE_KEY_IMA_EXT_0): {
      let v = 0n;
      if (has('F') && has('D')) v |= HWPROBE_IMA_FD;
      if (has('C')) v |= HWPROBE_IMA_C | HWPROBE_EXT_ZCA | (has('D') ? HWPROBE_EXT_ZCD : 0n);
      if (has('V')) v |= HWPROBE_IMA_V | HWPROBE_EXT_ZVE32X | HWPROBE_EXT_ZVE32F | HWPROBE_EXT_ZVE64X | HWPROBE_EXT_ZVE64F | HWPROBE_EXT_ZVE64D;
      if (has('V') && has('Zvfh')) v |= HWPROBE_EXT_ZVFH | HWPROBE_EXT_ZVFHMIN; // Zvfh implies Zvfhmin
      else if (has('V') && has('Zvfhmin')) v |= HWPROBE_EXT_ZVFHMIN;
      if (has('Zba')) v |= HWPROBE_EXT_ZBA;
      if (has('Zbb')) v |= HWPROBE_EXT_ZBB;
      if (has('Zbs')) v |= HWPROBE_EXT_ZBS;
      if (has('Zicond')) v |= HWPROBE_EXT_ZICOND;
      return v;
    }
    case BigInt(HWPROBE_KEY_CPUPERF_0): case BigInt(HWPROBE_KEY_MISALIGNED_SCALAR_PERF): return HWPROBE_MISALIGNED_FAST;
    case BigInt(HWPROBE_KEY_MISALIGNED_VECTOR_PERF): return has('V') ? HWPROBE_MISALIGNED_FAST : 0n;
    case BigInt(HWPROBE_KEY_ZICBOZ_BLOCK_SIZE): return 0n; // no Zicboz
    case BigInt(HWPROBE_KEY_HIGHEST_VIRT_ADDRESS): return BigInt(HIGHEST_VIRT_ADDRESS);
    case BigInt(HWPROBE_KEY_TIME_CSR_FREQ): return BigInt(TIME_CSR_FREQ);
    // No vendor extensions, no Zicbom.
    case BigInt(HWPROBE_KEY_VENDOR_EXT_THEAD_0): case BigInt(HWPROBE_KEY_VENDOR_EXT_SIFIVE_0): case BigInt(HWPROBE_KEY_VENDOR_EXT_MIPS_0):
    case BigInt(HWPROBE_KEY_ZICBOM_BLOCK_SIZE): return 0n;
    default: return undefined;
  }
}

/** The ISA string of /proc/cpuinfo (one definition, shared with messages). */
export { isaString };

/** /proc/cpuinfo contents for n identical harts. */
export function cpuinfo(exts: readonly Ext[], ncpus: number): string {
  let s = '';
  for (let i = 0; i < ncpus; i++) {
    s += `processor\t: ${i}\nhart\t\t: ${i}\nisa\t\t: ${isaString(exts)}\nmmu\t\t: sv48\nuarch\t\t: rvemu,generic\n` +
      `mvendorid\t: 0x0\nmarchid\t\t: 0x0\nmimpid\t\t: 0x0\nhart isa\t: ${isaString(exts)}\n\n`;
  }
  return s;
}
