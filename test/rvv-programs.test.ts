// Vector programs run in-process at several VLENs: the self-checking assembly tests in riscv-tests/rvv
// (exit 0 = every case passed, N = case N failed) and RVV C programs whose output must not depend on VLEN.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers/paths.js';
import { explain, runGuest } from './helpers/run-guest.js';
import { findOracle } from './helpers/oracle.js';
import { runQemu } from './rvv-fuzz/tools.js';

const VLENS = [128, 256, 512, 1024];
const RVV_TESTS = join(ROOT, 'riscv-tests', 'rvv');
const manifest = JSON.parse(readFileSync(join(RVV_TESTS, 'manifest.json'), 'utf8')) as { name: string; exit: number; tests: number; isa?: string }[];

describe('riscv-tests/rvv (in-process, --isa rv64gcv)', () => {
  for (const t of manifest) {
    for (const vlen of VLENS) {
      it(`${t.name} at VLEN ${vlen}: all ${t.tests} cases pass`, async () => {
        const r = await runGuest(join(RVV_TESTS, 'bin', t.name), { isa: t.isa ?? 'rv64gcv', vlen, maxInsns: 50_000_000 });
        expect(r.exit, `${t.name} @${vlen}: ${r.exit > 0 && r.exit <= t.tests ? `case ${r.exit} failed; ` : ''}${explain(r)}`).toBe(t.exit);
      });
    }
  }
});

// Integer kernels (intrinsics and clang auto-vectorization; scripts/build-rvv-programs.sh builds them and
// writes their expected output from the oracle): each also checks itself against its scalar version.
const INT_KERNELS = ['dot_i8', 'matmul_i32', 'strings_ff', 'rgb2gray', 'compress_gather', 'autovec'];

describe('RVV C programs give the same output at every VLEN', () => {
  // Floating-point kernels (f*): fquant16 needs Zvfh; fsoftmax's sum reduction depends on VLEN, so it has one
  // expected file per VLEN (<name>.vlen<N>.out, the oracle's output at that VLEN).
  const isaOf: Record<string, string> = { fquant16: 'rv64gcv_zvfh' };
  const expectedDir = join(ROOT, 'test', 'programs', 'rvv', 'expected');
  for (const name of ['vadd', ...INT_KERNELS, 'fsgemm', 'fconv', 'fsoftmax', 'flayernorm', 'fgelu', 'fquant', 'fquant16']) {
    for (const vlen of VLENS) {
      it(`${name} at VLEN ${vlen}`, async () => {
        const perVlen = join(expectedDir, `${name}.vlen${vlen}.out`);
        const expected = readFileSync(existsSync(perVlen) ? perVlen : join(expectedDir, `${name}.out`));
        const r = await runGuest(join(ROOT, 'test', 'programs', 'rvv', 'bin', name), { isa: isaOf[name] ?? 'rv64gcv', vlen });
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

describe.skipIf(findOracle() === undefined)('RVV integer kernels under the QEMU oracle print the expected output', () => {
  for (const name of INT_KERNELS) {
    for (const vlen of [128, 1024]) {
      it(`${name} at VLEN ${vlen}`, async () => {
        const r = await runQemu(findOracle()!, join(ROOT, 'test', 'programs', 'rvv', 'bin', name), vlen);
        expect(r.exit, r.message).toBe(0);
        expect(r.stdout.toString()).toBe(readFileSync(join(ROOT, 'test', 'programs', 'rvv', 'expected', `${name}.out`), 'utf8'));
      }, 60_000);
    }
  }
});
