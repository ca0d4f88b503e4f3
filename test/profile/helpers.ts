// Running a guest in-process under the profiler (and optionally the tracer), with captured stdio and a
// fixed environment, so counts and traces are reproducible.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { createProcess, runProcess, type GuestProcess } from '../../src/run.js';
import type { EngineOptions } from '../../src/engine/engine.js';
import type { StopReason } from '../../src/engine/engine.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';
import { Profiler, type ProfilerOptions } from '../../src/profile/profiler.js';
import { runTraced, type TraceOptions } from '../../src/profile/trace.js';
import { buildReport, type StatsJson } from '../../src/profile/report.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';
import { ROOT } from '../helpers/paths.js';

export const FIXTURES = join(ROOT, 'test', 'profile', 'fixtures', 'bin');
export const fixture = (name: string): string => join(FIXTURES, name);
export const program = (name: string): string => join(ROOT, 'test', 'programs', 'bin', name);

export interface ProfiledRun {
  proc: GuestProcess;
  prof: Profiler;
  stop: StopReason;
  stdout: string;
  trace: string;
  report: (hot?: number) => StatsJson;
}

export interface RunOptions {
  args?: string[];
  maxInsns?: number;
  /** Run in slices of this many instructions (as the test helper and long runs do). */
  slice?: number;
  trace?: Omit<TraceOptions, 'write'>;
  /** Engine settings (e.g. translate every block at once: { jitThreshold: 0 }; interpret: { jit: false }). */
  engine?: EngineOptions;
}

export function load(elf: string | Uint8Array, args: string[] = [], engine?: EngineOptions): GuestProcess {
  const bytes = typeof elf === 'string' ? new Uint8Array(readFileSync(elf)) : elf;
  const path = typeof elf === 'string' ? elf : 'prog';
  return createProcess(new CaptureHost(''), bytes, {
    path, exePath: path, argv: [path, ...args], envp: [], isa: parseIsa(DEFAULT_ISA),
    seed: 0, hostTime: false, strict: false, stdio: CAPTURE_STDIO, engine,
  });
}

export function profiled(elf: string | Uint8Array, popts: ProfilerOptions = {}, ropts: RunOptions = {}): ProfiledRun {
  const proc = load(elf, ropts.args, ropts.engine);
  const prof = Profiler.forProcess(proc, popts).attach();
  const lines: string[] = [];
  const max = ropts.maxInsns ?? 2e8;
  let stop: StopReason;
  if (ropts.trace !== undefined) {
    stop = runTraced(proc.engine, prof, { symbolize: (pc) => proc.system.symbolize?.(pc), ...ropts.trace, write: (s) => lines.push(s) }, max);
  }
  else if (ropts.slice !== undefined) {
    for (;;) {
      stop = runProcess(proc, Math.min(max, proc.hart.instret + ropts.slice));
      if (stop.kind !== 'limit' || proc.hart.instret >= max) break;
    }
  } else stop = runProcess(proc, max);
  prof.finish();
  const host = proc.system.host as unknown as CaptureHost;
  const stdout = host.stdout.toString('utf8');
  const report = (hot?: number): StatsJson => buildReport(prof, {
    program: typeof elf === 'string' ? elf : 'prog', args: ropts.args ?? [], stop, wallSeconds: 0, hot,
    symbolize: (pc) => proc.system.symbolize?.(pc),
  });
  return { proc, prof, stop, stdout, trace: lines.join(''), report };
}

/** Exclusive/inclusive/calls per function name from a report. */
export function fnTable(r: StatsJson): Record<string, { exclusive: number; inclusive?: number; calls?: number }> {
  const out: Record<string, { exclusive: number; inclusive?: number; calls?: number }> = {};
  for (const f of r.functions) {
    out[f.name] = { exclusive: f.exclusive };
    if (f.inclusive !== undefined) { out[f.name].inclusive = f.inclusive; out[f.name].calls = f.calls; }
  }
  return out;
}
