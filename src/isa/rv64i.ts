// RV64I base integer instructions and Zifencei. Registers are lo/hi int32 pairs (x[2r], x[2r+1]); every
// function reads its operands into locals before writing rd, since rd may be one of the sources.
import type { Hart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';

const TWO32 = 4294967296;

// ---------------------------------------------------------------- upper immediates and jumps

function lui(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = d.imm;
  x[r] = v; x[r + 1] = v >> 31;
}

function auipc(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = d.pc + d.imm;
  x[r] = v | 0; x[r + 1] = Math.floor(v / TWO32) | 0;
}

function jal(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, link = d.pc + d.len;
  x[r] = link | 0; x[r + 1] = Math.floor(link / TWO32) | 0; // floor: a pc may be negative (bare mode, high addresses)
  h.pc = d.pc + d.imm;
}

function jalr(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, lo = x[a];
  // Clearing bit 0 of the sum: its low bit is the low bit of lo + imm.
  const target = x[a + 1] * TWO32 + (lo >>> 0) + d.imm - ((lo + d.imm) & 1);
  const link = d.pc + d.len;
  x[r] = link | 0; x[r + 1] = Math.floor(link / TWO32) | 0; // floor: a pc may be negative (bare mode, high addresses)
  h.pc = target;
}

// ---------------------------------------------------------------- branches

function beq(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  if (x[a] === x[b] && x[a + 1] === x[b + 1]) h.pc = d.pc + d.imm;
}

function bne(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  if (x[a] !== x[b] || x[a + 1] !== x[b + 1]) h.pc = d.pc + d.imm;
}

function blt(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, ah = x[a + 1], bh = x[b + 1];
  if (ah < bh || (ah === bh && (x[a] >>> 0) < (x[b] >>> 0))) h.pc = d.pc + d.imm;
}

function bge(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, ah = x[a + 1], bh = x[b + 1];
  if (ah > bh || (ah === bh && (x[a] >>> 0) >= (x[b] >>> 0))) h.pc = d.pc + d.imm;
}

function bltu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, ah = x[a + 1] >>> 0, bh = x[b + 1] >>> 0;
  if (ah < bh || (ah === bh && (x[a] >>> 0) < (x[b] >>> 0))) h.pc = d.pc + d.imm;
}

function bgeu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, ah = x[a + 1] >>> 0, bh = x[b + 1] >>> 0;
  if (ah > bh || (ah === bh && (x[a] >>> 0) >= (x[b] >>> 0))) h.pc = d.pc + d.imm;
}

// ---------------------------------------------------------------- loads and stores
// The address is a signed JS number; the address space faults negative, huge or unmapped ones.

function lb(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  const v = h.mem.load8(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm);
  x[r] = v; x[r + 1] = v >> 31;
}

function lh(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  const v = h.mem.load16(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm);
  x[r] = v; x[r + 1] = v >> 31;
}

function lw(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  const v = h.mem.load32(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm);
  x[r] = v; x[r + 1] = v >> 31;
}

function ld(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1;
  // One 64-bit access: the machine memory of bare mode checks its alignment as a whole.
  h.mem.load64(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm, x, d.rd << 1);
}

function lbu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  x[r] = h.mem.load8u(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm); x[r + 1] = 0;
}

function lhu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  x[r] = h.mem.load16u(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm); x[r + 1] = 0;
}

function lwu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1;
  x[r] = h.mem.load32(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm); x[r + 1] = 0;
}

function sb(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1;
  h.mem.store8(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm, x[d.rs2 << 1]);
}

function sh(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1;
  h.mem.store16(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm, x[d.rs2 << 1]);
}

function sw(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1;
  h.mem.store32(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm, x[d.rs2 << 1]);
}

function sd(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1;
  // One 64-bit access (a store straddling two pages probes both first, so it never half-happens).
  h.mem.store64(x[a + 1] * TWO32 + (x[a] >>> 0) + d.imm, x[b], x[b + 1]);
}

// ---------------------------------------------------------------- register-immediate

function addi(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, imm = d.imm, al = x[a];
  const lo = (al + imm) | 0;
  x[r + 1] = (x[a + 1] + (imm >> 31) + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
  x[r] = lo;
}

function slti(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, imm = d.imm, ah = x[a + 1], bh = imm >> 31;
  x[r] = ah < bh || (ah === bh && (x[a] >>> 0) < (imm >>> 0)) ? 1 : 0; x[r + 1] = 0;
}

function sltiu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, imm = d.imm, ah = x[a + 1] >>> 0, bh = (imm >> 31) >>> 0;
  x[r] = ah < bh || (ah === bh && (x[a] >>> 0) < (imm >>> 0)) ? 1 : 0; x[r + 1] = 0;
}

function xori(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, imm = d.imm;
  x[r + 1] = x[a + 1] ^ (imm >> 31); x[r] = x[a] ^ imm;
}

function ori(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, imm = d.imm;
  x[r + 1] = x[a + 1] | (imm >> 31); x[r] = x[a] | imm;
}

function andi(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, imm = d.imm;
  x[r + 1] = x[a + 1] & (imm >> 31); x[r] = x[a] & imm;
}

function slli(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, s = d.imm, lo = x[a], hi = x[a + 1];
  if (s === 0) { x[r] = lo; x[r + 1] = hi; }
  else if (s < 32) { x[r + 1] = (hi << s) | (lo >>> (32 - s)); x[r] = lo << s; }
  else { x[r + 1] = lo << (s - 32); x[r] = 0; }
}

function srli(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, s = d.imm, lo = x[a], hi = x[a + 1];
  if (s === 0) { x[r] = lo; x[r + 1] = hi; }
  else if (s < 32) { x[r] = (lo >>> s) | (hi << (32 - s)); x[r + 1] = hi >>> s; }
  else { x[r] = hi >>> (s - 32); x[r + 1] = 0; }
}

function srai(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, s = d.imm, lo = x[a], hi = x[a + 1];
  if (s === 0) { x[r] = lo; x[r + 1] = hi; }
  else if (s < 32) { x[r] = (lo >>> s) | (hi << (32 - s)); x[r + 1] = hi >> s; }
  else { x[r] = hi >> (s - 32); x[r + 1] = hi >> 31; }
}

// ---------------------------------------------------------------- register-register

function add(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1, al = x[a];
  const lo = (al + x[b]) | 0;
  x[r + 1] = (x[a + 1] + x[b + 1] + ((lo >>> 0) < (al >>> 0) ? 1 : 0)) | 0;
  x[r] = lo;
}

function sub(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1, al = x[a], bl = x[b];
  x[r + 1] = (x[a + 1] - x[b + 1] - ((al >>> 0) < (bl >>> 0) ? 1 : 0)) | 0;
  x[r] = (al - bl) | 0;
}

function sll(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, s = x[d.rs2 << 1] & 63, lo = x[a], hi = x[a + 1];
  if (s === 0) { x[r] = lo; x[r + 1] = hi; }
  else if (s < 32) { x[r + 1] = (hi << s) | (lo >>> (32 - s)); x[r] = lo << s; }
  else { x[r + 1] = lo << (s - 32); x[r] = 0; }
}

function srl(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, s = x[d.rs2 << 1] & 63, lo = x[a], hi = x[a + 1];
  if (s === 0) { x[r] = lo; x[r + 1] = hi; }
  else if (s < 32) { x[r] = (lo >>> s) | (hi << (32 - s)); x[r + 1] = hi >>> s; }
  else { x[r] = hi >>> (s - 32); x[r + 1] = 0; }
}

function sra(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, r = d.rd << 1, s = x[d.rs2 << 1] & 63, lo = x[a], hi = x[a + 1];
  if (s === 0) { x[r] = lo; x[r + 1] = hi; }
  else if (s < 32) { x[r] = (lo >>> s) | (hi << (32 - s)); x[r + 1] = hi >> s; }
  else { x[r] = hi >> (s - 32); x[r + 1] = hi >> 31; }
}

function slt(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1, ah = x[a + 1], bh = x[b + 1];
  x[r] = ah < bh || (ah === bh && (x[a] >>> 0) < (x[b] >>> 0)) ? 1 : 0; x[r + 1] = 0;
}

function sltu(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1, ah = x[a + 1] >>> 0, bh = x[b + 1] >>> 0;
  x[r] = ah < bh || (ah === bh && (x[a] >>> 0) < (x[b] >>> 0)) ? 1 : 0; x[r + 1] = 0;
}

function xor(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  x[r + 1] = x[a + 1] ^ x[b + 1]; x[r] = x[a] ^ x[b];
}

function or(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  x[r + 1] = x[a + 1] | x[b + 1]; x[r] = x[a] | x[b];
}

function and(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  x[r + 1] = x[a + 1] & x[b + 1]; x[r] = x[a] & x[b];
}

// ---------------------------------------------------------------- 32-bit (W) forms: results sign-extend

function addiw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = (x[d.rs1 << 1] + d.imm) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

function slliw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = x[d.rs1 << 1] << d.imm;
  x[r] = v; x[r + 1] = v >> 31;
}

function srliw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = (x[d.rs1 << 1] >>> d.imm) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

function sraiw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = x[d.rs1 << 1] >> d.imm;
  x[r] = v; x[r + 1] = v >> 31;
}

function addw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = (x[d.rs1 << 1] + x[d.rs2 << 1]) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

function subw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = (x[d.rs1 << 1] - x[d.rs2 << 1]) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

// JS shift operators use the count mod 32, which is exactly the W forms' use of rs2[4:0].
function sllw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = x[d.rs1 << 1] << x[d.rs2 << 1];
  x[r] = v; x[r + 1] = v >> 31;
}

function srlw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = (x[d.rs1 << 1] >>> x[d.rs2 << 1]) | 0;
  x[r] = v; x[r + 1] = v >> 31;
}

function sraw(h: Hart, d: Decoded): void {
  const x = h.x, r = d.rd << 1, v = x[d.rs1 << 1] >> x[d.rs2 << 1];
  x[r] = v; x[r + 1] = v >> 31;
}

// ---------------------------------------------------------------- system

// A single hart in user mode observes its own memory operations in order, so fences have no effect.
function fence(): void {}

function ecall(h: Hart, d: Decoded): void { h.env.ecall(h, d); }
function ebreak(h: Hart, d: Decoded): void { h.env.ebreak(h, d); }
function fenceI(h: Hart): void { h.env.flushCode(h); }

export const rv64i: Semantics = {
  lui, auipc, jal, jalr,
  beq, bne, blt, bge, bltu, bgeu,
  lb, lh, lw, ld, lbu, lhu, lwu, sb, sh, sw, sd,
  addi, slti, sltiu, xori, ori, andi, slli, srli, srai,
  add, sub, sll, slt, sltu, xor, srl, sra, or, and,
  addiw, slliw, srliw, sraiw, addw, subw, sllw, srlw, sraw,
  fence, 'fence.tso': fence, ecall, ebreak,
  'fence.i': fenceI,
};
