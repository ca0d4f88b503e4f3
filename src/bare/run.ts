// Bare-metal mode's front door: an ELF image loaded at its physical addresses into machine memory, one hart
// in M-mode at the entry point, the HTIF for output and exit. The Linux-mode front door is src/run.ts.
import type { Host } from '../host/host.js';
import { Hart } from '../isa/hart.js';
import type { Ext } from '../isa/spec.js';
import { Engine, type EngineOptions, type StopReason } from '../engine/engine.js';
import { parseElf, PT_LOAD, type ElfFile } from '../elf/parse.js';
import { BadElfError, GuestFault, IllegalInstruction } from '../errors.js';
import { attachVector, installVector, DEFAULT_VLEN, type AgnosticPolicy } from '../rvv/index.js';
import { disassembleRaw } from '../isa/disasm.js';
import { isaString } from '../isa/isa-string.js';
import { DEFAULT_RAM_SIZE, MachineMemory, RAM_BASE } from './memory.js';
import { Machine } from './machine.js';
import { Htif } from './htif.js';

export interface BareOptions {
  /** Extensions from --isa. */
  isa: ReadonlySet<Ext>;
  /** Misaligned loads and stores succeed (Zicclsm in --isa); otherwise they trap. */
  misaligned: boolean;
  /** Bytes of RAM at RAM_BASE (default 2 GiB). */
  ramSize?: number;
  vlen?: number;
  vta?: AgnosticPolicy;
  vma?: AgnosticPolicy;
  engine?: EngineOptions;
  /** Host fds standing for the guest's standard streams (default 0, 1, 2). */
  stdio?: readonly [number, number, number];
}

export interface BareSystem {
  readonly elf: ElfFile;
  readonly mem: MachineMemory;
  readonly hart: Hart;
  readonly machine: Machine;
  readonly engine: Engine;
  /** Undefined when the program has no tohost symbol (it then cannot print or exit). */
  readonly htif: Htif | undefined;
  /** The program's name for messages. */
  readonly name: string;
}

/** Load the program and build the machine, ready to run its first instruction. */
export function createBareSystem(host: Host, file: Uint8Array, name: string, opts: BareOptions): BareSystem {
  const elf = parseElf(file, name);
  const ramSize = opts.ramSize ?? DEFAULT_RAM_SIZE;
  const mem = new MachineMemory(ramSize);
  for (const p of elf.phdrs) {
    if (p.type !== PT_LOAD || p.memsz === 0) continue;
    if (p.paddr < RAM_BASE || p.paddr + p.memsz > RAM_BASE + ramSize) {
      throw new BadElfError(`${name}: segment at physical address 0x${p.paddr.toString(16)} (${p.memsz} bytes) lies outside RAM ` +
        `(0x${RAM_BASE.toString(16)}-0x${(RAM_BASE + ramSize).toString(16)}); is it a bare-metal program? (--ram-size changes the RAM size)`);
    }
    if (p.offset + p.filesz > file.length) throw new BadElfError(`${name}: is truncated (segment data past the end of the file)`);
    mem.writePhysical(p.paddr, file.subarray(p.offset, p.offset + p.filesz));
  }
  // The privileged architecture is reached through CSRs: bare mode always has Zicsr.
  const isa = new Set<Ext>([...opts.isa, 'Zicsr']);
  const enabled = new Set<Ext>(isa);
  // The hart's environment is its machine, made right after the hart (they refer to each other).
  let machine: Machine | undefined;
  const env = {
    ecall: (h: Hart, d: Parameters<Machine['ecall']>[1]) => machine!.ecall(h, d),
    ebreak: (h: Hart, d: Parameters<Machine['ebreak']>[1]) => machine!.ebreak(h, d),
    flushCode: (h: Hart) => machine!.flushCode(h),
  };
  const hart = new Hart(mem, env);
  machine = new Machine(hart, mem, isa, enabled);
  hart.priv = machine;
  hart.pc = elf.entry;
  if (isa.has('V')) {
    installVector();
    attachVector(hart, { vlen: opts.vlen ?? DEFAULT_VLEN, agnostic: opts.vta, maskAgnostic: opts.vma });
  }
  const engine = new Engine(hart, enabled, opts.engine);
  engine.onTrap = machine.onTrap;
  engine.csrEndsBlock = true; // see Engine.csrEndsBlock; also lets a CSR write raise an interrupt
  engine.alignedOnly = mem.alignedOnly = !opts.misaligned;
  machine.engine = engine;
  const tohost = elf.symbols.addressOf('tohost');
  let htif: Htif | undefined;
  if (tohost !== undefined && mem.frameAt(tohost) !== undefined) {
    htif = new Htif(mem, hart, host, tohost, elf.symbols.addressOf('fromhost'), opts.stdio);
  } else {
    host.warn(`${name} has no tohost symbol in RAM: it cannot print or exit through the HTIF (stop it with --max-insns)`);
  }
  return { elf, mem, hart, machine, engine, htif, name };
}

export function runBare(s: BareSystem, maxInsns = Infinity): StopReason {
  return s.engine.run(maxInsns);
}

/** "symbol+0x1c" for an address, or undefined. */
export function bareSymbolize(s: BareSystem, addr: number): string | undefined { return s.elf.symbols.describe(addr); }

/** One line saying what stopped the machine. */
export function describeBareStop(s: BareSystem, stop: StopReason): string {
  if (stop.kind === 'exit') return `exited with status ${stop.code}`;
  if (stop.kind === 'limit') return `stopped after ${s.hart.instret} instructions (--max-insns)`;
  if (s.machine.stopMessage !== undefined) return s.machine.stopMessage;
  const e = stop.error, sym = bareSymbolize(s, stop.pc);
  const where = `pc 0x${stop.pc.toString(16)}${sym !== undefined ? ` (${sym})` : ''}`;
  if (e instanceof IllegalInstruction) {
    const bits = e.len === 2 ? e.raw.toString(16).padStart(4, '0') : (e.raw >>> 0).toString(16).padStart(8, '0');
    return `illegal instruction at ${where}: bits 0x${bits} (${disassembleRaw(e.raw, e.pc, s.engine.enabled).replace(/\t/g, ' ')}); --isa is ${isaString(s.machine.isa)}`;
  }
  if (e instanceof GuestFault) return `${e.message} at ${where}`;
  return `${e.message} at ${where}`;
}
