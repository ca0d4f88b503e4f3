// The execution engine: finds (or builds) the block at pc, runs it, counts it. The semantics of each
// instruction live in src/isa; this file only decides *when* they run, so a block translator can later
// replace the inner loop without touching them.
import { GuestFault, IllegalInstruction, RvemuError } from '../errors.js';
import type { Hart } from '../isa/hart.js';
import type { Decoded, Ext } from '../isa/spec.js';
import { decodeAt } from '../isa/decode.js';
import { Block } from './block.js';

/** Longest block we build; bounds decode work for long straight-line code. */
const MAX_BLOCK_INSNS = 64;

/** How a run ended. */
export type StopReason =
  | { kind: 'exit'; code: number }
  | { kind: 'limit' }
  | { kind: 'error'; error: RvemuError; pc: number; insn?: Decoded };

export class Engine {
  private readonly blocks = new Map<number, Block>();
  private readonly blocksByPage = new Map<number, Block[]>();
  /** Blocks dropped by invalidation, kept so their counts still appear in the totals. */
  readonly retired: Block[] = [];
  /** A block cut short by a fault: its execCount excludes that run; these instructions did retire. */
  readonly partial: { block: Block; executed: number }[] = [];
  /**
   * Called before each block runs, when set (profiling: shadow call stack, per-function counts). Left
   * undefined, it costs one test per block.
   */
  blockHook: ((b: Block) => void) | undefined = undefined;

  constructor(readonly hart: Hart, readonly enabled: ReadonlySet<Ext>) {
    hart.mem.onCodeWrite = (pageAddr) => this.invalidatePage(Math.floor(pageAddr / 4096));
  }

  /** Run until the guest exits, an error stops it, or `maxInsns` instructions have retired. */
  run(maxInsns = Infinity): StopReason {
    const h = this.hart;
    let b: Block | undefined = undefined;
    while (!h.stopped) {
      if (h.instret >= maxInsns) return { kind: 'limit' };
      const pc = h.pc;
      // Successor caches first: most blocks go to one of the last two places they went.
      let next: Block | undefined;
      if (b !== undefined && (next = b.succA) !== undefined && next.pc === pc && next.valid) { /* hit */ }
      else if (b !== undefined && (next = b.succB) !== undefined && next.pc === pc && next.valid) { b.succB = b.succA; b.succA = next; }
      else {
        try { next = this.blockAt(pc); } catch (e) { return this.stopOnError(e, pc, undefined); }
        if (b !== undefined) { b.succB = b.succA; b.succA = next; }
      }
      b = next;
      if (this.blockHook !== undefined) this.blockHook(b);
      const insns = b.insns, n = insns.length;
      h.pc = b.endPc;
      let i = 0;
      try {
        for (; i < n; i++) { const d = insns[i]; d.exec(h, d); }
      } catch (e) {
        this.partial.push({ block: b, executed: i });
        h.instret += i;
        return this.stopOnError(e, insns[i].pc, insns[i]);
      }
      b.execCount++;
      h.instret += n;
    }
    return { kind: 'exit', code: h.exitCode };
  }

  private stopOnError(e: unknown, pc: number, insn: Decoded | undefined): StopReason {
    if (e instanceof GuestFault) { e.pc = pc; return { kind: 'error', error: e, pc, insn }; }
    if (e instanceof RvemuError) return { kind: 'error', error: e, pc, insn };
    throw e;
  }

  /** The block starting at pc, decoding it on first use. */
  blockAt(pc: number): Block {
    const cached = this.blocks.get(pc);
    if (cached !== undefined) return cached;
    const b = this.buildBlock(pc);
    this.blocks.set(pc, b);
    for (const page of b.pages()) {
      const list = this.blocksByPage.get(page);
      if (list === undefined) this.blocksByPage.set(page, [b]); else list.push(b);
    }
    return b;
  }

  private buildBlock(start: number): Block {
    const insns: Decoded[] = [];
    let pc = start;
    const pageEnd = (Math.floor(start / 4096) + 1) * 4096;
    for (;;) {
      let d: Decoded;
      try { d = decodeAt(this.hart.mem, pc, this.enabled); }
      catch (e) {
        // A bad instruction after the first one just ends the block: it faults only if reached.
        if (insns.length > 0 && (e instanceof IllegalInstruction || e instanceof GuestFault)) break;
        throw e;
      }
      d.index = insns.length;
      insns.push(d);
      pc += d.len;
      if (d.spec.endsBlock || insns.length >= MAX_BLOCK_INSNS || pc >= pageEnd) break;
    }
    return new Block(start, insns, pc);
  }

  /** Drop every block with bytes on this page (code was written, remapped or unmapped). */
  invalidatePage(page: number): void {
    const list = this.blocksByPage.get(page);
    if (list === undefined) return;
    this.blocksByPage.delete(page);
    for (const b of list) this.drop(b);
  }

  /** Drop all decoded code (fence.i). */
  flushAll(): void {
    for (const b of this.blocks.values()) this.drop(b);
    this.blocksByPage.clear();
  }

  private drop(b: Block): void {
    if (!b.valid) return;
    b.valid = false;
    if (this.blocks.get(b.pc) === b) this.blocks.delete(b.pc);
    if (b.execCount > 0) this.retired.push(b);
  }

  /** Every block that ever ran (live and invalidated), for counting. */
  *allBlocks(): Iterable<Block> {
    yield* this.blocks.values();
    yield* this.retired;
  }
}
