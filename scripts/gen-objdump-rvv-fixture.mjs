// Generates test/rvv/fixtures/objdump-rvv.json: vector instruction words (OP-V, and the vector forms of
// LOAD-FP/STORE-FP) and the text GNU objdump prints for each. The words are drawn from the encoding space
// itself (every funct3/funct6/vm combination with random and edge operands, every vtype immediate, every
// memory-op shape), not from our table, so the fixture also tells which words objdump does not know
// (printed as ".4byte 0x...").
//
//   node scripts/gen-objdump-rvv-fixture.mjs
//
// Needs riscv64-linux-gnu-as/objdump with RVV 1.0 (binutils 2.40 was used).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = join(ROOT, 'test/rvv/fixtures/objdump-rvv.json');
const tmp = mkdtempSync(join(tmpdir(), 'rvemu-rvv-objdump-'));

let seed = 0x1234567;
function rand32() { seed ^= seed << 13; seed ^= seed >>> 17; seed ^= seed << 5; return seed >>> 0; }
const rnd = (n) => rand32() % n;

const words = [];
const seen = new Set();
const add = (w) => { w >>>= 0; if (!seen.has(w)) { seen.add(w); words.push(w); } };

const OPV = 0x57, LOADFP = 0x07, STOREFP = 0x27;
const opv = (f6, vm, vs2, vs1, f3, vd) => ((f6 << 26) | (vm << 25) | (vs2 << 20) | (vs1 << 15) | (f3 << 12) | (vd << 7) | OPV) >>> 0;

// Unary groups, where the vs1/rs2 field selects the operation: enumerate it fully.
const UNARY = new Set(['2:16', '2:18', '2:20', '6:16', '1:16', '1:18', '1:19', '5:16']);
for (let f3 = 0; f3 < 7; f3++) {
  for (let f6 = 0; f6 < 64; f6++) {
    for (let vm = 0; vm < 2; vm++) {
      const r = () => rnd(32);
      if (UNARY.has(`${f3}:${f6}`)) {
        for (let vs1 = 0; vs1 < 32; vs1++) { add(opv(f6, vm, r(), vs1, f3, r())); add(opv(f6, vm, 0, vs1, f3, r())); }
        // The scalar-source unary forms (vmv.s.x, vfmv.s.f) use rs1 and require vs2=0.
        for (let i = 0; i < 4; i++) add(opv(f6, vm, 0, r(), f3, r()));
        continue;
      }
      for (let i = 0; i < 3; i++) add(opv(f6, vm, r(), r(), f3, r()));
      const a = r(), b = r();
      add(opv(f6, vm, 0, r(), f3, r()));            // vs2 = 0 (vmv.v.*, vfmv.v.f)
      add(opv(f6, vm, r(), 0, f3, r()));            // rs1 = x0 / vs1 = v0
      add(opv(f6, vm, a, a, f3, r()));              // vs1 = vs2 (vmmv/vmnot, vfabs/vfneg)
      add(opv(f6, vm, a, a, f3, a));                // vd = vs1 = vs2 (vmclr/vmset)
      add(opv(f6, vm, a, 31, f3, b));               // simm5 = -1 (vnot)
      add(opv(f6, vm, a, 0, f3, 0));                // vd = v0
      add(opv(f6, vm, a, 15, f3, b)); add(opv(f6, vm, a, 16, f3, b)); add(opv(f6, vm, a, 1, f3, b));
      add(opv(f6, vm, a, 7, f3, b)); add(opv(f6, vm, b, 3, f3, a));
    }
  }
}

// Configuration: every vtype byte with vsetvli (and a few rd/rs1 shapes), reserved bits, vsetivli, vsetvl.
const cfg = (hi12, rs1, rd) => ((hi12 << 20) | (rs1 << 15) | (7 << 12) | (rd << 7) | OPV) >>> 0;
for (let z = 0; z < 256; z++) add(cfg(z, rnd(32), rnd(32)));
for (const z of [0x0d0, 0x008, 0x0c0, 0x051]) for (const [rs1, rd] of [[0, 0], [0, 10], [10, 0], [11, 10]]) add(cfg(z, rs1, rd));
for (const z of [0x100, 0x200, 0x400, 0x7ff, 0x4d0, 0x1d0]) add(cfg(z, rnd(32), rnd(32)));
for (let i = 0; i < 64; i++) add(cfg((0xc00 | rnd(1024)) >>> 0, rnd(32), rnd(32)));         // vsetivli
for (const z of [0xcd0, 0xc08, 0xc00, 0xe00, 0xd00, 0xcff]) add(cfg(z, rnd(32), rnd(32)));
for (let i = 0; i < 16; i++) add(cfg(0x800 | rnd(32), rnd(32), rnd(32)));                  // vsetvl
for (const hi of [0x800, 0x820, 0x840, 0xfe0, 0x81f]) add(cfg(hi | rnd(32), rnd(32), rnd(32)));

// Loads and stores: every width (vector widths 0,5,6,7, and the scalar ones to see they stay scalar),
// mop, mew, nf and vm; the unit-stride lumop values; random and zero registers.
const mem = (op, nf, mew, mop, vm, rs2, rs1, width, vd) =>
  ((nf << 29) | (mew << 28) | (mop << 26) | (vm << 25) | (rs2 << 20) | (rs1 << 15) | (width << 12) | (vd << 7) | op) >>> 0;
for (const op of [LOADFP, STOREFP]) {
  for (const width of [0, 5, 6, 7, 1, 2, 3, 4]) {
    for (let mop = 0; mop < 4; mop++) {
      for (let nf = 0; nf < 8; nf++) {
        for (let mew = 0; mew < 2; mew++) {
          for (let vm = 0; vm < 2; vm++) {
            const lumops = mop === 0 ? [0, 8, 11, 16, 1 + rnd(7), 17 + rnd(15)] : [rnd(32), 0];
            for (const l of lumops) add(mem(op, nf, mew, mop, vm, l, rnd(32), width, rnd(32)));
            if (mop === 0) add(mem(op, nf, mew, mop, vm, 0, 0, width, 0));
          }
        }
      }
    }
  }
}

const hex = (w) => w.toString(16).padStart(8, '0');
const src = join(tmp, 'v.s'), obj = join(tmp, 'v.o');
writeFileSync(src, words.map((w) => `.insn 0x${hex(w)}`).join('\n') + '\n');
execFileSync('riscv64-linux-gnu-as', ['-march=rv64gcv', src, '-o', obj]);
const out = execFileSync('riscv64-linux-gnu-objdump', ['-d', obj], { maxBuffer: 1 << 28 }).toString();
const byPc = new Map();
for (const line of out.split('\n')) {
  const m = /^\s*([0-9a-f]+):\s*([0-9a-f]+)\s*\t(.*)$/.exec(line);
  if (m !== null) byPc.set(parseInt(m[1], 16), m[3].trimEnd());
}
// Every word objdump names is kept; of the others (reserved encodings, and scalar FP loads/stores that
// only check the vector decoder leaves them alone) a fixed quarter, which is plenty to catch overreach.
const rows = [];
words.forEach((w, i) => {
  const t = byPc.get(i * 4);
  if (t === undefined) throw new Error(`no disassembly for ${hex(w)}`);
  const named = !t.startsWith('.4byte') && !/^f[ls][whdq]\t/.test(t);
  if (named || rand32() % 4 === 0) rows.push(`[${JSON.stringify(hex(w))},${JSON.stringify(t)}]`);
});
rmSync(tmp, { recursive: true, force: true });
mkdirSync(dirname(OUT), { recursive: true });
const tool = execFileSync('riscv64-linux-gnu-objdump', ['--version']).toString().split('\n')[0];
writeFileSync(OUT, `{"tool":${JSON.stringify(tool)},"march":"rv64gcv","insns":[\n${rows.join(',\n')}\n]}\n`);
console.log(`wrote ${rows.length} instructions to ${OUT}`);
