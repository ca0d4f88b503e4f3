// Architectural state of one hart (one guest thread): integer and FP registers, fcsr, pc, counters.
// 64-bit integer registers are held as pairs of int32 (x[2r] = low word, x[2r+1] = high word): measured at
// ~1.9x the speed of BigInt64Array in an interpreter and ~2.2x in translated blocks (see README, "Design").
import type { AddressSpace } from '../mem/address-space.js';
import type { Decoded } from './spec.js';
import type { CsrHandler } from './csr.js';

/** What the hart calls out to for environment calls and other events the ISA leaves to the platform. */
export interface Environment {
  /** Handle `ecall`. May set h.stopped to end the run. */
  ecall(h: Hart, d: Decoded): void;
  /** Handle `ebreak`. */
  ebreak(h: Hart, d: Decoded): void;
  /** Called for `fence.i` and other events that make decoded code stale. */
  flushCode(h: Hart): void;
}

/**
 * Privileged state of a hart that has privilege levels (bare mode, src/bare/machine.ts). A Linux-mode hart
 * has none: its privileged CSRs and instructions do not exist.
 */
export interface PrivilegedHart {
  /** Throws IllegalInstruction when the current mode or state forbids this access to CSR d.csr. */
  checkCsr(h: Hart, d: Decoded, writes: boolean): void;
  /** This hart's own view of a CSR that also exists without privilege levels (the user counters), if any. */
  ownCsr(num: number): CsrHandler | undefined;
  mret(h: Hart, d: Decoded): void;
  sret(h: Hart, d: Decoded): void;
  wfi(h: Hart, d: Decoded): void;
  sfenceVma(h: Hart, d: Decoded): void;
}

export class Hart {
  /** Integer registers as lo/hi int32 pairs; entries 64/65 are the sink that rd=x0 writes to. */
  readonly x = new Int32Array(66);
  /** FP registers: one buffer seen as raw words (fi), doubles (f64) and singles (f32, low word = index 2r). */
  readonly fbuf = new ArrayBuffer(32 * 8);
  readonly f64 = new Float64Array(this.fbuf);
  readonly f32 = new Float32Array(this.fbuf);
  readonly fi = new Int32Array(this.fbuf);

  pc = 0;
  /** Accrued exception flags (fcsr[4:0]) and dynamic rounding mode (fcsr[7:5]). */
  fflags = 0;
  frm = 0;
  /** Retired instructions (exact at block boundaries; see engine). */
  instret = 0;
  /** LR/SC reservation: the reserved address, or -1. */
  reservation = -1;
  /** Set by the environment (exit, fatal signal) to stop the run loop after the current block. */
  stopped = false;
  exitCode = 0;
  /** Thread id as the guest sees it. */
  tid = 1;
  /** Virtual nanoseconds added by sleeps and waits (the virtual clock is 1 ns per retired instruction plus this). */
  clockSkewNs = 0;
  /** Vector unit state; attached by src/rvv when the V extension is enabled. */
  vector: unknown = undefined;
  /** Privilege levels and their CSRs; only in bare mode. */
  priv: PrivilegedHart | undefined = undefined;

  constructor(public mem: AddressSpace, public env: Environment) {}

  // --- integer register helpers (reads of x0 return 0 because x0 is never written) ---
  getLo(r: number): number { return this.x[r << 1]; }
  getHi(r: number): number { return this.x[(r << 1) + 1]; }
  /** Register value as an unsigned number if it fits in 53 bits, else as a negative/large approximate; use for addresses. */
  getAddr(r: number): number { return this.x[(r << 1) + 1] * 4294967296 + (this.x[r << 1] >>> 0); }
  setPair(r: number, lo: number, hi: number): void { if (r !== 0) { this.x[r << 1] = lo; this.x[(r << 1) + 1] = hi; } }
  /** Set from a JS number in the int64 range that is exactly representable (|v| < 2^53). */
  setNum(r: number, v: number): void {
    if (r === 0) return;
    const lo = v % 4294967296;
    this.x[r << 1] = lo | 0;
    this.x[(r << 1) + 1] = Math.floor(v / 4294967296) | 0;
  }
  /** Register as BigInt (signed) — for slow paths and tests only. */
  getBig(r: number): bigint { return (BigInt(this.x[(r << 1) + 1]) << 32n) | BigInt(this.x[r << 1] >>> 0); }
  setBig(r: number, v: bigint): void {
    if (r === 0) return;
    this.x[r << 1] = Number(BigInt.asIntN(32, v));
    this.x[(r << 1) + 1] = Number(BigInt.asIntN(32, v >> 32n));
  }
  /** fcsr as the guest sees it. */
  get fcsr(): number { return (this.frm << 5) | this.fflags; }
  set fcsr(v: number) { this.fflags = v & 0x1f; this.frm = (v >>> 5) & 7; }
}
