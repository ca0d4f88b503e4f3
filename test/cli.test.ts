// The command-line tool end to end (node dist/cli/main.js): help, running programs with their exit status,
// --stats, --max-insns, and every kind of bad input: each must give exactly one line on stderr starting
// with "rvemu: ", no JavaScript stack trace, and its own exit status.
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, type CliRun } from './helpers/cli.js';
import { expectedFile, PROGRAMS_DIR, ROOT } from './helpers/paths.js';
import { A0, addi, buildElf, CUSTOM0, EHDR, exitWith, PHDR, sd } from './helpers/elf-builder.js';

const TIMEOUT_MS = 120_000;
const prog = (name: string) => join(PROGRAMS_DIR, 'bin', name);
const expected = (name: string, ext: 'out' | 'err') => readFileSync(expectedFile(name, ext), 'utf8');

let dir = '';
/** Write a test input file (executable) into the scratch directory and return its path. */
function put(name: string, bytes: Uint8Array | string): string {
  const p = join(dir, name);
  writeFileSync(p, bytes);
  chmodSync(p, 0o755);
  return p;
}

/** The run failed the way a person should see it: one "rvemu: " line, no stack trace, this status. */
function expectOneLineError(r: CliRun, status: number, what: string): string {
  const detail = `${what}: status ${r.status}, stderr ${JSON.stringify(r.stderr)}`;
  expect(r.status, detail).toBe(status);
  expect(r.stderr.endsWith('\n'), `${detail} (ends with a newline)`).toBe(true);
  const lines = r.stderr.replace(/\n$/, '').split('\n');
  expect(lines.length, `${detail} (exactly one line)`).toBe(1);
  expect(lines[0].startsWith('rvemu: '), `${detail} (starts with "rvemu: ")`).toBe(true);
  expect(r.stderr, `${detail} (no stack trace)`).not.toMatch(/^\s+at /m);
  expect(r.stderr, `${detail} (not an internal error)`).not.toMatch(/internal error/);
  return lines[0];
}

beforeAll(() => {
  ensureBuilt();
  dir = mkdtempSync(join(tmpdir(), 'rvemu-cli-'));
}, 180_000);
afterAll(() => { if (dir) rmSync(dir, { recursive: true, force: true }); });

describe('rvemu CLI: running programs', () => {
  it('--help prints usage and examples and exits 0', () => {
    const r = runCli(['--help']);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/usage/i);
    expect(r.stdout).toMatch(/examples/i);
    expect(r.stdout).toContain('rvemu');
  });

  it('examples/bin/mlp prints the expected output and exits 0', () => {
    const r = runCli([join(ROOT, 'examples', 'bin', 'mlp')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected('mlp', 'out'));
    expect(r.status).toBe(0);
  }, TIMEOUT_MS);

  it('the guest exit status passes through (exitcode exits 42, with its stdout and stderr)', () => {
    const r = runCli([prog('exitcode')]);
    expect(r.stdout).toBe(expected('exitcode', 'out'));
    expect(r.stderr).toBe(expected('exitcode', 'err'));
    expect(r.status).toBe(42);
  }, TIMEOUT_MS);

  it('options after the program are the guest\'s (argv_env gets "--env" etc.), environment passes through', () => {
    const env: NodeJS.ProcessEnv = { ...process.env, RVEMU_TEST_A: 'alpha=beta gamma', RVEMU_TEST_EMPTY: '' };
    delete env.RVEMU_TEST_UNSET;
    const r = runCli([prog('argv_env'), 'first', 'two words', '', '--env', 'RVEMU_TEST_A', 'RVEMU_TEST_EMPTY', 'RVEMU_TEST_UNSET', 'naïve-ütf8'], { env });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected('argv_env', 'out'));
    expect(r.status).toBe(0);
  }, TIMEOUT_MS);

  it('stdin reaches the guest (stdin_wc)', () => {
    const r = runCli([prog('stdin_wc')], { input: 'hello world\nsecond  line\twith tab\n\nlast line without newline' });
    expect(r.stdout).toBe(expected('stdin_wc', 'out'));
    expect(r.status).toBe(0);
  }, TIMEOUT_MS);

  it('--stats prints "instructions retired" to stderr, with the exact count (count_loop: 4005)', () => {
    const r = runCli(['--stats', prog('count_loop')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe(expected('count_loop', 'out'));
    const line = r.stderr.split('\n').find((l) => l.includes('instructions retired'));
    expect(line, `stderr: ${r.stderr}`).toBeDefined();
    expect(line!.replace(/[,_ ]/g, '')).toContain('4005instructionsretired');
  }, TIMEOUT_MS);

  it('--isa rv64gcv --vlen reaches the vector unit: same output, VLEN-dependent counts, bad --vlen rejected', () => {
    const vadd = join(ROOT, 'test', 'programs', 'rvv', 'bin', 'vadd');
    const retired = (vlen: number) => {
      const r = runCli(['--isa', 'rv64gcv', '--vlen', String(vlen), '--stats', vadd]);
      expect(r.status, r.stderr).toBe(0);
      const line = r.stderr.split('\n').find((l) => l.includes('instructions retired in'))!;
      return { out: r.stdout, n: Number(line.replace(/,/g, '').match(/(\d+) instructions retired/)![1]) };
    };
    const a = retired(128), b = retired(1024);
    expect(a.out).toBe(b.out);
    expect(a.n).not.toBe(b.n); // the strip-mining loop runs a VLEN-dependent number of times
    const bad = runCli(['--isa', 'rv64gcv', '--vlen', '96', vadd]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^rvemu: --vlen 96: must be a power of two/);
    const noV = runCli([vadd]); // default --isa has no V: the first vector CSR read is illegal, and we say how to fix it
    expect(noV.status).toBe(132);
    expect(noV.stderr).toMatch(/^rvemu: illegal instruction at pc 0x[0-9a-f]+ \(main\+0x[0-9a-f]+\): bits 0x[0-9a-f]{8} \(csrr s1,vlenb\); it belongs to extension V.*--isa rv64imafdcv/);
  }, TIMEOUT_MS);

  it('stdout redirected to a file is written at the shell\'s offset, not over what is already there', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvemu-cli-'));
    try {
      const out = join(dir, 'out.txt');
      const cli = join(ROOT, 'dist', 'cli', 'main.js');
      const r = spawnSync('sh', ['-c', `(echo prefix; "${process.execPath}" "${cli}" "${prog('hello')}") > "${out}"`]);
      expect(r.status, r.stderr.toString()).toBe(0);
      expect(readFileSync(out, 'utf8')).toBe('prefix\n' + expected('hello', 'out'));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  }, TIMEOUT_MS);

  it('--max-insns 1000 stops the program with status 124 and says why', () => {
    const r = runCli(['--max-insns', '1000', prog('hello')]);
    expect(r.stdout).toBe('');
    const line = expectOneLineError(r, 124, '--max-insns 1000');
    expect(line).toMatch(/max-insns/);
  }, TIMEOUT_MS);
});

describe('rvemu CLI: bad input gives one line, no stack trace, a distinct status', () => {
  it('missing file: 126', () => {
    const line = expectOneLineError(runCli([join(ROOT, 'no-such-program')]), 126, 'missing file');
    expect(line).toContain('no-such-program');
  });

  it('a directory: 126', () => {
    const line = expectOneLineError(runCli([PROGRAMS_DIR]), 126, 'directory');
    expect(line).toMatch(/directory/);
  });

  it('a text file (not an ELF): 126', () => {
    const line = expectOneLineError(runCli([put('notes.txt', 'just some text\n')]), 126, 'text file');
    expect(line).toMatch(/not an ELF/);
  });

  it('an x86-64 ELF (the node binary) is named as x86-64: 126', () => {
    const line = expectOneLineError(runCli([process.execPath]), 126, 'x86-64 ELF');
    if (process.arch === 'x64') expect(line).toMatch(/x86-64/);
    expect(line).toMatch(/not RISC-V/);
  });

  it('a 32-bit ELF: 126', () => {
    const f = put('elf32', buildElf({ code: exitWith(0), eiClass: 1 }).bytes);
    const line = expectOneLineError(runCli([f]), 126, '32-bit ELF');
    expect(line).toMatch(/32-bit/);
  });

  it('a big-endian ELF: 126', () => {
    const f = put('elf-be', buildElf({ code: exitWith(0), eiData: 2 }).bytes);
    const line = expectOneLineError(runCli([f]), 126, 'big-endian ELF');
    expect(line).toMatch(/big-endian/);
  });

  it('a truncated ELF (the first 100 bytes of a fixture): 126', () => {
    const f = put('truncated', readFileSync(prog('hello')).subarray(0, 100));
    const line = expectOneLineError(runCli([f]), 126, 'truncated ELF');
    expect(line).toMatch(/truncated|corrupt/);
  });

  it('an ELF whose program headers lie outside the file: 126', () => {
    const elf = buildElf({ code: exitWith(0) }).bytes;
    new DataView(elf.buffer).setBigUint64(EHDR.phoff, 0x100000n, true);
    const line = expectOneLineError(runCli([put('bad-phoff', elf)]), 126, 'program headers outside the file');
    expect(line).toMatch(/outside the file|corrupt/);
  });

  it('an ELF whose segment lies outside the file: 126', () => {
    const elf = buildElf({ code: exitWith(0) }).bytes;
    new DataView(elf.buffer).setBigUint64(64 + PHDR.offset, 0x7000n, true);
    const line = expectOneLineError(runCli([put('bad-segment', elf)]), 126, 'segment outside the file');
    expect(line).toMatch(/outside the file|corrupt/);
  });

  it('an ELF naming a missing dynamic linker (PT_INTERP): 126', () => {
    const f = put('needs-interp', buildElf({ code: exitWith(0), interp: '/nonexistent/ld-linux-riscv64-lp64d.so.1' }).bytes);
    const line = expectOneLineError(runCli([f]), 126, 'missing interpreter');
    expect(line).toContain('/nonexistent/ld-linux-riscv64-lp64d.so.1');
  });

  it('the minimal ELF itself is fine (control for the cases above): exit 7', () => {
    const r = runCli([put('ok', buildElf({ code: exitWith(7) }).bytes)]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(7);
  });

  it('an illegal instruction: 132, message with pc, raw bits and symbol', () => {
    // bad_insn: addi a0, x0, 1; <custom-0 word>; then an exit that must not be reached.
    const elf = buildElf({
      code: [addi(A0, 0, 1), CUSTOM0, ...exitWith(0)],
      symbols: [{ name: 'bad_insn', offset: 0, size: 8 }],
    });
    const line = expectOneLineError(runCli([put('illegal', elf.bytes)]), 132, 'illegal instruction');
    expect(line).toMatch(/illegal instruction/);
    expect(line).toContain(`0x${(elf.entry + 4).toString(16)}`);
    expect(line).toMatch(/0x0000000b/);
    expect(line).toContain('bad_insn+0x4');
  });

  it('an all-zero instruction (a patched fixture entry point): 132', () => {
    const elf = Buffer.from(readFileSync(prog('hello')));
    const entry = Number(elf.readBigUInt64LE(EHDR.entry));
    // Find the file offset of the entry point through the program headers.
    const phoff = Number(elf.readBigUInt64LE(EHDR.phoff)), phnum = elf.readUInt16LE(EHDR.phnum);
    let off = -1;
    for (let i = 0; i < phnum; i++) {
      const p = phoff + 56 * i;
      const vaddr = Number(elf.readBigUInt64LE(p + PHDR.vaddr)), filesz = Number(elf.readBigUInt64LE(p + PHDR.filesz));
      if (elf.readUInt32LE(p + PHDR.type) === 1 && entry >= vaddr && entry < vaddr + filesz) off = Number(elf.readBigUInt64LE(p + PHDR.offset)) + entry - vaddr;
    }
    expect(off).toBeGreaterThan(0);
    elf.writeUInt32LE(0, off);
    const line = expectOneLineError(runCli([put('hello-zeroed', elf)]), 132, 'zeroed entry');
    expect(line).toContain(`0x${entry.toString(16)}`);
    expect(line).toMatch(/0x0000/);
    expect(line).toContain('_start');
  });

  it('a store to address 0: segmentation fault, 139, with pc and address', () => {
    const elf = buildElf({ code: [addi(A0, 0, 5), sd(A0, 0, 0), ...exitWith(0)], symbols: [{ name: 'poke_null', offset: 0, size: 8 }] });
    const line = expectOneLineError(runCli([put('segv', elf.bytes)]), 139, 'segmentation fault');
    expect(line).toMatch(/segmentation fault/);
    expect(line).toContain(`0x${(elf.entry + 4).toString(16)}`);
    expect(line).toMatch(/address 0x0\b/);
    expect(line).toContain('poke_null+0x4');
  });

  it('an unknown option: 2', () => {
    const line = expectOneLineError(runCli(['--frobnicate', prog('hello')]), 2, 'unknown option');
    expect(line).toContain('frobnicate');
  });

  it('--isa with a bad value: 2', () => {
    const line = expectOneLineError(runCli(['--isa', 'rv64gq', prog('hello')]), 2, '--isa bad');
    expect(line).toMatch(/isa/);
  });

  it('no program at all: 2', () => {
    expectOneLineError(runCli([]), 2, 'no program');
  });
});
