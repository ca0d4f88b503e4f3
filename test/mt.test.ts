// Threads, processes, futexes and signals: every program in test/programs/mt/manifest.json runs RUNS times
// through the command-line tool with --stats-json. Each run must print exactly what qemu-riscv64 printed
// (expected/<name>.out) and exit with the manifest's status; and since scheduling is deterministic, the
// runs must retire identical instruction counts (in total and per thread) and write identical statistics
// apart from the host measurements. A run with a fresh directory ({tmp}) gets the same path every time,
// so nothing the guest sees differs between runs.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliAsync, type CliRun } from './helpers/cli.js';
import { MT_DIR, fillMtPlaceholders, mtManifest, type MtEntry } from './helpers/paths.js';
import { firstDifference } from './helpers/run-guest.js';

const RUNS = 3;
const RUN_TIMEOUT_MS = 180_000;

interface Stats { retired: number; threads: { tid: number; retired: number; instructions: number }[]; host?: unknown; [k: string]: unknown }
interface MtRun { cli: CliRun; stats?: Stats; statsError?: string }

let scratch = '';
beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'rvemu-mt-'));
}, 180_000);
afterAll(() => { if (scratch) rmSync(scratch, { recursive: true, force: true }); });

async function runOnce(e: MtEntry, run: number): Promise<MtRun> {
  const work = e.tmpdir ? join(scratch, e.name) : undefined;
  if (work !== undefined) { rmSync(work, { recursive: true, force: true }); mkdirSync(work); }
  const statsFile = join(scratch, `${e.name}.${run}.stats.json`);
  const env = Object.fromEntries(Object.entries(e.env ?? {}).map(([k, v]) => [k, fillMtPlaceholders(v, work)]));
  const prog = join(MT_DIR, 'bin', e.bin ?? e.name);
  const cli = await runCliAsync(['--stats-json', statsFile, prog, ...e.args.map((a) => fillMtPlaceholders(a, work))], {
    input: e.stdin ?? '', env, timeoutMs: RUN_TIMEOUT_MS,
    cwd: e.cwd !== undefined ? fillMtPlaceholders(e.cwd, work) : MT_DIR,
  });
  try {
    return { cli, stats: JSON.parse(readFileSync(statsFile, 'utf8')) as Stats };
  } catch (err) {
    return { cli, statsError: err instanceof Error ? err.message : String(err) };
  }
}

function explain(r: MtRun): string {
  const tail = (s: string) => JSON.stringify(s.slice(-600));
  return `status ${r.cli.status ?? 'signal ' + String(r.cli.signal)}; stderr ${tail(r.cli.stderr)}; stdout ${tail(r.cli.stdout)}` +
    (r.statsError !== undefined ? `; stats: ${r.statsError}` : `; retired ${r.stats?.retired}`);
}

function withoutHost(s: Stats): Omit<Stats, 'host'> {
  const { host: _host, ...rest } = s;
  return rest;
}

describe(`test/programs/mt (threads, processes, signals; CLI, ${RUNS} runs each)`, () => {
  for (const e of mtManifest()) {
    it(`${e.name}: stdout as under qemu, exit ${e.exit}, identical counts in ${RUNS} runs`, async () => {
      const want = readFileSync(join(MT_DIR, 'expected', `${e.name}.out`));
      const runs: MtRun[] = [];
      for (let i = 0; i < RUNS; i++) {
        const r = await runOnce(e, i);
        runs.push(r);
        const why = `run ${i + 1} of ${e.name}: ${explain(r)}`;
        expect(firstDifference(r.cli.stdoutBytes, want), `stdout vs expected/${e.name}.out (${why})`).toBeUndefined();
        expect(r.cli.status, `exit status (${why})`).toBe(e.exit);
        expect(r.stats, `--stats-json file (${why})`).toBeDefined();
        expect(r.stats!.retired, `retired instructions (${why})`).toBeGreaterThan(0);
      }
      const first = runs[0].stats!;
      for (let i = 1; i < RUNS; i++) {
        const s = runs[i].stats!;
        expect(s.retired, `retired instructions, run ${i + 1} vs run 1`).toBe(first.retired);
        expect(s.threads, `per-thread counts, run ${i + 1} vs run 1`).toEqual(first.threads);
        expect(withoutHost(s), `statistics apart from "host", run ${i + 1} vs run 1`).toEqual(withoutHost(first));
      }
    }, RUNS * RUN_TIMEOUT_MS);
  }
});
