// Turning block execution counts into instruction statistics. Each block's static mix is multiplied by
// how often it ran, so counting costs one increment per block, not per instruction.
import { INSN_CLASS_NAMES, type InsnClass } from '../isa/spec.js';
import type { Engine } from '../engine/engine.js';
import type { Block } from '../engine/block.js';

export interface Stats {
  instructions: number;
  byClass: Record<string, number>;
  byMnemonic: Map<string, number>;
}

export function collectStats(engine: Engine): Stats {
  const byClassArr = new Array<number>(INSN_CLASS_NAMES.length).fill(0);
  const byMnemonic = new Map<string, number>();
  let total = 0;
  const add = (b: Block, times: number, upTo: number) => {
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

/** Human-readable table for --stats. */
export function formatStats(s: Stats, wallSeconds: number, topN = 12): string {
  const lines: string[] = [];
  const mips = wallSeconds > 0 ? s.instructions / wallSeconds / 1e6 : 0;
  const pct = (n: number) => (s.instructions > 0 ? ((100 * n) / s.instructions).toFixed(1) : '0.0').padStart(5) + '%';
  lines.push(`rvemu: ${s.instructions.toLocaleString('en-US')} instructions retired in ${wallSeconds.toFixed(3)} s (${mips.toFixed(1)} MIPS)`);
  lines.push('  by class:');
  for (const [name, n] of Object.entries(s.byClass).sort((a, b) => b[1] - a[1])) {
    lines.push(`    ${name.padEnd(20)} ${n.toLocaleString('en-US').padStart(16)} ${pct(n)}`);
  }
  lines.push(`  top ${topN} mnemonics:`);
  const top = [...s.byMnemonic.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, topN);
  for (const [name, n] of top) lines.push(`    ${name.padEnd(20)} ${n.toLocaleString('en-US').padStart(16)} ${pct(n)}`);
  return lines.join('\n');
}
