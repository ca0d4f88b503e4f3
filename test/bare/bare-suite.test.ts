// Bare-metal mode end to end, in-process: our privileged-architecture tests (riscv-tests/bare), the ISA
// tests and the vector tests built for the bare environment, each in the interpreter-first engine and with
// every block translated before it runs. A test exits through the HTIF with 0, or with the number of its
// failing case (selftest-fail must fail at case 3).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createBareSystem, describeBareStop, runBare } from '../../src/bare/run.js';
import { parseIsa } from '../../src/isa/isa-string.js';
import type { EngineOptions } from '../../src/engine/engine.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';
import { RISCV_TESTS_DIR, riscvTestsManifest } from '../helpers/paths.js';

const BARE_DIR = join(RISCV_TESTS_DIR, 'bare');
const MAX_INSNS = 100_000_000;

interface BareEntry { name: string; isa: string; vlen?: number; exit: number; stdout?: string; message?: string }

export interface BareRun { exit: number | undefined; stdout: string; stderr: string; message: string; instret: number }

/** Run a bare-metal ELF in-process; exit is undefined when it did not exit through the HTIF. */
export function runBareElf(path: string, isa: string, opts: { vlen?: number; engine?: EngineOptions } = {}): BareRun {
  const host = new CaptureHost();
  const sys = createBareSystem(host, new Uint8Array(readFileSync(path)), path, {
    isa: parseIsa(isa), misaligned: isa.split('_').includes('zicclsm'), vlen: opts.vlen, engine: opts.engine, stdio: CAPTURE_STDIO,
  });
  const stop = runBare(sys, MAX_INSNS);
  return {
    exit: stop.kind === 'exit' ? stop.code : undefined, stdout: host.stdout.toString(), stderr: host.stderr.toString(),
    message: describeBareStop(sys, stop), instret: sys.hart.instret,
  };
}

const ENGINES: [string, EngineOptions][] = [['', {}], [' (every block translated)', { jitThreshold: 0 }]];
const own = JSON.parse(readFileSync(join(BARE_DIR, 'manifest.json'), 'utf8')) as BareEntry[];

describe('our bare-metal tests (riscv-tests/bare)', () => {
  for (const t of own) {
    for (const [mode, engine] of ENGINES) {
      it(`${t.name}${mode}: ${t.exit === 0 ? 'passes' : `stops with status ${t.exit}`}`, () => {
        const r = runBareElf(join(BARE_DIR, 'bin', t.name), t.isa, { vlen: t.vlen, engine });
        if (t.message !== undefined) {
          expect(r.exit, r.message).toBeUndefined();
          expect(r.message).toContain(t.message);
          return;
        }
        expect(r.exit, `${t.name}: ${r.message}; stdout ${JSON.stringify(r.stdout)} stderr ${JSON.stringify(r.stderr)}`).toBe(t.exit);
        if (t.stdout !== undefined) expect(r.stdout).toContain(t.stdout);
        if (t.exit === 0 && t.stdout === undefined) expect(r.stdout + r.stderr).toBe('');
      });
    }
  }
});

describe('the ISA tests in the bare environment (riscv-tests/bare/bin/suite)', () => {
  for (const t of riscvTestsManifest()) {
    it(`${t.name}: ${t.exit === 0 ? `all ${t.tests} cases pass` : `fails at case ${t.exit} as designed`}`, () => {
      const r = runBareElf(join(BARE_DIR, 'bin', 'suite', t.name), 'rv64gc_zba_zbb_zbs_zicond_zicclsm');
      expect(r.exit, `${t.name}: ${r.message}; stderr ${JSON.stringify(r.stderr)}`).toBe(t.exit);
      if (t.exit !== 0) expect(r.stderr).toContain(`FAIL: test ${t.exit}`);
    });
  }
  it('rv64ui-mem traps at its first misaligned case without Zicclsm (and names it)', () => {
    const r = runBareElf(join(BARE_DIR, 'bin', 'suite', 'rv64ui-mem'), 'rv64gc');
    expect(r.exit).toBe(23);
    expect(r.stdout).toContain('FAIL: test 23: unexpected trap, mcause 0x0000000000000004');
  });
});

describe('the vector tests in the bare environment (riscv-tests/bare/bin/rvv)', () => {
  const rvv = JSON.parse(readFileSync(join(RISCV_TESTS_DIR, 'rvv', 'manifest.json'), 'utf8')) as { name: string; exit: number; vlen: number[] }[];
  // rvv-config maps and unmaps pages through Linux system calls, which the bare environment does not have.
  for (const t of rvv.filter((e) => e.name !== 'rvv-config')) {
    for (const vlen of t.vlen) {
      it(`${t.name} at VLEN ${vlen}`, () => {
        const r = runBareElf(join(BARE_DIR, 'bin', 'rvv', t.name), 'rv64gcv_zvfh_zicclsm', { vlen });
        expect(r.exit, `${t.name}: ${r.message}; stderr ${JSON.stringify(r.stderr)}`).toBe(t.exit);
      });
    }
  }
});
