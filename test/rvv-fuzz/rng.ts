// Deterministic random numbers for the generator: a seed names a program, and (seed, sequence index) names
// each sequence, so any one sequence can be regenerated on its own when shrinking a mismatch.

export class Rng {
  private s: number;
  constructor(seed: number) { this.s = (seed >>> 0) ^ 0x9e3779b9; if (this.s === 0) this.s = 1; }

  /** A 32-bit unsigned value (mulberry32). */
  u32(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) | 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }
  /** Integer in [lo, hi] (inclusive). */
  int(lo: number, hi: number): number { return lo + Math.floor((this.u32() / 4294967296) * (hi - lo + 1)); }
  /** True with probability p. */
  chance(p: number): boolean { return this.u32() / 4294967296 < p; }
  pick<T>(a: readonly T[]): T { return a[this.int(0, a.length - 1)]; }
  /** A random 64-bit value, unsigned. */
  u64(): bigint { return (BigInt(this.u32()) << 32n) | BigInt(this.u32()); }
  /** A 64-bit value biased towards the edges (0, 1, -1, MIN/MAX of each width, small numbers). */
  interesting64(): bigint {
    switch (this.int(0, 9)) {
      case 0: return BigInt(this.int(0, 8));
      case 1: return (1n << 64n) - BigInt(this.int(1, 4));
      case 2: { const w = this.pick([8, 16, 32, 64]); return (1n << BigInt(w - 1)) - BigInt(this.int(0, 1)); }
      case 3: { const w = this.pick([8, 16, 32, 64]); return BigInt.asUintN(64, -(1n << BigInt(w - 1))); }
      case 4: return BigInt(this.int(0, 70));
      default: return this.u64();
    }
  }
}

/** Seed of sequence `index` of the program with seed `seed`. */
export function sequenceSeed(seed: number, index: number): number {
  let h = (seed ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x7feb352d) >>> 0;
  h = Math.imul(h ^ (h >>> 15), 0x846ca68b) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
}
