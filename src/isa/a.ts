// A extension: LR/SC and AMOs. The aq/rl bits need no action: one hart's own accesses are already in
// program order. Every access must be naturally aligned. Each AMO reads memory, stores the new value and
// only then writes rd, so a store fault (read-only page) leaves the registers untouched.
import { GuestFault } from '../errors.js';
import type { Hart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';

const TWO32 = 4294967296;

/** rs1 as an address, checked for alignment to (mask + 1) bytes. */
function addrOf(h: Hart, d: Decoded, mask: number): number {
  const x = h.x, a = d.rs1 << 1, lo = x[a];
  const addr = x[a + 1] * TWO32 + (lo >>> 0);
  if ((lo & mask) !== 0) throw new GuestFault(addr, 'write');
  return addr;
}

// ---------------------------------------------------------------- LR/SC

function lrW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), v = h.mem.load32(addr), x = h.x, r = d.rd << 1;
  h.reservation = addr;
  x[r] = v; x[r + 1] = v >> 31;
}

function lrD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), mem = h.mem, lo = mem.load32(addr), hi = mem.load32(addr + 4), x = h.x, r = d.rd << 1;
  h.reservation = addr;
  x[r] = lo; x[r + 1] = hi;
}

function scW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, r = d.rd << 1, ok = h.reservation === addr;
  h.reservation = -1;
  if (ok) h.mem.store32(addr, x[d.rs2 << 1]);
  x[r] = ok ? 0 : 1; x[r + 1] = 0;
}

function scD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, r = d.rd << 1, b = d.rs2 << 1, ok = h.reservation === addr;
  h.reservation = -1;
  if (ok) { const mem = h.mem; mem.store32(addr, x[b]); mem.store32(addr + 4, x[b + 1]); }
  x[r] = ok ? 0 : 1; x[r + 1] = 0;
}

// ---------------------------------------------------------------- 32-bit AMOs (rd gets the old word, sign-extended)

function amoswapW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, src);
  x[r] = old; x[r + 1] = old >> 31;
}

function amoaddW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, (old + src) | 0);
  x[r] = old; x[r + 1] = old >> 31;
}

function amoxorW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, old ^ src);
  x[r] = old; x[r + 1] = old >> 31;
}

function amoandW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, old & src);
  x[r] = old; x[r + 1] = old >> 31;
}

function amoorW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, old | src);
  x[r] = old; x[r + 1] = old >> 31;
}

function amominW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, src < old ? src : old);
  x[r] = old; x[r + 1] = old >> 31;
}

function amomaxW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, src > old ? src : old);
  x[r] = old; x[r + 1] = old >> 31;
}

function amominuW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, (src >>> 0) < (old >>> 0) ? src : old);
  x[r] = old; x[r + 1] = old >> 31;
}

function amomaxuW(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 3), x = h.x, src = x[d.rs2 << 1], mem = h.mem, old = mem.load32(addr), r = d.rd << 1;
  mem.store32(addr, (src >>> 0) > (old >>> 0) ? src : old);
  x[r] = old; x[r + 1] = old >> 31;
}

// ---------------------------------------------------------------- 64-bit AMOs (aligned, so never split across pages)

function amoswapD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  mem.store32(addr, sl); mem.store32(addr + 4, sh);
  x[r] = ol; x[r + 1] = oh;
}

function amoaddD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  const lo = (ol + sl) | 0;
  mem.store32(addr, lo); mem.store32(addr + 4, (oh + sh + ((lo >>> 0) < (ol >>> 0) ? 1 : 0)) | 0);
  x[r] = ol; x[r + 1] = oh;
}

function amoxorD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  mem.store32(addr, ol ^ sl); mem.store32(addr + 4, oh ^ sh);
  x[r] = ol; x[r + 1] = oh;
}

function amoandD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  mem.store32(addr, ol & sl); mem.store32(addr + 4, oh & sh);
  x[r] = ol; x[r + 1] = oh;
}

function amoorD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  mem.store32(addr, ol | sl); mem.store32(addr + 4, oh | sh);
  x[r] = ol; x[r + 1] = oh;
}

function amominD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  const srcLess = sh < oh || (sh === oh && (sl >>> 0) < (ol >>> 0));
  if (srcLess) { mem.store32(addr, sl); mem.store32(addr + 4, sh); } else { mem.store32(addr, ol); mem.store32(addr + 4, oh); }
  x[r] = ol; x[r + 1] = oh;
}

function amomaxD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  const srcGreater = sh > oh || (sh === oh && (sl >>> 0) > (ol >>> 0));
  if (srcGreater) { mem.store32(addr, sl); mem.store32(addr + 4, sh); } else { mem.store32(addr, ol); mem.store32(addr + 4, oh); }
  x[r] = ol; x[r + 1] = oh;
}

function amominuD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  const srcLess = (sh >>> 0) < (oh >>> 0) || (sh === oh && (sl >>> 0) < (ol >>> 0));
  if (srcLess) { mem.store32(addr, sl); mem.store32(addr + 4, sh); } else { mem.store32(addr, ol); mem.store32(addr + 4, oh); }
  x[r] = ol; x[r + 1] = oh;
}

function amomaxuD(h: Hart, d: Decoded): void {
  const addr = addrOf(h, d, 7), x = h.x, b = d.rs2 << 1, sl = x[b], sh = x[b + 1], r = d.rd << 1;
  const mem = h.mem, ol = mem.load32(addr), oh = mem.load32(addr + 4);
  const srcGreater = (sh >>> 0) > (oh >>> 0) || (sh === oh && (sl >>> 0) > (ol >>> 0));
  if (srcGreater) { mem.store32(addr, sl); mem.store32(addr + 4, sh); } else { mem.store32(addr, ol); mem.store32(addr + 4, oh); }
  x[r] = ol; x[r + 1] = oh;
}

export const a: Semantics = {
  'lr.w': lrW, 'sc.w': scW, 'lr.d': lrD, 'sc.d': scD,
  'amoswap.w': amoswapW, 'amoadd.w': amoaddW, 'amoxor.w': amoxorW, 'amoand.w': amoandW, 'amoor.w': amoorW,
  'amomin.w': amominW, 'amomax.w': amomaxW, 'amominu.w': amominuW, 'amomaxu.w': amomaxuW,
  'amoswap.d': amoswapD, 'amoadd.d': amoaddD, 'amoxor.d': amoxorD, 'amoand.d': amoandD, 'amoor.d': amoorD,
  'amomin.d': amominD, 'amomax.d': amomaxD, 'amominu.d': amominuD, 'amomaxu.d': amomaxuD,
};
