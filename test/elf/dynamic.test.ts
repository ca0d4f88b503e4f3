// Dynamically linked fixtures (test/programs/dynamic) run against the cross libc's sysroot, compared with
// the output QEMU gave for the same binaries (test/programs/dynamic/expected).
import { describe, expect, it } from 'vitest';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createProcess, runProcess, describeStop } from '../../src/run.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';
import { defaultSysroot } from '../../src/host/node-host.js';
import { AT_BASE, AT_ENTRY, AT_PHDR } from '../../src/elf/stack.js';
import { DYN_BASE } from '../../src/elf/load.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';

const DIR = fileURLToPath(new URL('../programs/dynamic/', import.meta.url));
const SYSROOT = defaultSysroot({ RVEMU_SYSROOT: process.env.RVEMU_SYSROOT });
const HAVE = SYSROOT !== undefined && existsSync(join(DIR, 'bin', 'dyn_hello'));
const SKIP = HAVE ? '' : ' (SKIPPED: no RISC-V sysroot: apt-get install libc6-riscv64-cross libstdc++6-riscv64-cross, or set RVEMU_SYSROOT)';

function run(name: string, args: string[] = [], env: Record<string, string> = {}) {
  const path = join(DIR, 'bin', name);
  const host = new CaptureHost();
  const tmp = mkdtempSync(join(tmpdir(), 'rvemu-dyn-'));
  try {
    const p = createProcess(host, new Uint8Array(readFileSync(path)), {
      path, exePath: path, argv: [`./${name}`, ...args], envp: Object.entries({ ...env, TMPDIR: tmp }).map(([k, v]) => `${k}=${v}`),
      isa: parseIsa(DEFAULT_ISA), seed: 0, hostTime: false, strict: false, stdio: CAPTURE_STDIO, sysroot: SYSROOT,
    });
    const stop = runProcess(p, 2e9);
    const code = stop.kind === 'exit' ? stop.code : -1;
    return { code, stdout: host.stdout.toString('utf8'), stderr: host.stderr.toString('utf8'), why: describeStop(p, stop), p, warnings: host.warnings };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

const expected = (name: string) => ({
  out: readFileSync(join(DIR, 'expected', `${name}.out`), 'utf8'),
  code: Number(readFileSync(join(DIR, 'expected', `${name}.code`), 'utf8')),
});

describe(`dynamically linked programs against ${SYSROOT ?? 'no sysroot'}${SKIP}`, () => {
  const jobs: [string, string[]][] = [['dyn_hello', ['3']], ['dyn_cxx', []], ['dyn_tls', []], ['dyn_jit', []], ['dyn_nopie', []], ['dyn_sys', []]];
  for (const [name, args] of jobs) {
    it.skipIf(!HAVE)(`${name} prints what QEMU printed`, () => {
      const r = run(name, args, { RVEMU_FIXTURE: 'set' });
      const e = expected(name);
      expect(r.stdout, `${r.why}\n${r.stderr}`).toBe(e.out);
      expect(r.code).toBe(e.code);
    });
  }

  it.skipIf(!HAVE)('the dynamic linker is loaded apart from the PIE executable; AT_BASE/AT_PHDR/AT_ENTRY point at them', () => {
    const r = run('dyn_hello');
    const aux = new Map(r.p.launched.stack.auxv);
    const { main, interp } = r.p.launched.program;
    expect(interp).toBeDefined();
    expect(aux.get(AT_BASE)).toBe(interp!.start);
    expect(main.start).toBe(DYN_BASE);
    expect(aux.get(AT_ENTRY)).toBe(main.entry);
    expect(aux.get(AT_PHDR)! - main.start).toBe(64);
    expect(interp!.start >= main.end || interp!.end <= main.start).toBe(true);
    // libc and libm came in through openat + mmap: they are in the region list under their guest paths
    const names = r.p.mem.regions.map((x) => x.name);
    expect(names.some((n) => n.endsWith('/libc.so.6'))).toBe(true);
    expect(names.some((n) => n.endsWith('/libm.so.6'))).toBe(true);
  });

  it.skipIf(!HAVE)('a non-PIE executable stays at its link address', () => {
    const r = run('dyn_nopie');
    expect(r.p.launched.program.main.bias).toBe(0);
    expect(r.code).toBe(0);
  });
});
