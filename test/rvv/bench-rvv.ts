// Throughput of a few vector instructions through their decoded exec functions, the way the engine calls
// them (a block of decoded instructions run in a loop). Prints element operations per second.
//
//   npx vite-node test/rvv/bench-rvv.ts [vlen] [label prefix]
// (numbers are several times better when run from compiled JavaScript than under vite-node)
import { Hart } from '../../src/isa/hart.js';
import type { Decoded, Ext } from '../../src/isa/spec.js';
import { AddressSpace } from '../../src/mem/address-space.js';
import { attachVector, decodeVector } from '../../src/rvv/index.js';
import { enc } from './encode.js';

const V: ReadonlySet<Ext> = new Set<Ext>(['I', 'M', 'A', 'F', 'D', 'C', 'V']);
const vlen = Number(process.argv[2] ?? 256);
const only = process.argv[3];
const env = { ecall() {}, ebreak() {}, flushCode() {} };

function bench(label: string, sew: number, lmulLog: number, words: number[], setup?: (h: Hart) => void): void {
  if (only !== undefined && !label.startsWith(only)) return;
  const mem = new AddressSpace();
  mem.map(0x10000, 0x10000, 3);
  const h = new Hart(mem, env);
  const v = attachVector(h, { vlen });
  for (let i = 0; i < v.u32.length; i++) v.u32[i] = Math.imul(i, 2654435761);
  h.setBig(10, 0x10000n); h.setBig(11, 3n);
  const zimm = (Math.log2(sew / 8) << 3) | (lmulLog < 0 ? 8 + lmulLog : lmulLog);
  h.setBig(5, 1n << 20n);
  const cfg = decodeVector(enc('vsetvli', { vd: 6, rs1: 5, zimm }), 0, V)!;
  cfg.exec(h, cfg);
  setup?.(h);
  const block: Decoded[] = words.map((w, i) => { const d = decodeVector(w, 0x1000 + 4 * i, V)!; d.index = i; return d; });
  const n = block.length, vl = v.vl;
  const run = (iters: number): void => {
    for (let k = 0; k < iters; k++) for (let i = 0; i < n; i++) { const d = block[i]; d.exec(h, d); }
  };
  // CPU time (not wall time), best of several rounds: the machine may be shared.
  const cpuMs = (): number => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  run(20000);
  let iters = 20000, t = Infinity;
  for (;;) {
    const t0 = cpuMs();
    run(iters);
    if (cpuMs() - t0 > 150) break;
    iters *= 2;
  }
  for (let round = 0; round < 5; round++) {
    const t0 = cpuMs();
    run(iters);
    t = Math.min(t, cpuMs() - t0);
  }
  const insns = iters * n;
  console.log(`${label.padEnd(28)} vl=${String(vl).padStart(3)}  ${(insns / t / 1e3).toFixed(1).padStart(7)} M insn/s  ${(insns * vl / t / 1e3).toFixed(0).padStart(6)} M element-ops/s`);
}

const B = 16;
const rep = (f: (i: number) => number): number[] => Array.from({ length: B }, (_, i) => f(i));
console.log(`VLEN=${vlen}`);
bench('vadd.vv e32m1', 32, 0, rep((i) => enc('vadd.vv', { vd: 1 + (i % 8), vs2: 10, vs1: 11 })));
bench('vadd.vv e32m8', 32, 3, rep((i) => enc('vadd.vv', { vd: 8 * (1 + (i % 2)), vs2: 24, vs1: 24 })));
bench('vadd.vx e8m1', 8, 0, rep((i) => enc('vadd.vx', { vd: 1 + (i % 8), vs2: 10, rs1: 11 })));
bench('vadd.vv e32m1 masked', 32, 0, rep((i) => enc('vadd.vv', { vd: 1 + (i % 8), vs2: 10, vs1: 11, vm: 0 })));
bench('vadd.vv e64m1', 64, 0, rep((i) => enc('vadd.vv', { vd: 1 + (i % 8), vs2: 10, vs1: 11 })));
bench('vwmacc.vx e8m1', 8, 0, rep((i) => enc('vwmacc.vx', { vd: 2 * (1 + (i % 4)), vs2: 10, rs1: 11 })));
bench('vwmacc.vv e16m1', 16, 0, rep((i) => enc('vwmacc.vv', { vd: 2 * (1 + (i % 4)), vs2: 10, vs1: 11 })));
bench('vmacc.vv e32m1', 32, 0, rep((i) => enc('vmacc.vv', { vd: 1 + (i % 8), vs2: 10, vs1: 11 })));
bench('vmul.vv e32m1', 32, 0, rep((i) => enc('vmul.vv', { vd: 1 + (i % 8), vs2: 10, vs1: 11 })));
bench('vle8.v e8m1', 8, 0, rep((i) => enc('vle8.v', { vd: 1 + (i % 8), rs1: 10 })));
bench('vse32.v e32m1', 32, 0, rep((i) => enc('vse32.v', { vd: 1 + (i % 8), rs1: 10 })));
bench('vle32.v e32m8', 32, 3, rep((i) => enc('vle32.v', { vd: 8 * (1 + (i % 3)), rs1: 10 })));
bench('vlse32.v e32m1', 32, 0, rep((i) => enc('vlse32.v', { vd: 1 + (i % 8), rs1: 10, rs2: 11 })));
bench('vmseq.vi e8m1', 8, 0, rep((i) => enc('vmseq.vi', { vd: 1 + (i % 8), vs2: 10, imm: 0 })));
bench('vredsum.vs e32m1', 32, 0, rep((i) => enc('vredsum.vs', { vd: 1 + (i % 8), vs2: 10, vs1: 11 })));
bench('vfirst.m', 8, 0, rep(() => enc('vfirst.m', { vd: 12, vs2: 10 })));
bench('vsetvli', 32, 0, rep(() => enc('vsetvli', { vd: 12, rs1: 5, zimm: 0x10 })));
