// Shared rig for the vector floating-point tests: a hart with Zvfh enabled (or another extension set),
// operand generators biased toward the special values, NaN-boxed scalar registers, and the exact BigInt
// reference formats.
import { BINARY16, BINARY32, BINARY64, type Format } from '../../src/fp/exact.js';
import type { Ext } from '../../src/isa/spec.js';
import { decodeVector, type AgnosticPolicy } from '../../src/rvv/index.js';
import { ENABLED, Rig } from './helpers.js';

export const ZVFH: ReadonlySet<Ext> = new Set<Ext>([...ENABLED, 'Zvfh']);
export const ZVFHMIN: ReadonlySet<Ext> = new Set<Ext>([...ENABLED, 'Zvfhmin']);

/** A Rig whose instructions decode with the given extensions (default: V with Zvfh). */
export class FpRig extends Rig {
  constructor(vlen = 256, agnostic: AgnosticPolicy = 'undisturbed', public exts: ReadonlySet<Ext> = ZVFH) { super(vlen, agnostic); }
  override exec(w: number): void {
    const d = decodeVector(w, 0x1000, this.exts);
    if (d === undefined) throw new Error(`not a vector instruction: ${w.toString(16)}`);
    d.exec(this.h, d);
  }
}

export const fmtOf = (sew: number): Format => (sew === 16 ? BINARY16 : sew === 32 ? BINARY32 : BINARY64);

const rand64 = (r: () => number): bigint => (BigInt(r()) << 32n) | BigInt(r());

/** A random value of format f as bits, biased toward zeros, infinities, NaNs, subnormals, extremes, ties. */
export function fpValue(r: () => number, f: Format): bigint {
  const fb = BigInt(f.fb), w = BigInt(f.w);
  const sign = BigInt(r() & 1) << (w - 1n);
  const emax = (1n << BigInt(f.eb)) - 1n, fmask = (1n << fb) - 1n;
  const frac = rand64(r) & fmask;
  const exp = (e: number): bigint => BigInt(e) << fb;
  switch (r() % 20) {
    case 0: return sign;
    case 1: return sign | (emax << fb);
    case 2: return sign | (emax << fb) | (1n << (fb - 1n)) | (frac >> 3n);          // quiet NaN
    case 3: return sign | (emax << fb) | ((frac & (fmask >> 1n)) || 1n);            // signaling NaN
    case 4: return sign | (frac || 1n);                                             // subnormal
    case 5: return sign | (r() & 1 ? 1n : fmask);                                   // smallest / largest subnormal
    case 6: return sign | ((emax - 1n) << fb) | (r() & 1 ? fmask : frac);           // near the largest finite
    case 7: return sign | exp(1) | (r() & 1 ? 0n : frac);                           // near the smallest normal
    case 8: return sign | exp(f.bias) | (frac & 7n);                                // 1 + tiny
    case 9: return sign | exp(f.bias - 1 + (r() % 3)) | (frac & (fmask ^ (fmask >> 2n))); // few significant bits
    case 10: {                                                                        // a small integer or half-integer
      const n = (r() % 600) / 2 - 150;
      return toBits(n, f);
    }
    case 11: return sign | exp(f.bias + (r() % (f.fb + 10))) | frac;                  // integers and beyond, for conversions
    case 12: return sign | exp(f.bias - (r() % (f.bias + f.fb))) | frac;             // toward underflow
    case 13: return sign | exp(f.bias + 2 + (r() % (f.bias - 2))) | frac;             // toward overflow
    case 14: return rand64(r) & ((1n << w) - 1n);
    default: return sign | exp(f.bias - 8 + (r() % 16)) | frac;
  }
}

/** A double (exactly representable) as bits of format f. */
export function toBits(x: number, f: Format): bigint {
  const b = new DataView(new ArrayBuffer(8));
  if (f.w === 64) { b.setFloat64(0, x, true); return b.getBigUint64(0, true); }
  b.setFloat32(0, x, true);
  const s = BigInt(b.getUint32(0, true));
  if (f.w === 32) return s;
  // binary32 -> binary16 for values that fit exactly (small integers and halves).
  const sign = (s >> 31n) << 15n, e = Number((s >> 23n) & 0xffn), fr = s & 0x7fffffn;
  if (e === 0) return sign;
  return sign | (BigInt(e - 127 + 15) << 10n) | (fr >> 13n);
}

/** A random integer of `bits` bits (as an unsigned bit pattern), biased toward edges. */
export function intValue(r: () => number, bits: number): bigint {
  const m = (1n << BigInt(bits)) - 1n;
  switch (r() % 8) {
    case 0: return 0n;
    case 1: return r() & 1 ? 1n : m;                                   // 1, -1
    case 2: return r() & 1 ? m >> 1n : (m >> 1n) + 1n;                 // INT_MAX, INT_MIN
    case 3: return (1n << BigInt(r() % bits)) + BigInt.asUintN(2, BigInt(r())) - 1n & m; // near powers of two
    case 4: return BigInt(r() % 256) & m;
    default: return rand64(r) & m;
  }
}

/** Write f register r: raw 64 bits. */
export function setF(rig: Rig, r: number, bits: bigint): void {
  rig.h.fi[r << 1] = Number(BigInt.asIntN(32, bits));
  rig.h.fi[(r << 1) + 1] = Number(BigInt.asIntN(32, bits >> 32n));
}
export function getF(rig: Rig, r: number): bigint {
  return (BigInt(rig.h.fi[(r << 1) + 1] >>> 0) << 32n) | BigInt(rig.h.fi[r << 1] >>> 0);
}

/** A scalar f register for an SEW-wide operand: NaN-boxed (mostly) or not; returns the raw 64 bits. */
export function fScalar(r: () => number, sew: number): bigint {
  const v = fpValue(r, fmtOf(sew));
  if (sew === 64) return v;
  const box = (1n << 64n) - (1n << BigInt(sew));
  if (r() % 8 !== 0) return box | v;
  // Improperly boxed: some upper bit clear.
  return (box ^ (1n << BigInt(sew + (r() % (64 - sew))))) | v;
}

/** What an SEW-wide operation reads from raw f register bits (canonical NaN unless NaN-boxed). */
export function unbox(raw: bigint, sew: number): bigint {
  if (sew === 64) return raw;
  const box = (1n << 64n) - (1n << BigInt(sew));
  if ((raw & box) === box) return raw & ((1n << BigInt(sew)) - 1n);
  return sew === 32 ? 0x7fc00000n : 0x7e00n;
}
