// Vector detail counters: how often each vector mnemonic ran at each (SEW, LMUL), how many elements it
// processed and how many bytes it moved. Instruction counts themselves come from the blocks (static mix ×
// executions); only what depends on vtype, vl and the mask is recorded here, by the vector unit.
//
// How the vector unit reports (one call per executed vector instruction, after it completes):
//
//   import { vectorCounting, recordVector } from '../profile/vector-counters.js';
//   ...
//   if (vectorCounting.on) recordVector(h, d, v.sewShift, v.lmulLog, active, bytes);
//
//   sewShift  log2(SEW/8) of vtype in effect (0..3) — the configured SEW, also for widening/narrowing forms
//   lmulLog   log2(LMUL) of vtype in effect (-3..3)
//   active    element operations: body elements (vstart <= i < vl) that were not masked off; for
//             whole-register moves/loads/stores the elements moved (evl); for mask-register logical ops, vl;
//             for vsetvli/vsetivli/vsetvl, 0 (they are recorded with the new vtype)
//   bytes     guest memory bytes read or written (loads/stores: active elements × EEW/8 × fields; indexed
//             forms count data only, not the index vector, which is a register read); 0 otherwise
//
// A fault-only-first load that stops early reports the elements it loaded; an instruction that traps
// reports nothing (it did not retire). `vectorCounting.on` is false unless counting is on (and, with a
// region of interest, only inside it), so the cost when nobody is profiling is one property test.
// recordVector does not allocate: the counters are typed arrays indexed by a small integer per
// (mnemonic, SEW, LMUL); `vectorOpId(d.spec)` gives the mnemonic's number for callers that want to cache it
// (e.g. at decode time) and call `recordVectorOp` directly, skipping one Map lookup.
import type { Hart } from '../isa/hart.js';
import { INSN_CLASS_NAMES, type Decoded, type InsnSpec } from '../isa/spec.js';

/** Read by the vector unit before calling recordVector. */
export const vectorCounting = { on: false };

/** SEW values × LMUL values per mnemonic. */
const SLOTS = 4 * 7;
const slotOf = (sewShift: number, lmulLog: number): number => sewShift * 7 + (lmulLog + 3);

const opIds = new Map<InsnSpec, number>();
const opNames: string[] = [];
const opClasses: string[] = [];

/** The small integer standing for a vector instruction's mnemonic (stable within a process). */
export function vectorOpId(spec: InsnSpec): number {
  let id = opIds.get(spec);
  if (id === undefined) {
    id = opNames.length;
    opNames.push(spec.name);
    opClasses.push(INSN_CLASS_NAMES[spec.cls] ?? 'other');
    opIds.set(spec, id);
  }
  return id;
}

/** One row of the detail table. */
export interface VectorDetailRow {
  mnemonic: string;
  /** Instruction class ("vector-load", "vector-int", ...). */
  class: string;
  /** Element width in bits (8, 16, 32, 64). */
  sew: number;
  /** "m1", "m2", "m4", "m8", "mf2", "mf4", "mf8". */
  lmul: string;
  count: number;
  elements: number;
  bytes: number;
}

export const lmulName = (lmulLog: number): string => (lmulLog >= 0 ? `m${1 << lmulLog}` : `mf${1 << -lmulLog}`);

/** The counters of one run (of its threads together). */
export class VectorCounters {
  count = new Float64Array(0);
  elements = new Float64Array(0);
  bytes = new Float64Array(0);

  add(op: number, sewShift: number, lmulLog: number, active: number, bytes: number): void {
    this.addRuns(op, sewShift, lmulLog, 1, active, bytes);
  }

  /** `runs` executions together, with their element operations and bytes summed. */
  addRuns(op: number, sewShift: number, lmulLog: number, runs: number, active: number, bytes: number): void {
    const k = op * SLOTS + slotOf(sewShift & 3, lmulLog < -3 ? -3 : lmulLog > 3 ? 3 : lmulLog);
    if (k >= this.count.length) this.grow(k);
    this.count[k] += runs;
    this.elements[k] += active;
    this.bytes[k] += bytes;
  }

  private grow(k: number): void {
    const n = Math.max(k + 1, opNames.length * SLOTS, this.count.length * 2, 64 * SLOTS);
    const c = new Float64Array(n), e = new Float64Array(n), b = new Float64Array(n);
    c.set(this.count); e.set(this.elements); b.set(this.bytes);
    this.count = c; this.elements = e; this.bytes = b;
  }

  reset(): void { this.count.fill(0); this.elements.fill(0); this.bytes.fill(0); }

  /** Non-empty rows, by mnemonic, then SEW, then LMUL. */
  rows(): VectorDetailRow[] {
    const out: VectorDetailRow[] = [];
    for (let k = 0; k < this.count.length; k++) {
      if (this.count[k] === 0) continue;
      const op = Math.floor(k / SLOTS), slot = k % SLOTS;
      const sewShift = Math.floor(slot / 7), lmulLog = (slot % 7) - 3;
      out.push({ mnemonic: opNames[op], class: opClasses[op], sew: 8 << sewShift, lmul: lmulName(lmulLog), count: this.count[k], elements: this.elements[k], bytes: this.bytes[k] });
    }
    const lm = (s: string): number => (s.startsWith('mf') ? -Number(s.slice(2)) : Number(s.slice(1)));
    return out.sort((a, b) => (a.mnemonic < b.mnemonic ? -1 : a.mnemonic > b.mnemonic ? 1 : a.sew - b.sew || lm(a.lmul) - lm(b.lmul)));
  }
}

let sink: VectorCounters | undefined;

/** Where records go (the profiler installs its counters for the length of a run; undefined to detach). */
export function setVectorSink(s: VectorCounters | undefined): void {
  sink = s;
  if (s === undefined) vectorCounting.on = false;
}

/** Record one executed vector instruction (see the top of this file). */
export function recordVector(_h: Hart, d: Decoded, sewShift: number, lmulLog: number, active: number, bytes: number): void {
  const s = sink;
  if (s === undefined || !vectorCounting.on) return;
  s.add(vectorOpId(d.spec), sewShift, lmulLog, active, bytes);
}

/**
 * Several executions of one mnemonic at one (SEW, LMUL) at once, summed while counting was on (translated
 * code keeps such sums in locals and hands them over when it returns).
 */
export function recordVectorRuns(op: number, sewShift: number, lmulLog: number, runs: number, active: number, bytes: number): void {
  const s = sink;
  if (s !== undefined) s.addRuns(op, sewShift, lmulLog, runs, active, bytes);
}

/** recordVector with the mnemonic's id already known (from vectorOpId). */
export function recordVectorOp(op: number, sewShift: number, lmulLog: number, active: number, bytes: number): void {
  const s = sink;
  if (s === undefined || !vectorCounting.on) return;
  s.add(op, sewShift, lmulLog, active, bytes);
}
