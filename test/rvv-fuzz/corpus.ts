// The committed corpora: fixed sets of small trace-mode programs (a record after every item) with digests of
// QEMU's records at VLEN 128 and 256, so the comparison runs without QEMU or the cross assembler. Each
// program exercises its own share of the mnemonics, so together they cover every non-FP instruction
// (corpus/) and every FP instruction at each SEW it is defined at (corpus-fp/).
//
// manifest.json holds, per program, the item texts (for reports) and one 64-bit digest (SHA-256 prefix) per
// record per VLEN. Regenerate with `npm run fuzz:rvv -- --write-corpus [--fp]` (after a generator change,
// or to confirm QEMU's outputs).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/paths.js';
import { CATALOG, FP_CATALOG, type Entry } from './catalog.js';
import { emitProgram } from './emit.js';
import { genSequence, type GenOptions, type Sequence } from './gen.js';
import { decodeRecord, diffStates, registerText, splitRecords, stateLine, type State } from './report.js';
import { assemble, runQemu, runRvemu, type SideRun } from './tools.js';

export const CORPUS_VLENS = [128, 256] as const;

export interface CorpusSpec {
  dir: string;
  seed: number;
  programs: number;
  gen: GenOptions;
  /** The mnemonics the programs share out between them. */
  catalog: readonly Entry[];
  /** Floating-point programs (their records include the f registers). */
  fp: boolean;
  /** At least this many sequences per program. */
  minSeqs: number;
}

export const INT_CORPUS: CorpusSpec = {
  dir: join(ROOT, 'test', 'rvv-fuzz', 'corpus'), seed: 0x5eed0001, programs: 32, fp: false, catalog: CATALOG, minSeqs: 6,
  gen: { maxVlen: 256, minItems: 4, maxItems: 10, vstartRate: 0.08 },
};
export const FP_CORPUS: CorpusSpec = {
  dir: join(ROOT, 'test', 'rvv-fuzz', 'corpus-fp'), seed: 0x5eedf001, programs: 12, fp: true, catalog: FP_CATALOG, minSeqs: 5,
  gen: { maxVlen: 256, minItems: 4, maxItems: 10, vstartRate: 0.08, fp: true },
};
export const CORPUS_DIR = INT_CORPUS.dir;

export interface CorpusProgram {
  file: string;
  seed: number;
  /** Mnemonics this program is about (others appear only as the vset* they need). */
  names: string[];
  /** Per sequence: its items as assembly text (set-up lines, then '> ' and the instruction). */
  sequences: string[][][];
  insns: number;
  records: number;
  /** Floating-point program: records include the f registers. */
  fp?: boolean;
  /** Floating-point program: the `mnemonic@SEW` combinations it runs. */
  covered?: string[];
  /** Per VLEN: QEMU's exit status and the digest of each record. */
  exit: Record<string, number>;
  digests: Record<string, string[]>;
}

export interface CorpusManifest { note: string; programs: CorpusProgram[] }

export const digest = (rec: Uint8Array): string => createHash('sha256').update(rec).digest('hex').slice(0, 16);

export function readManifest(spec: CorpusSpec = INT_CORPUS): CorpusManifest {
  return JSON.parse(readFileSync(join(spec.dir, 'manifest.json'), 'utf8')) as CorpusManifest;
}

function itemsText(s: Sequence): string[][] {
  return s.items.map((it) => [...it.setup, `> ${it.insn}`, ...(it.post ?? [])]);
}

/** What a program must cover: each name (non-FP), or each name at each of its SEWs (FP, `name@sew`). */
function targets(spec: CorpusSpec, names: readonly string[]): string[] {
  if (!spec.fp) return [...names];
  return names.flatMap((n) => spec.catalog.find((e) => e.name === n)!.sews!.map((w) => `${n}@${w}`));
}
const covers = (spec: CorpusSpec, s: Sequence): string[] =>
  s.items.flatMap((it) => [it.name, ...(spec.fp && it.sew !== undefined ? [`${it.name}@${it.sew}`] : [])]);

/** Build a corpus: programs, QEMU digests, and a check that rvemu agrees (prints any difference); the problem count. */
export async function writeCorpus(qemu: string, work: string, spec: CorpusSpec = INT_CORPUS): Promise<number> {
  rmSync(spec.dir, { recursive: true, force: true });
  mkdirSync(spec.dir, { recursive: true });
  const all = [...spec.catalog.map((e) => e.name)].sort();
  const programs: CorpusProgram[] = [];
  let problems = 0;
  for (let k = 0; k < spec.programs; k++) {
    const names = all.filter((_, i) => i % spec.programs === k);
    const want = targets(spec, names);
    const seed = spec.seed + k;
    const gen: GenOptions = { ...spec.gen, filter: (n) => names.includes(n) };
    const seqs: Sequence[] = [];
    const seen = new Set<string>();
    for (let i = 0; seqs.length < spec.minSeqs || (want.some((n) => !seen.has(n)) && i < 200); i++) {
      const s = genSequence(seed, i, gen);
      if (seqs.length >= spec.minSeqs && !covers(spec, s).some((n) => want.includes(n) && !seen.has(n))) continue;
      seqs.push(s);
      for (const n of covers(spec, s)) seen.add(n);
    }
    const missing = want.filter((n) => !seen.has(n));
    if (missing.length) { console.log(`corpus ${k}: not generated: ${missing.join(' ')}`); problems++; }
    const file = `p${String(k).padStart(2, '0')}.elf`;
    const elf = join(spec.dir, file);
    assemble(emitProgram(seqs, true, spec.fp), join(work, file));
    const strip = spawnSync('riscv64-linux-gnu-strip', ['--strip-all', '-o', elf, join(work, file)]);
    if (strip.status !== 0) throw new Error(`strip failed: ${strip.stderr}`);
    const prog: CorpusProgram = {
      file, seed, names, sequences: seqs.map(itemsText), insns: seqs.reduce((a, s) => a + s.items.filter((i) => i.counted).length, 0),
      records: seqs.reduce((a, s) => a + s.items.length + 1, 0), exit: {}, digests: {},
    };
    if (spec.fp) {
      prog.fp = true;
      prog.covered = [...new Set(seqs.flatMap((s) => s.items.filter((it) => it.fp).map((it) => `${it.name}@${it.sew}`)))].sort();
    }
    for (const vlen of CORPUS_VLENS) {
      const [q, e] = await Promise.all([runQemu(qemu, elf, vlen), runRvemu(elf, vlen)]);
      const recs = splitRecords(q.stdout, vlen, spec.fp);
      if (q.exit !== 0 || recs.length !== prog.records) { console.log(`corpus ${k} @${vlen}: qemu ${q.message ?? ''} (${recs.length}/${prog.records} records)`); problems++; }
      prog.exit[vlen] = q.exit;
      prog.digests[vlen] = recs.map(digest);
      const diff = compareToCorpus(prog, vlen, e, q);
      if (diff !== undefined) { console.log(diff); problems++; }
    }
    programs.push(prog);
    console.log(`corpus ${file}: ${seqs.length} sequences, ${prog.insns} instructions, ${prog.records} records`);
  }
  const manifest: CorpusManifest = {
    note: 'Generated by npm run fuzz:rvv -- --write-corpus; digests are of QEMU\'s dump records (test/rvv-fuzz/layout.ts).',
    programs,
  };
  writeFileSync(join(spec.dir, 'manifest.json'), JSON.stringify(manifest, null, 0).replace(/\],"/g, '],\n"'));
  console.log(`corpus: ${programs.length} programs, ${programs.reduce((a, p) => a + p.insns, 0)} instructions${problems ? `, ${problems} PROBLEM(S)` : ''}`);
  return problems;
}

/** Which sequence and item a record index is (record 0 of each sequence is its initial state). */
function locate(p: CorpusProgram, rec: number): { seq: number; item: number } {
  let r = rec;
  for (let s = 0; s < p.sequences.length; s++) {
    const n = p.sequences[s].length + 1;
    if (r < n) return { seq: s, item: r - 1 };
    r -= n;
  }
  return { seq: -1, item: -1 };
}

function vregsOf(text: string): number[] {
  return [...text.matchAll(/\bv(\d+)\b/g)].map((m) => Number(m[1]));
}

/**
 * Compare an rvemu run of a corpus program with the stored digests; undefined if equal, else a report of
 * the first differing record (with the live QEMU run's record when one is given).
 */
export function compareToCorpus(p: CorpusProgram, vlen: number, e: SideRun, q?: SideRun): string | undefined {
  const fp = p.fp === true, want = p.digests[vlen], recs = splitRecords(e.stdout, vlen, fp);
  let k = 0;
  while (k < want.length && k < recs.length && digest(recs[k]) === want[k]) k++;
  if (k === want.length && recs.length === want.length && e.exit === p.exit[vlen]) return undefined;
  if (k === want.length && recs.length === want.length) return `${p.file} @VLEN ${vlen}: exit ${e.exit}, QEMU's was ${p.exit[vlen]} (${e.message ?? ''})`;
  const { seq, item } = locate(p, k);
  const lines = [`${p.file} @VLEN ${vlen}: record ${k} differs from QEMU's (sequence ${seq}, ${item < 0 ? 'initial state' : `item ${item}`})`];
  if (seq >= 0 && item >= 0) lines.push(...p.sequences[seq][item].map((l) => `    ${l}`));
  const before: State | undefined = k > 0 && recs[k - 1] !== undefined ? decodeRecord(recs[k - 1], vlen, fp) : undefined;
  if (before) lines.push(`  before: ${stateLine(before)}`);
  if (k >= recs.length) { lines.push(`  rvemu stopped: ${e.message ?? `exit ${e.exit}`}`); return lines.join('\n'); }
  const after = decodeRecord(recs[k], vlen, fp);
  lines.push(`  rvemu after: ${stateLine(after)}`);
  const qrec = q !== undefined ? splitRecords(q.stdout, vlen, fp)[k] : undefined;
  if (qrec !== undefined) {
    lines.push('  differences (qemu vs rvemu):', ...diffStates(decodeRecord(qrec, vlen, fp), after, 'qemu', 'rvemu').map((l) => `    ${l}`));
  } else if (before && seq >= 0 && item >= 0) {
    // Without QEMU: show what rvemu changed in the instruction's registers.
    const regs = new Set(vregsOf(p.sequences[seq][item].join(' ')));
    lines.push('  (QEMU not available) the registers the item names, before it:', ...[...regs].sort((x, y) => x - y).map((r) => `    ${registerText(before, r)}`));
    lines.push('  rvemu\'s changes:');
    for (const d of diffStates(before, after, 'before', 'after')) if (!/^(x1|v\d+)\b/.test(d) || regs.has(Number(/^v(\d+)/.exec(d)?.[1]))) lines.push(`    ${d}`);
  }
  return lines.join('\n');
}

export { runRvemu, runQemu };
