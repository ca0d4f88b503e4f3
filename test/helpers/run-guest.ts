// Running a guest program inside the test process (no Node start-up per program), with captured stdio.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createProcess, runProcess, describeStop, type GuestProcess } from '../../src/run.js';
import type { StopReason } from '../../src/engine/engine.js';
import { collectStats } from '../../src/profile/stats.js';
import { RvemuError } from '../../src/errors.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';
import { CaptureHost, CAPTURE_STDIO } from './capture-host.js';
import { programPath, type ProgramEntry } from './paths.js';

/** Far above any fixture (the longest retire well under 1e9); it only keeps a looping emulator bug from running forever. */
export const DEFAULT_MAX_INSNS = 5_000_000_000;
/** The CLI's status for --max-insns. */
export const EXIT_LIMIT = 124;

export interface GuestRunOptions {
  /** argv[1..]; argv[0] is `path`. */
  args?: readonly string[];
  /** The complete guest environment. */
  env?: Readonly<Record<string, string>>;
  stdin?: string | Uint8Array;
  isa?: string;
  /** Vector register width in bits (with V in isa). */
  vlen?: number;
  seed?: number;
  maxInsns?: number;
  strict?: boolean;
  /** Also record the state at the first block boundary at or after this many instructions. */
  snapshotAt?: number;
}

/** Architectural state at a point of a run, for comparing runs without running them to the end. */
export interface Snapshot {
  instret: number;
  pc: number;
  x: number[];
  f: number[];
  fcsr: number;
  stdoutBytes: number;
  stderrBytes: number;
}

function snapshot(p: GuestProcess, host: CaptureHost): Snapshot {
  return {
    instret: p.hart.instret, pc: p.hart.pc, x: [...p.hart.x.subarray(0, 64)], f: [...p.hart.fi], fcsr: p.hart.fcsr,
    stdoutBytes: host.stdout.length, stderrBytes: host.stderr.length,
  };
}

export interface GuestRun {
  /** Exit status as the CLI would report it (the guest's own, 128+signal, 124 for the limit, 126 bad ELF...). */
  exit: number;
  stdout: Buffer;
  stderr: Buffer;
  /** stdout and stderr bytes in the order they were written. */
  combined: Buffer;
  /** How the run ended; undefined when the program could not even be loaded. */
  stop?: StopReason;
  /** The CLI's one-line message for anything but a normal exit ("segmentation fault at ..."). */
  message?: string;
  /** hart.instret at the end. */
  instret: number;
  /** Retired instructions from the engine's block counts (what --stats reports). */
  counted: number;
  warnings: string[];
  proc?: GuestProcess;
  seconds: number;
  /** State at opts.snapshotAt, if the run got that far. */
  snapshot?: Snapshot;
}

const fileCache = new Map<string, Uint8Array>();
export function readElf(path: string): Uint8Array {
  let b = fileCache.get(path);
  if (b === undefined) { b = new Uint8Array(readFileSync(path)); fileCache.set(path, b); }
  return b;
}

/** Load the program without running it (for inspecting the initial state). */
export function loadGuest(path: string, opts: GuestRunOptions = {}, host = new CaptureHost(opts.stdin ?? '')): GuestProcess {
  return createProcess(host, readElf(path), {
    path, exePath: path,
    argv: [path, ...(opts.args ?? [])],
    envp: Object.entries(opts.env ?? {}).map(([k, v]) => `${k}=${v}`),
    isa: parseIsa(opts.isa ?? DEFAULT_ISA),
    seed: opts.seed ?? 0, hostTime: false, strict: opts.strict ?? false,
    stdio: CAPTURE_STDIO, vlen: opts.vlen,
  });
}

/**
 * Instructions per slice of a run. Between slices the test worker's event loop gets a turn: a worker that
 * blocks for a minute loses contact with the test runner.
 */
const SLICE = 20_000_000;

/** Run an ELF in-process to completion (or to the instruction limit). Internal errors (bugs) propagate. */
export async function runGuest(path: string, opts: GuestRunOptions = {}): Promise<GuestRun> {
  const host = new CaptureHost(opts.stdin ?? '');
  const t0 = performance.now();
  let proc: GuestProcess;
  try {
    proc = loadGuest(path, opts, host);
  } catch (e) {
    if (!(e instanceof RvemuError)) throw e;
    return {
      exit: e.exitCode, stdout: host.stdout, stderr: host.stderr, combined: host.combined, message: e.message,
      instret: 0, counted: 0, warnings: host.warnings, seconds: (performance.now() - t0) / 1000,
    };
  }
  const max = opts.maxInsns ?? DEFAULT_MAX_INSNS;
  let snap: Snapshot | undefined;
  let stop: StopReason;
  for (;;) {
    let until = Math.min(max, proc.hart.instret + SLICE);
    const wantSnap = opts.snapshotAt !== undefined && snap === undefined;
    if (wantSnap && opts.snapshotAt! < until) until = opts.snapshotAt!;
    stop = runProcess(proc, until);
    if (wantSnap && stop.kind === 'limit' && proc.hart.instret >= opts.snapshotAt!) snap = snapshot(proc, host);
    if (stop.kind !== 'limit' || proc.hart.instret >= max) break;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  const seconds = (performance.now() - t0) / 1000;
  let exit: number, message: string | undefined;
  if (stop.kind === 'exit') exit = stop.code & 0xff;
  else if (stop.kind === 'limit') { exit = EXIT_LIMIT; message = describeStop(proc, stop); }
  else { exit = stop.error.exitCode; message = describeStop(proc, stop); }
  return {
    exit, stdout: host.stdout, stderr: host.stderr, combined: host.combined, stop, message,
    instret: proc.hart.instret, counted: collectStats(proc.engine).instructions,
    warnings: host.warnings, proc, seconds, snapshot: snap,
  };
}

/** A program invocation as the fixtures' manifests describe it. */
export interface FixtureJob {
  path: string;
  args?: readonly string[];
  /** The complete environment (TMPDIR is added when needsTmpdir). */
  env?: Readonly<Record<string, string>>;
  stdin?: string;
  /** Give the program a fresh empty TMPDIR; `leftovers` lists what it left there. */
  needsTmpdir?: boolean;
}

export function jobOf(e: ProgramEntry): FixtureJob {
  return { path: programPath(e), args: e.args, env: e.env ?? {}, stdin: e.stdin ?? '', needsTmpdir: e.needsTmpdir };
}

/** Run a fixture in-process the way the oracle ran it. */
export async function runJob(job: FixtureJob, opts: GuestRunOptions = {}): Promise<GuestRun & { leftovers: string[] }> {
  const tmp = job.needsTmpdir ? mkdtempSync(join(tmpdir(), 'rvemu-test-')) : undefined;
  try {
    const env = { ...(job.env ?? {}), ...(tmp !== undefined ? { TMPDIR: tmp } : {}) };
    const r = await runGuest(job.path, { ...opts, args: job.args ?? [], env, stdin: job.stdin ?? '' });
    return { ...r, leftovers: tmp !== undefined ? readdirSync(tmp) : [] };
  } finally {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  }
}

/** Run a test/programs manifest entry: its args, exactly its environment, its stdin, a fresh TMPDIR if needed. */
export function runEntry(e: ProgramEntry, opts: GuestRunOptions = {}): Promise<GuestRun & { leftovers: string[] }> {
  return runJob(jobOf(e), opts);
}

/** A few lines that say what happened, for assertion messages. */
export function explain(r: GuestRun, tailBytes = 600): string {
  const parts = [`exit ${r.exit}`];
  if (r.message !== undefined) parts.push(`rvemu: ${r.message}`);
  if (r.warnings.length) parts.push(`warnings: ${r.warnings.join(' | ')}`);
  parts.push(`instret ${r.instret}`);
  const tail = r.combined.subarray(Math.max(0, r.combined.length - tailBytes)).toString('utf8');
  if (tail.length) parts.push(`last output: ${JSON.stringify(tail)}`);
  return parts.join('; ');
}

/** Where two byte strings first differ, with some context, for readable failures on long outputs. */
export function firstDifference(got: Uint8Array, want: Uint8Array): string | undefined {
  const n = Math.min(got.length, want.length);
  let i = 0;
  while (i < n && got[i] === want[i]) i++;
  if (i === n && got.length === want.length) return undefined;
  const g = Buffer.from(got), w = Buffer.from(want);
  const lineStart = Math.max(0, g.lastIndexOf(10, i - 1) + 1);
  const lineNo = g.subarray(0, i).toString('latin1').split('\n').length;
  const ctx = (b: Buffer) => JSON.stringify(b.subarray(lineStart, Math.min(b.length, i + 80)).toString('utf8'));
  return `first difference at byte ${i} (line ${lineNo}; got ${got.length} bytes, want ${want.length}):\n` +
    `  got:  ${ctx(g)}\n  want: ${ctx(w)}`;
}
