// Reductions, mask instructions and permutations against BigInt / bit-string references.
import { describe, expect, it } from 'vitest';
import { bit, diff, el, legalLmuls, pickGroups, refElementwise, refMask, Rig, rng, setEl, SEWS, type Policy } from './helpers.js';

const U = (v: bigint, n: number): bigint => BigInt.asUintN(n, v);
const nregs = (l: number): number => (l > 0 ? 1 << l : 1);

const rigs = [new Rig(256, 'undisturbed'), new Rig(128, 'ones'), new Rig(512, 'ones')];

interface C { rig: Rig; p: Policy; sew: number; lmul: number; vl: number; vstart: number; vm: number }
function setup(r: () => number, o: { sews?: number[]; maxLmul?: number; vstart?: boolean } = {}): C {
  const sews = o.sews ?? SEWS;
  const sew = sews[r() % sews.length];
  const ls = legalLmuls(sew).filter((l) => l <= (o.maxLmul ?? 3));
  const lmul = ls[r() % ls.length];
  const rig = rigs[r() % rigs.length];
  const ta = r() & 1, ma = r() & 1;
  rig.randomize(r);
  const max = rig.vlmax(sew, lmul);
  const vl = rig.vset(sew, lmul, r() % 4 === 0 ? max : r() % (max + 1), ta, ma);
  const vstart = o.vstart && r() % 4 === 0 ? r() % (vl + 1) : 0;
  rig.v.vstart = vstart;
  return { rig, p: { agnostic: rig.v.agnostic, ta, ma }, sew, lmul, vl, vstart, vm: r() & 1 };
}
const active = (img: Uint8Array, vlenb: number, vm: number, i: number): boolean => vm === 1 || bit(img, vlenb, 0, i) === 1;
function check(name: string, c: C, want: Uint8Array, extra = ''): void {
  const msg = diff(c.rig.v.u8, want, c.rig.vlenb);
  if (msg !== undefined) throw new Error(`${name} sew=${c.sew} lmul=${c.lmul} vl=${c.vl} vstart=${c.vstart} vm=${c.vm} ${extra}: ${msg}`);
}

describe('reductions', () => {
  type F = (acc: bigint, x: bigint) => bigint;
  const RED: [string, F, boolean][] = [
    ['vredsum', (a, x) => a + x, true], ['vredand', (a, x) => a & x, true], ['vredor', (a, x) => a | x, true],
    ['vredxor', (a, x) => a ^ x, true], ['vredminu', (a, x) => (x < a ? x : a), false], ['vredmin', (a, x) => (x < a ? x : a), true],
    ['vredmaxu', (a, x) => (x > a ? x : a), false], ['vredmax', (a, x) => (x > a ? x : a), true],
  ];
  for (const [name, f, signed] of RED) {
    it(`${name}.vs`, () => {
      const r = rng(name.length * 37 + name.charCodeAt(5));
      for (let t = 0; t < 150; t++) {
        const c = setup(r);
        const { rig, sew, lmul, vl, vm } = c, vb = rig.vlenb;
        const [vs2] = pickGroups(r, [nregs(lmul)]);
        const vd = r() % 32, vs1 = r() % 32;
        const before = rig.snapshot();
        const want = before.slice();
        if (vl > 0) {
          let acc = el(before, vb, vs1, 0, sew, signed);
          for (let i = 0; i < vl; i++) if (active(before, vb, vm, i)) acc = f(acc, el(before, vb, vs2, i, sew, signed));
          setEl(want, vb, vd, 0, sew, acc);
          if (c.p.agnostic === 'ones' && c.p.ta) for (let i = 1; i < (vb * 8) / sew; i++) setEl(want, vb, vd, i, sew, -1n);
        }
        rig.run(`${name}.vs`, { vd, vs2, vs1, vm });
        check(name, c, want);
      }
    });
  }
  for (const [name, signed] of [['vwredsumu', false], ['vwredsum', true]] as const) {
    it(`${name}.vs`, () => {
      const r = rng(name.length * 41);
      for (let t = 0; t < 150; t++) {
        const c = setup(r, { sews: [8, 16, 32] });
        const { rig, sew, lmul, vl, vm } = c, vb = rig.vlenb;
        const [vs2] = pickGroups(r, [nregs(lmul)]);
        const vd = r() % 32, vs1 = r() % 32;
        const before = rig.snapshot();
        const want = before.slice();
        if (vl > 0) {
          let acc = el(before, vb, vs1, 0, 2 * sew);
          for (let i = 0; i < vl; i++) if (active(before, vb, vm, i)) acc += el(before, vb, vs2, i, sew, signed);
          setEl(want, vb, vd, 0, 2 * sew, acc);
          if (c.p.agnostic === 'ones' && c.p.ta) for (let i = 1; i < (vb * 8) / (2 * sew); i++) setEl(want, vb, vd, i, 2 * sew, -1n);
        }
        rig.run(`${name}.vs`, { vd, vs2, vs1, vm });
        check(name, c, want);
      }
    });
  }
});

describe('mask instructions', () => {
  const LOGIC: [string, (a: number, b: number) => number][] = [
    ['vmandn', (a, b) => a & (b ^ 1)], ['vmand', (a, b) => a & b], ['vmor', (a, b) => a | b], ['vmxor', (a, b) => a ^ b],
    ['vmorn', (a, b) => a | (b ^ 1)], ['vmnand', (a, b) => (a & b) ^ 1], ['vmnor', (a, b) => (a | b) ^ 1], ['vmxnor', (a, b) => (a ^ b) ^ 1],
  ];
  for (const [name, f] of LOGIC) {
    it(`${name}.mm`, () => {
      const r = rng(name.length * 3 + name.charCodeAt(3));
      for (let t = 0; t < 150; t++) {
        const c = setup(r, { vstart: true });
        const { rig, vl, vstart } = c, vb = rig.vlenb;
        const vd = r() % 32, vs1 = r() % 32, vs2 = r() % 32;
        const before = rig.snapshot();
        const want = refMask(before, vb, c.p, { vd, vl, vstart, vm: 1 }, (i) => f(bit(before, vb, vs2, i), bit(before, vb, vs1, i)));
        rig.run(`${name}.mm`, { vd, vs2, vs1 });
        check(name, c, want);
      }
    });
  }

  it('vcpop.m and vfirst.m', () => {
    const r = rng(99);
    for (let t = 0; t < 300; t++) {
      const c = setup(r);
      const { rig, vl, vm } = c, vb = rig.vlenb;
      const vs2 = r() % 32;
      if (r() % 3 === 0) rig.v.u8.fill(0, vs2 * vb, (vs2 + 1) * vb);
      if (r() % 3 === 0) rig.v.u8[vs2 * vb + (r() % vb)] = 1 << (r() % 8);
      const before = rig.snapshot();
      let pop = 0, first = -1;
      for (let i = 0; i < vl; i++) {
        if (active(before, vb, vm, i) && bit(before, vb, vs2, i)) { pop++; if (first < 0) first = i; }
      }
      rig.run('vcpop.m', { vd: 10, vs2, vm });
      rig.run('vfirst.m', { vd: 11, vs2, vm });
      rig.run('vcpop.m', { vd: 0, vs2, vm }); // x0 destination: no write
      expect(rig.h.getBig(10)).toBe(BigInt(pop));
      expect(rig.h.getBig(11)).toBe(BigInt(first));
      expect(rig.h.getBig(0)).toBe(0n);
    }
  });

  for (const name of ['vmsbf.m', 'vmsif.m', 'vmsof.m']) {
    it(name, () => {
      const r = rng(name.charCodeAt(3) * 5);
      for (let t = 0; t < 200; t++) {
        const c = setup(r);
        const { rig, vl, vm } = c, vb = rig.vlenb;
        const vs2 = 1 + (r() % 31);
        let vd = 1 + (r() % 31);
        while (vd === vs2) vd = 1 + (r() % 31);
        if (r() % 2 === 0) { rig.v.u8.fill(0, vs2 * vb, (vs2 + 1) * vb); if (r() % 2) rig.v.u8[vs2 * vb + (r() % vb)] = 1 << (r() % 8); }
        const before = rig.snapshot();
        let firstSeen = false;
        const want = refMask(before, vb, c.p, { vd, vl, vstart: 0, vm }, (i) => {
          if (firstSeen) return 0;
          if (bit(before, vb, vs2, i)) { firstSeen = true; return name === 'vmsbf.m' ? 0 : 1; }
          return name === 'vmsof.m' ? 0 : 1;
        });
        rig.run(name, { vd, vs2, vm });
        check(name, c, want);
      }
    });
  }

  it('viota.m and vid.v', () => {
    const r = rng(1234);
    for (let t = 0; t < 300; t++) {
      const c = setup(r);
      const { rig, sew, lmul, vl, vm } = c, vb = rig.vlenb;
      const [vd, vs2] = pickGroups(r, [nregs(lmul), 1]);
      const before = rig.snapshot();
      let count = 0n;
      const want = refElementwise(before, vb, c.p, { vd, deew: sew, dLog: lmul, vl, vstart: 0, vm }, (i) => {
        const x = count;
        count += BigInt(bit(before, vb, vs2, i));
        return x;
      });
      rig.run('viota.m', { vd, vs2, vm });
      check('viota.m', c, want);
      rig.v.vstart = c.vstart = r() % 3 === 0 ? r() % (vl + 1) : 0;
      const b2 = rig.snapshot();
      const want2 = refElementwise(b2, vb, c.p, { vd, deew: sew, dLog: lmul, vl, vstart: c.vstart, vm }, (i) => BigInt(i));
      rig.run('vid.v', { vd, vm });
      check('vid.v', c, want2);
    }
  });
});

describe('permutations', () => {
  it('vmv.x.s and vmv.s.x', () => {
    const r = rng(77);
    for (let t = 0; t < 300; t++) {
      const c = setup(r, { vstart: true });
      const { rig, sew, vl, vstart } = c, vb = rig.vlenb;
      const vs2 = r() % 32, vd = r() % 32;
      const before = rig.snapshot();
      rig.run('vmv.x.s', { vd: 12, vs2 });
      expect(rig.h.getBig(12)).toBe(el(before, vb, vs2, 0, sew, true));
      rig.h.setBig(13, (BigInt(r()) << 32n) | BigInt(r()));
      rig.v.vstart = vstart;
      const want = before.slice();
      if (vstart < vl) {
        setEl(want, vb, vd, 0, sew, rig.h.getBig(13));
        if (c.p.agnostic === 'ones' && c.p.ta) for (let i = 1; i < (vb * 8) / sew; i++) setEl(want, vb, vd, i, sew, -1n);
      }
      rig.run('vmv.s.x', { vd, rs1: 13 });
      check('vmv.s.x', c, want);
      expect(rig.v.vstart).toBe(0);
    }
  });

  const SLIDES = ['vslideup.vx', 'vslideup.vi', 'vslidedown.vx', 'vslidedown.vi', 'vslide1up.vx', 'vslide1down.vx'];
  for (const name of SLIDES) {
    it(name, () => {
      const r = rng(name.length * 11 + name.charCodeAt(7));
      for (let t = 0; t < 200; t++) {
        const c = setup(r, { vstart: true });
        const { rig, sew, lmul, vl, vstart, vm } = c, vb = rig.vlenb;
        const n = nregs(lmul), max = rig.vlmax(sew, lmul);
        let [vd, vs2] = pickGroups(r, [n, n]);
        if (name.startsWith('vslidedown') && r() % 3 === 0) vd = vs2;
        const imm = r() & 31;
        const off = r() % 5 === 0 ? (1n << 63n) + BigInt(r()) : BigInt(r() % (max + 3));
        rig.h.setBig(14, off);
        rig.h.setBig(15, (BigInt(r()) << 32n) | BigInt(r()));
        const o = name.endsWith('.vi') ? BigInt(imm) : U(off, 64);
        const before = rig.snapshot();
        const src = (j: bigint): bigint => (j < BigInt(max) ? el(before, vb, vs2, Number(j), sew) : 0n);
        const want = refElementwise(before, vb, c.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm }, (i) => {
          switch (name) {
            case 'vslideup.vx': case 'vslideup.vi': return BigInt(i) >= o ? el(before, vb, vs2, i - Number(o), sew) : el(before, vb, vd, i, sew);
            case 'vslidedown.vx': case 'vslidedown.vi': return src(BigInt(i) + o);
            case 'vslide1up.vx': return i === 0 ? rig.h.getBig(15) : el(before, vb, vs2, i - 1, sew);
            default: return i === vl - 1 ? rig.h.getBig(15) : el(before, vb, vs2, i + 1, sew);
          }
        });
        // vslideup leaves elements below the offset alone, masked or not.
        if (name.startsWith('vslideup')) for (let i = vstart; i < Math.min(vl, Number(o > 4096n ? 4096n : o)); i++) setEl(want, vb, vd, i, sew, el(before, vb, vd, i, sew));
        rig.run(name, { vd, vs2, vs1: name.endsWith('.vi') ? imm : name.startsWith('vslide1') ? 15 : 14, vm });
        check(name, c, want, `vd=${vd} vs2=${vs2} off=${o}`);
      }
    });
  }

  for (const name of ['vrgather.vv', 'vrgather.vx', 'vrgather.vi', 'vrgatherei16.vv']) {
    it(name, () => {
      const r = rng(name.length * 23 + name.charCodeAt(9));
      for (let t = 0; t < 200; t++) {
        const ei16 = name === 'vrgatherei16.vv';
        let c = setup(r, { vstart: true });
        // ei16's index EMUL = 16/SEW * LMUL must be at most 8.
        while (ei16 && (c.lmul + 1 - Math.log2(c.sew / 8) > 3 || c.lmul + 1 - Math.log2(c.sew / 8) < -3)) c = setup(r, { vstart: true });
        const { rig, sew, lmul, vl, vstart, vm } = c, vb = rig.vlenb;
        const n = nregs(lmul), max = rig.vlmax(sew, lmul);
        const isew = ei16 ? 16 : sew, il = ei16 ? lmul + 1 - Math.log2(sew / 8) : lmul;
        const [vd, vs2, vs1] = pickGroups(r, [n, n, nregs(il)]);
        for (let i = 0; i < max; i++) if (r() % 2) rig.v.setElement(vs1, i, isew, BigInt(r() % (max + 2)));
        const imm = r() & 31;
        rig.h.setBig(16, r() % 4 === 0 ? (BigInt(r()) << 32n) : BigInt(r() % (max + 2)));
        const before = rig.snapshot();
        const pickIdx = (i: number): bigint => name === 'vrgather.vx' ? U(rig.h.getBig(16), 64) : name === 'vrgather.vi' ? BigInt(imm) : el(before, vb, vs1, i, isew);
        const want = refElementwise(before, vb, c.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm }, (i) => {
          const j = pickIdx(i);
          return j < BigInt(max) ? el(before, vb, vs2, Number(j), sew) : 0n;
        });
        rig.run(name, { vd, vs2, vs1: name.endsWith('.vx') ? 16 : name.endsWith('.vi') ? imm : vs1, vm });
        check(name, c, want);
      }
    });
  }

  it('vcompress.vm', () => {
    const r = rng(4321);
    for (let t = 0; t < 200; t++) {
      const c = setup(r);
      const { rig, sew, lmul, vl } = c, vb = rig.vlenb;
      const n = nregs(lmul);
      const [vd, vs2, vs1] = pickGroups(r, [n, n, 1]);
      const before = rig.snapshot();
      const want = before.slice();
      let k = 0;
      for (let i = 0; i < vl; i++) if (bit(before, vb, vs1, i)) setEl(want, vb, vd, k++, sew, el(before, vb, vs2, i, sew));
      if (vl > 0 && c.p.agnostic === 'ones' && c.p.ta) for (let i = k; i < (n * vb * 8) / sew; i++) setEl(want, vb, vd, i, sew, -1n);
      rig.run('vcompress.vm', { vd, vs2, vs1 });
      check('vcompress.vm', c, want);
    }
  });

  it('vmv<nr>r.v', () => {
    const r = rng(555);
    for (let t = 0; t < 200; t++) {
      const c = setup(r);
      const { rig, sew } = c, vb = rig.vlenb;
      const nr = [1, 2, 4, 8][r() % 4];
      const [vd, vs2] = pickGroups(r, [nr, nr]);
      const evl = (nr * vb * 8) / sew;
      const vstart = r() % 3 === 0 ? r() % (evl + 2) : 0;
      rig.v.vstart = vstart;
      const before = rig.snapshot();
      const want = before.slice();
      for (let i = vstart; i < evl; i++) setEl(want, vb, vd, i, sew, el(before, vb, vs2, i, sew));
      rig.run(`vmv${nr}r.v`, { vd, vs2 });
      check(`vmv${nr}r.v`, c, want);
      expect(rig.v.vstart).toBe(0);
    }
  });
});

