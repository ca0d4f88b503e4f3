// Path resolution: --root confinement (no way out through "..", absolute or relative symbolic links,
// directory descriptors or chdir) and --sysroot lookup (links resolved inside the sysroot, host fallback).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYS } from '../../src/syscalls/numbers.js';
import { E } from '../../src/syscalls/errno.js';
import { walkUnder } from '../../src/syscalls/system.js';
import { NodeHost } from '../../src/host/node-host.js';
import { call, cstr, readStr, rig, SCRATCH, type Rig } from './harness.js';

const AT_FDCWD = -100, O_RDONLY = 0, O_DIRECTORY = 0o200000, O_CREAT = 0o100, O_WRONLY = 1;
const BUF = SCRATCH + 0x1000;

let top: string, root: string;
beforeAll(() => {
  top = mkdtempSync(join(tmpdir(), 'rvemu-root-'));
  root = join(top, 'root');
  mkdirSync(join(root, 'etc'), { recursive: true });
  mkdirSync(join(root, 'sub', 'deeper'), { recursive: true });
  mkdirSync(join(root, 'usr', 'lib'), { recursive: true });
  writeFileSync(join(root, 'etc', 'passwd'), 'inside');
  writeFileSync(join(root, 'usr', 'lib', 'libx.so'), 'lib inside');
  writeFileSync(join(top, 'outside.txt'), 'OUTSIDE');
  symlinkSync('/etc/passwd', join(root, 'link_abs'));
  symlinkSync('../../../../../../etc', join(root, 'sub', 'link_up'));
  symlinkSync('/', join(root, 'sub', 'to_root'));
  symlinkSync('../outside.txt', join(root, 'escape_rel'));
  symlinkSync(join(top, 'outside.txt'), join(root, 'escape_abs'));
  symlinkSync('usr/lib', join(root, 'lib'));
  symlinkSync('loop2', join(root, 'loop1'));
  symlinkSync('loop1', join(root, 'loop2'));
});
afterAll(() => rmSync(top, { recursive: true, force: true }));

function readAll(r: Rig, path: string, dirfd = AT_FDCWD): string | number {
  const fd = call(r, SYS.openat, dirfd, cstr(r, path), O_RDONLY);
  if (fd < 0) return fd;
  const n = call(r, SYS.read, fd, BUF, 100);
  call(r, SYS.close, fd);
  return readStr(r, BUF, n);
}

describe('--root confines every path', () => {
  it('absolute paths, "..", and links resolve inside the root', () => {
    const r = rig({ root });
    expect(readAll(r, '/etc/passwd')).toBe('inside');
    expect(readAll(r, '/../../../etc/passwd')).toBe('inside');
    expect(readAll(r, '/link_abs')).toBe('inside');
    expect(readAll(r, '/sub/link_up/passwd')).toBe('inside');
    expect(readAll(r, '/sub/to_root/etc/passwd')).toBe('inside');
    expect(readAll(r, '/sub/to_root/../../etc/passwd')).toBe('inside');
    expect(readAll(r, '/lib/libx.so')).toBe('lib inside');
  });

  it('links pointing outside find nothing there', () => {
    const r = rig({ root });
    expect(readAll(r, '/escape_rel')).toBe(-E.ENOENT);
    expect(readAll(r, '/escape_abs')).toBe(-E.ENOENT);
    expect(readAll(r, `/..${top}/outside.txt`)).toBe(-E.ENOENT);
    expect(readAll(r, '/loop1')).toBe(-E.ELOOP);
  });

  it('readlink and lstat see the link itself', () => {
    const r = rig({ root });
    const n = call(r, SYS.readlinkat, AT_FDCWD, cstr(r, '/escape_abs'), BUF, 200);
    expect(readStr(r, BUF, n)).toBe(join(top, 'outside.txt'));
    expect(call(r, SYS.newfstatat, AT_FDCWD, cstr(r, '/escape_abs'), BUF, 0x100)).toBe(0);
    expect(r.mem.load32(BUF + 16) & 0o170000).toBe(0o120000);
  });

  it('directory descriptors and the working directory cannot climb out', () => {
    const r = rig({ root });
    expect(call(r, SYS.chdir, cstr(r, '/sub/deeper'))).toBe(0);
    expect(readAll(r, '../../../../../etc/passwd')).toBe('inside');
    expect(readAll(r, '../../../outside.txt')).toBe(-E.ENOENT);
    expect(call(r, SYS.chdir, cstr(r, '../../../../..'))).toBe(0);
    const n = call(r, SYS.getcwd, BUF, 100);
    expect(readStr(r, BUF, n - 1)).toBe('/');
    const d = call(r, SYS.openat, AT_FDCWD, cstr(r, '/sub'), O_DIRECTORY);
    expect(d).toBeGreaterThan(2);
    expect(readAll(r, '../../../etc/passwd', d)).toBe('inside');
    expect(readAll(r, '../../outside.txt', d)).toBe(-E.ENOENT);
    // creating files through an escaping link lands inside
    expect(call(r, SYS.openat, AT_FDCWD, cstr(r, '/sub/to_root/new.txt'), O_CREAT | O_WRONLY, 0o644)).toBeGreaterThan(2);
    expect(readAll(r, '/new.txt')).toBe('');
  });

  it('the initial working directory is the host one when inside the root, else "/"', () => {
    const r = rig({ root, cwd: undefined });
    const n = call(r, SYS.getcwd, BUF, 100);
    expect(readStr(r, BUF, n - 1)).toBe('/');
  });

  it('/proc/self/exe names the program inside the root', () => {
    const r = rig({ root, exePath: join(root, 'usr', 'lib', 'libx.so') });
    const n = call(r, SYS.readlinkat, AT_FDCWD, cstr(r, '/proc/self/exe'), BUF, 200);
    expect(readStr(r, BUF, n)).toBe('/usr/lib/libx.so');
    expect(readAll(r, '/proc/self/exe')).toBe('lib inside');
  });
});

describe('--sysroot', () => {
  it('looks inside first, resolving absolute links inside, and falls back to the host', () => {
    const r = rig({ sysroot: root });
    expect(readAll(r, '/link_abs')).toBe('inside');
    expect(readAll(r, '/lib/libx.so')).toBe('lib inside');
    expect(readAll(r, join(top, 'outside.txt'))).toBe('OUTSIDE');
  });

  it('the dynamic linker cache never comes from the host', () => {
    const r = rig({ sysroot: root });
    expect(r.sys.resolvePath('/etc/ld.so.cache')).toBe(join(root, 'etc', 'ld.so.cache'));
    expect(r.sys.resolvePath('/etc/ld.so.preload')).toBe(join(root, 'etc', 'ld.so.preload'));
  });

  it('walkUnder keeps a trailing slash and reports missing components', () => {
    const host = new NodeHost();
    expect(walkUnder(host, root, '/sub/', true)).toEqual({ path: join(root, 'sub') + '/', exists: true });
    expect(walkUnder(host, root, '/nope/x/../y', true)).toEqual({ path: join(root, 'nope', 'y'), exists: false });
  });
});
