// The core's front door: build a guest process from an ELF image and run it. Everything here is free of
// Node APIs — the Host passed in is the only way out — so a browser page can drive the same core.
import type { Host } from './host/host.js';
import type { Ext } from './isa/spec.js';
import type { Hart } from './isa/hart.js';
import type { AddressSpace } from './mem/address-space.js';
import { Engine, type EngineOptions, type StopReason } from './engine/engine.js';
import { CodeCache } from './engine/code-cache.js';
import { launch, type Launched } from './syscalls/launch.js';
import type { LinuxSystem } from './syscalls/system.js';
import { GuestFault, IllegalInstruction } from './errors.js';
import { disassembleRaw } from './isa/disasm.js';
import { decode, SCALAR_EXTS } from './isa/decode.js';
import { isaString } from './isa/isa-string.js';
import { attachVector, installVector, DEFAULT_VLEN, type AgnosticPolicy } from './rvv/index.js';
import { cloneVector } from './rvv/state.js';
import { takeFault } from './syscalls/signal.js';

export interface ProcessOptions {
  /** The program path as given (messages, argv[0] default). */
  path: string;
  /** Absolute host path of the program (/proc/self/exe). */
  exePath: string;
  argv: string[];
  envp: string[];
  isa: Set<Ext>;
  seed: number;
  hostTime: boolean;
  strict: boolean;
  cwd?: string;
  /** Vector register width in bits when V is enabled (default 256). */
  vlen?: number;
  /** What tail-agnostic and mask-agnostic vector elements become (default: left undisturbed, like QEMU). */
  vta?: AgnosticPolicy;
  vma?: AgnosticPolicy;
  /** Directory searched first for absolute guest paths (default: none). */
  sysroot?: string;
  /** Directory that confines every guest path, like chroot (default: none). */
  root?: string;
  stdio?: readonly [number, number, number];
  /** Engine settings: translation to JavaScript on/off (default on), its threshold and level. */
  engine?: EngineOptions;
  /**
   * The processes of the run (forked, exec'd) share decoded blocks and translated code where their code
   * bits are the same (default true; false: each engine decodes and translates its own, same results).
   */
  shareCode?: boolean;
  /** Instructions a guest thread runs before the next one gets its turn (default DEFAULT_QUANTUM). */
  quantum?: number;
  /** CPUs the guest is told it has (default 4). */
  cpus?: number;
  /** Receives one line per system call (--strace). */
  strace?: (line: string) => void;
}

export interface GuestProcess {
  readonly mem: AddressSpace;
  readonly hart: Hart;
  readonly engine: Engine;
  readonly system: LinuxSystem;
  readonly launched: Launched;
  readonly options: ProcessOptions;
}

export function createProcess(host: Host, file: Uint8Array, options: ProcessOptions): GuestProcess {
  const vlen = options.vlen ?? DEFAULT_VLEN;
  const launched = launch(host, file, {
    vlenb: vlen / 8,
    argv: options.argv, envp: options.envp, name: options.path, exePath: options.exePath,
    seed: options.seed, hostTime: options.hostTime, strict: options.strict,
    extensions: [...options.isa], cwd: options.cwd, stdio: options.stdio, sysroot: options.sysroot, root: options.root,
    ncpus: options.cpus, trace: options.strace,
  });
  const kernel = launched.system.kernel;
  if (options.quantum !== undefined) kernel.quantum = Math.max(1, options.quantum);
  const vectorOpts = { vlen, agnostic: options.vta, maskAgnostic: options.vma };
  if (options.isa.has('V')) {
    installVector();
    attachVector(launched.hart, vectorOpts);
    kernel.copyExtraState = (from, to) => cloneVector(from, to);
    kernel.resetExtraState = (h) => { attachVector(h, vectorOpts); };
  }
  // One engine per program image (address space); the threads of a process share it, and the engines of
  // the run share one code cache.
  const codeCache = options.shareCode === false ? undefined : new CodeCache();
  kernel.makeEngine = (h, proc) => {
    const e = new Engine(h, options.isa, { ...options.engine, codeCache });
    proc.onFlushCode = () => e.flushAll();
    e.onTrap = (error, pc) => takeFault(kernel.current.proc, kernel.current, error, pc);
    return e;
  };
  const engine = kernel.makeEngine(launched.hart, launched.system);
  launched.system.engine = engine;
  return { mem: launched.mem, hart: launched.hart, engine, system: launched.system, launched, options };
}

/** Run every guest thread and process until the program exits (see Kernel.run). */
export function runProcess(p: GuestProcess, maxInsns = Infinity, runThread?: (engine: Engine, limit: number) => StopReason): StopReason {
  return p.system.kernel.run(maxInsns, runThread);
}

/** "symbol+0x1c" for a guest address, or undefined. */
export function symbolize(p: GuestProcess, addr: number): string | undefined {
  return p.system.symbolize?.(addr);
}

/** One line saying what stopped the guest, where, and what to do about it. */
export function describeStop(p: GuestProcess, stop: StopReason): string {
  if (stop.kind === 'exit') return `exited with status ${stop.code}`;
  if (stop.kind === 'limit') return `stopped after ${p.system.kernel.totalRetired()} instructions (--max-insns)`;
  const e = stop.error;
  const where = (pc: number) => {
    const sym = symbolize(p, pc);
    return `pc 0x${pc.toString(16)}${sym ? ` (${sym})` : ''}`;
  };
  if (e instanceof GuestFault) {
    if (e.access === 'execute') return `segmentation fault: jump to unmapped or non-executable address 0x${e.addr.toString(16)} (${where(e.pc)})`;
    return `segmentation fault at ${where(e.pc)}: ${e.access} of address 0x${e.addr.toString(16)}` +
      (e.addr < 4096 ? ' (a null pointer?)' : '');
  }
  if (e instanceof IllegalInstruction) {
    const bits = e.len === 2 ? e.raw.toString(16).padStart(4, '0') : (e.raw >>> 0).toString(16).padStart(8, '0');
    const enabled = p.engine.enabled;
    let text = disassembleRaw(e.raw, e.pc, enabled).replace(/\t/g, ' ');
    const detail = e.message.startsWith('illegal instruction') ? '' : ` — ${e.message.replace(/ at pc 0x[0-9a-f]+$/, '')}`;
    // Would it decode with every extension on? Then the fix is a wider --isa, and we can say which.
    let advice = `the program needs an extension rvemu does not have, or it jumped into data (--isa is ${isaString(enabled)})`;
    const ext = extensionOf(e.raw, e.pc);
    if (ext !== undefined && !enabled.has(ext)) {
      text = disassembleRaw(e.raw, e.pc, ALL_EXTS).replace(/\t/g, ' ');
      advice = `it belongs to extension ${ext}, which --isa ${isaString(enabled)} leaves out: add it (e.g. --isa ${isaString(new Set([...enabled, ext]))})`;
    } else if (detail !== '') {
      advice = `--isa is ${isaString(enabled)}`;
    }
    return `illegal instruction at ${where(e.pc)}: bits 0x${bits} (${text})${detail}; ${advice}`;
  }
  return e.message;
}

const ALL_EXTS: ReadonlySet<Ext> = new Set<Ext>([...SCALAR_EXTS, 'V', 'Zvfh', 'Zvfhmin']);

/** The extension an encoding belongs to when every extension is enabled, or undefined if it is not one. */
function extensionOf(raw: number, pc: number): Ext | undefined {
  try {
    const d = decode(raw, pc, ALL_EXTS);
    // A CSR access is a Zicsr instruction, but the vector CSRs exist only with V.
    if (d.spec.ext === 'Zicsr' && VECTOR_CSRS.has(d.csr)) return 'V';
    return d.spec.ext;
  } catch { return undefined; }
}
/** vstart, vxsat, vxrm, vcsr, vl, vtype, vlenb. */
const VECTOR_CSRS = new Set([0x008, 0x009, 0x00a, 0x00f, 0xc20, 0xc21, 0xc22]);
