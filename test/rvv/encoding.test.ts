// The vector encoding table and disassembler against GNU objdump's output for ~20,000 words of the vector
// encoding space (test/rvv/fixtures/objdump-rvv.json, made by scripts/gen-objdump-rvv-fixture.mjs):
// a word decodes exactly when objdump names it, and prints as objdump prints it.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Decoded } from '../../src/isa/spec.js';
import { decodeVectorFields, lookupVector, VECTOR_SPECS } from '../../src/rvv/encoding.js';
import { disassembleVector } from '../../src/rvv/disasm.js';

const fixture = JSON.parse(readFileSync(new URL('./fixtures/objdump-rvv.json', import.meta.url), 'utf8')) as { insns: [string, string][] };
const noop = (): void => {};

describe('vector encoding table', () => {
  it('has unique names and non-overlapping entries', () => {
    const names = new Set<string>();
    for (const s of VECTOR_SPECS) { expect(names.has(s.name), s.name).toBe(false); names.add(s.name); }
    for (let i = 0; i < VECTOR_SPECS.length; i++) {
      for (let j = i + 1; j < VECTOR_SPECS.length; j++) {
        const a = VECTOR_SPECS[i], b = VECTOR_SPECS[j];
        const common = (a.mask & b.mask) >>> 0;
        if (((a.match & common) >>> 0) === ((b.match & common) >>> 0)) throw new Error(`${a.name} overlaps ${b.name}`);
      }
    }
  });

  it('decodes and prints every word as objdump does', () => {
    const bad: string[] = [];
    for (const [hex, text] of fixture.insns) {
      const w = parseInt(hex, 16) >>> 0;
      const s = lookupVector(w);
      const op = w & 0x7f, width = (w >>> 12) & 7;
      const scalar = (op === 0x07 || op === 0x27) && width >= 1 && width <= 4;
      if (scalar) { if (s !== undefined) bad.push(`${hex}: scalar word taken as ${s.name}`); continue; }
      if (text.startsWith('.4byte')) { if (s !== undefined) bad.push(`${hex}: objdump: ${text}, we: ${s.name}`); continue; }
      if (s === undefined) { bad.push(`${hex}: objdump: ${text}, we: nothing`); continue; }
      const d = new Decoded(s, noop); d.raw = w; d.len = 4;
      decodeVectorFields(w, d);
      const ours = disassembleVector(d);
      if (ours !== text) bad.push(`${hex}: objdump: ${text}  we: ${ours}`);
    }
    expect(bad.slice(0, 40)).toEqual([]);
  });

  it('names every mnemonic objdump uses in the fixture', () => {
    const seen = new Set(fixture.insns.map(([, t]) => t.split('\t')[0]));
    const ours = new Set(VECTOR_SPECS.map((s) => s.name));
    const aliases = new Set(['vnot.v', 'vneg.v', 'vmmv.m', 'vmnot.m', 'vmclr.m', 'vmset.m', 'vwcvt.x.x.v', 'vwcvtu.x.x.v',
      'vncvt.x.x.w', 'vfneg.v', 'vfabs.v', 'vl1r.v', 'vl2r.v', 'vl4r.v', 'vl8r.v', '.4byte', 'flw', 'fld', 'fsw', 'fsd', 'flh', 'fsh', 'flq', 'fsq']);
    const missing = [...seen].filter((n) => !ours.has(n) && !aliases.has(n));
    expect(missing).toEqual([]);
  });
});
