// A real multi-threaded Go program: esbuild (linux-riscv64, from the npm registry, cached outside the
// repository by scripts/distro/fetch-esbuild.sh) bundles a small TypeScript project. The Go runtime starts
// several threads before main, preempts goroutines with signals and parks threads on futexes; the bundle
// must be right and every run must retire exactly the same instructions in every thread.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliAsync } from '../helpers/cli.js';

const FETCH = fileURLToPath(new URL('../../scripts/distro/fetch-esbuild.sh', import.meta.url));
let ESBUILD = '';
try { ESBUILD = execFileSync('bash', [FETCH, '--path'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* absent */ }
if (ESBUILD === '') console.warn('esbuild.test: skipped (run scripts/distro/fetch-esbuild.sh to fetch esbuild for riscv64)');

describe.skipIf(ESBUILD === '')('esbuild (Go, linux-riscv64)', () => {
  // Inside the cache, so the directories esbuild looks through (for tsconfig.json, package.json) hold
  // the same files on every run.
  const proj = join(ESBUILD, '..', '..', '..', 'project');
  beforeAll(() => {
    ensureBuilt();
    rmSync(proj, { recursive: true, force: true });
    mkdirSync(join(proj, 'src'), { recursive: true });
    writeFileSync(join(proj, 'src', 'main.ts'), "import { greet } from './greet';\nexport const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);\nconsole.log(greet('riscv'), sum([1, 2, 3]));\n");
    writeFileSync(join(proj, 'src', 'greet.ts'), "export function greet(name: string): string { return `hello, ${name}`; }\n");
  }, 180_000);

  it('bundles and minifies TypeScript; three runs retire identical counts per thread', async () => {
    const runs: { out: string; retired: number; threads: { tid: number; retired: number }[] }[] = [];
    for (const i of [0, 1, 2]) {
      const stats = join(proj, `..`, `stats${i}.json`);
      const r = await runCliAsync(['--stats-json', stats, ESBUILD, join(proj, 'src', 'main.ts'), '--bundle', '--minify'], { cwd: proj, timeoutMs: 300_000 });
      expect(r.status, r.stderr).toBe(0);
      const j = JSON.parse(readFileSync(stats, 'utf8')) as { retired: number; threads: { tid: number; retired: number }[] };
      runs.push({ out: r.stdout, retired: j.retired, threads: j.threads });
    }
    // What esbuild 0.28.2 prints natively on x86-64 for the same project.
    expect(runs[0].out).toBe('(()=>{function e(r){return`hello, ${r}`}var n=r=>r.reduce((o,t)=>o+t,0);console.log(e("riscv"),n([1,2,3]));})();\n');
    expect(runs[0].threads.length).toBeGreaterThanOrEqual(3);
    for (const r of runs.slice(1)) {
      expect(r.out).toBe(runs[0].out);
      expect(r.retired).toBe(runs[0].retired);
      expect(r.threads).toEqual(runs[0].threads);
    }
  }, 600_000);
});
