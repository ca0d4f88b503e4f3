// Differential testing against the oracle: every fixture (test/programs including examples/bin/mlp, and
// every riscv-tests binary) runs under qemu-riscv64 10.x and under rvemu; stdout, stderr and the exit
// status must agree. The qemu runs go in parallel child processes while ours run in-process.
// Entries marked "oracle": false are skipped (qemu-user cannot produce their output, e.g. instret values).
// A program that runs longer than BUDGET instructions in rvemu is not run to the end here: qemu's output
// is compared with the recorded expected/ files instead, which programs.test.ts compares with rvemu's
// full run. RVEMU_DIFF_FULL=1 runs everything to the end.
import { availableParallelism } from 'node:os';
import { beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { expectedFile, programManifest, riscvTestPath, riscvTestsManifest } from './helpers/paths.js';
import { findOracle, OraclePool, type OracleRun } from './helpers/oracle.js';
import { explain, firstDifference, jobOf, runJob, type FixtureJob } from './helpers/run-guest.js';

const TIMEOUT_MS = 300_000;
const BUDGET = process.env.RVEMU_DIFF_FULL === '1' ? undefined : 300_000_000;

const cases: { id: string; job: FixtureJob; expected?: string }[] = [];
for (const e of programManifest()) {
  if (e.oracle !== false) cases.push({ id: `test/programs/${e.name}`, job: jobOf(e), expected: e.name });
}
for (const t of riscvTestsManifest()) cases.push({ id: `riscv-tests/${t.name}`, job: { path: riscvTestPath(t) } });
const notCompared = programManifest().filter((e) => e.oracle === false).map((e) => e.name);

const qemu = findOracle();

describe('differential: rvemu vs qemu-riscv64', () => {
  if (qemu === undefined) {
    it.skip('SKIPPED: the qemu-riscv64 10.x oracle was not found (run scripts/get-qemu.sh or set RVEMU_QEMU)', () => {});
    return;
  }
  const oracle = qemu;
  const results = new Map<string, Promise<OracleRun>>();
  beforeAll(() => {
    // Start every oracle run at once; they proceed while the in-process runs below take their turns.
    const pool = new OraclePool(oracle, Math.max(2, availableParallelism()));
    for (const c of cases) results.set(c.id, pool.run(c.job));
  });

  for (const c of cases) {
    it(`${c.id}: same stdout, stderr and exit status as qemu`, async () => {
      const ours = await runJob(c.job, { maxInsns: BUDGET });
      const q = await results.get(c.id)!;
      expect(q.error, `qemu failed to run ${c.id}`).toBeUndefined();
      if (ours.stop?.kind === 'limit' && BUDGET !== undefined && c.expected !== undefined) {
        const out = readFileSync(expectedFile(c.expected, 'out'));
        const errFile = expectedFile(c.expected, 'err');
        const err = existsSync(errFile) ? readFileSync(errFile) : Buffer.alloc(0);
        expect(firstDifference(q.stdout, out), `qemu stdout of ${c.id} vs expected/${c.expected}.out`).toBeUndefined();
        expect(firstDifference(q.stderr, err), `qemu stderr of ${c.id} vs expected/`).toBeUndefined();
        return;
      }
      const why = explain(ours);
      expect(firstDifference(ours.stdout, q.stdout), `stdout of ${c.id}, rvemu vs qemu (${why})`).toBeUndefined();
      expect(firstDifference(ours.stderr, q.stderr), `stderr of ${c.id}, rvemu vs qemu (${why})`).toBeUndefined();
      expect(ours.exit, `exit status of ${c.id}, rvemu vs qemu (${why})`).toBe(q.exit);
      expect(ours.leftovers, `files ${c.id} left in TMPDIR under rvemu`).toEqual(q.leftovers);
    }, TIMEOUT_MS);
  }
  if (notCompared.length) it.skip(`not compared ("oracle": false in the manifest): ${notCompared.join(', ')}`, () => {});
});
