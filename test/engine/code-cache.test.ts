// Code shared between the engines of one run (src/engine/code-cache.ts): a process takes a decoded block or
// a translated region only where its own code bits are the ones it was made from, and keeps its own counts.
// Each case runs small loops in several address spaces at the same addresses: forked copies (copy-on-write),
// separately loaded ones with other code, and copies that rewrite their code.
import { describe, expect, it } from 'vitest';
import { CodeCache } from '../../src/engine/code-cache.js';
import { Engine } from '../../src/engine/engine.js';
import { Hart, type Environment } from '../../src/isa/hart.js';
import { DEFAULT_ISA, parseIsa } from '../../src/isa/isa-string.js';
import { AddressSpace, PAGE_SIZE, PROT_EXEC, PROT_READ, PROT_WRITE } from '../../src/mem/address-space.js';

const env: Environment = { ecall() {}, ebreak() {}, flushCode() {} };
const ISA = parseIsa(DEFAULT_ISA);
const CODE = 0x10000, RX = PROT_READ | PROT_EXEC, RW = PROT_READ | PROT_WRITE;
const A0 = 10, T0 = 5;
const addi = (rd: number, rs1: number, imm: number): number => (((imm & 0xfff) << 20) | (rs1 << 15) | (rd << 7) | 0x13) >>> 0;
const JAL_NEXT = 0x0040006f, SPIN = 0x6f; // jal zero, +4; jal zero, 0
const LOOP_HEAD = CODE + 12, TRIPS = 1000;
/** a0 = 0; t0 = TRIPS; (a block of its own); do { a0 += k; t0 -= 1 } while (t0 != 0); then spin. */
const loop = (k: number): number[] => [addi(A0, 0, 0), addi(T0, 0, TRIPS), JAL_NEXT, addi(A0, A0, k), addi(T0, T0, -1),
  0xfe029ce3 /* bne t0, zero, -8 */, SPIN];
const LOOP_INSNS = 3 + 3 * TRIPS;

function load(words: number[]): AddressSpace {
  const mem = new AddressSpace();
  mem.map(CODE, PAGE_SIZE, RX);
  words.forEach((w, i) => mem.poke(CODE + 4 * i, new Uint8Array(new Uint32Array([w]).buffer)));
  return mem;
}

interface Proc { mem: AddressSpace; h: Hart; e: Engine }
function proc(mem: AddressSpace, cache: CodeCache | undefined, jitThreshold = 100): Proc {
  const h = new Hart(mem, env);
  return { mem, h, e: new Engine(h, ISA, { jitThreshold, codeCache: cache }) };
}
/** Run the loop from its start; a0 at the end. */
function runLoop(p: Proc): number {
  p.h.pc = CODE;
  expect(p.e.run(p.h.instret + LOOP_INSNS).kind).toBe('limit');
  expect(p.h.pc).toBe(CODE + 24);
  return p.h.getLo(A0);
}
const counts = (p: Proc): string => [...p.e.allBlocks()].filter((b) => b.execCount > 0)
  .map((b) => `${b.pc.toString(16)}:${b.execCount}`).sort().join(' ');

describe('code shared between processes', () => {
  it('a forked copy takes the parent\'s blocks and translated loop, and counts its own runs', () => {
    const cache = new CodeCache();
    const parent = proc(load(loop(3)), cache);
    expect(runLoop(parent)).toBe(3 * TRIPS);
    expect(parent.e.blockAt(LOOP_HEAD).fn).toBeDefined();
    const child = proc(parent.mem.fork(), cache);
    expect(runLoop(child)).toBe(3 * TRIPS);
    const pb = parent.e.blockAt(LOOP_HEAD), cb = child.e.blockAt(LOOP_HEAD);
    expect(cb).not.toBe(pb);
    expect(cb.insns).toBe(pb.insns);                 // one decode
    expect(cb.translation?.fn).toBeDefined();
    expect(cache.regionsReused).toBeGreaterThan(0);  // translated once, taken at its first run in the child
    expect(cb.execCount).toBe(TRIPS);                // counts stay per process
    expect(pb.execCount).toBe(TRIPS);
    expect(counts(child)).toBe(counts(parent));
    // The same counts as without sharing, and as interpreted.
    const alone = proc(load(loop(3)), undefined);
    expect(runLoop(alone)).toBe(3 * TRIPS);
    expect(counts(child)).toBe(counts(alone));
    const interp = proc(load(loop(3)), new CodeCache(), Infinity);
    expect(runLoop(interp)).toBe(3 * TRIPS);
    expect(counts(child)).toBe(counts(interp));
  });

  it('other code at the same addresses (another program) gets blocks of its own', () => {
    const cache = new CodeCache();
    const a = proc(load(loop(3)), cache), b = proc(load(loop(5)), cache);
    expect(runLoop(a)).toBe(3 * TRIPS);
    expect(runLoop(b)).toBe(5 * TRIPS);
    expect(b.e.blockAt(LOOP_HEAD).insns).not.toBe(a.e.blockAt(LOOP_HEAD).insns);
    // Blocks whose bits agree are still shared: the two instructions before the loop.
    expect(b.e.blockAt(CODE).insns).toBe(a.e.blockAt(CODE).insns);
    // A third copy of either program takes the right one.
    const c = proc(load(loop(5)), cache), d = proc(load(loop(3)), cache);
    expect(runLoop(c)).toBe(5 * TRIPS);
    expect(runLoop(d)).toBe(3 * TRIPS);
    expect(c.e.blockAt(LOOP_HEAD).insns).toBe(b.e.blockAt(LOOP_HEAD).insns);
    expect(d.e.blockAt(LOOP_HEAD).insns).toBe(a.e.blockAt(LOOP_HEAD).insns);
  });

  it('a loop whose member differs is not taken: a region is shared only when all its blocks are', () => {
    // Same loop head bits, another instruction in the block the loop branches back from.
    const cache = new CodeCache();
    const twoBlocks = (k: number): number[] => [addi(A0, 0, 0), addi(T0, 0, TRIPS), JAL_NEXT, addi(A0, A0, 1), JAL_NEXT,
      addi(A0, A0, k), addi(T0, T0, -1), 0xfe0298e3 /* bne t0, zero, -16 */, SPIN];
    const run = (p: Proc): number => {
      p.h.pc = CODE;
      expect(p.e.run(p.h.instret + 3 + 5 * TRIPS).kind).toBe('limit');
      expect(p.h.pc).toBe(CODE + 32);
      return p.h.getLo(A0);
    };
    const a = proc(load(twoBlocks(3)), cache), b = proc(load(twoBlocks(7)), cache);
    expect(run(a)).toBe(4 * TRIPS);
    expect(a.e.blockAt(LOOP_HEAD).translation?.blocks.length).toBe(2);
    expect(run(b)).toBe(8 * TRIPS);
    expect(b.e.blockAt(LOOP_HEAD).insns).toBe(a.e.blockAt(LOOP_HEAD).insns);
    expect(b.e.blockAt(LOOP_HEAD + 8).insns).not.toBe(a.e.blockAt(LOOP_HEAD + 8).insns);
    const tr = b.e.blockAt(LOOP_HEAD).translation!;
    expect(new Set(tr.blocks)).toEqual(new Set([b.e.blockAt(LOOP_HEAD), b.e.blockAt(LOOP_HEAD + 8)]));
    expect(counts(b)).toBe(counts(a));
    expect(cache.regionsReused).toBe(0);
  });

  it('a write to code invalidates only the writing process\'s view; the same bits share again', () => {
    const cache = new CodeCache();
    const parent = proc(load(loop(3)), cache);
    expect(runLoop(parent)).toBe(3 * TRIPS);
    const child = proc(parent.mem.fork(), cache);
    expect(runLoop(child)).toBe(3 * TRIPS);
    const parentHead = parent.e.blockAt(LOOP_HEAD), parentTr = parentHead.translation;
    // W^X in the child: its page stops being executable and is copied; the parent's stays as it was.
    expect(child.mem.protect(CODE, PAGE_SIZE, RW)).toBe(true);
    expect(parent.mem.protOf(CODE)).toBe(RX);
    child.mem.store32(LOOP_HEAD, addi(A0, A0, 7));
    expect(child.mem.protect(CODE, PAGE_SIZE, RX)).toBe(true);
    expect(runLoop(child)).toBe(7 * TRIPS);
    expect(runLoop(parent)).toBe(3 * TRIPS);
    expect(parentHead.valid).toBe(true);
    expect(parent.e.blockAt(LOOP_HEAD)).toBe(parentHead);
    expect(parentHead.translation).toBe(parentTr);
    expect(parentHead.execCount).toBe(2 * TRIPS);
    // Written back to the original bits: the child shares the parent's decode again.
    expect(child.mem.protect(CODE, PAGE_SIZE, RW | PROT_EXEC)).toBe(true);
    child.mem.store32(LOOP_HEAD, addi(A0, A0, 3));
    expect(runLoop(child)).toBe(3 * TRIPS);
    expect(child.e.blockAt(LOOP_HEAD).insns).toBe(parentHead.insns);
    expect(runLoop(parent)).toBe(3 * TRIPS);
  });

  it('a block cut short by an undecodable instruction is shared only where that instruction fails too', () => {
    const cache = new CodeCache();
    const a = proc(load([addi(A0, A0, 1), 0 /* illegal */]), cache);
    const b = proc(load([addi(A0, A0, 1), SPIN]), cache);
    expect(a.e.blockAt(CODE).insns.length).toBe(1);
    expect(b.e.blockAt(CODE).insns.length).toBe(2);
    const c = proc(load([addi(A0, A0, 1), 0]), cache);
    expect(c.e.blockAt(CODE).insns).toBe(a.e.blockAt(CODE).insns);
    // Code running into a page that is not executable here but was elsewhere.
    const straddle = (execNext: boolean): Proc => {
      const mem = new AddressSpace();
      mem.map(CODE, 2 * PAGE_SIZE, RX);
      mem.poke(CODE + PAGE_SIZE - 4, new Uint8Array(new Uint32Array([addi(A0, A0, 1)]).buffer));
      mem.poke(CODE + PAGE_SIZE, new Uint8Array(new Uint32Array([addi(A0, A0, 2)]).buffer));
      if (!execNext) mem.protect(CODE + PAGE_SIZE, PAGE_SIZE, PROT_READ);
      return proc(mem, cache);
    };
    const d = straddle(true), e = straddle(false);
    expect(d.e.blockAt(CODE + PAGE_SIZE - 4).insns.length).toBe(1); // a block ends at the page end
    expect(e.e.blockAt(CODE + PAGE_SIZE - 4).insns).toBe(d.e.blockAt(CODE + PAGE_SIZE - 4).insns);
    expect(() => e.e.blockAt(CODE + PAGE_SIZE)).toThrow(/execute/);
    expect(d.e.blockAt(CODE + PAGE_SIZE).insns[0].imm).toBe(2);
  });

  it('a page that is not executable in this process is not run from a block decoded elsewhere', () => {
    const cache = new CodeCache();
    const a = proc(load(loop(3)), cache);
    expect(runLoop(a)).toBe(3 * TRIPS);
    const mem = load(loop(3));
    mem.protect(CODE, PAGE_SIZE, PROT_READ);
    const b = proc(mem, cache);
    expect(() => b.e.blockAt(CODE)).toThrow(/execute/);
  });
});
