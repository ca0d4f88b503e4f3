// Random legal RVV instruction sequences.
//
// A sequence starts from a fresh state (registers and the data area filled by a seeded generator in the
// guest, a random vxrm/vxsat), then runs items: a vset*, then random instructions with their scalar set-up
// (li of operands and addresses, index tables loaded into vector registers). The generator tracks vtype and
// an upper bound of vl, and picks operands that are legal by the RVV 1.0 rules (register-group alignment,
// EMUL range, the overlap rules of section 5.2, v0 under masks, the per-instruction no-overlap rules) and
// memory accesses that stay inside the data area, so one program is valid at every VLEN up to maxVlen.
// When an instruction cannot be legal under the current vtype, a vset* to a vtype that allows it is
// inserted first.
//
// Floating-point mode (GenOptions.fp): mostly FP instructions (some integer ones and memory accesses mixed
// in), a random frm per sequence (changed mid-sequence now and then), operands loaded from tables of values
// chosen for their format (fpvalues.ts) and scalar f registers set to them, now and then improperly
// NaN-boxed. After each FP instruction its fflags are read and cleared, and shifted into x29 (FLAG_HISTORY),
// so every record holds the flags of each of the last 12 FP instructions, not only their OR.
import { AREA, AREA_SIZE, GUARD } from './layout.js';
import { CATALOG, FP_CATALOG, type Entry, type Kind } from './catalog.js';
import { addend, boxed, fmtOf, fpValue, intValue, mulTie, narrowable, partner, widen, type FFmt } from './fpvalues.js';
import { Rng, sequenceSeed } from './rng.js';

export interface VT { sew: number; l: number; ta: number; ma: number }

/** A vector register group operand (for reports): EEW in bits (1 for masks), number of registers. */
export interface Operand { role: string; reg: number; n: number; eew: number }

export interface Item {
  /** Assembly lines run before the instruction (operand set-up; not under test). */
  setup: string[];
  /** The instruction under test as written in the assembly ('' for scalar-only items). */
  insn: string;
  name: string;
  /** A vector instruction under test (counted in the totals). */
  counted: boolean;
  operands: Operand[];
  /** Lines after the instruction (not under test). */
  post?: string[];
  /** Read-only data the set-up refers to (index and operand tables). */
  data?: TableData[];
  /** A floating-point instruction under test (counted in the FP totals), and its SEW. */
  fp?: boolean;
  sew?: number;
}

export interface TableData { label: string; bytes: Uint8Array }

export interface Sequence {
  index: number;
  /** Seed of the guest's fill (nonzero 64-bit). */
  fill: bigint;
  vxrm: number;
  vxsat: number;
  /** Floating-point mode: the rounding mode the sequence starts with (fflags start clear). */
  frm?: number;
  items: Item[];
}

export interface GenOptions {
  /** The largest VLEN the program must be valid at (memory footprints scale with it). */
  maxVlen: number;
  /** Items per sequence (after the first vset). */
  minItems: number;
  maxItems: number;
  /** Probability that an instruction that allows it runs with vstart > 0. */
  vstartRate: number;
  /**
   * The comparison runs with agnostic elements set to ones: avoid what QEMU leaves undisturbed there
   * (DEVIATIONS.md, Q4).
   */
  onesPolicy?: boolean;
  /** Only instructions whose names pass (other than the vset* needed to reach a vtype). */
  filter?: (name: string) => boolean;
  /** Floating-point mode (see the file header); needs Zvfh on both sides for SEW 16. */
  fp?: boolean;
}

export const DEFAULT_GEN: GenOptions = { maxVlen: 1024, minItems: 1, maxItems: 12, vstartRate: 0.04 };

const LMUL_NAME: Record<number, string> = { [-3]: 'mf8', [-2]: 'mf4', [-1]: 'mf2', 0: 'm1', 1: 'm2', 2: 'm4', 3: 'm8' };
const log2 = (x: number): number => 31 - Math.clz32(x);
const nregs = (emulLog: number): number => (emulLog > 0 ? 1 << emulLog : 1);

/** Every vtype the generator uses (fractional LMUL only where SEW <= LMUL * ELEN). */
export const LEGAL_VTYPES: readonly { sew: number; l: number }[] = [8, 16, 32, 64].flatMap((sew) =>
  [-3, -2, -1, 0, 1, 2, 3].filter((l) => l >= 0 || sew <= 64 >> -l).map((l) => ({ sew, l })));

export const vtypeText = (vt: VT): string => `e${vt.sew}, ${LMUL_NAME[vt.l]}, ${vt.ta ? 'ta' : 'tu'}, ${vt.ma ? 'ma' : 'mu'}`;
export const vtypeValue = (vt: VT): number => (vt.ma << 7) | (vt.ta << 6) | (log2(vt.sew / 8) << 3) | (vt.l & 7);

/** Scalar registers for operands (x1-x4 stay zero / belong to the harness; x30, x31 are set-up temporaries). */
const XPOOL = Array.from({ length: 25 }, (_, i) => i + 5);
const X_TABLE = 30, X_VSTART = 31;
/** Floating-point mode: the fflags of the FP instructions, 5 bits each, the latest lowest (not an operand). */
export const FLAG_HISTORY = 29;
const XPOOL_FP = XPOOL.filter((x) => x !== FLAG_HISTORY);

interface G { reg: number; n: number; eew: number; emul: number }
const overlap = (a: G, b: G): boolean => a.reg < b.reg + b.n && b.reg < a.reg + a.n;

/** Section 5.2: may destination group d overlap source group s? */
function mayOverlap(d: G, s: G): boolean {
  if (!overlap(d, s) || d.eew === s.eew) return true;
  if (d.eew < s.eew) return d.reg === s.reg;
  return s.emul >= 0 && s.reg + s.n === d.reg + d.n;
}

/**
 * Section 5.2: no vector register may be read as sources of two different EEWs (a mask operand counts as
 * EEW 1; the destination of a multiply-add is also a source).
 */
function sourcesAgree(ops: readonly Operand[], vdIsSource: boolean): boolean {
  const src = ops.filter((o) => o.role.startsWith('vs') || o.role === 'v0' || (vdIsSource && o.role === 'vd'));
  for (let i = 0; i < src.length; i++) {
    for (let j = i + 1; j < src.length; j++) {
      const a = src[i], b = src[j];
      if (a.eew !== b.eew && a.reg < b.reg + b.n && b.reg < a.reg + a.n) return false;
    }
  }
  return true;
}

const VSTART_KINDS = new Set<Kind>(['arith', 'cmp', 'mac', 'wide', 'widew', 'wmac', 'narrow', 'adc', 'madc', 'merge', 'mvv', 'ext',
  'mlogic', 'vid', 'mvsx', 'mvxs', 'slideup', 'slidedown', 'slide1up', 'slide1down', 'gather', 'gatherei16', 'mvnr',
  'farith', 'fmac', 'fcmp', 'fwide', 'fwidew', 'fwmac', 'funary', 'fwcvt', 'fncvt', 'fmerge', 'fmvvf', 'fmvsf', 'fmvfs',
  'fslide1up', 'fslide1down']);

const FP_KINDS = new Set<Kind>(['farith', 'fmac', 'fcmp', 'fwide', 'fwidew', 'fwmac', 'funary', 'fwcvt', 'fncvt', 'fred', 'fwred',
  'fmerge', 'fmvvf', 'fmvsf', 'fmvfs', 'fslide1up', 'fslide1down']);
const WIDENING_FP = new Set<Kind>(['fwide', 'fwidew', 'fwmac', 'fwcvt', 'fncvt', 'fwred']);

/** Read and clear the flags of the FP instruction just run, and keep them in the history register. */
const FLAGS_POST = ['frflags x31', 'fsflags x0', `slli x${FLAG_HISTORY}, x${FLAG_HISTORY}, 5`, `or x${FLAG_HISTORY}, x${FLAG_HISTORY}, x31`];

/** A 64-bit value as li takes it (signed decimal). */
const imm64 = (v: bigint): string => BigInt.asIntN(64, v).toString();

class SeqGen {
  vt: VT | null = null;
  /** Upper bound of vl (at maxVlen). */
  vlBound = 0;
  items: Item[] = [];
  private labelN = 0;
  constructor(readonly r: Rng, readonly o: GenOptions, readonly seqIndex: number) {}

  vlmaxMax(sew: number, l: number): number { return Math.max(1, (this.o.maxVlen * 2 ** l) / sew); }

  xreg(except: number[] = []): number {
    const pool = this.o.fp ? XPOOL_FP : XPOOL;
    for (;;) { const x = this.r.pick(pool); if (!except.includes(x)) return x; }
  }

  /** A random aligned group start of n registers accepted by ok, preferring (sometimes) the given ones. */
  vreg(n: number, ok: (r: number) => boolean = () => true, prefer: number[] = []): number | null {
    const c: number[] = [];
    for (let r = 0; r + n <= 32; r += n) if (ok(r)) c.push(r);
    if (c.length === 0) return null;
    const p = c.filter((r) => prefer.includes(r));
    if (p.length && this.r.chance(0.3)) return this.r.pick(p);
    return this.r.pick(c);
  }

  label(): string { return `d_${this.seqIndex}_${this.labelN++}`; }

  // ------------------------------------------------------------ vset

  randomVt(): VT {
    // Floating-point mode: SEW 8 is rarely what an instruction needs.
    let b: { sew: number; l: number };
    if (this.o.fp && this.r.chance(0.85)) {
      const sew = this.r.pick([16, 32, 64]);
      b = this.r.pick(LEGAL_VTYPES.filter((t) => t.sew === sew));
    } else b = this.r.pick(LEGAL_VTYPES);
    return { sew: b.sew, l: b.l, ta: this.r.int(0, 1), ma: this.r.int(0, 1) };
  }

  avlValue(vt: VT): bigint {
    const m = this.vlmaxMax(vt.sew, vt.l);
    switch (this.r.int(0, 11)) {
      case 0: return 0n;
      case 1: return 1n;
      case 2: return BigInt(this.r.int(2, 8));
      case 3: return BigInt(m);
      case 4: return BigInt(m + 1);
      case 5: return BigInt(Math.max(1, m - 1));
      case 6: return this.r.pick([1n << 32n, (1n << 64n) - 1n, 1n << 63n, 0xffffffffn, BigInt(this.r.int(1, 1 << 20))]);
      default: return BigInt(this.r.int(1, 2 * m));
    }
  }

  setVt(vt: VT | null, bound: number): void { this.vt = vt; this.vlBound = vt === null ? 0 : bound; }

  vset(forceLegal = false): Item {
    const r = this.r, setup: string[] = [];
    const kind = r.int(0, 9);
    const rd = r.chance(0.2) ? 0 : this.xreg();
    const rdT = `x${rd}`;
    if (kind <= 5) {
      // vsetvli
      const mode = r.int(0, 9);
      if (mode === 0 && this.vt !== null) {
        // rd = rs1 = x0: new vtype, same vl; only with the same SEW/LMUL ratio (otherwise reserved).
        const ratio = log2(this.vt.sew) - this.vt.l;
        const c = LEGAL_VTYPES.filter((t) => log2(t.sew) - t.l === ratio);
        const b = r.pick(c);
        const vt = { sew: b.sew, l: b.l, ta: r.int(0, 1), ma: r.int(0, 1) };
        this.setVt(vt, this.vlBound);
        return { setup, insn: `vsetvli x0, x0, ${vtypeText(vt)}`, name: 'vsetvli', counted: true, operands: [] };
      }
      const vt = this.randomVt();
      if (mode === 1 && rd !== 0) {
        this.setVt(vt, this.vlmaxMax(vt.sew, vt.l));
        return { setup, insn: `vsetvli ${rdT}, x0, ${vtypeText(vt)}`, name: 'vsetvli', counted: true, operands: [] };
      }
      // rd = rs1 now and then: the AVL is read before vl is written.
      const rs = rd !== 0 && r.chance(0.1) ? rd : this.xreg([rd]), avl = this.avlValue(vt);
      setup.push(`li x${rs}, ${imm64(avl)}`);
      this.setVt(vt, Number(avl < BigInt(this.vlmaxMax(vt.sew, vt.l)) ? avl : BigInt(this.vlmaxMax(vt.sew, vt.l))));
      return { setup, insn: `vsetvli ${rdT}, x${rs}, ${vtypeText(vt)}`, name: 'vsetvli', counted: true, operands: [] };
    }
    if (kind <= 7) {
      const vt = this.randomVt(), avl = r.chance(0.3) ? r.int(0, 3) : r.int(0, 31);
      this.setVt(vt, Math.min(avl, this.vlmaxMax(vt.sew, vt.l)));
      return { setup, insn: `vsetivli ${rdT}, ${avl}, ${vtypeText(vt)}`, name: 'vsetivli', counted: true, operands: [] };
    }
    // vsetvl: the vtype from a register, now and then an unsupported one (vill, vl = 0).
    const rt = this.xreg([rd]);
    let value: bigint, vt: VT | null;
    if (!forceLegal && r.chance(0.08)) {
      vt = null;
      value = r.pick([
        BigInt((r.int(4, 7) << 3) | r.int(0, 3)),             // SEW > 64
        BigInt((r.int(0, 3) << 3) | 4),                       // LMUL code 4
        BigInt((3 << 3) | r.int(5, 7)),                       // SEW 64 with a fractional LMUL
        BigInt((2 << 3) | 5),                                 // SEW 32 with LMUL 1/8
        BigInt(vtypeValue(this.randomVt())) | (1n << BigInt(r.int(8, 62))), // a reserved bit
        BigInt(vtypeValue(this.randomVt())) | (1n << 63n),    // vill itself
      ]);
    } else {
      vt = this.randomVt();
      value = BigInt(vtypeValue(vt));
    }
    const useX0 = vt !== null && rd !== 0 && r.chance(0.15);
    let avlText = 'x0', bound = vt === null ? 0 : this.vlmaxMax(vt.sew, vt.l);
    if (!useX0 && vt !== null) {
      const rs = this.xreg([rd, rt]), avl = this.avlValue(vt);
      setup.push(`li x${rs}, ${imm64(avl)}`);
      avlText = `x${rs}`;
      bound = Number(avl < BigInt(bound) ? avl : BigInt(bound));
    } else if (vt === null) {
      const rs = this.xreg([rd, rt]);
      setup.push(`li x${rs}, ${r.int(0, 40)}`);
      avlText = `x${rs}`;
    }
    setup.push(`li x${rt}, ${imm64(value)}`);
    this.setVt(vt, bound);
    return { setup, insn: `vsetvl ${rdT}, ${avlText}, x${rt}`, name: 'vsetvl', counted: true, operands: [] };
  }

  // ------------------------------------------------------------ helpers for instruction generators

  mask(): boolean { return this.r.chance(0.35); }
  scalarValue(): bigint { return this.r.interesting64(); }

  /** The last operand of a .vv/.vx/.vi form: its text and set-up. */
  lastOperand(e: Entry, setup: string[], vs1: number, value?: bigint): string {
    if (e.form === 'vv') return `v${vs1}`;
    if (e.form === 'vx') {
      if (value === undefined && this.r.chance(0.04)) return 'x0';
      const x = this.xreg();
      setup.push(`li x${x}, ${imm64(value ?? this.scalarValue())}`);
      return `x${x}`;
    }
    return String(e.uimm ? this.r.int(0, 31) : this.r.int(-16, 15));
  }

  /** An index/offset value for slides and gathers: mostly around VLMAX, sometimes huge. */
  offsetValue(vt: VT): bigint {
    const m = this.vlmaxMax(vt.sew, vt.l);
    switch (this.r.int(0, 7)) {
      case 0: return 0n;
      case 1: return this.r.pick([(1n << 64n) - 1n, 1n << 63n, 1n << 32n, 0xffffffffn]);
      default: return BigInt(this.r.int(0, 2 * m + 2));
    }
  }

  /** A table loaded into group g before the instruction (gather indices, memory offsets, FP operands). */
  loadTable(setup: string[], g: G, entryBytes: number, values: (i: number) => bigint): TableData {
    const bytes = new Uint8Array(g.n * (this.o.maxVlen / 8));
    const dv = new DataView(bytes.buffer);
    for (let i = 0; i * entryBytes < bytes.length; i++) {
      const v = BigInt.asUintN(64, values(i));
      switch (entryBytes) {
        case 1: dv.setUint8(i, Number(v & 0xffn)); break;
        case 2: dv.setUint16(i * 2, Number(v & 0xffffn), true); break;
        case 4: dv.setUint32(i * 4, Number(v & 0xffffffffn), true); break;
        default: dv.setBigUint64(i * 8, v, true);
      }
    }
    const label = this.label();
    setup.push(`lla x${X_TABLE}, ${label}`, `vl${g.n}re8.v v${g.reg}, (x${X_TABLE})`);
    return { label, bytes };
  }

  // ------------------------------------------------------------ instruction generators

  gen(e: Entry): Item | null {
    const vt = this.vt;
    if (e.kind === 'vset') return this.vset();
    if (vt === null) {
      // Only whole-register loads and stores do not depend on vtype.
      return e.mem === 'whole' ? this.memory(e, { sew: 8, l: 0, ta: 0, ma: 0 }) : null;
    }
    if (FP_KINDS.has(e.kind)) return this.fpCompute(e, vt);
    switch (e.kind) {
      case 'load': case 'store': return this.memory(e, vt);
      default: return this.compute(e, vt);
    }
  }

  compute(e: Entry, vt: VT): Item | null {
    const r = this.r, setup: string[] = [], ops: Operand[] = [];
    const { sew, l } = vt, n = nregs(l), name = e.name;
    const sg = (reg: number): G => ({ reg, n, eew: sew, emul: l });
    const wg = (reg: number): G => ({ reg, n: nregs(l + 1), eew: 2 * sew, emul: l + 1 });
    const mk = (reg: number): G => ({ reg, n: 1, eew: 1, emul: 0 });
    const op = (role: string, g: G): void => { ops.push({ role, reg: g.reg, n: g.n, eew: g.eew }); };
    const any = (cnt: number): number => this.vreg(cnt)!;
    let masked = false, text: string;
    let data: TableData | undefined;
    const mt = (): string => (masked ? ', v0.t' : '');

    switch (e.kind) {
      case 'arith': case 'mac': {
        masked = this.mask();
        const vs2 = any(n), vs1 = any(n);
        const vd = this.vreg(n, (x) => !(masked && x === 0), [vs2, vs1])!;
        op('vd', sg(vd)); op('vs2', sg(vs2)); if (e.form === 'vv') op('vs1', sg(vs1));
        const last = this.lastOperand(e, setup, vs1);
        text = e.kind === 'mac' ? `${name} v${vd}, ${last}, v${vs2}${mt()}` : `${name} v${vd}, v${vs2}, ${last}${mt()}`;
        break;
      }
      case 'cmp': {
        masked = this.mask();
        const vs2 = any(n), vs1 = any(n);
        const srcs = e.form === 'vv' ? [sg(vs2), sg(vs1)] : [sg(vs2)];
        const vd = this.vreg(1, (x) => srcs.every((s) => mayOverlap(mk(x), s)), [vs2, vs1]);
        if (vd === null) return null;
        op('vd', mk(vd)); op('vs2', sg(vs2)); if (e.form === 'vv') op('vs1', sg(vs1));
        text = `${name} v${vd}, v${vs2}, ${this.lastOperand(e, setup, vs1)}${mt()}`;
        break;
      }
      case 'wide': case 'widew': case 'wmac': {
        if (sew > 32 || l > 2) return null;
        masked = this.mask();
        const vs2 = e.kind === 'widew' ? any(nregs(l + 1)) : any(n), vs1 = any(n);
        const narrow = [e.kind === 'widew' ? null : sg(vs2), e.form === 'vv' ? sg(vs1) : null].filter((g): g is G => g !== null);
        const vd = this.vreg(nregs(l + 1), (x) => !(masked && x === 0) && narrow.every((s) => mayOverlap(wg(x), s)), [vs2, vs1]);
        if (vd === null) return null;
        op('vd', wg(vd)); op('vs2', e.kind === 'widew' ? wg(vs2) : sg(vs2)); if (e.form === 'vv') op('vs1', sg(vs1));
        const last = this.lastOperand(e, setup, vs1);
        text = e.kind === 'wmac' ? `${name} v${vd}, ${last}, v${vs2}${mt()}` : `${name} v${vd}, v${vs2}, ${last}${mt()}`;
        break;
      }
      case 'narrow': {
        if (sew > 32 || l > 2) return null;
        masked = this.mask();
        const vs2 = any(nregs(l + 1)), vs1 = any(n);
        const vd = this.vreg(n, (x) => !(masked && x === 0) && mayOverlap(sg(x), wg(vs2)), [vs2, vs1]);
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', wg(vs2)); if (e.form === 'vv') op('vs1', sg(vs1));
        // Shift amounts: small ones are the interesting ones.
        const amount = r.chance(0.7) ? BigInt(r.int(0, 2 * sew + 2)) : undefined;
        text = `${name} v${vd}, v${vs2}, ${this.lastOperand(e, setup, vs1, amount)}${mt()}`;
        break;
      }
      case 'adc': case 'merge': {
        const vs2 = any(n), vs1 = any(n);
        const vd = this.vreg(n, (x) => x !== 0, [vs2, vs1])!;
        op('vd', sg(vd)); op('vs2', sg(vs2)); if (e.form === 'vv') op('vs1', sg(vs1)); op('v0', mk(0));
        text = `${name} v${vd}, v${vs2}, ${this.lastOperand(e, setup, vs1)}, v0`;
        break;
      }
      case 'madc': {
        const carry = name.endsWith('m');
        const vs2 = any(n), vs1 = any(n);
        const srcs = e.form === 'vv' ? [sg(vs2), sg(vs1)] : [sg(vs2)];
        const vd = this.vreg(1, (x) => srcs.every((s) => mayOverlap(mk(x), s)), [vs2, vs1, 0]);
        if (vd === null) return null;
        op('vd', mk(vd)); op('vs2', sg(vs2)); if (e.form === 'vv') op('vs1', sg(vs1)); if (carry) op('v0', mk(0));
        text = `${name} v${vd}, v${vs2}, ${this.lastOperand(e, setup, vs1)}${carry ? ', v0' : ''}`;
        break;
      }
      case 'mvv': {
        const vs1 = any(n), vd = this.vreg(n, () => true, [vs1])!;
        op('vd', sg(vd));
        if (name === 'vmv.v.v') { op('vs1', sg(vs1)); text = `${name} v${vd}, v${vs1}`; }
        else if (name === 'vmv.v.x') { const x = this.xreg(); setup.push(`li x${x}, ${imm64(this.scalarValue())}`); text = `${name} v${vd}, x${x}`; }
        else text = `${name} v${vd}, ${r.int(-16, 15)}`;
        break;
      }
      case 'ext': {
        const fl = log2(Number(name.slice(-1)));
        if (log2(sew) - fl < 3 || l - fl < -3) return null;
        masked = this.mask();
        const sgN: G = { reg: 0, n: nregs(l - fl), eew: sew >> fl, emul: l - fl };
        const vs2 = any(sgN.n);
        const vd = this.vreg(n, (x) => !(masked && x === 0) && mayOverlap(sg(x), { ...sgN, reg: vs2 }), [vs2]);
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', { ...sgN, reg: vs2 });
        text = `${name} v${vd}, v${vs2}${mt()}`;
        break;
      }
      case 'red': case 'wred': {
        if (e.kind === 'wred' && sew > 32) return null;
        masked = this.mask();
        const vs2 = any(n), vs1 = any(1), vd = this.vreg(1, () => true, [vs2, vs1, 0])!;
        const ew = e.kind === 'wred' ? 2 * sew : sew;
        op('vd', { reg: vd, n: 1, eew: ew, emul: 0 }); op('vs2', sg(vs2)); op('vs1', { reg: vs1, n: 1, eew: ew, emul: 0 });
        text = `${name} v${vd}, v${vs2}, v${vs1}${mt()}`;
        break;
      }
      case 'mlogic': {
        const vs2 = any(1), vs1 = any(1), vd = this.vreg(1, () => true, [vs2, vs1])!;
        op('vd', mk(vd)); op('vs2', mk(vs2)); op('vs1', mk(vs1));
        text = `${name} v${vd}, v${vs2}, v${vs1}`;
        break;
      }
      case 'mscalar': {
        masked = this.mask();
        const vs2 = this.vreg(1, () => true, [0])!, rd = r.chance(0.1) ? 0 : this.xreg();
        op('vs2', mk(vs2));
        text = `${name} x${rd}, v${vs2}${mt()}`;
        break;
      }
      case 'mset': {
        masked = this.mask();
        const vs2 = any(1), vd = this.vreg(1, (x) => x !== vs2 && !(masked && x === 0))!;
        op('vd', mk(vd)); op('vs2', mk(vs2));
        text = `${name} v${vd}, v${vs2}${mt()}`;
        break;
      }
      case 'iota': {
        masked = this.mask();
        const vs2 = any(1), vd = this.vreg(n, (x) => !overlap(sg(x), mk(vs2)) && !(masked && x === 0));
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', mk(vs2));
        text = `${name} v${vd}, v${vs2}${mt()}`;
        break;
      }
      case 'vid': {
        masked = this.mask();
        const vd = this.vreg(n, (x) => !(masked && x === 0))!;
        op('vd', sg(vd));
        text = `${name} v${vd}${mt()}`;
        break;
      }
      case 'mvxs': {
        const vs2 = any(1), rd = r.chance(0.1) ? 0 : this.xreg();
        op('vs2', { reg: vs2, n: 1, eew: sew, emul: 0 });
        text = `${name} x${rd}, v${vs2}`;
        break;
      }
      case 'mvsx': {
        if (this.o.onesPolicy && vt.ta) return null;
        const vd = any(1), x = this.xreg();
        setup.push(`li x${x}, ${imm64(this.scalarValue())}`);
        op('vd', { reg: vd, n: 1, eew: sew, emul: 0 });
        text = `${name} v${vd}, x${x}`;
        break;
      }
      case 'slideup': case 'slidedown': case 'slide1up': case 'slide1down': {
        masked = this.mask();
        const up = e.kind === 'slideup' || e.kind === 'slide1up';
        const vs2 = any(n);
        const vd = this.vreg(n, (x) => !(masked && x === 0) && !(up && overlap(sg(x), sg(vs2))), [vs2]);
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', sg(vs2));
        const amount = e.kind === 'slideup' || e.kind === 'slidedown' ? this.offsetValue(vt) : undefined;
        text = `${name} v${vd}, v${vs2}, ${this.lastOperand(e, setup, 0, amount)}${mt()}`;
        break;
      }
      case 'gather': case 'gatherei16': {
        masked = this.mask();
        let ig: G = sg(0);
        if (e.kind === 'gatherei16') {
          const il = l + 4 - log2(sew);
          if (il < -3 || il > 3) return null;
          ig = { reg: 0, n: nregs(il), eew: 16, emul: il };
        }
        const vs2 = any(n);
        const vs1 = e.form === 'vv' ? this.vreg(ig.n)! : 0;
        const idx: G = { ...ig, reg: vs1 };
        const vd = this.vreg(n, (x) => !(masked && x === 0) && !overlap(sg(x), sg(vs2)) && !(e.form === 'vv' && overlap(sg(x), idx)));
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', sg(vs2)); if (e.form === 'vv') op('vs1', idx);
        if (e.form === 'vv' && r.chance(0.75)) {
          // Mostly in-range indices (random register contents would be mostly out of range at SEW >= 16).
          const m = this.vlmaxMax(sew, l);
          data = this.loadTable(setup, idx, idx.eew / 8, () => (r.chance(0.9) ? BigInt(r.int(0, m)) : this.scalarValue()));
        }
        const amount = e.form === 'vx' ? this.offsetValue(vt) : undefined;
        text = `${name} v${vd}, v${vs2}, ${this.lastOperand(e, setup, vs1, amount)}${mt()}`;
        break;
      }
      case 'compress': {
        const vs2 = any(n), vs1 = any(1);
        const vd = this.vreg(n, (x) => !overlap(sg(x), sg(vs2)) && !overlap(sg(x), mk(vs1)));
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', sg(vs2)); op('vs1', mk(vs1));
        text = `${name} v${vd}, v${vs2}, v${vs1}`;
        break;
      }
      case 'mvnr': {
        const nr = Number(name[3]);
        const vs2 = any(nr), vd = this.vreg(nr, () => true, [vs2])!;
        op('vd', { reg: vd, n: nr, eew: sew, emul: log2(nr) }); op('vs2', { reg: vs2, n: nr, eew: sew, emul: log2(nr) });
        text = `${name} v${vd}, v${vs2}`;
        break;
      }
      default: throw new Error(`rvv-fuzz: unexpected kind ${e.kind}`);
    }
    if (masked && !ops.some((o) => o.role === 'v0')) ops.push({ role: 'v0', reg: 0, n: 1, eew: 1 });
    if (!sourcesAgree(ops, e.kind === 'mac' || e.kind === 'wmac')) return null;
    const item: Item = { setup, insn: text, name, counted: true, operands: ops };
    if (data !== undefined) item.data = [data];
    return this.withVstart(item, e.kind);
  }

  // ------------------------------------------------------------ floating point

  /** Elements of width eew in group g at maxVlen. */
  elems(g: G): number { return (g.n * this.o.maxVlen) / g.eew; }

  /** Mostly load the values into group g (otherwise the operand is whatever the register holds). */
  fpTable(setup: string[], data: TableData[], g: G, values: readonly bigint[]): void {
    if (this.r.chance(0.12)) return;
    data.push(this.loadTable(setup, g, g.eew / 8, (i) => values[i]));
  }

  /** An f register holding `bits` as an operand of SEW w (NaN-boxed, now and then not); its name. */
  fScalar(setup: string[], w: number, bits: bigint): string {
    const f = this.r.int(0, 31);
    if (this.r.chance(0.04)) return `f${f}`; // whatever it holds
    setup.push(`li x${X_TABLE}, ${imm64(boxed(this.r, w, bits))}`, `fmv.d.x f${f}, x${X_TABLE}`);
    return `f${f}`;
  }

  /** A random mask in v0 now and then (otherwise what the fill or earlier instructions left). */
  maskTable(setup: string[], data: TableData[]): void {
    if (!this.r.chance(0.3)) return;
    const r = this.r, pat = r.int(0, 4);
    data.push(this.loadTable(setup, { reg: 0, n: 1, eew: 8, emul: 0 }, 1, () =>
      BigInt(pat === 0 ? 0xff : pat === 1 ? 0 : pat === 2 ? 0x55 : pat === 3 ? r.int(0, 255) & r.int(0, 255) : r.int(0, 255))));
  }

  fpCompute(e: Entry, vt: VT): Item | null {
    const r = this.r, setup: string[] = [], ops: Operand[] = [], data: TableData[] = [];
    const { sew, l } = vt, n = nregs(l), name = e.name, k = e.kind;
    if (!e.sews!.includes(sew)) return null;
    if (WIDENING_FP.has(k) && l > 2) return null;
    const sg = (reg: number): G => ({ reg, n, eew: sew, emul: l });
    const wg = (reg: number): G => ({ reg, n: nregs(l + 1), eew: 2 * sew, emul: l + 1 });
    const one = (reg: number, eew: number): G => ({ reg, n: 1, eew, emul: 0 });
    const mk = (reg: number): G => ({ reg, n: 1, eew: 1, emul: 0 });
    const op = (role: string, g: G): void => { ops.push({ role, reg: g.reg, n: g.n, eew: g.eew }); };
    const any = (cnt: number): number => this.vreg(cnt)!;
    const N: FFmt | undefined = sew >= 16 ? fmtOf(sew) : undefined, W: FFmt | undefined = sew <= 32 ? fmtOf(2 * sew) : undefined;
    const opClass = /^vf(r?sub|add)/.test(name) ? 'add' : /^vf(mul|r?div)/.test(name) ? 'mul' : 'cmp';
    let masked = false, text: string;
    const mt = (): string => (masked ? ', v0.t' : '');
    /** Pairs (a[i], b) for .vf (b the scalar) or (a[i], b[i]) for .vv, in format f. */
    const pairs = (f: FFmt, cnt: number, vf: boolean, o: 'add' | 'mul' | 'cmp'): { a: bigint[]; b: bigint[]; sc: bigint } => {
      const a: bigint[] = [], b: bigint[] = [];
      const sc = fpValue(r, f);
      for (let i = 0; i < cnt; i++) {
        if (vf) { a.push(partner(r, f, sc, o)); continue; }
        if (o === 'mul' && r.chance(0.1)) { const [x, y] = mulTie(r, f); a.push(x); b.push(y); continue; }
        const x = fpValue(r, f);
        a.push(x); b.push(partner(r, f, x, o));
      }
      return { a, b, sc };
    };

    switch (k) {
      case 'farith': case 'fcmp': {
        masked = this.mask();
        const vs2 = any(n), vs1 = any(n), vf = e.form === 'vf';
        let vd: number | null;
        if (k === 'fcmp') {
          const srcs = vf ? [sg(vs2)] : [sg(vs2), sg(vs1)];
          vd = this.vreg(1, (x) => srcs.every((g) => mayOverlap(mk(x), g)), [vs2, vs1]);
          if (vd === null) return null;
          op('vd', mk(vd));
        } else {
          vd = this.vreg(n, (x) => !(masked && x === 0), [vs2, vs1])!;
          op('vd', sg(vd));
        }
        op('vs2', sg(vs2)); if (!vf) op('vs1', sg(vs1));
        const v = pairs(N!, this.elems(sg(0)), vf, opClass);
        this.fpTable(setup, data, sg(vs2), v.a);
        const last = vf ? this.fScalar(setup, sew, v.sc) : `v${vs1}`;
        if (!vf) this.fpTable(setup, data, sg(vs1), v.b);
        text = `${name} v${vd}, v${vs2}, ${last}${mt()}`;
        break;
      }
      case 'fmac': case 'fwmac': {
        masked = this.mask();
        const wide = k === 'fwmac', vf = e.form === 'vf';
        const vs2 = any(n), vs1 = any(n);
        const dg = wide ? wg : sg;
        const vd = this.vreg(dg(0).n, (x) => !(masked && x === 0) && (!wide || [sg(vs2), ...(vf ? [] : [sg(vs1)])].every((g) => mayOverlap(wg(x), g))), [vs2, vs1]);
        if (vd === null) return null;
        op('vd', dg(vd)); op('vs2', sg(vs2)); if (!vf) op('vs1', sg(vs1));
        // Product (vs1|fs1) * (vs2, or vd for vfmadd/vfmsub/...), plus the addend (vd, or vs2).
        const vdMul = /^vfn?m(add|sub)/.test(name);
        const cnt = this.elems(sg(0)), v = pairs(N!, cnt, vf, 'mul');
        const F = wide ? W! : N!;
        const c = v.a.map((x, i) => (wide ? addend(r, F, widen(N!, F, x), widen(N!, F, vf ? v.sc : v.b[i])) : addend(r, F, x, vf ? v.sc : v.b[i])));
        const last = vf ? this.fScalar(setup, sew, v.sc) : `v${vs1}`;
        if (!vf) this.fpTable(setup, data, sg(vs1), v.b);
        if (vdMul) { this.fpTable(setup, data, sg(vs2), c); this.fpTable(setup, data, sg(vd), v.a); }
        else { this.fpTable(setup, data, sg(vs2), v.a); this.fpTable(setup, data, dg(vd), c); }
        text = `${name} v${vd}, ${last}, v${vs2}${mt()}`;
        break;
      }
      case 'fwide': case 'fwidew': {
        masked = this.mask();
        const vf = e.form === 'vf', ww = k === 'fwidew';
        const vs2 = ww ? any(nregs(l + 1)) : any(n), vs1 = any(n);
        const narrow = [ww ? null : sg(vs2), vf ? null : sg(vs1)].filter((g): g is G => g !== null);
        const vd = this.vreg(nregs(l + 1), (x) => !(masked && x === 0) && narrow.every((g) => mayOverlap(wg(x), g)), [vs2, vs1]);
        if (vd === null) return null;
        op('vd', wg(vd)); op('vs2', ww ? wg(vs2) : sg(vs2)); if (!vf) op('vs1', sg(vs1));
        const cnt = this.elems(sg(0)), v = pairs(N!, cnt, vf, opClass);
        const a = ww ? v.a.map((x) => (r.chance(0.6) ? widen(N!, W!, x) : narrowable(r, W!, N!, false))) : v.a;
        this.fpTable(setup, data, ww ? wg(vs2) : sg(vs2), a);
        const last = vf ? this.fScalar(setup, sew, v.sc) : `v${vs1}`;
        if (!vf) this.fpTable(setup, data, sg(vs1), v.b);
        text = `${name} v${vd}, v${vs2}, ${last}${mt()}`;
        break;
      }
      case 'funary': {
        masked = this.mask();
        const vs2 = any(n), vd = this.vreg(n, (x) => !(masked && x === 0), [vs2])!;
        op('vd', sg(vd)); op('vs2', sg(vs2));
        const cnt = this.elems(sg(0));
        const vals = e.src !== 'float' ? Array.from({ length: cnt }, () => intValue(r, sew, e.src === 'int', N!.m + 1))
          : Array.from({ length: cnt }, () => fpValue(r, N!, e.intResult && name !== 'vfclass.v' ? 'toint' : name === 'vfsqrt.v' ? 'sqrt' : 'arith'));
        this.fpTable(setup, data, sg(vs2), vals);
        text = `${name} v${vd}, v${vs2}${mt()}`;
        break;
      }
      case 'fwcvt': {
        masked = this.mask();
        const vs2 = any(n), vd = this.vreg(nregs(l + 1), (x) => !(masked && x === 0) && mayOverlap(wg(x), sg(vs2)), [vs2]);
        if (vd === null) return null;
        op('vd', wg(vd)); op('vs2', sg(vs2));
        const cnt = this.elems(sg(0));
        const vals = e.src !== 'float' ? Array.from({ length: cnt }, () => intValue(r, sew, e.src === 'int', W!.m + 1))
          : Array.from({ length: cnt }, () => fpValue(r, N!, e.intResult ? 'toint' : 'arith'));
        this.fpTable(setup, data, sg(vs2), vals);
        text = `${name} v${vd}, v${vs2}${mt()}`;
        break;
      }
      case 'fncvt': {
        masked = this.mask();
        const vs2 = any(nregs(l + 1)), vd = this.vreg(n, (x) => !(masked && x === 0) && mayOverlap(sg(x), wg(vs2)), [vs2]);
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', wg(vs2));
        const cnt = this.elems(wg(0));
        // The narrow side's precision: binary16 for SEW 8 integer results (only their range matters).
        const vals = e.src !== 'float' ? Array.from({ length: cnt }, () => intValue(r, 2 * sew, e.src === 'int', N!.m + 1))
          : Array.from({ length: cnt }, () => narrowable(r, W!, N ?? fmtOf(16), e.intResult === true));
        this.fpTable(setup, data, wg(vs2), vals);
        text = `${name} v${vd}, v${vs2}${mt()}`;
        break;
      }
      case 'fred': case 'fwred': {
        masked = this.mask();
        const wide = k === 'fwred', ew = wide ? 2 * sew : sew;
        const vs2 = any(n), vs1 = any(1), vd = this.vreg(1, () => true, [vs2, vs1, 0])!;
        op('vd', one(vd, ew)); op('vs2', sg(vs2)); op('vs1', one(vs1, ew));
        const cnt = this.elems(sg(0)), a: bigint[] = [];
        // Cancellation: some elements are the negation of an earlier one.
        for (let i = 0; i < cnt; i++) a.push(i > 0 && r.chance(0.2) ? a[r.int(0, i - 1)] ^ (1n << BigInt(sew - 1)) : fpValue(r, N!));
        this.fpTable(setup, data, sg(vs2), a);
        const F = wide ? W! : N!;
        this.fpTable(setup, data, one(vs1, ew), Array.from({ length: this.elems(one(0, ew)) }, () => fpValue(r, F)));
        text = `${name} v${vd}, v${vs2}, v${vs1}${mt()}`;
        break;
      }
      case 'fmerge': case 'fmvvf': {
        const merge = k === 'fmerge';
        const vs2 = any(n), vd = this.vreg(n, (x) => !merge || x !== 0, [vs2])!;
        op('vd', sg(vd));
        if (merge) {
          op('vs2', sg(vs2)); op('v0', mk(0));
          this.fpTable(setup, data, sg(vs2), Array.from({ length: this.elems(sg(0)) }, () => fpValue(r, N!)));
        }
        const fs = this.fScalar(setup, sew, fpValue(r, N!));
        if (merge) this.maskTable(setup, data);
        text = merge ? `${name} v${vd}, v${vs2}, ${fs}, v0` : `${name} v${vd}, ${fs}`;
        break;
      }
      case 'fmvsf': {
        // Like vmv.s.x: QEMU leaves the tail undisturbed under vta with all-ones agnostic (DEVIATIONS.md, Q4).
        if (this.o.onesPolicy && vt.ta) return null;
        const vd = any(1);
        op('vd', one(vd, sew));
        text = `${name} v${vd}, ${this.fScalar(setup, sew, fpValue(r, N!))}`;
        break;
      }
      case 'fmvfs': {
        const vs2 = any(1);
        op('vs2', one(vs2, sew));
        this.fpTable(setup, data, one(vs2, sew), Array.from({ length: this.elems(one(0, sew)) }, () => fpValue(r, N!)));
        text = `${name} f${r.int(0, 31)}, v${vs2}`;
        break;
      }
      case 'fslide1up': case 'fslide1down': {
        masked = this.mask();
        const up = k === 'fslide1up';
        const vs2 = any(n), vd = this.vreg(n, (x) => !(masked && x === 0) && !(up && overlap(sg(x), sg(vs2))), [vs2]);
        if (vd === null) return null;
        op('vd', sg(vd)); op('vs2', sg(vs2));
        this.fpTable(setup, data, sg(vs2), Array.from({ length: this.elems(sg(0)) }, () => fpValue(r, N!)));
        text = `${name} v${vd}, v${vs2}, ${this.fScalar(setup, sew, fpValue(r, N!))}${mt()}`;
        break;
      }
      default: throw new Error(`rvv-fuzz: unexpected kind ${k}`);
    }
    if (masked) { ops.push({ role: 'v0', reg: 0, n: 1, eew: 1 }); this.maskTable(setup, data); }
    if (!sourcesAgree(ops, k === 'fmac' || k === 'fwmac')) return null;
    // Flags already set now and then: an instruction accrues its flags, it never clears any.
    if (r.chance(0.2)) setup.unshift(`csrwi fflags, ${r.int(1, 31)}`);
    const item: Item = { setup, insn: text, name, counted: true, fp: true, sew, operands: ops, post: FLAGS_POST };
    if (data.length) item.data = data;
    return k === 'fred' || k === 'fwred' ? item : this.withVstart(item, k);
  }

  /** Now and then run the item with vstart > 0 (below `limit` if given). */
  withVstart(item: Item, kind: Kind, limit?: number): Item {
    if (!VSTART_KINDS.has(kind) || !this.r.chance(this.o.vstartRate)) return item;
    let k = this.r.int(1, Math.max(1, Math.min(this.vlBound + 2, 48)));
    // QEMU aborts on a whole-register access with vstart >= its element count (DEVIATIONS.md, Q3).
    if (limit !== undefined) k = this.r.int(1, limit - 1);
    item.setup.push(`li x${X_VSTART}, ${k}`, `csrw vstart, x${X_VSTART}`);
    return item;
  }

  /** A base address for an access of `span` bytes aligned to `align`, inside the data area. */
  base(span: number, align: number): number | null {
    const hi = AREA_SIZE - span;
    if (hi < 0) return null;
    return AREA + Math.floor(this.r.int(0, hi) / align) * align;
  }

  memory(e: Entry, vt: VT): Item | null {
    const r = this.r, setup: string[] = [], ops: Operand[] = [];
    const store = e.kind === 'store', { sew, l } = vt;
    const eew = e.eew!, nf = e.nf!, eB = eew / 8;
    const bound = Math.max(this.vlBound, 1);
    const xb = this.xreg();
    // Now and then misaligned elements (both QEMU and rvemu allow them in user mode).
    const al = r.chance(0.08) ? 1 : eB;
    let masked = false, text: string, data: TableData | undefined;
    const mt = (): string => (masked ? ', v0.t' : '');
    const rv = store ? 'vs3' : 'vd';

    switch (e.mem) {
      case 'whole': {
        const vd = this.vreg(nf)!;
        const b = this.base(nf * (this.o.maxVlen / 8), al);
        if (b === null) return null;
        setup.push(`li x${xb}, ${b}`);
        ops.push({ role: rv, reg: vd, n: nf, eew });
        text = `${e.name} v${vd}, (x${xb})`;
        break;
      }
      case 'mask': {
        const vd = this.vreg(1)!;
        const b = this.base(Math.ceil(bound / 8), 1);
        if (b === null) return null;
        setup.push(`li x${xb}, ${b}`);
        ops.push({ role: rv, reg: vd, n: 1, eew: 1 });
        text = `${e.name} v${vd}, (x${xb})`;
        break;
      }
      case 'unit': case 'ff': case 'strided': {
        const el = l + log2(eew) - log2(sew);
        if (el < -3 || el > 3) return null;
        const n = nregs(el);
        if (nf * n > 8) return null;
        masked = this.mask();
        const vd = this.vreg(n, (x) => x + nf * n <= 32 && !(masked && !store && x === 0));
        if (vd === null) return null;
        const seg = nf * eB;
        for (let f = 0; f < nf; f++) ops.push({ role: nf > 1 ? `${rv}[${f}]` : rv, reg: vd + f * n, n, eew });
        if (e.mem === 'strided') {
          const xs = this.xreg([xb]);
          let stride: number, b: number | null;
          if (bound <= 1 && r.chance(0.5)) {
            // At most element 0 is accessed: any stride.
            stride = Number(BigInt.asIntN(32, this.scalarValue()));
            b = this.base(seg, al);
          } else {
            const maxS = Math.floor((AREA_SIZE - seg) / Math.max(bound - 1, 1));
            const minS = store ? seg : 0;
            if (maxS < minS) return null;
            stride = r.int(minS, Math.min(maxS, 4 * seg + 64));
            if (r.chance(0.9) && al > 1) stride = Math.floor(stride / eB) * eB;
            if (stride < minS) stride += eB;
            if (stride > maxS) return null;
            if (r.chance(0.4)) stride = -stride;
            const reach = (bound - 1) * Math.abs(stride);
            b = this.base(reach + seg, al);
            if (b !== null && stride < 0) b += reach;
          }
          if (b === null) return null;
          setup.push(`li x${xb}, ${b}`);
          let sText = `x${xs}`;
          if (stride === 0 && !store && r.chance(0.5)) sText = 'x0';
          else setup.push(`li x${xs}, ${stride}`);
          text = `${e.name} v${vd}, (x${xb}), ${sText}${mt()}`;
        } else {
          let b: number | null;
          if (e.mem === 'ff' && r.chance(0.6)) {
            // Run into the guard page: element k is the first that does not fit (element 0 always fits).
            const k = r.int(1, Math.max(1, Math.min(bound, 40)));
            const delta = al === 1 ? r.int(0, (k - 1) * seg) : r.int(0, Math.max(0, (k - 1) * nf)) * eB;
            b = GUARD - k * seg + Math.min(delta, (k - 1) * seg);
            if (b < AREA) return null;
          } else b = this.base(bound * seg, al);
          if (b === null) return null;
          setup.push(`li x${xb}, ${b}`);
          text = `${e.name} v${vd}, (x${xb})${mt()}`;
        }
        break;
      }
      case 'ux': case 'ox': {
        const il = l + log2(eew) - log2(sew);
        if (il < -3 || il > 3) return null;
        const n = nregs(l), ni = nregs(il), dB = sew / 8, seg = nf * dB;
        if (nf * n > 8) return null;
        masked = this.mask();
        const idx = this.vreg(ni)!;
        const ig: G = { reg: idx, n: ni, eew, emul: il };
        const vd = this.vreg(n, (x) => {
          if (x + nf * n > 32) return false;
          if (store) return true;
          if (masked && x === 0) return false;
          if (nf > 1) return !overlap({ reg: x, n: nf * n, eew: sew, emul: l }, ig);
          return mayOverlap({ reg: x, n, eew: sew, emul: l }, ig);
        }, [idx]);
        if (vd === null) return null;
        for (let f = 0; f < nf; f++) ops.push({ role: nf > 1 ? `${rv}[${f}]` : rv, reg: vd + f * n, n, eew: sew });
        ops.push({ role: 'vs2 (index)', reg: idx, n: ni, eew });
        // Offsets: multiples of the element size inside the area; 8-bit indices reach 255 bytes.
        const maxIdx = eew === 64 ? Infinity : 2 ** eew - 1;
        const neg = eew === 64 && r.chance(0.5);
        let b: number, lo: number, hi: number;
        if (neg) { b = AREA + AREA_SIZE / 2; lo = -AREA_SIZE / 2; hi = AREA_SIZE / 2 - seg; }
        else {
          const reachMax = Math.min(maxIdx, AREA_SIZE - seg);
          b = this.base(reachMax + seg, al === 1 ? 1 : dB)!;
          lo = 0; hi = Math.min(maxIdx, GUARD - seg - b);
        }
        const entries = ni * (this.o.maxVlen / 8) / (eew / 8);
        let offs: number[];
        if (store && e.mem === 'ux') {
          // Unordered stores: no two elements may touch the same bytes (the order is unspecified).
          const slots = Math.floor((hi - lo) / seg) + 1;
          const need = Math.min(entries, bound);
          if (slots < need) return null;
          const all = Array.from({ length: slots }, (_, i) => i);
          for (let i = all.length - 1; i > 0; i--) { const j = r.int(0, i); [all[i], all[j]] = [all[j], all[i]]; }
          offs = Array.from({ length: entries }, (_, i) => lo + all[i % slots] * seg);
        } else if (store) {
          // Ordered stores: whole segments, possibly the same one again (the last one wins).
          const slots = Math.floor((hi - lo) / seg) + 1;
          offs = Array.from({ length: entries }, () => lo + r.int(0, slots - 1) * seg);
        } else {
          const g = al === 1 ? 1 : dB;
          offs = Array.from({ length: entries }, () => lo + Math.floor(r.int(0, hi - lo) / g) * g);
        }
        data = this.loadTable(setup, ig, eew / 8, (i) => BigInt(offs[i]));
        setup.push(`li x${xb}, ${b}`);
        text = `${e.name} v${vd}, (x${xb}), v${idx}${mt()}`;
        break;
      }
      default: throw new Error(`rvv-fuzz: unexpected memory kind ${e.mem}`);
    }
    if (masked) ops.push({ role: 'v0', reg: 0, n: 1, eew: 1 });
    if (!sourcesAgree(ops, false)) return null;
    const item: Item = { setup, insn: text, name: e.name, counted: true, operands: ops };
    if (data !== undefined) item.data = [data];
    // QEMU keeps translating with the vl it had at the start of a block: end the block after a possible
    // trim (DEVIATIONS.md, Q2).
    if (e.mem === 'ff') item.post = ['j 1f', '1:'];
    else if (this.vt !== null) return this.withVstart(item, 'arith', e.mem === 'whole' ? (nf * 16) / eB : undefined);
    return item;
  }

  csrItem(): Item {
    const r = this.r;
    if (this.o.fp && r.chance(0.6)) return { setup: [], insn: `csrwi frm, ${r.int(0, 4)}`, name: 'csrwi', counted: false, operands: [] };
    switch (r.int(0, 2)) {
      case 0: return { setup: [], insn: `csrwi vxrm, ${r.int(0, 3)}`, name: 'csrwi', counted: false, operands: [] };
      case 1: return { setup: [], insn: `csrwi vxsat, ${r.int(0, 1)}`, name: 'csrwi', counted: false, operands: [] };
      default: return { setup: [`li x${X_VSTART}, ${r.int(0, 7)}`], insn: `csrw vcsr, x${X_VSTART}`, name: 'csrw', counted: false, operands: [] };
    }
  }
}

const MEM = CATALOG.filter((e) => e.kind === 'load' || e.kind === 'store');
const OTHER = CATALOG.filter((e) => e.kind !== 'load' && e.kind !== 'store' && e.kind !== 'vset');
const VSETS = CATALOG.filter((e) => e.kind === 'vset');

/** Generate sequence `index` of the program with this seed. */
export function genSequence(seed: number, index: number, o: GenOptions = DEFAULT_GEN): Sequence {
  const r = new Rng(sequenceSeed(seed, index));
  const g = new SeqGen(r, o, index);
  const fill = BigInt.asUintN(64, r.u64() | 1n);
  const vxrm = r.int(0, 3), vxsat = r.int(0, 1);
  const mem = o.filter ? MEM.filter((e) => o.filter!(e.name)) : MEM;
  const other = o.filter ? OTHER.filter((e) => o.filter!(e.name)) : OTHER;
  const vsets = o.filter ? VSETS.filter((e) => o.filter!(e.name)) : VSETS;
  let frm: number | undefined, fp: Entry[] = [];
  if (o.fp) {
    frm = r.int(0, 4);
    fp = o.filter ? FP_CATALOG.filter((e) => o.filter!(e.name)) : [...FP_CATALOG];
  }
  g.items.push(g.vset(true));
  const count = r.int(o.minItems, o.maxItems);
  for (let k = 0; k < count; k++) {
    const p = r.u32() / 4294967296;
    if (p < 0.03) { g.items.push(g.csrItem()); continue; }
    let e: Entry;
    if (o.fp) {
      // Mostly FP instructions; some integer ones and memory accesses (with the filter: only if they pass).
      if (p < 0.08 && (vsets.length || !o.filter)) e = r.pick(VSETS);
      else if (p < 0.12 && mem.length) e = r.pick(mem);
      else if (p < 0.18 && other.length) e = r.pick(other);
      else if (fp.length) {
        e = r.pick(fp);
        // Mostly stay at the current SEW (otherwise SEW 64, where the widening forms are not defined, is left
        // more often than the others).
        const vt = g.vt;
        if (vt !== null && !e.sews!.includes(vt.sew) && r.chance(0.7)) {
          const here = fp.filter((x) => x.sews!.includes(vt.sew));
          if (here.length) e = r.pick(here);
        }
      } else continue;
    } else if (p < 0.09 && (vsets.length || !o.filter)) e = r.pick(VSETS);
    else if ((p < 0.38 && mem.length) || !other.length) e = r.pick(mem);
    else e = r.pick(other);
    if (e.kind === 'vset') { g.items.push(g.vset()); continue; }
    let it = g.gen(e);
    for (let tries = 0; it === null && tries < 3; tries++) it = g.gen(e);
    for (let tries = 0; it === null && tries < 12; tries++) {
      // Not legal here: try a vtype (and vl) that allows it.
      const saveVt = g.vt, saveBound = g.vlBound, saveLen = g.items.length;
      g.items.push(g.vset(true));
      it = g.gen(e);
      if (it === null) { g.items.length = saveLen; g.vt = saveVt; g.vlBound = saveBound; }
    }
    if (it !== null) g.items.push(it);
  }
  const seq: Sequence = { index, fill, vxrm, vxsat, items: g.items };
  if (frm !== undefined) seq.frm = frm;
  return seq;
}

/** Count of instructions under test in the sequences. */
export const countInsns = (seqs: readonly Sequence[]): number =>
  seqs.reduce((a, s) => a + s.items.filter((i) => i.counted).length, 0);

/** Count of floating-point instructions under test in the sequences. */
export const countFpInsns = (seqs: readonly Sequence[]): number =>
  seqs.reduce((a, s) => a + s.items.filter((i) => i.fp === true).length, 0);
