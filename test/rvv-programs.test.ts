// Vector programs run in-process at several VLENs: the self-checking assembly tests in riscv-tests/rvv
// (exit 0 = every case passed, N = case N failed) and RVV C programs whose output must not depend on VLEN.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';
import { explain, runGuest } from './helpers/run-guest.js';

const VLENS = [128, 256, 512, 1024];
const RVV_TESTS = join(ROOT, 'riscv-tests', 'rvv');
const manifest = JSON.parse(readFileSync(join(RVV_TESTS, 'manifest.json'), 'utf8')) as { name: string; exit: number; tests: number }[];

describe('riscv-tests/rvv (in-process, --isa rv64gcv)', () => {
  for (const t of manifest) {
    for (const vlen of VLENS) {
      it(`${t.name} at VLEN ${vlen}: all ${t.tests} cases pass`, async () => {
        const r = await runGuest(join(RVV_TESTS, 'bin', t.name), { isa: 'rv64gcv', vlen, maxInsns: 50_000_000 });
        expect(r.exit, `${t.name} @${vlen}: ${r.exit > 0 && r.exit <= t.tests ? `case ${r.exit} failed; ` : ''}${explain(r)}`).toBe(t.exit);
      });
    }
  }
});

describe('RVV C programs give the same output at every VLEN', () => {
  for (const name of ['vadd']) {
    const expected = readFileSync(join(ROOT, 'test', 'programs', 'rvv', 'expected', `${name}.out`));
    for (const vlen of VLENS) {
      it(`${name} at VLEN ${vlen}`, async () => {
        const r = await runGuest(join(ROOT, 'test', 'programs', 'rvv', 'bin', name), { isa: 'rv64gcv', vlen });
        expect(r.exit, explain(r)).toBe(0);
        expect(r.stdout.toString()).toBe(expected.toString());
      });
    }
  }
  it('a vector instruction is illegal without V in --isa', async () => {
    const r = await runGuest(join(ROOT, 'test', 'programs', 'rvv', 'bin', 'vadd'), { isa: 'rv64gc' });
    expect(r.stop?.kind).toBe('error');
    expect(r.exit).toBe(132);
  });
});
