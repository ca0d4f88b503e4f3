// Every program in test/programs/manifest.json (C, C++ and assembly fixtures, and examples/bin/mlp), run
// in-process: stdout and stderr must match the oracle's byte for byte, the exit status the manifest's, and
// the retired-instruction count the exact expected one where it is known. Each program runs twice; the two
// runs must agree exactly (output and instret), since runs are deterministic by design. A program longer
// than CHECKPOINT instructions is repeated only up to that point, where the complete register state and the
// output so far must equal the first run's at the same point (keeps the suite fast if a long fixture is added).
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expectedFile, programManifest, type ProgramEntry } from './helpers/paths.js';
import { explain, firstDifference, runEntry, type GuestRun } from './helpers/run-guest.js';

const TIMEOUT_MS = 900_000;
const CHECKPOINT = 300_000_000;

function expectedCount(e: ProgramEntry): number | undefined {
  if (e.instret !== undefined) return e.instret;
  const f = expectedFile(e.name, 'count');
  return existsSync(f) ? Number(readFileSync(f, 'utf8').trim()) : undefined;
}

const firstRuns = new Map<string, GuestRun>();

describe('test/programs (in-process, against the oracle outputs)', () => {
  for (const e of programManifest()) {
    const count = expectedCount(e);
    const what = [`exit ${e.exit}`, 'stdout', existsSync(expectedFile(e.name, 'err')) ? 'stderr' : 'no stderr'];
    if (count !== undefined) what.push(`instret ${count}`);

    it(`${e.name}: ${what.join(', ')}`, async () => {
      const r = await runEntry(e, { snapshotAt: CHECKPOINT });
      firstRuns.set(e.name, { ...r, proc: undefined }); // keep the outputs, not the address space
      const why = explain(r);
      expect(r.exit, `exit status of ${e.name} (${why})`).toBe(e.exit);
      const want = readFileSync(expectedFile(e.name, 'out'));
      expect(firstDifference(r.stdout, want), `stdout of ${e.name} vs expected/${e.name}.out (${why})`).toBeUndefined();
      const errFile = expectedFile(e.name, 'err');
      const wantErr = existsSync(errFile) ? readFileSync(errFile) : Buffer.alloc(0);
      expect(firstDifference(r.stderr, wantErr), `stderr of ${e.name} (${why})`).toBeUndefined();
      if (e.needsTmpdir) expect(r.leftovers, `files ${e.name} left in TMPDIR`).toEqual([]);
      expect(r.counted, `instructions counted by the engine vs hart.instret for ${e.name}`).toBe(r.instret);
      if (count !== undefined) expect(r.instret, `retired instructions of ${e.name}`).toBe(count);
    }, TIMEOUT_MS);

    it(`${e.name}: a second run is identical (output, exit, instret)`, async () => {
      const a = firstRuns.get(e.name) ?? await runEntry(e, { snapshotAt: CHECKPOINT });
      if (a.snapshot !== undefined && a.instret > CHECKPOINT) {
        const b = await runEntry(e, { maxInsns: CHECKPOINT, snapshotAt: CHECKPOINT });
        expect(b.snapshot, `state after ${CHECKPOINT} instructions, second run vs first`).toEqual(a.snapshot);
        return;
      }
      const b = await runEntry(e);
      expect(b.exit, `exit status, second run (${explain(b)})`).toBe(a.exit);
      expect(firstDifference(b.stdout, a.stdout), 'stdout, second run vs first').toBeUndefined();
      expect(firstDifference(b.stderr, a.stderr), 'stderr, second run vs first').toBeUndefined();
      expect(b.instret, 'instret, second run vs first').toBe(a.instret);
      expect(b.counted, 'counted instructions, second run vs first').toBe(a.counted);
    }, TIMEOUT_MS);
  }
});
