// The recording API the vector unit calls, and how the profiler switches it with the region of interest.
import { describe, expect, it } from 'vitest';
import { decodeVector } from '../../src/rvv/index.js';
import { parseIsa } from '../../src/isa/isa-string.js';
import {
  recordVector, recordVectorOp, setVectorSink, vectorCounting, vectorOpId, VectorCounters,
} from '../../src/profile/vector-counters.js';
import { Profiler } from '../../src/profile/profiler.js';
import { buildReport } from '../../src/profile/report.js';
import { fixture, load } from './helpers.js';

const V = parseIsa('rv64gcv');
const vadd = decodeVector(0x02000457 | (16 << 20) | (24 << 15), 0x1000, V)!;              // vadd.vv v8,v16,v24
const vle32 = decodeVector(((6 << 12) | (8 << 7) | (10 << 15) | 0x07 | (1 << 25)) >>> 0, 0x1004, V)!;  // vle32.v v8,(a0)
const vse32 = decodeVector(((6 << 12) | (8 << 7) | (10 << 15) | 0x27 | (1 << 25)) >>> 0, 0x1008, V)!;  // vse32.v v8,(a0)

describe('vector counters', () => {
  it('records per (mnemonic, SEW, LMUL) only while counting is on', () => {
    expect([vadd.spec.name, vle32.spec.name, vse32.spec.name]).toEqual(['vadd.vv', 'vle32.v', 'vse32.v']);
    const h = load(fixture('calls')).hart;
    const c = new VectorCounters();
    setVectorSink(c);
    vectorCounting.on = true;
    recordVector(h, vadd, 2, 0, 8, 0);        // e32, m1
    recordVector(h, vadd, 2, 0, 6, 0);
    recordVector(h, vadd, 0, -2, 3, 0);       // e8, mf4
    recordVector(h, vle32, 2, 1, 16, 64);     // e32, m2
    recordVectorOp(vectorOpId(vse32.spec), 2, 1, 16, 64);
    vectorCounting.on = false;
    recordVector(h, vadd, 2, 0, 100, 0);      // not counted
    setVectorSink(undefined);
    expect(vectorCounting.on).toBe(false);
    expect(c.rows()).toEqual([
      { mnemonic: 'vadd.vv', class: 'vector-int', sew: 8, lmul: 'mf4', count: 1, elements: 3, bytes: 0 },
      { mnemonic: 'vadd.vv', class: 'vector-int', sew: 32, lmul: 'm1', count: 2, elements: 14, bytes: 0 },
      { mnemonic: 'vle32.v', class: 'vector-load', sew: 32, lmul: 'm2', count: 1, elements: 16, bytes: 64 },
      { mnemonic: 'vse32.v', class: 'vector-store', sew: 32, lmul: 'm2', count: 1, elements: 16, bytes: 64 },
    ]);
  });

  it('the profiler installs its counters for the run and the report shows them', () => {
    const p = load(fixture('calls'));
    const prof = new Profiler(p.engine, [p.launched.program.main.symbols]).attach();
    expect(vectorCounting.on).toBe(true);
    recordVector(p.hart, vle32, 2, 0, 8, 32);
    recordVector(p.hart, vse32, 2, 0, 8, 32);
    recordVector(p.hart, vadd, 2, 0, 8, 0);
    p.engine.run();
    prof.finish();
    expect(vectorCounting.on).toBe(false);
    const rep = buildReport(prof, { program: 'calls', args: [], stop: { kind: 'exit', code: 0 }, wallSeconds: 0 });
    expect(rep.vector.elementOps).toBe(24);
    expect(rep.memory.vector).toEqual({ loadBytes: 32, storeBytes: 32 });
    expect(rep.vector.detail.map((r) => r.mnemonic)).toEqual(['vadd.vv', 'vle32.v', 'vse32.v']);
  });

  it('outside the region of interest nothing is recorded', () => {
    const p = load(fixture('calls'));
    const prof = new Profiler(p.engine, [p.launched.program.main.symbols], { roiSymbols: ['rec'] }).attach();
    expect(vectorCounting.on).toBe(false);
    recordVector(p.hart, vadd, 2, 0, 8, 0);
    p.engine.run();
    prof.finish();
    expect(prof.vector.rows()).toEqual([]);
  });
});
