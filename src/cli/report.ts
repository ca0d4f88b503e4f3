// The CLI side of counting and profiling: the options, running the guest under the profiler or the
// tracer, writing --stats / --stats-json / --profile output, and the `rvemu diff` subcommand.
import { closeSync, openSync, readFileSync, writeSync } from 'node:fs';
import { extname } from 'node:path';
import type { Options } from 'yargs';
import { UsageError } from '../errors.js';
import type { StopReason } from '../engine/engine.js';
import { describeStop, runProcess, symbolize, type GuestProcess } from '../run.js';
import { Profiler, type ProfilerOptions } from '../profile/profiler.js';
import { containsMarkerWords } from '../profile/roi.js';
import type { Engine } from '../engine/engine.js';
import { bareSymbolize, describeBareStop, runBare, type BareSystem } from '../bare/run.js';
import { buildReport, formatReport, type ProcessRow, type ThreadRow } from '../profile/report.js';
import { foldedStacks, speedscope } from '../profile/flame.js';
import { runTraced, tracedRunner } from '../profile/trace.js';
import { DiffInputError, diffStats, parseThreshold, validateStats, type FailOn } from '../profile/diff.js';

/** Options for counting, profiling and tracing (added to the CLI's option list). */
export const PROFILE_OPTIONS: Record<string, Options> = {
  stats: { type: 'boolean', default: false, describe: 'Print retired instructions, time, MIPS, the instruction mix and the top functions to stderr at exit' },
  'stats-json': { type: 'string', describe: 'Write all statistics as JSON to this file (schema: docs/stats-json.md)' },
  hot: { type: 'number', describe: 'List the N hottest blocks with their disassembly (in the --stats table and the JSON)' },
  profile: { type: 'string', describe: 'Write a call-stack profile weighted by instructions: FILE.json = speedscope, anything else = folded stacks' },
  'call-stack': { type: 'boolean', default: false, describe: 'Track calls and returns for inclusive per-function counts (implied by --profile)' },
  'roi-symbol': { type: 'string', describe: 'Count only while this function is on the call stack' },
  'roi-markers': { type: 'boolean', default: true, describe: 'Honour RVEMU_ROI_BEGIN/END markers in the program (examples/rvemu-roi.h)' },
  trace: { type: 'boolean', default: false, describe: 'Print every retired instruction with its effects to stderr (slow)' },
  'trace-file': { type: 'string', describe: 'Write the --trace log to this file instead of stderr (implies --trace)' },
  'trace-from': { type: 'number', describe: 'Trace from this instruction number on (0 = the first)' },
  'trace-to': { type: 'number', describe: 'Trace up to this instruction number (inclusive)' },
  'trace-symbol': { type: 'string', describe: 'Trace only while this function is on the call stack' },
};

export interface ProfileArgs {
  program?: string;
  args: string[];
  stats: boolean;
  'stats-json'?: string;
  hot?: number;
  profile?: string;
  'call-stack': boolean;
  'roi-symbol'?: string | string[];
  'roi-markers': boolean;
  trace: boolean;
  'trace-file'?: string;
  'trace-from'?: number;
  'trace-to'?: number;
  'trace-symbol'?: string | string[];
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);

function nonNegInt(v: number | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  if (!Number.isInteger(v) || v < 0) throw new UsageError(`--${name} ${v}: expected a whole number >= 0`);
  return v;
}

/** A file opened for writing before the run, so a bad path fails at once rather than after a long run. */
class OutFile {
  private readonly fd: number;
  private buf: string[] = [];
  private size = 0;
  constructor(readonly path: string, fd?: number) {
    if (fd !== undefined) { this.fd = fd; return; }
    try { this.fd = openSync(path, 'w'); } catch (e) {
      throw new UsageError(`cannot write ${path}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
  }
  write(s: string): void {
    this.buf.push(s); this.size += s.length;
    if (this.size >= 1 << 16) this.flush();
  }
  flush(): void {
    if (this.buf.length === 0) return;
    const text = this.buf.join('');
    this.buf = []; this.size = 0;
    writeSync(this.fd, text);
  }
  close(): void {
    this.flush();
    if (this.fd > 2) closeSync(this.fd);
  }
}

/** What counting and profiling need of a run, in Linux mode and in bare mode alike. */
export interface ProfiledRun {
  readonly engine: Engine;
  /** A profiler over the program's symbols. */
  profiler(opts: ProfilerOptions): Profiler;
  run(maxInsns: number): StopReason;
  /** Run with each thread's turns going through runThread (tracing); absent: one hart, traced directly. */
  runThreads?(maxInsns: number, runThread: (engine: Engine, limit: number) => StopReason): StopReason;
  describeStop(stop: StopReason): string;
  symbolize(pc: number): string | undefined;
  /** Retired instructions per privilege mode (bare mode). */
  retiredByMode?(): Record<string, number>;
  /** Every thread and process of the run (Linux mode). */
  rows?(): { threads: ThreadRow[]; processes: ProcessRow[] };
}

export function linuxRun(p: GuestProcess): ProfiledRun {
  return {
    engine: p.engine,
    profiler: (opts) => Profiler.forProcess(p, opts),
    run: (maxInsns) => runProcess(p, maxInsns),
    runThreads: (maxInsns, runThread) => runProcess(p, maxInsns, runThread),
    describeStop: (stop) => describeStop(p, stop),
    symbolize: (pc) => symbolize(p, pc),
    rows: () => runRows(p),
  };
}

export function bareRun(s: BareSystem): ProfiledRun {
  return {
    engine: s.engine,
    profiler: (opts) => new Profiler(s.engine, [s.elf.symbols], { markersPossible: containsMarkerWords(s.elf), ...opts }),
    run: (maxInsns) => runBare(s, maxInsns),
    describeStop: (stop) => describeBareStop(s, stop),
    symbolize: (pc) => bareSymbolize(s, pc),
    retiredByMode: () => s.machine.retiredByMode(s.hart.instret),
  };
}

/** Counting/profiling/tracing for one CLI run; undefined from start() when no such option is given. */
export class ProfileSession {
  private readonly prof: Profiler | undefined;
  private readonly jsonOut: OutFile | undefined;
  private readonly profileOut: OutFile | undefined;
  private readonly traceOut: OutFile | undefined;
  private cpu0 = process.cpuUsage();

  private constructor(private readonly p: ProfiledRun, private readonly a: ProfileArgs) {
    const hot = nonNegInt(a.hot, 'hot');
    const from = nonNegInt(a['trace-from'], 'trace-from'), to = nonNegInt(a['trace-to'], 'trace-to');
    if (from !== undefined && to !== undefined && to < from) throw new UsageError(`--trace-to ${to} is before --trace-from ${from}`);
    const wantsCounts = a.stats || a['stats-json'] !== undefined || a.profile !== undefined || a['call-stack'] ||
      list(a['roi-symbol']).length > 0 || hot !== undefined;
    const traceSymbols = list(a['trace-symbol']);
    if (wantsCounts || traceSymbols.length > 0) {
      this.prof = p.profiler({
        callStack: a.profile !== undefined || a['call-stack'],
        roiSymbols: list(a['roi-symbol']),
        traceSymbols,
        markers: a['roi-markers'],
      });
    }
    if (a.profile !== undefined) this.profileOut = new OutFile(a.profile);
    if (a['stats-json'] !== undefined) this.jsonOut = new OutFile(a['stats-json']);
    if (a['trace-file'] !== undefined) this.traceOut = new OutFile(a['trace-file']);
    else if (a.trace || traceSymbols.length > 0 || from !== undefined || to !== undefined) this.traceOut = new OutFile('<stderr>', 2);
  }

  static start(p: ProfiledRun, a: ProfileArgs): ProfileSession | undefined {
    const any = a.stats || a['stats-json'] !== undefined || a.profile !== undefined || a['call-stack'] || a.hot !== undefined ||
      a['roi-symbol'] !== undefined || a.trace || a['trace-file'] !== undefined || a['trace-symbol'] !== undefined ||
      a['trace-from'] !== undefined || a['trace-to'] !== undefined;
    return any ? new ProfileSession(p, a) : undefined;
  }

  run(maxInsns: number): StopReason {
    this.prof?.attach();
    this.cpu0 = process.cpuUsage();
    if (this.traceOut === undefined) return this.p.run(maxInsns);
    const out = this.traceOut;
    const opts = {
      from: this.a['trace-from'], to: this.a['trace-to'], bySymbol: list(this.a['trace-symbol']).length > 0,
      write: (s: string) => out.write(s), symbolize: (pc: number) => this.p.symbolize(pc),
    };
    if (this.p.runThreads !== undefined) return this.p.runThreads(maxInsns, tracedRunner(this.prof, opts));
    return runTraced(this.p.engine, this.prof, opts, maxInsns);
  }

  /** Write everything asked for. Call once, after run(). */
  finish(stop: StopReason, wallSeconds: number): void {
    const cpu = process.cpuUsage(this.cpu0);
    this.traceOut?.close();
    const prof = this.prof;
    if (prof === undefined) return;
    prof.finish();
    const a = this.a;
    // --hot, --call-stack or --roi-symbol alone would show nothing: they print the table as --stats does.
    const table = a.stats || (this.jsonOut === undefined && this.profileOut === undefined &&
      (a.hot !== undefined || a['call-stack'] || a['roi-symbol'] !== undefined));
    if (table || this.jsonOut !== undefined) {
      const report = buildReport(prof, {
        program: a.program ?? '', args: a.args, stop,
        stopMessage: stop.kind === 'error' ? this.p.describeStop(stop) : undefined,
        wallSeconds, cpuSeconds: (cpu.user + cpu.system) / 1e6, hot: a.hot,
        symbolize: (pc) => this.p.symbolize(pc), roiSymbols: list(a['roi-symbol']),
        retiredByMode: this.p.retiredByMode?.(),
        ...this.p.rows?.(),
      });
      if (table) process.stderr.write(formatReport(report) + '\n');
      if (this.jsonOut !== undefined) { this.jsonOut.write(JSON.stringify(report, null, 2) + '\n'); this.jsonOut.close(); }
    }
    if (this.profileOut !== undefined) {
      const name = a.program ?? 'program';
      const text = extname(this.profileOut.path).toLowerCase() === '.json'
        ? JSON.stringify(speedscope(prof, name, 'rvemu')) + '\n'
        : foldedStacks(prof);
      this.profileOut.write(text);
      this.profileOut.close();
    }
  }
}

/** Every thread and process of the run, for the report. */
function runRows(p: GuestProcess): { threads: ThreadRow[]; processes: ProcessRow[] } {
  const k = p.system.kernel;
  const threads = k.allThreads.map((t) => ({ pid: t.proc.pid, tid: t.tid, retired: t.hart.instret }));
  const processes = k.allProcesses.map((proc) => ({
    pid: proc.pid, ppid: proc.ppid, program: proc.exePath,
    retired: threads.filter((t) => t.pid === proc.pid).reduce((a, t) => a + t.retired, 0),
    exit: proc.zombie ? proc.exitCode : null,
  }));
  return { threads, processes };
}

// ------------------------------------------------------------------ rvemu diff

const DIFF_USAGE = `Usage: rvemu diff <base.json> <new.json> [--threshold PCT] [--fail-on all|total|classes|functions]

Compares two --stats-json files: total, per-class and per-function (exclusive) instruction counts.
Exit status: 0 when no count rose by more than the threshold (default 0%: any rise), 1 when one did,
2 for bad input.`;

/** `rvemu diff ...`: returns the exit status. */
export function runDiff(argv: readonly string[], out: (s: string) => void = (s) => process.stdout.write(s), err: (s: string) => void = (s) => process.stderr.write(s)): number {
  const files: string[] = [];
  let threshold = 0;
  let failOn: FailOn = 'all';
  try {
    for (let i = 0; i < argv.length; i++) {
      const a = argv[i];
      const value = (): string => {
        const eq = a.indexOf('=');
        if (eq >= 0) return a.slice(eq + 1);
        if (i + 1 >= argv.length) throw new DiffInputError(`${a} needs a value`);
        return argv[++i];
      };
      if (a === '-h' || a === '--help') { out(DIFF_USAGE + '\n'); return 0; }
      if (a === '--threshold' || a.startsWith('--threshold=')) threshold = parseThreshold(value());
      else if (a === '--fail-on' || a.startsWith('--fail-on=')) {
        const v = value();
        if (v !== 'all' && v !== 'total' && v !== 'classes' && v !== 'functions') throw new DiffInputError(`--fail-on '${v}': expected all, total, classes or functions`);
        failOn = v;
      } else if (a.startsWith('-') && a !== '-') throw new DiffInputError(`unknown option ${a}`);
      else files.push(a);
    }
    if (files.length !== 2) throw new DiffInputError(`expected two files, got ${files.length}`);
    const [base, next] = files.map((f) => validateStats(readJson(f), f));
    const r = diffStats(base, next, { threshold, failOn });
    out(r.text + '\n');
    return r.regressions.length > 0 ? 1 : 0;
  } catch (e) {
    if (e instanceof DiffInputError) { err(`rvemu diff: ${e.message}\n${e.message.startsWith('expected two') || e.message.startsWith('unknown option') ? DIFF_USAGE + '\n' : ''}`); return 2; }
    throw e;
  }
}

function readJson(path: string): unknown {
  let text: string;
  try { text = readFileSync(path, 'utf8'); } catch (e) {
    throw new DiffInputError(`${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try { return JSON.parse(text); } catch (e) {
    throw new DiffInputError(`${path}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
  }
}
