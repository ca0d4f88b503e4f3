// Vector loads and stores (RVV 1.0 section 7): unit-stride, strided, indexed (ordered and unordered; the
// same here, since we run one element at a time in order), segments of 2..8 fields of each kind, whole
// registers, mask loads/stores, and fault-only-first loads.
//
// Faults are precise at element granularity: the elements before the faulting one are done, vstart is set
// to the faulting element, and the GuestFault propagates. Fault-only-first loads instead trim vl to the
// faulting element when it is not element 0. Masked-off elements are not accessed (and cannot fault).
//
// Unmasked unit-stride accesses (plain, segment, whole-register, mask) move bytes a page at a time between
// guest pages and the register file; the rest go element by element through the AddressSpace accessors.
import { GuestFault } from '../errors.js';
import type { Hart } from '../isa/hart.js';
import { InsnClass, type Decoded, type ExecFn, type Semantics } from '../isa/spec.js';
import type { AddressSpace } from '../mem/address-space.js';
import {
  checkAlign, checkMaskDest, checkOverlap, emulOf, finish, illegal, nregs, overlaps, vec, vunit, type VectorState,
} from './common.js';
import { VECTOR_SPECS, type MemKind } from './encoding.js';

const PAGE = 4096;

/** Register rs1 as an address (a signed number; AddressSpace faults on negative ones). */
const baseOf = (h: Hart, r: number): number => h.x[(r << 1) + 1] * 4294967296 + (h.x[r << 1] >>> 0);

// ---------------------------------------------------------------- bulk transfers

/** Bytes of [addr, addr+n) accessible before the first page that is not (probing each page once). */
function accessible(mem: AddressSpace, addr: number, n: number, write: boolean): number {
  const end = addr + n;
  for (let a = addr; a < end; a = (Math.floor(a / PAGE) + 1) * PAGE) {
    try {
      if (write) mem.writePage(a); else mem.readPage(a);
    } catch (e) {
      if (e instanceof GuestFault) return a - addr;
      throw e;
    }
  }
  return n;
}

/** Copy n accessible guest bytes at addr into dst[off..]. */
function copyIn(mem: AddressSpace, addr: number, dst: Uint8Array, off: number, n: number): void {
  for (let done = 0; done < n;) {
    const a = addr + done, po = a - Math.floor(a / PAGE) * PAGE, k = Math.min(n - done, PAGE - po);
    dst.set(mem.readPage(a).data.subarray(po, po + k), off + done);
    done += k;
  }
}

/** Copy src[off..off+n) to n writable guest bytes at addr. */
function copyOut(mem: AddressSpace, addr: number, src: Uint8Array, off: number, n: number): void {
  for (let done = 0; done < n;) {
    const a = addr + done, po = a - Math.floor(a / PAGE) * PAGE, k = Math.min(n - done, PAGE - po);
    mem.writePage(a).data.set(src.subarray(off + done, off + done + k), po);
    done += k;
  }
}

let scratch = new Uint8Array(0);
function scratchOf(n: number): Uint8Array {
  if (scratch.length < n) scratch = new Uint8Array(Math.max(n, 2 * scratch.length));
  return scratch;
}

// ---------------------------------------------------------------- single elements

/** Load the element of 2^es bytes at addr into register-file byte offset off. */
function loadEl(mem: AddressSpace, v: VectorState, es: number, addr: number, off: number): void {
  switch (es) {
    case 0: v.u8[off] = mem.load8u(addr); break;
    case 1: v.u16[off >>> 1] = mem.load16u(addr); break;
    case 2: v.i32[off >>> 2] = mem.load32(addr); break;
    default: {
      const lo = mem.load32(addr), hi = mem.load32(addr + 4);
      v.i32[off >>> 2] = lo; v.i32[(off >>> 2) + 1] = hi;
    }
  }
}

function storeEl(mem: AddressSpace, v: VectorState, es: number, addr: number, off: number): void {
  switch (es) {
    case 0: mem.store8(addr, v.u8[off]); break;
    case 1: mem.store16(addr, v.u16[off >>> 1]); break;
    case 2: mem.store32(addr, v.i32[off >>> 2]); break;
    default:
      // Both halves must be writable before either is written.
      if (Math.floor(addr / PAGE) !== Math.floor((addr + 7) / PAGE)) { mem.writePage(addr); mem.writePage(addr + 7); }
      mem.store32(addr, v.i32[off >>> 2]); mem.store32(addr + 4, v.i32[(off >>> 2) + 1]);
  }
}

/**
 * A segment crossing a page boundary faults before any of its fields is transferred (within one page the
 * first field's access decides), so a trap or a fault-only-first trim never leaves a partial segment.
 */
function wholeSegment(mem: AddressSpace, addr: number, bytes: number, write: boolean): void {
  const last = addr + bytes - 1;
  if (Math.floor(addr / PAGE) === Math.floor(last / PAGE)) return;
  if (write) { mem.writePage(addr); mem.writePage(last); } else { mem.readPage(addr); mem.readPage(last); }
}

// ---------------------------------------------------------------- legality

const eewShiftOf = (eew: number): number => (eew === 8 ? 0 : eew === 16 ? 1 : eew === 32 ? 2 : 3);

/** Segment groups: nf * EMUL registers, at most 8, not past v31. */
function checkFields(d: Decoded, vd: number, nf: number, emulLog: number): void {
  const n = nf * nregs(emulLog);
  if (n > 8) illegal(d, `${nf} fields of EMUL=${emulLog >= 0 ? 1 << emulLog : `1/${1 << -emulLog}`} need more than 8 registers`);
  if (vd + n > 32) illegal(d, `the register groups v${vd}..v${vd + n - 1} go past v31`);
}

// ---------------------------------------------------------------- unit-stride and strided

/** vle/vlse/vlseg/vlsseg (ff: fault-only-first) and the stores; unit-stride steps by the segment size. */
function strided(h: Hart, d: Decoded, store: boolean, unit: boolean, ff: boolean): void {
  const v = vec(h, d);
  const nf = d.rs3, es = eewShiftOf(d.imm), el = emulOf(d, v, es);
  checkAlign(d, d.rd, el, store ? 'vs3' : 'vd');
  checkFields(d, d.rd, nf, el);
  if (!store) checkMaskDest(d);
  const mem = h.mem, base = baseOf(h, d.rs1), size = 1 << es, seg = nf << es;
  const stride = unit ? seg : baseOf(h, d.rs2);
  const fr = nregs(el), vlenb = v.vlenb, masked = d.rm === 0, m = v.u8;
  const start = v.vstart, end = v.vl;
  if (start < end) {
    if (unit && !masked) bulkUnit(h, d, v, store, ff, start, end, nf, es, fr, base);
    else {
      let i = start;
      try {
        for (; i < end; i++) {
          if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) {
            if (!store && v.maskOnes) for (let f = 0; f < nf; f++) v.u8.fill(0xff, (d.rd + f * fr) * vlenb + (i << es), (d.rd + f * fr) * vlenb + ((i + 1) << es));
            continue;
          }
          const a = base + i * stride;
          if (nf > 1) wholeSegment(mem, a, nf << es, store);
          for (let f = 0; f < nf; f++) {
            const off = (d.rd + f * fr) * vlenb + (i << es);
            if (store) storeEl(mem, v, es, a + f * size, off); else loadEl(mem, v, es, a + f * size, off);
          }
        }
      } catch (e) {
        if (!(e instanceof GuestFault)) throw e;
        if (ff && i > 0) v.vl = i;
        else { v.vstart = i; throw e; }
      }
    }
  }
  if (!store) for (let f = 0; f < nf; f++) finish(v, d.rd + f * fr, es, el, start);
  v.vstart = 0;
}

/** Unmasked unit-stride (plain or segment): one probe of the pages, then whole-page copies. */
function bulkUnit(h: Hart, d: Decoded, v: VectorState, store: boolean, ff: boolean, start: number, end: number,
  nf: number, es: number, fr: number, base: number): void {
  const mem = h.mem, seg = nf << es, addr = base + start * seg, n = (end - start) * seg;
  if (nf === 1 && (addr & (PAGE - 1)) + n <= PAGE && addr >= 0) {
    // Within one page, so the first access faults or none does. Short transfers go through the
    // AddressSpace's TLB-backed accessors; long ones copy the page's bytes.
    const u8 = v.u8, off = d.rd * v.vlenb + (start << es);
    try {
      if (n <= 64 && (n & 3) === 0 && (off & 3) === 0) {
        const x = v.i32, w = off >>> 2;
        if (store) for (let k = 0; k < n; k += 4) mem.store32(addr + k, x[w + (k >>> 2)]);
        else for (let k = 0; k < n; k += 4) x[w + (k >>> 2)] = mem.load32(addr + k);
      } else {
        const po = addr & (PAGE - 1);
        if (store) mem.writePage(addr).data.set(u8.subarray(off, off + n), po);
        else u8.set(mem.readPage(addr).data.subarray(po, po + n), off);
      }
      return;
    } catch (e) {
      if (!(e instanceof GuestFault)) throw e;
    }
  }
  const ok = accessible(mem, addr, n, store);
  // Only whole elements (segments) before a fault are transferred.
  const count = ok === n ? end - start : Math.floor(ok / seg);
  const bytes = count * seg, vlenb = v.vlenb, u8 = v.u8;
  if (nf === 1) {
    const off = d.rd * vlenb + (start << es);
    if (store) copyOut(mem, addr, u8, off, bytes); else copyIn(mem, addr, u8, off, bytes);
  } else {
    const s = scratchOf(bytes), size = 1 << es;
    if (store) {
      for (let i = 0; i < count; i++) {
        for (let f = 0; f < nf; f++) {
          const off = (d.rd + f * fr) * vlenb + ((start + i) << es), t = i * seg + f * size;
          for (let b = 0; b < size; b++) s[t + b] = u8[off + b];
        }
      }
      copyOut(mem, addr, s, 0, bytes);
    } else {
      copyIn(mem, addr, s, 0, bytes);
      for (let i = 0; i < count; i++) {
        for (let f = 0; f < nf; f++) {
          const off = (d.rd + f * fr) * vlenb + ((start + i) << es), t = i * seg + f * size;
          for (let b = 0; b < size; b++) u8[off + b] = s[t + b];
        }
      }
    }
  }
  if (ok !== n) {
    const i = start + count;
    if (ff && i > 0) { v.vl = i; return; }
    v.vstart = i;
    throw new GuestFault(addr + ok, store ? 'write' : 'read');
  }
}

// ---------------------------------------------------------------- indexed

function indexed(h: Hart, d: Decoded, store: boolean): void {
  const v = vec(h, d);
  const nf = d.rs3, ies = eewShiftOf(d.imm), il = emulOf(d, v, ies, 'index EEW');
  const es = v.sewShift, el = v.lmulLog, fr = nregs(el);
  checkAlign(d, d.rd, el, store ? 'vs3' : 'vd');
  checkAlign(d, d.rs2, il, 'vs2');
  checkFields(d, d.rd, nf, el);
  if (!store) {
    checkMaskDest(d);
    if (nf > 1) {
      if (overlaps(d.rd, nf * fr, d.rs2, nregs(il))) illegal(d, `destination v${d.rd} overlaps the index register group v${d.rs2}`);
    } else checkOverlap(d, d.rd, el, es, d.rs2, il, ies, 'vs2');
  }
  const mem = h.mem, base = baseOf(h, d.rs1), size = 1 << es, vlenb = v.vlenb, masked = d.rm === 0, m = v.u8;
  const iB = d.rs2 * (vlenb >>> ies), x = v.i32;
  const start = v.vstart, end = v.vl;
  let i = start;
  try {
    for (; i < end; i++) {
      if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) {
        if (!store && v.maskOnes) for (let f = 0; f < nf; f++) v.u8.fill(0xff, (d.rd + f * fr) * vlenb + (i << es), (d.rd + f * fr) * vlenb + ((i + 1) << es));
        continue;
      }
      // Offsets are unsigned; a 64-bit one wraps the address, i.e. acts as a signed one.
      let off: number;
      switch (ies) {
        case 0: off = v.u8[iB + i]; break;
        case 1: off = v.u16[iB + i]; break;
        case 2: off = v.u32[iB + i]; break;
        default: off = x[((iB + i) << 1) + 1] * 4294967296 + (x[(iB + i) << 1] >>> 0);
      }
      const a = base + off;
      if (nf > 1) wholeSegment(mem, a, nf << es, store);
      for (let f = 0; f < nf; f++) {
        const r = (d.rd + f * fr) * vlenb + (i << es);
        if (store) storeEl(mem, v, es, a + f * size, r); else loadEl(mem, v, es, a + f * size, r);
      }
    }
  } catch (e) {
    if (e instanceof GuestFault) v.vstart = i;
    throw e;
  }
  if (!store) for (let f = 0; f < nf; f++) finish(v, d.rd + f * fr, es, el, start);
  v.vstart = 0;
}

// ---------------------------------------------------------------- whole registers and masks

/** vl<nf>re<eew>.v / vs<nf>r.v: nf registers as EEW elements from vstart; independent of vtype. */
function whole(h: Hart, d: Decoded, store: boolean): void {
  const v = vunit(h);
  const nf = d.rs3, es = eewShiftOf(d.imm);
  if (d.rd % nf !== 0) illegal(d, `v${d.rd} is not a multiple of ${nf}`);
  const vlenb = v.vlenb, len = nf * vlenb, from = v.vstart << es;
  if (from < len) {
    const mem = h.mem, addr = baseOf(h, d.rs1) + from, n = len - from;
    const ok = accessible(mem, addr, n, store);
    const bytes = ok === n ? n : ok - (ok % (1 << es));
    const off = d.rd * vlenb + from;
    if (store) copyOut(mem, addr, v.u8, off, bytes); else copyIn(mem, addr, v.u8, off, bytes);
    if (ok !== n) { v.vstart = (from + bytes) >>> es; throw new GuestFault(addr + ok, store ? 'write' : 'read'); }
  }
  v.vstart = 0;
}

/** vlm.v / vsm.v: ceil(vl/8) bytes; the rest of a loaded mask register is tail (always agnostic). */
function maskLS(h: Hart, d: Decoded, store: boolean): void {
  const v = vec(h, d);
  const evl = (v.vl + 7) >>> 3, from = v.vstart;
  if (from < evl) {
    const mem = h.mem, addr = baseOf(h, d.rs1) + from, n = evl - from;
    const ok = accessible(mem, addr, n, store);
    const off = d.rd * v.vlenb + from;
    if (store) copyOut(mem, addr, v.u8, off, ok); else copyIn(mem, addr, v.u8, off, ok);
    if (ok !== n) { v.vstart = from + ok; throw new GuestFault(addr + ok, store ? 'write' : 'read'); }
    if (!store && v.agnostic === 'ones') v.u8.fill(0xff, d.rd * v.vlenb + evl, (d.rd + 1) * v.vlenb);
  }
  v.vstart = 0;
}

// ---------------------------------------------------------------- the table

function execFor(kind: MemKind, store: boolean): ExecFn {
  switch (kind) {
    case 'unit': return (h, d) => strided(h, d, store, true, false);
    case 'ff': return (h, d) => strided(h, d, false, true, true);
    case 'strided': return (h, d) => strided(h, d, store, false, false);
    case 'ux': case 'ox': return (h, d) => indexed(h, d, store);
    case 'whole': return (h, d) => whole(h, d, store);
    case 'mask': return (h, d) => maskLS(h, d, store);
  }
}

/** Every load and store mnemonic (the handlers read EEW and nf from the decoded fields). */
export const vmemory: Semantics = {};
for (const s of VECTOR_SPECS) {
  if (s.mem !== undefined) vmemory[s.name] = execFor(s.mem, s.cls === InsnClass.VStore);
}
