// Differential fuzzing of the vector unit against QEMU (npm run fuzz:rvv -- [options]).
//
//   --count N        vector instructions to compare per VLEN (default 10000; with --fp: FP instructions)
//   --fp             floating-point programs: every FP vector instruction at SEW 16 (Zvfh), 32 and 64, random
//                    frm, operands biased to special values, fflags after every FP instruction
//   --vlen 128,256   VLENs to run each program at (default 128,256)
//   --seed S         run seed (default 1); program p uses a seed derived from (S, p), printed with any mismatch
//   --seqs K         sequences per program (default 150)
//   --only J         with --seed: rerun just sequence J of that program seed in trace mode and report
//   --filter RE      only instructions whose mnemonic matches RE (plus the vset* needed)
//   --max-vlen V     largest VLEN the programs must be valid at (default: the largest --vlen)
//   --vstart-rate P  probability of running an instruction with vstart > 0 (default 0.04)
//   --items N        at most N instructions per sequence (default 12)
//   --policy P       agnostic elements: undisturbed (default) or ones (QEMU rvv_ta_all_1s/rvv_ma_all_1s,
//                    rvemu --vta ones --vma ones)
//   --keep           keep the work directory (the .S and ELF files)
//   --translated     run rvemu with every block translated before it first runs (exercises the vector fast paths)
//   --write-corpus   regenerate test/rvv-fuzz/corpus (with --fp: corpus-fp; needs qemu and the cross assembler)
//   --reserved       run the reserved-encoding probes (test/rvv-fuzz/reserved.ts) and print who traps
//
// Needs qemu-riscv64 (scripts/get-qemu.sh) and riscv64-linux-gnu-gcc. Exit status 1 if anything differs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { CATALOG, FP_CATALOG } from '../test/rvv-fuzz/catalog.js';
import { DEFAULT_GEN, genSequence, type GenOptions } from '../test/rvv-fuzz/gen.js';
import { compareProgram, shrink, type Mismatch } from '../test/rvv-fuzz/fuzz.js';
import { sequenceSeed } from '../test/rvv-fuzz/rng.js';
import { findOracle, haveAssembler, type Policy } from '../test/rvv-fuzz/tools.js';
import { FP_CORPUS, INT_CORPUS, writeCorpus } from '../test/rvv-fuzz/corpus.js';
import { probeReserved } from '../test/rvv-fuzz/reserved.js';

const { values: a } = parseArgs({
  options: {
    count: { type: 'string', default: '10000' }, vlen: { type: 'string', default: '128,256' }, seed: { type: 'string', default: '1' },
    seqs: { type: 'string', default: '150' }, only: { type: 'string' }, filter: { type: 'string' }, 'max-vlen': { type: 'string' },
    'vstart-rate': { type: 'string' }, items: { type: 'string' }, policy: { type: 'string', default: 'undisturbed' }, keep: { type: 'boolean', default: false }, 'write-corpus': { type: 'boolean', default: false },
    reserved: { type: 'boolean', default: false }, fp: { type: 'boolean', default: false }, translated: { type: 'boolean', default: false },
  },
});

const qemu = findOracle();
if (qemu === undefined || !haveAssembler()) {
  console.error('fuzz-rvv: needs qemu-riscv64 (npm run oracle) and riscv64-linux-gnu-gcc (apt-get install -y gcc-riscv64-linux-gnu)');
  process.exit(2);
}
const vlens = a.vlen!.split(',').map(Number);
if (vlens.some((v) => !(v >= 128 && v <= 1024 && (v & (v - 1)) === 0))) {
  console.error('fuzz-rvv: --vlen takes powers of two from 128 to 1024 (the range QEMU supports)');
  process.exit(2);
}
const seed = Number(a.seed);
const filterRe = a.filter !== undefined ? new RegExp(a.filter) : undefined;
const gen: GenOptions = {
  ...DEFAULT_GEN,
  maxVlen: Number(a['max-vlen'] ?? Math.max(...vlens)),
  vstartRate: a['vstart-rate'] !== undefined ? Number(a['vstart-rate']) : DEFAULT_GEN.vstartRate,
  maxItems: a.items !== undefined ? Number(a.items) : DEFAULT_GEN.maxItems,
  ...(filterRe ? { filter: (n: string) => filterRe.test(n) } : {}),
  ...(a.fp ? { fp: true } : {}),
};
const catalog = a.fp ? FP_CATALOG : CATALOG;
const policy = a.policy as Policy;
if (policy !== 'undisturbed' && policy !== 'ones') { console.error('fuzz-rvv: --policy is undisturbed or ones'); process.exit(2); }
if (policy === 'ones') gen.onesPolicy = true;
/** --translated: rvemu runs every block translated before it first runs (the vector fast paths). */
const engine = a.translated ? { jitThreshold: 0 } : undefined;
const dir = mkdtempSync(join(tmpdir(), 'rvemu-fuzz-rvv-'));

async function main(): Promise<number> {
  if (a['write-corpus']) return (await writeCorpus(qemu!, dir, a.fp ? FP_CORPUS : INT_CORPUS)) ? 1 : 0;
  if (a.reserved) {
    const rs = await probeReserved(qemu!, dir, vlens[0]);
    const t = (x: number): string => (x === 132 ? 'illegal' : x === 0 ? 'executes' : `exit ${x}`);
    for (const r of rs) console.log(`${r.qemu === r.rvemu ? 'same' : 'DIFF'}  qemu ${t(r.qemu).padEnd(8)} rvemu ${t(r.rvemu).padEnd(8)} ${r.pre !== undefined ? `${r.pre}; ` : ''}${r.insn}  (${r.vtype})`);
    return 0;
  }
  if (a.only !== undefined) {
    const seq = genSequence(seed, Number(a.only), gen);
    let bad = 0;
    for (const vlen of vlens) {
      const m = await shrink(qemu!, dir, { seed, first: seq.index, count: 1, gen, policy, engine }, seq, vlen);
      if (m.item === undefined && m.report.includes('every record')) console.log(`sequence ${seq.index} of seed ${seed} matches at VLEN ${vlen}`);
      else { console.log(m.report); bad++; }
    }
    return bad ? 1 : 0;
  }
  const target = Number(a.count), seqs = Number(a.seqs);
  const total = new Map<number, number>(vlens.map((v) => [v, 0]));
  const fpTotal = new Map<number, number>(vlens.map((v) => [v, 0]));
  const seqTotal = new Map<number, number>(vlens.map((v) => [v, 0]));
  const names = new Map<string, number>();
  const mismatches: Mismatch[] = [];
  const t0 = Date.now();
  let programs = 0;
  const goal = a.fp ? fpTotal : total;
  for (let p = 0; Math.min(...goal.values()) < target; p++) {
    const ps = sequenceSeed(seed, 1_000_000 + p);
    const r = await compareProgram(qemu!, dir, { seed: ps, first: 0, count: seqs, gen, policy, engine }, vlens);
    programs++;
    for (const v of vlens) {
      total.set(v, total.get(v)! + (r.compared.get(v) ?? 0)); seqTotal.set(v, seqTotal.get(v)! + (r.sequencesCompared.get(v) ?? 0));
      fpTotal.set(v, fpTotal.get(v)! + (r.comparedFp.get(v) ?? 0));
    }
    for (const [n, c] of r.names) names.set(n, (names.get(n) ?? 0) + c);
    for (const m of r.mismatches) { console.log(m.report); mismatches.push(m); }
    if (vlens.every((v) => (r.sequencesCompared.get(v) ?? 0) === 0)) {
      console.log(`program ${p}: nothing could be compared; stopping`);
      break;
    }
    const secs = ((Date.now() - t0) / 1000).toFixed(0);
    const fpText = (m: Map<number, number>, v: number): string => (a.fp ? ` (FP ${m.get(v)})` : '');
    console.log(`program ${p} (seed ${ps}): ${vlens.map((v) => `VLEN ${v} ${r.compared.get(v)}${fpText(r.comparedFp, v)}`).join(', ')}; totals ${vlens.map((v) => `${v}: ${total.get(v)}${fpText(fpTotal, v)}`).join(', ')} [${secs}s]${r.mismatches.length ? ` ${r.mismatches.length} MISMATCH(ES)` : ''}`);
  }
  const covered = catalog.filter((e) => names.has(e.name)).length;
  const missing = catalog.filter((e) => !names.has(e.name) && (!filterRe || filterRe.test(e.name))).map((e) => e.name);
  console.log(`\nrun seed ${seed}: ${programs} programs; vector instructions compared: ${vlens.map((v) => `VLEN ${v}: ${total.get(v)}${a.fp ? `, ${fpTotal.get(v)} of them FP` : ''} (${seqTotal.get(v)} sequences)`).join('; ')}`);
  const notReached = missing.length > 40 ? `; ${missing.length} not reached (a longer run reaches them)` : missing.length ? `; not reached: ${missing.join(' ')}` : '';
  console.log(`${a.fp ? 'FP ' : ''}mnemonics exercised: ${covered} of ${catalog.length}${notReached}`);
  if (a.fp) {
    const pairs = catalog.flatMap((e) => e.sews!.map((w) => `${e.name}@${w}`)).filter((k) => !filterRe || filterRe.test(k.split('@')[0]));
    const notAt = pairs.filter((k) => !names.has(k));
    const bySew = [8, 16, 32, 64].map((w) => `e${w}: ${[...names].filter(([k]) => k.endsWith(`@${w}`)).reduce((x, [, c]) => x + c, 0)}`).join(', ');
    console.log(`FP mnemonic x SEW combinations exercised: ${pairs.length - notAt.length} of ${pairs.length}${notAt.length && notAt.length <= 40 ? ` (not reached: ${notAt.join(' ')})` : ''}; FP instructions by SEW (VLEN ${vlens[0]}): ${bySew}`);
  }
  if (mismatches.length) {
    const by = new Map<string, number>();
    for (const m of mismatches) by.set(m.name ?? '(not narrowed down)', (by.get(m.name ?? '(not narrowed down)') ?? 0) + 1);
    console.log(`${mismatches.length} mismatch(es), by first differing instruction: ${[...by].map(([n, c]) => `${n} ${c}`).join(', ')}`);
  } else console.log('no mismatches');
  return mismatches.length ? 1 : 0;
}

const status = await main();
if (!a.keep) rmSync(dir, { recursive: true, force: true }); else console.log(`work directory: ${dir}`);
process.exit(status);
