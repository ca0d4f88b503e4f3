// Exact counts: block count × static mix, the taken/not-taken split, bytes moved, partial blocks, and
// agreement with the guest-visible instret counter.
import { describe, expect, it } from 'vitest';
import { collectStats } from '../../src/profile/stats.js';
import { Profiler, REPORT_CLASSES } from '../../src/profile/profiler.js';
import { buildReport } from '../../src/profile/report.js';
import { runProcess } from '../../src/run.js';
import type { Block } from '../../src/engine/block.js';
import { fixture, load, profiled, program } from './helpers.js';
import {
  A0, A1, A2, A7, SP, T0, T1, T2, ZERO, add, addi, assemble, beq, bne, csrr, ecall, exit, ld, li, mul, sd,
} from './mini-asm.js';

const zeroClasses = (): Record<string, number> => Object.fromEntries(REPORT_CLASSES.map((c) => [c, 0]));

describe('exact counts', () => {
  it('count_loop retires exactly 4005 instructions, with the exact mix', () => {
    const r = profiled(program('count_loop'));
    expect(r.stop).toEqual({ kind: 'exit', code: 0 });
    const rep = r.report();
    expect(rep.retired).toBe(4005);
    expect(rep.instructions).toBe(4005);
    expect(rep.threads).toEqual([{ pid: r.proc.hart.tid, tid: r.proc.hart.tid, retired: 4005, instructions: 4005 }]);
    expect(rep.classes).toEqual({ ...zeroClasses(), 'int-alu': 3004, 'branch-taken': 999, 'branch-not-taken': 1, system: 1 });
    expect(rep.mnemonics).toEqual({ addi: 2004, bne: 1000, xori: 1000, ecall: 1 });
    expect(rep.functions).toEqual([{ name: '_start', address: expect.stringMatching(/^0x/), exclusive: 4005 }]);
    // The engine's own block counts agree.
    expect(collectStats(r.proc.engine).instructions).toBe(4005);
  });

  it('a hand-made block sequence: overlapping blocks, both branch outcomes, loads/stores, mul', () => {
    const p = assemble([
      'main',
      li(T0, 3),
      'loop',
      addi(T1, T1, 2), mul(T2, T1, T1), addi(T0, T0, -1), bne(T0, ZERO, 'loop'),
      addi(SP, SP, -16), sd(T1, SP, 0), ld(T2, SP, 0), addi(SP, SP, 16), beq(T2, ZERO, 'skip'),
      addi(A1, A1, 1),
      'skip',
      ...exit(0),
    ], ['main']);
    const r = profiled(p.bytes);
    const rep = r.report(10);
    expect(rep.retired).toBe(22);
    expect(rep.instructions).toBe(22);
    expect(rep.classes).toEqual({
      ...zeroClasses(), 'int-alu': 12, 'mul-div': 3, load: 1, store: 1, 'branch-taken': 2, 'branch-not-taken': 2, system: 1,
    });
    expect(rep.memory.scalar).toEqual({ loadBytes: 8, storeBytes: 8, atomicBytes: 0 });
    expect(rep.compressed).toBe(0);
    // Blocks: main..bne (5, once), loop..bne (4, twice), addi sp..beq (5), addi a1..ecall (4).
    const hot = rep.hot!.map((b) => [Number(b.address), b.count, b.length, b.instructions]);
    expect(hot).toEqual([
      [p.labels.get('loop')!, 2, 4, 8],
      [p.labels.get('main')!, 1, 5, 5],
      [p.labels.get('loop')! + 16, 1, 5, 5],
      [p.labels.get('loop')! + 36, 1, 4, 4],
    ]);
    expect(rep.hot![0].code.map((c) => c.text)).toEqual(['add t1,t1,2', 'mul t2,t1,t1', 'add t0,t0,-1', `bnez t0,${p.labels.get('loop')!.toString(16)} <main+0x4>`]);
    expect(rep.hot![0].symbol).toBe('main+0x4');
  });

  it('a block cut short by a fault counts the instructions that retired', () => {
    const p = assemble(['main', li(T0, 1), li(T1, 2), ld(T2, ZERO, 0), li(T2, 3), ...exit(0)], ['main']);
    const r = profiled(p.bytes);
    expect(r.stop.kind).toBe('error');
    expect(r.proc.hart.instret).toBe(2);
    const rep = r.report();
    expect(rep.instructions).toBe(2);
    expect(rep.mnemonics).toEqual({ addi: 2 });
    expect(rep.run.stop).toMatchObject({ kind: 'error' });
  });

  it('counts are the same whether the run goes in one piece or in slices', () => {
    const whole = profiled(program('hello')).report();
    const sliced = profiled(program('hello'), {}, { slice: 997 }).report();
    expect({ ...sliced, host: null }).toEqual({ ...whole, host: null });
    expect(whole.instructions).toBe(whole.retired);
  });

  it('--max-insns: counts stop exactly at the block boundary the engine stopped at', () => {
    const r = profiled(program('count_loop'), {}, { maxInsns: 1000 });
    expect(r.stop.kind).toBe('limit');
    const rep = r.report();
    expect(rep.instructions).toBe(r.proc.hart.instret);
    expect(rep.classes['branch-taken'] + rep.classes['branch-not-taken']).toBe(rep.mnemonics.bne);
  });
});

describe('agreement with the guest-visible instret counter', () => {
  it('rdinstret_delta: the instructions counted between the two reads are the delta the guest prints', () => {
    const r = profiled(program('rdinstret_delta'));
    expect(r.stdout).toBe('instret delta: 2002\n');
    const reads = r.prof.infos.flatMap((i) => i.block.insns).filter((d) => d.spec.name === 'csrrs' && d.csr === 0xc02).map((d) => d.pc);
    const [first, second] = [...new Set(reads)].sort((a, b) => a - b);
    let between = 0;
    for (const [pc, n] of r.prof.pcCounts()) if (pc >= first && pc < second) between += n;
    expect(between).toBe(2002);
    expect(r.report().instructions).toBe(r.proc.hart.instret);
  });

  it('a program that prints instret at its end: that value + the instructions after it = the count', () => {
    const p = assemble([
      'main', li(T0, 100),
      'loop', add(T1, T1, T0), addi(T0, T0, -1), bne(T0, ZERO, 'loop'),
      csrr(A1, 0xc02), sd(A1, SP, -8), addi(A1, SP, -8), li(A0, 1), li(A2, 8), li(A7, 64), ecall,
      ...exit(0),
    ], ['main']);
    const r = profiled(p.bytes);
    const seen = Number(Buffer.from(r.stdout, 'latin1').readBigUInt64LE(0));
    expect(seen).toBe(1 + 300);
    expect(r.report().instructions).toBe(seen + 1 + 6 + 3);
  });
});

describe('fixture sanity', () => {
  it('the profile fixtures are built', () => {
    expect(() => profiled(fixture('calls'))).not.toThrow();
  });
});

describe('counting from the engine\'s block counts (no hook)', () => {
  // The engine keeps Block.taken (how often a block's closing branch was taken), so plain counting
  // needs no hook: the report must equal the hook-based one.
  const engineCountsRun = (elf: string) => {
    const proc = load(elf);
    const prof = Profiler.forProcess(proc, { engineCounts: true, markers: false }).attach();
    expect(prof.hooked).toBe(false);
    expect(proc.engine.blockHook).toBeUndefined();
    runProcess(proc);
    prof.finish();
    return buildReport(prof, {
      program: elf, args: [], stop: { kind: 'exit', code: 0 }, wallSeconds: 0, hot: 5, symbolize: (pc) => proc.system.symbolize?.(pc),
    });
  };

  for (const name of ['count_loop', 'qsort', 'hello']) {
    it(`${name}: the same report as with the hook`, () => {
      const viaHook = profiled(program(name)).report(5);
      expect({ ...engineCountsRun(program(name)), host: null }).toEqual({ ...viaHook, host: null });
    }, 60_000);
  }

  it('a program with ROI markers in its code is watched block by block', () => {
    const prof = Profiler.forProcess(load(fixture('roi')), { engineCounts: true });
    expect(prof.hooked).toBe(true);
    expect(Profiler.forProcess(load(fixture('calls')), { engineCounts: true }).hooked).toBe(false);
  });
});
