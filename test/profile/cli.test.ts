// The CLI: --stats/--stats-json/--profile/--hot/--trace options, determinism of the JSON, `rvemu diff`.
import { beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt, runCli } from '../helpers/cli.js';
import { fixture, program } from './helpers.js';

const T = 120_000;
let dir: string;
beforeAll(() => { ensureBuilt(); dir = mkdtempSync(join(tmpdir(), "rvemu-prof-")); return () => rmSync(dir, { recursive: true, force: true }); }, T);
const tmp = (name: string): string => join(dir, name);
const readJson = (f: string): Record<string, unknown> => JSON.parse(readFileSync(f, 'utf8')) as Record<string, unknown>;

describe('rvemu --stats-json', () => {
  it('two runs give identical JSON apart from `host`', () => {
    const a = tmp('a.json'), b = tmp('b.json');
    for (const f of [a, b]) {
      const r = runCli(['--stats-json', f, '--call-stack', '--hot', '3', program('qsort')]);
      expect(r.status, r.stderr).toBe(0);
    }
    const ja = readJson(a), jb = readJson(b);
    expect(Object.keys(ja).at(-1)).toBe('host');
    delete ja.host; delete jb.host;
    expect(JSON.stringify(jb)).toBe(JSON.stringify(ja));
  }, T);

  it('has the documented members (schema rvemu-stats/1)', () => {
    const f = tmp('count.json');
    const r = runCli(['--stats-json', f, '--hot', '1', program('count_loop')]);
    expect(r.status, r.stderr).toBe(0);
    const j = readJson(f);
    expect(Object.keys(j)).toEqual(['schema', 'run', 'retired', 'instructions', 'threads', 'processes', 'roi', 'classes', 'mnemonics', 'compressed',
      'memory', 'vector', 'callStack', 'functions', 'hot', 'host']);
    expect(j.schema).toBe('rvemu-stats/1');
    expect(j.retired).toBe(4005);
    expect(j.instructions).toBe(4005);
    expect(j.threads).toEqual([{ pid: 1000, tid: 1000, retired: 4005, instructions: 4005 }]);
    expect(j.processes).toEqual([{ pid: 1000, ppid: 999, program: expect.stringMatching(/count_loop$/), retired: 4005, exit: 0 }]);
    expect(j.run).toEqual({ program: program('count_loop'), args: [], stop: { kind: 'exit', code: 0 } });
    expect((j.classes as Record<string, number>)['branch-taken']).toBe(999);
    expect((j.hot as { count: number; length: number }[])[0]).toMatchObject({ count: 999, length: 4, instructions: 3996 });
    expect(Object.keys(j.host as object)).toEqual(['wallSeconds', 'cpuSeconds', 'mips']);
  }, T);
});

describe('rvemu --stats table', () => {
  it('shows totals, threads, classes, mnemonics, memory, functions, hot blocks', () => {
    const r = runCli(['--stats', '--call-stack', '--hot', '2', fixture('calls')]);
    expect(r.status, r.stderr).toBe(0);
    const e = r.stderr;
    expect(e).toMatch(/^rvemu: 59 instructions retired in [\d.]+ s \([\d.]+ MIPS\)$/m);
    expect(e).toMatch(/^ {2}thread \d+: 59 instructions retired$/m);
    expect(e).toMatch(/^ {4}branch-taken +3 +5\.1%$/m);
    expect(e).toMatch(/^ {4}branch-not-taken +3 +5\.1%$/m);
    expect(e).toMatch(/^ {4}jal +9 +15\.3%$/m);
    expect(e).toMatch(/^ {2}memory: scalar loads 32 B, stores 32 B$/m);
    expect(e).toMatch(/^ {4}main_fn +18 +30\.5% +55 +93\.2% +1$/m);
    expect(e).toMatch(/^ {4}#2 0x[0-9a-f]+ <rec>: 3 runs x 4 = 12 instructions/m);
    expect(e).toMatch(/^ +[0-9a-f]+: {2}1141 {6}add sp,sp,-16$/m);
  }, T);

  it('--roi-symbol of an unknown function: exit 2, one line', () => {
    const r = runCli(['--stats', '--roi-symbol', 'nosuch', fixture('calls')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe('rvemu: --roi-symbol nosuch: no such symbol in the program\n');
  }, T);

  it('--hot with a bad value: exit 2', () => {
    const r = runCli(['--stats', '--hot', '-1', fixture('calls')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^rvemu: --hot -1: expected a whole number >= 0\n$/);
  }, T);

  it('a program called diff still runs as ./diff', () => {
    const d = tmp('diff');
    copyFileSync(program('count_loop'), d);
    const r = runCli(['--stats', d]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toMatch(/4,005 instructions retired/);
  }, T);
});

describe('rvemu --profile', () => {
  it('FILE.folded: folded stacks weighted by instructions', () => {
    const f = tmp('calls.folded');
    const r = runCli(['--profile', f, fixture('calls')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(readFileSync(f, 'utf8')).toBe('_start 4\n_start;main_fn 18\n_start;main_fn;leaf 12\n_start;main_fn;rec 8\n' +
      '_start;main_fn;rec;rec 8\n_start;main_fn;rec;rec;rec 7\n_start;main_fn;tailer 2\n');
  }, T);

  it('FILE.json: a speedscope file', () => {
    const f = tmp('calls.json');
    expect(runCli(['--profile', f, fixture('calls')]).status).toBe(0);
    const j = readJson(f) as { $schema: string; shared: { frames: { name: string }[] }; profiles: { type: string; weights: number[]; endValue: number }[] };
    expect(j.$schema).toBe('https://www.speedscope.app/file-format-schema.json');
    expect(j.shared.frames.map((x) => x.name).sort()).toEqual(['_start', 'leaf', 'main_fn', 'rec', 'tailer']);
    expect(j.profiles[0].type).toBe('sampled');
    expect(j.profiles[0].endValue).toBe(59);
  }, T);

  it('an unwritable output path fails before running: exit 2', () => {
    const r = runCli(['--profile', join(dir, 'no', 'such', 'dir', 'x.folded'), fixture('calls')]);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/^rvemu: cannot write .*x\.folded: ENOENT\n$/);
  }, T);
});

describe('rvemu --trace', () => {
  it('--trace-to N prints N+1 lines to stderr; --trace-file writes them to a file', () => {
    const r = runCli(['--trace', '--trace-to', '9', fixture('calls')]);
    expect(r.status).toBe(0);
    const lines = r.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(10);
    expect(lines[0]).toMatch(/^ {7}0 {2}0x100b0 {7}00e000ef {2}jal 100be <main_fn> +ra=0x00000000000100b4$/);
    const f = tmp('trace.txt');
    const r2 = runCli(['--trace-file', f, '--trace-symbol', 'leaf', fixture('calls')]);
    expect(r2.status).toBe(0);
    expect(r2.stderr).toBe('');
    expect(readFileSync(f, 'utf8').trimEnd().split('\n')).toHaveLength(12);
  }, T);
});

describe('rvemu diff', () => {
  let base: string;
  beforeAll(() => {
    base = tmp('base.json');
    const r = runCli(['--stats-json', base, fixture('calls')]);
    expect(r.status, r.stderr).toBe(0);
  }, T);
  const variant = (name: string, edit: (j: Record<string, any>) => void): string => {
    const j = readJson(base) as Record<string, any>;
    edit(j);
    const f = tmp(name);
    writeFileSync(f, JSON.stringify(j));
    return f;
  };

  it('identical counts: exit 0, "no change"; wall time is ignored', () => {
    const other = variant('same.json', (j) => { j.host.wallSeconds = 1234; });
    const r = runCli(['diff', base, other]);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stdout).toMatch(/classes: no change/);
    expect(r.stdout).toMatch(/OK, no count rose beyond the threshold/);
  }, T);

  it('a rise beyond the threshold: exit 1 and the table says which', () => {
    const worse = variant('worse.json', (j) => {
      j.instructions += 6; j.classes['int-alu'] += 6;
      j.functions.find((f: { name: string }) => f.name === 'leaf').exclusive += 6;
    });
    const r = runCli(['diff', base, worse]);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/^ {2}instructions +59 -> +65 +\+6 +\+10\.17% {2}REGRESSION$/m);
    expect(r.stdout).toMatch(/^ {4}int-alu +27 -> +33 +\+6 +\+22\.22% {2}REGRESSION$/m);
    expect(r.stdout).toMatch(/^ {4}leaf +12 -> +18 +\+6 +\+50\.00% {2}REGRESSION$/m);
    expect(r.stdout).toMatch(/FAIL, 3 counts rose beyond the threshold/);
    expect(runCli(['diff', base, worse, '--threshold', '60%']).status).toBe(0);
    expect(runCli(['diff', '--threshold=11', base, worse, '--fail-on', 'total']).status).toBe(0);
    expect(runCli(['diff', base, worse, '--threshold', '10', '--fail-on', 'total']).status).toBe(1);
    // A fall is never a failure.
    expect(runCli(['diff', worse, base]).status).toBe(0);
  }, T);

  it('bad input: exit 2 with a message', () => {
    const cases: [string[], RegExp][] = [
      [[base], /expected two files, got 1/],
      [[base, tmp('missing.json')], /missing\.json: cannot read \(ENOENT\)/],
      [[base, variant('notjson.json', () => {})], /./],
      [[base, base, '--threshold', 'abc'], /--threshold 'abc'/],
      [[base, base, '--bogus'], /unknown option --bogus/],
      [[base, variant('old.json', (j) => { j.schema = 'rvemu-stats/0'; })], /schema rvemu-stats\/0 is not supported/],
      [[base, variant('other.json', (j) => { delete j.schema; })], /not an rvemu --stats-json file/],
    ];
    writeFileSync(tmp('notjson.json'), '{ nope');
    cases[2][1] = /notjson\.json: not valid JSON/;
    for (const [args, msg] of cases) {
      const r = runCli(['diff', ...args]);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr).toMatch(msg);
    }
  }, T);
});
