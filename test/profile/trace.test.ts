// --trace: the commit log's exact format, the instruction-number and symbol filters, and vector results.
import { describe, expect, it } from 'vitest';
import { installVector, decodeVector, attachVector } from '../../src/rvv/index.js';
import { Tracer } from '../../src/profile/trace.js';
import { parseIsa } from '../../src/isa/isa-string.js';
import { fixture, load, profiled, program } from './helpers.js';
import { A0, A1, SP, T0, T1, ZERO, addi, assemble, bne, exit, fcvtDL, ld, li, sd, word } from './mini-asm.js';

const tiny = () => assemble([
  'main', li(T0, 2), addi(SP, SP, -16), sd(T0, SP, 8), ld(T1, SP, 8), fcvtDL(10, T1),
  'loop', addi(T0, T0, -1), bne(T0, ZERO, 'loop'), addi(SP, SP, 16), ...exit(0),
], ['main']);

describe('trace format', () => {
  it('golden lines for a tiny program', () => {
    const p = tiny();
    const sp0 = load(p.bytes).hart.getAddr(2);
    const hx = (n: number) => n.toString(16).padStart(16, '0');
    const r = profiled(p.bytes, {}, { trace: {} });
    expect(r.trace).toBe([
      `       0  0x10078       00200293  li t0,2                         t0=0x0000000000000002`,
      `       1  0x1007c       ff010113  add sp,sp,-16                   sp=0x${hx(sp0 - 16)}`,
      `       2  0x10080       00513423  sd t0,8(sp)                     store [0x${(sp0 - 8).toString(16)}]=0x0000000000000002`,
      `       3  0x10084       00813303  ld t1,8(sp)                     t1=0x0000000000000002  load [0x${(sp0 - 8).toString(16)}]=0x0000000000000002`,
      `       4  0x10088       d2237553  fcvt.d.l fa0,t1                 fa0=0x4000000000000000 (double 2)`,
      `       5  0x1008c       fff28293  add t0,t0,-1                    t0=0x0000000000000001`,
      `       6  0x10090       fe029ee3  bnez t0,1008c <main+0x14>       taken`,
      `       7  0x1008c       fff28293  add t0,t0,-1                    t0=0x0000000000000000`,
      `       8  0x10090       fe029ee3  bnez t0,1008c <main+0x14>       not taken`,
      `       9  0x10094       01010113  add sp,sp,16                    sp=0x${hx(sp0)}`,
      `      10  0x10098       00000513  li a0,0                         a0=0x0000000000000000`,
      `      11  0x1009c       05d00893  li a7,93                        a7=0x000000000000005d`,
      `      12  0x100a0       00000073  ecall`,
      '',
    ].join('\n'));
    // Tracing changes nothing: same counts as an untraced run.
    expect({ ...r.report(), host: null }).toEqual({ ...profiled(p.bytes).report(), host: null });
  });

  it('--trace-from/--trace-to select instruction numbers (inclusive), by rdinstret numbering', () => {
    const r = profiled(tiny().bytes, {}, { trace: { from: 5, to: 7 } });
    expect(r.trace.split('\n').filter(Boolean).map((l) => Number(l.slice(0, 8)))).toEqual([5, 6, 7]);
    const far = profiled(fixture('calls'), {}, { trace: { from: 50 } });
    expect(far.trace.split('\n').filter(Boolean).map((l) => Number(l.slice(0, 8)))).toEqual([50, 51, 52, 53, 54, 55, 56, 57, 58]);
    expect(far.report().instructions).toBe(59);
  });

  it('--trace-from far into a run (the engine runs ahead at full speed) still starts exactly there', () => {
    const plain = profiled(program('hello')).report();
    const from = plain.instructions - 20;
    expect(from).toBeGreaterThan(5000);
    const r = profiled(program('hello'), {}, { trace: { from, to: from + 2 } });
    expect(r.trace.split('\n').filter(Boolean).map((l) => Number(l.slice(0, 8)))).toEqual([from, from + 1, from + 2]);
    expect({ ...r.report(), host: null }).toEqual({ ...plain, host: null });
  });

  it('--trace-symbol traces only while the function is on the call stack', () => {
    const r = profiled(fixture('calls'), { traceSymbols: ['rec'] }, { trace: { bySymbol: true } });
    const lines = r.trace.split('\n').filter(Boolean);
    expect(lines).toHaveLength(23);
    expect(lines[0]).toMatch(/add sp,sp,-16/);
    expect(lines[22]).toMatch(/ret +pc=0x/);
  });

  it('a faulting instruction is shown with the error', () => {
    const p = assemble(['main', li(A1, 0), ld(A0, A1, 0), ...exit(0)], ['main']);
    const r = profiled(p.bytes, {}, { trace: {} });
    expect(r.stop.kind).toBe('error');
    expect(r.trace.split('\n')[1]).toMatch(/^ {7}1 {2}0x1007c {7}0005b503 {2}ld a0,0\(a1\) +! segmentation fault/);
  });

  it('ecall shows the registers the system call changed', () => {
    const p = assemble(['main', li(A0, 1), addi(A1, SP, 0), li(12, 0), li(17, 64), word(0x73), ...exit(0)], ['main']);
    const r = profiled(p.bytes, {}, { trace: {} });
    expect(r.trace.split('\n')[4]).toMatch(/ecall +a0=0x0000000000000000$/);
  });
});

describe('vector results in the trace', () => {
  installVector();
  const V = parseIsa('rv64gcv');
  const setup = () => {
    const proc = load(tiny().bytes);
    const h = proc.hart;
    const v = attachVector(h);
    const lines: string[] = [];
    const t = new Tracer(h, { write: (s) => lines.push(s) });
    const run = (w: number) => { const d = decodeVector(w, 0x1000, V)!; expect(d).toBeDefined(); t.step(d, 0); return lines.pop()!.trimEnd(); };
    return { h, v, run };
  };
  const opv = (f6: number, vm: number, vs2: number, vs1: number, f3: number, vd: number) =>
    ((f6 << 26) | (vm << 25) | (vs2 << 20) | (vs1 << 15) | (f3 << 12) | (vd << 7) | 0x57) >>> 0;

  it('vsetvli shows rd, vl and vtype', () => {
    const { h, run } = setup();
    h.setNum(A1, 5);
    const vsetvli = ((0xd0 << 20) | (A1 << 15) | (7 << 12) | (A0 << 7) | 0x57) >>> 0;  // e32, m1, ta, ma
    expect(run(vsetvli)).toMatch(/a0=0x0000000000000005 {2}vl=5 vtype=e32,m1,ta,ma$/);
  });

  it('a masked vadd.vv: elements at SEW, masked-off marked m:, tail after |', () => {
    const { v, run } = setup();
    v.setVtype(0x10, false);   // e32, m1, tu, mu
    v.vl = 5;
    for (let i = 0; i < 8; i++) { v.i32[8 * 8 + i] = 0xdeadbeef | 0; v.i32[16 * 8 + i] = i + 1; v.i32[24 * 8 + i] = 10 * (i + 1); }
    v.u8[0] = 0b11101;         // v0: element 1 masked off
    expect(run(opv(0x00, 0, 16, 24, 0, 8))).toMatch(/ v8\.e32=\[0000000b m:deadbeef 00000021 0000002c 00000037 \| tail: deadbeef deadbeef deadbeef\]$/);
  });

  it('a compare writes a mask, shown as bits (element 0 first)', () => {
    const { v, run } = setup();
    v.setVtype(0x10, false);
    v.vl = 6;
    for (let i = 0; i < 8; i++) { v.i32[16 * 8 + i] = i; v.i32[24 * 8 + i] = i % 2 === 0 ? i : 99; }
    expect(run(opv(0x18, 1, 16, 24, 0, 4))).toMatch(/ v4\.mask=101010$/);   // vmseq.vv v4, v16, v24
  });
});
