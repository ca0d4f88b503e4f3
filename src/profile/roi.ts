// Guest-side region-of-interest markers. A program brackets the code it wants measured with two HINT
// instructions: `slti zero, zero, 2032` (begin) and `slti zero, zero, 2033` (end). SLTI with rd = x0 is in
// the HINT space the RISC-V unprivileged spec designates for custom use, so on hardware (and on any other
// emulator) they do nothing: they write x0. Assemblers emit them from plain asm or `.insn i 0x13, 2, x0, x0,
// 2032`; examples/rvemu-roi.h wraps them as RVEMU_ROI_BEGIN() / RVEMU_ROI_END(). They are recognised by
// looking at decoded instructions, so the decoder and the semantics know nothing about them.
import { X_SINK, type Decoded } from '../isa/spec.js';
import { PF_X, PT_LOAD, type ElfFile } from '../elf/parse.js';

export const ROI_BEGIN_IMM = 0x7f0;
export const ROI_END_IMM = 0x7f1;
/** Instruction words of the markers (for tests and tools). */
export const ROI_BEGIN_WORD = ((ROI_BEGIN_IMM << 20) | (2 << 12) | 0x13) >>> 0;
export const ROI_END_WORD = ((ROI_END_IMM << 20) | (2 << 12) | 0x13) >>> 0;

/** +1 for a begin marker, -1 for an end marker, 0 for anything else. */
export function roiMarker(d: Decoded): number {
  if (d.rd !== X_SINK || d.rs1 !== 0 || d.spec.name !== 'slti') return 0;
  return d.imm === ROI_BEGIN_IMM ? 1 : d.imm === ROI_END_IMM ? -1 : 0;
}

/**
 * Whether an ELF file's executable segments contain a marker word anywhere (at any 2-byte alignment). A
 * program without one can be counted without watching each block for markers.
 */
export function containsMarkerWords(elf: ElfFile): boolean {
  const b = elf.bytes;
  for (const ph of elf.phdrs) {
    if (ph.type !== PT_LOAD || (ph.flags & PF_X) === 0) continue;
    const size = Math.min(b.length, ph.offset + ph.filesz) - ph.offset, end = ph.offset + size - 4;
    if (size < 4) continue;
    // Low halfword 0x2013 (slti, rd = rs1 = x0), then 0x7f0 or 0x7f1 in the immediate. The search for it
    // is the typed array's own (native) indexOf over halfwords: a plain loop ran unoptimized, once per
    // program, and took 40 ms of a --stats run.
    const start = b.byteOffset + ph.offset;
    if ((start & 1) === 0) {
      const h = new Uint16Array(b.buffer, start, size >>> 1);
      for (let i = h.indexOf(0x2013); i >= 0 && i + 1 < h.length; i = h.indexOf(0x2013, i + 1)) {
        if (h[i + 1] === 0x7f00 || h[i + 1] === 0x7f10) return true;
      }
    } else {
      for (let i = ph.offset; i <= end; i += 2) {
        if (b[i] === 0x13 && b[i + 1] === 0x20 && b[i + 3] === 0x7f && (b[i + 2] === 0x00 || b[i + 2] === 0x10)) return true;
      }
    }
  }
  return false;
}
