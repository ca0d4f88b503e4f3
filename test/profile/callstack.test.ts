// The shadow call stack: exclusive/inclusive counts, calls, tail calls, recursion, returns that skip
// frames (longjmp), the folded and speedscope exports, and --roi-symbol.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { foldedStacks, speedscope } from '../../src/profile/flame.js';
import { fixture, fnTable, profiled, program } from './helpers.js';
import { A0, RA, S1, SP, ZERO, addi, assemble, call, exit, j, la, ld, mv, ret, sd } from './mini-asm.js';

const S0 = 8;

describe('call stack on a fixture with a known call structure (test/profile/fixtures/calls.S)', () => {
  it('exclusive, inclusive and calls per function are exact', () => {
    const r = profiled(fixture('calls'), { callStack: true });
    const rep = r.report();
    expect(rep.instructions).toBe(59);
    expect(rep.callStack).toBe(true);
    expect(fnTable(rep)).toEqual({
      _start: { exclusive: 4, inclusive: 59, calls: 1 },
      main_fn: { exclusive: 18, inclusive: 55, calls: 1 },
      leaf: { exclusive: 12, inclusive: 12, calls: 4 },   // 3 calls + 1 tail call
      tailer: { exclusive: 2, inclusive: 2, calls: 1 },
      rec: { exclusive: 23, inclusive: 23, calls: 3 },     // recursion counted once
    });
    expect(rep.functions.map((f) => f.name)).toEqual(['rec', 'main_fn', 'leaf', '_start', 'tailer']);
  });

  it('without call tracking, exclusive counts are the same (static attribution) and inclusive is absent', () => {
    const rep = profiled(fixture('calls')).report();
    expect(rep.callStack).toBe(false);
    expect(fnTable(rep)).toEqual({
      _start: { exclusive: 4 }, main_fn: { exclusive: 18 }, leaf: { exclusive: 12 }, tailer: { exclusive: 2 }, rec: { exclusive: 23 },
    });
  });

  it('folded stacks: a tail call replaces its caller; recursion nests', () => {
    const r = profiled(fixture('calls'), { callStack: true });
    expect(foldedStacks(r.prof)).toBe([
      '_start 4',
      '_start;main_fn 18',
      '_start;main_fn;leaf 12',
      '_start;main_fn;rec 8',
      '_start;main_fn;rec;rec 8',
      '_start;main_fn;rec;rec;rec 7',
      '_start;main_fn;tailer 2',
      '',
    ].join('\n'));
  });

  it('speedscope: a sampled profile whose weights are the folded counts', () => {
    const r = profiled(fixture('calls'), { callStack: true });
    const s = speedscope(r.prof, 'calls', 'rvemu');
    expect(s.$schema).toBe('https://www.speedscope.app/file-format-schema.json');
    expect(s.profiles).toHaveLength(1);
    const p = s.profiles[0];
    expect(p.type).toBe('sampled');
    expect(p.unit).toBe('none');
    expect(p.endValue).toBe(59);
    expect(p.weights.reduce((a, b) => a + b, 0)).toBe(59);
    const lines = p.samples.map((st, i) => `${st.map((f) => s.shared.frames[f].name).join(';')} ${p.weights[i]}`);
    expect(lines.join('\n') + '\n').toBe(foldedStacks(r.prof));
  });

  it('--roi-symbol counts only while the function is on the stack', () => {
    const counted = (name: string): number => profiled(fixture('calls'), { roiSymbols: [name] }).report().instructions;
    expect(counted('rec')).toBe(23);
    expect(counted('main_fn')).toBe(55);
    expect(counted('leaf')).toBe(12);
    expect(counted('tailer')).toBe(2);   // the tail-called leaf runs in tailer's place, not under it
    expect(counted('_start')).toBe(59);
    const rep = profiled(fixture('calls'), { roiSymbols: ['rec'] }).report();
    expect(rep.retired).toBe(59);
    // Callers on the stack get inclusive counts for the region (but no exclusive ones, and no counted calls).
    expect(fnTable(rep)).toEqual({
      rec: { exclusive: 23, inclusive: 23, calls: 3 },
      main_fn: { exclusive: 0, inclusive: 23, calls: 0 },
      _start: { exclusive: 0, inclusive: 23, calls: 0 },
    });
    expect(rep.classes['branch-taken'] + rep.classes['branch-not-taken']).toBe(3);
  });

  it('an unknown --roi-symbol is a usage error naming similar symbols', () => {
    expect(() => profiled(fixture('calls'), { roiSymbols: ['re'] })).toThrow(UsageError);
    expect(() => profiled(fixture('calls'), { roiSymbols: ['main'] })).toThrow(/similar: main_fn/);
  });
});

describe('call stack robustness', () => {
  it('a longjmp-style return (sp and ra restored, then ret) pops the skipped frames', () => {
    const p = assemble([
      '_start', call('main'), ...exit(0),
      'main', addi(SP, SP, -16), sd(RA, SP, 8), mv(S0, SP), ...la(S1, 'resume'), call('A'),
      'resume', ld(RA, SP, 8), addi(SP, SP, 16), ret,
      'A', addi(SP, SP, -16), sd(RA, SP, 8), call('B'), ld(RA, SP, 8), addi(SP, SP, 16), ret,
      'B', addi(SP, SP, -32), mv(SP, S0), mv(RA, S1), ret,
    ], ['_start', 'main', 'A', 'B']);
    const r = profiled(p.bytes, { callStack: true });
    expect(r.stop).toEqual({ kind: 'exit', code: 0 });
    expect(foldedStacks(r.prof)).toBe('_start 4\n_start;main 9\n_start;main;A 3\n_start;main;A;B 4\n');
    expect(r.prof.stack().map((f) => r.prof.fns.names[f])).toEqual(['_start']);
  });

  it('a jump into another function without a call (j) makes it the current frame', () => {
    const p = assemble([
      '_start', call('f'), ...exit(0),
      'f', addi(A0, ZERO, 1), j('g'),
      'g', addi(A0, A0, 1), ret,
    ], ['_start', 'f', 'g']);
    const r = profiled(p.bytes, { callStack: true });
    expect(foldedStacks(r.prof)).toBe('_start 4\n_start;f 2\n_start;g 2\n');
  });

  for (const name of ['setjmp', 'cxx', 'qsort']) {
    it(`${name}: the profile accounts for every instruction and the stack stays sane`, () => {
      const r = profiled(program(name), { callStack: true });
      expect(r.stop).toEqual({ kind: 'exit', code: 0 });
      const rep = r.report();
      expect(rep.instructions).toBe(r.proc.hart.instret);
      const folded = foldedStacks(r.prof).trim().split('\n');
      const sum = folded.reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
      expect(sum).toBe(rep.instructions);
      // Nothing that runs after a longjmp/exception stays nested under the frames it unwound.
      expect(folded.filter((l) => /(recurse|thrower)[^;]*;.*(printf|_ZStls)/.test(l))).toEqual([]);
      // At exit the stack holds only the way from _start to the exit call.
      expect(r.prof.stack().length).toBeLessThanOrEqual(8);
      const fns = fnTable(rep);
      expect(fns._start.inclusive).toBe(rep.instructions);
      expect(fns.main.inclusive).toBeGreaterThan(0);
      expect(fns.main.inclusive).toBeLessThanOrEqual(rep.instructions);
      for (const f of rep.functions) expect(f.inclusive).toBeGreaterThanOrEqual(f.exclusive);
      expect(rep.functions.reduce((a, f) => a + f.exclusive, 0)).toBe(rep.instructions);
    }, 60_000);
  }
});

describe('profiles are the same whether blocks are interpreted or translated', () => {
  // Translated regions call the block hook themselves (with sp written back) instead of returning to the
  // engine after every block; the profile must not notice the difference.
  for (const name of ['qsort', 'cxx', 'setjmp', 'malloc_churn']) {
    it(`${name}: identical report and folded stacks, --no-jit vs every block translated`, () => {
      const elf = program(name);
      const opts = { callStack: true } as const;
      const interp = profiled(elf, opts, { engine: { jit: false } });
      const jit = profiled(elf, opts, { engine: { jitThreshold: 0 } });
      const loops = profiled(elf, opts, { engine: { jitThreshold: 3 } });
      expect(jit.stdout).toBe(interp.stdout);
      const want = { ...interp.report(5), host: null };
      expect({ ...jit.report(5), host: null }).toEqual(want);
      expect({ ...loops.report(5), host: null }).toEqual(want);
      expect(foldedStacks(jit.prof)).toBe(foldedStacks(interp.prof));
    }, 120_000);
  }
  it('calls.S: identical inclusive counts', () => {
    const a = profiled(fixture('calls'), { callStack: true }, { engine: { jit: false } });
    const b = profiled(fixture('calls'), { callStack: true }, { engine: { jitThreshold: 0 } });
    expect(fnTable(b.report())).toEqual(fnTable(a.report()));
  });
});
