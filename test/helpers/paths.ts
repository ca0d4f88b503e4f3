// Where the fixtures live and what their manifests say.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const PROGRAMS_DIR = join(ROOT, 'test', 'programs');
export const RISCV_TESTS_DIR = join(ROOT, 'riscv-tests');
export const CLI = join(ROOT, 'dist', 'cli', 'main.js');

/** One entry of test/programs/manifest.json (fields described in test/programs/README.md). */
export interface ProgramEntry {
  name: string;
  bin?: string;
  args: string[];
  env?: Record<string, string>;
  stdin?: string;
  exit: number;
  needsTmpdir: boolean;
  oracle?: boolean;
  instret?: number;
}

/** One entry of riscv-tests/manifest.json. */
export interface RiscvTestEntry { name: string; exit: number; tests: number }

export function programManifest(): ProgramEntry[] {
  return JSON.parse(readFileSync(join(PROGRAMS_DIR, 'manifest.json'), 'utf8')) as ProgramEntry[];
}

export function riscvTestsManifest(): RiscvTestEntry[] {
  return JSON.parse(readFileSync(join(RISCV_TESTS_DIR, 'manifest.json'), 'utf8')) as RiscvTestEntry[];
}

/** Absolute path of a manifest entry's ELF. */
export function programPath(e: ProgramEntry): string {
  return e.bin !== undefined ? join(ROOT, e.bin) : join(PROGRAMS_DIR, 'bin', e.name);
}

export function riscvTestPath(e: RiscvTestEntry): string {
  return join(RISCV_TESTS_DIR, 'bin', e.name);
}

export function expectedFile(name: string, ext: 'out' | 'err' | 'count'): string {
  return join(PROGRAMS_DIR, 'expected', `${name}.${ext}`);
}

/** Thread, process and signal fixtures: test/programs/mt (fields described in its README.md). */
export const MT_DIR = join(PROGRAMS_DIR, 'mt');

/** One entry of test/programs/mt/manifest.json. */
export interface MtEntry {
  name: string;
  /** ELF name in test/programs/mt/bin, if not `name`. */
  bin?: string;
  /** argv[1..]; may hold placeholders (see fillMtPlaceholders). */
  args: string[];
  /** The complete guest environment; values may hold placeholders. */
  env?: Record<string, string>;
  stdin?: string;
  exit: number;
  /** Working directory (placeholders allowed); test/programs/mt when absent. */
  cwd?: string;
  /** The run needs a fresh empty directory, {tmp}. */
  tmpdir?: boolean;
}

export function mtManifest(): MtEntry[] {
  return JSON.parse(readFileSync(join(MT_DIR, 'manifest.json'), 'utf8')) as MtEntry[];
}

/** {bin} = test/programs/mt/bin, {src} = test/programs/mt, {tmp} = the run's fresh directory. */
export function fillMtPlaceholders(s: string, tmp: string | undefined): string {
  return s.replaceAll('{bin}', join(MT_DIR, 'bin')).replaceAll('{src}', MT_DIR).replaceAll('{tmp}', tmp ?? '{tmp}');
}
