// Parsing of ISA strings as Spike and the toolchains spell them: "rv64gc", "rv64imafdc_zba_zbb", "rv64gcv".
import type { Ext } from './spec.js';
import { UsageError } from '../errors.js';

export const DEFAULT_ISA = 'rv64gc_zba_zbb_zbs_zicond';

const SINGLE: Record<string, Ext[]> = {
  i: ['I'], m: ['M'], a: ['A'], f: ['F', 'Zicsr'], d: ['D', 'F', 'Zicsr'], c: ['C'], v: ['V', 'D', 'F', 'Zicsr'],
  g: ['I', 'M', 'A', 'F', 'D', 'Zicsr', 'Zifencei'],
};
const MULTI: Record<string, Ext> = {
  zicsr: 'Zicsr', zifencei: 'Zifencei', zba: 'Zba', zbb: 'Zbb', zbs: 'Zbs', zicond: 'Zicond',
  // Vector half precision (binary16 elements; Zvfh implies Zvfhmin, see src/rvv/fp.ts).
  zvfhmin: 'Zvfhmin', zvfh: 'Zvfh',
};
/** Accepted and implied by what we always provide (no separate switch). */
// zicclsm: in bare mode it decides whether misaligned loads and stores trap (src/cli/main.ts).
const ALWAYS_ON = new Set(['zicntr', 'zihpm', 'zihintpause', 'zicclsm', 'zmmul']);

/** Parse an ISA string into the set of enabled extensions. Throws UsageError with a hint on bad input. */
export function parseIsa(isa: string): Set<Ext> {
  const s = isa.trim().toLowerCase();
  if (!s.startsWith('rv64')) throw new UsageError(`--isa '${isa}': must start with rv64 (e.g. ${DEFAULT_ISA})`);
  const [base, ...multi] = s.slice(4).split('_');
  const out = new Set<Ext>();
  for (const ch of base) {
    const exts = SINGLE[ch];
    if (exts === undefined) throw new UsageError(`--isa '${isa}': unknown single-letter extension '${ch}' (known: ${Object.keys(SINGLE).join('')})`);
    for (const e of exts) out.add(e);
  }
  if (!out.has('I')) throw new UsageError(`--isa '${isa}': the base integer ISA 'i' (or 'g') is required`);
  for (const m of multi) {
    if (m === '') continue;
    const e = MULTI[m];
    if (e !== undefined) out.add(e);
    else if (!ALWAYS_ON.has(m)) throw new UsageError(`--isa '${isa}': unknown extension '${m}' (known: ${[...Object.keys(MULTI), ...ALWAYS_ON].join(', ')})`);
  }
  return out;
}

/**
 * Canonical lower-case string for an extension set, as /proc/cpuinfo and messages print it: single letters in
 * ISA order, then multi-letter extensions by the category letter after "z" (in single-letter ISA order),
 * then alphabetically — e.g. rv64imafdc_zicond_zicsr_zifencei_zba_zbb_zbs.
 */
export function isaString(exts: Iterable<Ext>): string {
  const all = [...exts];
  const letters = 'imafdcv'.split('').filter((l) => all.includes(l.toUpperCase() as Ext)).join('');
  const multi = all.filter((e) => e.length > 1).map((e) => e.toLowerCase());
  const cat = (e: string) => { const i = 'imafdqlcbkjtpvnh'.indexOf(e[1]); return i < 0 ? 99 : i; };
  multi.sort((a, b) => cat(a) - cat(b) || (a < b ? -1 : 1));
  return ['rv64' + letters, ...multi].join('_');
}
