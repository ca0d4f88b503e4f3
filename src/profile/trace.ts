// --trace: a commit log, one line per retired instruction, for debugging and teaching:
//
//   <n>  <pc>  <bits>  <disassembly>  <effects>
//
// n is the instruction's number (what rdinstret reads at it: instructions retired before it), bits the
// instruction as fetched (4 hex digits for a compressed one). Effects, as they apply:
//   a0=0x0000000000000005              integer register written (x0 writes are not shown)
//   fa0=0x3ff0000000000000 (double 1)  FP register written (NaN-boxed singles show as "float")
//   load [0x11f08]=0x0000002a          memory read by a load (as many digits as bytes read)
//   store [0x11f08]=0x0000002a         memory written by a store (the value now in memory)
//   amo [0x11f08] 0x00000001->0x00000003  memory before and after an AMO (sc: only when it succeeded)
//   taken / not taken                  conditional branches; jalr shows its target as pc=0x...
//   fflags=0x01, frm=0x0               when an instruction changed them
//   ecall: every integer register the system call changed
//   vector: v8.e32=[00000001 m:00000000 | tail: 00000000]  the destination group element by element at its
//     EEW, masked-off elements prefixed "m:", tail elements (index >= vl) after "| tail:"; mask results as a
//     bit string (element 0 first, "." for masked-off); reductions and vmv.s.x as v8.e32[0]=...; vset* as
//     vl=4 vtype=e32,m1,ta,ma; loads and stores also show their base address, stores the elements stored
//
// Tracing runs its own loop, one instruction at a time (slow, exact: the same blocks, counts and hook calls
// as the engine). Before --trace-from (without --trace-symbol) and after --trace-to, the engine runs at
// full speed.
import type { Engine, StopReason } from '../engine/engine.js';
import type { Block } from '../engine/block.js';
import type { Hart } from '../isa/hart.js';
import { InsnClass, X_SINK, type Decoded } from '../isa/spec.js';
import { disassemble, hex64, type Symbolizer } from '../isa/disasm.js';
import { fName, xName } from '../isa/regnames.js';
import { GuestFault, RvemuError } from '../errors.js';
import type { VectorState } from '../rvv/state.js';
import type { Profiler } from './profiler.js';
import { scalarWidth } from './profiler.js';

export interface TraceOptions {
  /** First instruction number to print (default 0). */
  from?: number;
  /** Last instruction number to print, inclusive (default: no limit). */
  to?: number;
  /** Print only while a --trace-symbol function is on the profiler's call stack. */
  bySymbol?: boolean;
  /** Receives the text, a line (ending in "\n") at a time. */
  write: (text: string) => void;
  symbolize?: Symbolizer;
}

/** Instructions the engine may run past a limit before it stops (a block); the fast phase stops this far before --trace-from. */
const FAST_MARGIN = 4096;

/** Run to the end (or maxInsns) printing the trace. Counting and the profiler's hook see the same as in Engine.run. */
export function runTraced(engine: Engine, prof: Profiler | undefined, opts: TraceOptions, maxInsns = Infinity): StopReason {
  return traceSlice(engine, prof, opts, new Tracer(engine.hart, opts), maxInsns);
}

/**
 * A thread runner for the scheduler (Kernel.run): each turn of each thread goes through its own tracer.
 * Instruction numbers count each thread's own instructions; once a second thread exists, every line of a
 * thread other than the first starts with its id in brackets.
 */
export function tracedRunner(prof: Profiler | undefined, opts: TraceOptions): (engine: Engine, limit: number) => StopReason {
  const tracers = new Map<Hart, Tracer>();
  let first: Hart | undefined;
  return (engine, limit) => {
    const h = engine.hart;
    first ??= h;
    let t = tracers.get(h);
    if (t === undefined) {
      const write = h === first ? opts.write : (text: string) => opts.write(`[${h.tid}] ${text}`);
      t = new Tracer(h, { ...opts, write });
      tracers.set(h, t);
    }
    return traceSlice(engine, prof, t.opts, t, limit);
  };
}

/** Run the engine's hart until its instret reaches limit (or it stops), tracing what --trace-* select. */
function traceSlice(engine: Engine, prof: Profiler | undefined, opts: TraceOptions, t: Tracer, maxInsns: number): StopReason {
  const h = engine.hart;
  const from = opts.from ?? 0, to = opts.to ?? Infinity;
  const bySymbol = opts.bySymbol === true && prof !== undefined;
  if (!bySymbol && h.instret < from - FAST_MARGIN) {
    const stop = engine.run(Math.min(maxInsns, from - FAST_MARGIN));
    if (stop.kind !== 'limit' || h.instret >= maxInsns) return stop;
  }
  while (!h.stopped) {
    if (h.instret >= maxInsns) return { kind: 'limit' };
    if (h.instret > to) return engine.run(maxInsns);
    const pc = h.pc;
    let b: Block;
    try { b = engine.blockAt(pc); } catch (e) {
      const s = stopOn(engine, e, pc, undefined);
      if (s === undefined) continue;
      return s;
    }
    if (engine.blockHook !== undefined) engine.blockHook(b);
    const insns = b.insns, n = insns.length, base = h.instret;
    const show = (!bySymbol || prof!.traceActive) && base <= to && base + n > from;
    h.pc = b.endPc;
    let i = 0;
    try {
      if (!show) for (; i < n; i++) { const d = insns[i]; d.exec(h, d); }
      else {
        for (; i < n; i++) {
          const d = insns[i], num = base + i;
          if (num < from || num > to) d.exec(h, d);
          else t.step(d, num);
        }
      }
    } catch (e) {
      engine.partial.push({ block: b, executed: i });
      h.instret += i;
      const s = stopOn(engine, e, insns[i].pc, insns[i]);
      if (s === undefined) continue;
      return s;
    }
    b.execCount++;
    if (b.endsInBranch && h.pc !== b.endPc) b.taken++; // as the engine counts it
    h.instret += n;
  }
  return { kind: 'exit', code: h.exitCode };
}

/** Why the run stops for error e, or undefined when the platform took it as a trap (Engine.onTrap). */
function stopOn(engine: Engine, e: unknown, pc: number, insn: Decoded | undefined): StopReason | undefined {
  if (!(e instanceof RvemuError)) throw e;
  if (e instanceof GuestFault) e.pc = pc;
  if (engine.onTrap !== undefined && engine.onTrap(e, pc, insn)) return undefined;
  return { kind: 'error', error: e, pc, insn };
}

const hex32 = (v: number): string => (v >>> 0).toString(16).padStart(8, '0');
const pairHex = (lo: number, hi: number): string => `0x${hex32(hi)}${hex32(lo)}`;

/** Little-endian bytes as one hex number. */
function bytesHex(b: Uint8Array): string {
  let s = '';
  for (let i = b.length - 1; i >= 0; i--) s += b[i].toString(16).padStart(2, '0');
  return `0x${s}`;
}

const VSET = new Set(['vsetvli', 'vsetivli', 'vsetvl']);

/** Formats one instruction's line around its execution. */
export class Tracer {
  private readonly sym: Symbolizer | undefined;
  private readonly xBefore = new Int32Array(64);
  private readonly f32 = new Float32Array(1);
  private readonly f32i = new Int32Array(this.f32.buffer);
  constructor(private readonly h: Hart, readonly opts: TraceOptions) { this.sym = opts.symbolize; }

  /** Execute d (numbered num) and write its line. */
  step(d: Decoded, num: number): void {
    const h = this.h, s = d.spec, cls = s.cls;
    // What we need from before: the address (rd may be rs1), old memory for AMOs, fcsr, registers for ecall.
    let addr = -1;
    const width = scalarWidth(s);
    if (width !== 0 || cls === InsnClass.VLoad || cls === InsnClass.VStore) {
      const base = h.x[(d.rs1 << 1) + 1] * 4294967296 + (h.x[d.rs1 << 1] >>> 0);
      addr = cls === InsnClass.Atomic || s.ext === 'V' ? base : base + d.imm;
    }
    const amoBefore = cls === InsnClass.Atomic && s.format === 'AMO' ? this.read(addr, width) : undefined;
    const fflags = h.fflags, frm = h.frm;
    const isEcall = s.name === 'ecall';
    if (isEcall) this.xBefore.set(h.x.subarray(0, 64));
    const v = s.ext === 'V' ? (h.vector as VectorState | undefined) : undefined;
    const vstart = v?.vstart ?? 0;

    const head = `${String(num).padStart(8)}  ${('0x' + hex64(d.pc)).padEnd(12)}  ${(d.raw >>> 0).toString(16).padStart(d.len * 2, '0').padEnd(8)}  `;
    let text: string;
    try { text = disassemble(d, this.sym).replace('\t', ' '); } catch { text = '?'; }
    try {
      d.exec(h, d);
    } catch (e) {
      this.opts.write(`${head}${text.padEnd(30)}  ! ${e instanceof Error ? e.message : String(e)}\n`);
      throw e;
    }

    const fx: string[] = [];
    if (s.ext === 'V') this.vectorEffects(d, v ?? (h.vector as VectorState | undefined), vstart, addr, fx);
    else {
      if (writesRd(d)) {
        const kind = s.regs?.[0] ?? 'x';
        if (kind === 'f') fx.push(this.fReg(d.rd));
        else if (d.rd !== X_SINK) fx.push(`${xName(d.rd)}=${pairHex(h.x[d.rd << 1], h.x[(d.rd << 1) + 1])}`);
      }
      if (cls === InsnClass.Load || cls === InsnClass.FpLoad) fx.push(`load [0x${hex64(addr)}]=${this.read(addr, width) ?? '?'}`);
      else if (cls === InsnClass.Store || cls === InsnClass.FpStore) fx.push(`store [0x${hex64(addr)}]=${this.read(addr, width) ?? '?'}`);
      else if (cls === InsnClass.Atomic) {
        if (s.format === 'LR') fx.push(`load [0x${hex64(addr)}]=${this.read(addr, width) ?? '?'}`);
        else if (s.name.startsWith('sc.')) { if (h.x[d.rd << 1] === 0 || d.rd === X_SINK) fx.push(`store [0x${hex64(addr)}]=${this.read(addr, width) ?? '?'}`); }
        else fx.push(`amo [0x${hex64(addr)}] ${amoBefore ?? '?'}->${this.read(addr, width) ?? '?'}`);
      } else if (cls === InsnClass.Branch) fx.push(h.pc !== d.pc + d.len ? 'taken' : 'not taken');
      else if (s.name === 'jalr') fx.push(`pc=0x${hex64(h.pc)}`);
      if (isEcall) {
        for (let r = 1; r < 32; r++) {
          const lo = h.x[r << 1], hi = h.x[(r << 1) + 1];
          if (lo !== this.xBefore[r << 1] || hi !== this.xBefore[(r << 1) + 1]) fx.push(`${xName(r)}=${pairHex(lo, hi)}`);
        }
      }
    }
    if (h.fflags !== fflags) fx.push(`fflags=0x${h.fflags.toString(16).padStart(2, '0')}`);
    if (h.frm !== frm) fx.push(`frm=0x${h.frm.toString(16)}`);
    const line = fx.length === 0 ? `${head}${text}` : `${head}${text.padEnd(30)}  ${fx.join('  ')}`;
    this.opts.write(line + '\n');
  }

  private read(addr: number, n: number): string | undefined {
    try { return bytesHex(this.h.mem.readBytes(addr, n)); } catch { return undefined; }
  }

  private fReg(r: number): string {
    const lo = this.h.fi[r << 1], hi = this.h.fi[(r << 1) + 1];
    let val: string;
    if (hi === -1) { this.f32i[0] = lo; val = `float ${this.f32[0]}`; } else val = `double ${this.h.f64[r]}`;
    return `${fName(r)}=${pairHex(lo, hi)} (${val})`;
  }

  private vectorEffects(d: Decoded, v: VectorState | undefined, vstart: number, addr: number, fx: string[]): void {
    const h = this.h, s = d.spec as Decoded['spec'] & { shape?: string; mem?: string };
    const name = s.name;
    if (s.shape === 'xv' || VSET.has(name)) {
      if (d.rd !== X_SINK) fx.push(`${xName(d.rd)}=${pairHex(h.x[d.rd << 1], h.x[(d.rd << 1) + 1])}`);
    } else if (s.shape === 'fv') fx.push(this.fReg(d.rd));
    if (v === undefined) return;
    if (VSET.has(name)) {
      fx.push(v.vill ? `vl=${v.vl} vtype=vill` : `vl=${v.vl} vtype=e${v.sew},${lmulText(v.lmulLog)},${v.vta ? 'ta' : 'tu'},${v.vma ? 'ma' : 'mu'}`);
      return;
    }
    if (s.shape === 'xv' || s.shape === 'fv') return;
    const store = s.cls === InsnClass.VStore;
    if (store) fx.push(`store [0x${hex64(addr)}...]`);
    else if (s.cls === InsnClass.VLoad) fx.push(`load [0x${hex64(addr)}...]`);
    const dest = vectorDest(d, v);
    if (dest === undefined) return;
    const masked = d.rm === 0 && !(s.shape !== undefined && CARRY_SHAPES.has(s.shape));
    const active = (i: number): boolean => !masked || ((v.u8[i >>> 3] >>> (i & 7)) & 1) === 1;
    if (dest.kind === 'mask') {
      let bits = '';
      for (let i = 0; i < dest.count; i++) bits += i < vstart || !active(i) ? '.' : String((v.u8[d.rd * v.vlenb + (i >>> 3)] >>> (i & 7)) & 1);
      fx.push(`${vName(d.rd)}.mask=${bits === '' ? '(empty)' : bits}`);
      return;
    }
    const eb = 1 << dest.eewShift;
    const elem = (reg: number, i: number): string => {
      const off = reg * v.vlenb + i * eb;
      let t = '';
      for (let k = eb - 1; k >= 0; k--) t += v.u8[off + k].toString(16).padStart(2, '0');
      return t;
    };
    if (dest.kind === 'elem0') { fx.push(`${vName(d.rd)}.e${8 * eb}[0]=${elem(d.rd, 0)}`); return; }
    const perGroup = (dest.nregs * v.vlenb) / eb;
    for (let f = 0; f < dest.fields; f++) {
      const reg = d.rd + f * dest.nregs;
      if (reg > 31) break;
      const body: string[] = [], tail: string[] = [];
      // A store shows the elements it wrote (its source group, without the tail it leaves alone).
      for (let i = 0; i < (store ? Math.min(perGroup, dest.count) : perGroup); i++) {
        if (i >= dest.count) tail.push(elem(reg, i));
        else if (i < vstart) body.push(`p:${elem(reg, i)}`);
        else body.push(active(i) ? elem(reg, i) : `m:${elem(reg, i)}`);
      }
      fx.push(`${vName(reg)}.e${8 * eb}=[${body.join(' ')}${tail.length ? `${body.length ? ' ' : ''}| tail: ${tail.join(' ')}` : ''}]`);
    }
  }
}

const CARRY_SHAPES = new Set(['vvm', 'vxm', 'vim', 'vfm']);
const vName = (r: number): string => `v${r}`;
const lmulText = (l: number): string => (l >= 0 ? `m${1 << l}` : `mf${1 << -l}`);

/** Does a scalar instruction write its rd field? */
function writesRd(d: Decoded): boolean {
  switch (d.spec.format) {
    case 'S': case 'B': case 'FENCE': case 'NONE': case 'V': return false;
    default: return true;
  }
}

interface VDest {
  kind: 'elems' | 'mask' | 'elem0';
  /** log2 of the element width in bytes. */
  eewShift: number;
  /** Registers per group. */
  nregs: number;
  /** Body elements (vl, or the whole group for whole-register forms). */
  count: number;
  /** Register groups written (segment loads: nf). */
  fields: number;
}

const MASK_RESULT = /^(vms(eq|ne|ltu?|leu?|gtu?)|vmf(eq|le|lt|ne|gt|ge)|vmadc|vmsbc|vms[bio]f\.m)|\.mm$/;

/** Where a vector instruction's result lives and how to lay it out. */
export function vectorDest(d: Decoded, v: VectorState): VDest | undefined {
  const s = d.spec as Decoded['spec'] & { shape?: string; mem?: string };
  const name = s.name, sew = v.sewShift, lm = v.lmulLog;
  const grp = (emul: number): number => (emul > 0 ? 1 << emul : 1);
  if (s.mem !== undefined) {
    if (s.mem === 'mask') return { kind: 'mask', eewShift: 0, nregs: 1, count: v.vl, fields: 1 };
    const eew = Math.log2(d.imm / 8);
    if (s.mem === 'whole') { const nr = d.rs3; return { kind: 'elems', eewShift: eew, nregs: nr, count: (nr * v.vlenb) >> eew, fields: 1 }; }
    const dataEew = s.mem === 'ux' || s.mem === 'ox' ? sew : eew;
    return { kind: 'elems', eewShift: dataEew, nregs: grp(dataEew - sew + lm), count: v.vl, fields: Math.max(1, d.rs3) };
  }
  if (MASK_RESULT.test(name)) return { kind: 'mask', eewShift: 0, nregs: 1, count: v.vl, fields: 1 };
  if (/red/.test(name)) return { kind: 'elem0', eewShift: /^vf?wred/.test(name) ? sew + 1 : sew, nregs: 1, count: 1, fields: 1 };
  if (name === 'vmv.s.x' || name === 'vfmv.s.f') return { kind: 'elem0', eewShift: sew, nregs: 1, count: 1, fields: 1 };
  if (s.shape === 'nr') return { kind: 'elems', eewShift: sew, nregs: d.imm, count: (d.imm * v.vlenb) >> sew, fields: 1 };
  if (/^vf?w/.test(name)) return { kind: 'elems', eewShift: sew + 1, nregs: grp(lm + 1), count: v.vl, fields: 1 };
  return { kind: 'elems', eewShift: sew, nregs: grp(lm), count: v.vl, fields: 1 };
}
