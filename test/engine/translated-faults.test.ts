// Faults inside translated code: the engine must report the same instruction, pc and error as the
// interpreter, with exactly the instructions before the faulting one counted, whether the fault comes
// from an inlined access (which leaves the translated code and lets the semantics function fault) or from
// a semantics function called by translated code. Also: the instruction limit inside a translated loop.
import { describe, expect, it } from 'vitest';
import type { EngineOptions } from '../../src/engine/engine.js';
import { createProcess, runProcess, type GuestProcess } from '../../src/run.js';
import { collectStats } from '../../src/profile/stats.js';
import { parseIsa } from '../../src/isa/isa-string.js';
import { CaptureHost, CAPTURE_STDIO } from '../helpers/capture-host.js';
import { addi, buildElf, exitWith } from '../helpers/elf-builder.js';

const A1 = 11, A2 = 12, A3 = 13, A4 = 14, A5 = 15;
function bne(rs1: number, rs2: number, off: number): number {
  return (((off >> 12) & 1) << 31) | (((off >> 5) & 0x3f) << 25) | (rs2 << 20) | (rs1 << 15) | (1 << 12) |
    (((off >> 1) & 0xf) << 8) | (((off >> 11) & 1) << 7) | 0x63;
}
function lw(rd: number, rs1: number, imm: number): number { return ((imm & 0xfff) << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x03; }
function amoaddW(rd: number, rs2: number, rs1: number): number { return (rs2 << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x2f; }
const T0 = 5, T1 = 6, T2 = 7;
function auipc(rd: number, imm20: number): number { return (imm20 << 12) | (rd << 7) | 0x17; }
function jalr(rd: number, rs1: number, imm: number): number { return ((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x67; }
function sltiu(rd: number, rs1: number, imm: number): number { return ((imm & 0xfff) << 20) | (rs1 << 15) | (3 << 12) | (rd << 7) | 0x13; }
function slli(rd: number, rs1: number, sh: number): number { return (sh << 20) | (rs1 << 15) | (1 << 12) | (rd << 7) | 0x13; }
function add(rd: number, rs1: number, rs2: number): number { return (rs2 << 20) | (rs1 << 15) | (rd << 7) | 0x33; }
const NOP = addi(0, 0, 0);

/** a1 counts to 200 in a loop, then a3 = 7, a4 = 9 and the faulting instruction (at byte 24). */
function program(faulting: number): Uint8Array {
  return buildElf({
    code: [addi(A1, 0, 0), addi(A1, A1, 1), addi(A2, A1, -200), bne(A2, 0, -8), addi(A3, 0, 7), addi(A4, 0, 9), faulting, ...exitWith(0)],
  }).bytes;
}

function load(bytes: Uint8Array, engine: EngineOptions): GuestProcess {
  return createProcess(new CaptureHost(), bytes, {
    path: 'prog', exePath: 'prog', argv: ['prog'], envp: [], isa: parseIsa('rv64gc'),
    seed: 0, hostTime: false, strict: false, stdio: CAPTURE_STDIO, engine,
  });
}

function outcome(p: GuestProcess, maxInsns = Infinity) {
  const stop = runProcess(p, maxInsns);
  const s = collectStats(p.engine);
  return {
    stop: stop.kind === 'error' ? { kind: stop.kind, pc: stop.pc, insnPc: stop.insn?.pc, message: stop.error.message } : stop,
    instret: p.hart.instret, counted: s.instructions, byMnemonic: [...s.byMnemonic].sort(),
    x: [...p.hart.x.subarray(0, 64)], pc: p.hart.pc,
  };
}

const MODES: [string, EngineOptions][] = [
  ['every block translated', { jit: true, jitThreshold: 0 }],
  ['translated after 3 runs', { jit: true, jitThreshold: 3 }],
  ['semantics calls only', { jit: true, jitThreshold: 0, jitLevel: 1 }],
];

describe('faults and limits inside translated code', () => {
  for (const [what, word] of [['an inlined load', lw(A5, 0, 16)], ['an AMO (a semantics call)', amoaddW(A5, A4, 0)]] as const) {
    it(`${what} from an unmapped address`, () => {
      const bytes = program(word);
      const want = outcome(load(bytes, { jit: false }));
      expect(want.stop.kind).toBe('error');
      expect(want.instret).toBe(1 + 200 * 3 + 2);
      for (const [mode, opts] of MODES) {
        expect(outcome(load(bytes, opts)), mode).toEqual(want);
      }
    });
  }

  it('a loop closed by an indirect jump (jalr back to its own block), then a fault', () => {
    // t0 = address of the loop; each pass: a1++, t2 = t0 + 32 * (a1 == 200); jalr x0, 0(t2).
    const bytes = buildElf({
      code: [
        addi(A1, 0, 0), auipc(T0, 0), addi(T0, T0, 8),
        addi(A1, A1, 1), addi(A2, A1, -200), sltiu(T1, A2, 1), slli(T1, T1, 5), add(T2, T0, T1), jalr(0, T2, 0),
        NOP, NOP,
        addi(A3, 0, 7), lw(A5, 0, 16), ...exitWith(0),
      ],
    }).bytes;
    const want = outcome(load(bytes, { jit: false }));
    expect(want.stop.kind).toBe('error');
    expect(want.instret).toBe(3 + 200 * 6 + 1);
    for (const [mode, opts] of MODES) expect(outcome(load(bytes, opts)), mode).toEqual(want);
  });

  it('stops at the instruction limit at the same block boundary', () => {
    const bytes = program(addi(A5, 0, 1));
    for (const limit of [1, 2, 4, 5, 100, 301, 302, 599, 600, 601, 602]) {
      const want = outcome(load(bytes, { jit: false }), limit);
      for (const [mode, opts] of MODES) expect(outcome(load(bytes, opts), limit), `${mode}, limit ${limit}`).toEqual(want);
    }
  });
});
