// The privileged architecture of one hart (machine and supervisor level, as bare-metal test suites use it):
// the current mode, the machine and supervisor CSRs, trap entry and return, and the environment calls.
//
// Traps: an instruction that raises an exception throws (Trap for ecall/ebreak, MemoryTrap for page, access
// and alignment faults, IllegalInstruction); the engine counts the instructions retired before it, sets
// h.pc past the block and calls onTrap, which maps the error to a cause, applies medeleg, updates the CSRs
// and sets h.pc to the handler.
//
// Interrupts: nothing outside the hart raises any (no timer, no interrupt controller), but software can
// make the supervisor ones pending through mip/sip. They are taken right after the CSR write or xRET that
// made one pending and enabled (CSR instructions end their block in bare mode, so h.pc is then the next
// instruction), with the spec's priorities, mideleg delegation and vectored mtvec/stvec.
//
// FS/VS: while mstatus.FS is not Dirty, F and D are taken out of the decoder's extension set, so an FP
// instruction faults. With FS Off that fault is the architectural illegal instruction; with FS Initial or
// Clean the machine sets FS to Dirty and runs the instruction again. The same holds for VS and the vector
// unit. So FS/VS track dirtiness exactly (an FP instruction makes the state Dirty) at no cost per
// instruction.
import { GuestFault, IllegalInstruction, RvemuError } from '../errors.js';
import { registerCsr, type CsrHandler } from '../isa/csr.js';
import { decode } from '../isa/decode.js';
import type { Environment, Hart, PrivilegedHart } from '../isa/hart.js';
import { InsnClass, type Decoded, type Ext } from '../isa/spec.js';
import type { Engine } from '../engine/engine.js';
import { MachineMemory, PRV_M, PRV_S, PRV_U } from './memory.js';
import {
  CAUSE_BREAKPOINT, CAUSE_FETCH_ACCESS, CAUSE_ILLEGAL_INSTRUCTION, CAUSE_LOAD_ACCESS, CAUSE_LOAD_MISALIGNED,
  CAUSE_LOAD_PAGE_FAULT, CAUSE_STORE_ACCESS, CAUSE_STORE_MISALIGNED, CAUSE_STORE_PAGE_FAULT, DELEGABLE_EXCEPTIONS,
  MachineStop, MemoryTrap, Trap, causeName,
} from './traps.js';

// mstatus fields (low word; UXL and SXL are fixed at 2 = 64 bits, SD is computed).
export const MSTATUS_SIE = 1 << 1, MSTATUS_MIE = 1 << 3, MSTATUS_SPIE = 1 << 5, MSTATUS_MPIE = 1 << 7;
export const MSTATUS_SPP = 1 << 8, MSTATUS_VS = 3 << 9, MSTATUS_MPP = 3 << 11, MSTATUS_FS = 3 << 13, MSTATUS_XS = 3 << 15;
export const MSTATUS_MPRV = 1 << 17, MSTATUS_SUM = 1 << 18, MSTATUS_MXR = 1 << 19;
export const MSTATUS_TVM = 1 << 20, MSTATUS_TW = 1 << 21, MSTATUS_TSR = 1 << 22;
const MSTATUS_UXL_SXL = (2n << 32n) | (2n << 34n);
const SSTATUS_UXL = 2n << 32n;
const SD = 1n << 63n;
const SSTATUS_READ = MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_VS | MSTATUS_FS | MSTATUS_XS | MSTATUS_SUM | MSTATUS_MXR;
const DIRTY = 3;
const INTERRUPT = 1n << 63n;
/** Interrupt codes, highest priority first: MEI, MSI, MTI, SEI, SSI, STI. */
const INTERRUPT_PRIORITY = [11, 3, 7, 9, 1, 5];

const U64 = (v: bigint): bigint => BigInt.asUintN(64, v);
const asAddress = (v: bigint): number => Number(BigInt.asIntN(64, v));
const MIP_WRITABLE = 0x222n; // SSIP, STIP, SEIP
const MIE_WRITABLE = 0xaaan; // SSIE, MSIE, STIE, MTIE, SEIE, MEIE
const SATP_MODE_SV39 = 8n;
const FP_EXTS: readonly Ext[] = ['F', 'D'];
const VECTOR_EXTS: readonly Ext[] = ['V', 'Zvfh', 'Zvfhmin'];
/** vstart, vxsat, vxrm, vcsr, vl, vtype, vlenb. */
const VECTOR_CSRS = new Set([0x008, 0x009, 0x00a, 0x00f, 0xc20, 0xc21, 0xc22]);

export class Machine implements PrivilegedHart, Environment {
  /** Current privilege mode (PRV_U, PRV_S, PRV_M). */
  priv = PRV_M;
  /** mstatus bits 31:0 (the rest is constant or computed). */
  mstatus = 0;
  readonly misa: bigint;
  mtvec = 0n; stvec = 0n; mepc = 0n; sepc = 0n; mcause = 0n; scause = 0n; mtval = 0n; stval = 0n;
  mscratch = 0n; sscratch = 0n; medeleg = 0n; mideleg = 0n; mie = 0n; mip = 0n;
  mcounteren = 0n; scounteren = 0n; mcountinhibit = 0n; menvcfg = 0n; senvcfg = 0n; satp = 0n;
  readonly pmpcfg = new Array<bigint>(16).fill(0n);
  readonly pmpaddr = new Array<bigint>(64).fill(0n);
  /** mcycle/minstret minus the retired count: writes to them set these. */
  cycleBias = 0n; instretBias = 0n;
  /** Instructions retired in each mode (index = mode) up to `since`. */
  readonly retiredIn = [0, 0, 0, 0];
  private since = 0;
  /** Retired instructions before the CSR instruction being executed (set by checkCsr). */
  private csrAt = 0;
  /** The engine that runs this hart (set once it exists): blocks are flushed through it. */
  engine: Engine | undefined = undefined;
  /** Why the run cannot continue (a trap with nowhere to go), once that happened. */
  stopMessage: string | undefined = undefined;
  private dataKey = '';
  private fetchKey = '';
  private readonly ownCsrs = new Map<number, CsrHandler>();

  constructor(
    readonly hart: Hart,
    readonly mem: MachineMemory,
    /** Extensions of --isa: what misa reports and what FS/VS can turn back on. */
    readonly isa: ReadonlySet<Ext>,
    /** The engine's decoder set, changed as FS/VS change. */
    readonly enabled: Set<Ext>,
  ) {
    let letters = 0n;
    for (const [ext, bit] of [['A', 0], ['C', 2], ['D', 3], ['F', 5], ['I', 8], ['M', 12], ['V', 21]] as const) {
      if (isa.has(ext)) letters |= 1n << BigInt(bit);
    }
    this.misa = (2n << 62n) | letters | (1n << 18n) | (1n << 20n); // MXL = 64, plus S and U modes
    enabled.add('Priv');
    installCsrs();
    // The user counters follow writes to mcycle/minstret.
    this.ownCsrs.set(0xc00, bare('cycle', (m, h, d) => m.counter(h, d, m.cycleBias)));
    this.ownCsrs.set(0xc02, bare('instret', (m, h, d) => m.counter(h, d, m.instretBias)));
    this.updateExtensions();
    this.updateContext();
  }

  // ---------------------------------------------------------------- modes and contexts
  get fs(): number { return (this.mstatus & MSTATUS_FS) >>> 13; }
  get vs(): number { return (this.mstatus & MSTATUS_VS) >>> 9; }

  /** Enter mode `to`; `retired` instructions have retired so far (the rest count in the new mode). */
  setPriv(to: number, retired: number): void {
    this.retiredIn[this.priv] += retired - this.since;
    this.since = retired;
    this.priv = to;
    this.updateContext();
  }

  /** Retired instructions per mode, counting the current mode up to `retired`. */
  retiredByMode(retired: number): { M: number; S: number; U: number } {
    const r = [...this.retiredIn];
    r[this.priv] += retired - this.since;
    return { M: r[PRV_M], S: r[PRV_S], U: r[PRV_U] };
  }

  /**
   * Tell the memory what translation and permissions now apply; flush the TLB if data addresses may now
   * mean something else, and the decoded blocks if instruction addresses may (`force`: both, after satp
   * writes and sfence.vma).
   */
  updateContext(force = false): void {
    const mem = this.mem, st = this.mstatus;
    mem.sv39 = (this.satp >> 60n) === SATP_MODE_SV39;
    mem.root = Number(this.satp & ((1n << 44n) - 1n)) * 4096;
    mem.fetchPriv = this.priv;
    mem.dataPriv = (st & MSTATUS_MPRV) !== 0 && this.priv === PRV_M ? (st & MSTATUS_MPP) >>> 11 : this.priv;
    mem.sum = (st & MSTATUS_SUM) !== 0;
    mem.mxr = (st & MSTATUS_MXR) !== 0;
    const dataKey = mem.sv39 && mem.dataPriv !== PRV_M ? `${this.satp}:${mem.dataPriv}:${mem.sum}:${mem.mxr}` : 'physical';
    const fetchKey = mem.sv39 && this.priv !== PRV_M ? `${this.satp}:${this.priv}` : 'physical';
    if (force || dataKey !== this.dataKey) { mem.flushTlb(); this.dataKey = dataKey; }
    if (force || fetchKey !== this.fetchKey) { this.engine?.flushAll(); this.fetchKey = fetchKey; }
  }

  /** F/D (V) are decodable only while FS (VS) is Dirty; see the file comment. */
  updateExtensions(): void {
    let changed = false;
    const set = (exts: readonly Ext[], on: boolean): void => {
      for (const e of exts) {
        if (!this.isa.has(e) || this.enabled.has(e) === on) continue;
        if (on) this.enabled.add(e); else this.enabled.delete(e);
        changed = true;
      }
    };
    set(FP_EXTS, this.fs === DIRTY);
    set(VECTOR_EXTS, this.vs === DIRTY);
    if (changed) this.engine?.flushAll();
  }

  // ---------------------------------------------------------------- CSRs
  readMstatus(): bigint {
    const sd = this.fs === DIRTY || this.vs === DIRTY ? SD : 0n;
    return BigInt(this.mstatus >>> 0) | MSTATUS_UXL_SXL | sd;
  }

  writeMstatus(v: bigint, mask: number): void {
    if (!this.isa.has('F')) mask &= ~MSTATUS_FS;
    if (!this.isa.has('V')) mask &= ~MSTATUS_VS;
    let next = (this.mstatus & ~mask) | (Number(v & 0xffffffffn) & mask);
    if ((next & MSTATUS_MPP) === 2 << 11) next &= ~MSTATUS_MPP; // MPP = 2 (reserved) reads as U
    this.mstatus = next >>> 0;
    this.updateExtensions();
    this.updateContext();
  }

  readSstatus(): bigint {
    const sd = this.fs === DIRTY || this.vs === DIRTY ? SD : 0n;
    return BigInt((this.mstatus & SSTATUS_READ) >>> 0) | SSTATUS_UXL | sd;
  }

  writeSatp(v: bigint): void {
    const mode = v >> 60n;
    if (mode !== 0n && mode !== SATP_MODE_SV39) return; // an unsupported mode: the write has no effect
    this.satp = mode === 0n ? 0n : v & ((0xfn << 60n) | (0xffffn << 44n) | ((1n << 44n) - 1n));
    this.updateContext(true);
  }

  /** After a CSR write that may have made an interrupt pending and enabled (the CSR instruction ends its block: h.pc is the next pc). */
  interruptsChanged(): void { this.checkInterrupts(this.hart.pc, this.csrAt + 1); }

  /** mcycle/minstret (bias: their offset from the retired count). */
  counter(h: Hart, d: Decoded, bias: bigint): bigint { return U64(BigInt(h.instret + d.index) + bias); }
  /** The bias that makes the counter read v at the instruction after the writing one. */
  counterBiasFor(v: bigint): bigint { return v - BigInt(this.csrAt + 1); }

  checkCsr(h: Hart, d: Decoded, writes: boolean): void {
    const num = d.csr & 0xfff, priv = this.priv;
    this.csrAt = h.instret + d.index;
    const illegal = (): never => { throw new IllegalInstruction(d.pc, d.raw, d.len); };
    if (((num >>> 8) & 3) > priv) illegal();
    if (num >= 1 && num <= 3) {
      if (this.fs === 0) illegal();
      if (writes && this.fs !== DIRTY) this.writeMstatus(BigInt(MSTATUS_FS), MSTATUS_FS);
    } else if (VECTOR_CSRS.has(num)) {
      if (this.vs === 0) illegal();
      if (writes && this.vs !== DIRTY) this.writeMstatus(BigInt(MSTATUS_VS), MSTATUS_VS);
    } else if (num >= 0xc00 && num <= 0xc1f) {
      const bit = 1n << BigInt(num - 0xc00);
      if (priv < PRV_M && (this.mcounteren & bit) === 0n) illegal();
      if (priv === PRV_U && (this.scounteren & bit) === 0n) illegal();
    } else if (num === 0x180 && priv === PRV_S && (this.mstatus & MSTATUS_TVM) !== 0) illegal();
  }

  ownCsr(num: number): CsrHandler | undefined { return this.ownCsrs.get(num); }

  // ---------------------------------------------------------------- traps
  /**
   * Enter the handler for exception `cause` raised by the instruction at epc (h.instret: what retired
   * before it). Returns false, with stopMessage set, when there is no handler to go to.
   */
  take(cause: number, tval: bigint, epc: number): boolean {
    const toS = this.priv <= PRV_S && ((this.medeleg >> BigInt(cause)) & 1n) !== 0n;
    return this.enter(toS, BigInt(cause), tval, epc, 0, this.hart.instret);
  }

  /**
   * Take the highest-priority pending and enabled interrupt, if there is one, before the instruction at
   * nextPc (`retired` instructions have retired). Only software makes interrupts pending here (writes to
   * mip/sip), so this runs after the CSR writes and xRETs that can enable one.
   */
  checkInterrupts(nextPc: number, retired: number): void {
    const pending = this.mip & this.mie;
    if (pending === 0n || this.stopMessage !== undefined) return;
    const st = this.mstatus, priv = this.priv;
    const mOn = priv < PRV_M || (st & MSTATUS_MIE) !== 0;
    const sOn = priv < PRV_S || (priv === PRV_S && (st & MSTATUS_SIE) !== 0);
    const mLevel = mOn ? pending & ~this.mideleg : 0n, sLevel = sOn ? pending & this.mideleg : 0n;
    for (const code of INTERRUPT_PRIORITY) {
      const bit = 1n << BigInt(code);
      const toS = (mLevel & bit) === 0n && (sLevel & bit) !== 0n;
      if ((mLevel & bit) === 0n && !toS) continue;
      const vectored = ((toS ? this.stvec : this.mtvec) & 3n) === 1n;
      // No handler: stop (onTrap then sees stopMessage and lets the run end with it).
      if (!this.enter(toS, INTERRUPT | BigInt(code), 0n, nextPc, vectored ? 4 * code : 0, retired)) throw new MachineStop(this.stopMessage!);
      return;
    }
  }

  /** Trap entry proper: CSRs, mode, pc. offset: added to the vector base (vectored interrupts). */
  private enter(toS: boolean, cause: bigint, tval: bigint, epc: number, offset: number, retired: number): boolean {
    const h = this.hart, from = this.priv;
    const target = asAddress(((toS ? this.stvec : this.mtvec) & ~3n) + BigInt(offset));
    const what = (cause & INTERRUPT) !== 0n ? `interrupt ${cause & 0xffn}` : causeName(Number(cause));
    const where = `${what} at pc 0x${U64(BigInt(epc)).toString(16)} in ${'USHM'[from]}-mode (tval 0x${U64(tval).toString(16)})`;
    if (!toS && this.mem.frameAt(target) === undefined) {
      this.stopMessage = `unhandled trap: ${where}; mtvec = 0x${this.mtvec.toString(16)} is not in RAM, so there is no handler`;
      return false;
    }
    if (target === epc && (toS ? this.scause : this.mcause) === cause) {
      this.stopMessage = `trap loop: ${where}, raised again by the first instruction of its own handler`;
      return false;
    }
    let st = this.mstatus;
    if (toS) {
      this.scause = cause; this.sepc = U64(BigInt(epc)); this.stval = U64(tval);
      st = (st & ~(MSTATUS_SPIE | MSTATUS_SIE | MSTATUS_SPP)) | ((st & MSTATUS_SIE) !== 0 ? MSTATUS_SPIE : 0) | (from === PRV_S ? MSTATUS_SPP : 0);
    } else {
      this.mcause = cause; this.mepc = U64(BigInt(epc)); this.mtval = U64(tval);
      st = (st & ~(MSTATUS_MPIE | MSTATUS_MIE | MSTATUS_MPP)) | ((st & MSTATUS_MIE) !== 0 ? MSTATUS_MPIE : 0) | (from << 11);
    }
    this.mstatus = st >>> 0;
    h.pc = target;
    this.setPriv(toS ? PRV_S : PRV_M, retired);
    return true;
  }

  /** The engine's trap hook: see the file comment. */
  readonly onTrap = (e: RvemuError, pc: number, insn: Decoded | undefined): boolean => {
    if (this.stopMessage !== undefined) return false;
    let cause: number, tval: bigint;
    if (e instanceof Trap) { cause = e.exception; tval = e.tval; }
    else if (e instanceof GuestFault) {
      cause = e instanceof MemoryTrap ? e.exception
        : e.access === 'execute' ? CAUSE_FETCH_ACCESS : e.access === 'read' ? CAUSE_LOAD_ACCESS : CAUSE_STORE_ACCESS;
      tval = U64(BigInt(Math.trunc(e.addr)));
      if (insn !== undefined && insn.spec.cls === InsnClass.Atomic) {
        const lr = insn.spec.name.startsWith('lr.'), size = insn.spec.name.endsWith('.d') ? 8 : 4;
        // The A extension's own alignment check (a plain fault): a misaligned LR is a load, the rest store/AMO.
        if (!(e instanceof MemoryTrap) && e.addr % size !== 0) cause = lr ? CAUSE_LOAD_MISALIGNED : CAUSE_STORE_MISALIGNED;
        // An AMO's faults are store/AMO faults even where its load part raised them.
        else if (!lr && cause === CAUSE_LOAD_ACCESS) cause = CAUSE_STORE_ACCESS;
        else if (!lr && cause === CAUSE_LOAD_PAGE_FAULT) cause = CAUSE_STORE_PAGE_FAULT;
        else if (!lr && cause === CAUSE_LOAD_MISALIGNED) cause = CAUSE_STORE_MISALIGNED;
      }
    } else if (e instanceof IllegalInstruction) {
      if (this.enableOnFirstUse(e, pc)) { this.hart.pc = pc; return true; }
      cause = CAUSE_ILLEGAL_INSTRUCTION; tval = BigInt(e.len === 2 ? e.raw & 0xffff : e.raw >>> 0);
    } else return false;
    return this.take(cause, tval, pc);
  };

  /** An FP (vector) instruction with FS (VS) Initial or Clean: make the state Dirty so it can run. */
  private enableOnFirstUse(e: IllegalInstruction, pc: number): boolean {
    const fpWaits = this.fs === 1 || this.fs === 2, vecWaits = this.vs === 1 || this.vs === 2;
    if (!fpWaits && !vecWaits) return false;
    let ext: Ext;
    try { ext = decode(e.raw, pc, new Set<Ext>([...this.isa, 'Priv'])).spec.ext; } catch { return false; }
    if (fpWaits && FP_EXTS.includes(ext)) { this.writeMstatus(BigInt(MSTATUS_FS), MSTATUS_FS); return true; }
    if (vecWaits && VECTOR_EXTS.includes(ext)) { this.writeMstatus(BigInt(MSTATUS_VS), MSTATUS_VS); return true; }
    return false;
  }

  // ---------------------------------------------------------------- Environment (ecall, ebreak, fence.i)
  ecall(_h: Hart, _d: Decoded): void { throw new Trap([8, 9, 10, 11][this.priv], 0n); }
  ebreak(_h: Hart, d: Decoded): void { throw new Trap(CAUSE_BREAKPOINT, U64(BigInt(d.pc))); }
  flushCode(_h: Hart): void { this.engine?.flushAll(); }

  // ---------------------------------------------------------------- privileged instructions
  private illegal(d: Decoded): never { throw new IllegalInstruction(d.pc, d.raw, d.len); }

  mret(h: Hart, d: Decoded): void {
    if (this.priv < PRV_M) this.illegal(d);
    const st = this.mstatus, to = (st & MSTATUS_MPP) >>> 11;
    let next = (st & ~(MSTATUS_MIE | MSTATUS_MPP)) | MSTATUS_MPIE | ((st & MSTATUS_MPIE) !== 0 ? MSTATUS_MIE : 0);
    if (to !== PRV_M) next &= ~MSTATUS_MPRV;
    this.mstatus = next >>> 0;
    h.pc = asAddress(this.epcValue(this.mepc));
    this.setPriv(to, h.instret + d.index + 1);
    this.checkInterrupts(h.pc, h.instret + d.index + 1);
  }

  sret(h: Hart, d: Decoded): void {
    if (this.priv === PRV_U || (this.priv === PRV_S && (this.mstatus & MSTATUS_TSR) !== 0)) this.illegal(d);
    const st = this.mstatus, to = (st & MSTATUS_SPP) !== 0 ? PRV_S : PRV_U;
    const next = (st & ~(MSTATUS_SIE | MSTATUS_SPP | MSTATUS_MPRV)) | MSTATUS_SPIE | ((st & MSTATUS_SPIE) !== 0 ? MSTATUS_SIE : 0);
    this.mstatus = next >>> 0;
    h.pc = asAddress(this.epcValue(this.sepc));
    this.setPriv(to, h.instret + d.index + 1);
    this.checkInterrupts(h.pc, h.instret + d.index + 1);
  }

  /** No interrupts exist, so waiting ends at once: a no-op where it is allowed. */
  wfi(_h: Hart, d: Decoded): void {
    if (this.priv === PRV_U || (this.priv === PRV_S && (this.mstatus & MSTATUS_TW) !== 0)) this.illegal(d);
  }

  sfenceVma(_h: Hart, d: Decoded): void {
    if (this.priv === PRV_U || (this.priv === PRV_S && (this.mstatus & MSTATUS_TVM) !== 0)) this.illegal(d);
    this.updateContext(true);
  }

  /** mepc/sepc as read: bit 1 reads as 0 without C (IALIGN = 32). */
  epcValue(v: bigint): bigint { return this.isa.has('C') ? v : v & ~3n; }
}

// ------------------------------------------------------------------ the CSR table

function machineOf(h: Hart): Machine { return h.priv as Machine; }
const isMachine = (h: Hart): boolean => h.priv instanceof Machine;

/** A CSR of a bare-mode hart (present only there), with 64-bit access. */
function bare(name: string, read: (m: Machine, h: Hart, d: Decoded) => bigint, write?: (m: Machine, v: bigint) => void): CsrHandler {
  const handler: CsrHandler = {
    name, present: isMachine,
    read: (h, d) => Number(BigInt.asIntN(64, read(machineOf(h), h, d))),
    read64: (h, d) => read(machineOf(h), h, d),
  };
  if (write !== undefined) return { ...handler, write64: (h, v) => write(machineOf(h), v), write: (h, v) => write(machineOf(h), U64(BigInt(v))) };
  return handler;
}

const ignore = (): void => {};
/** sstatus, sie, sip, mstatus, mideleg, mie, mip: writing them can let a pending interrupt in. */
const INTERRUPT_CSRS = new Set([0x100, 0x104, 0x144, 0x300, 0x303, 0x304, 0x344]);
let installed = false;

/** Register the machine and supervisor CSRs (process-wide; each exists only on a bare-mode hart). */
function installCsrs(): void {
  if (installed) return;
  installed = true;
  const reg = (num: number, name: string, read: (m: Machine, h: Hart, d: Decoded) => bigint, write?: (m: Machine, v: bigint) => void): void =>
    registerCsr(num, bare(name, read, write === undefined || !INTERRUPT_CSRS.has(num) ? write : (m, v) => { write(m, v); m.interruptsChanged(); }));
  const zero = (): bigint => 0n;

  // Supervisor level.
  reg(0x100, 'sstatus', (m) => m.readSstatus(),
    (m, v) => m.writeMstatus(v, MSTATUS_SIE | MSTATUS_SPIE | MSTATUS_SPP | MSTATUS_FS | MSTATUS_VS | MSTATUS_SUM | MSTATUS_MXR));
  reg(0x104, 'sie', (m) => m.mie & m.mideleg, (m, v) => { m.mie = (m.mie & ~m.mideleg) | (v & m.mideleg); });
  reg(0x105, 'stvec', (m) => m.stvec, (m, v) => { m.stvec = v & ~2n; });
  reg(0x106, 'scounteren', (m) => m.scounteren, (m, v) => { m.scounteren = v & 0xffffffffn; });
  reg(0x10a, 'senvcfg', (m) => m.senvcfg, (m, v) => { m.senvcfg = v & 1n; });
  reg(0x140, 'sscratch', (m) => m.sscratch, (m, v) => { m.sscratch = v; });
  reg(0x141, 'sepc', (m) => m.epcValue(m.sepc), (m, v) => { m.sepc = v & ~1n; });
  reg(0x142, 'scause', (m) => m.scause, (m, v) => { m.scause = v; });
  reg(0x143, 'stval', (m) => m.stval, (m, v) => { m.stval = v; });
  reg(0x144, 'sip', (m) => m.mip & m.mideleg, (m, v) => { const w = m.mideleg & 2n; m.mip = (m.mip & ~w) | (v & w); });
  reg(0x180, 'satp', (m) => m.satp, (m, v) => m.writeSatp(v));

  // Machine level.
  reg(0x300, 'mstatus', (m) => m.readMstatus(), (m, v) => m.writeMstatus(v,
    MSTATUS_SIE | MSTATUS_MIE | MSTATUS_SPIE | MSTATUS_MPIE | MSTATUS_SPP | MSTATUS_MPP | MSTATUS_FS | MSTATUS_VS |
    MSTATUS_MPRV | MSTATUS_SUM | MSTATUS_MXR | MSTATUS_TVM | MSTATUS_TW | MSTATUS_TSR));
  reg(0x301, 'misa', (m) => m.misa, ignore); // WARL: the extensions are fixed by --isa
  reg(0x302, 'medeleg', (m) => m.medeleg, (m, v) => { m.medeleg = v & DELEGABLE_EXCEPTIONS; });
  reg(0x303, 'mideleg', (m) => m.mideleg, (m, v) => { m.mideleg = v & MIP_WRITABLE; });
  reg(0x304, 'mie', (m) => m.mie, (m, v) => { m.mie = v & MIE_WRITABLE; });
  reg(0x305, 'mtvec', (m) => m.mtvec, (m, v) => { m.mtvec = v & ~2n; });
  reg(0x306, 'mcounteren', (m) => m.mcounteren, (m, v) => { m.mcounteren = v & 0xffffffffn; });
  reg(0x30a, 'menvcfg', (m) => m.menvcfg, (m, v) => { m.menvcfg = v & 1n; });
  reg(0x320, 'mcountinhibit', (m) => m.mcountinhibit, (m, v) => { m.mcountinhibit = v & 0xfffffffdn; });
  for (let n = 3; n <= 31; n++) {
    reg(0x320 + n, `mhpmevent${n}`, zero, ignore);
    reg(0xb00 + n, `mhpmcounter${n}`, zero, ignore);
    reg(0xc00 + n, `hpmcounter${n}`, zero);
  }
  reg(0x340, 'mscratch', (m) => m.mscratch, (m, v) => { m.mscratch = v; });
  reg(0x341, 'mepc', (m) => m.epcValue(m.mepc), (m, v) => { m.mepc = v & ~1n; });
  reg(0x342, 'mcause', (m) => m.mcause, (m, v) => { m.mcause = v; });
  reg(0x343, 'mtval', (m) => m.mtval, (m, v) => { m.mtval = v; });
  reg(0x344, 'mip', (m) => m.mip, (m, v) => { m.mip = (m.mip & ~MIP_WRITABLE) | (v & MIP_WRITABLE); });
  // PMP: WARL storage only (no checks are made). RV64 has the even pmpcfg registers.
  for (let i = 0; i < 16; i += 2) {
    reg(0x3a0 + i, `pmpcfg${i}`, (m) => m.pmpcfg[i], (m, v) => {
      let out = 0n;
      for (let b = 0n; b < 64n; b += 8n) {
        const old = (m.pmpcfg[i] >> b) & 0xffn;
        let e = (v >> b) & 0x9fn; // bits 5-6 are reserved
        if ((e & 3n) === 2n) e &= ~2n; // W without R is reserved
        out |= ((old & 0x80n) !== 0n ? old : e) << b; // a locked entry keeps its value
      }
      m.pmpcfg[i] = out;
    });
  }
  for (let i = 0; i < 64; i++) {
    reg(0x3b0 + i, `pmpaddr${i}`, (m) => m.pmpaddr[i], (m, v) => {
      const cfg = (m.pmpcfg[(i >> 3) * 2] >> BigInt((i & 7) * 8)) & 0xffn;
      if ((cfg & 0x80n) === 0n) m.pmpaddr[i] = v & ((1n << 54n) - 1n);
    });
  }
  // Triggers: none. tselect stays 0, tdata1 reads type 0 ("no trigger"), tinfo says only type 0 exists.
  reg(0x7a0, 'tselect', zero, ignore);
  reg(0x7a1, 'tdata1', zero, ignore);
  reg(0x7a2, 'tdata2', zero, ignore);
  reg(0x7a3, 'tdata3', zero, ignore);
  reg(0x7a4, 'tinfo', () => 1n, ignore);
  reg(0xb00, 'mcycle', (m, h, d) => m.counter(h, d, m.cycleBias), (m, v) => { m.cycleBias = m.counterBiasFor(v); });
  reg(0xb02, 'minstret', (m, h, d) => m.counter(h, d, m.instretBias), (m, v) => { m.instretBias = m.counterBiasFor(v); });
  reg(0xf11, 'mvendorid', zero);
  reg(0xf12, 'marchid', zero);
  reg(0xf13, 'mimpid', zero);
  reg(0xf14, 'mhartid', zero);
  reg(0xf15, 'mconfigptr', zero);
}

