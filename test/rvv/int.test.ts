// Vector integer instructions against a BigInt reference: random SEW 8..64, LMUL mf8..m8, vl, vstart,
// masks, register aliasing, and both agnostic policies; the whole register file is compared, so stray
// writes show up too.
import { describe, expect, it } from 'vitest';
import {
  bit, diff, el, legalLmuls, pickGroups, refElementwise, refMask, Rig, rng, SEWS, type Policy,
} from './helpers.js';

const S = (v: bigint, n: number): bigint => BigInt.asIntN(n, v);
const U = (v: bigint, n: number): bigint => BigInt.asUintN(n, v);
const nregs = (l: number): number => (l > 0 ? 1 << l : 1);

interface Setup { rig: Rig; p: Policy; sew: number; lmul: number; vl: number; vstart: number; vm: number; r: () => number }

const rigs = { undisturbed: new Rig(256, 'undisturbed'), ones: new Rig(256, 'ones'), small: new Rig(128, 'ones') };

/** Random configuration; sewFilter limits SEW (e.g. widening needs SEW <= 32 and LMUL <= 4). */
function setup(r: () => number, opts: { sews?: number[]; maxLmul?: number; minLmul?: number } = {}): Setup {
  const sews = opts.sews ?? SEWS;
  const sew = sews[r() % sews.length];
  const ls = legalLmuls(sew).filter((l) => l <= (opts.maxLmul ?? 3) && l >= (opts.minLmul ?? -3));
  const lmul = ls[r() % ls.length];
  const which = r() % 3;
  const rig = which === 0 ? rigs.undisturbed : which === 1 ? rigs.ones : rigs.small;
  const ta = r() & 1, ma = r() & 1;
  rig.randomize(r);
  const max = rig.vlmax(sew, lmul);
  const want = r() % 5 === 0 ? max : r() % (max + 1);
  const vl = rig.vset(sew, lmul, want, ta, ma);
  expect(vl).toBe(want);
  const vstart = r() % 4 === 0 ? r() % (vl + 2) : 0;
  rig.v.vstart = vstart;
  return { rig, p: { agnostic: rig.v.agnostic, ta, ma }, sew, lmul, vl, vstart, vm: r() & 1, r };
}

/** Scalar operand as the instruction sees it: x[rs1] or the immediate, as a SEW-bit value extended per signedness. */
function scalar(s: Setup, form: 'vx' | 'vi', uimm: boolean, rs1: number, imm: number, signed: boolean): bigint {
  const raw = form === 'vx' ? s.rig.h.getBig(rs1) : BigInt(uimm ? imm & 31 : (imm << 27) >> 27);
  return signed ? S(raw, s.sew) : U(raw, s.sew);
}

type Ref = (a: bigint, b: bigint, sew: number) => bigint;
// [name, reference, a signed, b signed, forms, unsigned immediate]
const BIN: [string, Ref, boolean, boolean, string, boolean?][] = [
  ['vadd', (a, b) => a + b, true, true, 'vv vx vi'],
  ['vsub', (a, b) => a - b, true, true, 'vv vx'],
  ['vrsub', (a, b) => b - a, true, true, 'vx vi'],
  ['vand', (a, b) => a & b, true, true, 'vv vx vi'],
  ['vor', (a, b) => a | b, true, true, 'vv vx vi'],
  ['vxor', (a, b) => a ^ b, true, true, 'vv vx vi'],
  ['vminu', (a, b) => (a < b ? a : b), false, false, 'vv vx'],
  ['vmin', (a, b) => (a < b ? a : b), true, true, 'vv vx'],
  ['vmaxu', (a, b) => (a > b ? a : b), false, false, 'vv vx'],
  ['vmax', (a, b) => (a > b ? a : b), true, true, 'vv vx'],
  ['vsll', (a, b, sew) => a << (U(b, 6) % BigInt(sew)), true, false, 'vv vx vi', true],
  ['vsrl', (a, b, sew) => a >> (U(b, 6) % BigInt(sew)), false, false, 'vv vx vi', true],
  ['vsra', (a, b, sew) => a >> (U(b, 6) % BigInt(sew)), true, false, 'vv vx vi', true],
  ['vmul', (a, b) => a * b, true, true, 'vv vx'],
  ['vmulh', (a, b, sew) => (a * b) >> BigInt(sew), true, true, 'vv vx'],
  ['vmulhu', (a, b, sew) => (a * b) >> BigInt(sew), false, false, 'vv vx'],
  ['vmulhsu', (a, b, sew) => (a * b) >> BigInt(sew), true, false, 'vv vx'],
  ['vdivu', (a, b) => (b === 0n ? -1n : a / b), false, false, 'vv vx'],
  ['vdiv', (a, b) => (b === 0n ? -1n : a / b), true, true, 'vv vx'],
  ['vremu', (a, b) => (b === 0n ? a : a % b), false, false, 'vv vx'],
  ['vrem', (a, b) => (b === 0n ? a : a % b), true, true, 'vv vx'],
];

/** Random element values biased to edge cases (so division by zero and MIN/-1 occur). */
function poke(s: Setup, regs: number[], n: number): void {
  const { rig, sew, r } = s;
  const edge = [0n, 1n, -1n, S(1n << BigInt(sew - 1), sew), (1n << BigInt(sew - 1)) - 1n, 2n, -2n];
  for (const g of regs) {
    for (let i = 0; i < n; i++) if (r() % 4 === 0) rig.v.setElement(g, i, sew, edge[r() % edge.length]);
  }
}

describe('same-width integer ops', () => {
  for (const [name, ref, as, bs, forms, uimm] of BIN) {
    for (const form of forms.split(' ') as ('vv' | 'vx' | 'vi')[]) {
      it(`${name}.${form}`, () => {
        const r = rng(name.length * 977 + form.charCodeAt(1));
        for (let t = 0; t < 150; t++) {
          const s = setup(r);
          const { rig, sew, lmul, vl, vstart, vm } = s;
          const n = nregs(lmul);
          let [vd, vs2, vs1] = pickGroups(r, [n, n, n]);
          if (r() % 5 === 0) vd = vs2;
          if (r() % 7 === 0) vs1 = vs2;
          const rs1 = 1 + (r() % 31), imm = r() & 31;
          poke(s, [vs1, vs2], rig.vlmax(sew, lmul));
          if (r() % 4 === 0) rig.h.setBig(rs1, BigInt(r() % 3) - 1n); else rig.h.setBig(rs1, (BigInt(r()) << 32n) | BigInt(r()));
          const before = rig.snapshot();
          const b = form === 'vv' ? undefined : scalar(s, form, uimm === true, rs1, imm, bs);
          const want = refElementwise(before, rig.vlenb, s.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm },
            (i) => ref(el(before, rig.vlenb, vs2, i, sew, as), b ?? el(before, rig.vlenb, vs1, i, sew, bs), sew));
          rig.run(`${name}.${form}`, { vd, vs2, vs1: form === 'vv' ? vs1 : form === 'vx' ? rs1 : imm, vm });
          const msg = diff(rig.v.u8, want, rig.vlenb);
          if (msg !== undefined) throw new Error(`${name}.${form} sew=${sew} lmul=${lmul} vl=${vl} vstart=${vstart} vm=${vm} vd=${vd} vs2=${vs2} vs1=${vs1} ${s.p.agnostic}/${s.p.ta}${s.p.ma}: ${msg}`);
          expect(rig.v.vstart).toBe(0);
        }
      });
    }
  }
});

type CmpRef = (a: bigint, b: bigint) => boolean;
const CMP: [string, CmpRef, boolean, string][] = [
  ['vmseq', (a, b) => a === b, true, 'vv vx vi'], ['vmsne', (a, b) => a !== b, true, 'vv vx vi'],
  ['vmsltu', (a, b) => a < b, false, 'vv vx'], ['vmslt', (a, b) => a < b, true, 'vv vx'],
  ['vmsleu', (a, b) => a <= b, false, 'vv vx vi'], ['vmsle', (a, b) => a <= b, true, 'vv vx vi'],
  ['vmsgtu', (a, b) => a > b, false, 'vx vi'], ['vmsgt', (a, b) => a > b, true, 'vx vi'],
];

describe('compares', () => {
  for (const [name, ref, signed, forms] of CMP) {
    for (const form of forms.split(' ') as ('vv' | 'vx' | 'vi')[]) {
      it(`${name}.${form}`, () => {
        const r = rng(name.length * 131 + form.charCodeAt(1));
        for (let t = 0; t < 150; t++) {
          const s = setup(r);
          const { rig, sew, lmul, vl, vstart, vm } = s;
          const n = nregs(lmul);
          const [vs2, vs1, other] = pickGroups(r, [n, n, 1]);
          // The mask destination may be the first register of a source, or v0 when masked.
          const vd = [other, vs2, vs1, 0][r() % 4];
          const rs1 = 1 + (r() % 31), imm = r() & 31;
          // Make equality likely.
          for (let i = 0; i < rig.vlmax(sew, lmul); i++) if (r() % 3 === 0) rig.v.setElement(vs1, i, sew, rig.v.element(vs2, i, sew));
          if (r() % 2 === 0) rig.h.setBig(rs1, rig.v.element(vs2, r() % Math.max(vl, 1), sew, true));
          const before = rig.snapshot();
          const b = form === 'vv' ? undefined : scalar(s, form, false, rs1, imm, signed);
          const want = refMask(before, rig.vlenb, s.p, { vd, vl, vstart, vm },
            (i) => (ref(el(before, rig.vlenb, vs2, i, sew, signed), b ?? el(before, rig.vlenb, vs1, i, sew, signed)) ? 1 : 0));
          rig.run(`${name}.${form}`, { vd, vs2, vs1: form === 'vv' ? vs1 : form === 'vx' ? rs1 : imm, vm });
          const msg = diff(rig.v.u8, want, rig.vlenb);
          if (msg !== undefined) throw new Error(`${name}.${form} sew=${sew} lmul=${lmul} vl=${vl} vstart=${vstart} vm=${vm} vd=${vd}: ${msg}`);
        }
      });
    }
  }
});

type MacRef = (acc: bigint, a: bigint, b: bigint) => bigint;
const MAC: [string, MacRef][] = [
  ['vmacc', (c, a, b) => c + a * b], ['vnmsac', (c, a, b) => c - a * b],
  ['vmadd', (c, a, b) => b * c + a], ['vnmsub', (c, a, b) => a - b * c],
];

describe('multiply-add', () => {
  for (const [name, ref] of MAC) {
    for (const form of ['vv', 'vx'] as const) {
      it(`${name}.${form}`, () => {
        const r = rng(name.length * 71 + form.charCodeAt(1));
        for (let t = 0; t < 120; t++) {
          const s = setup(r);
          const { rig, sew, lmul, vl, vstart, vm } = s;
          const n = nregs(lmul);
          const [vd, vs2, vs1] = pickGroups(r, [n, n, n]);
          const rs1 = 1 + (r() % 31);
          rig.h.setBig(rs1, (BigInt(r()) << 32n) | BigInt(r()));
          const before = rig.snapshot();
          const b = form === 'vx' ? S(rig.h.getBig(rs1), sew) : undefined;
          const want = refElementwise(before, rig.vlenb, s.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm },
            (i) => ref(el(before, rig.vlenb, vd, i, sew, true), el(before, rig.vlenb, vs2, i, sew, true), b ?? el(before, rig.vlenb, vs1, i, sew, true)));
          rig.run(`${name}.${form}`, { vd, vs2, vs1: form === 'vv' ? vs1 : rs1, vm });
          const msg = diff(rig.v.u8, want, rig.vlenb);
          if (msg !== undefined) throw new Error(`${name}.${form} sew=${sew} lmul=${lmul} vl=${vl}: ${msg}`);
        }
      });
    }
  }
});

// [name, ref, a signed, b signed, a is wide (.w forms)]
const WIDE: [string, Ref, boolean, boolean, boolean][] = [
  ['vwaddu.vv', (a, b) => a + b, false, false, false], ['vwaddu.vx', (a, b) => a + b, false, false, false],
  ['vwadd.vv', (a, b) => a + b, true, true, false], ['vwadd.vx', (a, b) => a + b, true, true, false],
  ['vwsubu.vv', (a, b) => a - b, false, false, false], ['vwsubu.vx', (a, b) => a - b, false, false, false],
  ['vwsub.vv', (a, b) => a - b, true, true, false], ['vwsub.vx', (a, b) => a - b, true, true, false],
  ['vwaddu.wv', (a, b) => a + b, false, false, true], ['vwaddu.wx', (a, b) => a + b, false, false, true],
  ['vwadd.wv', (a, b) => a + b, true, true, true], ['vwadd.wx', (a, b) => a + b, true, true, true],
  ['vwsubu.wv', (a, b) => a - b, false, false, true], ['vwsubu.wx', (a, b) => a - b, false, false, true],
  ['vwsub.wv', (a, b) => a - b, true, true, true], ['vwsub.wx', (a, b) => a - b, true, true, true],
  ['vwmulu.vv', (a, b) => a * b, false, false, false], ['vwmulu.vx', (a, b) => a * b, false, false, false],
  ['vwmul.vv', (a, b) => a * b, true, true, false], ['vwmul.vx', (a, b) => a * b, true, true, false],
  ['vwmulsu.vv', (a, b) => a * b, true, false, false], ['vwmulsu.vx', (a, b) => a * b, true, false, false],
];

describe('widening', () => {
  for (const [name, ref, as, bs, aWide] of WIDE) {
    it(name, () => {
      const r = rng(name.length * 7919 + name.charCodeAt(name.length - 1));
      for (let t = 0; t < 120; t++) {
        const s = setup(r, { sews: [8, 16, 32], maxLmul: 2 });
        const { rig, sew, lmul, vl, vstart, vm } = s;
        const n = nregs(lmul), wn = nregs(lmul + 1);
        let [vd, vs2, vs1] = pickGroups(r, [wn, aWide ? wn : n, n]);
        // Legal overlaps: a wide vs2 may be vd; a narrow source of EMUL >= 1 may be vd's top half.
        if (aWide && r() % 4 === 0) vs2 = vd;
        else if (!aWide && lmul >= 0 && r() % 5 === 0) vs2 = vd + wn - n;
        const rs1 = 1 + (r() % 31);
        rig.h.setBig(rs1, (BigInt(r()) << 32n) | BigInt(r()));
        const before = rig.snapshot();
        const vx = name.endsWith('x');
        const b = vx ? (bs ? S(rig.h.getBig(rs1), sew) : U(rig.h.getBig(rs1), sew)) : undefined;
        const want = refElementwise(before, rig.vlenb, s.p, { vd, deew: 2 * sew, dLog: lmul + 1, vl, vstart, vm },
          (i) => ref(el(before, rig.vlenb, vs2, i, aWide ? 2 * sew : sew, as), b ?? el(before, rig.vlenb, vs1, i, sew, bs), sew));
        rig.run(name, { vd, vs2, vs1: vx ? rs1 : vs1, vm });
        const msg = diff(rig.v.u8, want, rig.vlenb);
        if (msg !== undefined) throw new Error(`${name} sew=${sew} lmul=${lmul} vl=${vl} vstart=${vstart} vd=${vd} vs2=${vs2}: ${msg}`);
      }
    });
  }

  // vd += (vs1|rs1) * vs2, with the signedness of [vs1/rs1, vs2].
  const WMAC: [string, boolean, boolean][] = [
    ['vwmaccu.vv', false, false], ['vwmaccu.vx', false, false], ['vwmacc.vv', true, true], ['vwmacc.vx', true, true],
    ['vwmaccsu.vv', true, false], ['vwmaccsu.vx', true, false], ['vwmaccus.vx', false, true],
  ];
  for (const [name, s1, s2] of WMAC) {
    it(name, () => {
      const r = rng(name.length * 31 + name.charCodeAt(7));
      for (let t = 0; t < 150; t++) {
        const s = setup(r, { sews: [8, 16, 32], maxLmul: 2 });
        const { rig, sew, lmul, vl, vstart, vm } = s;
        const n = nregs(lmul), wn = nregs(lmul + 1);
        const [vd, vs2, vs1] = pickGroups(r, [wn, n, n]);
        const rs1 = 1 + (r() % 31);
        rig.h.setBig(rs1, (BigInt(r()) << 32n) | BigInt(r()));
        const before = rig.snapshot();
        const vx = name.endsWith('x');
        const b = vx ? (s1 ? S(rig.h.getBig(rs1), sew) : U(rig.h.getBig(rs1), sew)) : undefined;
        const want = refElementwise(before, rig.vlenb, s.p, { vd, deew: 2 * sew, dLog: lmul + 1, vl, vstart, vm },
          (i) => el(before, rig.vlenb, vd, i, 2 * sew) + (b ?? el(before, rig.vlenb, vs1, i, sew, s1)) * el(before, rig.vlenb, vs2, i, sew, s2));
        rig.run(name, { vd, vs2, vs1: vx ? rs1 : vs1, vm });
        const msg = diff(rig.v.u8, want, rig.vlenb);
        if (msg !== undefined) throw new Error(`${name} sew=${sew} lmul=${lmul} vl=${vl}: ${msg}`);
      }
    });
  }
});

describe('narrowing shifts', () => {
  for (const [name, signed] of [['vnsrl', false], ['vnsra', true]] as const) {
    for (const form of ['wv', 'wx', 'wi'] as const) {
      it(`${name}.${form}`, () => {
        const r = rng(name.length * 3 + form.charCodeAt(1));
        for (let t = 0; t < 120; t++) {
          const s = setup(r, { sews: [8, 16, 32], maxLmul: 2 });
          const { rig, sew, lmul, vl, vstart, vm } = s;
          const n = nregs(lmul), wn = nregs(lmul + 1);
          let [vd, vs2, vs1] = pickGroups(r, [n, wn, n]);
          if (r() % 3 === 0) vd = vs2; // the destination may be the low part of the wide source
          const rs1 = 1 + (r() % 31), imm = r() & 31;
          rig.h.setBig(rs1, BigInt(r()));
          const before = rig.snapshot();
          const b = form === 'wv' ? undefined : form === 'wx' ? rig.h.getBig(rs1) : BigInt(imm);
          const want = refElementwise(before, rig.vlenb, s.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm },
            (i) => el(before, rig.vlenb, vs2, i, 2 * sew, signed) >> (U(b ?? el(before, rig.vlenb, vs1, i, sew), 32) % BigInt(2 * sew)));
          rig.run(`${name}.${form}`, { vd, vs2, vs1: form === 'wv' ? vs1 : form === 'wx' ? rs1 : imm, vm });
          const msg = diff(rig.v.u8, want, rig.vlenb);
          if (msg !== undefined) throw new Error(`${name}.${form} sew=${sew} lmul=${lmul} vl=${vl} vd=${vd} vs2=${vs2}: ${msg}`);
        }
      });
    }
  }
});

describe('extension', () => {
  for (const f of [2, 4, 8]) {
    for (const signed of [false, true]) {
      const name = `${signed ? 'vsext' : 'vzext'}.vf${f}`;
      it(name, () => {
        const r = rng(f * 10 + (signed ? 1 : 0));
        for (let t = 0; t < 120; t++) {
          const sews = SEWS.filter((x) => x / f >= 8);
          const s = setup(r, { sews, minLmul: -3 + Math.log2(f) });
          const { rig, sew, lmul, vl, vstart, vm } = s;
          const n = nregs(lmul), sl = lmul - Math.log2(f), sn = nregs(sl);
          let [vd, vs2] = pickGroups(r, [n, sn]);
          if (sl >= 0 && r() % 3 === 0) vs2 = vd + n - sn; // the top part of vd
          const before = rig.snapshot();
          const want = refElementwise(before, rig.vlenb, s.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm },
            (i) => el(before, rig.vlenb, vs2, i, sew / f, signed));
          rig.run(name, { vd, vs2, vm });
          const msg = diff(rig.v.u8, want, rig.vlenb);
          if (msg !== undefined) throw new Error(`${name} sew=${sew} lmul=${lmul} vl=${vl} vd=${vd} vs2=${vs2}: ${msg}`);
        }
      });
    }
  }
});

describe('add/subtract with carry', () => {
  const CASES: [string, boolean, boolean, boolean][] = [
    // name, subtract, mask out, carry in
    ['vadc.vvm', false, false, true], ['vadc.vxm', false, false, true], ['vadc.vim', false, false, true],
    ['vsbc.vvm', true, false, true], ['vsbc.vxm', true, false, true],
    ['vmadc.vvm', false, true, true], ['vmadc.vxm', false, true, true], ['vmadc.vim', false, true, true],
    ['vmadc.vv', false, true, false], ['vmadc.vx', false, true, false], ['vmadc.vi', false, true, false],
    ['vmsbc.vvm', true, true, true], ['vmsbc.vxm', true, true, true], ['vmsbc.vv', true, true, false], ['vmsbc.vx', true, true, false],
  ];
  for (const [name, sub, maskOut, cin] of CASES) {
    it(name, () => {
      const r = rng(name.length * 17 + name.charCodeAt(2) + (cin ? 1 : 0));
      for (let t = 0; t < 120; t++) {
        const s = setup(r);
        const { rig, sew, lmul, vl, vstart } = s;
        const n = nregs(lmul);
        const [vd, vs2, vs1] = pickGroups(r, [n, n, n]);
        const rs1 = 1 + (r() % 31), imm = r() & 31;
        rig.h.setBig(rs1, (BigInt(r()) << 32n) | BigInt(r()));
        for (let i = 0; i < rig.vlmax(sew, lmul); i++) if (r() % 3 === 0) rig.v.setElement(vs1, i, sew, -rig.v.element(vs2, i, sew));
        const before = rig.snapshot();
        const form = name.includes('.vv') ? 'v' : name.includes('.vx') ? 'x' : 'i';
        const b = (i: number): bigint => form === 'v' ? el(before, rig.vlenb, vs1, i, sew) : form === 'x' ? U(rig.h.getBig(rs1), sew) : U(BigInt((imm << 27) >> 27), sew);
        const c = (i: number): bigint => (cin ? BigInt(bit(before, rig.vlenb, 0, i)) : 0n);
        const res = (i: number): bigint => (sub ? el(before, rig.vlenb, vs2, i, sew) - b(i) - c(i) : el(before, rig.vlenb, vs2, i, sew) + b(i) + c(i));
        const all = { vl, vstart, vm: 1 };
        const want = maskOut
          ? refMask(before, rig.vlenb, s.p, { vd, ...all }, (i) => (sub ? (res(i) < 0n ? 1 : 0) : (res(i) >> BigInt(sew) !== 0n ? 1 : 0)))
          : refElementwise(before, rig.vlenb, s.p, { vd, deew: sew, dLog: lmul, ...all }, res);
        rig.run(name, { vd, vs2, vs1: form === 'v' ? vs1 : form === 'x' ? rs1 : imm, vm: cin ? 0 : 1 });
        const msg = diff(rig.v.u8, want, rig.vlenb);
        if (msg !== undefined) throw new Error(`${name} sew=${sew} lmul=${lmul} vl=${vl}: ${msg}`);
      }
    });
  }
});

describe('merge and move', () => {
  for (const name of ['vmerge.vvm', 'vmerge.vxm', 'vmerge.vim', 'vmv.v.v', 'vmv.v.x', 'vmv.v.i']) {
    it(name, () => {
      const r = rng(name.charCodeAt(3) * 13 + name.length);
      for (let t = 0; t < 120; t++) {
        const s = setup(r);
        const { rig, sew, lmul, vl, vstart } = s;
        const n = nregs(lmul);
        const [vd, vs2, vs1] = pickGroups(r, [n, n, n]);
        const rs1 = 1 + (r() % 31), imm = r() & 31;
        rig.h.setBig(rs1, (BigInt(r()) << 32n) | BigInt(r()));
        const before = rig.snapshot();
        const move = name.startsWith('vmv');
        const form = name.endsWith('v') || name.endsWith('vvm') ? 'v' : name.includes('x') ? 'x' : 'i';
        const b = (i: number): bigint => form === 'v' ? el(before, rig.vlenb, vs1, i, sew) : form === 'x' ? rig.h.getBig(rs1) : BigInt((imm << 27) >> 27);
        const want = refElementwise(before, rig.vlenb, s.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm: 1 },
          (i) => (move || bit(before, rig.vlenb, 0, i) ? b(i) : el(before, rig.vlenb, vs2, i, sew)));
        rig.run(name, { vd, vs2: move ? 0 : vs2, vs1: form === 'v' ? vs1 : form === 'x' ? rs1 : imm, vm: move ? 1 : 0 });
        const msg = diff(rig.v.u8, want, rig.vlenb);
        if (msg !== undefined) throw new Error(`${name} sew=${sew} lmul=${lmul} vl=${vl} vstart=${vstart}: ${msg}`);
      }
    });
  }
});
