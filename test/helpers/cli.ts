// Running the built command-line tool (dist/cli/main.js) as a child process.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { CLI, ROOT } from './paths.js';

export interface CliRun { status: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string; stdoutBytes: Buffer }

export function runCli(
  args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): CliRun {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: opts.cwd ?? ROOT, input: opts.input ?? '', env: opts.env ?? process.env, timeout: opts.timeoutMs ?? 120_000, maxBuffer: 64 << 20,
  });
  if (r.error) throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), stdoutBytes: r.stdout };
}

/**
 * runCli without blocking the test worker: for runs that may take long. (A worker that blocks for a
 * minute misses vitest's own messages and the run fails with "Timeout calling onTaskUpdate".)
 */
export function runCliAsync(
  args: readonly string[], opts: { input?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string } = {},
): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], { cwd: opts.cwd ?? ROOT, env: opts.env ?? process.env });
    const out: Buffer[] = [], err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), opts.timeoutMs ?? 120_000);
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    child.on('close', (status, signal) => {
      clearTimeout(timer);
      const stdout = Buffer.concat(out);
      resolve({ status, signal, stdout: stdout.toString('utf8'), stderr: Buffer.concat(err).toString('utf8'), stdoutBytes: stdout });
    });
    child.stdin.end(opts.input ?? '');
  });
}

function newestMtime(dir: string): number {
  let t = 0;
  for (const ent of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, ent.name);
    t = Math.max(t, ent.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Make sure dist/ reflects src/ (`npm test` builds first; this covers running the file on its own).
 * Type errors do not stop tsc from emitting, and are reported by `npm test`'s own tsc step, so only a
 * missing output is an error here.
 */
export function ensureBuilt(): void {
  if (existsSync(CLI) && statSync(CLI).mtimeMs >= newestMtime(join(ROOT, 'src'))) return;
  const tsc = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  const r = spawnSync(process.execPath, [tsc, '-p', join(ROOT, 'tsconfig.json')], { cwd: ROOT, encoding: 'utf8' });
  if (!existsSync(CLI)) throw new Error(`building dist/ failed:\n${r.stdout}${r.stderr}`);
}
