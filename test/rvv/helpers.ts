// Test rig for the vector unit: a hart with memory and a vector unit, an encoder for vector instruction
// words, execution through the vector decoder, and a BigInt reference for element-wise results with the
// mask, tail and vstart rules written out independently of the implementation.
import { vi } from 'vitest';
import { Hart, type Environment } from '../../src/isa/hart.js';
import type { Ext } from '../../src/isa/spec.js';
import { AddressSpace, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';
import { attachVector, decodeVector, type AgnosticPolicy, type VectorState } from '../../src/rvv/index.js';

export const ENABLED: ReadonlySet<Ext> = new Set<Ext>(['I', 'M', 'A', 'F', 'D', 'C', 'Zicsr', 'V']);
const env: Environment = { ecall: vi.fn(), ebreak: vi.fn(), flushCode: vi.fn() };

export function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}

export { enc, type Fields } from './encode.js';
import { enc, type Fields } from './encode.js';

export const LMULS = [-3, -2, -1, 0, 1, 2, 3];
export const SEWS = [8, 16, 32, 64];
export const lmulCode = (l: number): number => (l < 0 ? 8 + l : l);
/** LMUL values legal for SEW (fractional LMUL needs SEW <= LMUL * 64). */
export const legalLmuls = (sew: number): number[] => LMULS.filter((l) => l >= 0 || sew <= 64 >> -l);

export class Rig {
  readonly h: Hart;
  readonly v: VectorState;
  readonly mem: AddressSpace;
  constructor(readonly vlen = 256, agnostic: AgnosticPolicy = 'undisturbed') {
    this.mem = new AddressSpace();
    this.h = new Hart(this.mem, env);
    this.v = attachVector(this.h, { vlen, agnostic });
  }
  get vlenb(): number { return this.vlen / 8; }

  /** Execute one instruction word (throws what the instruction throws). */
  exec(w: number): void {
    const d = decodeVector(w, 0x1000, ENABLED);
    if (d === undefined) throw new Error(`not a vector instruction: ${w.toString(16)}`);
    d.exec(this.h, d);
  }
  run(name: string, f: Fields = {}): void { this.exec(enc(name, f)); }

  /** vsetvli with AVL = vl; returns the vl granted. */
  vset(sew: number, lmulLog: number, vl: number, ta = 0, ma = 0): number {
    const zimm = (ma << 7) | (ta << 6) | ((31 - Math.clz32(sew / 8)) << 3) | lmulCode(lmulLog);
    this.h.setBig(5, BigInt(vl));
    this.run('vsetvli', { vd: 6, rs1: 5, zimm });
    return Number(this.h.getBig(6));
  }
  vlmax(sew: number, lmulLog: number): number { return Math.floor((this.vlen * 2 ** lmulLog) / sew); }

  randomize(r: () => number): void { for (let i = 0; i < this.v.u32.length; i++) this.v.u32[i] = r(); }
  snapshot(): Uint8Array { return this.v.u8.slice(); }

  /** A fresh read/write mapping (page aligned). */
  map(addr: number, len: number, prot = PROT_READ | PROT_WRITE): void { this.mem.map(addr, len, prot); }
}

// ---------------------------------------------------------------- reference

/** Element i of register group r at width sew from a register-file image. */
export function el(img: Uint8Array, vlenb: number, r: number, i: number, sew: number, signed = false): bigint {
  const off = r * vlenb + i * (sew / 8);
  let x = 0n;
  for (let b = sew / 8 - 1; b >= 0; b--) x = (x << 8n) | BigInt(img[off + b]);
  return signed ? BigInt.asIntN(sew, x) : x;
}
export function setEl(img: Uint8Array, vlenb: number, r: number, i: number, sew: number, x: bigint): void {
  const off = r * vlenb + i * (sew / 8);
  let u = BigInt.asUintN(sew, x);
  for (let b = 0; b < sew / 8; b++) { img[off + b] = Number(u & 0xffn); u >>= 8n; }
}
export const bit = (img: Uint8Array, vlenb: number, r: number, i: number): number => (img[r * vlenb + (i >> 3)] >> (i & 7)) & 1;
export function setBit(img: Uint8Array, vlenb: number, r: number, i: number, b: number): void {
  const k = r * vlenb + (i >> 3);
  img[k] = b ? img[k] | (1 << (i & 7)) : img[k] & ~(1 << (i & 7));
}

export interface Policy { agnostic: AgnosticPolicy; ta: number; ma: number }

/**
 * Expected image after an element-wise instruction writing group vd (EEW deew, EMUL 2^dLog) for elements
 * [vstart, vl): compute(i) for active ones; masked-off ones all ones under 'ones'+ma; tail all ones under
 * 'ones'+ta (to the end of the group, or of the register when fractional), unless vstart >= vl.
 */
export function refElementwise(before: Uint8Array, vlenb: number, p: Policy, o: { vd: number; deew: number; dLog: number; vl: number; vstart: number; vm: number },
  compute: (i: number) => bigint): Uint8Array {
  const out = before.slice();
  if (o.vstart >= o.vl) return out;
  for (let i = o.vstart; i < o.vl; i++) {
    if (o.vm === 0 && bit(before, vlenb, 0, i) === 0) { if (p.agnostic === 'ones' && p.ma) setEl(out, vlenb, o.vd, i, o.deew, -1n); continue; }
    setEl(out, vlenb, o.vd, i, o.deew, compute(i));
  }
  if (p.agnostic === 'ones' && p.ta) {
    const end = (o.dLog > 0 ? vlenb << o.dLog : vlenb) / (o.deew / 8);
    for (let i = o.vl; i < end; i++) setEl(out, vlenb, o.vd, i, o.deew, -1n);
  }
  return out;
}

/** Expected image after a mask-producing instruction (tail bits agnostic under 'ones' whatever vta is). */
export function refMask(before: Uint8Array, vlenb: number, p: Policy, o: { vd: number; vl: number; vstart: number; vm: number },
  compute: (i: number) => number): Uint8Array {
  const out = before.slice();
  if (o.vstart >= o.vl) return out;
  for (let i = o.vstart; i < o.vl; i++) {
    if (o.vm === 0 && bit(before, vlenb, 0, i) === 0) { if (p.agnostic === 'ones' && p.ma) setBit(out, vlenb, o.vd, i, 1); continue; }
    setBit(out, vlenb, o.vd, i, compute(i));
  }
  if (p.agnostic === 'ones') for (let i = o.vl; i < vlenb * 8; i++) setBit(out, vlenb, o.vd, i, 1);
  return out;
}

/** First differing byte, as a readable message (or undefined). */
export function diff(got: Uint8Array, want: Uint8Array, vlenb: number): string | undefined {
  for (let i = 0; i < want.length; i++) {
    if (got[i] !== want[i]) return `byte ${i} (v${Math.floor(i / vlenb)} +${i % vlenb}): got ${got[i]}, want ${want[i]}`;
  }
  return undefined;
}

/** Pick register groups of n registers (aligned to n), distinct and not overlapping, avoiding v0. */
export function pickGroups(r: () => number, sizes: number[]): number[] {
  for (;;) {
    const out: number[] = [];
    let ok = true;
    for (const n of sizes) {
      const g = n * (1 + (r() % (32 / n - 1)));
      if (out.some((o, k) => g < o + sizes[k] && o < g + n)) { ok = false; break; }
      out.push(g);
    }
    if (ok) return out;
  }
}
