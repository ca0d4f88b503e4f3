// Translated code must be indistinguishable from the interpreter: every fixture (test/programs, the
// riscv-tests, the vector assembly tests and C kernels, examples/bin/mlp, the bench workloads with small arguments) runs in-process
// with translation off, then with every block translated before it first runs (inlined templates, and
// semantics calls only), with blocks and loops translated after a few runs, and with the default settings.
// Output, exit status, how the run stopped, hart instret, the engine's counts (total, per mnemonic, and
// each block's runs and taken branches) and the vector counters of --stats must be identical.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../src/engine/engine.js';
import { createProcess, runProcess, describeStop } from '../../src/run.js';
import { collectStats } from '../../src/profile/stats.js';
import { VectorCounters, setVectorSink, vectorCounting } from '../../src/profile/vector-counters.js';
import { RvemuError } from '../../src/errors.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';
import { ROOT, RISCV_TESTS_DIR, programManifest, programPath, riscvTestPath, riscvTestsManifest } from '../helpers/paths.js';

const TIMEOUT_MS = 900_000;
/** Far above any fixture; only stops a translator bug that loops. */
const MAX_INSNS = 20_000_000_000;
/** Instructions per slice; between slices the worker's event loop gets a turn. */
const SLICE = 20_000_000;

interface Fixture {
  name: string;
  path: string;
  args?: readonly string[];
  env?: Readonly<Record<string, string>>;
  stdin?: string;
  needsTmpdir?: boolean;
  isa?: string;
  vlen?: number;
}

interface Result {
  exit: string;
  stdout: string;
  stderr: string;
  instret: number;
  counted: number;
  byMnemonic: [string, number][];
  /** Per block address: runs, and how often its closing branch was taken. */
  blocks: string;
  /** The vector counters' rows (per mnemonic, SEW and LMUL: runs, elements, bytes). */
  vector: string;
}

function fixtures(): Fixture[] {
  const list: Fixture[] = [];
  for (const e of programManifest()) {
    list.push({
      name: `programs/${e.name}`, path: programPath(e), args: e.args, env: e.env ?? {}, stdin: e.stdin ?? '', needsTmpdir: e.needsTmpdir,
    });
  }
  for (const t of riscvTestsManifest()) list.push({ name: `riscv-tests/${t.name}`, path: riscvTestPath(t) });
  const rvvManifest = join(RISCV_TESTS_DIR, 'rvv', 'manifest.json');
  if (existsSync(rvvManifest)) {
    const rvv = JSON.parse(readFileSync(rvvManifest, 'utf8')) as { name: string; vlen?: number[] }[];
    for (const t of rvv) {
      const path = join(RISCV_TESTS_DIR, 'rvv', 'bin', t.name);
      if (existsSync(path)) list.push({ name: `rvv/${t.name}`, path, isa: 'rv64gcv', vlen: t.vlen?.[0] });
    }
  }
  // The RVV C kernels (at the VLEN rvemu defaults to) and every bench workload on its small input.
  const rvvPrograms = join(ROOT, 'test', 'programs', 'rvv', 'bin');
  if (existsSync(rvvPrograms)) {
    for (const name of readdirSync(rvvPrograms).sort()) {
      list.push({ name: `rvv-programs/${name}`, path: join(rvvPrograms, name), isa: name === 'fquant16' ? 'rv64gcv_zvfh' : 'rv64gcv' });
    }
  }
  const small = JSON.parse(readFileSync(join(ROOT, 'bench', 'small.json'), 'utf8')) as
    { name: string; bin: string; args: string[]; isa?: string; vlen?: number }[];
  for (const s of small) list.push({ name: `bench/${s.name}`, path: join(ROOT, s.bin), args: s.args, isa: s.isa, vlen: s.vlen });
  return list;
}

async function runWith(f: Fixture, engine: EngineOptions): Promise<Result> {
  const host = new CaptureHost(f.stdin ?? '');
  const tmp = f.needsTmpdir ? mkdtempSync(join(tmpdir(), 'rvemu-jit-')) : undefined;
  try {
    const env = { ...(f.env ?? {}), ...(tmp !== undefined ? { TMPDIR: tmp } : {}) };
    let exit: string;
    let proc;
    try {
      proc = createProcess(host, new Uint8Array(readFileSync(f.path)), {
        path: f.path, exePath: f.path, argv: [f.path, ...(f.args ?? [])],
        envp: Object.entries(env).map(([k, v]) => `${k}=${v}`),
        isa: parseIsa(f.isa ?? DEFAULT_ISA), vlen: f.vlen,
        seed: 0, hostTime: false, strict: false, stdio: CAPTURE_STDIO, engine,
      });
    } catch (e) {
      if (!(e instanceof RvemuError)) throw e;
      return { exit: `load error: ${e.message}`, stdout: '', stderr: '', instret: 0, counted: 0, byMnemonic: [], blocks: '', vector: '' };
    }
    const counters = new VectorCounters();
    for (;;) {
      // Counted as with --stats (set again after each wait: other tests may run in between).
      setVectorSink(counters);
      vectorCounting.on = true;
      let stop;
      try { stop = runProcess(proc, Math.min(MAX_INSNS, proc.hart.instret + SLICE)); } finally { setVectorSink(undefined); }
      if (stop.kind === 'limit' && proc.hart.instret < MAX_INSNS) { await new Promise<void>((r) => setImmediate(r)); continue; }
      exit = stop.kind === 'exit' ? `exit ${stop.code}` : describeStop(proc, stop);
      break;
    }
    const stats = collectStats(proc.engine);
    const perPc = new Map<number, [number, number]>();
    for (const b of proc.engine.allBlocks()) {
      const c = perPc.get(b.pc) ?? [0, 0];
      c[0] += b.execCount; c[1] += b.taken;
      perPc.set(b.pc, c);
    }
    const blocks = [...perPc].filter(([, c]) => c[0] > 0).sort((a, b) => a[0] - b[0])
      .map(([pc, c]) => `${pc.toString(16)}:${c[0]}:${c[1]}`).join(' ');
    return {
      blocks, vector: JSON.stringify(counters.rows()),
      exit, stdout: host.stdout.toString('latin1'), stderr: host.stderr.toString('latin1'),
      instret: proc.hart.instret, counted: stats.instructions,
      byMnemonic: [...stats.byMnemonic].sort((a, b) => (a[0] < b[0] ? -1 : 1)),
    };
  } finally {
    if (tmp !== undefined) rmSync(tmp, { recursive: true, force: true });
  }
}

const MODES: [string, EngineOptions][] = [
  ['every block translated, templates inlined', { jit: true, jitThreshold: 0, jitLevel: 2 }],
  ['every block translated, semantics calls only', { jit: true, jitThreshold: 0, jitLevel: 1 }],
  ['loops translated after 3 runs', { jit: true, jitThreshold: 3 }],
  ['default translation settings', { jit: true }],
];

describe('translated code is equivalent to the interpreter on every fixture', () => {
  for (const f of fixtures()) {
    it(f.name, async () => {
      const want = await runWith(f, { jit: false });
      expect(want.counted, `${f.name}: interpreter counts vs instret`).toBe(want.instret);
      for (const [mode, opts] of MODES) {
        const got = await runWith(f, opts);
        const what = `${f.name} (${mode})`;
        expect(got.exit, `${what}: how it ended`).toBe(want.exit);
        expect(got.stdout, `${what}: stdout`).toBe(want.stdout);
        expect(got.stderr, `${what}: stderr`).toBe(want.stderr);
        expect(got.instret, `${what}: hart.instret`).toBe(want.instret);
        expect(got.counted, `${what}: instructions counted by the engine`).toBe(want.counted);
        expect(got.byMnemonic, `${what}: per-mnemonic counts`).toEqual(want.byMnemonic);
        expect(got.blocks === want.blocks, `${what}: runs and taken branches of every block`).toBe(true);
        expect(got.vector, `${what}: vector counters`).toBe(want.vector);
      }
    }, TIMEOUT_MS);
  }
});
