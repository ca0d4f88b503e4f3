// Regions of interest: guest markers (HINTs) and --roi-symbol.
import { describe, expect, it } from 'vitest';
import { foldedStacks } from '../../src/profile/flame.js';
import { containsMarkerWords, roiMarker, ROI_BEGIN_WORD, ROI_END_WORD } from '../../src/profile/roi.js';
import { PF_X, PT_LOAD, type ElfFile } from '../../src/elf/parse.js';
import { decode, SCALAR_EXTS } from '../../src/isa/decode.js';
import { fixture, fnTable, profiled } from './helpers.js';
import { A1, A2, RA, SP, T0, T1, ZERO, ROI_BEGIN, ROI_END, addi, assemble, bne, call, exit, ld, li, ret, sd, slti } from './mini-asm.js';

describe('ROI markers', () => {
  it('the marker words are slti zero,zero,2032/2033 and nothing else is a marker', () => {
    expect(ROI_BEGIN_WORD).toBe(0x7f002013);
    expect(ROI_END_WORD).toBe(0x7f102013);
    expect(roiMarker(decode(ROI_BEGIN_WORD, 0, SCALAR_EXTS))).toBe(1);
    expect(roiMarker(decode(ROI_END_WORD, 0, SCALAR_EXTS))).toBe(-1);
    expect(roiMarker(decode(0x7f002093, 0, SCALAR_EXTS))).toBe(0);  // slti ra,zero,2032 writes a register
    expect(roiMarker(decode(0x7f202013, 0, SCALAR_EXTS))).toBe(0);  // another immediate
    expect(roiMarker(decode(0x00000013, 0, SCALAR_EXTS))).toBe(0);  // nop
  });

  it('marker words are found in executable segments at any halfword, and only there', () => {
    const image = (word: number, at: number, flags = PF_X, offset = 16): ElfFile => {
      const bytes = new Uint8Array(256).fill(0x13); // many false starts: 0x13 bytes everywhere
      new DataView(bytes.buffer).setUint32(at, word, true);
      return { bytes, phdrs: [{ type: PT_LOAD, flags, offset, filesz: 200 }] } as unknown as ElfFile;
    };
    expect(containsMarkerWords(image(ROI_BEGIN_WORD, 40))).toBe(true);
    expect(containsMarkerWords(image(ROI_END_WORD, 42))).toBe(true);   // halfword-aligned (compressed code)
    expect(containsMarkerWords(image(ROI_BEGIN_WORD, 41))).toBe(false); // odd: never an instruction start
    expect(containsMarkerWords(image(ROI_BEGIN_WORD, 40, 0))).toBe(false); // not executable
    expect(containsMarkerWords(image(ROI_BEGIN_WORD, 8))).toBe(false);  // before the segment
    expect(containsMarkerWords(image(ROI_BEGIN_WORD, 212))).toBe(true); // the last word inside it
    expect(containsMarkerWords(image(ROI_BEGIN_WORD, 214))).toBe(false); // crosses its end (216)
    expect(containsMarkerWords(image(ROI_BEGIN_WORD, 212, PF_X, 17))).toBe(false); // odd from its start
    expect(containsMarkerWords(image(0x7f202013, 40))).toBe(false);     // another immediate
    // The file's bytes inside a larger buffer at an odd offset (halfword search on the other alignment).
    const inner = (at: number, offset: number): ElfFile => {
      const outer = new Uint8Array(300).fill(0x13);
      const bytes = outer.subarray(1, 257);
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, ROI_END_WORD, true);
      return { bytes, phdrs: [{ type: PT_LOAD, flags: PF_X, offset, filesz: 200 }] } as unknown as ElfFile;
    };
    expect(containsMarkerWords(inner(41, 17))).toBe(true);
    expect(containsMarkerWords(inner(42, 17))).toBe(false);
    expect(containsMarkerWords(inner(40, 16))).toBe(true);
    expect(containsMarkerWords({ bytes: new Uint8Array(8), phdrs: [{ type: PT_LOAD, flags: PF_X, offset: 100, filesz: 50 }] } as unknown as ElfFile)).toBe(false);
  });

  it('roi.S: 37 retired, the 11 between the markers counted (markers excluded)', () => {
    const rep = profiled(fixture('roi')).report();
    expect(rep.retired).toBe(37);
    expect(rep.instructions).toBe(11);
    expect(rep.roi).toEqual({ symbols: [], markers: { begin: 1, end: 1 } });
    expect(rep.classes['int-alu']).toBe(6);
    expect(rep.classes['branch-taken']).toBe(4);
    expect(rep.classes['branch-not-taken']).toBe(1);
    expect(rep.mnemonics).toEqual({ addi: 6, bne: 5 });
    expect(rep.threads[0]).toMatchObject({ retired: 37, instructions: 11 });
  });

  it('--no-roi-markers counts everything', () => {
    const rep = profiled(fixture('roi'), { markers: false }).report();
    expect(rep.instructions).toBe(37);
    expect(rep.roi).toBeNull();
  });

  it('markers in the middle of blocks split them exactly; several regions add up', () => {
    const p = assemble([
      'main',
      li(A1, 1), li(A1, 2), ROI_BEGIN, li(A2, 3), li(A2, 4), ROI_END, li(A1, 5),     // 2 counted
      li(T0, 3),
      'loop', addi(T0, T0, -1), ROI_BEGIN, addi(A1, A1, 1), ROI_END, bne(T0, ZERO, 'loop'),  // 3 x 1 counted
      ROI_BEGIN, ...exit(0),                                                           // 3 counted
    ], ['main']);
    const rep = profiled(p.bytes).report();
    expect(rep.instructions).toBe(2 + 3 + 3);
    expect(rep.roi!.markers).toEqual({ begin: 5, end: 4 });
    expect(rep.mnemonics).toEqual({ addi: 7, ecall: 1 });
  });

  it('an END before any BEGIN closes a region that began at the start', () => {
    const p = assemble(['main', li(A1, 1), li(A1, 2), ROI_END, li(A1, 3), ...exit(0)], ['main']);
    const rep = profiled(p.bytes).report();
    expect(rep.retired).toBe(7);
    expect(rep.instructions).toBe(2);
  });

  it('markers with the call stack: only the region appears in the call tree', () => {
    const p = assemble([
      '_start', call('a'), ROI_BEGIN, call('b'), ROI_END, call('a'), ...exit(0),
      'a', li(A1, 1), ret,
      'b', addi(SP, SP, -16), sd(RA, SP, 8), li(A1, 2), li(A1, 3), call('a'), ld(RA, SP, 8), addi(SP, SP, 16), ret,
    ], ['_start', 'a', 'b']);
    const r = profiled(p.bytes, { callStack: true });
    expect(r.stop).toEqual({ kind: 'exit', code: 0 });
    // In the region: _start's call of b, b, and a called from b (not the calls of a outside).
    expect(foldedStacks(r.prof)).toBe('_start 1\n_start;b 8\n_start;b;a 2\n');
    expect(fnTable(r.report())).toEqual({
      b: { exclusive: 8, inclusive: 10, calls: 1 },
      a: { exclusive: 2, inclusive: 2, calls: 1 },
      _start: { exclusive: 1, inclusive: 11, calls: 0 },
    });
  });

  it('RVEMU_ROI_BEGIN/END from C (examples/rvemu-roi.h): only the marked call is counted', () => {
    const r = profiled(fixture('roi_c'));
    expect(r.stop).toEqual({ kind: 'exit', code: 0 });
    const rep = r.report();
    expect(rep.roi!.markers).toEqual({ begin: 1, end: 1 });
    const work = fnTable(rep).work;
    expect(work.exclusive).toBeGreaterThan(1000);
    expect(work.exclusive / rep.instructions).toBeGreaterThan(0.99);
    expect(rep.instructions).toBeLessThan(rep.retired / 10);
    // The same program without markers: work(1000) + work(200) is about 6x the region.
    const all = profiled(fixture('roi_c'), { markers: false }).report();
    expect(fnTable(all).work.exclusive).toBeGreaterThan(5 * work.exclusive);
  });

  it('markers and --roi-symbol together: counted only when both say so', () => {
    const p = assemble([
      '_start', call('f'), ROI_BEGIN, call('f'), call('g'), ROI_END, call('f'), ...exit(0),
      'f', li(A1, 1), li(A1, 2), ret,
      'g', li(A1, 3), ret,
    ], ['_start', 'f', 'g']);
    expect(profiled(p.bytes, { roiSymbols: ['f'] }).report().instructions).toBe(3);
    expect(profiled(p.bytes, { roiSymbols: ['g'] }).report().instructions).toBe(2);
    expect(profiled(p.bytes, { roiSymbols: ['_start'] }).report().instructions).toBe(2 + 3 + 2);
  });
});

describe('unused helpers stay honest', () => {
  it('slti with rd != x0 is a normal instruction', () => {
    const p = assemble(['main', slti(T1, ZERO, 5), ...exit(0)], ['main']);
    expect(profiled(p.bytes).report().instructions).toBe(4);
  });
});
