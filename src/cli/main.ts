#!/usr/bin/env node
// Command-line entry point: parses options, reads the program, runs it, and turns every failure into
// one line on stderr and a distinct exit status. Guest output goes straight to our stdout/stderr.
import { readFileSync, realpathSync } from 'node:fs';
import { resolve } from 'node:path';
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { NodeHost, defaultSysroot, realDir } from '../host/node-host.js';
import { RvemuError, UsageError, BadElfError } from '../errors.js';
import { DEFAULT_ISA, parseIsa } from '../isa/isa-string.js';
import { createProcess, runProcess, describeStop, type GuestProcess } from '../run.js';
import { DEFAULT_QUANTUM } from '../syscalls/kernel.js';
import { signalName } from '../syscalls/signal.js';
import { createBareSystem, describeBareStop, runBare } from '../bare/run.js';
import { DEFAULT_RAM_SIZE, RAM_BASE } from '../bare/memory.js';
import { PROFILE_OPTIONS, ProfileSession, bareRun, linuxRun, runDiff, type ProfileArgs } from './report.js';

const EXIT_LIMIT = 124;   // --max-insns reached (like timeout(1))
const EXIT_INTERNAL = 70; // a bug in rvemu (EX_SOFTWARE)
const EXIT_UNHANDLED_TRAP = 134; // bare mode: a trap with no handler, or a trap loop

const HELP_EPILOGUE = `Examples:
  rvemu examples/bin/mlp                      run a program; its exit status becomes ours
  rvemu --stats ./prog arg1 arg2              ... and print instruction counts at exit (to stderr)
  rvemu --stats-json out.json ./prog          ... and write them as JSON for CI
  rvemu --profile out.folded ./prog           write folded call stacks weighted by instructions (flame graphs)
  rvemu --stats --roi-symbol kernel ./prog    count only while kernel() is on the call stack
  rvemu --trace --trace-to 100 ./prog         print the first 101 instructions with their effects
  rvemu diff base.json new.json --threshold 0.5%   compare two --stats-json files (exit 1 on a rise)
  rvemu --isa rv64imac ./prog                 run with only these extensions (F/D instructions are illegal)
  rvemu --isa rv64gcv --vlen 512 ./prog       enable the vector unit (RVV 1.0) with 512-bit registers
  rvemu --max-insns 1e9 ./prog                stop after 10^9 instructions (exit status 124)
  rvemu --cpus 8 --quantum 1000 ./threaded    tell the program it has 8 CPUs; switch threads every 1000 insns
  rvemu --bare rv64ui-p-add                   run a bare-metal (Spike-style) test: M-mode at its entry, HTIF exit
  rvemu --bare --isa rv64gcv_zicclsm --vlen 128 t.elf   ... with the vector unit, misaligned accesses allowed

Bare mode (--bare): the ELF's segments are loaded at their physical addresses into RAM at 0x80000000
(--ram-size, default 2G, allocated as touched); hart 0 starts in M-mode at the entry point with zeroed
registers. M/S/U modes, traps, Sv39 and the HTIF (tohost/fromhost symbols) are provided; the exit status
is the one written to tohost ((code << 1) | 1). Misaligned loads/stores trap unless --isa has _zicclsm.

Runs are deterministic: time is virtual (1 ns per instruction; --host-time to use the real clock) and
randomness (getrandom, AT_RANDOM, /dev/urandom) comes from --seed. Guest threads and processes (fork,
execve) all run on one host thread, switched round-robin every --quantum instructions and whenever one
waits. The same program, arguments, input and options give the same output, the same interleaving and
the same counts on any machine.

Exit status: the program's own, or 128+signal for a fault (139 = segmentation fault, 132 = illegal
instruction), 124 for --max-insns, 126 for a file that is not a runnable RISC-V program, 2 for bad usage.`;

interface Args extends ProfileArgs {
  program?: string; args: string[];
  'max-insns'?: number; isa: string; seed: number;
  'host-time': boolean; strict: boolean; debug: boolean; sysroot?: string;
  vlen: number; vta: 'undisturbed' | 'ones'; vma: 'undisturbed' | 'ones'; root?: string;
  jit: boolean;
  'share-code': boolean;
  quantum: number; cpus: number; strace: boolean;
  bare: boolean; 'ram-size': string;
}

function parseArgs(argv: string[]): Args {
  const y = yargs(argv)
    .scriptName('rvemu')
    .usage('Run a RISC-V RV64GC(V) Linux program and report exactly what it executed.\n\nUsage: $0 [options] <program> [args...]\n       rvemu diff base.json new.json [--threshold 0.5%]')
    .parserConfiguration({ 'halt-at-non-option': true, 'populate--': true })
    .options(PROFILE_OPTIONS)
    .option('max-insns', { type: 'number', describe: 'Stop after this many instructions (exit status 124)' })
    .option('isa', { type: 'string', default: DEFAULT_ISA, describe: 'Enabled extensions, Spike-style (e.g. rv64gc, rv64imac_zba)' })
    .option('seed', { type: 'number', default: 0, describe: 'Seed for the guest\'s randomness (AT_RANDOM, getrandom)' })
    .option('host-time', { type: 'boolean', default: false, describe: 'Let the guest see the host clock (breaks determinism)' })
    .option('strict', { type: 'boolean', default: false, describe: 'Stop on an unimplemented system call instead of returning ENOSYS' })
    .option('vlen', { type: 'number', default: 256, describe: 'Vector register width in bits with V enabled (--isa rv64gcv): a power of two, 128..4096' })
    .option('vta', { choices: ['undisturbed', 'ones'] as const, default: 'undisturbed' as const, describe: 'What tail-agnostic vector elements become (undisturbed matches QEMU)' })
    .option('vma', { choices: ['undisturbed', 'ones'] as const, default: 'undisturbed' as const, describe: 'What mask-agnostic (masked-off) vector elements become' })
    .option('sysroot', { alias: 'L', type: 'string', describe: 'Look up absolute guest paths (e.g. the dynamic linker) in this directory first (default: $RVEMU_SYSROOT, else /usr/riscv64-linux-gnu if present)' })
    .option('root', { type: 'string', describe: 'Confine every guest path to this directory, like chroot (.. and symbolic links cannot leave it)' })
    .option('quantum', { type: 'number', default: DEFAULT_QUANTUM, describe: 'Instructions a guest thread runs before the next runnable thread gets its turn' })
    .option('cpus', { type: 'number', default: 4, describe: 'CPUs the guest sees (sysconf, sched_getaffinity, /proc/cpuinfo); threads still run one at a time' })
    .option('strace', { type: 'boolean', default: false, describe: 'Print every system call with its arguments and result to stderr, prefixed with the thread id' })
    .option('bare', { type: 'boolean', default: false, describe: 'Run a bare-metal program (Spike-style: physical memory at 0x80000000, M-mode at the entry point, HTIF tohost/fromhost) instead of a Linux one' })
    .option('ram-size', { type: 'string', default: '2G', describe: 'Bare mode: RAM size at 0x80000000 (bytes, or with K, M, G), allocated as it is touched' })
    .option('debug', { type: 'boolean', default: false, describe: 'Show internal stack traces on errors' })
    .option('jit', { type: 'boolean', default: true, describe: 'Translate hot code to JavaScript (--no-jit: interpret everything; same results and counts)' })
    .option('share-code', { type: 'boolean', default: true, describe: 'Forked and exec\'d processes share decoded and translated code where their code bytes are the same (--no-share-code: each decodes and translates its own; same results and counts)' })
    .epilogue(HELP_EPILOGUE)
    .help().alias('h', 'help')
    .version(false)
    // Wide enough that the examples in the epilogue never wrap mid-word; narrower on a small terminal.
    .wrap(process.stdout.isTTY ? Math.max(80, Math.min(130, process.stdout.columns)) : 130)
    .strictOptions()
    .fail((msg, err) => { throw new UsageError(err?.message ?? msg); });
  const parsed = y.parseSync();
  // With halt-at-non-option, everything from the program name on lands in '--' (guest arguments are not ours).
  const positional = [...parsed._, ...((parsed['--'] as unknown[] | undefined) ?? [])].map(String);
  return { ...(parsed as unknown as Args), program: positional[0], args: positional.slice(1) };
}

function readProgram(path: string): Uint8Array {
  try {
    return new Uint8Array(readFileSync(path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new BadElfError(`${path}: no such file`);
    if (code === 'EISDIR') throw new BadElfError(`${path}: is a directory, not a program`);
    if (code === 'EACCES') throw new BadElfError(`${path}: permission denied`);
    throw new BadElfError(`${path}: cannot read (${code ?? String(e)})`);
  }
}

/** --ram-size: bytes, or a number with K/M/G (binary units); page-aligned, RAM must end below 2^53. */
function parseRamSize(text: string): number {
  const m = /^(\d+)([kmg]?)i?b?$/i.exec(text.trim());
  const unit = m === null ? 0 : ({ '': 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 } as Record<string, number>)[m[2].toLowerCase()];
  const n = m === null ? NaN : Number(m[1]) * unit;
  if (!(n >= 4096 && n % 4096 === 0 && RAM_BASE + n < 2 ** 52)) {
    throw new UsageError(`--ram-size ${text}: expected a multiple of 4096 bytes such as 256M or 2G (default ${DEFAULT_RAM_SIZE / 1024 ** 3}G)`);
  }
  return n;
}

/** rvemu --bare: run a bare-metal program; returns the exit status. */
function runBareMode(args: Args): number {
  const isa = parseIsa(args.isa);
  const misaligned = args.isa.toLowerCase().split('_').includes('zicclsm');
  const ramSize = parseRamSize(args['ram-size']);
  if (args.args.length > 0) throw new UsageError(`--bare: a bare-metal program takes no arguments (got ${args.args.join(' ')})`);
  const file = readProgram(args.program!);
  const sys = createBareSystem(new NodeHost(), file, args.program!, {
    isa, misaligned, ramSize, vlen: args.vlen, vta: args.vta, vma: args.vma, engine: { jit: args.jit },
  });
  const run = bareRun(sys);
  const session = ProfileSession.start(run, args);
  const t0 = process.hrtime.bigint();
  const stop = session !== undefined ? session.run(args['max-insns'] ?? Infinity) : runBare(sys, args['max-insns'] ?? Infinity);
  session?.finish(stop, Number(process.hrtime.bigint() - t0) / 1e9);
  // A failing test's number must never read as success once truncated to 8 bits.
  if (stop.kind === 'exit') return stop.code === 0 ? 0 : (stop.code & 0xff) || 1;
  process.stderr.write(`rvemu: ${describeBareStop(sys, stop)}\n`);
  if (stop.kind === 'limit') return EXIT_LIMIT;
  if (args.debug) process.stderr.write(String(stop.error.stack) + '\n');
  return sys.machine.stopMessage !== undefined ? EXIT_UNHANDLED_TRAP : stop.error.exitCode;
}

function main(): number {
  let args: Args | undefined;
  let proc: GuestProcess | undefined;
  try {
    const argv = hideBin(process.argv);
    if (argv[0] === 'diff') return runDiff(argv.slice(1));
    args = parseArgs(argv);
    if (args.program === undefined) throw new UsageError('no program given. Usage: rvemu [options] <program> [args...] (see rvemu --help)');
    const isa = parseIsa(args.isa); // usage errors before file errors
    if (!(args.vlen >= 128 && args.vlen <= 4096 && (args.vlen & (args.vlen - 1)) === 0)) {
      throw new UsageError(`--vlen ${args.vlen}: must be a power of two from 128 to 4096`);
    }
    if (!(Number.isInteger(args.quantum) && args.quantum >= 1)) throw new UsageError(`--quantum ${args.quantum}: expected a whole number >= 1`);
    if (!(Number.isInteger(args.cpus) && args.cpus >= 1 && args.cpus <= 1024)) throw new UsageError(`--cpus ${args.cpus}: expected a whole number from 1 to 1024`);
    if (args.bare) return runBareMode(args);
    const file = readProgram(args.program);
    const host = new NodeHost();
    let exePath = resolve(args.program);
    try { exePath = realpathSync(exePath); } catch { /* keep the resolved path */ }
    proc = createProcess(host, file, {
      path: args.program, exePath,
      argv: [args.program, ...args.args],
      envp: Object.entries(process.env).filter(([k]) => k !== '_').map(([k, v]) => `${k}=${v}`),
      isa,
      seed: args.seed, hostTime: args['host-time'], strict: args.strict,
      sysroot: args.sysroot !== undefined ? realDir(args.sysroot) : defaultSysroot(),
      root: args.root !== undefined ? realDir(args.root) : undefined,
      vlen: args.vlen, vta: args.vta, vma: args.vma,
      engine: { jit: args.jit }, shareCode: args['share-code'], quantum: args.quantum, cpus: args.cpus,
      strace: args.strace ? (line) => process.stderr.write(`rvemu: ${line}\n`) : undefined,
    });
    const session = ProfileSession.start(linuxRun(proc), args);
    const t0 = process.hrtime.bigint();
    const stop = session !== undefined ? session.run(args['max-insns'] ?? Infinity) : runProcess(proc, args['max-insns'] ?? Infinity);
    const wall = Number(process.hrtime.bigint() - t0) / 1e9;
    session?.finish(stop, wall);
    proc.system.shutdown(); // however the run ended, shared file mappings reach their files
    if (stop.kind === 'exit') {
      // Like a shell, say so when a signal's default action ended the program.
      const sig = proc.system.termSignal;
      if (sig !== 0) process.stderr.write(`rvemu: the program was terminated by ${signalName(sig)} (exit status ${128 + sig})\n`);
      return stop.code & 0xff;
    }
    if (stop.kind === 'limit') { process.stderr.write(`rvemu: ${describeStop(proc, stop)}\n`); return EXIT_LIMIT; }
    process.stderr.write(`rvemu: ${describeStop(proc, stop)}\n`);
    if (args.debug) process.stderr.write(String(stop.error.stack) + '\n');
    return stop.error.exitCode;
  } catch (e) {
    if (e instanceof RvemuError) {
      process.stderr.write(`rvemu: ${e.message}\n`);
      if (args?.debug) process.stderr.write(String(e.stack) + '\n');
      return e.exitCode;
    }
    process.stderr.write(`rvemu: internal error: ${e instanceof Error ? e.message : String(e)}` +
      (args?.debug ? `\n${e instanceof Error ? e.stack : ''}` : ' (run with --debug for details; please report this)') + '\n');
    return EXIT_INTERNAL;
  }
}

process.exitCode = main();
