#!/usr/bin/env node
// Generate (or --check) test/programs/expected/<name>.out|.err by running each
// test/programs/manifest.json entry under the qemu-riscv64 oracle.
//
//   node scripts/gen-expected.mjs [--check] [name...]
//
// Each program runs twice with a clean environment (only the manifest's env,
// plus TMPDIR=<fresh empty dir> when needsTmpdir); both runs must agree and the
// exit status must equal the manifest's "exit". Entries with "oracle": false
// have hand-written expected output (qemu-user cannot produce it); they are
// not regenerated, only their exit status is checked.
// Entries with "instret" also get their retired-instruction count checked with
// scripts/qemu-icount.sh.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const progDir = path.join(root, 'test/programs');
const manifest = JSON.parse(fs.readFileSync(path.join(progDir, 'manifest.json'), 'utf8'));
const argv = process.argv.slice(2);
const check = argv.includes('--check');
const only = argv.filter((a) => !a.startsWith('--'));

function findQemu() {
  if (process.env.RVEMU_QEMU) return process.env.RVEMU_QEMU;
  const r = spawnSync('bash', [path.join(root, 'scripts/get-qemu.sh'), '--path'], { encoding: 'utf8' });
  if (r.status === 0 && r.stdout.trim()) return r.stdout.trim();
  console.error('gen-expected: qemu-riscv64 oracle not found; run scripts/get-qemu.sh (or set RVEMU_QEMU)');
  process.exit(1);
}
const qemu = findQemu();

// ELF path: "bin" (relative to the repository root) if given, else test/programs/bin/<name>
function binPath(entry) {
  return entry.bin ? path.join(root, entry.bin) : path.join(progDir, 'bin', entry.name);
}

function runOnce(entry) {
  let tmp = null;
  const env = { ...(entry.env ?? {}) };
  if (entry.needsTmpdir) {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), `rvemu-${entry.name}-`));
    env.TMPDIR = tmp;
  }
  const r = spawnSync(qemu, [binPath(entry), ...(entry.args ?? [])], {
    env,
    input: entry.stdin ?? '',
    maxBuffer: 64 << 20,
    timeout: 120000,
  });
  let leftovers = [];
  if (tmp) {
    leftovers = fs.readdirSync(tmp);
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  return { status: r.status, signal: r.signal, stdout: r.stdout, stderr: r.stderr, leftovers, error: r.error };
}

let failures = 0;
for (const entry of manifest) {
  if (only.length && !only.includes(entry.name)) continue;
  const a = runOnce(entry);
  const b = runOnce(entry);
  const problems = [];
  if (a.error) problems.push(`spawn error: ${a.error.message}`);
  if (a.status !== entry.exit) problems.push(`exit ${a.status ?? 'signal ' + a.signal}, manifest says ${entry.exit}`);
  if (entry.oracle !== false && (!a.stdout.equals(b.stdout) || !a.stderr.equals(b.stderr)))
    problems.push('output differs between two runs (not deterministic)');
  if (a.leftovers.length) problems.push(`left files in TMPDIR: ${a.leftovers.join(', ')}`);
  const outFile = path.join(progDir, 'expected', `${entry.name}.out`);
  const errFile = path.join(progDir, 'expected', `${entry.name}.err`);
  if (entry.oracle === false) {
    // hand-written expectation: just report what qemu printed
    console.log(`${entry.name}: oracle=false (expected output is hand-derived); qemu printed ${JSON.stringify(a.stdout.toString())}`);
  } else if (check) {
    const want = fs.existsSync(outFile) ? fs.readFileSync(outFile) : null;
    if (!want || !want.equals(a.stdout)) problems.push('stdout differs from expected/' + `${entry.name}.out`);
    const wantErr = fs.existsSync(errFile) ? fs.readFileSync(errFile) : Buffer.alloc(0);
    if (!wantErr.equals(a.stderr)) problems.push('stderr differs from expected/' + `${entry.name}.err`);
  } else if (!problems.length) {
    fs.mkdirSync(path.dirname(outFile), { recursive: true });
    fs.writeFileSync(outFile, a.stdout);
    if (a.stderr.length) fs.writeFileSync(errFile, a.stderr);
    else if (fs.existsSync(errFile)) fs.unlinkSync(errFile);
  }
  if (entry.instret !== undefined) {
    const r = spawnSync('bash', [path.join(root, 'scripts/qemu-icount.sh'), binPath(entry), ...(entry.args ?? [])], { encoding: 'utf8' });
    const n = Number(r.stdout.trim());
    if (n !== entry.instret) problems.push(`qemu instruction count ${r.stdout.trim()} != manifest instret ${entry.instret}`);
    const countFile = path.join(progDir, 'expected', `${entry.name}.count`);
    const want = fs.existsSync(countFile) ? Number(fs.readFileSync(countFile, 'utf8').trim()) : NaN;
    if (want !== entry.instret) problems.push(`expected/${entry.name}.count (${want}) != manifest instret ${entry.instret}`);
  }
  if (problems.length) {
    failures++;
    console.log(`FAIL ${entry.name}: ${problems.join('; ')}`);
  } else {
    console.log(`ok   ${entry.name} (exit ${a.status}, ${a.stdout.length} bytes stdout${a.stderr.length ? `, ${a.stderr.length} bytes stderr` : ''})`);
  }
}
console.log(`${check ? 'check' : 'generate'}: ${failures ? failures + ' failed' : 'all ok'}`);
process.exit(failures ? 1 : 0);
