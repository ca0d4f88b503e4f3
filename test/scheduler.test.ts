// The scheduler's own promises, beyond "threaded programs give qemu's output" (mt.test.ts): the
// interleaving does not depend on block translation, any quantum gives the same answers, timeouts and
// sleeps run on the shared virtual clock while other threads work, waits on descriptors block only the
// waiting thread, and a program that can never finish is stopped with a report of what each thread waits on.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, runCli, runCliAsync } from './helpers/cli.js';
import { MT_DIR } from './helpers/paths.js';

const bin = (name: string): string => join(MT_DIR, 'bin', name);
const stats = (file: string): Record<string, unknown> => {
  const { host: _host, ...rest } = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  return rest;
};

beforeAll(() => ensureBuilt(), 180_000);

describe('deterministic scheduling', () => {
  it.each(['threadpool', 'forkpipe'])('%s: translated and interpreted runs interleave identically (same counts per thread and process)', async (name) => {
    const dir = mkdtempSync(join(tmpdir(), 'rvemu-sched-'));
    const a = join(dir, 'jit.json'), b = join(dir, 'nojit.json');
    const r1 = await runCliAsync(['--stats-json', a, bin(name), ...(name === 'threadpool' ? ['4'] : [])], { cwd: MT_DIR });
    const r2 = await runCliAsync(['--no-jit', '--stats-json', b, bin(name), ...(name === 'threadpool' ? ['4'] : [])], { cwd: MT_DIR });
    expect(r1.status, r1.stderr).toBe(0);
    expect(r2.status, r2.stderr).toBe(0);
    expect(r2.stdout).toBe(r1.stdout);
    const s1 = stats(a), s2 = stats(b);
    expect((s1.threads as unknown[]).length).toBeGreaterThan(1);
    expect(s2).toEqual(s1);
    rmSync(dir, { recursive: true, force: true });
  }, 240_000);

  it('any quantum gives the same answers; the quantum changes the interleaving, not the result', async () => {
    const want = readFileSync(join(MT_DIR, 'expected', 'tls.out'), 'utf8');
    for (const q of ['1', '7', '1000000']) {
      const r = await runCliAsync(['--quantum', q, bin('tls')], { cwd: MT_DIR });
      expect(r.status, r.stderr).toBe(0);
      expect(r.stdout).toBe(want);
    }
  }, 240_000);

  it('--quantum and --cpus take whole numbers', () => {
    expect(runCli(['--quantum', '0', bin('tls')]).stderr).toMatch(/--quantum 0: expected a whole number >= 1/);
    expect(runCli(['--cpus', '1.5', bin('tls')]).status).toBe(2);
  });
});

describe('waiting on the virtual clock and on descriptors', () => {
  it('a timed wait times out while the signalling thread still works; a sleeper wakes no earlier than asked', () => {
    const r = runCli([bin('timed')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe('timedwait before the signal: ETIMEDOUT\nsignalled afterwards: 1\nsleeper slept at least 50 us: 1\n');
  }, 120_000);

  it('epoll_wait, a blocking eventfd read and ppoll block only the waiting thread', () => {
    const r = runCli([bin('eventwait')]);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toBe([
      'epoll woke: 1 event(s), first from eventfd', 'eventfd read: 1', 'epoll woke: 1 event(s), from pipe',
      'pipe read: hello', 'blocking eventfd read: 5', 'ppoll on a silent pipe: 0, waited at least 200 us: 1', '',
    ].join('\n'));
  }, 120_000);
});

describe('--trace with threads', () => {
  it('traces every thread: one line per retired instruction, other threads\' lines tagged with their id', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rvemu-sched-'));
    const trace = join(dir, 'trace.txt'), json = join(dir, 'stats.json');
    const r = await runCliAsync(['--trace-file', trace, '--stats-json', json, bin('tls')]);
    expect(r.status, r.stderr).toBe(0);
    const lines = readFileSync(trace, 'utf8').trimEnd().split('\n');
    const s = JSON.parse(readFileSync(json, 'utf8')) as { retired: number; threads: { tid: number; retired: number }[] };
    expect(lines.length).toBe(s.retired);
    for (const t of s.threads.slice(1)) {
      expect(lines.filter((l) => l.startsWith(`[${t.tid}] `)).length).toBe(t.retired);
    }
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});

describe('default actions', () => {
  it('a program ended by a signal exits with 128 + signal, and rvemu says which signal', () => {
    const r = runCli([bin('killed')]);
    expect(r.stdout).toBe('about to abort\n');
    expect(r.status).toBe(134);
    expect(r.stderr).toBe('rvemu: the program was terminated by SIGABRT (exit status 134)\n');
  }, 60_000);
});

describe('deadlock', () => {
  it('every thread waiting forever: exit status 1 and one line per thread with pc, symbol and futex address', () => {
    const r = runCli([bin('deadlock')]);
    expect(r.stdout).toBe('joining a thread that never ends\n');
    expect(r.status).toBe(1);
    const lines = r.stderr.trim().split('\n');
    expect(lines[0]).toBe('rvemu: deadlock: every thread is waiting and nothing can wake any of them');
    expect(lines.slice(1)).toEqual([
      expect.stringMatching(/^ {2}pid 1000 tid 1000 \(deadlock\) blocked at pc 0x[0-9a-f]+ \(__futex_abstimed_wait_common\+0x[0-9a-f]+\): futex wait on 0x[0-9a-f]+$/),
      expect.stringMatching(/^ {2}pid 1000 tid 1001 \(deadlock\) blocked at pc 0x[0-9a-f]+ \(__futex_abstimed_wait_common\+0x[0-9a-f]+\): futex wait on 0x[0-9a-f]+$/),
    ]);
  }, 120_000);
});
