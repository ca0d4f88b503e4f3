// Cross-check of our encoding tables against the riscv-opcodes tables (read at test time from a checkout
// next to the repository; the test is skipped when there is none).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCALAR_TABLE } from '../../src/isa/encoding.js';
import { COMPRESSED_TABLE } from '../../src/isa/compressed.js';

const REF = fileURLToPath(new URL('../../../shared/reference/riscv-opcodes/', import.meta.url));
const EXT_DIR = join(REF, 'extensions');
const present = existsSync(EXT_DIR);

interface Def { name: string; mask: number; match: number; operands: string[]; pseudo: boolean; file: string }

const norm = (name: string): string => name.replace(/\./g, '_');

/** Parse the instruction lines of every RV64-relevant extension file (rv32-only files are left out). */
function loadDefs(): Map<string, Def[]> {
  const defs = new Map<string, Def[]>();
  for (const file of readdirSync(EXT_DIR)) {
    const path = join(EXT_DIR, file);
    if (!statSync(path).isFile() || file.startsWith('rv32_')) continue;
    for (const raw of readFileSync(path, 'utf8').split('\n')) {
      const line = raw.replace(/#.*/, '').trim();
      if (line === '') continue;
      let tokens = line.split(/\s+/);
      let pseudo = false;
      if (tokens[0] === '$pseudo_op') { pseudo = true; tokens = tokens.slice(2); }
      else if (tokens[0].startsWith('$')) continue;
      const [name, ...rest] = tokens;
      let mask = 0, match = 0;
      const operands: string[] = [];
      for (const t of rest) {
        const m = /^(\d+)(?:\.\.(\d+))?=(\w+)$/.exec(t);
        if (m !== null) {
          const hi = Number(m[1]), lo = m[2] === undefined ? hi : Number(m[2]);
          const width = hi - lo + 1;
          const bits = (width === 32 ? 0xffffffff : ((1 << width) - 1)) << lo;
          mask |= bits; match |= (Number(m[3]) << lo) & bits;
        } else if (!t.includes('=')) {
          operands.push(t);
        }
      }
      const d: Def = { name, mask: mask >>> 0, match: match >>> 0, operands, pseudo, file };
      const list = defs.get(norm(name));
      if (list === undefined) defs.set(norm(name), [d]); else list.push(d);
    }
  }
  return defs;
}

/** Operand name -> [hi, lo] bit range, from arg_lut.csv. */
function loadArgs(): Map<string, [number, number]> {
  const m = new Map<string, [number, number]>();
  for (const line of readFileSync(join(REF, 'arg_lut.csv'), 'utf8').split('\n')) {
    const f = /^"([^"]+)",\s*(\d+),\s*(\d+)/.exec(line);
    if (f !== null) m.set(f[1], [Number(f[2]), Number(f[3])]);
  }
  return m;
}

const hex = (v: number): string => `0x${(v >>> 0).toString(16)}`;

describe.skipIf(!present)(`riscv-opcodes cross-check (${present ? REF : `skipped: no riscv-opcodes at ${REF}`})`, () => {
  const defs = present ? loadDefs() : new Map<string, Def[]>();

  /** The definition for a name: a real one when there is one, else a pseudo-op (e.g. RV64's zext.h). */
  const find = (name: string): Def[] => {
    const all = defs.get(norm(name)) ?? [];
    const real = all.filter((d) => !d.pseudo);
    return real.length > 0 ? real : all;
  };

  it('has every 32-bit instruction with the same mask and match', () => {
    const problems: string[] = [];
    for (const s of SCALAR_TABLE) {
      const cands = find(s.name);
      if (cands.length === 0) { problems.push(`${s.name}: not in riscv-opcodes`); continue; }
      if (!cands.some((d) => d.mask === s.mask && d.match === s.match)) {
        problems.push(`${s.name}: ours ${hex(s.mask)}/${hex(s.match)}, theirs ${cands.map((d) => `${hex(d.mask)}/${hex(d.match)} (${d.file})`).join(', ')}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('has every compressed instruction with the same mask and match, and our exclusions among its operand constraints', () => {
    const args = loadArgs();
    const problems: string[] = [];
    for (const s of COMPRESSED_TABLE) {
      const cands = find(s.name).filter((d) => d.mask === s.mask && d.match === s.match);
      if (cands.length === 0) {
        problems.push(`${s.name}: ours ${hex(s.mask)}/${hex(s.match)}, theirs ${find(s.name).map((d) => `${hex(d.mask)}/${hex(d.match)}`).join(', ') || 'none'}`);
        continue;
      }
      for (const [field, value] of s.exclude ?? []) {
        const [hi, lo] = field === 'rd' ? [11, 7] : [6, 2];
        // Their operand over the same bits must forbid the value: "_n0" forbids 0, "_n2" forbids 0 and 2.
        const ok = cands.some((d) => d.operands.some((op) => {
          const r = args.get(op);
          if (r === undefined || r[0] !== hi || r[1] !== lo) return false;
          return (op.endsWith('_n0') && value === 0) || (op.endsWith('_n2') && (value === 0 || value === 2));
        }));
        if (!ok) problems.push(`${s.name}: excludes ${field}=${value}, which riscv-opcodes allows`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('agrees that no two of our 32-bit patterns overlap', () => {
    for (let i = 0; i < SCALAR_TABLE.length; i++) {
      for (let j = i + 1; j < SCALAR_TABLE.length; j++) {
        const a = SCALAR_TABLE[i], b = SCALAR_TABLE[j];
        expect(((a.mask & b.mask & (a.match ^ b.match)) >>> 0) !== 0, `${a.name}/${b.name}`).toBe(true);
      }
    }
  });
});
