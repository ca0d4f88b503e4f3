// A few quick jobs from the distribution corpus (scripts/distro/run.mjs), run in-process (the XNNPACK
// harness through the command-line tool, for its --stats-json) against the Debian trixie riscv64 sysroot
// when it has been assembled (npm run test:distro does that).
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProcess, runProcess, describeStop } from '../../src/run.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';
import { ensureBuilt, runCli } from '../helpers/cli.js';

const FETCH = fileURLToPath(new URL('../../scripts/distro/fetch-sysroot.sh', import.meta.url));
let SYSROOT = '';
try { SYSROOT = execFileSync('bash', [FETCH, '--path'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim(); } catch { /* not assembled */ }
const HAVE = SYSROOT !== '' && existsSync(join(SYSROOT, 'usr/bin/busybox'));
const HAVE_XNN = HAVE && existsSync(join(SYSROOT, 'usr/lib/riscv64-linux-gnu/libXNNPACK.so')) &&
  existsSync(join(SYSROOT, 'usr/lib/riscv64-linux-gnu/libcpuinfo.so'));
const XNN_DIR = fileURLToPath(new URL('./xnn/', import.meta.url));

function run(prog: string, args: string[], setup?: (dir: string) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'rvemu-corpus-'));
  try {
    setup?.(dir);
    const path = join(SYSROOT, prog);
    const host = new CaptureHost();
    const p = createProcess(host, new Uint8Array(readFileSync(path)), {
      path, exePath: path, argv: [path, ...args], envp: ['PATH=/usr/bin:/bin', 'LC_ALL=C', 'TZ=UTC', `HOME=${dir}`],
      isa: parseIsa(DEFAULT_ISA), seed: 0, hostTime: false, strict: false, stdio: CAPTURE_STDIO, sysroot: SYSROOT, cwd: dir,
    });
    const stop = runProcess(p, 5e9);
    return { code: stop.kind === 'exit' ? stop.code : -1, out: host.stdout.toString(), err: host.stderr.toString(), why: describeStop(p, stop) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`Debian riscv64 programs${HAVE ? '' : ' (SKIPPED: no distro sysroot; run `npm run test:distro` once to assemble it)'}`, () => {
  it.skipIf(!HAVE)('coreutils date reads the virtual clock', () => {
    const r = run('/usr/bin/date', ['-u', '+%Y-%m-%d %H']);
    expect(r.out, r.why + r.err).toBe('2024-01-01 00\n');
  });

  it.skipIf(!HAVE)('coreutils ls lists a directory through getdents64', () => {
    const r = run('/usr/bin/ls', ['-1a', 'd'], (dir) => { mkdirSync(join(dir, 'd')); for (const f of ['b', 'a', '.h']) writeFileSync(join(dir, 'd', f), ''); });
    expect(r.out, r.why + r.err).toBe('.\n..\n.h\na\nb\n');
  });

  it.skipIf(!HAVE)('busybox sh runs builtins (no fork needed)', () => {
    const r = run('/usr/bin/busybox', ['sh', '-c', 'i=0; s=0; while [ $i -lt 300 ]; do i=$((i+1)); s=$((s+i*i)); done; echo "sum=$s"']);
    expect(r.out, r.why + r.err).toBe('sum=9045050\n');
  });

  it.skipIf(!HAVE)('busybox sh runs pipelines: applets in forked children and re-executed through /proc/self/exe', () => {
    // sort, head and xargs run in the forked child; wc, sed and cat re-exec /proc/self/exe; find -exec spawns.
    // The expected output is QEMU's (with binfmt_misc for the children).
    const script = 'printf "b 2\\na 1\\nc 3\\na 1\\n" > in.txt; sort -u in.txt | sed s/^/x/ | head -n 2; wc -l < in.txt; ' +
      'mkdir -p t/u; echo one > t/u/f; echo two > t/g; find t -type f -exec cat {} \\; | sort; ' +
      'find t -type f | sort | xargs wc -c | tail -n 1; (exit 4) || echo "status $?"';
    const r = run('/usr/bin/busybox', ['sh', '-c', script]);
    expect(r.out, r.why + r.err).toBe('xa 1\nxb 2\n4\none\ntwo\n        8 total\nstatus 4\n');
    expect(r.code).toBe(0);
  });

  it.skipIf(!HAVE)('coreutils timeout: its alarm (setitimer) ends a longer sleep of the command it forked, exit 124', () => {
    const r = run('/usr/bin/timeout', ['1', '/usr/bin/sleep', '5']);
    expect(r.code, r.why + r.err).toBe(124);
    const ok = run('/usr/bin/timeout', ['5', '/usr/bin/sleep', '1']);
    expect(ok.code, ok.why + ok.err).toBe(0);
  });

  it.skipIf(!HAVE)('lua5.4 (dynamically linked against liblua5.4 and libc)', () => {
    const r = run('/usr/bin/lua5.4', ['-e', 'local t = {} for i = 1, 100 do t[i] = i * i end print(#t, t[100], ("x"):rep(3))']);
    expect(r.out, r.why + r.err).toBe('100\t10000\txxx\n');
  });
});

describe(`Debian's libcpuinfo${HAVE_XNN ? '' : ' (SKIPPED: no distro sysroot with libcpuinfo)'}`, () => {
  it.skipIf(!HAVE_XNN)('initializes from the emulated /sys topology (--cpus harts) and sees V only when enabled', () => {
    ensureBuilt();
    const probe = join(XNN_DIR, 'bin', 'cpuinfo-probe');
    const withV = runCli(['--isa', 'rv64gcv', '--sysroot', SYSROOT, probe]);
    expect(withV.stdout, withV.stderr).toBe('processors=4 cores=4 clusters=1 packages=1 uarchs=1\n' +
      'isa i=1 m=1 a=1 f=1 d=1 c=1 v=1\nprocessor0 linux_id=0 core=0 cluster=0 package=4\n');
    const scalar = runCli(['--isa', 'rv64gc', '--cpus', '2', '--sysroot', SYSROOT, probe]);
    expect(scalar.stdout, scalar.stderr).toBe('processors=2 cores=2 clusters=1 packages=1 uarchs=1\n' +
      'isa i=1 m=1 a=1 f=1 d=1 c=1 v=0\nprocessor0 linux_id=0 core=0 cluster=0 package=2\n');
  }, 60_000);
});

interface StatsJson {
  retired: number;
  threads: { pid: number; tid: number; retired: number }[];
  mnemonics: Record<string, number>;
  vector: { instructions: number; detail: { mnemonic: string; count: number }[] };
}

function runHarness(vlen: number, args: string[]): { stdout: string; stderr: string; status: number | null; stats: StatsJson } {
  const dir = mkdtempSync(join(tmpdir(), 'rvemu-xnn-'));
  try {
    const stats = join(dir, 'stats.json');
    const r = runCli(['--isa', 'rv64gcv', '--vlen', String(vlen), '--stats-json', stats, '--sysroot', SYSROOT,
      join(XNN_DIR, 'bin', 'xnn-harness'), ...args]);
    return { ...r, stats: JSON.parse(readFileSync(stats, 'utf8')) as StatsJson };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe(`Debian's libXNNPACK under the harness${HAVE_XNN ? '' : ' (SKIPPED: no distro sysroot with libXNNPACK; run `npm run test:distro` once)'}`, () => {
  // The expectations are QEMU's output at the same VLEN (scripts/distro/build-xnn-harness.sh). Only the
  // softmax lines differ between widths: its sum reduction runs in VLEN-sized pieces.
  for (const vlen of [128, 256, 512]) {
    it.skipIf(!HAVE_XNN)(`VLEN=${vlen}: RVV microkernels run and every output float matches`, () => {
      ensureBuilt();
      const r = runHarness(vlen, []);
      expect(r.stdout, r.stderr).toBe(readFileSync(join(XNN_DIR, 'expected', `vlen${vlen}.out`), 'utf8'));
      expect(r.status).toBe(0);
      const s = r.stats;
      // The library took its vector paths: GEMM (vfmacc.vf) and the softmax reductions ran.
      expect(s.vector.instructions).toBeGreaterThan(0);
      const count = (m: string) => s.vector.detail.filter((d) => d.mnemonic === m).reduce((a, d) => a + d.count, 0);
      expect(count('vfmacc.vf')).toBeGreaterThan(1000);
      expect(count('vfredusum.vs')).toBeGreaterThan(0);
      expect(count('vfredmax.vs')).toBeGreaterThan(0);
    }, 120_000);
  }
});

describe(`Debian's libXNNPACK on a pthreadpool${HAVE_XNN ? '' : ' (SKIPPED: no distro sysroot with libXNNPACK)'}`, () => {
  // Tiling over threads does not change how any output element is computed (QEMU, with truly parallel
  // threads, prints the same), so the output is the single-thread expectation. Three runs must retire the
  // same instructions in every thread: the scheduler is deterministic.
  for (const threads of [2, 4]) {
    it.skipIf(!HAVE_XNN)(`${threads} threads at VLEN=256: same floats as one thread, identical counts in 3 runs`, () => {
      ensureBuilt();
      const single = runHarness(256, []);
      const runs = [0, 1, 2].map(() => runHarness(256, [String(threads)]));
      const want = readFileSync(join(XNN_DIR, 'expected', 'vlen256.out'), 'utf8');
      for (const r of runs) {
        expect(r.stdout, r.stderr).toBe(want);
        expect(r.stderr).toBe(`pool threads=${threads}\n`);
        expect(r.status).toBe(0);
      }
      const counts = (s: StatsJson) => ({ retired: s.retired, threads: s.threads, mnemonics: s.mnemonics, vector: s.vector });
      expect(counts(runs[1].stats)).toEqual(counts(runs[0].stats));
      expect(counts(runs[2].stats)).toEqual(counts(runs[0].stats));
      const t = runs[0].stats.threads;
      expect(t.length).toBe(threads);
      expect(new Set(t.map((x) => x.pid)).size).toBe(1);
      // The workers took part of the work off the main thread (and every worker ran).
      expect(t[0].retired).toBeLessThan(single.stats.retired);
      for (const w of t.slice(1)) expect(w.retired).toBeGreaterThan(100_000);
    }, 180_000);
  }
});
