// The qemu-riscv64 (QEMU 10.x) oracle: finding it and running a fixture under it.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from './paths.js';
import type { FixtureJob } from './run-guest.js';

/** Path of the oracle (RVEMU_QEMU, else what scripts/oracle-path.sh finds), or undefined. */
export function findOracle(): string | undefined {
  const env = process.env.RVEMU_QEMU;
  if (env) {
    try { accessSync(env, constants.X_OK); return env; } catch { return undefined; }
  }
  const r = spawnSync('bash', [join(ROOT, 'scripts', 'oracle-path.sh')], { encoding: 'utf8' });
  const p = r.status === 0 ? r.stdout.trim() : '';
  return p !== '' ? p : undefined;
}

export interface OracleRun {
  /** Exit status, or 128+signal if qemu itself was killed by one. */
  exit: number;
  stdout: Buffer;
  stderr: Buffer;
  leftovers: string[];
  error?: string;
}


const SIGNALS: Record<string, number> = { SIGKILL: 9, SIGSEGV: 11, SIGABRT: 6, SIGTERM: 15, SIGILL: 4, SIGBUS: 7 };

/** Run one program under qemu with exactly the given environment (plus TMPDIR when asked), from the repository root. */
export function runOracle(qemu: string, job: FixtureJob, timeoutMs = 120_000): Promise<OracleRun> {
  const tmp = job.needsTmpdir ? mkdtempSync(join(tmpdir(), 'rvemu-oracle-')) : undefined;
  const env: Record<string, string> = { ...(job.env ?? {}) };
  if (tmp !== undefined) env.TMPDIR = tmp;
  return new Promise((resolve) => {
    const child = spawn(qemu, [job.path, ...(job.args ?? [])], { cwd: ROOT, env, stdio: ['pipe', 'pipe', 'pipe'], timeout: timeoutMs });
    const out: Buffer[] = [], err: Buffer[] = [];
    let spawnError: string | undefined;
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => { /* the program need not read all of its input */ });
    child.stdin.end(job.stdin ?? '');
    child.on('error', (e) => { spawnError = e.message; });
    child.on('close', (code, signal) => {
      let leftovers: string[] = [];
      if (tmp !== undefined) { leftovers = readdirSync(tmp); rmSync(tmp, { recursive: true, force: true }); }
      resolve({
        exit: code ?? 128 + (signal !== null ? SIGNALS[signal] ?? 0 : 0),
        stdout: Buffer.concat(out), stderr: Buffer.concat(err), leftovers,
        error: spawnError ?? (signal !== null ? `qemu killed by ${signal}` : undefined),
      });
    });
  });
}

/** Runs jobs with at most `limit` qemu processes at a time. */
export class OraclePool {
  private running = 0;
  private readonly queue: (() => void)[] = [];
  constructor(private readonly qemu: string, private readonly limit: number) {}

  run(job: FixtureJob): Promise<OracleRun> {
    return new Promise((resolve) => {
      const start = () => {
        this.running++;
        void runOracle(this.qemu, job).then((r) => {
          this.running--;
          this.queue.shift()?.();
          resolve(r);
        });
      };
      if (this.running < this.limit) start(); else this.queue.push(start);
    });
  }
}
