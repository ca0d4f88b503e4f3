// The initial process stack as the Linux kernel builds it for a new RISC-V program, and the hart state at
// the first instruction.
//
// Layout, from high addresses down: the program's file name (AT_EXECFN), the environment strings, the
// argument strings, the platform string, the 16 AT_RANDOM bytes; then, 16-byte aligned at sp: argc,
// argv[0..argc-1], NULL, envp[...], NULL, auxv pairs ending with AT_NULL.
import type { AddressSpace } from '../mem/address-space.js';
import { PAGE_SIZE, PROT_READ, PROT_WRITE } from '../mem/address-space.js';
import type { Hart } from '../isa/hart.js';
import type { LoadedProgram } from './load.js';
import { utf8Encode } from './utf8.js';

/** One past the highest stack byte: the top page of the 39-bit (Sv39) user range, as on riscv64 Linux. */
export const STACK_TOP = 0x3f_ffff_f000;
/** Stack size mapped up front (the usual RLIMIT_STACK). */
export const STACK_SIZE = 8 * 1024 * 1024;

export const AT_NULL = 0, AT_IGNORE = 1, AT_EXECFD = 2, AT_PHDR = 3, AT_PHENT = 4, AT_PHNUM = 5, AT_PAGESZ = 6,
  AT_BASE = 7, AT_FLAGS = 8, AT_ENTRY = 9, AT_NOTELF = 10, AT_UID = 11, AT_EUID = 12, AT_GID = 13, AT_EGID = 14,
  AT_PLATFORM = 15, AT_HWCAP = 16, AT_CLKTCK = 17, AT_SECURE = 23, AT_BASE_PLATFORM = 24, AT_RANDOM = 25,
  AT_HWCAP2 = 26, AT_EXECFN = 31, AT_SYSINFO_EHDR = 33, AT_MINSIGSTKSZ = 51;

/**
 * Identity the guest sees (AT_UID.., getuid()..): a fixed ordinary user rather than the host's, so output
 * does not depend on who runs the emulator, and not root, so programs do not take superuser paths.
 */
export const GUEST_UID = 1000, GUEST_GID = 1000;

/** Smallest signal stack the kernel would accept (a signal frame without vector state, rounded up). */
export const MINSIGSTKSZ_BASE = 2048;

export interface StackOptions {
  argv: readonly string[];
  envp: readonly string[];
  /** AT_EXECFN: the program path as it was given to exec (default argv[0]). */
  execfn?: string;
  /** The 16 AT_RANDOM bytes (from the seeded generator, so runs are reproducible). */
  random: Uint8Array;
  /** AT_HWCAP: bit (letter - 'a') for each single-letter extension. */
  hwcap: number;
  /** AT_MINSIGSTKSZ (default MINSIGSTKSZ_BASE). */
  minSigStackSize?: number;
  uid?: number;
  gid?: number;
  /** AT_PLATFORM string (default "riscv64"). */
  platform?: string;
  stackTop?: number;
  stackSize?: number;
}

export interface InitialStack {
  /** Initial sp (16-byte aligned), pointing at argc. */
  sp: number;
  argc: number;
  argvAddr: number;
  envpAddr: number;
  auxvAddr: number;
  /** The auxiliary vector written, in order, without the final AT_NULL. */
  auxv: [number, number][];
  /** Mapped stack range [low, high). */
  low: number;
  high: number;
}


/** Map the stack and write argc/argv/envp/auxv and their strings. */
export function buildInitialStack(mem: AddressSpace, prog: LoadedProgram, opts: StackOptions): InitialStack {
  const high = opts.stackTop ?? STACK_TOP, size = opts.stackSize ?? STACK_SIZE;
  const low = high - size;
  mem.map(low, size, PROT_READ | PROT_WRITE, '[stack]');

  let p = high;
  const pushBytes = (b: Uint8Array): number => { p -= b.length; mem.poke(p, b); return p; };
  const pushString = (s: string): number => pushBytes(cstr(s));

  // Highest: the exec file name, then environment and argument strings (so argv[0]'s string is lowest).
  p -= 8; // Linux leaves a NULL pointer's worth of space above the file name
  const execfnAddr = pushString(opts.execfn ?? opts.argv[0] ?? '');
  const envAddrs: number[] = [], argAddrs: number[] = [];
  for (let i = opts.envp.length - 1; i >= 0; i--) envAddrs[i] = pushString(opts.envp[i]);
  for (let i = opts.argv.length - 1; i >= 0; i--) argAddrs[i] = pushString(opts.argv[i]);
  const platformAddr = pushString(opts.platform ?? 'riscv64');
  p = alignDown16(p);
  if (opts.random.length !== 16) throw new RangeError('AT_RANDOM needs exactly 16 bytes');
  const randomAddr = pushBytes(opts.random);

  const { main, interp } = prog;
  const auxv: [number, number][] = [
    [AT_HWCAP, opts.hwcap],
    [AT_PAGESZ, PAGE_SIZE],
    [AT_CLKTCK, 100],
    [AT_PHDR, main.phdr],
    [AT_PHENT, main.phent],
    [AT_PHNUM, main.phnum],
    [AT_BASE, interp !== undefined ? interp.bias : 0],
    [AT_FLAGS, 0],
    [AT_ENTRY, main.entry],
    [AT_UID, opts.uid ?? GUEST_UID],
    [AT_EUID, opts.uid ?? GUEST_UID],
    [AT_GID, opts.gid ?? GUEST_GID],
    [AT_EGID, opts.gid ?? GUEST_GID],
    [AT_SECURE, 0],
    [AT_RANDOM, randomAddr],
    [AT_EXECFN, execfnAddr],
    [AT_PLATFORM, platformAddr],
    [AT_MINSIGSTKSZ, opts.minSigStackSize ?? MINSIGSTKSZ_BASE],
  ];

  const argc = opts.argv.length;
  const words = 1 + argc + 1 + opts.envp.length + 1 + 2 * (auxv.length + 1);
  const sp = alignDown16(p - words * 8);
  const table = new Uint8Array(words * 8);
  const dv = new DataView(table.buffer);
  let w = 0;
  const put = (x: number) => { dv.setUint32(w, x % 4294967296, true); dv.setUint32(w + 4, Math.floor(x / 4294967296), true); w += 8; };
  put(argc);
  for (const a of argAddrs) put(a);
  put(0);
  for (const e of envAddrs) put(e);
  put(0);
  for (const [k, v] of auxv) { put(k); put(v); }
  put(AT_NULL); put(0);
  mem.poke(sp, table);

  const argvAddr = sp + 8, envpAddr = argvAddr + 8 * (argc + 1), auxvAddr = envpAddr + 8 * (opts.envp.length + 1);
  return { sp, argc, argvAddr, envpAddr, auxvAddr, auxv, low, high };
}

/** Reset a hart to the state at a new program's first instruction: pc = entry, sp set, everything else 0. */
export function initHart(h: Hart, entry: number, sp: number): void {
  h.x.fill(0);
  h.fi.fill(0);
  h.fflags = 0; h.frm = 0;
  h.reservation = -1;
  h.stopped = false; h.exitCode = 0;
  h.pc = entry;
  h.setNum(2, sp);
}

// Addresses exceed 32 bits, so no bitwise masking.
function alignDown16(a: number): number { return a - (a % 16); }

function cstr(s: string): Uint8Array {
  const b = utf8Encode(s);
  const out = new Uint8Array(b.length + 1);
  out.set(b);
  return out;
}
