// The execution engine: finds (or builds) the block at pc, runs it, counts it. The semantics of each
// instruction live in src/isa; this file only decides *when* they run. Blocks that keep running are handed
// to the translator (translate.ts), whose functions then run them, with the same results and counts.
import { GuestFault, IllegalInstruction, RvemuError } from '../errors.js';
import type { Hart } from '../isa/hart.js';
import { InsnClass, X_SINK, type Decoded, type Ext } from '../isa/spec.js';
import { decodeAt } from '../isa/decode.js';
import { Block } from './block.js';
import type { CodeCache } from './code-cache.js';
import { generateRegion, instantiate, type BlockFn, type RegionCode, type Translation } from './translate.js';

/** Longest block we build; bounds decode work for long straight-line code. */
const MAX_BLOCK_INSNS = 64;
/**
 * Interpreted runs of a block before it is translated. Translating costs far more than interpreting a
 * block a few thousand times (generating the source, V8 compiling it, then running it unoptimized until
 * V8 optimizes it), so only blocks that keep running are worth it.
 */
const DEFAULT_JIT_THRESHOLD = 2000;
/**
 * Loop regions: at most this many blocks and instructions (bigger functions reach V8's optimized code too
 * late), found among the first MAX_REGION_SCAN hot blocks reachable from the head. A block is hot if it ran
 * at least MIN_MEMBER_RUNS times (or the threshold, if lower) and 1/MEMBER_RATIO as often as the head:
 * code that never ran before V8 optimized the function makes V8 throw the optimized code away.
 */
const MAX_REGION_BLOCKS = 8;
const MAX_REGION_INSNS = 128;
const MAX_REGION_SCAN = 24;
const MIN_MEMBER_RUNS = 64;
const MEMBER_RATIO = 8;
/**
 * An inner loop already translated that runs at least this many times as often as a new region's head
 * stays out of that region (its blocks keep running in their own, already optimized function; control
 * passes through the engine once per entry and exit of the inner loop). Taking it in again would make V8
 * start over with a larger function, which runs unoptimized until V8 has compiled it: for nested loops,
 * seconds spent in unoptimized copies of the innermost loop, for the gain of one engine round trip per
 * INNER_LOOP_RATIO or more runs of the inner loop's blocks.
 */
const INNER_LOOP_RATIO = 8;
/** Translated instructions kept at once; beyond this all translations are dropped and rebuilt as needed. */
const MAX_TRANSLATED_INSNS = 1 << 18;

/**
 * Blocks ending in an indirect jump (a switch's dispatch, a return to many callers) go to more places than
 * the two successor links hold; they also keep a small table of targets, indexed by address bits.
 */
const JUMP_MASK = 15;

/** What interpret returns for a block that faulted. */
const FAULTED = new Block(-1, [], -1);

export interface EngineOptions {
  /** Translate hot blocks to JavaScript (default true). */
  jit?: boolean;
  /** Interpreted runs of a block before it is translated (default 2000; 0: every block, before it first runs). */
  jitThreshold?: number;
  /** 2 (default): inline templated instructions; 1: only direct calls of the semantics functions. */
  jitLevel?: 1 | 2;
  /**
   * Share decoded blocks and translated regions with the other engines given the same cache (the processes
   * of one run); see code-cache.ts. Results and counts are the same with or without it.
   */
  codeCache?: CodeCache;
}

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
  /**
   * Called when an instruction faults (bad access, illegal instruction, ...), after the instructions before
   * it have been counted and h.pc set past the block. Returning true means the platform took the trap
   * (delivered a signal, entered a trap handler) and set h.pc: the run goes on. Undefined or false: the
   * run stops with the error.
   */
  onTrap: ((error: RvemuError, pc: number, insn: Decoded | undefined) => boolean) | undefined = undefined;

  /** Misaligned loads and stores trap (bare mode without Zicclsm): translated code checks alignment. */
  alignedOnly = false;
  /**
   * CSR instructions end blocks (bare mode: a CSR write can change what the following instructions decode
   * to, e.g. mstatus.FS, or what their addresses mean, e.g. satp; the machine then flushes decoded code,
   * and the rest of the block must not run from the stale decode).
   */
  csrEndsBlock = false;

  /** Translate hot blocks (set before running; dropTranslations() forgets what was translated). */
  jit: boolean;
  /** See EngineOptions. */
  jitThreshold: number;
  jitLevel: 1 | 2;
  /** Most blocks a translated loop may have (1: single blocks only). */
  maxRegionBlocks = MAX_REGION_BLOCKS;
  private readonly translated = new Set<Translation>();
  private translatedInsns = 0;
  /** Set by translated code when it returns in the middle of a block: where to resume (else -1). */
  resumeAt = -1;
  private readonly codeCache: CodeCache | undefined;
  private readonly enabledKey: string;
  /** Why the run stopped, when interpret returned FAULTED. */
  private stopped: StopReason | undefined = undefined;

  /** The hart being run; several harts (threads of one process) may share one engine, one at a time. */
  hart: Hart;

  constructor(hart: Hart, readonly enabled: ReadonlySet<Ext>, options: EngineOptions = {}) {
    this.hart = hart;
    hart.mem.onCodeWrite = (pageAddr) => this.invalidatePage(Math.floor(pageAddr / 4096));
    this.jit = options.jit ?? true;
    this.jitThreshold = Math.max(0, options.jitThreshold ?? DEFAULT_JIT_THRESHOLD);
    this.jitLevel = options.jitLevel ?? 2;
    this.codeCache = options.codeCache;
    this.enabledKey = [...enabled].sort().join(',');
  }

  /** What decoding and translating depend on besides the code's bits: engines share code only within one. */
  private shareConfig(): string {
    return `${this.enabledKey}|${this.csrEndsBlock}|${this.alignedOnly}|${this.jitLevel}|${this.maxRegionBlocks}`;
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
      else if (b !== undefined && b.jumps !== undefined && (next = b.jumps[(pc >>> 1) & JUMP_MASK]) !== undefined &&
        next.pc === pc && next.valid) { /* hit */ }
      else {
        try { next = this.blockAt(pc); } catch (e) {
          const s = this.stopOnError(e, pc, undefined);
          if (s === undefined) { b = undefined; continue; }
          return s;
        }
        if (b !== undefined) {
          b.succB = b.succA; b.succA = next;
          if (b.endsInJalr) (b.jumps ??= new Array<Block | undefined>(JUMP_MASK + 1))[(pc >>> 1) & JUMP_MASK] = next;
        }
      }
      let cur: Block = next;
      const limit = maxInsns;
      // Translated regions call the hook themselves for the blocks they run after this one.
      if (this.blockHook !== undefined) this.blockHook(cur);
      const fn: BlockFn | undefined = cur.fn;
      if (fn === undefined) cur = this.interpret(h, cur, 0, true);
      else {
        const entry = cur, tr = cur.translation!;
        // Through Function.prototype.call: this site sees many targets, and V8 must not bet on one.
        try { cur = fn.call(undefined, h, limit, entry); } catch (e) {
          const s = this.translatedFault(e, tr);
          if (s === undefined) { b = undefined; continue; }
          return s;
        }
        if (this.resumeAt >= 0) {
          // The translated code left in the middle of block cur (a TLB miss): finish it here.
          const at = this.resumeAt;
          this.resumeAt = -1;
          cur = this.interpret(h, cur, at, false);
        }
      }
      if (cur === FAULTED) {
        const s = this.stopped;
        this.stopped = undefined;
        if (s === undefined) { b = undefined; continue; }
        return s;
      }
      b = cur;
    }
    return { kind: 'exit', code: h.exitCode };
  }

  /**
   * Interpret block b from instruction `start` on and count it; returns b, or FAULTED (this.stopped says
   * why). `heat`: count the run towards translating the block.
   */
  private interpret(h: Hart, b: Block, start: number, heat: boolean): Block {
    const insns = b.insns, n = insns.length;
    h.pc = b.endPc;
    let i = start;
    try {
      for (; i < n; i++) { const d = insns[i]; d.exec(h, d); }
    } catch (e) {
      this.partial.push({ block: b, executed: i });
      h.instret += i;
      this.stopped = this.stopOnError(e, insns[i].pc, insns[i]);
      return FAULTED;
    }
    b.execCount++;
    h.instret += n;
    if (b.endsInBranch && h.pc !== b.endPc) b.taken++;
    if (heat && ++b.heat >= this.jitThreshold && this.jit && b.valid) this.compile(b);
    return b;
  }

  /** A fault inside translated code: account for the instructions of the block that did retire. */
  private translatedFault(e: unknown, tr: Translation): StopReason | undefined {
    if (tr.at < 0) throw e;
    const b = tr.blocks[Math.floor(tr.at / 65536)], i = tr.at % 65536;
    tr.at = -1;
    this.partial.push({ block: b, executed: i });
    this.hart.instret += i;
    this.hart.pc = b.endPc;
    return this.stopOnError(e, b.insns[i].pc, b.insns[i]);
  }

  /** Translate a hot block, with the loop it heads if there is one. */
  private compile(head: Block): void {
    head.heat = 0;
    let blocks: Block[] | undefined, tr: Translation | undefined;
    const cache = this.codeCache, config = cache !== undefined ? this.shareConfig() : '';
    const shared = cache?.variantOf(config, head);
    if (shared !== undefined) {
      for (const r of shared.regions) {
        blocks = this.regionMembers(r.members);
        if (blocks !== undefined) { tr = instantiate(r.code, blocks, this); cache!.regionsReused++; break; }
      }
    }
    if (tr === undefined) {
      // Taken at its first run for a region translated elsewhere that does not fit here: wait until hot.
      if (head.execCount < this.jitThreshold) return;
      blocks = this.formRegion(head);
      let code: RegionCode;
      try {
        code = generateRegion(blocks, { level: this.jitLevel, engine: this });
      } catch (e) {
        // A host that forbids generating code (a browser page's CSP): interpret from now on.
        if (e instanceof EvalError) { this.jit = false; return; }
        throw e;
      }
      tr = instantiate(code, blocks, this);
      cache?.publish(config, blocks, code);
    }
    blocks = blocks!;
    const n = tr.insnCount;
    if (this.translatedInsns + n > MAX_TRANSLATED_INSNS) this.dropTranslations();
    this.translatedInsns += n;
    this.translated.add(tr);
    // Every block of the loop can enter it (they all lead back to the head); a block keeps a loop it heads.
    blocks.forEach((b, i) => {
      (b.inTranslations ??= []).push(tr);
      if (b === head || b.translation === undefined || b.translation.blocks[0] !== b) {
        b.fn = tr.fn; b.translation = tr; b.entry = i;
      }
    });
  }

  /**
   * This engine's blocks for a shared region's members (decoding those it has not met yet), or undefined
   * when its code differs at one of them.
   */
  private regionMembers(members: readonly Decoded[][]): Block[] | undefined {
    const out: Block[] = [];
    for (const insns of members) {
      const pc = insns[0].pc;
      let b = this.blocks.get(pc);
      if (b === undefined) {
        try { b = this.newBlock(pc); } catch (e) { if (e instanceof RvemuError) return undefined; throw e; }
      }
      if (b.insns !== insns || !b.valid) return undefined;
      out.push(b);
    }
    return out;
  }

  /**
   * The head, plus the hot blocks on paths from it back to it (by branches, jumps, calls and the returns
   * from them, and indirect jumps where the interpreter saw them go): a loop, translated as one function.
   */
  private formRegion(head: Block): Block[] {
    const innerLoop = (b: Block): boolean =>
      b !== head && b.inTranslations !== undefined &&
      b.inTranslations.some((tr) => tr.valid && tr.blocks[0].execCount >= INNER_LOOP_RATIO * Math.max(1, head.execCount));
    const hot = (b: Block | undefined): b is Block =>
      b !== undefined && b.valid && b.execCount >= Math.min(MIN_MEMBER_RUNS, this.jitThreshold) &&
      b.execCount * MEMBER_RATIO >= head.execCount && !innerLoop(b);
    const succ = (b: Block): number[] => {
      const t = b.insns[b.insns.length - 1];
      const out: number[] = [];
      if (t.spec.cls === InsnClass.Branch) out.push(t.pc + t.imm, b.endPc);
      else if (t.spec.name === 'jal') out.push(t.pc + t.imm);
      else if (t.spec.name === 'jalr') { for (const s of [b.succA, b.succB]) if (s !== undefined) out.push(s.pc); }
      else if (!t.spec.endsBlock) out.push(b.endPc);
      if ((t.spec.name === 'jal' || t.spec.name === 'jalr') && t.rd !== X_SINK) out.push(b.endPc);
      return out;
    };
    // Hot blocks reachable from the head, nearest first.
    const found: Block[] = [head];
    const edges = new Map<Block, Block[]>();
    for (let i = 0; i < found.length && found.length < MAX_REGION_SCAN; i++) {
      const b = found[i], next: Block[] = [];
      for (const pc of succ(b)) {
        const nb = this.blocks.get(pc);
        if (!hot(nb)) continue;
        next.push(nb);
        if (!found.includes(nb) && found.length < MAX_REGION_SCAN) found.push(nb);
      }
      edges.set(b, next);
    }
    // Of those, the ones that lead back to the head.
    const back = new Set<Block>([head]);
    for (let changed = true; changed;) {
      changed = false;
      for (const b of found) {
        if (back.has(b)) continue;
        if ((edges.get(b) ?? []).some((s) => back.has(s))) { back.add(b); changed = true; }
      }
    }
    const region: Block[] = [];
    let insns = 0;
    for (const b of found) {
      if (!back.has(b) || region.length >= this.maxRegionBlocks || insns + b.insns.length > MAX_REGION_INSNS) continue;
      region.push(b);
      insns += b.insns.length;
    }
    return region;
  }

  private untranslate(tr: Translation): void {
    if (!tr.valid) return;
    tr.valid = false;
    this.translated.delete(tr);
    this.translatedInsns -= tr.insnCount;
    for (const b of tr.blocks) {
      if (b.translation === tr) { b.fn = undefined; b.translation = undefined; b.entry = 0; }
      const list = b.inTranslations;
      if (list !== undefined) { const k = list.indexOf(tr); if (k >= 0) list.splice(k, 1); }
    }
  }

  /** Forget every translation (the cache is full, or translation was turned off). */
  dropTranslations(): void {
    for (const tr of [...this.translated]) this.untranslate(tr);
  }

  /** Why the run stops for error e at pc, or undefined when the platform took it as a trap (onTrap). */
  private stopOnError(e: unknown, pc: number, insn: Decoded | undefined): StopReason | undefined {
    if (!(e instanceof RvemuError)) throw e;
    if (e instanceof GuestFault) e.pc = pc;
    if (this.onTrap !== undefined && this.onTrap(e, pc, insn)) return undefined;
    return { kind: 'error', error: e, pc, insn };
  }

  /** The block starting at pc, decoding it on first use. */
  blockAt(pc: number): Block {
    const cached = this.blocks.get(pc);
    if (cached !== undefined) return cached;
    const b = this.newBlock(pc);
    if (this.jit && this.jitThreshold === 0) this.compile(b);
    return b;
  }

  /** A new block at pc: shared by another process whose bits there are ours, else decoded here. */
  private newBlock(pc: number): Block {
    const cache = this.codeCache, config = cache !== undefined ? this.shareConfig() : '';
    let b: Block;
    const shared = cache?.find(config, this.hart.mem, pc, this.enabled);
    if (shared !== undefined) {
      b = new Block(pc, shared.insns, shared.endPc);
      // Translated elsewhere: compile takes that translation at the block's first run here.
      if (shared.regions.length > 0) b.heat = Math.max(0, this.jitThreshold - 1);
    } else {
      const d = this.buildBlock(pc);
      b = new Block(pc, d.insns, d.endPc);
      cache?.add(config, d.insns, d.endPc, d.endedByFault);
    }
    this.blocks.set(pc, b);
    for (const page of b.pages()) {
      const list = this.blocksByPage.get(page);
      if (list === undefined) this.blocksByPage.set(page, [b]); else list.push(b);
    }
    return b;
  }

  /** Decode the block at start; endedByFault: the instruction after it did not decode. */
  private buildBlock(start: number): { insns: Decoded[]; endPc: number; endedByFault: boolean } {
    const insns: Decoded[] = [];
    let pc = start, endedByFault = false;
    const pageEnd = (Math.floor(start / 4096) + 1) * 4096;
    for (;;) {
      let d: Decoded;
      try { d = decodeAt(this.hart.mem, pc, this.enabled); }
      catch (e) {
        // A bad instruction after the first one just ends the block: it faults only if reached.
        if (insns.length > 0 && (e instanceof IllegalInstruction || e instanceof GuestFault)) { endedByFault = true; break; }
        throw e;
      }
      d.index = insns.length;
      insns.push(d);
      pc += d.len;
      if (d.spec.endsBlock || insns.length >= MAX_BLOCK_INSNS || pc >= pageEnd) break;
      if (this.csrEndsBlock && d.spec.cls === InsnClass.Csr) break;
    }
    return { insns, endPc: pc, endedByFault };
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
    if (b.inTranslations !== undefined) for (const tr of [...b.inTranslations]) this.untranslate(tr);
    if (this.blocks.get(b.pc) === b) this.blocks.delete(b.pc);
    // Kept even at count 0: a block flushed while it runs (fence.i) is counted after it finishes.
    this.retired.push(b);
  }

  /** Every block that ever ran (live and invalidated), for counting. */
  *allBlocks(): Iterable<Block> {
    yield* this.blocks.values();
    yield* this.retired;
  }
}
