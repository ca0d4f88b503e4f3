#!/usr/bin/env node
// `npm run bench`: runs each workload under rvemu (and qemu-riscv64 when present, at the same VLEN) several
// times, and prints retired instructions, median wall time, guest MIPS, rvemu's peak RSS and the wall-time
// ratio against QEMU. Also checks that both print the same output, so a fast wrong answer cannot pass as a
// win. Results go to bench/results.json.
// Usage: node bench/run.mjs [--runs N] [--only name,name] [--json FILE] [--distro] [--vlen N] [--rvemu-args "..."] [--cli main.js]
//        node bench/run.mjs --write-small   record each workload's output on its small input under QEMU (bench/small.json)
//        node bench/run.mjs --overheads [--runs N] [--only ...]   cost of --stats and --profile (bench/overheads.mjs)
// --distro adds the Debian jobs (lua, python, sqlite; tens of seconds each) when the sysroot that
// `npm run test:distro` assembles is in ~/.cache/rvemu/distro.
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir, homedir, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

const rssWrapper = join(root, 'bench', 'rss.mjs');
const cache = process.env.RVEMU_CACHE ?? join(homedir(), '.cache', 'rvemu');

const V = 'rv64gcv';
/**
 * name, kind, what it does, binary, arguments; isa: 'rv64gcv' for the vector workloads; small: arguments for a
 * quick run whose output (from QEMU, `--write-small`) the tests compare with (bench/small.json).
 */
const WORKLOADS = [
  { name: 'intmix', kind: 'scalar', bin: 'bench/bin/intmix', args: ['4'], small: ['1'], what: 'sha256 + crc32 + qsort + int32 matmul' },
  { name: 'bytevm', kind: 'scalar', bin: 'bench/bin/bytevm', args: ['12'], small: ['1'], what: 'bytecode VM: fib, sieve, branchy mix' },
  { name: 'nbody', kind: 'scalar-fp', bin: 'bench/bin/nbody', args: ['200000'], small: ['2000'], what: 'n-body, double precision' },
  { name: 'memory', kind: 'scalar-mem', bin: 'bench/bin/memory', args: ['12'], small: ['1', '1'], what: '8 MiB memset/memcpy/memmove + pointer chase' },
  { name: 'sgemm-m1', kind: 'vector', isa: V, bin: 'bench/bin/sgemm', args: ['m1', '96', '160'], small: ['m1', '24', '2'], what: 'f32 GEMM 96^3, vfmacc.vf, LMUL 1' },
  { name: 'sgemm-m4', kind: 'vector', isa: V, bin: 'bench/bin/sgemm', args: ['m4', '96', '320'], small: ['m4', '24', '2'], what: 'f32 GEMM 96^3, vfmacc.vf, LMUL 4' },
  { name: 'igemm-m1', kind: 'vector', isa: V, bin: 'bench/bin/igemm', args: ['m1', '128', '64'], small: ['m1', '40', '2'], what: 'int8 GEMM 128^3, vwmacc.vx, i32 LMUL 1' },
  { name: 'igemm-m4', kind: 'vector', isa: V, bin: 'bench/bin/igemm', args: ['m4', '128', '128'], small: ['m4', '40', '2'], what: 'int8 GEMM 128^3, vwmacc.vx, i32 LMUL 4' },
  { name: 'conv3x3', kind: 'vector', isa: V, bin: 'bench/bin/conv3x3', args: ['256', '100'], small: ['40', '2'], what: 'f32 3x3 convolution 256x256, LMUL 2' },
  { name: 'softmax', kind: 'vector', isa: V, bin: 'bench/bin/softmax', args: ['64', '1000', '100'], small: ['4', '100', '2'], what: 'f32 softmax 64x1000, polynomial exp' },
  { name: 'autovec', kind: 'vector', isa: V, bin: 'bench/bin/autovec', args: ['128', '60'], small: ['24', '2'], what: 'clang -O3 auto-vectorized loop nests' },
];

/** The Debian jobs of the distro corpus (test/distro/jobs), run on its sysroot. */
const DISTRO = [
  { name: 'lua', prog: '/usr/bin/lua5.4', args: ['compute.lua'], files: ['compute.lua'], what: 'Debian lua5.4: compute.lua' },
  { name: 'python', prog: '/usr/bin/python3.13', args: ['workload.py'], files: ['workload.py'], what: 'Debian python3.13: workload.py' },
  { name: 'sqlite', prog: '/usr/bin/sqlite3', args: ['test.db'], files: ['sqlite.sql'], stdin: 'sqlite.sql', what: 'Debian sqlite3: 100k rows, WAL' },
];
const DISTRO_ENV = { PATH: '/usr/bin:/bin', LC_ALL: 'C', TZ: 'UTC', TERM: 'dumb', PYTHONHASHSEED: '0', PYTHONDONTWRITEBYTECODE: '1' };

const argv = process.argv.slice(2);
if (argv.includes('--overheads')) { await import('./overheads.mjs'); process.exit(process.exitCode ?? 0); }
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const runs = Number(opt('--runs', '3'));
const only = opt('--only', '')?.split(',').filter(Boolean) ?? [];
const jsonOut = opt('--json', join(root, 'bench', 'results.json'));
const vlen = Number(opt('--vlen', '256'));
const extra = opt('--rvemu-args', '').split(' ').filter(Boolean);
/** The rvemu entry point: this checkout's build, or another (--cli, e.g. an older build to compare with). */
const cli = opt('--cli', join(root, 'dist', 'cli', 'main.js'));

function findQemu() {
  const candidates = [process.env.RVEMU_QEMU, join(cache, 'qemu', 'usr', 'bin', 'qemu-riscv64')];
  for (const c of candidates) if (c && existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v qemu-riscv64'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
function timed(cmd, args, o = {}) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28, ...o });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  return { wall, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

if (argv.includes('--write-small')) {
  // The outputs the tests expect (test/bench.test.ts, test/engine/jit-equivalence.test.ts), from the oracle.
  const q = findQemu();
  if (!q) { console.error('bench: --write-small needs qemu-riscv64 (npm run oracle)'); process.exit(2); }
  const rows = WORKLOADS.map((w) => {
    const r = spawnSync(q, [...(w.isa ? ['-cpu', `rv64,v=true,vlen=${vlen}`] : []), w.bin, ...w.small], { cwd: root, encoding: 'utf8' });
    if (r.status !== 0) { console.error(`bench: ${w.name} ${w.small.join(' ')} failed under qemu`); process.exit(1); }
    return JSON.stringify({ name: w.name, bin: w.bin, args: w.small, isa: w.isa, vlen: w.isa ? vlen : undefined, stdout: r.stdout });
  });
  writeFileSync(join(root, 'bench', 'small.json'), `[\n${rows.join(',\n')}\n]\n`);
  console.log(`wrote bench/small.json (${rows.length} workloads)`);
  process.exit(0);
}

if (!existsSync(cli)) { console.error('bench: dist/ is missing; run `npm ci` (or `npm run build`) first'); process.exit(2); }
const qemu = findQemu();
const tmp = mkdtempSync(join(tmpdir(), 'rvemu-bench-'));

const list = WORKLOADS.map((w) => ({ ...w }));
const sysroot = join(cache, 'distro', 'sysroot');
if (argv.includes('--distro')) {
  if (existsSync(join(sysroot, 'usr', 'bin'))) {
    for (const j of DISTRO) list.push({ ...j, kind: 'distro', bin: join(sysroot, j.prog), sysroot });
  } else console.error(`bench: --distro: no sysroot in ${sysroot} (run \`npm run test:distro\` once); distro jobs skipped`);
}

/** A fresh working directory for a job (distro jobs get their input files), and its stdin. */
function prepare(w) {
  // A fixed environment: the guest's start-up reads it, so the counts do not depend on the caller's (npm adds variables).
  if (w.kind !== 'distro') return { cwd: root, input: '', env: { PATH: '/usr/bin:/bin', LC_ALL: 'C' } };
  const dir = mkdtempSync(join(tmp, `${w.name}-`));
  for (const f of w.files) copyFileSync(join(root, 'test', 'distro', 'jobs', f), join(dir, f));
  const input = w.stdin !== undefined ? readFileSync(join(dir, w.stdin), 'utf8') : '';
  return { cwd: dir, input, env: { ...DISTRO_ENV, HOME: dir, TMPDIR: dir } };
}

const results = [];
for (const w of list) {
  if (only.length && !only.includes(w.name)) continue;
  const statsFile = join(tmp, `${w.name}.json`), rssFile = join(tmp, `${w.name}.rss`);
  const isaArgs = [...(w.isa ? ['--isa', w.isa, '--vlen', String(vlen)] : []), ...(w.sysroot ? ['--sysroot', w.sysroot] : [])];
  const walls = [], execWalls = [], rss = [];
  let out, insns;
  for (let i = 0; i < runs; i++) {
    const p = prepare(w);
    const r = timed(process.execPath, [rssWrapper, rssFile, cli, '--stats-json', statsFile, ...isaArgs, ...extra, w.bin, ...w.args], p);
    if (r.status !== 0) { console.error(`bench: ${w.name} failed under rvemu (status ${r.status}):\n${r.stderr}`); process.exit(1); }
    const s = JSON.parse(readFileSync(statsFile, 'utf8'));
    walls.push(r.wall); execWalls.push(s.host?.wallSeconds ?? s.wallSeconds); out = r.stdout;
    rss.push(Number(readFileSync(rssFile, 'utf8')) / 1024);
    if (insns !== undefined && insns !== s.instructions) { console.error(`bench: ${w.name}: instruction count changed between runs (${insns} vs ${s.instructions})`); process.exit(1); }
    insns = s.instructions;
  }
  const row = {
    name: w.name, kind: w.kind, what: w.what, args: w.args.join(' '), instructions: insns,
    wallMedian: median(walls), execMedian: median(execWalls), peakRssMiB: Math.max(...rss),
  };
  row.mips = insns / row.execMedian / 1e6;
  if (qemu) {
    const qw = [];
    const qargs = [...(w.isa ? ['-cpu', `rv64,v=true,vlen=${vlen}`] : []), ...(w.sysroot ? ['-L', w.sysroot] : [])];
    for (let i = 0; i < runs; i++) {
      const p = prepare(w);
      const r = timed(qemu, [...qargs, w.bin, ...w.args], p);
      if (r.stdout !== out) { console.error(`bench: ${w.name}: output differs from qemu-riscv64's`); process.exit(1); }
      qw.push(r.wall);
    }
    row.qemuWallMedian = median(qw);
    row.ratioVsQemu = row.wallMedian / row.qemuWallMedian;
  }
  results.push(row);
  process.stderr.write(`  ${w.name}: ${row.wallMedian.toFixed(2)} s\n`);
}
rmSync(tmp, { recursive: true, force: true });

const fmt = (x, d = 2) => (x === undefined ? '-' : x.toFixed(d));
console.log(`rvemu bench: ${runs} runs each, medians; VLEN ${vlen}; qemu: ${qemu ?? 'not found (ratios omitted)'}`);
console.log(['workload'.padEnd(10), 'instructions'.padStart(14), 'wall s'.padStart(8), 'exec s'.padStart(8), 'MIPS'.padStart(8),
  'RSS MiB'.padStart(8), 'qemu s'.padStart(8), 'x qemu'.padStart(8)].join(' '));
for (const r of results) {
  console.log([r.name.padEnd(10), r.instructions.toLocaleString('en-US').padStart(14), fmt(r.wallMedian).padStart(8), fmt(r.execMedian).padStart(8),
    fmt(r.mips, 1).padStart(8), fmt(r.peakRssMiB, 0).padStart(8), fmt(r.qemuWallMedian, 3).padStart(8), fmt(r.ratioVsQemu, 2).padStart(8)].join(' '));
}
if (only.length === 0 || argv.includes('--json')) {
  writeFileSync(jsonOut, JSON.stringify({
    schema: 'rvemu-bench/2', node: process.version, runs, vlen, rvemuArgs: extra, load: loadavg().map((x) => Number(x.toFixed(2))),
    qemu: qemu ? spawnSync(qemu, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : null, results,
  }, null, 2) + '\n');
  console.log(`wrote ${jsonOut}`);
}
