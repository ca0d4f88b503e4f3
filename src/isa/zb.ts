// Zba (address generation), Zbb (basic bit manipulation) and Zbs (single-bit) instructions.
import type { Hart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';
import { bswap32, ctz32, popcount32 } from './int64.js';

// ---------------------------------------------------------------- Zba

function addUw(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1, al = x[a], bl = x[b];
  const lo = (al + bl) | 0;
  x[r + 1] = (x[b + 1] + ((lo >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
  x[r] = lo;
}

/** rd = (rs1 << s) + rs2, s in 1..3; hiIn is rs1's high word (or 0 for the .uw forms). */
function shadd(h: Hart, d: Decoded, s: number, hiIn: number): void {
  const x = h.x, b = d.rs2 << 1, r = d.rd << 1, al = x[d.rs1 << 1], bl = x[b];
  const sl = al << s, sh = (hiIn << s) | (al >>> (32 - s));
  const lo = (sl + bl) | 0;
  x[r + 1] = (sh + x[b + 1] + ((lo >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
  x[r] = lo;
}
function sh1add(h: Hart, d: Decoded): void { shadd(h, d, 1, h.x[(d.rs1 << 1) + 1]); }
function sh2add(h: Hart, d: Decoded): void { shadd(h, d, 2, h.x[(d.rs1 << 1) + 1]); }
function sh3add(h: Hart, d: Decoded): void { shadd(h, d, 3, h.x[(d.rs1 << 1) + 1]); }
function sh1addUw(h: Hart, d: Decoded): void { shadd(h, d, 1, 0); }
function sh2addUw(h: Hart, d: Decoded): void { shadd(h, d, 2, 0); }
function sh3addUw(h: Hart, d: Decoded): void { shadd(h, d, 3, 0); }

function slliUw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, s = d.imm, lo = x[d.rs1 << 1];
  if (s === 0) { x[r] = lo; x[r + 1] = 0; }
  else if (s < 32) { x[r + 1] = lo >>> (32 - s); x[r] = lo << s; }
  else { x[r + 1] = lo << (s - 32); x[r] = 0; }
}

// ---------------------------------------------------------------- Zbb: logic with negate

function andn(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  x[r + 1] = x[a + 1] & ~x[b + 1]; x[r] = x[a] & ~x[b];
}

function orn(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  x[r + 1] = x[a + 1] | ~x[b + 1]; x[r] = x[a] | ~x[b];
}

function xnor(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  x[r + 1] = ~(x[a + 1] ^ x[b + 1]); x[r] = ~(x[a] ^ x[b]);
}

// ---------------------------------------------------------------- Zbb: counts

function clz(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, hi = x[a + 1];
  x[r] = hi !== 0 ? Math.clz32(hi) : 32 + Math.clz32(x[a]); x[r + 1] = 0;
}

function clzw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1;
  x[r] = Math.clz32(x[d.rs1 << 1]); x[r + 1] = 0;
}

function ctz(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, lo = x[a];
  x[r] = lo !== 0 ? ctz32(lo) : 32 + ctz32(x[a + 1]); x[r + 1] = 0;
}

function ctzw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1;
  x[r] = ctz32(x[d.rs1 << 1]); x[r + 1] = 0;
}

function cpop(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  x[r] = popcount32(x[a]) + popcount32(x[a + 1]); x[r + 1] = 0;
}

function cpopw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1;
  x[r] = popcount32(x[d.rs1 << 1]); x[r + 1] = 0;
}

// ---------------------------------------------------------------- Zbb: min/max

function max(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  const al = x[a], ah = x[a + 1], bl = x[b], bh = x[b + 1];
  if (ah < bh || (ah === bh && (al >>> 0) < (bl >>> 0))) { x[r] = bl; x[r + 1] = bh; } else { x[r] = al; x[r + 1] = ah; }
}

function maxu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  const al = x[a], ah = x[a + 1], bl = x[b], bh = x[b + 1];
  if ((ah >>> 0) < (bh >>> 0) || (ah === bh && (al >>> 0) < (bl >>> 0))) { x[r] = bl; x[r + 1] = bh; } else { x[r] = al; x[r + 1] = ah; }
}

function min(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  const al = x[a], ah = x[a + 1], bl = x[b], bh = x[b + 1];
  if (ah < bh || (ah === bh && (al >>> 0) < (bl >>> 0))) { x[r] = al; x[r + 1] = ah; } else { x[r] = bl; x[r + 1] = bh; }
}

function minu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  const al = x[a], ah = x[a + 1], bl = x[b], bh = x[b + 1];
  if ((ah >>> 0) < (bh >>> 0) || (ah === bh && (al >>> 0) < (bl >>> 0))) { x[r] = al; x[r + 1] = ah; } else { x[r] = bl; x[r + 1] = bh; }
}

// ---------------------------------------------------------------- Zbb: extensions

function sextB(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = (x[d.rs1 << 1] << 24) >> 24;
  x[r] = v; x[r + 1] = v >> 31;
}

function sextH(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = (x[d.rs1 << 1] << 16) >> 16;
  x[r] = v; x[r + 1] = v >> 31;
}

function zextH(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1;
  x[r] = x[d.rs1 << 1] & 0xffff; x[r + 1] = 0;
}

// ---------------------------------------------------------------- Zbb: rotates

/** rd = rs1 rotated right by s (0..63). */
function rotr(h: Hart, d: Decoded, s: number): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  let lo = x[a], hi = x[a + 1];
  if (s >= 32) { const t = lo; lo = hi; hi = t; s -= 32; }
  if (s === 0) { x[r] = lo; x[r + 1] = hi; }
  else { x[r] = (lo >>> s) | (hi << (32 - s)); x[r + 1] = (hi >>> s) | (lo << (32 - s)); }
}
function ror(h: Hart, d: Decoded): void { rotr(h, d, h.x[d.rs2 << 1] & 63); }
function rori(h: Hart, d: Decoded): void { rotr(h, d, d.imm); }
function rol(h: Hart, d: Decoded): void { rotr(h, d, -h.x[d.rs2 << 1] & 63); }

/** rd = sext(low word of rs1 rotated right by s (0..31)). */
function rotrw(h: Hart, d: Decoded, s: number): void {
  const x = h.x, r = d.rd << 1, v = x[d.rs1 << 1];
  const w = s === 0 ? v : (v >>> s) | (v << (32 - s));
  x[r] = w; x[r + 1] = w >> 31;
}
function rorw(h: Hart, d: Decoded): void { rotrw(h, d, h.x[d.rs2 << 1] & 31); }
function roriw(h: Hart, d: Decoded): void { rotrw(h, d, d.imm); }
function rolw(h: Hart, d: Decoded): void { rotrw(h, d, -h.x[d.rs2 << 1] & 31); }

// ---------------------------------------------------------------- Zbb: byte operations

/** Each byte becomes 0xff if it was nonzero, else 0x00. */
function orcb32(v: number): number {
  // Fold every byte's bits into its low bit, then spread that bit across the byte.
  v |= v >>> 4; v |= v >>> 2; v |= v >>> 1;
  return Math.imul(v & 0x01010101, 0xff);
}

function orcB(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  x[r + 1] = orcb32(x[a + 1]); x[r] = orcb32(x[a]);
}

function rev8(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, lo = x[a];
  x[r] = bswap32(x[a + 1]); x[r + 1] = bswap32(lo);
}

// ---------------------------------------------------------------- Zbs

/** rd = rs1 with bit i (0..63) cleared (op 0), set (1) or inverted (2). */
function bitop(h: Hart, d: Decoded, i: number, op: number): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  let lo = x[a], hi = x[a + 1];
  const m = 1 << i; // shift counts are mod 32, so m is the bit within its word
  if (i < 32) lo = op === 0 ? lo & ~m : op === 1 ? lo | m : lo ^ m;
  else hi = op === 0 ? hi & ~m : op === 1 ? hi | m : hi ^ m;
  x[r] = lo; x[r + 1] = hi;
}
function bclr(h: Hart, d: Decoded): void { bitop(h, d, h.x[d.rs2 << 1] & 63, 0); }
function bclri(h: Hart, d: Decoded): void { bitop(h, d, d.imm, 0); }
function bset(h: Hart, d: Decoded): void { bitop(h, d, h.x[d.rs2 << 1] & 63, 1); }
function bseti(h: Hart, d: Decoded): void { bitop(h, d, d.imm, 1); }
function binv(h: Hart, d: Decoded): void { bitop(h, d, h.x[d.rs2 << 1] & 63, 2); }
function binvi(h: Hart, d: Decoded): void { bitop(h, d, d.imm, 2); }

function bextAt(h: Hart, d: Decoded, i: number): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  x[r] = ((i < 32 ? x[a] : x[a + 1]) >>> i) & 1; x[r + 1] = 0;
}
function bext(h: Hart, d: Decoded): void { bextAt(h, d, h.x[d.rs2 << 1] & 63); }
function bexti(h: Hart, d: Decoded): void { bextAt(h, d, d.imm); }

export const zb: Semantics = {
  'add.uw': addUw, sh1add, sh2add, sh3add, 'sh1add.uw': sh1addUw, 'sh2add.uw': sh2addUw, 'sh3add.uw': sh3addUw,
  'slli.uw': slliUw,
  andn, orn, xnor,
  clz, clzw, ctz, ctzw, cpop, cpopw,
  max, maxu, min, minu,
  'sext.b': sextB, 'sext.h': sextH, 'zext.h': zextH,
  rol, rolw, ror, rori, roriw, rorw,
  'orc.b': orcB, rev8,
  bclr, bclri, bext, bexti, binv, binvi, bset, bseti,
};
