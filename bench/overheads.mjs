#!/usr/bin/env node
// The cost of counting and profiling: runs each bench workload plain, with --stats and with --profile
// (each in a fresh Node process, interleaved, several times) and prints the median CPU time of the run
// (emulation plus producing the report) and the slowdown against the plain run. CPU time rather than wall
// time, so that other load on the machine disturbs the comparison less.
// Usage: node bench/overheads.mjs [--runs N] [--only name,name] [--json FILE]   (or: node bench/run.mjs --overheads)
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const workloads = [
  { name: 'intmix', bin: 'bench/bin/intmix', args: ['4'] },
  { name: 'nbody', bin: 'bench/bin/nbody', args: ['200000'] },
  // Vector workloads also feed the --stats vector counters (per mnemonic, SEW and LMUL).
  { name: 'igemm-m1', bin: 'bench/bin/igemm', args: ['m1', '128', '64'], isa: 'rv64gcv' },
  { name: 'sgemm-m1', bin: 'bench/bin/sgemm', args: ['m1', '96', '160'], isa: 'rv64gcv' },
];
const MODES = ['plain', 'stats', 'profile'];
/** The limits the profiler is held to (slowdown against a plain run). */
const BUDGET = { stats: 0.10, profile: 0.35 };

const argv = process.argv.slice(2);

if (argv[0] === '--child') {
  // One measured run: node overheads.mjs --child MODE OUT.json ISA BIN ARGS...   (vector workloads at VLEN 256, as in the bench)
  const [, mode, out, isa, bin, ...args] = argv;
  const imp = (p) => import(pathToFileURL(join(dist, p)).href);
  const { NodeHost } = await imp('host/node-host.js');
  const { createProcess, runProcess } = await imp('run.js');
  const { parseIsa, DEFAULT_ISA } = await imp('isa/isa-string.js');
  const { ProfileSession, linuxRun } = await imp('cli/report.js');
  const path = join(root, bin);
  const proc = createProcess(new NodeHost(), new Uint8Array(readFileSync(path)), {
    path: bin, exePath: path, argv: [bin, ...args], envp: [], isa: parseIsa(isa === '-' ? DEFAULT_ISA : isa), vlen: 256, seed: 0, hostTime: false, strict: false,
  });
  const tmp = mkdtempSync(join(tmpdir(), 'rvemu-oh-'));
  const session = mode === 'plain' ? undefined : ProfileSession.start(linuxRun(proc), {
    program: bin, args, stats: false, 'call-stack': false, 'roi-markers': true, trace: false,
    'stats-json': join(tmp, 'stats.json'), profile: mode === 'profile' ? join(tmp, 'out.folded') : undefined,
  });
  const c0 = process.cpuUsage(), t0 = process.hrtime.bigint();
  const stop = session ? session.run(Infinity) : runProcess(proc, Infinity);
  session?.finish(stop, Number(process.hrtime.bigint() - t0) / 1e9);
  const cpu = process.cpuUsage(c0), wall = Number(process.hrtime.bigint() - t0) / 1e9;
  rmSync(tmp, { recursive: true, force: true });
  writeFileSync(out, JSON.stringify({ cpu: (cpu.user + cpu.system) / 1e6, wall, instret: proc.hart.instret, stop }));
  process.exit(0);
}

const opt = (name, dflt) => { const i = argv.indexOf(name); return i >= 0 ? argv[i + 1] : dflt; };
const runs = Number(opt('--runs', '5'));
const only = opt('--only', '')?.split(',').filter(Boolean) ?? [];
const jsonOut = opt('--json', undefined);
if (!existsSync(join(dist, 'cli', 'main.js'))) { console.error('overheads: dist/ is missing; run `npm run build` first'); process.exit(2); }

const median = (xs) => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const tmp = mkdtempSync(join(tmpdir(), 'rvemu-overheads-'));
const rows = [];
let failed = false;
for (const w of workloads) {
  if (only.length && !only.includes(w.name)) continue;
  const cpu = { plain: [], stats: [], profile: [] }, wall = { plain: [], stats: [], profile: [] };
  let insns;
  for (let i = 0; i < runs; i++) {
    for (const mode of MODES) {
      const out = join(tmp, 'r.json');
      const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), '--child', mode, out, w.isa ?? '-', w.bin, ...w.args], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      if (r.status !== 0) { console.error(`overheads: ${w.name} (${mode}) failed:\n${r.stderr}`); process.exit(1); }
      const m = JSON.parse(readFileSync(out, 'utf8'));
      if (insns !== undefined && m.instret !== insns) { console.error(`overheads: ${w.name}: instruction count changed (${insns} vs ${m.instret})`); process.exit(1); }
      insns = m.instret;
      cpu[mode].push(m.cpu); wall[mode].push(m.wall);
    }
  }
  const row = { name: w.name, instructions: insns };
  for (const mode of MODES) { row[`${mode}Cpu`] = median(cpu[mode]); row[`${mode}Wall`] = median(wall[mode]); }
  row.statsOverhead = row.statsCpu / row.plainCpu - 1;
  row.profileOverhead = row.profileCpu / row.plainCpu - 1;
  if (row.statsOverhead > BUDGET.stats || row.profileOverhead > BUDGET.profile) failed = true;
  rows.push(row);
}
rmSync(tmp, { recursive: true, force: true });

const pct = (x) => `${x >= 0 ? '+' : ''}${(100 * x).toFixed(1)}%`;
console.log(`rvemu overheads: ${runs} runs each, median CPU seconds of the run (budget: --stats ${pct(BUDGET.stats)}, --profile ${pct(BUDGET.profile)})`);
console.log(['workload'.padEnd(10), 'instructions'.padStart(14), 'plain s'.padStart(9), 'stats s'.padStart(9), 'overhead'.padStart(9), 'profile s'.padStart(10), 'overhead'.padStart(9)].join(' '));
for (const r of rows) {
  console.log([r.name.padEnd(10), r.instructions.toLocaleString('en-US').padStart(14), r.plainCpu.toFixed(3).padStart(9), r.statsCpu.toFixed(3).padStart(9),
    pct(r.statsOverhead).padStart(9), r.profileCpu.toFixed(3).padStart(10), pct(r.profileOverhead).padStart(9)].join(' '));
}
if (jsonOut) writeFileSync(jsonOut, JSON.stringify({ schema: 'rvemu-overheads/1', node: process.version, runs, budget: BUDGET, results: rows }, null, 2) + '\n');
if (failed) { console.log('overheads: OVER BUDGET'); process.exitCode = 1; }
