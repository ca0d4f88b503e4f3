// The differential loop: generate a program of sequences, assemble it, run it under QEMU and rvemu at each
// VLEN, compare the dump records byte for byte, and for a sequence that differs rebuild it alone in trace
// mode (a record after every item) to find the first instruction whose effects differ.
import { join } from 'node:path';
import { countFpInsns, countInsns, genSequence, type GenOptions, type Item, type Sequence } from './gen.js';
import { emitProgram, START_ITEM } from './emit.js';
import type { EngineOptions } from '../../src/engine/engine.js';
import { assemble, runQemu, runRvemu, type Policy, type SideRun } from './tools.js';
import { decodeRecord, diffStates, inputsText, splitRecords, stateLine } from './report.js';

export interface ProgramSpec {
  seed: number;
  /** Indices of the sequences (each is generated from (seed, index) alone). */
  first: number;
  count: number;
  gen: GenOptions;
  /** Agnostic-element policy of both sides (default undisturbed, QEMU's default). */
  policy?: Policy;
  /** rvemu's engine options (e.g. every block translated: { jitThreshold: 0 }). */
  engine?: EngineOptions;
}

export interface Mismatch {
  vlen: number;
  seed: number;
  sequence: number;
  /** Index of the first differing item (undefined if it could not be narrowed down). */
  item?: number;
  insn?: string;
  name?: string;
  report: string;
}

export interface ProgramResult {
  /** Instructions under test in sequences whose records matched, per VLEN. */
  compared: Map<number, number>;
  /** Of those, floating-point instructions. */
  comparedFp: Map<number, number>;
  sequencesCompared: Map<number, number>;
  mismatches: Mismatch[];
  /** Counted instructions per mnemonic in the matching sequences (at the first VLEN); FP ones also per `name@sew`. */
  names: Map<string, number>;
}

export function sequencesOf(p: ProgramSpec): Sequence[] {
  return Array.from({ length: p.count }, (_, i) => genSequence(p.seed, p.first + i, p.gen));
}

/** Compare one program at every VLEN. `dir` receives the .S and ELF files. */
export async function compareProgram(qemu: string, dir: string, p: ProgramSpec, vlens: readonly number[], opts: { maxShrinks?: number } = {}): Promise<ProgramResult> {
  const seqs = sequencesOf(p), fp = p.gen.fp === true;
  const elf = join(dir, `p-${p.seed}-${p.first}.elf`);
  assemble(emitProgram(seqs, false, fp), elf);
  const res: ProgramResult = { compared: new Map(), comparedFp: new Map(), sequencesCompared: new Map(), mismatches: [], names: new Map() };
  let shrinks = opts.maxShrinks ?? 3;
  for (const vlen of vlens) {
    const [q, e] = await Promise.all([runQemu(qemu, elf, vlen, p.policy), runRvemu(elf, vlen, p.policy, p.engine)]);
    const qr = splitRecords(q.stdout, vlen, fp), er = splitRecords(e.stdout, vlen, fp);
    let insns = 0, fpInsns = 0, nseq = 0;
    const unshrunk: number[] = [];
    for (let i = 0; i < seqs.length; i++) {
      const a = qr[i], b = er[i];
      if (a !== undefined && b !== undefined && Buffer.compare(a, b) === 0) {
        insns += countInsns([seqs[i]]); fpInsns += countFpInsns([seqs[i]]); nseq++;
        if (vlen === vlens[0]) {
          for (const it of seqs[i].items) {
            if (!it.counted) continue;
            res.names.set(it.name, (res.names.get(it.name) ?? 0) + 1);
            if (it.sew !== undefined) res.names.set(`${it.name}@${it.sew}`, (res.names.get(`${it.name}@${it.sew}`) ?? 0) + 1);
          }
        }
        continue;
      }
      if (a === undefined && b === undefined) break;
      if (shrinks-- > 0) res.mismatches.push(await shrink(qemu, dir, p, seqs[i], vlen, q, e));
      else unshrunk.push(seqs[i].index);
      if (a === undefined || b === undefined) break;
    }
    if (unshrunk.length) {
      res.mismatches.push({ vlen, seed: p.seed, sequence: unshrunk[0], report: `${unshrunk.length} more sequence(s) of seed ${p.seed} differ at VLEN ${vlen} (not narrowed down): ${unshrunk.join(' ')}` });
    }
    if (qr.length === seqs.length && er.length === seqs.length && q.exit !== e.exit) {
      res.mismatches.push({ vlen, seed: p.seed, sequence: -1, report: `exit status differs at VLEN ${vlen}: ${q.message ?? q.exit} / ${e.message ?? e.exit}` });
    }
    res.compared.set(vlen, insns);
    res.comparedFp.set(vlen, fpInsns);
    res.sequencesCompared.set(vlen, nseq);
  }
  return res;
}

function itemText(it: Item): string[] {
  return [...it.setup.map((l) => `    ${l}`), `  > ${it.insn}`, ...(it.post ?? []).map((l) => `    ${l}`)];
}

/** Rerun one sequence with a record after every item and describe the first item whose effects differ. */
export async function shrink(qemu: string, dir: string, p: ProgramSpec, seq: Sequence, vlen: number, qAll?: SideRun, eAll?: SideRun): Promise<Mismatch> {
  const fp = p.gen.fp === true;
  const elf = join(dir, `t-${p.seed}-${seq.index}-${vlen}.elf`);
  assemble(emitProgram([seq], true, fp), elf);
  const [q, e] = await Promise.all([runQemu(qemu, elf, vlen, p.policy), runRvemu(elf, vlen, p.policy, p.engine)]);
  const qr = splitRecords(q.stdout, vlen, fp), er = splitRecords(e.stdout, vlen, fp);
  let k = 0;
  while (k < qr.length && k < er.length && Buffer.compare(qr[k], er[k]) === 0) k++;
  const pol = (p.policy === 'ones' ? ' --policy ones' : '') + (fp ? ' --fp' : ''), mv = p.gen.maxVlen !== 256 ? ` --max-vlen ${p.gen.maxVlen}` : '';
  const head = `MISMATCH at VLEN ${vlen}${p.policy === 'ones' ? ' (agnostic = ones)' : ''}: seed ${p.seed}, sequence ${seq.index} ` +
    `(again: npm run fuzz:rvv -- --seed ${p.seed} --only ${seq.index} --vlen ${vlen}${mv}${pol})`;
  const lines = [head];
  if (k === 0 || (k === qr.length && k === er.length)) {
    lines.push(k === 0 ? '  the initial state already differs' : '  every record of the trace run matches (the difference needs the preceding sequences?)');
    if (q.message) lines.push(`  ${q.message}`);
    if (e.message) lines.push(`  ${e.message}`);
    if (qAll?.message) lines.push(`  (whole program) ${qAll.message}`);
    if (eAll?.message) lines.push(`  (whole program) ${eAll.message}`);
    return { vlen, seed: p.seed, sequence: seq.index, report: lines.join('\n') };
  }
  const itemIndex = k - 1, item = seq.items[itemIndex];
  const before = decodeRecord(qr[k - 1], vlen, fp);
  if (before.id % 65536 !== (k - 1 === 0 ? START_ITEM : k - 2)) lines.push(`  (record ids out of step: ${before.id})`);
  lines.push(`  item ${itemIndex} of ${seq.items.length}:`, ...itemText(item));
  lines.push(`  before: ${stateLine(before)}`);
  lines.push(...inputsText(before, item).map((l) => `    ${l}`));
  if (k >= qr.length || k >= er.length) {
    lines.push(`  qemu: ${k < qr.length ? 'continued' : `stopped here (${q.message ?? `exit ${q.exit}`})`}`);
    lines.push(`  rvemu: ${k < er.length ? 'continued' : `stopped here (${e.message ?? `exit ${e.exit}`})`}`);
    if (k < qr.length) lines.push(`  qemu after: ${stateLine(decodeRecord(qr[k], vlen, fp))}`);
  } else {
    const a = decodeRecord(qr[k], vlen, fp), b = decodeRecord(er[k], vlen, fp);
    lines.push(`  after (qemu): ${stateLine(a)}`);
    lines.push(`  differences (qemu vs rvemu):`, ...diffStates(a, b, 'qemu', 'rvemu', item).map((l) => `    ${l}`));
  }
  return { vlen, seed: p.seed, sequence: seq.index, item: itemIndex, insn: item.insn, name: item.name, report: lines.join('\n') };
}
