// The vector unit's reports to the profiler's vector counters: SEW/LMUL in effect, active elements and
// bytes moved, per executed instruction; nothing while counting is off or when an instruction traps.
import { afterEach, describe, expect, it } from 'vitest';
import { setVectorSink, vectorCounting, VectorCounters } from '../../src/profile/vector-counters.js';
import { Rig } from './helpers.js';

afterEach(() => { setVectorSink(undefined); });

function counting(): VectorCounters {
  const c = new VectorCounters();
  setVectorSink(c);
  vectorCounting.on = true;
  return c;
}
const row = (c: VectorCounters, m: string) => c.rows().filter((r) => r.mnemonic === m);

describe('vector counters', () => {
  it('counts elements, masked elements, bytes and vtype', () => {
    const rig = new Rig(256);
    rig.map(0x10000, 0x1000);
    rig.h.setBig(10, 0x10000n);
    rig.vset(32, 1, 13);
    const c = counting();
    rig.run('vadd.vv', { vd: 2, vs2: 4, vs1: 6 });
    rig.v.u8.fill(0, 0, 32); rig.v.u8[0] = 0b1011_0001; rig.v.u8[1] = 0b1;
    rig.run('vadd.vv', { vd: 2, vs2: 4, vs1: 6, vm: 0 });
    rig.v.vstart = 5;
    rig.run('vle16.v', { vd: 2, rs1: 10 }); // EEW 16, 8 elements from vstart 5
    rig.run('vlseg3e8.v', { vd: 8, rs1: 10, vm: 0 }); // masked: elements 0, 4, 5, 7, 8 -> 5 x 3 bytes
    rig.run('vmand.mm', { vd: 1, vs2: 2, vs1: 3 });
    rig.run('vl2re64.v', { vd: 2, rs1: 10 });
    rig.run('vsetvli', { vd: 5, rs1: 0, zimm: 0x07 }); // e8, mf2
    expect(row(c, 'vadd.vv')).toEqual([{ mnemonic: 'vadd.vv', class: 'vector-int', sew: 32, lmul: 'm2', count: 2, elements: 13 + 5, bytes: 0 }]);
    expect(row(c, 'vle16.v')[0]).toMatchObject({ sew: 32, lmul: 'm2', count: 1, elements: 8, bytes: 16 });
    expect(row(c, 'vlseg3e8.v')[0]).toMatchObject({ count: 1, elements: 5, bytes: 15 });
    expect(row(c, 'vmand.mm')[0]).toMatchObject({ elements: 13 });
    expect(row(c, 'vl2re64.v')[0]).toMatchObject({ elements: 8, bytes: 64 });
    expect(row(c, 'vsetvli')[0]).toMatchObject({ sew: 8, lmul: 'mf2', elements: 0, count: 1 });
  });

  it('reports nothing while off, nor for trapping instructions', () => {
    const rig = new Rig(256);
    const c = counting();
    expect(() => rig.run('vadd.vv', { vd: 1, vs2: 2, vs1: 3 })).toThrow(); // vill
    vectorCounting.on = false;
    rig.vset(8, 0, 4);
    rig.run('vadd.vv', { vd: 1, vs2: 2, vs1: 3 });
    expect(c.rows()).toEqual([]);
  });
});
