// Everything between "here is an ELF file" and "the hart is at its first instruction": the Linux system,
// the address space with the program (and its dynamic linker) loaded, the initial stack and registers.
// execve uses the same loading (loadImage) for the program that replaces a process's image.
import type { Host } from '../host/host.js';
import { Hart } from '../isa/hart.js';
import { AddressSpace } from '../mem/address-space.js';
import { buildInitialStack, initHart, MINSIGSTKSZ_BASE, type InitialStack } from '../elf/stack.js';
import { loadProgram, type LoadedProgram } from '../elf/load.js';
import { parseElf, type ElfFile } from '../elf/parse.js';
import { hwcapFor } from './cpu.js';
import { Thread } from './kernel.js';
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

export interface ImageOptions {
  argv: readonly string[];
  envp: readonly string[];
  /** Name in messages. */
  name: string;
  /** AT_EXECFN (default argv[0]). */
  execfn?: string;
}

/**
 * Load a program (and its dynamic linker) into mem and build its initial stack; from now on the process
 * names code by this program's symbols.
 */
export function loadImage(system: LinuxSystem, mem: AddressSpace, elf: ElfFile, opts: ImageOptions): { program: LoadedProgram; stack: InitialStack } {
  const program = loadProgram(mem, elf, { name: opts.name, readFile: (p) => system.readGuestFile(p), sysroot: system.sysroot });
  const main = program.main.symbols, ld = program.interp?.symbols;
  system.symbolize = (pc) => main.describe(pc) ?? ld?.describe(pc);
  const exts = system.extensions;
  const vector = exts.includes('V') ? 32 * system.vlenb + 16 : 0; // V state in the signal frame
  const stack = buildInitialStack(mem, program, {
    argv: opts.argv, envp: opts.envp, random: system.atRandom(), hwcap: hwcapFor(exts), execfn: opts.execfn,
    uid: system.uid, gid: system.gid, minSigStackSize: MINSIGSTKSZ_BASE + vector,
  });
  return { program, stack };
}

/** Parse and load the program, build its stack, and return a hart ready to run its first instruction. */
export function launch(host: Host, file: Uint8Array, opts: LaunchOptions): Launched {
  const name = opts.name ?? opts.argv[0] ?? 'program';
  const elf = parseElf(file, name);
  const system = new LinuxSystem(host, { ...opts, exePath: opts.exePath ?? opts.argv[0] });
  system.vlenb = opts.vlenb ?? 16;
  const given = system.symbolize;
  const mem = new AddressSpace();
  // Under --root the program is named by its path inside the root, as exec inside a chroot would name it.
  const argv = system.root !== undefined && system.exePath !== system.exeHostPath && opts.argv.length > 0
    ? [system.exePath, ...opts.argv.slice(1)] : opts.argv;
  const { program, stack } = loadImage(system, mem, elf, { argv, envp: opts.envp, name });
  if (given !== undefined) system.symbolize = given;
  const hart = new Hart(mem, system);
  initHart(hart, program.entry, stack.sp);
  hart.tid = system.pid; // the main thread's id is the process id
  system.kernel.addThread(new Thread(hart.tid, hart, system));
  return { hart, system, mem, program, stack };
}
