// M extension: multiply and divide. The 64-bit forms go through the exact pair arithmetic of int64.ts;
// the W forms work on the low words with JS int32 arithmetic and sign-extend the 32-bit result.
import type { Hart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';
import { div64, divu64, mul64, mulh64, mulhsu64, mulhu64, rem64, remu64 } from './int64.js';

function mul(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  mul64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function mulh(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  mulh64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function mulhsu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  mulhsu64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function mulhu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  mulhu64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function div(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  div64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function divu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  divu64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function rem(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  rem64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function remu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  remu64(x[a], x[a + 1], x[b], x[b + 1], x, d.rd << 1);
}

function mulw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = Math.imul(x[d.rs1 << 1], x[d.rs2 << 1]);
  x[r] = v; x[r + 1] = v >> 31;
}

function divw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, a = x[d.rs1 << 1], b = x[d.rs2 << 1];
  // Division by zero gives −1; −2^31 / −1 overflows to 2^31, which `| 0` wraps back to −2^31 as required.
  const v = b === 0 ? -1 : (a / b) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

function divuw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, b = x[d.rs2 << 1];
  const v = b === 0 ? -1 : ((x[d.rs1 << 1] >>> 0) / (b >>> 0)) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

function remw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, a = x[d.rs1 << 1], b = x[d.rs2 << 1];
  // JS % takes the dividend's sign like RISC-V; −2^31 % −1 is −0, which `| 0` makes 0.
  const v = b === 0 ? a : (a % b) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

function remuw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, a = x[d.rs1 << 1], b = x[d.rs2 << 1];
  const v = b === 0 ? a : ((a >>> 0) % (b >>> 0)) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

export const m: Semantics = {
  mul, mulh, mulhsu, mulhu, div, divu, rem, remu,
  mulw, divw, divuw, remw, remuw,
};
