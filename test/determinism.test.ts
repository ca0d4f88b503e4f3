// Runs are deterministic: the same program, input and --seed give the same output and the same instruction
// count; the seed changes only the guest's randomness (AT_RANDOM, getrandom), never the virtual clock.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GuestProcess } from '../src/run.js';
import { AT_NULL, AT_RANDOM } from '../src/elf/stack.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { A0, A1, A2, A3, A7, addi, buildElf, CSR_TIME, csrr, ECALL, exitWith, sd, SP } from './helpers/elf-builder.js';
import { programManifest, PROGRAMS_DIR } from './helpers/paths.js';
import { explain, jobOf, loadGuest, runGuest, runJob } from './helpers/run-guest.js';

/** The 16 AT_RANDOM bytes, found the way libc finds them: walk argv, envp and auxv up from the initial sp. */
function atRandomBytes(p: GuestProcess): Uint8Array {
  const m = p.mem;
  let a = p.hart.getAddr(2);
  const argc = m.load64Num(a);
  a += 8 * (argc + 1 + 1);                    // argc, argv[], NULL
  while (m.load64Num(a) !== 0) a += 8;        // envp[]
  a += 8;
  for (; ; a += 16) {
    const type = m.load64Num(a);
    if (type === AT_NULL) throw new Error('no AT_RANDOM in the auxiliary vector');
    if (type === AT_RANDOM) return m.readBytes(m.load64Num(a + 8), 16);
  }
}

/**
 * A static program made from bytes: getrandom(buf, 16), clock_gettime(MONOTONIC), clock_gettime(REALTIME),
 * rdtime, then writes those 56 bytes to stdout.
 */
function entropyAndClockElf(): Uint8Array {
  return buildElf({
    code: [
      addi(SP, SP, -64),
      addi(A0, SP, 0), addi(A1, 0, 16), addi(A2, 0, 0), addi(A7, 0, 278), ECALL,   // getrandom
      addi(A0, 0, 1), addi(A1, SP, 16), addi(A7, 0, 113), ECALL,                    // clock_gettime(MONOTONIC)
      addi(A0, 0, 0), addi(A1, SP, 32), addi(A7, 0, 113), ECALL,                    // clock_gettime(REALTIME)
      csrr(A3, CSR_TIME), sd(A3, SP, 48),
      addi(A0, 0, 1), addi(A1, SP, 0), addi(A2, 0, 56), addi(A7, 0, 64), ECALL,    // write(1, buf, 56)
      ...exitWith(0),
    ],
  }).bytes;
}

describe('determinism', () => {
  for (const name of ['hello', 'printf_float', 'cxx']) {
    it(`${name}: same seed twice gives identical output and instret; another seed gives the same output`, async () => {
      const e = programManifest().find((x) => x.name === name)!;
      const a = await runJob(jobOf(e), { seed: 1234 });
      const b = await runJob(jobOf(e), { seed: 1234 });
      const c = await runJob(jobOf(e), { seed: 99 });
      expect(a.exit, explain(a)).toBe(e.exit);
      expect(b.stdout.equals(a.stdout), 'stdout, same seed').toBe(true);
      expect(b.stderr.equals(a.stderr), 'stderr, same seed').toBe(true);
      expect(b.instret, 'instret, same seed').toBe(a.instret);
      expect(c.stdout.equals(a.stdout), 'stdout, other seed (the program prints nothing random)').toBe(true);
      expect(c.exit).toBe(a.exit);
    }, 120_000);
  }

  it('AT_RANDOM on the initial stack depends on --seed, and only on it', () => {
    const path = join(PROGRAMS_DIR, 'bin', 'hello');
    const r1 = atRandomBytes(loadGuest(path, { seed: 1 }));
    const r1again = atRandomBytes(loadGuest(path, { seed: 1 }));
    const r2 = atRandomBytes(loadGuest(path, { seed: 2 }));
    const rBig = atRandomBytes(loadGuest(path, { seed: 2 ** 40 + 1 }));
    expect([...r1again]).toEqual([...r1]);
    expect([...r2]).not.toEqual([...r1]);
    expect([...rBig]).not.toEqual([...r1]);
    expect(r1.some((x) => x !== 0), 'AT_RANDOM is not all zero').toBe(true);
  });

  describe('getrandom and the clocks (a program built from bytes)', () => {
    let dir = '';
    const elfPath = () => join(dir, 'entropy-clock');
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'rvemu-det-'));
      writeFileSync(elfPath(), entropyAndClockElf());
    });
    afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

    it('same seed: identical getrandom bytes, clock values and instret; other seed: other bytes, same clocks', async () => {
      const a = await runGuest(elfPath(), { seed: 7 });
      const b = await runGuest(elfPath(), { seed: 7 });
      const c = await runGuest(elfPath(), { seed: 8 });
      expect(a.exit, explain(a)).toBe(0);
      expect(a.stdout.length, explain(a)).toBe(56);
      expect(b.stdout.equals(a.stdout), 'everything, same seed').toBe(true);
      expect(b.instret).toBe(a.instret);
      expect(c.stdout.subarray(0, 16).equals(a.stdout.subarray(0, 16)), 'getrandom bytes, other seed').toBe(false);
      expect(c.stdout.subarray(16).equals(a.stdout.subarray(16)), 'clocks and rdtime, other seed').toBe(true);
      const mono = a.stdout.readBigInt64LE(16) * 1_000_000_000n + a.stdout.readBigInt64LE(24);
      // The virtual clock: 1 ns per retired instruction, so a handful of instructions in, it is small.
      expect(mono >= 0n && mono < 1_000_000n, `CLOCK_MONOTONIC ${mono} ns after a few instructions`).toBe(true);
    });
  });
});
