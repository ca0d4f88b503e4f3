#!/usr/bin/env node
// Generate (or --check) test/programs/mt/expected/<name>.out by running each test/programs/mt/manifest.json
// entry under the qemu-riscv64 oracle, RUNS times; every run must print the same stdout and end with the
// manifest's exit status.
//
//   node scripts/gen-mt-expected.mjs [--check] [name...]
//
// Several fixtures fork and execve RISC-V programs (msh runs the mt-* tools, exec_self runs
// /proc/self/exe and a '#!' script). qemu-user hands execve to the host kernel, which can only run a
// RISC-V ELF through binfmt_misc. So the runs happen inside a new user and mount namespace (unshare(1))
// with its own binfmt_misc instance, where the oracle is registered for RISC-V ELFs. Nothing outside
// that namespace changes (needs Linux 6.7+ and unprivileged user namespaces).
//
// Manifest placeholders, in args, env and cwd: {bin} = test/programs/mt/bin, {src} = test/programs/mt,
// {tmp} = a fresh empty directory for the run (entries with "tmpdir": true).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { binfmtRegistration } from './qemu-binfmt.mjs';

const RUNS = 3;
const self = fileURLToPath(import.meta.url);
const root = path.resolve(path.dirname(self), '..');
const mtDir = path.join(root, 'test/programs/mt');
const argv = process.argv.slice(2);

function findQemu() {
  if (process.env.RVEMU_QEMU) return process.env.RVEMU_QEMU;
  const r = spawnSync('bash', [path.join(root, 'scripts/get-qemu.sh'), '--path'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  console.error('gen-mt-expected: qemu-riscv64 oracle not found; run scripts/get-qemu.sh (or set RVEMU_QEMU)');
  process.exit(1);
}
const qemu = findQemu();

if (process.env.RVEMU_MT_NAMESPACE !== '1') {
  const r = spawnSync('unshare', ['--user', '--map-root-user', '--mount', process.execPath, self, ...argv], {
    stdio: 'inherit', env: { ...process.env, RVEMU_MT_NAMESPACE: '1', RVEMU_QEMU: qemu },
  });
  if (r.error) { console.error(`gen-mt-expected: unshare: ${r.error.message}`); process.exit(1); }
  process.exit(r.status ?? 1);
}

// Inside the namespace: a private binfmt_misc with the oracle as the RISC-V ELF interpreter.
const binfmt = '/proc/sys/fs/binfmt_misc';
const mount = spawnSync('mount', ['-t', 'binfmt_misc', 'binfmt_misc', binfmt], { encoding: 'utf8' });
if (mount.status !== 0) { console.error(`gen-mt-expected: cannot mount binfmt_misc in a user namespace: ${mount.stderr}`); process.exit(1); }
fs.writeFileSync(path.join(binfmt, 'register'), binfmtRegistration(qemu));

const check = argv.includes('--check');
const only = argv.filter((a) => !a.startsWith('--'));
const manifest = JSON.parse(fs.readFileSync(path.join(mtDir, 'manifest.json'), 'utf8'));

function fill(s, tmp) {
  return s.replaceAll('{bin}', path.join(mtDir, 'bin')).replaceAll('{src}', mtDir).replaceAll('{tmp}', tmp ?? '{tmp}');
}

function runOnce(entry) {
  const tmp = entry.tmpdir ? fs.mkdtempSync(path.join(os.tmpdir(), `rvemu-mt-${entry.name}-`)) : undefined;
  const env = Object.fromEntries(Object.entries(entry.env ?? {}).map(([k, v]) => [k, fill(v, tmp)]));
  const bin = path.join(mtDir, 'bin', entry.bin ?? entry.name);
  // The ELF is run directly (through binfmt_misc), exactly as its own children are.
  const r = spawnSync(bin, (entry.args ?? []).map((a) => fill(a, tmp)), {
    env, cwd: entry.cwd !== undefined ? fill(entry.cwd, tmp) : mtDir,
    input: entry.stdin ?? '', maxBuffer: 64 << 20, timeout: 120000,
  });
  if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  return r;
}

let failures = 0;
for (const entry of manifest) {
  if (only.length && !only.includes(entry.name)) continue;
  const runs = Array.from({ length: RUNS }, () => runOnce(entry));
  const first = runs[0];
  const problems = [];
  if (first.error) problems.push(`spawn error: ${first.error.message}`);
  runs.forEach((r, i) => {
    if (r.status !== entry.exit) problems.push(`run ${i + 1}: exit ${r.status ?? 'signal ' + r.signal}, manifest says ${entry.exit}`);
    if (!r.stdout.equals(first.stdout)) problems.push(`run ${i + 1}: stdout differs from run 1 (not deterministic)`);
  });
  const outFile = path.join(mtDir, 'expected', `${entry.name}.out`);
  if (check) {
    const want = fs.existsSync(outFile) ? fs.readFileSync(outFile) : null;
    if (!want || !want.equals(first.stdout)) problems.push(`stdout differs from expected/${entry.name}.out`);
  } else if (!problems.length) {
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, first.stdout);
  }
  if (problems.length) {
    failures++;
    console.log(`FAIL ${entry.name}: ${problems.join('; ')}`);
    if (first.stderr?.length) console.log(`  stderr: ${first.stderr.toString().slice(0, 2000)}`);
  } else {
    console.log(`ok   ${entry.name} (exit ${first.status}, ${first.stdout.length} bytes stdout, ${RUNS} identical runs${first.stderr.length ? `, stderr: ${JSON.stringify(first.stderr.toString().slice(0, 200))}` : ''})`);
  }
}
console.log(`${check ? 'check' : 'generate'}: ${failures ? failures + ' failed' : 'all ok'}`);
process.exit(failures ? 1 : 0);
