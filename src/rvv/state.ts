// Architectural state of the vector unit (RVV 1.0, ELEN = 64): the register file, vl, vtype, vstart and the
// fixed-point CSRs. It hangs off Hart.vector; `vstate(h)` attaches a default unit on first use.
//
// The 32 registers are one ArrayBuffer of 32 * VLENB bytes seen through typed arrays of every element width.
// Register groups are consecutive registers, so element i of the group starting at register r, at element
// width SEW, is view[r * VLENB / (SEW/8) + i] whatever LMUL is. The host must be little-endian (checked), so
// the byte layout is the architectural one and a 64-bit element is the int32 pair (i32[2e], i32[2e+1]).
import type { Hart } from '../isa/hart.js';

/** What agnostic (tail or masked-off) elements become: left as they were (like QEMU) or set to all ones. */
export type AgnosticPolicy = 'undisturbed' | 'ones';

export interface VectorOptions {
  /** Bits per vector register: a power of two in 128..4096 (default 256). */
  vlen?: number;
  /** Treatment of tail-agnostic elements (default 'undisturbed'); also of mask-agnostic ones unless maskAgnostic is given. */
  agnostic?: AgnosticPolicy;
  /** Treatment of mask-agnostic (masked-off) elements (default: the same as `agnostic`). */
  maskAgnostic?: AgnosticPolicy;
}

export const DEFAULT_VLEN = 256;
export const ELEN = 64;

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) throw new Error('rvemu: the vector unit needs a little-endian host');

export class VectorState {
  readonly vlen: number;
  readonly vlenb: number;
  /** log2(VLENB). */
  readonly lenbShift: number;
  readonly buf: ArrayBuffer;
  readonly u8: Uint8Array;
  readonly i8: Int8Array;
  readonly u16: Uint16Array;
  readonly i16: Int16Array;
  readonly u32: Uint32Array;
  readonly i32: Int32Array;
  readonly f32: Float32Array;
  readonly f64: Float64Array;
  readonly i64: BigInt64Array;
  readonly u64: BigUint64Array;
  readonly agnostic: AgnosticPolicy;
  readonly maskAgnostic: AgnosticPolicy;

  vl = 0;
  /** vtype fields. At reset vill is set (as on QEMU and Linux), which makes every vtype-dependent instruction illegal. */
  vill = true;
  vsew = 0;       // vtype.vsew (0..3)
  vlmul = 0;      // vtype.vlmul (0..3, 5..7)
  vta = 0;
  vma = 0;
  /** Derived: SEW in bits, log2(SEW/8), log2(LMUL) (-3..3), VLMAX. */
  sew = 8;
  sewShift = 0;
  lmulLog = 0;
  vlmax = 0;
  /** Agnostic elements are to be written with ones (policy 'ones' and vta / vma set). */
  tailOnes = false;
  maskOnes = false;
  /**
   * vtype and VLEN in one number, -1 while vill is set: (vtype & 0xff) | log2(VLENB) << 8. Translated code
   * specialized for one vtype checks this single field before taking its fast path.
   */
  vkey = -1;

  vstart = 0;
  vxrm = 0;
  vxsat = 0;

  constructor(opts: VectorOptions = {}) {
    const vlen = opts.vlen ?? DEFAULT_VLEN;
    if (!Number.isInteger(vlen) || vlen < 128 || vlen > 4096 || (vlen & (vlen - 1)) !== 0) {
      throw new RangeError(`VLEN must be a power of two from 128 to 4096, not ${vlen}`);
    }
    this.vlen = vlen;
    this.vlenb = vlen >>> 3;
    this.lenbShift = 31 - Math.clz32(this.vlenb);
    this.agnostic = opts.agnostic ?? 'undisturbed';
    this.maskAgnostic = opts.maskAgnostic ?? this.agnostic;
    this.buf = new ArrayBuffer(32 * this.vlenb);
    this.u8 = new Uint8Array(this.buf); this.i8 = new Int8Array(this.buf);
    this.u16 = new Uint16Array(this.buf); this.i16 = new Int16Array(this.buf);
    this.u32 = new Uint32Array(this.buf); this.i32 = new Int32Array(this.buf);
    this.f32 = new Float32Array(this.buf); this.f64 = new Float64Array(this.buf);
    this.i64 = new BigInt64Array(this.buf); this.u64 = new BigUint64Array(this.buf);
  }

  /** vtype as the CSR reads (vill alone in bit 63 when set). */
  get vtype(): number {
    return this.vill ? 2 ** 63 : (this.vma << 7) | (this.vta << 6) | (this.vsew << 3) | this.vlmul;
  }

  /**
   * Install a new vtype (the low 8 bits of a legal value; `reservedSet` = any bit above them is nonzero).
   * Returns false (and sets vill) when the value is not supported.
   */
  setVtype(vt: number, reservedSet: boolean): boolean {
    // The same legal vtype again (a loop's vsetvli): nothing to recompute.
    if (!reservedSet && this.vkey === ((vt & 0xff) | (this.lenbShift << 8))) return true;
    const vsew = (vt >>> 3) & 7, vlmul = vt & 7;
    const lmulLog = vlmul >= 4 ? vlmul - 8 : vlmul;
    // Reserved: vsew > 3 (SEW > 64), vlmul = 4, and fractional LMUL with SEW > LMUL * ELEN.
    if (reservedSet || vsew > 3 || vlmul === 4 || (lmulLog < 0 && (8 << vsew) > (ELEN >> -lmulLog))) {
      this.vill = true; this.vsew = 0; this.vlmul = 0; this.vta = 0; this.vma = 0;
      this.sew = 8; this.sewShift = 0; this.lmulLog = 0; this.vlmax = 0;
      this.tailOnes = false; this.maskOnes = false;
      this.vkey = -1;
      return false;
    }
    this.vill = false;
    this.vsew = vsew; this.vlmul = vlmul; this.vta = (vt >>> 6) & 1; this.vma = (vt >>> 7) & 1;
    this.sew = 8 << vsew; this.sewShift = vsew; this.lmulLog = lmulLog;
    // VLMAX = LMUL * VLEN / SEW = 2^(lmulLog + lenbShift - sewShift), at least 2 for a legal vtype.
    this.vlmax = 1 << (lmulLog + this.lenbShift - vsew);
    this.tailOnes = this.agnostic === 'ones' && this.vta === 1;
    this.maskOnes = this.maskAgnostic === 'ones' && this.vma === 1;
    this.vkey = (vt & 0xff) | (this.lenbShift << 8);
    return true;
  }

  /** Register r as BigInt elements of width sew (tests and tools). */
  element(r: number, i: number, sew: number, signed = false): bigint {
    const base = (r * this.vlenb) / (sew >>> 3) + i;
    switch (sew) {
      case 8: return BigInt(signed ? this.i8[base] : this.u8[base]);
      case 16: return BigInt(signed ? this.i16[base] : this.u16[base]);
      case 32: return BigInt(signed ? this.i32[base] : this.u32[base]);
      default: return signed ? this.i64[base] : this.u64[base];
    }
  }
  setElement(r: number, i: number, sew: number, v: bigint): void {
    const base = (r * this.vlenb) / (sew >>> 3) + i;
    switch (sew) {
      case 8: this.i8[base] = Number(BigInt.asIntN(8, v)); break;
      case 16: this.i16[base] = Number(BigInt.asIntN(16, v)); break;
      case 32: this.i32[base] = Number(BigInt.asIntN(32, v)); break;
      default: this.i64[base] = BigInt.asIntN(64, v);
    }
  }
}

/** A copy of the whole vector state for a new thread (clone copies registers, vl, vtype and the CSRs). */
export function cloneVector(from: Hart, to: Hart): void {
  const src = vstate(from), dst = new VectorState({ vlen: src.vlen, agnostic: src.agnostic, maskAgnostic: src.maskAgnostic });
  dst.u8.set(src.u8);
  dst.setVtype(src.vtype & 0xff, src.vill);
  dst.vl = src.vl; dst.vstart = src.vstart; dst.vxrm = src.vxrm; dst.vxsat = src.vxsat;
  to.vector = dst;
}

/** Give h a vector unit (replacing any), e.g. when the program starts with V enabled. */
export function attachVector(h: Hart, opts: VectorOptions = {}): VectorState {
  const v = new VectorState(opts);
  h.vector = v;
  return v;
}

/** The hart's vector unit, created with the defaults on first use. */
export function vstate(h: Hart): VectorState {
  const v = h.vector as VectorState | undefined;
  return v !== undefined ? v : attachVector(h);
}
