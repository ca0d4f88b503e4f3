// Control and status registers visible to user mode, and the dispatch Zicsr uses to reach them. Other
// units add their own registers with registerCsr (the vector unit: vstart, vxsat, vxrm, vcsr, vl, vtype,
// vlenb). A CSR without a write handler is read-only: any instruction that would write it is illegal, as
// is any access to a number nobody registered.
import { IllegalInstruction } from '../errors.js';
import type { Hart } from './hart.js';
import type { Decoded } from './spec.js';

export const CSR_FFLAGS = 0x001;
export const CSR_FRM = 0x002;
export const CSR_FCSR = 0x003;
export const CSR_CYCLE = 0xc00;
export const CSR_TIME = 0xc01;
export const CSR_INSTRET = 0xc02;

export interface CsrHandler {
  /** Name for disassembly. */
  readonly name?: string;
  /** Current value; d is the accessing instruction (counters use d.index). */
  read(h: Hart, d: Decoded): number;
  /**
   * For registers whose values need all 64 bits (the privileged CSRs: mstatus.SD, misa.MXL, satp.MODE,
   * mepc, ...): the value as a BigInt. When present, read64/write64 are used instead of read/write.
   */
  read64?(h: Hart, d: Decoded): bigint;
  write64?(h: Hart, v: bigint): void;
  /**
   * Store a new value. v is the register value as a signed number, exact when |v| < 2^53; larger
   * magnitudes arrive as a stand-in of the same sign with the same low 32 bits, so `v & mask` is exact.
   */
  write?(h: Hart, v: number): void;
  /** Whether this hart has the CSR at all (e.g. the vector CSRs only with a vector unit); default yes. */
  present?(h: Hart): boolean;
}

const handlers: (CsrHandler | undefined)[] = new Array<CsrHandler | undefined>(4096).fill(undefined);

/** Make CSR num (0..4095) accessible; replaces an earlier registration. */
export function registerCsr(num: number, handler: CsrHandler): void {
  if (!Number.isInteger(num) || num < 0 || num > 0xfff) throw new RangeError(`bad CSR number ${num}`);
  handlers[num] = handler;
}

/** The handler of CSR num, if registered. */
export function csrHandler(num: number): CsrHandler | undefined { return handlers[num & 0xfff]; }

/** The name of CSR num, if registered with one. */
export function csrName(num: number): string | undefined { return handlers[num & 0xfff]?.name; }

function illegal(d: Decoded): never { throw new IllegalInstruction(d.pc, d.raw, d.len); }

/** The handler for d.csr, checked to exist and, when the instruction writes, to be writable. */
export function csrFor(h: Hart, d: Decoded, writes: boolean): CsrHandler {
  const c = handlers[d.csr & 0xfff];
  if (c === undefined || (writes && c.write === undefined && c.write64 === undefined) || (c.present !== undefined && !c.present(h))) illegal(d);
  // A hart with privilege levels (bare mode) also checks the accessing mode and the FS/VS/counter enables.
  if (h.priv !== undefined) { h.priv.checkCsr(h, d, writes); return h.priv.ownCsr(d.csr & 0xfff) ?? c; }
  return c;
}

/** A register pair as the number a write handler receives (see CsrHandler.write). */
export function csrValue(lo: number, hi: number): number {
  if (hi >= -0x200000 && hi < 0x200000) return hi * 4294967296 + (lo >>> 0);
  return (hi < 0 ? -4503599627370496 : 4503599627370496) + (lo >>> 0);
}

// ---------------------------------------------------------------- the base set

/** Instructions retired before d (counting and time are per instruction, see the engine). */
function retiredAt(h: Hart, d: Decoded): number { return h.instret + d.index; }

registerCsr(CSR_FFLAGS, { name: 'fflags', read: (h) => h.fflags, write: (h, v) => { h.fflags = v & 0x1f; } });
registerCsr(CSR_FRM, { name: 'frm', read: (h) => h.frm, write: (h, v) => { h.frm = v & 7; } });
registerCsr(CSR_FCSR, { name: 'fcsr', read: (h) => h.fcsr, write: (h, v) => { h.fcsr = v & 0xff; } });
// One instruction per cycle, so cycle and instret agree; time ticks at 10 MHz on the 1 ns/instruction clock.
registerCsr(CSR_CYCLE, { name: 'cycle', read: retiredAt });
registerCsr(CSR_TIME, { name: 'time', read: (h, d) => Math.floor((h.instret + d.index + h.clockSkewNs) / 100) });
registerCsr(CSR_INSTRET, { name: 'instret', read: retiredAt });
