// Encodings the RVV 1.0 spec reserves (section 5.2: a vector register read as sources of two different
// EEWs, a mask operand counting as EEW 1) that the generator never produces: one tiny program per case,
// run under QEMU and rvemu, reporting who raises illegal instruction (exit 132). The spec leaves reserved
// encodings unspecified, so a difference here is a choice, not a mismatch (DEVIATIONS.md, R1). The
// floating-point cases also include a reserved frm (5..7), with which every vector FP instruction is
// illegal (src/rvv/fp.ts).
import { join } from 'node:path';
import { assemble, runQemu, runRvemu } from './tools.js';

export const RESERVED_CASES: readonly [vtype: string, insn: string, pre?: string][] = [
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
  // Floating point.
  ['e32, m1, ta, mu', 'vfwmacc.vv v16, v17, v21'],       // vd (2*SEW, also a source) overlaps vs1 (SEW)
  ['e32, m1, ta, mu', 'vfwadd.wv v2, v4, v5'],           // vs2 (2*SEW) overlaps vs1 (SEW)
  ['e32, m1, ta, mu', 'vfwredusum.vs v1, v2, v2'],       // vs2 (SEW) and vs1 (2*SEW)
  ['e32, m1, ta, mu', 'vfadd.vv v1, v0, v2, v0.t'],      // v0 as vs2 (SEW) and as the mask
  ['e32, m1, ta, mu', 'vfadd.vf v1, v0, fa0, v0.t'],
  ['e32, m1, ta, mu', 'vfmacc.vv v1, v2, v0, v0.t'],
  ['e32, m1, ta, mu', 'vfcvt.f.x.v v1, v0, v0.t'],
  ['e32, m1, ta, mu', 'vfwcvt.f.f.v v2, v0, v0.t'],
  ['e32, m1, ta, mu', 'vfncvt.f.f.w v2, v0, v0.t'],
  ['e32, m1, ta, mu', 'vfmerge.vfm v1, v0, fa0, v0'],
  ['e32, m1, ta, mu', 'vfslide1down.vf v1, v0, fa0, v0.t'],
  ['e32, m1, ta, mu', 'vmfeq.vv v1, v0, v2, v0.t'],
  ['e32, m1, ta, mu', 'vfredusum.vs v1, v0, v2, v0.t'],
  ['e32, m1, ta, mu', 'vfredosum.vs v1, v2, v0, v0.t'],
  // A reserved rounding mode.
  ['e32, m1, ta, mu', 'vfadd.vv v1, v2, v3', 'csrwi frm, 5'],
  ['e16, m1, ta, mu', 'vfsqrt.v v1, v2', 'csrwi frm, 6'],
  ['e64, m1, ta, mu', 'vfsgnj.vv v1, v2, v3', 'csrwi frm, 7'],
  ['e32, m1, ta, mu', 'vfmv.v.f v1, fa0', 'csrwi frm, 5'],
  ['e32, m1, ta, mu', 'vfmv.f.s fa0, v1', 'csrwi frm, 5'],
  ['e32, m1, ta, mu', 'vfclass.v v1, v2', 'csrwi frm, 7'],
  ['e32, m1, ta, mu', 'vfncvt.rod.f.f.w v1, v2', 'csrwi frm, 5'],
  ['e32, m1, ta, mu', 'vfcvt.rtz.x.f.v v1, v2', 'csrwi frm, 5'],
  ['e32, m1, ta, mu', 'vfadd.vv v1, v2, v3', 'csrwi frm, 6; vsetivli t1, 0, e32, m1, ta, mu'],   // even with vl = 0
];

export interface ReservedResult { vtype: string; insn: string; pre?: string; qemu: number; rvemu: number }

export async function probeReserved(qemu: string, dir: string, vlen = 128): Promise<ReservedResult[]> {
  const out: ReservedResult[] = [];
  for (const [k, [vtype, insn, pre]] of RESERVED_CASES.entries()) {
    const src = [
      '        .globl _start', '_start:', '        addi sp, sp, -1024', '        li a0, 3', '        li t0, 4',
      `        vsetvli t1, t0, ${vtype}`, ...(pre !== undefined ? [`        ${pre}`] : []), `        ${insn}`,
      '        li a0, 0', '        li a7, 93', '        ecall', '',
    ].join('\n');
    const elf = join(dir, `reserved-${k}.elf`);
    assemble(src, elf);
    const [q, e] = await Promise.all([runQemu(qemu, elf, vlen), runRvemu(elf, vlen)]);
    out.push({ vtype, insn, ...(pre !== undefined ? { pre } : {}), qemu: q.exit, rvemu: e.exit });
  }
  return out;
}
