// Vector loads and stores against a byte-level reference: unit-stride, strided and indexed (index EEW
// 8..64), segments of 1..8 fields, whole registers, masks, fault-only-first, and faults (vstart and the
// elements done before the fault).
import { describe, expect, it } from 'vitest';
import { GuestFault } from '../../src/errors.js';
import { bit, diff, el, legalLmuls, refElementwise, Rig, rng, setEl, SEWS, type Policy } from './helpers.js';

const nregs = (l: number): number => (l > 0 ? 1 << l : 1);
const BASE = 0x10000, SIZE = 0x10000, MID = BASE + SIZE / 2;
const rigs = [new Rig(256, 'undisturbed'), new Rig(128, 'ones'), new Rig(512, 'ones')];
for (const rig of rigs) rig.map(BASE, SIZE);

function fillMem(rig: Rig, r: () => number): void {
  const b = new Uint8Array(SIZE);
  for (let i = 0; i < SIZE; i++) b[i] = r() & 0xff;
  rig.mem.writeBytes(BASE, b);
}
const firstDiff = (a: Uint8Array, b: Uint8Array): number => a.findIndex((x, i) => x !== b[i]);
const memByte = (img: Uint8Array, a: number): number => img[a - BASE];
function memEl(img: Uint8Array, a: number, size: number): bigint {
  let x = 0n;
  for (let k = size - 1; k >= 0; k--) x = (x << 8n) | BigInt(memByte(img, a + k));
  return x;
}

interface C { rig: Rig; p: Policy; sew: number; lmul: number; vl: number; vstart: number; vm: number }
function setup(r: () => number, sew: number, lmul: number): C {
  const rig = rigs[r() % rigs.length];
  const ta = r() & 1, ma = r() & 1;
  rig.randomize(r);
  fillMem(rig, r);
  const max = rig.vlmax(sew, lmul);
  const vl = rig.vset(sew, lmul, r() % 3 === 0 ? max : r() % (max + 1), ta, ma);
  const vstart = r() % 4 === 0 ? r() % (vl + 1) : 0;
  rig.v.vstart = vstart;
  return { rig, p: { agnostic: rig.v.agnostic, ta, ma }, sew, lmul, vl, vstart, vm: r() & 1 };
}

const EEWS = [8, 16, 32, 64];
/** Legal (SEW, LMUL, EEW, nf) with EMUL in range and nf * EMUL <= 8. */
function pickShape(r: () => number, segs: boolean): { sew: number; lmul: number; eew: number; el: number; nf: number } {
  for (;;) {
    const sew = SEWS[r() % 4], ls = legalLmuls(sew), lmul = ls[r() % ls.length], eew = EEWS[r() % 4];
    const e = Math.log2(eew / sew) + lmul;
    if (e < -3 || e > 3) continue;
    const nf = segs ? 1 + (r() % 8) : 1;
    if (nf * nregs(e) > 8) continue;
    return { sew, lmul, eew, el: e, nf };
  }
}

describe('unit-stride and strided', () => {
  for (const kind of ['unit', 'strided'] as const) {
    for (const segs of [false, true]) {
      it(`${kind} ${segs ? 'segment ' : ''}loads and stores`, () => {
        const r = rng((kind === 'unit' ? 1 : 2) + (segs ? 10 : 0));
        for (let t = 0; t < 250; t++) {
          const { sew, lmul, eew, el: eLog, nf } = pickShape(r, segs);
          const c = setup(r, sew, lmul);
          const { rig, vl, vstart, vm } = c, vb = rig.vlenb;
          const fr = nregs(eLog), size = eew / 8;
          const vd = fr * (1 + (r() % ((32 - nf * fr) / fr)));
          const stride = kind === 'unit' ? nf * size : [0, -nf * size, 3 * size * nf, size * nf + 1, -77, 128][r() % 6];
          const base = MID + (r() % 64) - 32;
          rig.h.setBig(10, BigInt(base)); rig.h.setBig(11, BigInt(stride));
          const segName = nf > 1 ? `seg${nf}` : '';
          const store = r() % 2 === 0;
          const name = kind === 'unit' ? `v${store ? 's' : 'l'}${segName}e${eew}.v` : `v${store ? 's' : 'l'}s${segName}e${eew}.v`;
          const regsBefore = rig.snapshot(), memBefore = rig.mem.readBytes(BASE, SIZE);
          rig.run(name, { vd, rs1: 10, rs2: 11, vm });
          expect(rig.v.vstart).toBe(0);
          const where = `${name} sew=${sew} lmul=${lmul} vl=${vl} vstart=${vstart} vm=${vm} vd=${vd} stride=${stride} ${c.p.agnostic}`;
          if (!store) {
            let want = regsBefore;
            for (let f = 0; f < nf; f++) {
              want = refElementwise(want, vb, c.p, { vd: vd + f * fr, deew: eew, dLog: eLog, vl, vstart, vm },
                (i) => memEl(memBefore, base + i * stride + f * size, size));
            }
            const msg = diff(rig.v.u8, want, vb);
            if (msg !== undefined) throw new Error(`${where}: ${msg}`);
          } else {
            const want = memBefore.slice();
            for (let i = vstart; i < vl; i++) {
              if (vm === 0 && !bit(regsBefore, vb, 0, i)) continue;
              for (let f = 0; f < nf; f++) {
                const x = el(regsBefore, vb, vd + f * fr, i, eew), a = base + i * stride + f * size;
                for (let k = 0; k < size; k++) want[a - BASE + k] = Number((x >> BigInt(8 * k)) & 0xffn);
              }
            }
            const got = rig.mem.readBytes(BASE, SIZE);
            const k = got.findIndex((b, i) => b !== want[i]);
            if (k >= 0) throw new Error(`${where}: memory byte 0x${(BASE + k).toString(16)} got ${got[k]} want ${want[k]}`);
            expect(diff(rig.v.u8, regsBefore, vb)).toBeUndefined();
          }
        }
      });
    }
  }
});

describe('indexed', () => {
  for (const segs of [false, true]) {
    it(`${segs ? 'segment ' : ''}gathers and scatters`, () => {
      const r = rng(segs ? 31 : 32);
      for (let t = 0; t < 250; t++) {
        // Data: SEW/LMUL; index: EEW with EMUL = EEW/SEW * LMUL.
        let sew: number, lmul: number, ieew: number, il: number, nf: number;
        for (;;) {
          sew = SEWS[r() % 4]; const ls = legalLmuls(sew); lmul = ls[r() % ls.length]; ieew = EEWS[r() % 4];
          il = Math.log2(ieew / sew) + lmul; nf = segs ? 1 + (r() % 8) : 1;
          if (il >= -3 && il <= 3 && nf * nregs(lmul) <= 8) break;
        }
        const c = setup(r, sew, lmul);
        const { rig, vl, vstart, vm } = c, vb = rig.vlenb;
        const fr = nregs(lmul), size = sew / 8, inr = nregs(il);
        // Index group first (aligned), then a data group not overlapping it.
        const vs2 = inr * (1 + (r() % (32 / inr - 1)));
        let vd = 0;
        for (;;) {
          vd = fr * (1 + (r() % ((32 - nf * fr) / fr)));
          if (vd + nf * fr <= vs2 || vs2 + inr <= vd) break;
        }
        const max = rig.vlmax(sew, lmul);
        for (let i = 0; i < max; i++) {
          const off = BigInt(r() % 2000);
          rig.v.setElement(vs2, i, ieew, ieew === 8 ? off & 0xffn : ieew === 64 && r() % 3 === 0 ? -off : off);
        }
        const base = MID;
        rig.h.setBig(10, BigInt(base));
        const store = r() % 2 === 0, ordered = r() % 2 === 0;
        const name = `v${store ? 's' : 'l'}${ordered ? 'o' : 'u'}x${nf > 1 ? `seg${nf}` : ''}ei${ieew}.v`;
        const regsBefore = rig.snapshot(), memBefore = rig.mem.readBytes(BASE, SIZE);
        rig.run(name, { vd, rs1: 10, vs2, vm });
        const addr = (i: number): number => base + Number(BigInt.asIntN(64, el(regsBefore, vb, vs2, i, ieew)));
        const where = `${name} sew=${sew} lmul=${lmul} vl=${vl} vstart=${vstart} vm=${vm} vd=${vd} vs2=${vs2}`;
        if (!store) {
          let want = regsBefore;
          for (let f = 0; f < nf; f++) {
            want = refElementwise(want, vb, c.p, { vd: vd + f * fr, deew: sew, dLog: lmul, vl, vstart, vm }, (i) => memEl(memBefore, addr(i) + f * size, size));
          }
          const msg = diff(rig.v.u8, want, vb);
          if (msg !== undefined) throw new Error(`${where}: ${msg}`);
        } else {
          const want = memBefore.slice();
          for (let i = vstart; i < vl; i++) {
            if (vm === 0 && !bit(regsBefore, vb, 0, i)) continue;
            for (let f = 0; f < nf; f++) {
              const x = el(regsBefore, vb, vd + f * fr, i, sew), a = addr(i) + f * size;
              for (let k = 0; k < size; k++) want[a - BASE + k] = Number((x >> BigInt(8 * k)) & 0xffn);
            }
          }
          const got = rig.mem.readBytes(BASE, SIZE);
          const k = got.findIndex((b, i) => b !== want[i]);
          if (k >= 0) throw new Error(`${where}: memory byte 0x${(BASE + k).toString(16)} got ${got[k]} want ${want[k]}`);
        }
      }
    });
  }
});

describe('whole registers and masks', () => {
  it('vl<nf>re<eew>.v / vs<nf>r.v honour vstart and ignore vtype', () => {
    const r = rng(71);
    for (let t = 0; t < 200; t++) {
      const c = setup(r, 8, 0);
      const { rig } = c, vb = rig.vlenb;
      const nf = [1, 2, 4, 8][r() % 4], eew = EEWS[r() % 4], vd = nf * (r() % (32 / nf));
      const evl = (nf * vb) / (eew / 8);
      if (r() % 4 === 0) { rig.h.setBig(31, -1n); rig.run('vsetvl', { vd: 0, rs1: 0, rs2: 31 }); } // vill does not matter
      const vstart = r() % 3 === 0 ? r() % (evl + 1) : 0;
      rig.v.vstart = vstart;
      const base = MID + (r() % 64);
      rig.h.setBig(10, BigInt(base));
      const regsBefore = rig.snapshot(), memBefore = rig.mem.readBytes(BASE, SIZE);
      if (r() % 2 === 0) {
        rig.run(`vl${nf}re${eew}.v`, { vd, rs1: 10 });
        const want = regsBefore.slice();
        for (let i = vstart; i < evl; i++) setEl(want, vb, vd, i, eew, memEl(memBefore, base + i * (eew / 8), eew / 8));
        expect(diff(rig.v.u8, want, vb)).toBeUndefined();
      } else {
        rig.v.vstart = vstart * (eew / 8); // stores count bytes (EEW 8)
        rig.run(`vs${nf}r.v`, { vd, rs1: 10 });
        const want = memBefore.slice();
        for (let i = vstart * (eew / 8); i < nf * vb; i++) want[base - BASE + i] = regsBefore[vd * vb + i];
        expect(firstDiff(rig.mem.readBytes(BASE, SIZE), want)).toBe(-1);
      }
      expect(rig.v.vstart).toBe(0);
    }
  });

  it('vlm.v / vsm.v move ceil(vl/8) bytes', () => {
    const r = rng(72);
    for (let t = 0; t < 200; t++) {
      const sew = SEWS[r() % 4], ls = legalLmuls(sew), lmul = ls[r() % ls.length];
      const c = setup(r, sew, lmul);
      const { rig, vl } = c, vb = rig.vlenb;
      const vd = r() % 32, base = MID + (r() % 64);
      rig.h.setBig(10, BigInt(base));
      const regsBefore = rig.snapshot(), memBefore = rig.mem.readBytes(BASE, SIZE);
      const n = Math.ceil(vl / 8);
      const from = c.vstart < n ? c.vstart : n;
      if (r() % 2 === 0) {
        rig.run('vlm.v', { vd, rs1: 10 });
        const want = regsBefore.slice();
        if (c.vstart < n) {
          for (let i = from; i < n; i++) want[vd * vb + i] = memBefore[base - BASE + i];
          if (c.p.agnostic === 'ones') want.fill(0xff, vd * vb + n, (vd + 1) * vb);
        }
        expect(diff(rig.v.u8, want, vb)).toBeUndefined();
      } else {
        rig.run('vsm.v', { vd, rs1: 10 });
        const want = memBefore.slice();
        for (let i = from; i < n; i++) want[base - BASE + i] = regsBefore[vd * vb + i];
        expect(firstDiff(rig.mem.readBytes(BASE, SIZE), want)).toBe(-1);
      }
    }
  });
});

describe('faults', () => {
  // The page after the mapped region is unmapped.
  const END = BASE + SIZE;

  it('a unit-stride load faulting mid-way loads the elements before it and sets vstart', () => {
    for (const vm of [1, 0]) {
      const rig = rigs[0], r = rng(5 + vm);
      rig.randomize(r); fillMem(rig, r);
      rig.vset(32, 1, 16);
      if (vm === 0) rig.v.u8.fill(0xff, 0, rig.vlenb);
      const base = END - 4 * 5 - 2; // element 5 straddles the end
      rig.h.setBig(10, BigInt(base));
      const before = rig.snapshot();
      let err: unknown;
      try { rig.run('vle32.v', { vd: 8, rs1: 10, vm }); } catch (e) { err = e; }
      expect(err).toBeInstanceOf(GuestFault);
      expect(rig.v.vstart).toBe(5);
      for (let i = 0; i < 5; i++) expect(rig.v.element(8, i, 32)).toBe(BigInt(rig.mem.load32(base + 4 * i) >>> 0));
      for (let i = 5; i < 16; i++) expect(rig.v.element(8, i, 32)).toBe(el(before, rig.vlenb, 8, i, 32));
      // Resuming after mapping the page completes the load.
      rig.map(END, 4096);
      rig.run('vle32.v', { vd: 8, rs1: 10, vm });
      for (let i = 0; i < 16; i++) expect(rig.v.element(8, i, 32)).toBe(BigInt(rig.mem.load32(base + 4 * i) >>> 0));
      expect(rig.v.vstart).toBe(0);
      rig.mem.unmap(END, 4096);
    }
  });

  it('fault-only-first trims vl, and faults only on element 0', () => {
    const rig = rigs[1], r = rng(6);
    rig.randomize(r); fillMem(rig, r);
    for (const [eew, nf] of [[8, 1], [16, 1], [32, 2], [64, 1], [16, 3]] as const) {
      const name = `vl${nf > 1 ? `seg${nf}` : ''}e${eew}ff.v`;
      for (const vm of [1, 0]) {
        const seg = (eew / 8) * nf;
        rig.vset(eew, 0, rig.vlmax(eew, 0), 0, 0);
        const vl0 = rig.v.vl;
        const k = Math.min(3, vl0 - 1);
        const base = seg === 1 ? END - k : END - seg * k - 1;
        rig.h.setBig(10, BigInt(base));
        if (vm === 0) rig.v.u8.fill(0xff, 0, rig.vlenb);
        rig.run(name, { vd: 8, rs1: 10, vm });
        expect(rig.v.vl, name).toBe(k);
        expect(rig.v.vl).toBeLessThan(vl0);
        for (let i = 0; i < k; i++) {
          const bytes = rig.mem.readBytes(base + i * seg, eew / 8);
          expect(rig.v.element(8, i, eew)).toBe(bytes.reduceRight((x, b) => (x << 8n) | BigInt(b), 0n));
        }
        // Element 0 faulting is a real fault.
        rig.vset(eew, 0, 4, 0, 0);
        rig.h.setBig(10, BigInt(END));
        expect(() => rig.run(name, { vd: 8, rs1: 10, vm })).toThrow(GuestFault);
        rig.v.vstart = 0;
      }
    }
    // A masked-off element never faults.
    rig.vset(8, 0, 4, 0, 0);
    rig.v.u8[0] = 0b0001;
    rig.h.setBig(10, BigInt(END - 1));
    rig.run('vle8ff.v', { vd: 8, rs1: 10, vm: 0 });
    expect(rig.v.vl).toBe(4);
    rig.run('vle8.v', { vd: 8, rs1: 10, vm: 0 });
    rig.run('vlse8.v', { vd: 8, rs1: 10, rs2: 0, vm: 0 });
  });

  it('stores fault with the earlier elements written', () => {
    const rig = rigs[0], r = rng(8);
    rig.randomize(r); fillMem(rig, r);
    rig.vset(64, 0, 4);
    rig.h.setBig(10, BigInt(END - 8 * 2 - 4));
    expect(() => rig.run('vse64.v', { vd: 8, rs1: 10 })).toThrow(GuestFault);
    expect(rig.v.vstart).toBe(2);
    expect(rig.mem.load64Big(END - 20)).toBe(rig.v.i64[rig.vlenb * 8 / 8]);
    expect(rig.mem.load32(END - 4)).not.toBe(rig.v.i32[(rig.vlenb * 8) / 4 + 4]); // the straddling element is not half-written
    rig.v.vstart = 0;
    // Indexed and strided too.
    rig.h.setBig(11, 4096n);
    expect(() => rig.run('vsse64.v', { vd: 8, rs1: 10, rs2: 11 })).toThrow(GuestFault);
    expect(rig.v.vstart).toBe(1);
    rig.v.vstart = 0;
  });
});

