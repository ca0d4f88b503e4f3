// Generates test/isa/fixtures/objdump.json: instruction words drawn from our encoding tables (random operand
// bits plus edge values for every entry) and the text GNU objdump prints for each. The test compares our
// disassembler with these pairs without needing the toolchain.
//
//   scripts/gen-objdump-fixture.sh            (= npx vite-node scripts/gen-objdump-fixture.ts; writes the fixture)
//   scripts/gen-objdump-fixture.sh --full-c   (also writes objdump's text for every 16-bit word to a
//                                             temporary file, same [pc, hex, text] rows, for a full comparison)
//
// Needs riscv64-linux-gnu-as/objdump (binutils 2.40 was used). GNU 2.40 does not know Zicond; those entries
// come from llvm-objdump (its ", " operand separator normalised to GNU's ",").
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { SCALAR_TABLE } from '../src/isa/encoding.js';
import { COMPRESSED_TABLE, claims } from '../src/isa/compressed.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/isa/fixtures/objdump.json');
const MARCH = 'rv64gc_zba_zbb_zbs_zifencei_zicsr';
const tmp = mkdtempSync(join(tmpdir(), 'rvemu-objdump-'));

let seed = 0x2545f491;
function rand32(): number {
  seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5;
  return seed >>> 0;
}

const setField = (w: number, lo: number, width: number, v: number): number => {
  const m = ((2 ** width - 1) * 2 ** lo) >>> 0;
  return ((w & ~m) | ((v * 2 ** lo) & m)) >>> 0;
};

/** Variants that hit the aliases objdump prints (zero registers, equal registers, special immediates...). */
const VARIANTS32: ((w: number) => number)[] = [
  (w) => setField(w, 7, 5, 0), (w) => setField(w, 15, 5, 0), (w) => setField(w, 20, 5, 0),
  (w) => setField(w, 20, 5, (w >>> 15) & 31), (w) => setField(w, 7, 5, (w >>> 15) & 31),
  (w) => setField(w, 7, 5, 1), (w) => setField(w, 15, 5, 1), (w) => setField(w, 15, 5, 2),
  (w) => setField(w, 20, 12, 0), (w) => setField(w, 20, 12, 1), (w) => setField(w, 20, 12, 0xfff),
  (w) => setField(w, 20, 12, 0xff), (w) => setField(w, 20, 12, 0x800), (w) => setField(w, 25, 7, 0),
  (w) => setField(setField(w, 25, 7, 0), 7, 5, 0), (w) => setField(setField(w, 7, 5, 0), 15, 5, 0),
  (w) => setField(setField(w, 20, 12, 0), 7, 5, 0), (w) => setField(setField(w, 20, 12, 0), 7, 5, 1),
  (w) => setField(setField(w, 20, 12, 0), 15, 5, 0), (w) => setField(setField(w, 20, 5, 0), 15, 5, 0),
  (w) => setField(w, 12, 3, 7), (w) => setField(w, 12, 3, 0), (w) => setField(w, 12, 3, 1),
  (w) => setField(w, 12, 3, 2), (w) => setField(w, 12, 3, 3), (w) => setField(w, 12, 3, 4),
  (w) => setField(w, 12, 3, 5), (w) => setField(w, 12, 3, 6), (w) => setField(w, 25, 2, 3),
  (w) => setField(w, 25, 2, 0), (w) => setField(w, 25, 2, 2), (w) => setField(w, 20, 8, 0x33),
  (w) => setField(w, 20, 8, 0xff), (w) => setField(setField(w, 20, 12, 0x833), 15, 5, 0),
  (w) => setField(w, 20, 8, 0x13), (w) => setField(setField(w, 20, 8, 0x10), 28, 4, 0),
];
const CSR_SAMPLES = [0x001, 0x002, 0x003, 0xc00, 0xc01, 0xc02, 0xc20, 0xc21, 0xc22, 0x008, 0x009, 0x00f, 0x7c0, 0xfff, 0x100, 0x300];

const VARIANTS16: ((c: number) => number)[] = [
  (c) => setField(c, 7, 5, 0), (c) => setField(c, 2, 5, 0), (c) => setField(c, 7, 5, 2), (c) => setField(c, 7, 5, 1),
  (c) => setField(setField(c, 12, 1, 0), 2, 5, 0), (c) => setField(setField(c, 12, 1, 1), 2, 5, 0),
  (c) => setField(setField(c, 12, 1, 0), 2, 5, 31), (c) => setField(c, 5, 8, 0), (c) => setField(c, 2, 11, 0),
  (c) => setField(c, 2, 11, 0x7ff), (c) => setField(c, 7, 3, 0), (c) => setField(c, 2, 3, 0),
  (c) => setField(setField(c, 7, 5, 0), 2, 5, 0),
];

interface Item { w: number; len: number; zicond: boolean }
const items: Item[] = [];
const seen = new Set<string>();
const add = (w: number, len: number, zicond = false): void => {
  const k = `${len}:${w}`;
  if (seen.has(k)) return;
  seen.add(k); items.push({ w: w >>> 0, len, zicond });
};

for (const s of SCALAR_TABLE) {
  const free = ~s.mask >>> 0;
  const mk = (r: number): number => ((s.match | (r & free)) >>> 0);
  const zc = s.ext === 'Zicond';
  for (let i = 0; i < 4; i++) add(mk(rand32()), 4, zc);
  for (const v of VARIANTS32) add(mk(v(mk(rand32()))), 4, zc);
  if (s.format === 'CSR' || s.format === 'CSRI') {
    for (const csr of CSR_SAMPLES) {
      add(mk(setField(rand32(), 20, 12, csr)), 4);
      add(mk(setField(setField(rand32(), 20, 12, csr), 15, 5, 0)), 4);
      add(mk(setField(setField(rand32(), 20, 12, csr), 7, 5, 0)), 4);
    }
  }
}
// Fences: objdump names only fm=0 with rd=rs1=0 (and the one fence.tso encoding).
for (let i = 0; i < 24; i++) add(((rand32() & 0x0ff00000) | 0x0f) >>> 0, 4);
for (const w of [0x0ff0000f, 0x0000000f, 0x8330000f, 0x8000000f, 0x8ff0000f, 0x0330008f, 0x0330800f, 0x0100000f, 0x0000100f]) add(w, 4);

for (const s of COMPRESSED_TABLE) {
  const pick = (r: number): number | undefined => {
    const c = ((s.match | (r & ~s.mask)) & 0xffff) >>> 0;
    return claims(s, c) ? c : undefined;
  };
  for (let i = 0; i < 16; i++) { const c = pick(rand32()); if (c !== undefined) add(c, 2); }
  for (const v of VARIANTS16) { const c = pick(v(rand32() & 0xffff)); if (c !== undefined) add(c, 2); }
}

function assemble(name: string, lines: string[]): string {
  const src = join(tmp, `${name}.s`), obj = join(tmp, `${name}.o`);
  writeFileSync(src, lines.join('\n') + '\n');
  execFileSync('riscv64-linux-gnu-as', [`-march=${MARCH}`, src, '-o', obj]);
  return obj;
}

/** address -> instruction text, from objdump -d output (tab-separated: address, bytes, text). */
function disassembleObj(cmd: string, args: string[]): Map<number, string> {
  const out = execFileSync(cmd, args, { maxBuffer: 1 << 28 }).toString();
  const map = new Map<number, string>();
  for (const line of out.split('\n')) {
    const m = /^\s*([0-9a-f]+):\s*([0-9a-f]+(?: [0-9a-f]+)*)\s*\t(.*)$/.exec(line);
    if (m === null) continue;
    map.set(parseInt(m[1], 16), m[3].replace(/\s+<[^>]*>$/, '').trimEnd());
  }
  return map;
}

const hex = (w: number, len: number): string => w.toString(16).padStart(len * 2, '0');

/**
 * objdump remembers the value lui/auipc put in a register and annotates a later use of that register as a
 * base with the computed address. Our disassembler sees one instruction at a time, so after each of those
 * a filler load through the same register (not recorded) uses the remembered value up.
 */
function setsBase(it: Item): number {
  if (it.len === 4) {
    const op = it.w & 0x7f;
    return op === 0x37 || op === 0x17 ? (it.w >>> 7) & 31 : 0;
  }
  const rd = (it.w >>> 7) & 31;
  return (it.w & 0xe003) === 0x6001 && rd !== 2 ? rd : 0;
}

function objdumpTexts(list: Item[], name: string): { pc: number; text: string }[] {
  const lines: string[] = [], pcs: number[] = [];
  let pc = 0;
  for (const it of list) {
    pcs.push(pc);
    lines.push(`.insn 0x${hex(it.w, it.len)}`);
    pc += it.len;
    const r = setsBase(it);
    if (r !== 0) { lines.push(`.insn 0x${hex(((r << 15) | 0x03) >>> 0, 4)}`); pc += 4; }
  }
  const obj = assemble(name, lines);
  const gnu = disassembleObj('riscv64-linux-gnu-objdump', ['-d', obj]);
  const llvm = list.some((it) => it.zicond)
    ? disassembleObj('llvm-objdump-19', ['-d', '--mattr=+zicond', obj]) : new Map<number, string>();
  return list.map((it, i) => {
    const at = pcs[i];
    let text = it.zicond ? llvm.get(at) : gnu.get(at);
    if (text === undefined) throw new Error(`no disassembly at ${at} for ${hex(it.w, it.len)}`);
    if (it.zicond) text = text.replace(/^(\S+)\s+/, '$1\t').replace(/, /g, ',');
    return { pc: at, text };
  });
}

const texts = objdumpTexts(items, 'insns');

// CSR names objdump knows, from `csrr a0,<n>` for every CSR number.
const csrLines: string[] = [];
// csrrc a0,<n>,a1: the one CSR form without aliases that name the register differently.
for (let n = 0; n < 4096; n++) csrLines.push(`.insn 0x${hex(((n << 20) | (11 << 15) | (3 << 12) | (10 << 7) | 0x73) >>> 0, 4)}`);
const csrDis = disassembleObj('riscv64-linux-gnu-objdump', ['-d', assemble('csrs', csrLines)]);
const csrNames: Record<string, string> = {};
for (let n = 0; n < 4096; n++) {
  const t = csrDis.get(n * 4) ?? '';
  const m = /^csrrc\ta0,(\S+),a1$/.exec(t);
  if (m !== null && !m[1].startsWith('0x')) csrNames[n.toString(16)] = m[1];
}

const entries = items.map((it, i) => `  [${texts[i].pc}, "${hex(it.w, it.len)}", ${JSON.stringify(texts[i].text)}]`);
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, `{\n"tool": ${JSON.stringify(execFileSync('riscv64-linux-gnu-objdump', ['--version']).toString().split('\n')[0])},\n` +
  `"csrNames": ${JSON.stringify(csrNames)},\n"insns": [\n${entries.join(',\n')}\n]\n}\n`);
console.log(`wrote ${items.length} instructions and ${Object.keys(csrNames).length} CSR names to ${OUT}`);

if (process.argv.includes('--full-c')) {
  // Every 16-bit word: write "pc hex text" lines for a separate comparison run.
  const all: Item[] = [];
  for (let c = 0; c < 0x10000; c++) if ((c & 3) !== 3) all.push({ w: c, len: 2, zicond: false });
  const t = objdumpTexts(all, 'all16');
  const file = join(tmp, 'all16.json');
  writeFileSync(file, JSON.stringify(all.map((it, i) => [t[i].pc, hex(it.w, 2), t[i].text])));
  console.log(`all 16-bit words: ${file}`);
}
