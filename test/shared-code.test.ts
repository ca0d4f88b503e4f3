// Code shared between the processes of a run (src/engine/code-cache.ts) must change nothing but speed: the
// multi-process fixtures print the same, and write the same statistics apart from "host" (per process, per
// thread, per mnemonic, the hottest blocks), with sharing (the default), with --no-share-code, and
// interpreted (--no-jit). codeshare runs different code at the same addresses in several processes: a
// forked child that rewrites a function its parent keeps calling, and exec'd programs with the same layout
// and other bits.
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCliAsync } from './helpers/cli.js';
import { MT_DIR, fillMtPlaceholders, mtManifest } from './helpers/paths.js';
import { firstDifference } from './helpers/run-guest.js';

const ENTRIES = ['codeshare', 'codeshare_b', 'msh_script', 'exec_self', 'forkpipe'];
const MODES: readonly (readonly string[])[] = [[], ['--no-share-code'], ['--no-jit']];
const RUN_TIMEOUT_MS = 180_000;

let scratch = '';
beforeAll(() => {
  ensureBuilt();
  scratch = mkdtempSync(join(tmpdir(), 'rvemu-shared-code-'));
}, 180_000);
afterAll(() => { if (scratch) rmSync(scratch, { recursive: true, force: true }); });

describe('code shared between processes changes no result and no count', () => {
  for (const e of mtManifest().filter((m) => ENTRIES.includes(m.name))) {
    it(`${e.name}: same stdout and statistics shared, unshared and interpreted`, async () => {
      const want = readFileSync(join(MT_DIR, 'expected', `${e.name}.out`));
      const stats: string[] = [];
      for (const [i, mode] of MODES.entries()) {
        const work = e.tmpdir ? join(scratch, e.name) : undefined;
        if (work !== undefined) { rmSync(work, { recursive: true, force: true }); mkdirSync(work); }
        const statsFile = join(scratch, `${e.name}.${i}.json`);
        const env = Object.fromEntries(Object.entries(e.env ?? {}).map(([k, v]) => [k, fillMtPlaceholders(v, work)]));
        const r = await runCliAsync([...mode, '--hot', '10', '--stats-json', statsFile, join(MT_DIR, 'bin', e.bin ?? e.name),
          ...e.args.map((a) => fillMtPlaceholders(a, work))], {
          input: e.stdin ?? '', env, timeoutMs: RUN_TIMEOUT_MS, cwd: e.cwd !== undefined ? fillMtPlaceholders(e.cwd, work) : MT_DIR,
        });
        const why = `${e.name} ${mode.join(' ') || '(sharing)'}: status ${r.status}, stderr ${JSON.stringify(r.stderr.slice(-400))}`;
        expect(firstDifference(r.stdoutBytes, want), `stdout (${why})`).toBeUndefined();
        expect(r.status, why).toBe(e.exit);
        const { host: _host, ...rest } = JSON.parse(readFileSync(statsFile, 'utf8')) as Record<string, unknown>;
        stats.push(JSON.stringify(rest));
      }
      expect(stats[1], 'statistics with --no-share-code vs shared').toBe(stats[0]);
      expect(stats[2], 'statistics with --no-jit vs shared').toBe(stats[0]);
    }, MODES.length * RUN_TIMEOUT_MS);
  }
});
