// vsetvli/vsetivli/vsetvl (AVL rules, vill), the vector CSRs through Zicsr, the hook into the scalar
// decoder and disassembler, and the illegal-instruction checks with their reasons.
import { describe, expect, it } from 'vitest';
import { IllegalInstruction } from '../../src/errors.js';
import { decode } from '../../src/isa/decode.js';
import { disassemble } from '../../src/isa/disasm.js';
import { Decoded, type Ext, X_SINK } from '../../src/isa/spec.js';
import { zicsr } from '../../src/isa/zicsr.js';
import { cloneVector, decodeVector, installVector } from '../../src/rvv/index.js';
import { enc, ENABLED, lmulCode, Rig, rng, SEWS, LMULS } from './helpers.js';

const MAX64 = (1n << 64n) - 1n;

describe('vsetvli / vsetivli / vsetvl', () => {
  it('vl = min(AVL, VLMAX) for every legal vtype, and vtype reads back', () => {
    for (const vlen of [128, 256, 1024]) {
      const rig = new Rig(vlen);
      for (const sew of SEWS) {
        for (const l of LMULS) {
          const legal = l >= 0 || sew <= 64 >> -l;
          const vlmax = Math.floor((vlen * 2 ** l) / sew);
          for (const ta of [0, 1]) {
            for (const ma of [0, 1]) {
              const zimm = (ma << 7) | (ta << 6) | (Math.log2(sew / 8) << 3) | lmulCode(l);
              for (const avl of [0n, 1n, BigInt(vlmax) - 1n, BigInt(vlmax), BigInt(vlmax) + 1n, 1n << 32n, MAX64]) {
                if (avl < 0n) continue;
                rig.h.setBig(5, avl);
                rig.v.vstart = 3;
                rig.run('vsetvli', { vd: 6, rs1: 5, zimm });
                const want = legal ? (avl < BigInt(vlmax) ? avl : BigInt(vlmax)) : 0n;
                expect(rig.h.getBig(6), `e${sew} l${l} avl ${avl}`).toBe(want);
                expect(rig.v.vl).toBe(Number(want));
                expect(rig.v.vstart).toBe(0);
                expect(rig.v.vill).toBe(!legal);
                expect(rig.v.vtype).toBe(legal ? zimm : 2 ** 63);
              }
            }
          }
        }
      }
    }
  });

  it('rs1 = x0: VLMAX when rd != x0, the current vl when rd = x0 as well', () => {
    const rig = new Rig(256);
    rig.vset(32, 0, 5);
    rig.run('vsetvli', { vd: 0, rs1: 0, zimm: 0x10 }); // e32,m1 -> keep vl
    expect(rig.v.vl).toBe(5);
    rig.run('vsetvli', { vd: 0, rs1: 0, zimm: 0x0f }); // e8,mf2: VLMAX 16 still >= 5
    expect(rig.v.vl).toBe(5);
    rig.run('vsetvli', { vd: 7, rs1: 0, zimm: 0x13 }); // e32,m8
    expect(rig.h.getBig(7)).toBe(64n);
    // rd = x0 with rs1 != x0 sets vl from the register and writes nothing.
    rig.h.setBig(5, 3n);
    rig.run('vsetvli', { vd: 0, rs1: 5, zimm: 0x10 });
    expect(rig.v.vl).toBe(3);
    expect(rig.h.getBig(0)).toBe(0n);
    expect(rig.h.x[X_SINK << 1]).toBe(3);
  });

  it('vsetivli takes a 5-bit AVL; reserved vtype bits and vsetvl values set vill', () => {
    const rig = new Rig(256);
    rig.run('vsetivli', { vd: 5, rs1: 31, zimm: 0xc0 | 0x0b }); // e16, m8
    expect(rig.h.getBig(5)).toBe(31n);
    rig.run('vsetivli', { vd: 5, rs1: 17, zimm: 0xc0 | 0x18 }); // e64, m1: VLMAX 4
    expect(rig.h.getBig(5)).toBe(4n);
    for (const zimm of [0x100, 0x200, 0x400, 0x20, 0x04, 0x1d]) {
      rig.h.setBig(9, 8n);
      rig.run('vsetvli', { vd: 5, rs1: 9, zimm });
      expect(rig.v.vill, `zimm ${zimm.toString(16)}`).toBe(true);
      expect(rig.h.getBig(5)).toBe(0n);
      expect(() => rig.run('vadd.vv', { vd: 1, vs2: 2, vs1: 3 })).toThrow(/vill/);
    }
    for (const [vt, ok] of [[0x10n, true], [1n << 63n, false], [0x110n, false], [(1n << 63n) | 0x10n, false], [1n << 40n, false], [0xd3n, true]] as const) {
      rig.h.setBig(9, 8n); rig.h.setBig(10, BigInt.asIntN(64, vt));
      rig.run('vsetvl', { vd: 5, rs1: 9, rs2: 10 });
      expect(rig.v.vill, `vtype ${vt.toString(16)}`).toBe(!ok);
      expect(rig.h.getBig(5)).toBe(ok ? 8n : 0n);
    }
  });
});

describe('vector CSRs', () => {
  installVector();
  const csr = (rig: Rig, name: string, num: number, f: { rd?: number; rs1?: number; imm?: number }): void => {
    const d = new Decoded({ name, mask: 0, match: 0, format: 'CSR', ext: 'Zicsr', cls: 0 } as never, zicsr[name]);
    d.csr = num; d.rd = f.rd === 0 ? X_SINK : (f.rd ?? 0); d.rs1 = f.rs1 ?? 0; d.imm = f.imm ?? 0; d.pc = 0x100; d.raw = 0x73; d.len = 4;
    d.exec(rig.h, d);
  };
  it('read vl, vtype, vlenb; write vstart, vxrm, vxsat, vcsr; vl/vtype/vlenb are read-only', () => {
    const rig = new Rig(512);
    csr(rig, 'csrrs', 0xc21, { rd: 5 });
    expect(rig.h.getBig(5)).toBe(-(1n << 63n)); // vill at reset
    rig.vset(16, 1, 9, 1, 0);
    csr(rig, 'csrrs', 0xc20, { rd: 5 }); expect(rig.h.getBig(5)).toBe(9n);
    csr(rig, 'csrrs', 0xc21, { rd: 5 }); expect(rig.h.getBig(5)).toBe(0x49n);
    csr(rig, 'csrrs', 0xc22, { rd: 5 }); expect(rig.h.getBig(5)).toBe(64n);
    csr(rig, 'csrrwi', 0x00a, { rd: 0, imm: 7 }); expect(rig.v.vxrm).toBe(3);
    csr(rig, 'csrrwi', 0x009, { rd: 0, imm: 3 }); expect(rig.v.vxsat).toBe(1);
    csr(rig, 'csrrs', 0x00f, { rd: 6 }); expect(rig.h.getBig(6)).toBe(7n);
    csr(rig, 'csrrwi', 0x00f, { rd: 6, imm: 0b100 }); expect([rig.v.vxrm, rig.v.vxsat]).toEqual([2, 0]);
    rig.h.setBig(7, 1000n);
    csr(rig, 'csrrw', 0x008, { rd: 0, rs1: 7 }); expect(rig.v.vstart).toBe(1000 & 511);
    for (const n of [0xc20, 0xc21, 0xc22]) expect(() => csr(rig, 'csrrw', n, { rd: 0, rs1: 7 })).toThrow(IllegalInstruction);
  });
});

describe('integration with the scalar decoder and disassembler', () => {
  installVector();
  const V: ReadonlySet<Ext> = ENABLED;
  const noV: ReadonlySet<Ext> = new Set<Ext>(['I', 'M', 'A', 'F', 'D', 'C', 'Zicsr']);
  it('decodes vector words only with V, and prints them as objdump does', () => {
    const w = enc('vadd.vv', { vd: 1, vs2: 2, vs1: 3, vm: 0 });
    expect(() => decode(w, 0, noV)).toThrow(IllegalInstruction);
    expect(decodeVector(w, 0, noV)).toBeUndefined();
    const d = decode(w, 0x2000, V);
    expect(d.spec.name).toBe('vadd.vv');
    expect(disassemble(d)).toBe('vadd.vv\tv1,v2,v3,v0.t');
    expect(disassemble(decode(enc('vsetvli', { vd: 10, rs1: 11, zimm: 0xd2 }), 0, V))).toBe('vsetvli\ta0,a1,e32,m4,ta,ma');
    expect(disassemble(decode(enc('vle32.v', { vd: 8, rs1: 10 }), 0, V))).toBe('vle32.v\tv8,(a0)');
    // Scalar FP loads/stores are untouched.
    expect(decode(0x0005b507, 0, V).spec.name).toBe('fld');
  });
  it('floating-point vector instructions decode to their own semantics, not the unimplemented stub', () => {
    const d = decodeVector(enc('vfadd.vv', { vd: 1, vs2: 2, vs1: 3 }), 0x40, ENABLED)!;
    expect(d.spec.name).toBe('vfadd.vv');
    expect(d.exec.name).not.toMatch(/unimplemented/);
  });
});

describe('illegal instructions', () => {
  const cases: [string, (rig: Rig) => void, RegExp][] = [
    ['vill at reset', (g) => g.run('vadd.vv', { vd: 1, vs2: 2, vs1: 3 }), /vill/],
    ['vd not aligned to LMUL', (g) => { g.vset(32, 1, 4); g.run('vadd.vv', { vd: 3, vs2: 2, vs1: 4 }); }, /vd v3 is not a multiple of EMUL=2/],
    ['vs1 not aligned', (g) => { g.vset(32, 2, 4); g.run('vadd.vv', { vd: 4, vs2: 8, vs1: 6 }); }, /vs1 v6/],
    ['masked op writing v0', (g) => { g.vset(32, 0, 4); g.run('vadd.vv', { vd: 0, vs2: 2, vs1: 3, vm: 0 }); }, /v0 as destination/],
    ['vadc into v0', (g) => { g.vset(32, 0, 4); g.run('vadc.vvm', { vd: 0, vs2: 2, vs1: 3, vm: 0 }); }, /v0/],
    ['widening at SEW 64', (g) => { g.vset(64, 0, 2); g.run('vwadd.vv', { vd: 2, vs2: 4, vs1: 6 }); }, /SEW <= 32/],
    ['widening at LMUL 8', (g) => { g.vset(8, 3, 2); g.run('vwadd.vv', { vd: 16, vs2: 0, vs1: 8 }); }, /LMUL <= 4/],
    ['widening vd over the low half of the source', (g) => { g.vset(16, 0, 2); g.run('vwadd.vv', { vd: 2, vs2: 2, vs1: 6 }); }, /overlaps source vs2/],
    ['widening with a fractional source overlapping vd', (g) => { g.vset(16, -1, 2); g.run('vwmul.vv', { vd: 2, vs2: 2, vs1: 6 }); }, /overlaps/],
    ['narrowing vd on the high half of vs2', (g) => { g.vset(16, 0, 2); g.run('vnsrl.wi', { vd: 3, vs2: 2, imm: 1 }); }, /overlaps source vs2/],
    ['compare into a non-lowest register of a source', (g) => { g.vset(16, 1, 2); g.run('vmseq.vv', { vd: 3, vs2: 2, vs1: 4 }); }, /above its lowest register/],
    ['load EMUL > 8', (g) => { g.vset(8, 3, 2); g.run('vle32.v', { vd: 0, rs1: 10 }); }, /EMUL=32/],
    ['segment needing more than 8 registers', (g) => { g.vset(32, 1, 2); g.run('vlseg5e32.v', { vd: 2, rs1: 10 }); }, /more than 8 registers/],
    ['segment past v31', (g) => { g.vset(32, 0, 2); g.run('vlseg4e32.v', { vd: 30, rs1: 10 }); }, /past v31/],
    ['indexed segment overlapping the index', (g) => { g.vset(32, 0, 2); g.run('vluxseg2ei32.v', { vd: 4, rs1: 10, vs2: 5 }); }, /index register group/],
    ['whole-register load not aligned', (g) => { g.run('vl2re8.v', { vd: 3, rs1: 10 }); }, /not a multiple of 2/],
    ['vmv2r.v not aligned', (g) => { g.vset(8, 0, 2); g.run('vmv2r.v', { vd: 2, vs2: 5 }); }, /vs2 v5/],
    ['reduction with vstart != 0', (g) => { g.vset(8, 0, 4); g.v.vstart = 1; g.run('vredsum.vs', { vd: 1, vs2: 2, vs1: 3 }); }, /vstart is 1/],
    ['vcompress overlapping vs2', (g) => { g.vset(8, 1, 4); g.run('vcompress.vm', { vd: 2, vs2: 2, vs1: 6 }); }, /overlaps source vs2/],
    ['vslideup overlapping vs2', (g) => { g.vset(8, 0, 4); g.run('vslideup.vi', { vd: 2, vs2: 2, imm: 1 }); }, /overlaps/],
    ['vrgather overlapping vs1', (g) => { g.vset(8, 0, 4); g.run('vrgather.vv', { vd: 3, vs2: 2, vs1: 3 }); }, /overlaps source vs1/],
    ['viota overlapping its source', (g) => { g.vset(8, 1, 4); g.run('viota.m', { vd: 2, vs2: 3 }); }, /overlaps/],
    ['vmsbf into its source', (g) => { g.vset(8, 0, 4); g.run('vmsbf.m', { vd: 2, vs2: 2 }); }, /overlaps/],
    ['vzext.vf8 at SEW 32', (g) => { g.vset(32, 0, 4); g.run('vzext.vf8', { vd: 2, vs2: 4 }); }, /below 8/],
    ['vrgatherei16 index EMUL 16', (g) => { g.vset(8, 3, 4); g.run('vrgatherei16.vv', { vd: 8, vs2: 16, vs1: 0 }); }, /EMUL=16/],
    ['vwredsum at SEW 64', (g) => { g.vset(64, 0, 2); g.run('vwredsum.vs', { vd: 1, vs2: 2, vs1: 3 }); }, /SEW <= 32/],
    ['vlm.v with vill', (g) => { g.run('vlm.v', { vd: 1, rs1: 10 }); }, /vill/],
    ['vmv1r.v with vill', (g) => { g.run('vmv1r.v', { vd: 1, vs2: 2 }); }, /vill/],
  ];
  for (const [what, f, re] of cases) {
    it(what, () => {
      const rig = new Rig(256);
      rig.map(0x10000, 0x1000);
      rig.h.setBig(10, 0x10000n);
      let err: unknown;
      try { f(rig); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(IllegalInstruction);
      const msg = (err as Error).message;
      expect(msg).toMatch(/^illegal vector instruction: /);
      expect(msg).toMatch(re);
    });
  }
  it('whole-register loads and stores work with vill set', () => {
    const rig = new Rig(256);
    rig.map(0x10000, 0x1000);
    rig.h.setBig(10, 0x10000n);
    rig.run('vl1re8.v', { vd: 1, rs1: 10 });
    rig.run('vs1r.v', { vd: 1, rs1: 10 });
  });
});

describe('vector state', () => {
  it('accepts VLEN 128..4096 powers of two only', () => {
    for (const vlen of [128, 256, 512, 1024, 2048, 4096]) expect(new Rig(vlen).v.vlenb).toBe(vlen / 8);
    for (const vlen of [64, 100, 192, 8192]) expect(() => new Rig(vlen)).toThrow(RangeError);
  });
  it('cloneVector copies registers, vtype, vl and the CSRs', () => {
    const a = new Rig(512), b = new Rig(128);
    a.randomize(rng(3));
    a.vset(16, 2, 77, 1, 1);
    a.v.vxrm = 2; a.v.vxsat = 1; a.v.vstart = 5;
    cloneVector(a.h, b.h);
    const c = b.h.vector as typeof a.v;
    expect(c.vlen).toBe(512);
    expect([c.vl, c.vtype, c.vxrm, c.vxsat, c.vstart]).toEqual([77, a.v.vtype, 2, 1, 5]);
    expect(c.u8).toEqual(a.v.u8);
    expect(c.u8).not.toBe(a.v.u8);
  });
});
