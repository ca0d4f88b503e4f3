#!/usr/bin/env node
// `npm run bench`: runs each workload under rvemu (and qemu-riscv64 when present) several times, and
// prints retired instructions, median wall time, guest MIPS and the wall-time ratio against QEMU.
// Also checks that both produce the same output, so a fast wrong answer cannot pass as a win.
// Usage: node bench/run.mjs [--runs N] [--only name,name] [--json FILE]
//        node bench/run.mjs --overheads [--runs N] [--only ...]   cost of --stats and --profile (bench/overheads.mjs)
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir, homedir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const cli = join(root, 'dist', 'cli', 'main.js');
const workloads = [
  { name: 'intmix', kind: 'scalar', bin: 'bench/bin/intmix', args: ['4'], what: 'sha256 + crc32 + qsort + int32 matmul' },
  { name: 'nbody', kind: 'scalar-fp', bin: 'bench/bin/nbody', args: ['200000'], what: 'n-body, double precision' },
];

const argv = process.argv.slice(2);
if (argv.includes('--overheads')) { await import('./overheads.mjs'); process.exit(process.exitCode ?? 0); }
const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const runs = Number(opt('--runs', '3'));
const only = opt('--only', '')?.split(',').filter(Boolean) ?? [];
const jsonOut = opt('--json', join(root, 'bench', 'results.json'));

function findQemu() {
  const candidates = [process.env.RVEMU_QEMU, join(process.env.RVEMU_CACHE ?? join(homedir(), '.cache', 'rvemu'), 'qemu', 'usr', 'bin', 'qemu-riscv64')];
  for (const c of candidates) if (c && existsSync(c)) return c;
  const which = spawnSync('sh', ['-c', 'command -v qemu-riscv64'], { encoding: 'utf8' });
  return which.status === 0 ? which.stdout.trim() : undefined;
}
const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
function timed(cmd, args) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const wall = Number(process.hrtime.bigint() - t0) / 1e9;
  return { wall, status: r.status, stdout: r.stdout, stderr: r.stderr };
}

if (!existsSync(cli)) { console.error('bench: dist/ is missing; run `npm ci` (or `npm run build`) first'); process.exit(2); }
const qemu = findQemu();
const tmp = mkdtempSync(join(tmpdir(), 'rvemu-bench-'));
const results = [];
for (const w of workloads) {
  if (only.length && !only.includes(w.name)) continue;
  const statsFile = join(tmp, `${w.name}.json`);
  const walls = [], execWalls = [];
  let out, insns;
  for (let i = 0; i < runs; i++) {
    const r = timed(process.execPath, [cli, '--stats-json', statsFile, w.bin, ...w.args]);
    if (r.status !== 0) { console.error(`bench: ${w.name} failed under rvemu (status ${r.status}):\n${r.stderr}`); process.exit(1); }
    const s = JSON.parse(readFileSync(statsFile, 'utf8'));
    walls.push(r.wall); execWalls.push(s.host?.wallSeconds ?? s.wallSeconds); out = r.stdout;
    if (insns !== undefined && insns !== s.instructions) { console.error(`bench: ${w.name}: instruction count changed between runs (${insns} vs ${s.instructions})`); process.exit(1); }
    insns = s.instructions;
  }
  const row = { name: w.name, kind: w.kind, what: w.what, instructions: insns, wallMedian: median(walls), execMedian: median(execWalls) };
  row.mips = insns / row.execMedian / 1e6;
  if (qemu) {
    const qw = [];
    for (let i = 0; i < runs; i++) {
      const r = timed(qemu, [w.bin, ...w.args]);
      if (r.stdout !== out) { console.error(`bench: ${w.name}: output differs from qemu-riscv64's`); process.exit(1); }
      qw.push(r.wall);
    }
    row.qemuWallMedian = median(qw);
    row.ratioVsQemu = row.wallMedian / row.qemuWallMedian;
  }
  results.push(row);
}
rmSync(tmp, { recursive: true, force: true });

const fmt = (x, d = 2) => (x === undefined ? '-' : x.toFixed(d));
console.log(`rvemu bench: ${runs} runs each, medians; qemu: ${qemu ?? 'not found (ratios omitted)'}`);
console.log(['workload'.padEnd(10), 'instructions'.padStart(14), 'wall s'.padStart(8), 'exec s'.padStart(8), 'MIPS'.padStart(8), 'qemu s'.padStart(8), 'x qemu'.padStart(8)].join(' '));
for (const r of results) {
  console.log([r.name.padEnd(10), r.instructions.toLocaleString('en-US').padStart(14), fmt(r.wallMedian).padStart(8), fmt(r.execMedian).padStart(8),
    fmt(r.mips, 1).padStart(8), fmt(r.qemuWallMedian, 3).padStart(8), fmt(r.ratioVsQemu, 1).padStart(8)].join(' '));
}
writeFileSync(jsonOut, JSON.stringify({ schema: 'rvemu-bench/1', node: process.version, runs, qemu: qemu ? spawnSync(qemu, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] : null, results }, null, 2) + '\n');
console.log(`wrote ${jsonOut}`);
