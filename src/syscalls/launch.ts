// Everything between "here is an ELF file" and "the hart is at its first instruction": the Linux system,
// the address space with the program (and its dynamic linker) loaded, the initial stack and registers.
import type { Host } from '../host/host.js';
import { Hart } from '../isa/hart.js';
import { AddressSpace } from '../mem/address-space.js';
import { buildInitialStack, initHart, MINSIGSTKSZ_BASE, type InitialStack } from '../elf/stack.js';
import { loadProgram, type LoadedProgram } from '../elf/load.js';
import { parseElf } from '../elf/parse.js';
import { hwcapFor } from './cpu.js';
import { LinuxSystem, type SystemOptions } from './system.js';

export interface LaunchOptions extends SystemOptions {
  /** Guest argv; argv[0] is the program name as given. */
  argv: readonly string[];
  /** Guest environment as "NAME=value" strings. */
  envp: readonly string[];
  /** Name of the file in messages (default argv[0]). */
  name?: string;
  /** Bytes of one vector register, for AT_MINSIGSTKSZ when V is enabled (default 16, VLEN = 128). */
  vlenb?: number;
}

export interface Launched {
  hart: Hart;
  system: LinuxSystem;
  mem: AddressSpace;
  program: LoadedProgram;
  stack: InitialStack;
}

/** Parse and load the program, build its stack, and return a hart ready to run its first instruction. */
export function launch(host: Host, file: Uint8Array, opts: LaunchOptions): Launched {
  const name = opts.name ?? opts.argv[0] ?? 'program';
  const elf = parseElf(file, name);
  const system = new LinuxSystem(host, { ...opts, exePath: opts.exePath ?? opts.argv[0] });
  const mem = new AddressSpace();
  const program = loadProgram(mem, elf, { name, readFile: (p) => system.readGuestFile(p), sysroot: opts.sysroot });
  if (system.symbolize === undefined) {
    const main = program.main.symbols, ld = program.interp?.symbols;
    system.symbolize = (pc) => main.describe(pc) ?? ld?.describe(pc);
  }
  const exts = system.extensions;
  const vector = exts.includes('V') ? 32 * (opts.vlenb ?? 16) + 16 : 0; // V state in the signal frame
  // Under --root the program is named by its path inside the root, as exec inside a chroot would name it.
  const argv = system.root !== undefined && system.exePath !== system.exeHostPath && opts.argv.length > 0
    ? [system.exePath, ...opts.argv.slice(1)] : opts.argv;
  const stack = buildInitialStack(mem, program, {
    argv, envp: opts.envp, random: system.atRandom(), hwcap: hwcapFor(exts),
    uid: system.uid, gid: system.gid, minSigStackSize: MINSIGSTKSZ_BASE + vector,
  });
  const hart = new Hart(mem, system);
  initHart(hart, program.entry, stack.sp);
  hart.tid = system.pid; // the main thread's id is the process id
  return { hart, system, mem, program, stack };
}
