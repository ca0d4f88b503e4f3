// The benchmark workloads on small inputs: each must print what QEMU printed for the same input
// (bench/small.json, recorded with `node bench/run.mjs --write-small`), so a benchmark binary that rvemu
// runs wrongly fails here and not only in `npm run bench`. The full-size runs stay out of the tests.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';
import { explain, runGuest } from './helpers/run-guest.js';

export interface SmallRun { name: string; bin: string; args: string[]; isa?: string; vlen?: number; stdout: string }
const small = JSON.parse(readFileSync(join(ROOT, 'bench', 'small.json'), 'utf8')) as SmallRun[];

describe('bench workloads on small inputs print the oracle\'s output', () => {
  it('every bench workload has a small run', () => {
    const src = readFileSync(join(ROOT, 'bench', 'run.mjs'), 'utf8');
    const names = [...src.matchAll(/\{ name: '([\w-]+)', kind: '(?!distro)/g)].map((m) => m[1]);
    expect(small.map((s) => s.name)).toEqual(names);
  });
  for (const s of small) {
    it(`${s.name} ${s.args.join(' ')}`, async () => {
      const r = await runGuest(join(ROOT, s.bin), { args: s.args, isa: s.isa, vlen: s.vlen });
      expect(r.exit, explain(r)).toBe(0);
      expect(r.stdout.toString()).toBe(s.stdout);
    }, 60_000);
  }
});
