// Zicsr: atomic read-modify-write of CSRs. csrrw with rd=x0 does not read; csrrs/csrrc with rs1=x0 and
// csrrsi/csrrci with a zero immediate do not write, so they may target read-only CSRs.
import type { Hart } from './hart.js';
import { X_SINK, type Decoded, type Semantics } from './spec.js';
import { csrFor, csrValue, type CsrHandler } from './csr.js';

const TWO32 = 4294967296;

/** Write the CSR's old value (a number) to rd. */
function setRd(h: Hart, d: Decoded, v: number): void {
  const x = h.x, r = d.rd << 1;
  x[r] = v % TWO32 | 0; x[r + 1] = Math.floor(v / TWO32) | 0;
}

/** rs1 as an unsigned 64-bit BigInt. */
function rs1Big(h: Hart, d: Decoded): bigint {
  const x = h.x, a = d.rs1 << 1;
  return (BigInt(x[a + 1] >>> 0) << 32n) | BigInt(x[a] >>> 0);
}

/**
 * The six operations on a CSR with 64-bit handlers: op 'w' writes src, 's' sets its bits, 'c' clears them;
 * src undefined: no write. csrrw with rd = x0 does not read.
 */
function wide(h: Hart, d: Decoded, c: CsrHandler, op: 'w' | 's' | 'c', src: bigint | undefined): void {
  const reads = op !== 'w' || d.rd !== X_SINK;
  const old = reads ? c.read64!(h, d) : 0n;
  if (src !== undefined) c.write64!(h, op === 'w' ? src : op === 's' ? old | src : old & ~src);
  if (reads) { const x = h.x, r = d.rd << 1; x[r] = Number(BigInt.asIntN(32, old)); x[r + 1] = Number(BigInt.asIntN(32, old >> 32n)); }
}

function csrrw(h: Hart, d: Decoded): void {
  const c = csrFor(h, d, true);
  if (c.read64 !== undefined) { wide(h, d, c, 'w', rs1Big(h, d)); return; }
  const x = h.x, a = d.rs1 << 1, v = csrValue(x[a], x[a + 1]);
  if (d.rd === X_SINK) { c.write!(h, v); return; }
  const old = c.read(h, d);
  c.write!(h, v);
  setRd(h, d, old);
}

/** old | bits (set) or old & ~bits (clear), on the 64-bit patterns. */
function rmw(h: Hart, c: CsrHandler, old: number, lo: number, hi: number, set: boolean): void {
  const oLo = old % TWO32 | 0, oHi = Math.floor(old / TWO32) | 0;
  const nLo = set ? oLo | lo : oLo & ~lo, nHi = set ? oHi | hi : oHi & ~hi;
  c.write!(h, csrValue(nLo, nHi));
}

function csrrs(h: Hart, d: Decoded): void {
  const writes = d.rs1 !== 0, c = csrFor(h, d, writes);
  if (c.read64 !== undefined) { wide(h, d, c, 's', writes ? rs1Big(h, d) : undefined); return; }
  const old = c.read(h, d);
  if (writes) { const x = h.x, a = d.rs1 << 1; rmw(h, c, old, x[a], x[a + 1], true); }
  setRd(h, d, old);
}

function csrrc(h: Hart, d: Decoded): void {
  const writes = d.rs1 !== 0, c = csrFor(h, d, writes);
  if (c.read64 !== undefined) { wide(h, d, c, 'c', writes ? rs1Big(h, d) : undefined); return; }
  const old = c.read(h, d);
  if (writes) { const x = h.x, a = d.rs1 << 1; rmw(h, c, old, x[a], x[a + 1], false); }
  setRd(h, d, old);
}

function csrrwi(h: Hart, d: Decoded): void {
  const c = csrFor(h, d, true);
  if (c.read64 !== undefined) { wide(h, d, c, 'w', BigInt(d.imm)); return; }
  if (d.rd === X_SINK) { c.write!(h, d.imm); return; }
  const old = c.read(h, d);
  c.write!(h, d.imm);
  setRd(h, d, old);
}

function csrrsi(h: Hart, d: Decoded): void {
  const u = d.imm, c = csrFor(h, d, u !== 0);
  if (c.read64 !== undefined) { wide(h, d, c, 's', u !== 0 ? BigInt(u) : undefined); return; }
  const old = c.read(h, d);
  if (u !== 0) rmw(h, c, old, u, 0, true);
  setRd(h, d, old);
}

function csrrci(h: Hart, d: Decoded): void {
  const u = d.imm, c = csrFor(h, d, u !== 0);
  if (c.read64 !== undefined) { wide(h, d, c, 'c', u !== 0 ? BigInt(u) : undefined); return; }
  const old = c.read(h, d);
  if (u !== 0) rmw(h, c, old, u, 0, false);
  setRd(h, d, old);
}

export const zicsr: Semantics = { csrrw, csrrs, csrrc, csrrwi, csrrsi, csrrci };
