// Vector floating point against the exact BigInt reference (src/fp/exact.ts): every instruction at SEW 16
// (Zvfh), 32 and 64 with random LMUL, vl, vstart, masks, agnostic policies and frm, operands biased toward
// the special values. The whole register file and fflags are compared (flags come from active elements only).
import { describe, expect, it } from 'vitest';
import {
  BINARY16, canonicalNaN, xAdd, xClass, xCvt, xDiv, xEq, xFma, xFromInt, xLe, xLt, xMinMax, xMul,
  xSqrt, xSub, xToInt, type Format,
} from '../../src/fp/exact.js';
import { fpFlags, ROD, RTZ } from '../../src/fp/consts.js';
import { bit, diff, el, legalLmuls, pickGroups, refElementwise, refMask, rng, setEl, type Policy } from './helpers.js';
import { VECTOR_SPECS, vectorSemantics } from '../../src/rvv/index.js';
import { FpRig, fmtOf, fpValue, fScalar, intValue, setF, unbox } from './fp-helpers.js';

const rigs = [new FpRig(256, 'undisturbed'), new FpRig(256, 'ones'), new FpRig(128, 'ones'), new FpRig(512, 'undisturbed')];
const nregs = (l: number): number => (l > 0 ? 1 << l : 1);

interface Setup { rig: FpRig; p: Policy; sew: number; lmul: number; vl: number; vstart: number; vm: number; rm: number; r: () => number }

function setup(r: () => number, sews: number[], maxLmul = 3, zeroStart = false): Setup {
  const sew = sews[r() % sews.length];
  const ls = legalLmuls(sew).filter((l) => l <= maxLmul);
  const lmul = ls[r() % ls.length];
  const rig = rigs[r() % rigs.length];
  const ta = r() & 1, ma = r() & 1;
  rig.randomize(r);
  const max = rig.vlmax(sew, lmul);
  const vl = rig.vset(sew, lmul, r() % 4 === 0 ? max : r() % (max + 1), ta, ma);
  const vstart = !zeroStart && r() % 5 === 0 ? r() % (vl + 2) : 0;
  rig.v.vstart = vstart;
  const rm = r() % 5;
  rig.h.frm = rm;
  rig.h.fflags = 0;
  return { rig, p: { agnostic: rig.v.agnostic, ta, ma }, sew, lmul, vl, vstart, vm: r() & 1, rm, r };
}

/** Fill elements [0, n) of group g at width w with values from gen. */
function fill(s: Setup, g: number, w: number, n: number, gen: () => bigint): void {
  const img = s.rig.v.u8;
  for (let i = 0; i < n; i++) setEl(img, s.rig.vlenb, g, i, w, gen());
}

/** Run and compare the register file and fflags with the reference (computed first, flags included). */
function check(s: Setup, what: string, name: string, fields: Record<string, number>, want: Uint8Array, flags: number): void {
  s.rig.run(name, fields);
  const msg = diff(s.rig.v.u8, want, s.rig.vlenb);
  expect(msg, `${what}: ${msg}`).toBeUndefined();
  expect(s.rig.h.fflags, `${what}: fflags`).toBe(flags);
  expect(s.rig.v.vstart, `${what}: vstart`).toBe(0);
}

const describeSetup = (s: Setup, name: string): string =>
  `${name} sew=${s.sew} lmul=${s.lmul} vl=${s.vl} vstart=${s.vstart} vm=${s.vm} rm=${s.rm} ${s.p.agnostic}/${s.p.ta}${s.p.ma}`;

// ---------------------------------------------------------------- single width

type Bin = (f: Format, a: bigint, b: bigint, rm: number) => bigint;
const sgn = (f: Format, a: bigint, s: bigint): bigint => {
  const sb = 1n << BigInt(f.w - 1);
  return (a & (sb - 1n)) | (s & sb);
};
const BINOPS: [string, Bin, string][] = [
  ['vfadd', (f, a, b, rm) => xAdd(f, a, b, rm), 'vv vf'],
  ['vfsub', (f, a, b, rm) => xSub(f, a, b, rm), 'vv vf'],
  ['vfrsub', (f, a, b, rm) => xSub(f, b, a, rm), 'vf'],
  ['vfmul', (f, a, b, rm) => xMul(f, a, b, rm), 'vv vf'],
  ['vfdiv', (f, a, b, rm) => xDiv(f, a, b, rm), 'vv vf'],
  ['vfrdiv', (f, a, b, rm) => xDiv(f, b, a, rm), 'vf'],
  ['vfmin', (f, a, b) => xMinMax(f, a, b, false), 'vv vf'],
  ['vfmax', (f, a, b) => xMinMax(f, a, b, true), 'vv vf'],
  ['vfsgnj', (f, a, b) => sgn(f, a, b), 'vv vf'],
  ['vfsgnjn', (f, a, b) => sgn(f, a, ~b), 'vv vf'],
  ['vfsgnjx', (f, a, b) => sgn(f, a, a ^ b), 'vv vf'],
];

describe('single-width arithmetic', () => {
  for (const [op, ref, forms] of BINOPS) {
    for (const form of forms.split(' ')) {
      it(`${op}.${form}`, () => {
        const r = rng(op.length * 977 + form.charCodeAt(1));
        for (let t = 0; t < 60; t++) {
          const s = setup(r, [16, 32, 64]);
          const f = fmtOf(s.sew), n = nregs(s.lmul), [vd, vs2, vs1] = pickGroups(r, [n, n, n]);
          const vlmax = s.rig.vlmax(s.sew, s.lmul);
          fill(s, vs2, s.sew, vlmax, () => fpValue(r, f));
          fill(s, vs1, s.sew, vlmax, () => fpValue(r, f));
          const raw = fScalar(r, s.sew);
          setF(s.rig, 10, raw);
          const before = s.rig.snapshot(), vb = s.rig.vlenb;
          fpFlags.v = 0;
          const want = refElementwise(before, vb, s.p, { vd, deew: s.sew, dLog: s.lmul, vl: s.vl, vstart: s.vstart, vm: s.vm }, (i) =>
            ref(f, el(before, vb, vs2, i, s.sew), form === 'vv' ? el(before, vb, vs1, i, s.sew) : unbox(raw, s.sew), s.rm));
          check(s, describeSetup(s, `${op}.${form}`), `${op}.${form}`, { vd, vs2, vs1: form === 'vv' ? vs1 : 10, vm: s.vm }, want, fpFlags.v);
        }
      });
    }
  }
});

// vd = ±(vs1 * vs2) ± vd  /  vd = ±(vs1 * vd) ± vs2; neg bit 0 negates the product, bit 1 the addend.
const FMAS: [string, number, boolean][] = [
  ['vfmacc', 0, false], ['vfnmacc', 3, false], ['vfmsac', 2, false], ['vfnmsac', 1, false],
  ['vfmadd', 0, true], ['vfnmadd', 3, true], ['vfmsub', 2, true], ['vfnmsub', 1, true],
];

describe('fused multiply-add', () => {
  for (const [op, neg, vdMul] of FMAS) {
    for (const form of ['vv', 'vf']) {
      it(`${op}.${form}`, () => {
        const r = rng(op.length * 131 + neg * 7 + form.charCodeAt(1));
        for (let t = 0; t < 60; t++) {
          const s = setup(r, [16, 32, 64]);
          const f = fmtOf(s.sew), n = nregs(s.lmul), [vd, vs2, vs1] = pickGroups(r, [n, n, n]);
          const vlmax = s.rig.vlmax(s.sew, s.lmul);
          for (const g of [vd, vs2, vs1]) fill(s, g, s.sew, vlmax, () => fpValue(r, f));
          const raw = fScalar(r, s.sew);
          setF(s.rig, 10, raw);
          const before = s.rig.snapshot(), vb = s.rig.vlenb;
          fpFlags.v = 0;
          const want = refElementwise(before, vb, s.p, { vd, deew: s.sew, dLog: s.lmul, vl: s.vl, vstart: s.vstart, vm: s.vm }, (i) => {
            const b = form === 'vv' ? el(before, vb, vs1, i, s.sew) : unbox(raw, s.sew);
            const a = el(before, vb, vs2, i, s.sew), c = el(before, vb, vd, i, s.sew);
            return vdMul ? xFma(f, b, c, a, neg, s.rm) : xFma(f, b, a, c, neg, s.rm);
          });
          check(s, describeSetup(s, `${op}.${form}`), `${op}.${form}`, { vd, vs2, vs1: form === 'vv' ? vs1 : 10, vm: s.vm }, want, fpFlags.v);
        }
      });
    }
  }
});

// ---------------------------------------------------------------- widening arithmetic

describe('widening arithmetic', () => {
  const ops: [string, (f: Format, a: bigint, b: bigint, c: bigint, rm: number) => bigint, boolean][] = [
    ['vfwadd', (f, a, b, _c, rm) => xAdd(f, a, b, rm), false],
    ['vfwsub', (f, a, b, _c, rm) => xSub(f, a, b, rm), false],
    ['vfwmul', (f, a, b, _c, rm) => xMul(f, a, b, rm), false],
    ['vfwmacc', (f, a, b, c, rm) => xFma(f, b, a, c, 0, rm), true],
    ['vfwnmacc', (f, a, b, c, rm) => xFma(f, b, a, c, 3, rm), true],
    ['vfwmsac', (f, a, b, c, rm) => xFma(f, b, a, c, 2, rm), true],
    ['vfwnmsac', (f, a, b, c, rm) => xFma(f, b, a, c, 1, rm), true],
  ];
  for (const [op, ref, acc] of ops) {
    const forms = op === 'vfwadd' || op === 'vfwsub' ? ['vv', 'vf', 'wv', 'wf'] : ['vv', 'vf'];
    for (const form of forms) {
      it(`${op}.${form}`, () => {
        const r = rng(op.length * 71 + form.charCodeAt(0) * 3 + form.charCodeAt(1));
        for (let t = 0; t < 60; t++) {
          const s = setup(r, [16, 32], 2);
          const nf = fmtOf(s.sew), wf = fmtOf(2 * s.sew), aWide = form[0] === 'w';
          const n = nregs(s.lmul), wn = nregs(s.lmul + 1);
          const [vd, vs2, vs1] = pickGroups(r, [wn, aWide ? wn : n, n]);
          const vlmax = s.rig.vlmax(s.sew, s.lmul);
          fill(s, vs2, aWide ? 2 * s.sew : s.sew, vlmax, () => fpValue(r, aWide ? wf : nf));
          fill(s, vs1, s.sew, vlmax, () => fpValue(r, nf));
          fill(s, vd, 2 * s.sew, vlmax, () => fpValue(r, wf));
          const raw = fScalar(r, s.sew);
          setF(s.rig, 11, raw);
          const before = s.rig.snapshot(), vb = s.rig.vlenb;
          const widen = (x: bigint): bigint => xCvt(nf, wf, x, 0);
          fpFlags.v = 0;
          const want = refElementwise(before, vb, s.p, { vd, deew: 2 * s.sew, dLog: s.lmul + 1, vl: s.vl, vstart: s.vstart, vm: s.vm }, (i) => {
            const a = aWide ? el(before, vb, vs2, i, 2 * s.sew) : widen(el(before, vb, vs2, i, s.sew));
            const b = widen(form[1] === 'v' ? el(before, vb, vs1, i, s.sew) : unbox(raw, s.sew));
            return ref(wf, a, b, acc ? el(before, vb, vd, i, 2 * s.sew) : 0n, s.rm);
          });
          const name = `${op}.${form}`;
          check(s, describeSetup(s, name), name, { vd, vs2, vs1: form[1] === 'v' ? vs1 : 11, vm: s.vm }, want, fpFlags.v);
        }
      });
    }
  }
});

// ---------------------------------------------------------------- unary and conversions

/** Independent reference for the estimates: the spec's algorithm on BigInt bit fields. */
function estimateRef(f: Format, a: bigint, rec: boolean, rm: number): bigint {
  const fb = BigInt(f.fb), emaxF = (1n << BigInt(f.eb)) - 1n, B = BigInt(f.bias);
  const sign = a >> BigInt(f.w - 1), e = (a >> fb) & emaxF, fr = a & ((1n << fb) - 1n);
  const sb = sign << BigInt(f.w - 1), inf = sb | (emaxF << fb);
  if (e === emaxF && fr !== 0n) { if ((fr >> (fb - 1n)) === 0n) fpFlags.v |= 16; return canonicalNaN(f); }
  if (e === emaxF) { if (!rec && sign) { fpFlags.v |= 16; return canonicalNaN(f); } return sb; }
  if (e === 0n && fr === 0n) { fpFlags.v |= 8; return inf; }
  if (!rec && sign) { fpFlags.v |= 16; return canonicalNaN(f); }
  let ne = e, nf = fr;
  if (e === 0n) {
    // Subnormal: exponent -(leading zeros of the fraction); the fraction shifted left past its leading one.
    let lz = 0n;
    while (((fr << lz) >> (fb - 1n)) === 0n) lz++;
    ne = -lz;
    nf = (fr << (1n + lz)) & ((1n << fb) - 1n);
  }
  const rsq = [
    52, 51, 50, 48, 47, 46, 44, 43, 42, 41, 40, 39, 38, 36, 35, 34, 33, 32, 31, 30, 30, 29, 28, 27, 26, 25, 24, 23, 23, 22, 21, 20,
    19, 19, 18, 17, 16, 16, 15, 14, 14, 13, 12, 12, 11, 10, 10, 9, 9, 8, 7, 7, 6, 6, 5, 4, 4, 3, 3, 2, 2, 1, 1, 0,
    127, 125, 123, 121, 119, 118, 116, 114, 113, 111, 109, 108, 106, 105, 103, 102, 100, 99, 97, 96, 95, 93, 92, 91, 90, 88, 87,
    86, 85, 84, 83, 82, 80, 79, 78, 77, 76, 75, 74, 73, 72, 71, 70, 70, 69, 68, 67, 66, 65, 64, 63, 63, 62, 61, 60, 59, 59, 58,
    57, 56, 56, 55, 54, 53];
  const rc = [
    127, 125, 123, 121, 119, 117, 116, 114, 112, 110, 109, 107, 105, 104, 102, 100, 99, 97, 96, 94, 93, 91, 90, 88, 87, 85, 84,
    83, 81, 80, 79, 77, 76, 75, 74, 72, 71, 70, 69, 68, 66, 65, 64, 63, 62, 61, 60, 59, 58, 57, 56, 55, 54, 53, 52, 51, 50, 49,
    48, 47, 46, 45, 44, 43, 42, 41, 40, 40, 39, 38, 37, 36, 35, 35, 34, 33, 32, 31, 31, 30, 29, 28, 28, 27, 26, 25, 25, 24, 23,
    23, 22, 21, 21, 20, 19, 19, 18, 17, 17, 16, 15, 15, 14, 14, 13, 12, 12, 11, 11, 10, 9, 9, 8, 8, 7, 7, 6, 5, 5, 4, 4, 3, 3, 2,
    2, 1, 1, 0];
  if (!rec) {
    const idx = Number(((ne & 1n) << 6n) | (nf >> (fb - 6n)));
    const oe = (3n * B - 1n - ne) / 2n;
    return sb | (oe << fb) | (BigInt(rsq[idx]) << (fb - 7n));
  }
  const oe = 2n * B - 1n - ne;
  if (oe > 2n * B) {
    fpFlags.v |= 5;
    const toMax = rm === 1 || (sign ? rm === 3 : rm === 2);
    return toMax ? inf - 1n : inf;
  }
  const sig = BigInt(rc[Number(nf >> (fb - 7n))]) << (fb - 7n);
  if (oe <= 0n) return sb | (((1n << fb) | sig) >> (1n - oe));
  return sb | (oe << fb) | sig;
}

describe('estimates', () => {
  it('the spec examples', () => {
    const r = rng(5);
    const s = setup(r, [32]);
    const rig = s.rig;
    rig.vset(32, 0, 2);
    rig.v.i32[8 * rig.vlenb / 4] = 0x00718abc; rig.v.i32[8 * rig.vlenb / 4 + 1] = 0x7f765432;
    rig.run('vfrsqrt7.v', { vd: 16, vs2: 8 });
    expect([rig.v.u32[16 * rig.vlenb / 4], rig.v.u32[16 * rig.vlenb / 4 + 1]]).toEqual([0x5f080000, 0x1f820000]);
    rig.run('vfrec7.v', { vd: 16, vs2: 8 });
    expect([rig.v.u32[16 * rig.vlenb / 4], rig.v.u32[16 * rig.vlenb / 4 + 1]]).toEqual([0x7e900000, 0x00214000]);
  });
  it('every binary16 input against the reference (vfrec7 in every rounding mode)', () => {
    const rig = new FpRig(256);
    for (const rec of [true, false]) {
      for (let rm = 0; rm < (rec ? 5 : 1); rm++) {
        rig.h.frm = rm;
        for (let base = 0; base < 65536; base += 128) {
          rig.vset(16, 3, 128);
          for (let i = 0; i < 128; i++) rig.v.u16[8 * rig.vlenb / 2 + i] = base + i;
          rig.h.fflags = 0;
          rig.run(rec ? 'vfrec7.v' : 'vfrsqrt7.v', { vd: 16, vs2: 8 });
          fpFlags.v = 0;
          for (let i = 0; i < 128; i++) {
            const a = BigInt(base + i);
            const got = BigInt(rig.v.u16[16 * rig.vlenb / 2 + i]);
            expect(got, `${rec ? 'rec7' : 'rsqrt7'}(0x${a.toString(16)}) rm=${rm}`).toBe(estimateRef(BINARY16, a, rec, rm));
          }
          expect(rig.h.fflags).toBe(fpFlags.v);
        }
      }
    }
  }, 120_000);
  for (const sew of [16, 32, 64]) {
    for (const op of ['vfrec7.v', 'vfrsqrt7.v']) {
      it(`${op} at SEW ${sew}: random inputs against the reference, accuracy`, () => {
        const r = rng(sew * 3 + op.length);
        for (let t = 0; t < 50; t++) {
          const s = setup(r, [sew]);
          const f = fmtOf(sew), n = nregs(s.lmul), [vd, vs2] = pickGroups(r, [n, n]);
          fill(s, vs2, sew, s.rig.vlmax(sew, s.lmul), () => fpValue(r, f));
          const before = s.rig.snapshot(), vb = s.rig.vlenb;
          fpFlags.v = 0;
          const want = refElementwise(before, vb, s.p, { vd, deew: sew, dLog: s.lmul, vl: s.vl, vstart: s.vstart, vm: s.vm },
            (i) => estimateRef(f, el(before, vb, vs2, i, sew), op === 'vfrec7.v', s.rm));
          check(s, describeSetup(s, op), op, { vd, vs2, vm: s.vm }, want, fpFlags.v);
        }
      });
    }
  }
  it('binary32 estimates are within 2^-7 relative error', () => {
    const rig = new FpRig(256), r = rng(77);
    rig.vset(32, 3, 64);
    const b8 = 8 * rig.vlenb / 4, b16 = 16 * rig.vlenb / 4;
    for (let t = 0; t < 50; t++) {
      for (let i = 0; i < 64; i++) rig.v.u32[b8 + i] = (r() & 0x7fffffff) % 0x7f800000 || 1;
      rig.run('vfrec7.v', { vd: 16, vs2: 8 });
      for (let i = 0; i < 64; i++) {
        const x = rig.v.f32[b8 + i], y = rig.v.f32[b16 + i];
        if (Math.abs(x) < 2 ** -126 || Math.abs(x) > 2 ** 126) continue;
        expect(Math.abs(x * y - 1)).toBeLessThan(2 ** -7);
      }
      rig.run('vfrsqrt7.v', { vd: 16, vs2: 8 });
      for (let i = 0; i < 64; i++) {
        const x = rig.v.f32[b8 + i], y = rig.v.f32[b16 + i];
        expect(Math.abs(y * Math.sqrt(x) - 1)).toBeLessThan(2 ** -7);
      }
    }
  });
});

describe('unary and single-width conversions', () => {
  const ops: [string, (f: Format, a: bigint, rm: number, sew: number) => bigint, boolean][] = [
    ['vfsqrt.v', (f, a, rm) => xSqrt(f, a, rm), false],
    ['vfclass.v', (f, a) => BigInt(xClass(f, a)), false],
    ['vfcvt.xu.f.v', (f, a, rm, sew) => xToInt(f, a, rm, sew, false), false],
    ['vfcvt.x.f.v', (f, a, rm, sew) => xToInt(f, a, rm, sew, true), false],
    ['vfcvt.rtz.xu.f.v', (f, a, _rm, sew) => xToInt(f, a, RTZ, sew, false), false],
    ['vfcvt.rtz.x.f.v', (f, a, _rm, sew) => xToInt(f, a, RTZ, sew, true), false],
    ['vfcvt.f.xu.v', (f, a, rm) => xFromInt(f, a, rm), true],
    ['vfcvt.f.x.v', (f, a, rm, sew) => xFromInt(f, BigInt.asIntN(sew, a), rm), true],
  ];
  for (const [op, ref, fromInt] of ops) {
    it(op, () => {
      const r = rng(op.length * 13 + op.charCodeAt(6));
      for (let t = 0; t < 80; t++) {
        const s = setup(r, [16, 32, 64]);
        const f = fmtOf(s.sew), n = nregs(s.lmul), [vd, vs2] = pickGroups(r, [n, n]);
        fill(s, vs2, s.sew, s.rig.vlmax(s.sew, s.lmul), () => (fromInt ? intValue(r, s.sew) : fpValue(r, f)));
        const before = s.rig.snapshot(), vb = s.rig.vlenb;
        fpFlags.v = 0;
        const want = refElementwise(before, vb, s.p, { vd, deew: s.sew, dLog: s.lmul, vl: s.vl, vstart: s.vstart, vm: s.vm },
          (i) => ref(f, el(before, vb, vs2, i, s.sew), s.rm, s.sew));
        check(s, describeSetup(s, op), op, { vd, vs2, vm: s.vm }, want, fpFlags.v);
      }
    });
  }
});

describe('widening and narrowing conversions', () => {
  // [name, widening?, source kind, destination kind, reference(nf, wf, a, rm, sew)]
  type K = 'f' | 'u' | 's';
  const ops: [string, boolean, K, K, number | undefined][] = [
    ['vfwcvt.xu.f.v', true, 'f', 'u', undefined], ['vfwcvt.x.f.v', true, 'f', 's', undefined],
    ['vfwcvt.rtz.xu.f.v', true, 'f', 'u', RTZ], ['vfwcvt.rtz.x.f.v', true, 'f', 's', RTZ],
    ['vfwcvt.f.xu.v', true, 'u', 'f', undefined], ['vfwcvt.f.x.v', true, 's', 'f', undefined], ['vfwcvt.f.f.v', true, 'f', 'f', undefined],
    ['vfncvt.xu.f.w', false, 'f', 'u', undefined], ['vfncvt.x.f.w', false, 'f', 's', undefined],
    ['vfncvt.rtz.xu.f.w', false, 'f', 'u', RTZ], ['vfncvt.rtz.x.f.w', false, 'f', 's', RTZ],
    ['vfncvt.f.xu.w', false, 'u', 'f', undefined], ['vfncvt.f.x.w', false, 's', 'f', undefined],
    ['vfncvt.f.f.w', false, 'f', 'f', undefined], ['vfncvt.rod.f.f.w', false, 'f', 'f', ROD],
  ];
  for (const [op, wide, src, dst, fixed] of ops) {
    it(op, () => {
      const r = rng(op.length * 29 + op.charCodeAt(7) + op.charCodeAt(8));
      // SEW: the narrow side. Integer narrow sides go down to 8 (binary16 on the float side).
      const narrowIsInt = wide ? src !== 'f' : dst !== 'f';
      const sews = narrowIsInt ? [8, 16, 32] : [16, 32];
      for (let t = 0; t < 80; t++) {
        const s = setup(r, sews, 2);
        const sw = wide ? s.sew : 2 * s.sew, dw = wide ? 2 * s.sew : s.sew;
        const n = nregs(s.lmul), wn = nregs(s.lmul + 1);
        const [vd, vs2] = pickGroups(r, [wide ? wn : n, wide ? n : wn]);
        fill(s, vs2, sw, s.rig.vlmax(s.sew, s.lmul), () => (src === 'f' ? fpValue(r, fmtOf(sw)) : intValue(r, sw)));
        const before = s.rig.snapshot(), vb = s.rig.vlenb;
        const rm = fixed ?? s.rm;
        fpFlags.v = 0;
        const want = refElementwise(before, vb, s.p, { vd, deew: dw, dLog: wide ? s.lmul + 1 : s.lmul, vl: s.vl, vstart: s.vstart, vm: s.vm }, (i) => {
          const a = el(before, vb, vs2, i, sw);
          if (src === 'f' && dst === 'f') return xCvt(fmtOf(sw), fmtOf(dw), a, rm);
          if (src === 'f') return xToInt(fmtOf(sw), a, rm, dw, dst === 's');
          return xFromInt(fmtOf(dw), src === 's' ? BigInt.asIntN(sw, a) : a, rm);
        });
        check(s, describeSetup(s, op), op, { vd, vs2, vm: s.vm }, want, fpFlags.v);
      }
    });
  }
});

// ---------------------------------------------------------------- compares

describe('compares', () => {
  const ops: [string, (f: Format, a: bigint, b: bigint) => number, string][] = [
    ['vmfeq', (f, a, b) => xEq(f, a, b), 'vv vf'],
    ['vmfne', (f, a, b) => xEq(f, a, b) ^ 1, 'vv vf'],
    ['vmflt', (f, a, b) => xLt(f, a, b), 'vv vf'],
    ['vmfle', (f, a, b) => xLe(f, a, b), 'vv vf'],
    ['vmfgt', (f, a, b) => xLt(f, b, a), 'vf'],
    ['vmfge', (f, a, b) => xLe(f, b, a), 'vf'],
  ];
  for (const [op, ref, forms] of ops) {
    for (const form of forms.split(' ')) {
      it(`${op}.${form}`, () => {
        const r = rng(op.charCodeAt(3) * 17 + op.charCodeAt(4) + form.charCodeAt(1));
        for (let t = 0; t < 60; t++) {
          const s = setup(r, [16, 32, 64]);
          const f = fmtOf(s.sew), n = nregs(s.lmul);
          const [vs2, vs1] = pickGroups(r, [n, n]);
          // The destination: a free register, v0 itself, or the lowest register of a source.
          const k = r() % 4;
          let vd = k === 0 ? 0 : k === 1 ? vs2 : k === 2 && form === 'vv' ? vs1 : 0;
          if (k === 3) { vd = 1 + (r() % 31); if (vd < vs2 + n && vs2 < vd + 1 && vd !== vs2) vd = vs2; if (form === 'vv' && vd < vs1 + n && vs1 < vd + 1 && vd !== vs1) vd = vs1; }
          const vlmax = s.rig.vlmax(s.sew, s.lmul);
          fill(s, vs2, s.sew, vlmax, () => fpValue(r, f));
          fill(s, vs1, s.sew, vlmax, () => (r() % 3 === 0 ? el(s.rig.v.u8, s.rig.vlenb, vs2, 0, s.sew) : fpValue(r, f)));
          const raw = fScalar(r, s.sew);
          setF(s.rig, 12, raw);
          const before = s.rig.snapshot(), vb = s.rig.vlenb;
          fpFlags.v = 0;
          const want = refMask(before, vb, s.p, { vd, vl: s.vl, vstart: s.vstart, vm: s.vm },
            (i) => ref(f, el(before, vb, vs2, i, s.sew), form === 'vv' ? el(before, vb, vs1, i, s.sew) : unbox(raw, s.sew)));
          check(s, describeSetup(s, `${op}.${form} vd=v${vd}`), `${op}.${form}`, { vd, vs2, vs1: form === 'vv' ? vs1 : 12, vm: s.vm }, want, fpFlags.v);
        }
      });
    }
  }
});

// ---------------------------------------------------------------- reductions

describe('reductions', () => {
  const ops: [string, boolean, (f: Format, acc: bigint, a: bigint, rm: number) => bigint][] = [
    ['vfredusum.vs', false, (f, acc, a, rm) => xAdd(f, acc, a, rm)],
    ['vfredosum.vs', false, (f, acc, a, rm) => xAdd(f, acc, a, rm)],
    ['vfredmin.vs', false, (f, acc, a) => xMinMax(f, acc, a, false)],
    ['vfredmax.vs', false, (f, acc, a) => xMinMax(f, acc, a, true)],
    ['vfwredusum.vs', true, (f, acc, a, rm) => xAdd(f, acc, a, rm)],
    ['vfwredosum.vs', true, (f, acc, a, rm) => xAdd(f, acc, a, rm)],
  ];
  for (const [op, wide, ref] of ops) {
    it(op, () => {
      const r = rng(op.length * 41 + op.charCodeAt(5));
      for (let t = 0; t < 80; t++) {
        const s = setup(r, wide ? [16, 32] : [16, 32, 64], 3, true);
        const dw = wide ? 2 * s.sew : s.sew, nf = fmtOf(s.sew), wf = fmtOf(dw), n = nregs(s.lmul);
        const [vs2, vs1, vd] = pickGroups(r, [n, 1, 1]);
        fill(s, vs2, s.sew, s.rig.vlmax(s.sew, s.lmul), () => (r() % 3 === 0 ? fpValue(r, nf) : BigInt(r() % 3 === 0 ? 0 : 1) * fpValue(r, nf)));
        fill(s, vs1, dw, 1, () => fpValue(r, wf));
        const before = s.rig.snapshot(), vb = s.rig.vlenb;
        const want = before.slice();
        fpFlags.v = 0;
        if (s.vl > 0) {
          let acc = el(before, vb, vs1, 0, dw);
          for (let i = 0; i < s.vl; i++) {
            if (s.vm === 0 && bit(before, vb, 0, i) === 0) continue;
            const a = el(before, vb, vs2, i, s.sew);
            acc = ref(wf, acc, wide ? xCvt(nf, wf, a, 0) : a, s.rm);
          }
          setEl(want, vb, vd, 0, dw, acc);
          if (s.p.agnostic === 'ones' && s.p.ta) for (let i = 1; i < vb * 8 / dw; i++) setEl(want, vb, vd, i, dw, -1n);
        }
        check(s, describeSetup(s, op), op, { vd, vs2, vs1, vm: s.vm }, want, fpFlags.v);
      }
    });
  }
});

// ---------------------------------------------------------------- moves, merge, slides

describe('moves, merge and slides', () => {
  it('vfmv.v.f and vfmerge.vfm write the NaN-boxed scalar (canonical NaN when improperly boxed)', () => {
    const r = rng(3);
    for (let t = 0; t < 80; t++) {
      const s = setup(r, [16, 32, 64]);
      const n = nregs(s.lmul), [vd, vs2] = pickGroups(r, [n, n]);
      const raw = fScalar(r, s.sew);
      setF(s.rig, 5, raw);
      const merge = (r() & 1) === 1, before = s.rig.snapshot(), vb = s.rig.vlenb;
      // Merge uses v0 as a selector: every body element is written.
      const want = refElementwise(before, vb, { ...s.p, ma: 0 }, { vd, deew: s.sew, dLog: s.lmul, vl: s.vl, vstart: s.vstart, vm: 1 },
        (i) => (merge && bit(before, vb, 0, i) === 0 ? el(before, vb, vs2, i, s.sew) : unbox(raw, s.sew)));
      check(s, describeSetup(s, merge ? 'vfmerge' : 'vfmv.v.f'), merge ? 'vfmerge.vfm' : 'vfmv.v.f', merge ? { vd, vs2, rs1: 5, vm: 0 } : { vd, rs1: 5 }, want, 0);
    }
  });
  it('vfmv.s.f, vfmv.f.s (NaN-boxing the result), vfslide1up/down.vf', () => {
    const r = rng(4);
    for (let t = 0; t < 80; t++) {
      const s = setup(r, [16, 32, 64]);
      const n = nregs(s.lmul), [vd, vs2] = pickGroups(r, [n, n]);
      const raw = fScalar(r, s.sew), sc = unbox(raw, s.sew);
      setF(s.rig, 7, raw);
      const before = s.rig.snapshot(), vb = s.rig.vlenb;
      const k = r() % 4;
      if (k === 0) {
        const want = before.slice();
        if (s.vstart < s.vl) {
          setEl(want, vb, vd, 0, s.sew, sc);
          if (s.p.agnostic === 'ones' && s.p.ta) for (let i = 1; i < vb * 8 / s.sew; i++) setEl(want, vb, vd, i, s.sew, -1n);
        }
        check(s, describeSetup(s, 'vfmv.s.f'), 'vfmv.s.f', { vd, rs1: 7 }, want, 0);
      } else if (k === 1) {
        check(s, describeSetup(s, 'vfmv.f.s'), 'vfmv.f.s', { vd: 9, vs2 }, before, 0);
        const e = el(before, vb, vs2, 0, s.sew);
        const got = (BigInt(s.rig.h.fi[19] >>> 0) << 32n) | BigInt(s.rig.h.fi[18] >>> 0);
        expect(got).toBe(s.sew === 64 ? e : ((1n << 64n) - (1n << BigInt(s.sew))) | e);
      } else {
        const up = k === 2, name = up ? 'vfslide1up.vf' : 'vfslide1down.vf';
        const want = refElementwise(before, vb, s.p, { vd, deew: s.sew, dLog: s.lmul, vl: s.vl, vstart: s.vstart, vm: s.vm }, (i) => {
          if (up) return i === 0 ? sc : el(before, vb, vs2, i - 1, s.sew);
          return i === s.vl - 1 ? sc : el(before, vb, vs2, i + 1, s.sew);
        });
        check(s, describeSetup(s, name), name, { vd, vs2, rs1: 7, vm: s.vm }, want, 0);
      }
    }
  });
});

// ---------------------------------------------------------------- legality and flags

describe('legality and flags', () => {
  it('every vector instruction, the floating-point ones included, has semantics', () => {
    const missing = VECTOR_SPECS.filter((sp) => !Object.prototype.hasOwnProperty.call(vectorSemantics, sp.name)).map((sp) => sp.name);
    expect(missing).toEqual([]);
  });
  const illegal = (rig: FpRig, name: string, f: Record<string, number> = { vd: 8, vs2: 16, vs1: 24 }): void => {
    expect(() => rig.run(name, f), name).toThrow(/illegal/);
  };
  it('binary16 needs Zvfh; Zvfhmin allows only vfwcvt.f.f.v and vfncvt.f.f.w', () => {
    const none = new FpRig(256, 'undisturbed', new Set([...new FpRig().exts].filter((e) => e !== 'Zvfh')));
    none.vset(16, 0, 4);
    for (const n of ['vfadd.vv', 'vfmacc.vv', 'vfredusum.vs', 'vmfeq.vv', 'vfwcvt.f.f.v', 'vfncvt.f.f.w', 'vfmv.f.s', 'vfmv.v.f', 'vfwadd.vv', 'vfsqrt.v']) illegal(none, n);
    const min = new FpRig(256, 'undisturbed', new Set([...none.exts, 'Zvfhmin']));
    min.vset(16, 0, 4);
    for (const n of ['vfadd.vv', 'vfncvt.rod.f.f.w', 'vfwadd.vv', 'vfwcvt.x.f.v', 'vfncvt.f.x.w']) illegal(min, n);
    min.run('vfwcvt.f.f.v', { vd: 8, vs2: 16 });
    min.run('vfncvt.f.f.w', { vd: 8, vs2: 16 });
    min.run('vfwcvt.f.xu.v', { vd: 8, vs2: 16 }); // int16 -> binary32 needs no binary16
    min.vset(8, 0, 4);
    illegal(min, 'vfwcvt.f.x.v'); illegal(min, 'vfncvt.x.f.w');
    const full = new FpRig(256);
    full.vset(8, 0, 4);
    full.run('vfwcvt.f.x.v', { vd: 8, vs2: 16 });
    full.run('vfncvt.rtz.x.f.w', { vd: 8, vs2: 16 });
    for (const n of ['vfadd.vv', 'vfwcvt.f.f.v', 'vfcvt.f.x.v', 'vfmv.f.s', 'vfwredusum.vs']) illegal(full, n);
    full.vset(64, 0, 2);
    for (const n of ['vfwadd.vv', 'vfwcvt.f.f.v', 'vfncvt.f.f.w', 'vfwredosum.vs', 'vfwmacc.vv']) illegal(full, n);
  });
  it('a reserved frm makes every vector FP instruction illegal', () => {
    const rig = new FpRig(256);
    rig.vset(32, 0, 4);
    for (const frm of [5, 6, 7]) {
      rig.h.frm = frm;
      for (const n of ['vfadd.vv', 'vfsgnj.vv', 'vmfeq.vv', 'vfclass.v', 'vfmv.v.f', 'vfmv.f.s', 'vfmerge.vfm', 'vfredmax.vs', 'vfcvt.rtz.x.f.v', 'vfncvt.rod.f.f.w']) {
        illegal(rig, n, { vd: 8, vs2: 16, vs1: 24, vm: n === 'vfmerge.vfm' ? 0 : 1 });
      }
    }
    rig.h.frm = 0;
    rig.run('vfadd.vv', { vd: 8, vs2: 16, vs1: 24 });
  });
  it('masked-off and tail elements raise no flags; vl = 0 writes nothing', () => {
    const rig = new FpRig(256);
    rig.vset(32, 0, 8);
    const b16 = 16 * rig.vlenb / 4;
    for (let i = 0; i < 8; i++) rig.v.i32[b16 + i] = 0x7f800001; // sNaN
    rig.v.u8.fill(0, 0, rig.vlenb); // v0: nothing active
    rig.h.fflags = 0;
    rig.run('vfadd.vv', { vd: 8, vs2: 16, vs1: 16, vm: 0 });
    rig.run('vmfeq.vv', { vd: 9, vs2: 16, vs1: 16, vm: 0 });
    rig.run('vfredosum.vs', { vd: 9, vs2: 16, vs1: 24, vm: 0 });
    expect(rig.h.fflags).toBe(0);
    rig.v.u8[0] = 0x80; // element 7 active
    rig.run('vfadd.vv', { vd: 8, vs2: 16, vs1: 16, vm: 0 });
    expect(rig.h.fflags).toBe(16);
    rig.h.fflags = 0;
    rig.vset(32, 0, 0);
    const snap = rig.snapshot();
    rig.run('vfadd.vv', { vd: 8, vs2: 16, vs1: 16 });
    rig.run('vfredusum.vs', { vd: 8, vs2: 16, vs1: 16 });
    expect(rig.h.fflags).toBe(0);
    expect(diff(rig.v.u8, snap, rig.vlenb)).toBeUndefined();
  });
  it('a reduction with no active element copies vs1[0] unchanged (a signaling NaN too)', () => {
    const rig = new FpRig(256);
    rig.vset(64, 0, 2);
    rig.v.u8.fill(0, 0, rig.vlenb);
    const b24 = 24 * rig.vlenb / 4;
    rig.v.i32[b24] = 1; rig.v.i32[b24 + 1] = 0x7ff00000; // sNaN
    rig.h.fflags = 0;
    rig.run('vfredusum.vs', { vd: 8, vs2: 16, vs1: 24, vm: 0 });
    expect([rig.v.i32[8 * rig.vlenb / 4], rig.v.i32[8 * rig.vlenb / 4 + 1]]).toEqual([1, 0x7ff00000]);
    expect(rig.h.fflags).toBe(0);
  });
});
