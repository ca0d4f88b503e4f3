// Deterministic randomness for the guest: AT_RANDOM, getrandom and /dev/urandom all draw from generators
// seeded by --seed, each on its own stream so that one consumer's use does not shift another's bytes.
// The generator is xoshiro128** (32-bit arithmetic only), seeded through a murmur3-style integer mixer.

export const STREAM_AT_RANDOM = 1;
export const STREAM_ENTROPY = 2;

export class SeededRandom {
  private a: number; private b: number; private c: number; private d: number;

  constructor(seed: number | bigint, stream: number) {
    const s = BigInt.asUintN(64, BigInt(seed));
    const lo = Number(s & 0xffffffffn), hi = Number(s >> 32n);
    this.a = mix(lo ^ 0x243f6a88, stream);
    this.b = mix(hi ^ 0x85a308d3, stream + 1);
    this.c = mix(lo ^ 0x13198a2e, stream + 2);
    this.d = mix(hi ^ 0x03707344, stream + 3);
    if ((this.a | this.b | this.c | this.d) === 0) this.a = 1; // the all-zero state is a fixed point
  }

  nextU32(): number {
    const r = Math.imul(rotl(Math.imul(this.b, 5), 7), 9) >>> 0;
    const t = this.b << 9;
    this.c ^= this.a; this.d ^= this.b; this.b ^= this.c; this.a ^= this.d;
    this.c ^= t; this.d = rotl(this.d, 11);
    return r;
  }

  fill(buf: Uint8Array): void {
    let i = 0;
    for (; i + 4 <= buf.length; i += 4) {
      const r = this.nextU32();
      buf[i] = r; buf[i + 1] = r >>> 8; buf[i + 2] = r >>> 16; buf[i + 3] = r >>> 24;
    }
    if (i < buf.length) { let r = this.nextU32(); for (; i < buf.length; i++, r >>>= 8) buf[i] = r; }
  }

  bytes(n: number): Uint8Array { const b = new Uint8Array(n); this.fill(b); return b; }
}

function rotl(x: number, k: number): number { return (x << k) | (x >>> (32 - k)); }

function mix(x: number, salt: number): number {
  let h = (x ^ Math.imul(salt, 0x9e3779b9)) >>> 0;
  h ^= h >>> 16; h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13; h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h | 0;
}
