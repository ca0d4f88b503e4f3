// Differential testing of the vector unit against QEMU (test/rvv-fuzz): the committed corpora (trace-mode
// programs with digests of QEMU's records at VLEN 128 and 256; corpus/ for the non-FP instructions,
// corpus-fp/ for the floating-point ones) always run; with qemu-riscv64 and the cross assembler present,
// QEMU's stored outputs are confirmed live and fixed-seed batches of fresh programs are compared too.
// `npm run fuzz:rvv [-- --fp]` runs as many as wanted.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InsnClass } from '../src/isa/spec.js';
import { VECTOR_SPECS } from '../src/rvv/encoding.js';
import { CATALOG, FP_CATALOG } from './rvv-fuzz/catalog.js';
import { CORPUS_DIR, CORPUS_VLENS, FP_CORPUS, compareToCorpus, digest, readManifest } from './rvv-fuzz/corpus.js';
import { compareProgram } from './rvv-fuzz/fuzz.js';
import { DEFAULT_GEN, genSequence } from './rvv-fuzz/gen.js';
import { splitRecords } from './rvv-fuzz/report.js';
import { findOracle, haveAssembler, runQemu, runRvemu } from './rvv-fuzz/tools.js';

const qemu = findOracle();
const live = qemu !== undefined && haveAssembler();
const manifest = readManifest();
const fpManifest = readManifest(FP_CORPUS);

describe('rvv-fuzz generator', () => {
  it('has a generator for every non-FP vector instruction', () => {
    const names = VECTOR_SPECS.filter((s) => s.cls !== InsnClass.VFp).map((s) => s.name).sort();
    expect(CATALOG.map((e) => e.name).sort()).toEqual(names);
  });

  it('the corpus exercises every one of them', () => {
    const seen = new Set<string>();
    for (const p of manifest.programs) for (const s of p.sequences) for (const it of s) for (const l of it) if (l.startsWith('> ')) seen.add(l.slice(2).split(' ')[0]);
    expect(CATALOG.filter((e) => !seen.has(e.name)).map((e) => e.name)).toEqual([]);
  });

  it('is deterministic per (seed, sequence)', () => {
    const a = genSequence(7, 3, DEFAULT_GEN), b = genSequence(7, 3, DEFAULT_GEN);
    expect(a.items.map((i) => [...i.setup, i.insn])).toEqual(b.items.map((i) => [...i.setup, i.insn]));
    const fa = genSequence(7, 3, { ...DEFAULT_GEN, fp: true }), fb = genSequence(7, 3, { ...DEFAULT_GEN, fp: true });
    expect(fa.items.map((i) => [...i.setup, i.insn, ...(i.data ?? []).map((t) => Buffer.from(t.bytes).toString('hex'))]))
      .toEqual(fb.items.map((i) => [...i.setup, i.insn, ...(i.data ?? []).map((t) => Buffer.from(t.bytes).toString('hex'))]));
  });

  it('has a generator for every FP vector instruction', () => {
    const names = VECTOR_SPECS.filter((s) => s.cls === InsnClass.VFp).map((s) => s.name).sort();
    expect(FP_CATALOG.map((e) => e.name).sort()).toEqual(names);
  });

  it('the FP corpus runs every one of them at every SEW it is defined at (16 with Zvfh, 32, 64)', () => {
    const seen = new Set(fpManifest.programs.flatMap((p) => p.covered ?? []));
    const want = FP_CATALOG.flatMap((e) => e.sews!.map((w) => `${e.name}@${w}`));
    expect(want.filter((k) => !seen.has(k))).toEqual([]);
  });
});

const corpora = [{ dir: CORPUS_DIR, m: manifest, what: '' }, { dir: FP_CORPUS.dir, m: fpManifest, what: 'FP ' }];

describe('rvv-fuzz corpus: rvemu matches the stored QEMU records', () => {
  for (const { dir, m, what } of corpora) for (const p of m.programs) {
    for (const vlen of CORPUS_VLENS) {
      it(`${what}${p.file} (${p.insns} instructions) at VLEN ${vlen}`, async () => {
        const elf = join(dir, p.file);
        const e = await runRvemu(elf, vlen);
        let report = compareToCorpus(p, vlen, e);
        if (report !== undefined && qemu !== undefined) report = compareToCorpus(p, vlen, e, await runQemu(qemu, elf, vlen));
        expect(report, report).toBeUndefined();
        // Again with every block translated before it first runs: the translator's vector fast paths.
        const t = await runRvemu(elf, vlen, 'undisturbed', { jitThreshold: 0 });
        const treport = compareToCorpus(p, vlen, t);
        expect(treport, `translated: ${treport}`).toBeUndefined();
      }, 60_000);
    }
  }
});

describe.skipIf(qemu === undefined)('rvv-fuzz corpus: QEMU still produces the stored records', () => {
  for (const { dir, m, what } of corpora) for (const p of m.programs) {
    it(`${what}${p.file}`, async () => {
      for (const vlen of CORPUS_VLENS) {
        const q = await runQemu(qemu!, join(dir, p.file), vlen);
        expect(q.exit, q.message).toBe(p.exit[vlen]);
        expect(splitRecords(q.stdout, vlen, p.fp === true).map(digest)).toEqual(p.digests[vlen]);
      }
    }, 60_000);
  }
});

describe.skipIf(!live)('rvv-fuzz: fresh programs from a fixed seed, rvemu vs QEMU at VLEN 128 and 256', () => {
  // Made on first use: a skipped suite still runs this body but not its hooks.
  let dir: string | undefined;
  afterAll(() => { if (dir !== undefined) rmSync(dir, { recursive: true, force: true }); });
  for (const seed of [0x1001, 0x1002, 0x1003]) {
    it(`seed ${seed}: 60 sequences`, async () => {
      dir ??= mkdtempSync(join(tmpdir(), 'rvemu-rvv-fuzz-test-'));
      const r = await compareProgram(qemu!, dir, { seed, first: 0, count: 60, gen: { ...DEFAULT_GEN, maxVlen: 256 }, engine: seed === 0x1003 ? { jitThreshold: 0 } : undefined }, [128, 256]);
      const reports = r.mismatches.map((m) => m.report).join('\n\n');
      expect(reports).toBe('');
      expect(r.sequencesCompared.get(128)).toBe(60);
      expect(r.sequencesCompared.get(256)).toBe(60);
    }, 120_000);
  }
  for (const seed of [0xf001, 0xf002]) {
    it(`FP, seed ${seed}: 60 sequences`, async () => {
      dir ??= mkdtempSync(join(tmpdir(), 'rvemu-rvv-fuzz-test-'));
      const r = await compareProgram(qemu!, dir, { seed, first: 0, count: 60, gen: { ...DEFAULT_GEN, maxVlen: 256, fp: true }, engine: seed === 0xf002 ? { jitThreshold: 0 } : undefined }, [128, 256]);
      const reports = r.mismatches.map((m) => m.report).join('\n\n');
      expect(reports).toBe('');
      expect(r.sequencesCompared.get(128)).toBe(60);
      expect(r.sequencesCompared.get(256)).toBe(60);
      expect(r.comparedFp.get(128)).toBeGreaterThan(200);
    }, 120_000);
  }
});
