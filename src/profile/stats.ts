// Totals straight from the engine's block counts (Σ execCount × the block's static mix, plus blocks cut
// short by a fault), without a profiler attached: a cross-check of hart.instret that costs nothing during
// the run. The full statistics (--stats, --stats-json) come from the Profiler (profiler.ts, report.ts).
import { INSN_CLASS_NAMES, type InsnClass } from '../isa/spec.js';
import type { Engine } from '../engine/engine.js';
import type { Block } from '../engine/block.js';

export interface Stats {
  instructions: number;
  /** Instructions per class (branches not split by outcome), only classes that occurred. */
  byClass: Record<string, number>;
  byMnemonic: Map<string, number>;
}

export function collectStats(engine: Engine): Stats {
  const byClassArr = new Array<number>(INSN_CLASS_NAMES.length).fill(0);
  const byMnemonic = new Map<string, number>();
  let total = 0;
  const add = (b: Block, times: number, upTo: number): void => {
    if (times === 0) return;
    for (let i = 0; i < upTo; i++) {
      const spec = b.insns[i].spec;
      byClassArr[spec.cls as InsnClass] += times;
      byMnemonic.set(spec.name, (byMnemonic.get(spec.name) ?? 0) + times);
    }
    total += times * upTo;
  };
  for (const b of engine.allBlocks()) add(b, b.execCount, b.insns.length);
  for (const p of engine.partial) add(p.block, 1, p.executed);
  const byClass: Record<string, number> = {};
  INSN_CLASS_NAMES.forEach((name, i) => { if (byClassArr[i] > 0) byClass[name] = byClassArr[i]; });
  return { instructions: total, byClass, byMnemonic };
}
