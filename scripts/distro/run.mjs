#!/usr/bin/env node
// The distribution corpus: real Debian riscv64 programs (lua, sqlite3, python3.13, coreutils, busybox, and
// Debian's XNNPACK library driven by our harness at several vector lengths) run under rvemu against a
// sysroot assembled from Debian trixie packages (fetch-sysroot.sh), each job's output compared with QEMU's
// for the same sysroot (or with a stored expectation), and both wall times recorded.
//
// Usage: node scripts/distro/run.mjs [--only NAME[,NAME...]] [--json FILE] [--timeout SECONDS] [--no-qemu]
//                                    [--update-expected]  (write QEMU's output over the stored expectations)
//                                    [--repeat N]  (run every job N times under each emulator; wall times are medians)
// Env:   RVEMU_CLI   the rvemu entry point (default: dist/cli/main.js; run `npm run build` first)
//        RVEMU_QEMU  qemu-riscv64 to compare with (default: scripts/get-qemu.sh's)
// Exit status: 0 when every job that ran passed (or when the sysroot cannot be had: then it says SKIPPED).
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { qemuBinfmtWorks, withQemuBinfmt } from '../qemu-binfmt.mjs';

const REPO = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const JOBS_DIR = join(REPO, 'test', 'distro', 'jobs');
const XNN_DIR = join(REPO, 'test', 'distro', 'xnn');

const opts = { only: undefined, json: undefined, timeout: 900, qemu: true, updateExpected: false, repeat: 1 };
for (let i = 2; i < process.argv.length; i++) {
  const a = process.argv[i];
  if (a === '--only') opts.only = process.argv[++i].split(',');
  else if (a === '--json') opts.json = process.argv[++i];
  else if (a === '--timeout') opts.timeout = Number(process.argv[++i]);
  else if (a === '--no-qemu') opts.qemu = false;
  else if (a === '--update-expected') opts.updateExpected = true;
  else if (a === '--repeat') opts.repeat = Math.max(1, Number(process.argv[++i]));
  else { console.error(`run.mjs: unknown argument ${a}`); process.exit(2); }
}

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
function sh(cmd, args, extra = {}) { return spawnSync(cmd, args, { encoding: 'utf8', ...extra }); }

// ------------------------------------------------------------------------------------------ setup
const fetched = sh('bash', [join(REPO, 'scripts', 'distro', 'fetch-sysroot.sh')], { stdio: ['ignore', 'pipe', 'inherit'] });
const SYSROOT = fetched.status === 0 ? fetched.stdout.trim() : '';
if (SYSROOT === '' || !existsSync(SYSROOT)) {
  console.log('distro corpus: SKIPPED: the Debian riscv64 sysroot could not be assembled (archive unreachable?); see the messages above');
  process.exit(0);
}
const CLI = process.env.RVEMU_CLI ?? join(REPO, 'dist', 'cli', 'main.js');
if (!existsSync(CLI)) { console.error(`distro corpus: ${CLI} does not exist; run \`npm run build\` first`); process.exit(2); }

let QEMU = '';
if (opts.qemu) {
  const q = process.env.RVEMU_QEMU ?? sh('bash', [join(REPO, 'scripts', 'get-qemu.sh')], { stdio: ['ignore', 'pipe', 'inherit'] }).stdout?.trim();
  if (q && existsSync(q)) QEMU = q;
  else console.log('distro corpus: no qemu-riscv64 oracle; only jobs with a stored expectation are checked');
}
// Jobs whose programs start RISC-V programs need QEMU registered with binfmt_misc (in a private namespace).
const QEMU_SPAWNS = QEMU !== '' && qemuBinfmtWorks(QEMU);
if (QEMU && !QEMU_SPAWNS) {
  console.log('distro corpus: no private binfmt_misc namespace here (needs Linux 6.7+ and user namespaces); ' +
    'jobs that start programs are checked against stored output');
}

// Debian byte-compiles Python's library when the package is installed; do the same once, under QEMU,
// so neither emulator spends its run compiling (and neither writes into the sysroot).
const PYC_MARK = join(SYSROOT, '.rvemu-pyc');
if (QEMU && !existsSync(PYC_MARK)) {
  console.log('distro corpus: byte-compiling the Python library (once, under qemu)');
  const r = sh(QEMU, ['-L', SYSROOT, join(SYSROOT, 'usr/bin/python3.13'), '-m', 'compileall', '-q', '-d', '/usr/lib/python3.13', join(SYSROOT, 'usr/lib/python3.13')],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 600_000 });
  if (r.status === 0) writeFileSync(PYC_MARK, 'ok\n');
}

// ------------------------------------------------------------------------------------------ jobs
function lcg(seed) { let x = seed >>> 0; return () => (x = (Math.imul(x, 1664525) + 1013904223) >>> 0); }
const copyJob = (name) => (dir) => copyFileSync(join(JOBS_DIR, name), join(dir, name));
function sortInput(dir) {
  const r = lcg(7);
  const lines = [];
  for (let i = 0; i < 20000; i++) lines.push(`${(r() % 100000).toString().padStart(5, ' ')} ${['kiwi', 'apple', 'fig', 'date', 'plum'][r() % 5]}-${r() % 1000}`);
  writeFileSync(join(dir, 'input.txt'), lines.join('\n') + '\n');
}
function dataFile(dir) {
  const r = lcg(11);
  const b = new Uint8Array(1 << 20);
  for (let i = 0; i < b.length; i++) b[i] = r() >>> 24;
  writeFileSync(join(dir, 'data.bin'), b);
}
function tree(dir) {
  for (const d of ['tree/src/lib', 'tree/doc', 'tree/empty']) mkdirSync(join(dir, d), { recursive: true });
  for (const f of ['tree/README', 'tree/src/main.c', 'tree/src/lib/a.c', 'tree/src/lib/b.c', 'tree/doc/guide.txt', 'tree/.hidden']) {
    writeFileSync(join(dir, f), `${f}\n`.repeat(3));
  }
}

const AWK = 'BEGIN { s = 0; for (i = 1; i <= 20000; i++) { s += i * i % 97; a[i % 50] += i } n = 0; for (k in a) n++; printf "%d %d %.3f\\n", s, n, sqrt(s) }';
const SH_LOOP = 'i=0; s=0; while [ $i -lt 300 ]; do i=$((i+1)); s=$((s+i*i)); done; echo "sum=$s"; case $s in *0) echo tens;; *) echo other;; esac';

/**
 * name, program (guest path in the sysroot) or exe (a host path: our own fixtures), args, stdin, setup(dir),
 * env, rvemuOpts (more rvemu options), expect (stored stdout, for jobs QEMU cannot judge), expectFile (stored
 * stdout, checked when QEMU cannot run the job), vlen (run with the vector unit at this width in both
 * emulators), vectorWork (the run must execute vector instructions), threads (the run must show this many
 * guest threads), runs (run rvemu this many times: output and instruction counts, in total and per thread,
 * must not change), spawns (the program starts other RISC-V programs: QEMU runs them through binfmt_misc),
 * exit (the exit status it must end with; else QEMU's), pending (a reason).
 */
const JOBS = [
  { name: 'lua5.4 compute.lua', prog: '/usr/bin/lua5.4', args: ['compute.lua'], setup: copyJob('compute.lua') },
  { name: 'sqlite3 100k rows (WAL)', prog: '/usr/bin/sqlite3', args: ['test.db'], stdinFile: 'sqlite.sql', setup: copyJob('sqlite.sql') },
  { name: 'python3.13 workload.py', prog: '/usr/bin/python3.13', args: ['workload.py'], setup: copyJob('workload.py'), env: { PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' } },
  { name: 'coreutils ls -1aR', prog: '/usr/bin/ls', args: ['-1aR', 'tree'], setup: tree },
  { name: 'coreutils cat', prog: '/usr/bin/cat', args: ['tree/README', 'tree/src/main.c', 'tree/doc/guide.txt'], setup: tree },
  { name: 'coreutils sort', prog: '/usr/bin/sort', args: ['input.txt'], setup: sortInput },
  { name: 'coreutils sort -n -k2', prog: '/usr/bin/sort', args: ['-n', '-t-', '-k2', 'input.txt'], setup: sortInput },
  { name: 'coreutils sha256sum 1 MiB', prog: '/usr/bin/sha256sum', args: ['data.bin'], setup: dataFile },
  // timeout forks and execs its command and waits for it; when its alarm (setitimer, on the virtual clock)
  // goes off first, it kills the command and exits 124.
  { name: 'coreutils timeout 60 sort -r', prog: '/usr/bin/timeout', args: ['60', '/usr/bin/sort', '-r', 'input.txt'], setup: sortInput, spawns: true },
  { name: 'coreutils timeout 1 sleep 5 (exit 124)', prog: '/usr/bin/timeout', args: ['1', '/usr/bin/sleep', '5'], spawns: true, exit: 124 },
  { name: 'coreutils date -d @N', prog: '/usr/bin/date', args: ['-u', '-d', '@1700000000', '+%Y-%m-%d %H:%M:%S %A %j'] },
  { name: 'coreutils date (virtual clock)', prog: '/usr/bin/date', args: ['-u', '+%Y-%m-%d %H'], expect: '2024-01-01 00\n' },
  { name: 'busybox sha256sum', prog: '/usr/bin/busybox', args: ['sha256sum', 'data.bin'], setup: dataFile },
  { name: 'busybox sort', prog: '/usr/bin/busybox', args: ['sort', 'input.txt'], setup: sortInput },
  { name: 'busybox awk', prog: '/usr/bin/busybox', args: ['awk', AWK] },
  { name: 'busybox sed', prog: '/usr/bin/busybox', args: ['sed', '-n', 's/^ *\\([0-9]*\\) \\(apple\\)-\\(.*\\)$/\\3 \\1/p', 'input.txt'], setup: sortInput },
  { name: 'busybox sh (builtins only)', prog: '/usr/bin/busybox', args: ['sh', '-c', SH_LOOP] },
  // Pipelines fork: applets such as sort run in the forked child, others (wc, sed, gzip, grep) re-exec
  // /proc/self/exe; find -exec and xargs spawn applets too. QEMU runs these children through binfmt_misc.
  { name: 'busybox sh -c with pipes', prog: '/usr/bin/busybox', spawns: true,
    args: ['sh', '-c', 'echo b a c | tr " " "\\n" | sort | head -n 2; echo x y | wc -w; find . -maxdepth 0 -exec echo found {} \\;'] },
  { name: 'busybox sh pipeline.sh', prog: '/usr/bin/busybox', args: ['sh', 'pipeline.sh'], spawns: true, setup: copyJob('pipeline.sh'),
    expectFile: join(JOBS_DIR, 'pipeline.out') },
];

// Debian's libXNNPACK (RVV microkernels, picked by getauxval(AT_HWCAP) bit 'v' and vlenb) under our harness
// (test/distro/xnn, built by scripts/distro/build-xnn-harness.sh). The softmax reductions depend on VLEN, so
// each width has its own expectation; QEMU at the same width must agree bit for bit.
// With a pthreadpool of 2 or 4 threads the operators are split into tiles, but each output element is still
// computed by the same microkernel in the same order, so the output must not change; the instruction counts
// of three runs (total and per thread) must be identical.
for (const vlen of [128, 256, 512]) {
  for (const threads of [1, 2, 4]) {
    JOBS.push({ name: `xnnpack harness VLEN=${vlen}${threads > 1 ? `, ${threads} threads` : ''}`, exe: join(XNN_DIR, 'bin', 'xnn-harness'),
      args: threads > 1 ? [String(threads)] : [], vlen, vectorWork: true, threads, runs: threads > 1 ? 3 : 1,
      expectFile: join(XNN_DIR, 'expected', `vlen${vlen}.out`), requires: '/usr/lib/riscv64-linux-gnu/libXNNPACK.so' });
  }
}
// libcpuinfo's view of the machine: as many harts as --cpus says (4 by default; QEMU would show the host's
// CPUs, hence the stored answer), one cluster and package, with V exactly when enabled.
const cpuinfoExpect = (cpus, v) => `processors=${cpus} cores=${cpus} clusters=1 packages=1 uarchs=1\nisa i=1 m=1 a=1 f=1 d=1 c=1 v=${v}\n` +
  `processor0 linux_id=0 core=0 cluster=0 package=${cpus}\n`;
JOBS.push({ name: 'libcpuinfo probe (rv64gcv)', exe: join(XNN_DIR, 'bin', 'cpuinfo-probe'), args: [], vlen: 256, expect: cpuinfoExpect(4, 1),
  requires: '/usr/lib/riscv64-linux-gnu/libcpuinfo.so' });
JOBS.push({ name: 'libcpuinfo probe (rv64gc, 2 cpus)', exe: join(XNN_DIR, 'bin', 'cpuinfo-probe'), args: [], rvemuOpts: ['--cpus', '2'],
  expect: cpuinfoExpect(2, 0), requires: '/usr/lib/riscv64-linux-gnu/libcpuinfo.so' });

const BASE_ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC', TERM: 'dumb' };

function runOne(kind, job) {
  const dir = mkdtempSync(join(tmpdir(), 'rvemu-distro-'));
  try {
    job.setup?.(dir);
    const env = { ...BASE_ENV, HOME: dir, TMPDIR: dir, ...(job.env ?? {}) };
    const prog = job.exe ?? join(SYSROOT, job.prog);
    const statsFile = join(dir, '.rvemu-stats.json');
    const qemuCpu = job.vlen !== undefined ? ['-cpu', `rv64,v=true,vlen=${job.vlen}`] : [];
    const rvemuCpu = job.vlen !== undefined ? ['--isa', 'rv64gcv', '--vlen', String(job.vlen)] : [];
    const [cmd, args] = kind === 'qemu'
      ? (job.spawns ? withQemuBinfmt(QEMU, QEMU, [...qemuCpu, '-L', SYSROOT, prog, ...job.args]) : [QEMU, [...qemuCpu, '-L', SYSROOT, prog, ...job.args]])
      : [process.execPath, [CLI, ...rvemuCpu, ...(job.rvemuOpts ?? []), '--stats-json', statsFile, '--sysroot', SYSROOT, prog, ...job.args]];
    if (kind === 'qemu' && job.spawns) env.QEMU_LD_PREFIX = SYSROOT;
    const input = job.stdinFile !== undefined ? sh('cat', [join(dir, job.stdinFile)]).stdout : '';
    const t0 = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { cwd: dir, env, input, encoding: 'utf8', timeout: opts.timeout * 1000, maxBuffer: 256 << 20 });
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    const stats = kind === 'rvemu' && existsSync(statsFile) ? JSON.parse(readFileSync(statsFile, 'utf8')) : undefined;
    return { code: r.status ?? (r.signal ? `signal ${r.signal}` : 'timeout'), stdout: r.stdout ?? '', stderr: r.stderr ?? '', wall, stats };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const results = [];
for (const job of JOBS) {
  if (opts.only && !opts.only.some((o) => job.name.includes(o))) continue;
  process.stdout.write(`${job.name} ... `);
  if (job.requires !== undefined && !existsSync(join(SYSROOT, job.requires))) {
    console.log(`FAIL  -- the sysroot has no ${job.requires} (re-run scripts/distro/fetch-sysroot.sh)`);
    results.push({ job: job.name, status: 'FAIL', rvemuWall: 0, why: `no ${job.requires}`, stderr: '' });
    continue;
  }
  const rvRuns = Array.from({ length: Math.max(job.runs ?? 1, opts.repeat) }, () => runOne('rvemu', job));
  const rv = rvRuns[0];
  const countsOf = (r) => JSON.stringify([r.stats?.retired, r.stats?.threads, r.stats?.mnemonics, r.stats?.vector]);
  const repeatsDiffer = rvRuns.slice(1, job.runs ?? 1).some((again) => again.stdout !== rv.stdout || countsOf(again) !== countsOf(rv));
  const qRuns = QEMU && job.expect === undefined && (!job.spawns || QEMU_SPAWNS) ? Array.from({ length: opts.repeat }, () => runOne('qemu', job)) : [];
  const q = qRuns[0];
  const stored = job.expectFile !== undefined && existsSync(job.expectFile) ? readFileSync(job.expectFile, 'utf8') : undefined;
  let status, why = '';
  const want = job.expect ?? q?.stdout ?? stored;
  const vectorInsns = rv.stats?.vector?.instructions ?? 0;
  const processes = rv.stats?.processes?.length ?? 0;
  const threadCount = rv.stats?.threads?.length ?? 0;
  if (want === undefined) { status = 'no oracle'; }
  else if (rv.stdout !== want) { status = 'FAIL'; why = `stdout differs (${rv.stdout.length} vs ${want.length} bytes)`; }
  else if (q !== undefined && rv.code !== q.code) { status = 'FAIL'; why = `exit ${rv.code} vs ${q.code}`; }
  else if (job.exit !== undefined && rv.code !== job.exit) { status = 'FAIL'; why = `exit ${rv.code}, not ${job.exit}`; }
  else if (job.vectorWork && vectorInsns === 0) { status = 'FAIL'; why = 'no vector instructions executed'; }
  else if (job.spawns && processes < 2) { status = 'FAIL'; why = 'no child processes ran'; }
  else if (job.threads !== undefined && threadCount !== job.threads) { status = 'FAIL'; why = `${threadCount} threads ran, not ${job.threads}`; }
  else if (repeatsDiffer) { status = 'FAIL'; why = `the ${job.runs} runs differ in output or instruction counts`; }
  else status = 'pass';
  // QEMU judges; a stored expectation that disagrees with it is stale (the library was updated).
  if (q !== undefined && job.expectFile !== undefined && stored !== q.stdout) {
    if (opts.updateExpected) { writeFileSync(job.expectFile, q.stdout); console.log(`(wrote ${job.expectFile}) `); }
    else console.log(`(stored ${job.expectFile} differs from qemu: run with --update-expected) `);
  }
  if (job.pending !== undefined) status = status === 'pass' ? 'pass' : `pending (${job.pending})`;
  const vectorShare = rv.stats && job.vlen !== undefined ? `${(100 * vectorInsns / rv.stats.retired).toFixed(1)}% of ${rv.stats.retired} insns vector` +
      (job.runs > 1 ? `, ${threadCount} threads, counts identical in ${job.runs} runs` : '')
    : rv.stats && job.spawns ? `${processes} processes, ${rv.stats.retired} insns` : '';
  const res = { job: job.name, status, rvemuWall: median(rvRuns.map((r) => r.wall)), qemuWall: q && median(qRuns.map((r) => r.wall)), rvemuExit: rv.code, qemuExit: q?.code, why,
    retired: rv.stats?.retired, processes: rv.stats?.processes?.length, vectorInstructions: rv.stats?.vector?.instructions, stderr: rv.stderr.split('\n').slice(-4).join('\n') };
  results.push(res);
  console.log(`${status}  rvemu ${res.rvemuWall.toFixed(2)} s${q ? `, qemu ${res.qemuWall.toFixed(2)} s` : ''}${vectorShare ? `  (${vectorShare})` : ''}${why ? `  -- ${why}` : ''}`);
  if (status === 'FAIL' || status.startsWith('pending')) console.log(`    rvemu exit ${rv.code}; stderr tail:\n${res.stderr.replace(/^/gm, '      ')}`);
}

const pad = (s, n) => String(s).padEnd(n);
const millions = (n) => n === undefined ? '-' : `${(n / 1e6).toFixed(n < 1e7 ? 2 : 1)} M`;
console.log(`\n| ${pad('job', 36)} | ${pad('result', 10)} | instructions | rvemu wall | qemu wall |`);
console.log(`|${'-'.repeat(38)}|${'-'.repeat(12)}|-------------:|-----------:|----------:|`);
for (const r of results) {
  console.log(`| ${pad(r.job, 36)} | ${pad(r.status, 10)} | ${millions(r.retired).padStart(12)} | ${r.rvemuWall.toFixed(2).padStart(8)} s | ${r.qemuWall !== undefined ? r.qemuWall.toFixed(2).padStart(7) + ' s' : '        -'} |`);
}
const passed = results.filter((r) => r.status === 'pass').length, failed = results.filter((r) => r.status === 'FAIL').length;
const pending = results.filter((r) => r.status.startsWith('pending')).length;
console.log(`\n${passed} passed, ${failed} failed${pending ? `, ${pending} skipped` : ''}`);
if (opts.json) writeFileSync(opts.json, JSON.stringify({ sysroot: SYSROOT, qemu: QEMU || null, results }, null, 2) + '\n');
process.exitCode = failed > 0 ? 1 : 0;
