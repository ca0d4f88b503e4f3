// `rvemu diff base.json new.json`: compares two --stats-json files count by count (total, classes,
// functions) and says whether any count rose by more than a threshold — for CI, where counts are exact and
// deterministic, so any change is real. The `host` member (wall time) and `run` (command, exit) are ignored.
import { STATS_SCHEMA, type StatsJson } from './report.js';

export class DiffInputError extends Error {}

export type FailOn = 'all' | 'total' | 'classes' | 'functions';

export interface DiffOptions {
  /** Allowed relative rise, as a fraction (0.005 = 0.5%). */
  threshold: number;
  /** Which counts can fail the comparison (default all). */
  failOn?: FailOn;
  /** Rows per section in the text (default 40). */
  limit?: number;
}

export interface DiffRow {
  section: 'total' | 'class' | 'function';
  name: string;
  base: number;
  next: number;
  /** True when this row's rise exceeds the threshold (and its section can fail). */
  regressed: boolean;
}

export interface DiffResult {
  rows: DiffRow[];
  regressions: DiffRow[];
  notes: string[];
  text: string;
}

/** Parse "0.5%", "0.5" (both half a percent) or "0". */
export function parseThreshold(s: string): number {
  const t = s.trim().replace(/%$/, '');
  const v = Number(t);
  if (t === '' || !Number.isFinite(v) || v < 0) throw new DiffInputError(`--threshold '${s}': expected a percentage such as 0.5% (or 0)`);
  return v / 100;
}

/** Check that x looks like a stats file we can compare; `label` names it in messages. */
export function validateStats(x: unknown, label: string): StatsJson {
  if (typeof x !== 'object' || x === null || Array.isArray(x)) throw new DiffInputError(`${label}: not a JSON object`);
  const o = x as Record<string, unknown>;
  if (typeof o.schema !== 'string' || !o.schema.startsWith('rvemu-stats/')) throw new DiffInputError(`${label}: not an rvemu --stats-json file (no "schema": "${STATS_SCHEMA}")`);
  if (o.schema !== STATS_SCHEMA) throw new DiffInputError(`${label}: schema ${o.schema} is not supported (this rvemu reads ${STATS_SCHEMA})`);
  if (typeof o.instructions !== 'number') throw new DiffInputError(`${label}: "instructions" is missing`);
  if (typeof o.classes !== 'object' || o.classes === null) throw new DiffInputError(`${label}: "classes" is missing`);
  if (!Array.isArray(o.functions)) throw new DiffInputError(`${label}: "functions" is missing`);
  for (const [k, v] of Object.entries(o.classes as object)) if (typeof v !== 'number') throw new DiffInputError(`${label}: classes.${k} is not a number`);
  for (const f of o.functions as unknown[]) {
    const r = f as Record<string, unknown>;
    if (typeof r !== 'object' || r === null || typeof r.name !== 'string' || typeof r.exclusive !== 'number') {
      throw new DiffInputError(`${label}: a "functions" entry lacks name/exclusive`);
    }
  }
  return x as StatsJson;
}

const num = (n: number): string => n.toLocaleString('en-US');
const signed = (n: number): string => (n > 0 ? '+' : n < 0 ? '-' : '±') + num(Math.abs(n));
function rel(base: number, next: number): string {
  if (base === 0) return next === 0 ? '0.00%' : 'new';
  const r = (100 * (next - base)) / base;
  return `${r > 0 ? '+' : ''}${r.toFixed(2)}%`;
}

export function diffStats(base: StatsJson, next: StatsJson, opts: DiffOptions): DiffResult {
  const failOn = opts.failOn ?? 'all';
  const limit = opts.limit ?? 40;
  const th = opts.threshold;
  const baseTotal = base.instructions;
  const rose = (b: number, n: number): boolean => (b === 0 ? n > th * baseTotal && n > 0 : n - b > th * b);
  const can = (section: DiffRow['section']): boolean =>
    failOn === 'all' || (failOn === 'total' && section === 'total') || (failOn === 'classes' && section === 'class') || (failOn === 'functions' && section === 'function');
  const mk = (section: DiffRow['section'], name: string, b: number, n: number): DiffRow =>
    ({ section, name, base: b, next: n, regressed: can(section) && rose(b, n) });

  const rows: DiffRow[] = [mk('total', 'instructions', base.instructions, next.instructions)];
  const classNames = [...new Set([...Object.keys(base.classes), ...Object.keys(next.classes)])];
  for (const c of classNames) rows.push(mk('class', c, base.classes[c] ?? 0, next.classes[c] ?? 0));
  const bf = new Map(base.functions.map((f) => [f.name, f.exclusive]));
  const nf = new Map(next.functions.map((f) => [f.name, f.exclusive]));
  for (const name of new Set([...bf.keys(), ...nf.keys()])) rows.push(mk('function', name, bf.get(name) ?? 0, nf.get(name) ?? 0));

  const notes: string[] = [];
  const roiText = (s: StatsJson): string => (s.roi === null || s.roi === undefined ? 'none' : JSON.stringify({ symbols: s.roi.symbols, markers: s.roi.markers.begin + s.roi.markers.end > 0 }));
  if (roiText(base) !== roiText(next)) notes.push(`note: the regions of interest differ (base ${roiText(base)}, new ${roiText(next)})`);
  if (base.retired !== next.retired && base.retired !== base.instructions) {
    notes.push(`note: whole-run retired instructions ${num(base.retired)} -> ${num(next.retired)} (${rel(base.retired, next.retired)})`);
  }

  const regressions = rows.filter((r) => r.regressed);
  const L: string[] = [];
  L.push(`rvemu diff: threshold ${(th * 100).toFixed(2).replace(/\.?0+$/, '') || '0'}% (a rise above it fails${failOn === 'all' ? '' : `; checked: ${failOn}`})`);
  const line = (r: DiffRow, indent: string, width: number): string =>
    `${indent}${r.name.padEnd(width)} ${num(r.base).padStart(16)} -> ${num(r.next).padStart(16)} ${signed(r.next - r.base).padStart(14)} ${rel(r.base, r.next).padStart(9)}${r.regressed ? '  REGRESSION' : ''}`;
  const total = rows[0];
  L.push(line(total, '  ', 30));
  const section = (title: string, list: DiffRow[]): void => {
    const changed = list.filter((r) => r.base !== r.next)
      .sort((a, b) => Number(b.regressed) - Number(a.regressed) || Math.abs(b.next - b.base) - Math.abs(a.next - a.base) || (a.name < b.name ? -1 : 1));
    if (changed.length === 0) { L.push(`  ${title}: no change`); return; }
    L.push(`  ${title}:`);
    for (const r of changed.slice(0, limit)) L.push(line(r, '    ', 28));
    if (changed.length > limit) {
      const more = changed.slice(limit);
      const hidden = more.filter((r) => r.regressed).length;
      L.push(`    ... ${more.length} more changed${hidden ? ` (${hidden} of them regressions)` : ''}`);
    }
  };
  section('classes', rows.filter((r) => r.section === 'class'));
  section('functions (exclusive instructions)', rows.filter((r) => r.section === 'function'));
  for (const n of notes) L.push(n);
  L.push(regressions.length === 0
    ? 'rvemu diff: OK, no count rose beyond the threshold'
    : `rvemu diff: FAIL, ${regressions.length} count${regressions.length === 1 ? '' : 's'} rose beyond the threshold`);
  return { rows, regressions, notes, text: L.join('\n') };
}
