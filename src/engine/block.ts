// A block: a straight-line run of decoded instructions that ends at a control transfer, an ecall, a page
// boundary or a length limit. Blocks are the decode cache (each owns its decoded instructions) and the
// unit of counting: instructions retired = Σ block.execCount × block.insns.length.
import type { Decoded } from '../isa/spec.js';

export class Block {
  execCount = 0;
  /** False once the code under it was written or flushed; successor links check it. */
  valid = true;
  /** Most recent successors (one-entry caches per exit), so hot loops skip the block-map lookup. */
  succA: Block | undefined = undefined;
  succB: Block | undefined = undefined;
  constructor(
    readonly pc: number,
    readonly insns: Decoded[],
    /** Address after the last instruction (where control goes when the last one doesn't jump). */
    readonly endPc: number,
  ) {}
  get length(): number { return this.insns.length; }
  /** Pages (4 KiB numbers) this block's bytes lie on: one, or two when the last instruction straddles. */
  pages(): number[] {
    const first = Math.floor(this.pc / 4096), last = Math.floor((this.endPc - 1) / 4096);
    return first === last ? [first] : [first, last];
  }
}
