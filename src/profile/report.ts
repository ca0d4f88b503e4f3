// The statistics of a run as one plain object (what --stats-json writes, schema in docs/stats-json.md) and
// the human-readable table --stats prints. Everything except the `host` member is a pure function of the
// program, its arguments, input and options, so two runs give byte-identical JSON apart from `host`.
import type { StopReason } from '../engine/engine.js';
import { disassemble, hex64, type Symbolizer } from '../isa/disasm.js';
import { REPORT_CLASSES, type Profiler, type CallNode } from './profiler.js';

export const STATS_SCHEMA = 'rvemu-stats/1';

export interface FunctionRow {
  name: string;
  /** Start address ("0x..."; the first one when several symbols share the name). */
  address: string;
  exclusive: number;
  /** Present when calls were tracked. */
  inclusive?: number;
  calls?: number;
}

export interface HotBlockRow {
  address: string;
  symbol: string | null;
  /** Times the block ran (counted runs, including partial ones). */
  count: number;
  length: number;
  instructions: number;
  code: { address: string; raw: string; text: string }[];
}

export interface VectorRow {
  mnemonic: string; class: string; sew: number; lmul: string; count: number; elements: number; bytes: number;
}

export interface StatsJson {
  schema: typeof STATS_SCHEMA;
  run: {
    program: string;
    args: string[];
    /** How the run ended: "exit", "limit" (--max-insns) or "error". */
    stop: { kind: 'exit'; code: number } | { kind: 'limit' } | { kind: 'error'; message: string; pc: string };
  };
  /** Instructions retired by the whole run. */
  retired: number;
  /** Instructions counted: equal to `retired` unless a region of interest restricts counting. */
  instructions: number;
  /**
   * Per guest thread. `instructions` is the thread's counted instructions when it is the only thread, its
   * retired instructions when counting is not restricted, else null.
   */
  threads: { pid: number; tid: number; retired: number; instructions: number | null }[];
  /** Per guest process (fork/clone children, in creation order): its program, retired instructions, wait status. */
  processes: ProcessRow[];
  roi: null | { symbols: string[]; markers: { begin: number; end: number } };
  /** Counted instructions per class; every class is present, in a fixed order. */
  classes: Record<string, number>;
  /** Counted instructions per mnemonic (compressed forms under their 32-bit name), most frequent first. */
  mnemonics: Record<string, number>;
  /** Counted instructions that were 16-bit (compressed) encodings. */
  compressed: number;
  memory: {
    scalar: { loadBytes: number; storeBytes: number; atomicBytes: number };
    vector: { loadBytes: number; storeBytes: number };
  };
  vector: { instructions: number; elementOps: number; detail: VectorRow[] };
  /** True when calls were tracked (inclusive counts, calls). */
  callStack: boolean;
  /** Functions with counted instructions, most exclusive instructions first. */
  functions: FunctionRow[];
  /** Present with --hot N. */
  hot?: HotBlockRow[];
  /** Bare mode: retired instructions per privilege mode (M, S, U). */
  privilege?: Record<string, number>;
  /** Host measurements: differ from run to run; ignored by `rvemu diff`. */
  host: { wallSeconds: number; cpuSeconds: number | null; mips: number };
}

export interface ProcessRow {
  pid: number; ppid: number; program: string; retired: number;
  /** How it ended, as a shell shows it (code or 128 + signal); null if it had not ended. */
  exit: number | null;
}

export interface ThreadRow { pid: number; tid: number; retired: number }

export interface ReportContext {
  /** Every thread and process of the run (default: the profiled one only). */
  threads?: readonly ThreadRow[];
  processes?: readonly ProcessRow[];
  program: string;
  args: readonly string[];
  stop: StopReason;
  /** One-line description of an error stop. */
  stopMessage?: string;
  wallSeconds: number;
  cpuSeconds?: number;
  /** Number of hot blocks to include (0 or undefined: none). */
  hot?: number;
  symbolize?: Symbolizer;
  roiSymbols?: readonly string[];
  /** Bare mode: retired instructions per privilege mode. */
  retiredByMode?: Record<string, number>;
}

/** Inclusive instructions and call counts per function index, from the call tree (recursion counted once). */
export function inclusiveCounts(p: Profiler): { inclusive: Float64Array; calls: Float64Array } {
  const n = p.fns.size;
  const inclusive = new Float64Array(n), calls = new Float64Array(n);
  const onPath = new Int32Array(n);
  // Iterative post-order walk: total(node) = self + Σ total(children); a function gets the total of its
  // outermost node on each path.
  interface Item { node: CallNode; kids: CallNode[]; next: number; total: number }
  const items: Item[] = [];
  const open = (node: CallNode): void => {
    if (node.fn >= 0) { onPath[node.fn]++; calls[node.fn] += node.calls; }
    items.push({ node, kids: node.children === undefined ? [] : [...node.children.values()], next: 0, total: node.self });
  };
  open(p.root);
  while (items.length > 0) {
    const top = items[items.length - 1];
    if (top.next < top.kids.length) { open(top.kids[top.next++]); continue; }
    items.pop();
    const fn = top.node.fn;
    if (fn >= 0) {
      onPath[fn]--;
      if (onPath[fn] === 0) inclusive[fn] += top.total;
    }
    if (items.length > 0) items[items.length - 1].total += top.total;
  }
  return { inclusive, calls };
}

function stopJson(ctx: ReportContext): StatsJson['run']['stop'] {
  const s = ctx.stop;
  if (s.kind === 'exit') return { kind: 'exit', code: s.code };
  if (s.kind === 'limit') return { kind: 'limit' };
  return { kind: 'error', message: ctx.stopMessage ?? s.error.message, pc: `0x${hex64(s.pc)}` };
}

const insnText = (t: string): string => t.replace('\t', ' ');

export function buildReport(p: Profiler, ctx: ReportContext): StatsJson {
  const c = p.counts();
  const classes: Record<string, number> = {};
  REPORT_CLASSES.forEach((name, i) => { classes[name] = c.byClass[i]; });
  const mnemonics: Record<string, number> = {};
  for (const [name, n] of [...c.byMnemonic].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || cmp(a[0], b[0]))) mnemonics[name] = n;

  const detail = p.vector.rows();
  let vLoad = 0, vStore = 0, elementOps = 0;
  for (const r of detail) {
    elementOps += r.elements;
    if (r.class === 'vector-store') vStore += r.bytes;
    else if (r.class === 'vector-load') vLoad += r.bytes;
  }
  const vectorInsns = REPORT_CLASSES.reduce((a, name, i) => a + (name.startsWith('vector-') ? c.byClass[i] : 0), 0);

  // Functions: merged by name (addresses change between builds; names are what diff compares).
  const incl = p.stackOn ? inclusiveCounts(p) : undefined;
  const byName = new Map<string, FunctionRow>();
  for (let fn = 0; fn < p.fns.size; fn++) {
    const ex = c.exclusive[fn], inc = incl?.inclusive[fn] ?? 0;
    if (ex === 0 && inc === 0) continue;
    const name = p.fns.names[fn];
    let row = byName.get(name);
    if (row === undefined) {
      const start = p.fns.starts[fn];
      row = { name, address: start < 0 ? '' : `0x${hex64(start)}`, exclusive: 0 };
      if (incl !== undefined) { row.inclusive = 0; row.calls = 0; }
      byName.set(name, row);
    }
    row.exclusive += ex;
    if (incl !== undefined) { row.inclusive! += inc; row.calls! += incl.calls[fn]; }
  }
  const functions = [...byName.values()].sort((a, b) => b.exclusive - a.exclusive || (b.inclusive ?? 0) - (a.inclusive ?? 0) || cmp(a.name, b.name));

  const roiMarkers = p.roi.markers;
  const threads = ctx.threads ?? [{ pid: p.tid, tid: p.tid, retired: c.retired }];
  const retired = ctx.threads !== undefined ? threads.reduce((a, t) => a + t.retired, 0) : c.retired;
  const restricted = p.roiBySymbol || roiMarkers;
  const json: Omit<StatsJson, 'host'> = {
    schema: STATS_SCHEMA,
    run: { program: ctx.program, args: [...ctx.args], stop: stopJson(ctx) },
    retired,
    instructions: c.counted,
    threads: threads.map((t) => ({
      pid: t.pid, tid: t.tid, retired: t.retired,
      instructions: threads.length === 1 ? c.counted : restricted ? null : t.retired,
    })),
    processes: ctx.processes !== undefined ? [...ctx.processes] : [{ pid: p.tid, ppid: p.tid - 1, program: ctx.program, retired, exit: ctx.stop.kind === 'exit' ? ctx.stop.code : null }],
    roi: p.roiBySymbol || roiMarkers
      ? { symbols: [...(ctx.roiSymbols ?? [])], markers: { begin: p.markerBegins, end: p.markerEnds } }
      : null,
    classes,
    mnemonics,
    compressed: c.compressed,
    memory: {
      scalar: { loadBytes: c.loadBytes, storeBytes: c.storeBytes, atomicBytes: c.atomicBytes },
      vector: { loadBytes: vLoad, storeBytes: vStore },
    },
    vector: { instructions: vectorInsns, elementOps, detail },
    callStack: p.stackOn,
    functions,
  };
  if (ctx.retiredByMode !== undefined) json.privilege = { ...ctx.retiredByMode };
  if (ctx.hot !== undefined && ctx.hot > 0) {
    json.hot = p.hotBlocks(ctx.hot).map((b) => ({
      address: `0x${hex64(b.pc)}`,
      symbol: ctx.symbolize?.(b.pc) ?? null,
      count: b.count,
      length: b.length,
      instructions: b.instructions,
      code: b.insns.map((d) => ({
        address: `0x${hex64(d.pc)}`,
        raw: (d.raw >>> 0).toString(16).padStart(d.len * 2, '0'),
        text: insnText(safeDisasm(d, ctx.symbolize)),
      })),
    }));
  }
  // Last, after everything comparable.
  const host = { wallSeconds: ctx.wallSeconds, cpuSeconds: ctx.cpuSeconds ?? null, mips: ctx.wallSeconds > 0 ? retired / ctx.wallSeconds / 1e6 : 0 };
  return { ...json, host };
}

function safeDisasm(d: Parameters<typeof disassemble>[0], sym: Symbolizer | undefined): string {
  try { return disassemble(d, sym); } catch { return `.4byte 0x${(d.raw >>> 0).toString(16)}`; }
}

function cmp(a: string, b: string): number { return a < b ? -1 : a > b ? 1 : 0; }

// ------------------------------------------------------------------ the --stats table

const num = (n: number): string => n.toLocaleString('en-US');
const bytes = (n: number): string => {
  if (n < 1024) return `${n} B`;
  const units = ['KiB', 'MiB', 'GiB', 'TiB'];
  let v = n / 1024, u = 0;
  while (v >= 1024 && u < units.length - 1) { v /= 1024; u++; }
  return `${num(n)} B (${v.toFixed(1)} ${units[u]})`;
};

export interface FormatOptions {
  /** Rows of the mnemonic and function tables (default 12). */
  top?: number;
}

/** The --stats table (no trailing newline). */
export function formatReport(r: StatsJson, opts: FormatOptions = {}): string {
  const top = opts.top ?? 12;
  const total = r.instructions;
  const pct = (n: number, of = total): string => (of > 0 ? ((100 * n) / of).toFixed(1) : '0.0').padStart(5) + '%';
  const row = (label: string, n: number, width = 24): string => `    ${label.padEnd(width)} ${num(n).padStart(16)} ${pct(n)}`;
  const L: string[] = [];
  const w = r.host.wallSeconds;
  L.push(`rvemu: ${num(r.retired)} instructions retired in ${w.toFixed(3)} s (${r.host.mips.toFixed(1)} MIPS)`);
  const multi = r.processes.length > 1;
  if (multi) {
    for (const p of r.processes) {
      L.push(`  process ${p.pid} (${p.program}): ${num(p.retired)} instructions retired${p.exit !== null ? `, exit ${p.exit}` : ''}`);
    }
  }
  for (const t of r.threads) L.push(`  thread ${multi ? `${t.pid}/` : ''}${t.tid}: ${num(t.retired)} instructions retired`);
  if (r.threads.length > 1 && r.instructions !== r.retired && r.roi === null) {
    L.push(`  (the mix below covers the ${num(r.instructions)} instructions of the first program image; other processes' programs are counted above)`);
  }
  if (r.roi !== null) {
    const parts: string[] = [];
    if (r.roi.symbols.length > 0) parts.push(`while ${r.roi.symbols.join(', ')} on the call stack`);
    if (r.roi.markers.begin + r.roi.markers.end > 0) parts.push(`between markers (${r.roi.markers.begin} begin, ${r.roi.markers.end} end)`);
    L.push(`  region of interest: ${num(total)} instructions counted (${pct(total, r.retired).trim()} of the run) ${parts.join(' and ')}`);
    L.push(`  (everything below is for the region of interest)`);
  }
  if (r.privilege !== undefined) {
    L.push('  by privilege mode:');
    for (const [mode, n] of Object.entries(r.privilege)) L.push(`    ${`${mode}-mode`.padEnd(24)} ${num(n).padStart(16)} ${pct(n, r.retired)}`);
  }
  L.push('  instruction classes:');
  for (const [name, n] of Object.entries(r.classes)) if (n > 0) L.push(row(name, n));
  const mn = Object.entries(r.mnemonics);
  L.push(`  top ${Math.min(top, mn.length)} mnemonics (of ${mn.length}):`);
  for (const [name, n] of mn.slice(0, top)) L.push(row(name, n));
  L.push(`  compressed encodings: ${num(r.compressed)} (${pct(r.compressed).trim()})`);
  const m = r.memory;
  L.push(`  memory: scalar loads ${bytes(m.scalar.loadBytes)}, stores ${bytes(m.scalar.storeBytes)}` +
    (m.scalar.atomicBytes > 0 ? `, atomics ${bytes(m.scalar.atomicBytes)}` : ''));
  if (r.vector.instructions > 0) {
    L.push(`  vector: ${num(r.vector.instructions)} instructions (${pct(r.vector.instructions).trim()}), ${num(r.vector.elementOps)} element operations, ` +
      `loads ${bytes(m.vector.loadBytes)}, stores ${bytes(m.vector.storeBytes)}`);
    if (r.vector.detail.length > 0) {
      L.push(`    ${'mnemonic'.padEnd(20)} ${'SEW'.padStart(4)} ${'LMUL'.padStart(4)} ${'count'.padStart(14)} ${'elements'.padStart(16)} ${'bytes'.padStart(16)}`);
      const rows = [...r.vector.detail].sort((a, b) => b.elements - a.elements || b.count - a.count || cmp(a.mnemonic, b.mnemonic));
      for (const v of rows.slice(0, Math.max(top, 20))) {
        L.push(`    ${v.mnemonic.padEnd(20)} ${String(v.sew).padStart(4)} ${v.lmul.padStart(4)} ${num(v.count).padStart(14)} ${num(v.elements).padStart(16)} ${num(v.bytes).padStart(16)}`);
      }
      if (rows.length > Math.max(top, 20)) L.push(`    ... ${rows.length - Math.max(top, 20)} more (see --stats-json)`);
    }
  }
  const fns = r.functions;
  if (fns.length > 0) {
    const inc = r.callStack;
    L.push(`  top ${Math.min(top, fns.length)} functions (of ${fns.length}) by exclusive instructions${inc ? ' (inclusive = with callees)' : ''}:`);
    L.push(`    ${'function'.padEnd(32)} ${'exclusive'.padStart(16)} ${'%'.padStart(6)}` + (inc ? ` ${'inclusive'.padStart(16)} ${'%'.padStart(6)} ${'calls'.padStart(12)}` : ''));
    for (const f of fns.slice(0, top)) {
      let s = `    ${clip(f.name, 32).padEnd(32)} ${num(f.exclusive).padStart(16)} ${pct(f.exclusive)}`;
      if (inc) s += ` ${num(f.inclusive ?? 0).padStart(16)} ${pct(f.inclusive ?? 0)} ${num(f.calls ?? 0).padStart(12)}`;
      L.push(s);
    }
  }
  if (r.hot !== undefined) {
    L.push(`  hot blocks (top ${r.hot.length} by instructions):`);
    r.hot.forEach((b, i) => {
      L.push(`    #${i + 1} ${b.address}${b.symbol ? ` <${b.symbol}>` : ''}: ${num(b.count)} run${b.count === 1 ? '' : 's'} x ${b.length} = ${num(b.instructions)} instructions (${pct(b.instructions).trim()})`);
      for (const c of b.code) L.push(`      ${c.address.slice(2).padStart(10)}:  ${c.raw.padEnd(8)}  ${c.text}`);
    });
  }
  return L.join('\n');
}

function clip(s: string, n: number): string { return s.length <= n ? s : s.slice(0, n - 1) + '…'; }
