// Encodings the RVV 1.0 spec reserves (section 5.2: a vector register read as sources of two different
// EEWs, a mask operand counting as EEW 1) that the generator never produces: one tiny program per case,
// run under QEMU and rvemu, reporting who raises illegal instruction (exit 132). The spec leaves reserved
// encodings unspecified, so a difference here is a choice, not a mismatch (DEVIATIONS.md, R1).
import { join } from 'node:path';
import { assemble, runQemu, runRvemu } from './tools.js';

export const RESERVED_CASES: readonly [vtype: string, insn: string][] = [
  ['e8, m1, ta, mu', 'vwmacc.vv v16, v17, v21'],          // vd (2*SEW, also a source) overlaps vs1 (SEW)
  ['e8, m1, ta, mu', 'vwmacc.vx v16, a0, v17'],
  ['e8, m1, ta, mu', 'vwadd.wv v2, v4, v5'],              // vs2 (2*SEW) overlaps vs1 (SEW)
  ['e8, m1, ta, mu', 'vnsrl.wv v1, v2, v3'],              // vs2 (2*SEW) overlaps vs1 (SEW)
  ['e8, m1, ta, mu', 'vrgatherei16.vv v1, v2, v2'],       // vs2 (SEW 8) and vs1 (EEW 16)
  ['e8, m1, ta, mu', 'vsuxei16.v v4, (sp), v4'],          // data (SEW) and index (EEW 16)
  ['e8, m1, ta, mu', 'vcompress.vm v1, v2, v2'],          // vs2 (SEW) and the mask vs1 (EEW 1)
  ['e8, m1, ta, mu', 'vadd.vv v1, v0, v2, v0.t'],         // v0 as vs2 (SEW) and as the mask (EEW 1)
  ['e8, m1, ta, mu', 'vadd.vx v1, v0, a0, v0.t'],
  ['e8, m1, ta, mu', 'vsmul.vv v1, v0, v2, v0.t'],
  ['e8, m1, ta, mu', 'vmerge.vvm v1, v0, v2, v0'],
  ['e8, m1, ta, mu', 'vslideup.vx v1, v0, a0, v0.t'],
  ['e8, m1, ta, mu', 'vrgather.vv v1, v0, v2, v0.t'],
  ['e16, m1, ta, mu', 'vzext.vf2 v1, v0, v0.t'],
  ['e8, m1, ta, mu', 'vwmacc.vv v2, v0, v1, v0.t'],
  ['e8, m1, ta, mu', 'vluxei8.v v1, (sp), v0, v0.t'],
  ['e8, m1, ta, mu', 'vmseq.vv v1, v0, v2, v0.t'],
  ['e8, m1, ta, mu', 'vmadc.vvm v1, v0, v2, v0'],
  ['e8, m1, ta, mu', 'vadc.vvm v1, v0, v2, v0'],
  ['e8, m1, ta, mu', 'vredsum.vs v1, v0, v2, v0.t'],
  ['e8, m1, ta, mu', 'vredsum.vs v1, v2, v0, v0.t'],
  ['e8, m1, ta, mu', 'vse8.v v0, (sp), v0.t'],
];

export interface ReservedResult { vtype: string; insn: string; qemu: number; rvemu: number }

export async function probeReserved(qemu: string, dir: string, vlen = 128): Promise<ReservedResult[]> {
  const out: ReservedResult[] = [];
  for (const [k, [vtype, insn]] of RESERVED_CASES.entries()) {
    const src = [
      '        .globl _start', '_start:', '        addi sp, sp, -1024', '        li a0, 3', '        li t0, 4',
      `        vsetvli t1, t0, ${vtype}`, `        ${insn}`, '        li a0, 0', '        li a7, 93', '        ecall', '',
    ].join('\n');
    const elf = join(dir, `reserved-${k}.elf`);
    assemble(src, elf);
    const [q, e] = await Promise.all([runQemu(qemu, elf, vlen), runRvemu(elf, vlen)]);
    out.push({ vtype, insn, qemu: q.exit, rvemu: e.exit });
  }
  return out;
}
