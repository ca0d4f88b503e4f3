// Loading a large program is quick: a generated ~30 MB static C++ executable (28 MB of initialised data,
// 100,000 function symbols) is parsed, mapped and ready to run well under a second.
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { launch } from '../../src/syscalls/launch.js';
import { createProcess, runProcess } from '../../src/run.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';

const GXX = 'riscv64-linux-gnu-g++';
let haveGxx = true;
try { execFileSync(GXX, ['--version'], { stdio: 'ignore' }); } catch { haveGxx = false; }

describe(`a 30 MB static C++ program${haveGxx ? '' : ` (SKIPPED: ${GXX} not installed)`}`, () => {
  it.skipIf(!haveGxx)('loads in well under a second and runs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvemu-big-'));
    try {
      const blob = new Uint8Array(28_000_000);
      let x = 0x12345678;
      for (let i = 0; i < blob.length; i++) { x ^= x << 13; x ^= x >>> 17; x ^= x << 5; blob[i] = x & 0xff; }
      writeFileSync(join(dir, 'blob.bin'), blob);
      let asm = '.text\n';
      for (let i = 0; i < 100_000; i++) asm += `.globl fn_${i}\n.type fn_${i},@function\nfn_${i}:\n addi a0, a0, ${i % 2000}\n ret\n.size fn_${i}, .-fn_${i}\n`;
      asm += '.data\n.globl big_blob\nbig_blob:\n.incbin "blob.bin"\n.size big_blob, .-big_blob\n';
      writeFileSync(join(dir, 'syms.S'), asm);
      writeFileSync(join(dir, 'main.cpp'), '#include <cstdio>\nextern "C" long fn_99999(long);\nextern "C" unsigned char big_blob[];\n' +
        'int main() { std::printf("%ld %d\\n", fn_99999(1), big_blob[27999999]); return 0; }\n');
      execFileSync(GXX, ['-static', '-O2', '-o', 'big', 'main.cpp', 'syms.S'], { cwd: dir, stdio: 'inherit' });

      const t0 = performance.now();
      const file = new Uint8Array(readFileSync(join(dir, 'big')));
      const l = launch(new CaptureHost(), file, { argv: ['big'], envp: [] });
      const ms = performance.now() - t0;
      expect(file.length).toBeGreaterThan(30_000_000);
      expect(l.system.symbolize?.(l.program.main.symbols.addressOf('fn_12345')! + 4)).toBe('fn_12345+0x4');
      console.log(`read + parse + load of a ${(file.length / 1e6).toFixed(1)} MB executable: ${ms.toFixed(0)} ms`);
      expect(ms).toBeLessThan(1000);

      const host = new CaptureHost();
      const p = createProcess(host, file, { path: 'big', exePath: join(dir, 'big'), argv: ['big'], envp: [], isa: parseIsa(DEFAULT_ISA), seed: 0, hostTime: false, strict: false, stdio: CAPTURE_STDIO });
      const stop = runProcess(p, 1e8);
      expect(stop.kind).toBe('exit');
      expect(host.stdout.toString()).toBe(`2000 ${blob[27_999_999]}\n`);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
