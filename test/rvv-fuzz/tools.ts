// The two sides of the comparison and the assembler: QEMU as a child process, rvemu in-process.
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createProcess, describeStop, runProcess, type GuestProcess } from '../../src/run.js';
import type { EngineOptions, StopReason } from '../../src/engine/engine.js';
import { RvemuError } from '../../src/errors.js';
import { parseIsa } from '../../src/isa/isa-string.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';
import { findOracle } from '../helpers/oracle.js';

export const CROSS_CC = process.env.RVEMU_CROSS_CC ?? 'riscv64-linux-gnu-gcc';

export function haveAssembler(): boolean {
  const r = spawnSync(CROSS_CC, ['--version'], { encoding: 'utf8' });
  return r.status === 0;
}

export { findOracle };

/** Assemble a program (text) into a static ELF at `elf` (the .S is written next to it). */
export function assemble(source: string, elf: string): void {
  const src = elf.replace(/(\.elf)?$/, '.S');
  writeFileSync(src, source);
  const r = spawnSync(CROSS_CC, ['-march=rv64gcv', '-mabi=lp64d', '-nostdlib', '-nostartfiles', '-static',
    '-Wl,--build-id=none', '-Wl,--no-relax', '-o', elf, src], { encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`assembling ${src} failed:\n${r.stderr}`);
}

export interface SideRun {
  exit: number;
  stdout: Buffer;
  /** What went wrong, if the run did not exit normally (signal, rvemu's message, qemu's stderr). */
  message?: string;
}

const SIGNALS: Record<string, number> = { SIGILL: 4, SIGTRAP: 5, SIGABRT: 6, SIGBUS: 7, SIGFPE: 8, SIGKILL: 9, SIGSEGV: 11, SIGTERM: 15 };

// Both sides run with Zvfh (binary16 vector arithmetic), which the floating-point programs need; it changes
// nothing for the others.

/** Run under qemu-riscv64 with the vector extension (and Zvfh) at this VLEN. */
export function runQemu(qemu: string, elf: string, vlen: number, policy: Policy = 'undisturbed'): Promise<SideRun> {
  const ones = policy === 'ones' ? ',rvv_ta_all_1s=true,rvv_ma_all_1s=true' : '';
  return new Promise((resolve) => {
    const child = spawn(qemu, ['-cpu', `rv64,v=true,vlen=${vlen},elen=64,zvfh=true${ones}`, elf], { stdio: ['ignore', 'pipe', 'pipe'], timeout: 300_000 });
    const out: Buffer[] = [], err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', (e) => resolve({ exit: -1, stdout: Buffer.alloc(0), message: e.message }));
    child.on('close', (code, signal) => {
      const stderr = Buffer.concat(err).toString();
      const exit = code ?? 128 + (signal !== null ? SIGNALS[signal] ?? 0 : 0);
      resolve({ exit, stdout: Buffer.concat(out), message: exit !== 0 ? `qemu: exit ${exit}${signal ? ` (${signal})` : ''} ${stderr.trim()}` : undefined });
    });
  });
}

/** What agnostic elements become: QEMU's default (undisturbed) or all ones (-cpu rvv_ta_all_1s/rvv_ma_all_1s). */
export type Policy = 'undisturbed' | 'ones';

/**
 * Run in-process under rvemu with --isa rv64gcv_zvfh at this VLEN (and --vta/--vma policy); `engine`: e.g.
 * { jitThreshold: 0 } to run every block translated (the vector fast paths) rather than interpreted.
 */
export async function runRvemu(elf: string, vlen: number, policy: Policy = 'undisturbed', engine?: EngineOptions): Promise<SideRun> {
  const host = new CaptureHost('');
  let p: GuestProcess;
  try {
    p = createProcess(host, new Uint8Array(readFileSync(elf)), {
      path: elf, exePath: elf, argv: [elf], envp: [], isa: parseIsa('rv64gcv_zvfh'), seed: 0, hostTime: false, strict: false,
      stdio: CAPTURE_STDIO, vlen, vta: policy, vma: policy, engine,
    });
  } catch (e) {
    if (!(e instanceof RvemuError)) throw e;
    return { exit: e.exitCode, stdout: host.stdout, message: `rvemu: ${e.message}` };
  }
  let stop: StopReason;
  for (;;) {
    stop = runProcess(p, p.hart.instret + 20_000_000);
    // A test program retires a few million instructions; far more means a loop that never ends.
    if (stop.kind !== 'limit' || p.hart.instret >= 1_000_000_000) break;
    // Let the event loop breathe (a test worker must answer its runner).
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (stop.kind === 'exit') return { exit: stop.code & 0xff, stdout: host.stdout, message: stop.code ? `rvemu: exit ${stop.code}` : undefined };
  const exit = stop.kind === 'limit' ? 124 : stop.error.exitCode;
  return { exit, stdout: host.stdout, message: `rvemu: exit ${exit}: ${describeStop(p, stop)}` };
}
