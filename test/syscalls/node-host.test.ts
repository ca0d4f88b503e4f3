import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSysroot, NodeHost } from '../../src/host/node-host.js';
import { errnoOf, E } from '../../src/syscalls/errno.js';

// Linux (guest) open flags: the host translates them to its own values.
const O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0o100, O_EXCL = 0o200, O_TRUNC = 0o1000, O_APPEND = 0o2000, O_DIRECTORY = 0o200000;

let dir: string;
beforeAll(() => { dir = mkdtempSync(join(tmpdir(), 'rvemu-host-')); });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const errno = (f: () => unknown) => { try { f(); } catch (e) { return errnoOf(e); } return 0; };

describe('NodeHost', () => {
  const h = new NodeHost({ warn: () => {} });

  it('translates guest open flags', () => {
    const p = join(dir, 'f');
    const fd = h.open(p, O_RDWR | O_CREAT | O_EXCL, 0o640);
    expect(h.write(fd, new TextEncoder().encode('abcdef'), 0)).toBe(6);
    h.close(fd);
    expect(errno(() => h.open(p, O_WRONLY | O_CREAT | O_EXCL, 0o600))).toBe(E.EEXIST);
    const a = h.open(p, O_WRONLY | O_APPEND, 0);
    h.write(a, new TextEncoder().encode('gh'), null);
    h.close(a);
    expect(readFileSync(p, 'utf8')).toBe('abcdefgh');
    const t = h.open(p, O_WRONLY | O_TRUNC, 0);
    h.close(t);
    expect(readFileSync(p, 'utf8')).toBe('');
    expect(errno(() => h.open(p, O_DIRECTORY, 0))).toBe(E.ENOTDIR);
    expect(errno(() => h.open(join(dir, 'missing'), 0, 0))).toBe(E.ENOENT);
  });

  it('positional reads and writes, fstat, ftruncate', () => {
    const p = join(dir, 'g');
    writeFileSync(p, '0123456789');
    const fd = h.open(p, O_RDWR, 0);
    const buf = new Uint8Array(4);
    expect(h.read(fd, buf, 3)).toBe(4);
    expect(new TextDecoder().decode(buf)).toBe('3456');
    expect(h.fstat(fd).size).toBe(10);
    h.ftruncate(fd, 2);
    expect(h.fstat(fd).size).toBe(2);
    expect(h.read(fd, buf, 5)).toBe(0);
    h.close(fd);
  });

  it('directories, links, stat, access, rename, chmod', () => {
    mkdirSync(join(dir, 'd'));
    writeFileSync(join(dir, 'd', 'file'), 'x');
    symlinkSync('file', join(dir, 'd', 'link'));
    h.mkdir(join(dir, 'd', 'sub'), 0o755);
    const entries = h.readdir(join(dir, 'd')).sort((x, y) => (x.name < y.name ? -1 : 1));
    expect(entries.map((e) => [e.name, e.type])).toEqual([['file', 'file'], ['link', 'symlink'], ['sub', 'dir']]);
    expect(entries.every((e) => e.ino > 0)).toBe(true);
    expect(h.readlink(join(dir, 'd', 'link'))).toBe('file');
    expect(h.stat(join(dir, 'd', 'link'), true).mode & 0o170000).toBe(0o100000);
    expect(h.stat(join(dir, 'd', 'link'), false).mode & 0o170000).toBe(0o120000);
    h.chmod(join(dir, 'd', 'file'), 0o600);
    expect(h.stat(join(dir, 'd', 'file'), true).mode & 0o777).toBe(0o600);
    expect(errno(() => h.access(join(dir, 'd', 'nope'), 0))).toBe(E.ENOENT);
    h.rename(join(dir, 'd', 'file'), join(dir, 'd', 'file2'));
    h.symlink('file2', join(dir, 'd', 'l2'));
    h.unlink(join(dir, 'd', 'l2'));
    expect(errno(() => h.rmdir(join(dir, 'd')))).toBe(E.ENOTEMPTY);
    h.rmdir(join(dir, 'd', 'sub'));
  });

  it('clocks, entropy, sleep', () => {
    const a = h.monotonicNs();
    h.sleep(2_000_000);
    expect(h.monotonicNs() - a).toBeGreaterThanOrEqual(1_000_000n);
    const wall = h.nowNs();
    expect(Number(wall / 1_000_000n)).toBeGreaterThan(Date.now() - 5000);
    expect(h.randomBytes(16)).toHaveLength(16);
  });

  it('links, times, ids', () => {
    writeFileSync(join(dir, 't1'), 'x');
    h.link(join(dir, 't1'), join(dir, 't2'));
    expect(h.stat(join(dir, 't2'), true).nlink).toBe(2);
    h.utimes(join(dir, 't1'), 1000, 2000.5, true);
    expect(h.stat(join(dir, 't1'), true).mtimeMs).toBe(2000500);
    const fd = h.open(join(dir, 't1'), 0, 0);
    h.futimes(fd, 3000, 4000);
    expect(h.fstat(fd).atimeMs).toBe(3_000_000);
    h.close(fd);
    expect(h.ids?.().uid).toBe(process.getuid?.());
  });
});

describe('defaultSysroot', () => {
  it('$RVEMU_SYSROOT wins (empty: none); otherwise the Debian cross directory if it has a dynamic linker', () => {
    expect(defaultSysroot({ RVEMU_SYSROOT: '' })).toBeUndefined();
    expect(defaultSysroot({ RVEMU_SYSROOT: dir })).toBe(realpathSync(dir));
    const cross = existsSync('/usr/riscv64-linux-gnu/lib/ld-linux-riscv64-lp64d.so.1');
    expect(defaultSysroot({})).toBe(cross ? '/usr/riscv64-linux-gnu' : undefined);
  });
});
