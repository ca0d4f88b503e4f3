// The self-checking riscv-tests (riscv-tests/bin), run in-process. Each exits 0 when every case passes,
// or N, the number of the first failing case (after printing "FAIL: test N" to stderr). selftest-fail has
// a deliberately wrong case 3, so it must exit 3: that proves a failing case is actually detected.
import { describe, expect, it } from 'vitest';
import { riscvTestPath, riscvTestsManifest } from './helpers/paths.js';
import { explain, runGuest } from './helpers/run-guest.js';

/** Every test binary retires well under a million instructions. */
const MAX_INSNS = 50_000_000;

describe('riscv-tests (in-process)', () => {
  for (const t of riscvTestsManifest()) {
    const title = t.exit === 0
      ? `riscv-tests/bin/${t.name}: all ${t.tests} cases pass (exit 0)`
      : `riscv-tests/bin/${t.name}: fails at case ${t.exit} as designed (exit ${t.exit})`;
    it(title, async () => {
      const r = await runGuest(riscvTestPath(t), { maxInsns: MAX_INSNS });
      let why: string;
      if (r.stop?.kind === 'exit' && r.exit !== 0 && r.exit <= t.tests) {
        why = `${t.name}: case ${r.exit} failed (the TEST_* macro with test number ${r.exit} in riscv-tests/${t.name}.S); ` + explain(r);
      } else {
        why = `${t.name}: ${explain(r)}`;
      }
      expect(r.exit, why).toBe(t.exit);
      if (t.exit !== 0) expect(r.stderr.toString(), 'failure report on stderr').toContain(`FAIL: test ${t.exit}`);
      else expect(r.stderr.toString(), 'stderr of a passing test').toBe('');
    });
  }
});
