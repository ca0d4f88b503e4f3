// rvemu --bare end to end (node dist/cli/main.js): exit statuses from the HTIF, output, one-line stop
// messages, --stats by privilege mode, usage errors; and that a Linux-mode program still cannot touch
// machine CSRs.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, type CliRun } from '../helpers/cli.js';
import { PROGRAMS_DIR, RISCV_TESTS_DIR } from '../helpers/paths.js';
import { A0, buildElf, csrr, exitWith } from '../helpers/elf-builder.js';

const bin = (name: string) => join(RISCV_TESTS_DIR, 'bare', 'bin', name);
let dir = '';

function oneLine(r: CliRun, status: number): string {
  const detail = `status ${r.status}, stderr ${JSON.stringify(r.stderr)}`;
  expect(r.status, detail).toBe(status);
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  expect(lines.length, detail).toBe(1);
  expect(lines[0].startsWith('rvemu: '), detail).toBe(true);
  expect(r.stderr, detail).not.toMatch(/^\s+at /m);
  return lines[0];
}

beforeAll(() => { ensureBuilt(); dir = mkdtempSync(join(tmpdir(), 'rvemu-bare-cli-')); });
afterAll(() => { rmSync(dir, { recursive: true, force: true }); });

describe('rvemu --bare', () => {
  it('a passing test exits 0 with no output', () => {
    const r = runCli(['--bare', bin('suite/rv64ui-rr')]);
    expect([r.status, r.stdout, r.stderr]).toEqual([0, '', '']);
  });
  it('a failing test exits with its case number and says which', () => {
    const r = runCli(['--bare', bin('suite/selftest-fail')]);
    expect(r.status).toBe(3);
    expect(r.stderr).toBe('FAIL: test 3\n');
  });
  it('a benchmark prints through the HTIF', () => {
    const r = runCli(['--bare', bin('bench')]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('primes below 100000 = 9592 (ok,');
    expect(r.stdout).toContain('bench: all answers right\n');
  });
  it('a trap with no handler stops with one line (status 134)', () => {
    const line = oneLine(runCli(['--bare', bin('unhandled-trap')]), 134);
    expect(line).toMatch(/^rvemu: unhandled trap: illegal instruction at pc 0x8[0-9a-f]+ in M-mode \(tval 0xb\); mtvec = 0x0 is not in RAM/);
  });
  it('--max-insns stops with one line (status 124)', () => {
    expect(oneLine(runCli(['--bare', '--max-insns', '1000', bin('bench')]), 124)).toMatch(/^rvemu: stopped after \d+ instructions \(--max-insns\)$/);
  });
  it('misaligned accesses trap without Zicclsm and succeed with it', () => {
    expect(runCli(['--bare', bin('suite/rv64ui-mem')]).status).toBe(23);
    expect(runCli(['--bare', '--isa', 'rv64gc_zicntr_zihpm_zicclsm', bin('suite/rv64ui-mem')]).status).toBe(0);
  });
  it('--stats counts retired instructions per privilege mode', () => {
    const r = runCli(['--bare', '--stats', '--isa', 'rv64gc', bin('priv-modes')]);
    expect(r.status, r.stderr).toBe(0);
    const total = Number(/rvemu: ([\d,]+) instructions retired/.exec(r.stderr)![1].replace(/,/g, ''));
    const mode = (m: string) => Number(new RegExp(`${m}-mode +([\\d,]+)`).exec(r.stderr)![1].replace(/,/g, ''));
    expect(mode('S')).toBeGreaterThan(50);
    expect(mode('U')).toBeGreaterThan(20);
    expect(mode('M') + mode('S') + mode('U')).toBe(total);
  });
  it('--stats-json has the privilege member', () => {
    const out = join(dir, 's.json');
    expect(runCli(['--bare', '--stats-json', out, '--isa', 'rv64gc', bin('vm-sv39')]).status).toBe(0);
    const j = JSON.parse(readFileSync(out, 'utf8')) as { retired: number; privilege: Record<string, number> };
    expect(j.privilege.M + j.privilege.S + j.privilege.U).toBe(j.retired);
    expect(j.privilege.S).toBeGreaterThan(0);
  });
  it('--trace works across traps', () => {
    const r = runCli(['--bare', '--trace', '--isa', 'rv64gc', bin('trap-causes')]);
    expect(r.status).toBe(0);
    expect(r.stderr).toMatch(/! illegal instruction/);
    expect(r.stderr).toMatch(/csrr s2,mcause +s2=0x0000000000000002/);
  });
  it('a Linux program is refused: its segments are not in RAM (status 126)', () => {
    expect(oneLine(runCli(['--bare', join(PROGRAMS_DIR, 'bin', 'hello')]), 126)).toMatch(/lies outside RAM \(0x80000000-0x100000000\)/);
  });
  it('bad --ram-size and extra arguments are usage errors (status 2)', () => {
    expect(oneLine(runCli(['--bare', '--ram-size', '12x', bin('bench')]), 2)).toMatch(/--ram-size 12x/);
    expect(oneLine(runCli(['--bare', bin('bench'), 'arg']), 2)).toMatch(/no arguments/);
  });
  it('a smaller RAM still runs the tests; too small refuses the program', () => {
    expect(runCli(['--bare', '--ram-size', '1M', bin('suite/rv64ui-rr')]).status).toBe(0);
    expect(oneLine(runCli(['--bare', '--ram-size', '4K', bin('suite/rv64ui-rr')]), 126)).toMatch(/outside RAM/);
  });
  it('--help documents the mode', () => {
    const r = runCli(['--help']);
    expect(r.stdout).toContain('--bare');
    expect(r.stdout).toContain('--ram-size');
    expect(r.stdout).toMatch(/0x80000000/);
  });
});

describe('Linux mode keeps its user-mode view', () => {
  it('csrr mstatus in a Linux program is an illegal instruction (132)', () => {
    const p = join(dir, 'mstatus');
    writeFileSync(p, buildElf({ code: [csrr(A0, 0x300), ...exitWith(0)] }).bytes);
    expect(oneLine(runCli([p]), 132)).toMatch(/illegal instruction .*csrr a0,mstatus/);
  });
});
