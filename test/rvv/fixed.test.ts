// Fixed-point instructions against a BigInt reference written from the spec's rounding formulas, in all
// four vxrm modes, with vxsat checked exactly.
import { describe, expect, it } from 'vitest';
import { diff, el, legalLmuls, pickGroups, refElementwise, Rig, rng, SEWS, type Policy } from './helpers.js';

const S = (v: bigint, n: number): bigint => BigInt.asIntN(n, v);
const U = (v: bigint, n: number): bigint => BigInt.asUintN(n, v);
const nregs = (l: number): number => (l > 0 ? 1 << l : 1);

/** The spec's roundoff: (v >> d) + r with r from vxrm. */
function roundoff(v: bigint, d: bigint, xrm: number): bigint {
  if (d === 0n) return v;
  const b = (k: bigint): bigint => (v >> k) & 1n;
  const low = (k: bigint): bigint => (k < 0n ? 0n : v & ((1n << (k + 1n)) - 1n)); // bits k..0
  let r: bigint;
  switch (xrm) {
    case 0: r = b(d - 1n); break;
    case 1: r = b(d - 1n) & ((low(d - 2n) !== 0n ? 1n : 0n) | b(d)); break;
    case 2: r = 0n; break;
    default: r = (1n - b(d)) & (low(d - 1n) !== 0n ? 1n : 0n);
  }
  return (v >> d) + r;
}

interface Sat { sat: boolean }
const clip = (x: bigint, lo: bigint, hi: bigint, s: Sat): bigint => {
  if (x < lo) { s.sat = true; return lo; }
  if (x > hi) { s.sat = true; return hi; }
  return x;
};
const smin = (n: number): bigint => -(1n << BigInt(n - 1)), smax = (n: number): bigint => (1n << BigInt(n - 1)) - 1n;
const umax = (n: number): bigint => (1n << BigInt(n)) - 1n;

type Ref = (a: bigint, b: bigint, sew: number, xrm: number, s: Sat) => bigint;
// [name, ref, a signed, b signed, forms, unsigned imm]
const OPS: [string, Ref, boolean, boolean, string, boolean?][] = [
  ['vsaddu', (a, b, n, _x, s) => clip(a + b, 0n, umax(n), s), false, false, 'vv vx vi'],
  ['vsadd', (a, b, n, _x, s) => clip(a + b, smin(n), smax(n), s), true, true, 'vv vx vi'],
  ['vssubu', (a, b, n, _x, s) => clip(a - b, 0n, umax(n), s), false, false, 'vv vx'],
  ['vssub', (a, b, n, _x, s) => clip(a - b, smin(n), smax(n), s), true, true, 'vv vx'],
  ['vaaddu', (a, b, _n, x) => roundoff(a + b, 1n, x), false, false, 'vv vx'],
  ['vaadd', (a, b, _n, x) => roundoff(a + b, 1n, x), true, true, 'vv vx'],
  ['vasubu', (a, b, _n, x) => roundoff(a - b, 1n, x), false, false, 'vv vx'],
  ['vasub', (a, b, _n, x) => roundoff(a - b, 1n, x), true, true, 'vv vx'],
  ['vsmul', (a, b, n, x, s) => clip(roundoff(a * b, BigInt(n - 1), x), smin(n), smax(n), s), true, true, 'vv vx'],
  ['vssrl', (a, b, n, x) => roundoff(a, U(b, 6) % BigInt(n), x), false, false, 'vv vx vi', true],
  ['vssra', (a, b, n, x) => roundoff(a, U(b, 6) % BigInt(n), x), true, false, 'vv vx vi', true],
];

const rigs = [new Rig(256, 'undisturbed'), new Rig(128, 'ones')];

function setup(r: () => number, sews = SEWS, maxLmul = 3): { rig: Rig; p: Policy; sew: number; lmul: number; vl: number; vstart: number; vm: number; xrm: number } {
  const sew = sews[r() % sews.length];
  const ls = legalLmuls(sew).filter((l) => l <= maxLmul);
  const lmul = ls[r() % ls.length];
  const rig = rigs[r() % 2];
  const ta = r() & 1, ma = r() & 1;
  rig.randomize(r);
  const max = rig.vlmax(sew, lmul);
  const vl = rig.vset(sew, lmul, r() % 3 === 0 ? max : r() % (max + 1), ta, ma);
  const vstart = r() % 4 === 0 ? r() % (vl + 1) : 0;
  rig.v.vstart = vstart;
  const xrm = r() & 3;
  rig.v.vxrm = xrm; rig.v.vxsat = 0;
  return { rig, p: { agnostic: rig.v.agnostic, ta, ma }, sew, lmul, vl, vstart, vm: r() & 1, xrm };
}

describe('fixed point', () => {
  for (const [name, ref, as, bs, forms, uimm] of OPS) {
    for (const form of forms.split(' ')) {
      it(`${name}.${form}`, () => {
        const r = rng(name.length * 101 + form.charCodeAt(1) + name.charCodeAt(2));
        for (let t = 0; t < 200; t++) {
          const c = setup(r);
          const { rig, sew, lmul, vl, vstart, vm, xrm } = c;
          const n = nregs(lmul);
          const [vd, vs2, vs1] = pickGroups(r, [n, n, n]);
          const edge = [0n, 1n, -1n, smin(sew), smax(sew), 2n];
          for (let i = 0; i < rig.vlmax(sew, lmul); i++) {
            if (r() % 3 === 0) rig.v.setElement(vs2, i, sew, edge[r() % edge.length]);
            if (r() % 3 === 0) rig.v.setElement(vs1, i, sew, edge[r() % edge.length]);
          }
          const rs1 = 1 + (r() % 31), imm = r() & 31;
          rig.h.setBig(rs1, r() % 3 === 0 ? smin(sew) : (BigInt(r()) << 32n) | BigInt(r()));
          const before = rig.snapshot();
          const ext = (x: bigint, signed: boolean): bigint => (signed ? S(x, sew) : U(x, sew));
          const b = form === 'vv' ? undefined : form === 'vx' ? ext(rig.h.getBig(rs1), bs) : ext(BigInt(uimm ? imm : (imm << 27) >> 27), bs);
          const sat: Sat = { sat: false };
          const want = refElementwise(before, rig.vlenb, c.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm },
            (i) => ref(el(before, rig.vlenb, vs2, i, sew, as), b ?? el(before, rig.vlenb, vs1, i, sew, bs), sew, xrm, sat));
          rig.run(`${name}.${form}`, { vd, vs2, vs1: form === 'vv' ? vs1 : form === 'vx' ? rs1 : imm, vm });
          const msg = diff(rig.v.u8, want, rig.vlenb);
          if (msg !== undefined) throw new Error(`${name}.${form} sew=${sew} lmul=${lmul} vl=${vl} xrm=${xrm}: ${msg}`);
          expect(rig.v.vxsat, `${name}.${form} vxsat sew=${sew}`).toBe(sat.sat ? 1 : 0);
        }
      });
    }
  }

  for (const [name, signed] of [['vnclipu', false], ['vnclip', true]] as const) {
    for (const form of ['wv', 'wx', 'wi']) {
      it(`${name}.${form}`, () => {
        const r = rng(name.length * 7 + form.charCodeAt(1));
        for (let t = 0; t < 200; t++) {
          const c = setup(r, [8, 16, 32], 2);
          const { rig, sew, lmul, vl, vstart, vm, xrm } = c;
          const n = nregs(lmul), wn = nregs(lmul + 1);
          let [vd, vs2, vs1] = pickGroups(r, [n, wn, n]);
          if (r() % 3 === 0) vd = vs2;
          for (let i = 0; i < rig.vlmax(sew, lmul); i++) if (r() % 4 === 0) rig.v.setElement(vs1, i, sew, BigInt(r() % 4));
          const rs1 = 1 + (r() % 31), imm = r() & 31;
          rig.h.setBig(rs1, BigInt(r() % 70));
          const before = rig.snapshot();
          const b = form === 'wv' ? undefined : form === 'wx' ? rig.h.getBig(rs1) : BigInt(imm);
          const sat: Sat = { sat: false };
          const want = refElementwise(before, rig.vlenb, c.p, { vd, deew: sew, dLog: lmul, vl, vstart, vm }, (i) => {
            const sh = U(b ?? el(before, rig.vlenb, vs1, i, sew), 32) % BigInt(2 * sew);
            const x = roundoff(el(before, rig.vlenb, vs2, i, 2 * sew, signed), sh, xrm);
            return signed ? clip(x, smin(sew), smax(sew), sat) : clip(x, 0n, umax(sew), sat);
          });
          rig.run(`${name}.${form}`, { vd, vs2, vs1: form === 'wv' ? vs1 : form === 'wx' ? rs1 : imm, vm });
          const msg = diff(rig.v.u8, want, rig.vlenb);
          if (msg !== undefined) throw new Error(`${name}.${form} sew=${sew} lmul=${lmul} vl=${vl} xrm=${xrm}: ${msg}`);
          expect(rig.v.vxsat).toBe(sat.sat ? 1 : 0);
        }
      });
    }
  }
});
