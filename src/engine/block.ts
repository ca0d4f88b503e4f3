// A block: a straight-line run of decoded instructions that ends at a control transfer, an ecall, a page
// boundary or a length limit. Blocks are the decode cache (each owns its decoded instructions) and the
// unit of counting: instructions retired = Σ block.execCount × block.insns.length.
import { InsnClass, type Decoded } from '../isa/spec.js';
import type { BlockFn, Translation } from './translate.js';

export class Block {
  execCount = 0;
  /**
   * Complete runs that left to a pc other than endPc, counted for blocks ending in a conditional branch:
   * how often that branch was taken (execCount - taken fell through). Lets a profiler split branches
   * without watching every block.
   */
  taken = 0;
  /** The last instruction is a conditional branch. */
  readonly endsInBranch: boolean;
  /** The last instruction is an indirect jump (jalr). */
  readonly endsInJalr: boolean;
  /** Targets of that jump, by address bits (see engine.ts); made when the successor links first miss. */
  jumps: (Block | undefined)[] | undefined = undefined;
  /** False once the code under it was written or flushed; successor links check it. */
  valid = true;
  /** Most recent successors (one-entry caches per exit), so hot loops skip the block-map lookup. */
  succA: Block | undefined = undefined;
  succB: Block | undefined = undefined;
  /** Translated code entered at this block (translation.fn, which starts at its block number `entry`). */
  fn: BlockFn | undefined = undefined;
  translation: Translation | undefined = undefined;
  entry = 0;
  /** Every translation whose code includes this block (dropped with it). */
  inTranslations: Translation[] | undefined = undefined;
  /** Interpreted runs since it was last considered for translation. */
  heat = 0;
  constructor(
    readonly pc: number,
    readonly insns: Decoded[],
    /** Address after the last instruction (where control goes when the last one doesn't jump). */
    readonly endPc: number,
  ) {
    this.endsInBranch = insns.length > 0 && insns[insns.length - 1].spec.cls === InsnClass.Branch;
    this.endsInJalr = insns.length > 0 && insns[insns.length - 1].spec.name === 'jalr';
  }
  get length(): number { return this.insns.length; }
  /** Pages (4 KiB numbers) this block's bytes lie on: one, or two when the last instruction straddles. */
  pages(): number[] {
    const first = Math.floor(this.pc / 4096), last = Math.floor((this.endPc - 1) / 4096);
    return first === last ? [first] : [first, last];
  }
}
