// The profiler: attached to an engine's block hook, it counts each block run (so the instruction mix is
// block count × the block's static mix — nothing per instruction), splits conditional branches into taken
// and not taken from which block came next, keeps a shadow call stack when asked (inclusive counts, call
// tree, flame graphs), and restricts counting to a region of interest (guest markers, a symbol on the stack).
//
// Blocks are accounted one step late: when the hook sees block B, the previous block A has run to its end,
// so A is counted whole and B's start pc tells whether A's closing branch fell through. The last block is
// accounted by finish(), which knows from hart.instret how much of it retired (all of it, or the part
// before a fault).
//
// Shadow stack rules (RISC-V calling convention, with the standard link registers ra and t0):
//   call      jal/jalr writing ra or t0: push a frame (callee = the function of the target block, return
//             address = the pc after the call, sp at the call)
//   return    jalr x0 through ra or t0: pop the top frame if it expects this return address; else pop to the
//             deepest frame that expects it with the same sp (returns skipping frames); else (longjmp, C++
//             unwinding, signal frames) pop every frame whose call-time sp is at or below the current sp
//   otherwise when the next block belongs to another function than the top frame's (tail calls: jal/jalr
//             with rd = x0; jumps or falls into another symbol), the top frame becomes that function (same
//             return address), so the leaf frame is always the function whose code is running
//   ecall     that does not resume after itself: a jump to a function start (signal handler) pushes a frame,
//             anything else (sigreturn) is treated like a return to that pc
import { Block } from '../engine/block.js';
import type { Engine } from '../engine/engine.js';
import type { GuestProcess } from '../run.js';
import type { Hart } from '../isa/hart.js';
import { InsnClass, INSN_CLASS_NAMES, X_SINK, type Decoded, type InsnSpec } from '../isa/spec.js';
import type { SymbolTable } from '../elf/symbols.js';
import { UsageError } from '../errors.js';
import { FunctionTable } from './functions.js';
import { containsMarkerWords, roiMarker } from './roi.js';
import { setVectorSink, vectorCounting, VectorCounters } from './vector-counters.js';

/** How a block ends, for the shadow stack and the branch split. */
export const enum Exit { Plain = 0, Branch = 1, Call = 2, Return = 3, Ecall = 4 }

const X_RA = 1, X_T0 = 5;
const isLink = (r: number): boolean => r === X_RA || r === X_T0;
/** Keys of partial ranges: from * RANGE_K + to. */
const RANGE_K = 65536;
/** Frames beyond this depth replace the top instead (runaway recursion or unmatched calls). */
const MAX_DEPTH = 1 << 16;

const MARK_NONE = 0, MARK_ON = 1, MARK_OFF = 2;
const FLAG_ROI = 1, FLAG_TRACE = 2;

function exitOf(d: Decoded): Exit {
  const s = d.spec;
  if (s.cls === InsnClass.Branch) return Exit.Branch;
  if (s.name === 'jal' || s.name === 'jalr') {
    if (isLink(d.rd)) return Exit.Call;
    if (s.name === 'jalr' && d.rd === X_SINK && isLink(d.rs1)) return Exit.Return;
    return Exit.Plain;
  }
  if (s.name === 'ecall') return Exit.Ecall;
  return Exit.Plain;
}

/** What the profiler keeps per block (hung off its own maps; the engine's Block is not touched). */
export class BlockInfo {
  /** Complete executions counted. */
  count = 0;
  /** Counted executions of the closing conditional branch that fell through. */
  fall = 0;
  /** Counted executions of part of the block (markers, faults): key from * RANGE_K + to -> times. */
  ranges: Map<number, number> | undefined = undefined;
  /** Two most recent successors, so most hooks find the next block's info without a map lookup. */
  succ1: Block | undefined = undefined;
  info1: BlockInfo | undefined = undefined;
  succ2: Block | undefined = undefined;
  info2: BlockInfo | undefined = undefined;
  /** Where the closing conditional branch falls through to (NaN, which nothing equals, for other blocks). */
  readonly fallPc: number;
  /** Has markers and vector instructions (vector records then follow the markers inside the block). */
  readonly vectorMarkers: boolean;
  constructor(
    readonly block: Block,
    readonly n: number,
    readonly exit: Exit,
    /** Function of the first instruction, and whether the block starts it. */
    readonly fn: number,
    readonly fnStart: boolean,
    /** Function of each instruction. */
    readonly fns: Int32Array,
    /** +1/-1 at ROI begin/end markers (undefined when the block has none). */
    readonly markers: Int8Array | undefined,
    /** Accounted instruction by instruction (markers, or several functions while tracking calls). */
    readonly slow: boolean,
    readonly hasVector: boolean,
  ) {
    this.fallPc = exit === Exit.Branch ? block.endPc : NaN;
    this.vectorMarkers = markers !== undefined && hasVector;
  }
}

/** A node of the calling-context tree: one per distinct call path. */
export class CallNode {
  /** Instructions counted while this was the innermost frame. */
  self = 0;
  /** Times entered (by call or tail call) while counting. */
  calls = 0;
  children: Map<number, CallNode> | undefined = undefined;
  constructor(readonly fn: number, readonly parent: CallNode | undefined) {}
  child(fn: number): CallNode {
    let m = this.children;
    if (m === undefined) this.children = m = new Map();
    let c = m.get(fn);
    if (c === undefined) { c = new CallNode(fn, this); m.set(fn, c); }
    return c;
  }
}

export interface ProfilerOptions {
  /** Track calls and returns: inclusive counts, the call tree, folded stacks. */
  callStack?: boolean;
  /** Count only while one of these functions is on the call stack (implies callStack). */
  roiSymbols?: readonly string[];
  /** Honour the guest's ROI markers (default true). */
  markers?: boolean;
  /** Functions whose activity `traceActive` follows (implies callStack). */
  traceSymbols?: readonly string[];
  /** The program may contain ROI markers (default true; forProcess scans the code for them). */
  markersPossible?: boolean;
  /** Watch every block through the engine's hook even when the engine's own counts would do. */
  watchBlocks?: boolean;
  /** The engine keeps Block.taken (default: detected). */
  engineCounts?: boolean;
}

/** How often a block's closing conditional branch was taken, when the engine keeps that count (Block.taken). */
function engineTaken(b: Block): number | undefined {
  const t = (b as unknown as { taken?: unknown }).taken;
  return typeof t === 'number' ? t : undefined;
}
/** Whether this engine counts taken branches per block (then plain counting needs no hook at all). */
const ENGINE_COUNTS_TAKEN = engineTaken(new Block(0, [], 0)) !== undefined;

/** Report classes: the instruction classes with conditional branches split by outcome. */
export const REPORT_CLASSES: readonly string[] = INSN_CLASS_NAMES.flatMap((n) => (n === 'branch' ? ['branch-taken', 'branch-not-taken'] : [n]));
const classIndex: number[] = [];
{
  let r = 0;
  INSN_CLASS_NAMES.forEach((n, i) => { classIndex[i] = r; r += n === 'branch' ? 2 : 1; });
}
const TAKEN = REPORT_CLASSES.indexOf('branch-taken'), NOT_TAKEN = REPORT_CLASSES.indexOf('branch-not-taken');

const SCALAR_WIDTH: Readonly<Record<string, number>> = {
  lb: 1, lbu: 1, sb: 1, lh: 2, lhu: 2, sh: 2, lw: 4, lwu: 4, sw: 4, flw: 4, fsw: 4, ld: 8, sd: 8, fld: 8, fsd: 8,
};
/** Bytes a scalar memory instruction accesses (0 for anything else). */
export function scalarWidth(s: InsnSpec): number {
  const w = SCALAR_WIDTH[s.name];
  if (w !== undefined) return w;
  if (s.cls === InsnClass.Atomic) return s.name.endsWith('.d') ? 8 : 4;
  return 0;
}

/** Per-thread state of the block hook (Profiler.switchThread). */
interface ThreadState {
  prev: BlockInfo | undefined; prevStart: number; depth: number; fNode: CallNode[]; fRet: number[]; fSp: number[];
  roiDepth: number; traceDepth: number;
}

/** Totals over the counted part of a run. */
export interface Counts {
  /** Instructions retired by the whole run (hart.instret), whatever was counted. */
  retired: number;
  /** Instructions counted (= retired without a region of interest). */
  counted: number;
  /** Indexed like REPORT_CLASSES. */
  byClass: number[];
  byMnemonic: Map<string, number>;
  /** Counted instructions that were 16-bit encodings. */
  compressed: number;
  loadBytes: number;
  storeBytes: number;
  atomicBytes: number;
  /** Exclusive instructions per function index (static attribution of each instruction to its symbol). */
  exclusive: Float64Array;
}

export interface HotBlock {
  pc: number;
  count: number;
  length: number;
  instructions: number;
  insns: readonly Decoded[];
}

export class Profiler {
  readonly fns: FunctionTable;
  readonly infos: BlockInfo[] = [];
  readonly vector = new VectorCounters();
  readonly stackOn: boolean;
  readonly roiBySymbol: boolean;
  readonly traceBySymbol: boolean;
  readonly markersOn: boolean;
  /**
   * Sees every block through the engine's hook (call stack, regions of interest, possible markers, or an
   * engine that does not count taken branches). Otherwise everything comes from the engine's block counts
   * at the end, and the run costs nothing extra.
   */
  readonly hooked: boolean;
  /** Virtual root of the call tree (its children are the outermost frames). */
  readonly root = new CallNode(-1, undefined);
  markerBegins = 0;
  markerEnds = 0;
  /** Counting right now (markers and the ROI symbol agree). */
  counting = true;
  /** Inside a --trace-symbol function right now. */
  traceActive = false;

  /** The hart whose blocks the hook sees now (threads of one process take turns on one engine). */
  private h: Hart;
  /** What each other thread was doing when it was switched out (see switchThread). */
  private readonly parked = new Map<Hart, ThreadState>();
  private readonly byBlock = new Map<Block, BlockInfo>();
  private prev: BlockInfo | undefined = undefined;
  /** hart.instret when prev started. */
  private prevStart = 0;
  private markerState = MARK_NONE;
  private readonly roiStarts = new Set<number>();
  private readonly traceStarts = new Set<number>();
  private readonly fnFlag: number[] = [];
  private roiDepth = 0;
  private traceDepth = 0;
  private depth = 0;
  private fNode: CallNode[] = [];
  private fRet: number[] = [];
  private fSp: number[] = [];
  private attached = false;
  private finished = false;

  constructor(private readonly engine: Engine, symbols: readonly SymbolTable[], opts: ProfilerOptions = {}) {
    this.h = engine.hart;
    this.fns = new FunctionTable(symbols);
    this.roiBySymbol = (opts.roiSymbols?.length ?? 0) > 0;
    this.traceBySymbol = (opts.traceSymbols?.length ?? 0) > 0;
    this.stackOn = opts.callStack === true || this.roiBySymbol || this.traceBySymbol;
    this.markersOn = opts.markers !== false;
    this.hooked = this.stackOn || this.roiBySymbol || (this.markersOn && opts.markersPossible !== false) ||
      opts.watchBlocks === true || !(opts.engineCounts ?? ENGINE_COUNTS_TAKEN);
    this.hook = this.stackOn ? this.stackHook : this.countHook;
    for (const name of opts.roiSymbols ?? []) this.roiStarts.add(this.resolve(name, '--roi-symbol'));
    for (const name of opts.traceSymbols ?? []) this.traceStarts.add(this.resolve(name, '--trace-symbol'));
    this.fnFlag.push(0);
    this.updateCounting();
  }

  /** A profiler for a guest process, using the symbols of its program (and dynamic linker). */
  static forProcess(p: GuestProcess, opts: ProfilerOptions = {}): Profiler {
    const prog = p.launched.program;
    const tables = [prog.main.symbols];
    if (prog.interp !== undefined) tables.push(prog.interp.symbols);
    const markersPossible = containsMarkerWords(prog.main.elf) || (prog.interp !== undefined && containsMarkerWords(prog.interp.elf));
    return new Profiler(p.engine, tables, { markersPossible, ...opts });
  }

  private resolve(name: string, option: string): number {
    const a = this.fns.addressOf(name);
    if (a === undefined) {
      const like = this.fns.similar(name);
      throw new UsageError(`${option} ${name}: no such symbol in the program` + (like.length ? ` (similar: ${like.join(', ')})` : ''));
    }
    return a;
  }

  /** Start receiving blocks (call before running). */
  attach(): this {
    if (this.attached) return this;
    this.attached = true;
    if (this.hooked) this.engine.blockHook = this.hook;
    setVectorSink(this.vector);
    this.updateCounting();
    return this;
  }

  /** The info of b, which ran after p (successor caches first, as in the engine). */
  private next(p: BlockInfo, b: Block): BlockInfo {
    let info: BlockInfo;
    if (p.succ2 === b) info = p.info2!;
    else info = this.byBlock.get(b) ?? this.init(b);
    p.succ2 = p.succ1; p.info2 = p.info1; p.succ1 = b; p.info1 = info;
    return info;
  }

  /**
   * Another thread of the process runs now: park the state that follows one thread's control flow (its
   * last block, shadow call stack, ROI and trace depths) and take up the other's where it left off.
   */
  private switchThread(next: Hart): void {
    this.parked.set(this.h, {
      prev: this.prev, prevStart: this.prevStart, depth: this.depth, fNode: this.fNode, fRet: this.fRet, fSp: this.fSp,
      roiDepth: this.roiDepth, traceDepth: this.traceDepth,
    });
    const st = this.parked.get(next);
    this.parked.delete(next);
    this.h = next;
    this.prev = st?.prev; this.prevStart = st?.prevStart ?? 0;
    this.depth = st?.depth ?? 0; this.fNode = st?.fNode ?? []; this.fRet = st?.fRet ?? []; this.fSp = st?.fSp ?? [];
    this.roiDepth = st?.roiDepth ?? 0; this.traceDepth = st?.traceDepth ?? 0;
    this.updateCounting();
  }

  /** The engine's block hook: one of the two below. */
  readonly hook: (b: Block) => void;

  /** Hook without a call stack (counting, markers). */
  private readonly countHook = (b: Block): void => {
    if (this.engine.hart !== this.h) this.switchThread(this.engine.hart);
    const p = this.prev;
    let info: BlockInfo;
    if (p !== undefined) {
      info = p.succ1 === b ? p.info1! : this.next(p, b);
      if (p.slow) this.accountSlow(p, p.n, b.pc);
      else if (this.counting) {
        p.count++;
        if (b.pc === p.fallPc) p.fall++;
      }
    } else info = this.byBlock.get(b) ?? this.init(b);
    this.prev = info;
    this.prevStart = this.h.instret;
    if (info.vectorMarkers) this.vectorStateFor(info);
  };

  /** Hook with the shadow call stack. */
  private readonly stackHook = (b: Block): void => {
    if (this.engine.hart !== this.h) this.switchThread(this.engine.hart);
    const p = this.prev;
    let info: BlockInfo;
    if (p !== undefined) {
      info = p.succ1 === b ? p.info1! : this.next(p, b);
      if (p.slow) this.accountSlow(p, p.n, b.pc);
      else if (this.counting) {
        p.count++;
        if (b.pc === p.fallPc) p.fall++;
        this.fNode[this.depth - 1].self += p.n;
      }
      this.transition(p, info);
    } else {
      info = this.byBlock.get(b) ?? this.init(b);
      if (this.depth === 0) this.enter(info);
    }
    this.prev = info;
    this.prevStart = this.h.instret;
    if (info.vectorMarkers) this.vectorStateFor(info);
  };

  private init(b: Block): BlockInfo {
    const insns = b.insns, n = insns.length;
    const fns = new Int32Array(n);
    const first = this.fns.lookup(b.pc);
    let multi = false, markers: Int8Array | undefined, vec = false;
    for (let i = 0; i < n; i++) {
      const d = insns[i];
      fns[i] = i === 0 ? first.fn : this.fns.lookup(d.pc).fn;
      if (fns[i] !== fns[0]) multi = true;
      if (d.spec.ext === 'V') vec = true;
      const m = this.markersOn ? roiMarker(d) : 0;
      if (m !== 0) { if (markers === undefined) markers = new Int8Array(n); markers[i] = m; }
    }
    while (this.fnFlag.length < this.fns.size) {
      const start = this.fns.starts[this.fnFlag.length];
      this.fnFlag.push((this.roiStarts.has(start) ? FLAG_ROI : 0) | (this.traceStarts.has(start) ? FLAG_TRACE : 0));
    }
    const info = new BlockInfo(b, n, exitOf(insns[n - 1]), first.fn, first.start, fns, markers,
      markers !== undefined || (multi && this.stackOn), vec);
    this.byBlock.set(b, info);
    this.infos.push(info);
    return info;
  }

  // ------------------------------------------------------------------ accounting

  private addRange(p: BlockInfo, from: number, to: number): void {
    if (from === 0 && to === p.n) p.count++;
    else {
      const k = from * RANGE_K + to;
      if (p.ranges === undefined) p.ranges = new Map();
      p.ranges.set(k, (p.ranges.get(k) ?? 0) + 1);
    }
    if (this.stackOn) this.fNode[this.depth - 1].self += to - from;
  }

  /** Account `executed` instructions of p one run of instructions at a time (markers, symbol changes). */
  private accountSlow(p: BlockInfo, executed: number, nextPc: number): void {
    let s = 0, c = this.counting;
    let cur = this.stackOn ? this.fNode[this.depth - 1].fn : -1;
    for (let i = 0; i < executed; i++) {
      const m = p.markers !== undefined ? p.markers[i] : 0;
      if (m !== 0) {
        if (c && i > s) this.addRange(p, s, i);
        this.applyMarker(m);
        c = this.counting; s = i + 1;
        continue;
      }
      if (this.stackOn && p.fns[i] !== cur) {
        if (c && i > s) this.addRange(p, s, i);
        cur = p.fns[i];
        this.replaceTop(cur);
        c = this.counting; s = i;
      }
    }
    if (c && executed > s) {
      this.addRange(p, s, executed);
      if (executed === p.n && p.exit === Exit.Branch && nextPc === p.block.endPc) p.fall++;
    }
  }

  private applyMarker(m: number): void {
    if (m > 0) {
      this.markerBegins++;
      // The first marker being a begin means nothing before it was meant to be counted.
      if (this.markerState === MARK_NONE) this.discard();
      this.markerState = MARK_ON;
    } else {
      this.markerEnds++;
      this.markerState = MARK_OFF;
    }
    this.updateCounting();
  }

  /** Forget everything counted so far. */
  private discard(): void {
    for (const info of this.infos) { info.count = 0; info.fall = 0; info.ranges = undefined; }
    const todo: CallNode[] = [this.root];
    while (todo.length > 0) {
      const n = todo.pop()!;
      n.self = 0; n.calls = 0;
      if (n.children !== undefined) for (const c of n.children.values()) todo.push(c);
    }
    this.vector.reset();
  }

  private updateCounting(): void {
    const c = this.markerState !== MARK_OFF && (!this.roiBySymbol || this.roiDepth > 0);
    this.counting = c;
    vectorCounting.on = c && this.attached && !this.finished;
    this.traceActive = this.traceDepth > 0;
  }

  /** A block with markers and vector instructions: vector records follow the state at its first vector instruction. */
  private vectorStateFor(info: BlockInfo): void {
    let state = this.markerState;
    const insns = info.block.insns;
    for (let i = 0; i < info.n; i++) {
      const m = info.markers![i];
      if (m > 0) state = MARK_ON; else if (m < 0) state = MARK_OFF;
      else if (insns[i].spec.ext === 'V') break;
    }
    vectorCounting.on = this.attached && !this.finished && state !== MARK_OFF && (!this.roiBySymbol || this.roiDepth > 0);
  }

  // ------------------------------------------------------------------ shadow stack

  private sp(): number {
    const x = this.h.x;
    return x[5] * 4294967296 + (x[4] >>> 0);
  }

  private enter(info: BlockInfo): void {
    this.depth = 0;
    this.pushFrame(this.root.child(info.fn), -1, this.sp());
  }

  private pushFrame(node: CallNode, ret: number, sp: number): void {
    const d = this.depth;
    this.fNode[d] = node; this.fRet[d] = ret; this.fSp[d] = sp;
    this.depth = d + 1;
    const f = this.fnFlag[node.fn] ?? 0;
    if (f !== 0) this.enterFlags(f);
    if (this.counting) node.calls++;
  }

  private enterFlags(f: number): void {
    if (f & FLAG_ROI) this.roiDepth++;
    if (f & FLAG_TRACE) this.traceDepth++;
    this.updateCounting();
  }

  private leaveFlags(f: number): void {
    if (f & FLAG_ROI) this.roiDepth--;
    if (f & FLAG_TRACE) this.traceDepth--;
    this.updateCounting();
  }

  private popFrame(): void {
    const f = this.fnFlag[this.fNode[--this.depth].fn] ?? 0;
    if (f !== 0) this.leaveFlags(f);
  }

  private push(fn: number, ret: number): void {
    if (this.depth >= MAX_DEPTH) { this.replaceTop(fn); return; }
    this.pushFrame(this.fNode[this.depth - 1].child(fn), ret, this.sp());
  }

  private replaceTop(fn: number): void {
    const top = this.depth - 1;
    const old = this.fNode[top];
    const f = this.fnFlag[old.fn] ?? 0;
    if (f !== 0) this.leaveFlags(f);
    const node = old.parent!.child(fn);
    this.fNode[top] = node;
    const g = this.fnFlag[fn] ?? 0;
    if (g !== 0) this.enterFlags(g);
    if (this.counting) node.calls++;
  }

  /** A return (or return-like transfer) to target that the top frame does not expect. */
  private unwind(target: number): void {
    const sp = this.sp();
    for (let k = this.depth - 1; k >= 1; k--) {
      if (this.fRet[k] === target && this.fSp[k] === sp) {
        while (this.depth > k) this.popFrame();
        return;
      }
    }
    while (this.depth > 1 && this.fSp[this.depth - 1] <= sp) this.popFrame();
  }

  private transition(p: BlockInfo, b: BlockInfo): void {
    switch (p.exit) {
      case Exit.Call:
        this.push(b.fn, p.block.endPc);
        break;
      case Exit.Return: {
        const d = this.depth;
        if (d > 1 && this.fRet[d - 1] === b.block.pc) this.popFrame();
        else this.unwind(b.block.pc);
        break;
      }
      case Exit.Ecall:
        if (b.block.pc !== p.block.endPc) {
          if (b.fnStart) { this.push(b.fn, -1); break; }
          this.unwind(b.block.pc);
        }
        break;
      default:
        break;
    }
    if (this.fNode[this.depth - 1].fn !== b.fn) this.replaceTop(b.fn);
  }

  /** Function indices on the shadow stack, outermost first (empty without call tracking). */
  stack(): number[] {
    const out: number[] = [];
    for (let i = 0; i < this.depth; i++) out.push(this.fNode[i].fn);
    return out;
  }

  // ------------------------------------------------------------------ end of run and results

  /** Account the last block (complete, or the part before a fault) and detach. Idempotent. */
  finish(): void {
    if (this.finished) return;
    if (!this.hooked) this.collectFromEngine();
    // Every thread ends with its last block (the others were switched out: they exited, or waited).
    this.settleLast();
    for (const h of [...this.parked.keys()]) { this.switchThread(h); this.settleLast(); }
    this.finished = true;
    if (this.engine.blockHook === this.hook) this.engine.blockHook = undefined;
    setVectorSink(undefined);
  }

  /** Account the current thread's last block: complete, or the part before a fault. */
  private settleLast(): void {
    const p = this.prev;
    if (p !== undefined) {
      const executed = Math.max(0, Math.min(p.n, this.h.instret - this.prevStart));
      if (p.slow || executed !== p.n) this.accountSlow(p, executed, this.h.pc);
      else if (this.counting) {
        p.count++;
        if (p.exit === Exit.Branch && this.h.pc === p.block.endPc) p.fall++;
        if (this.stackOn) this.fNode[this.depth - 1].self += p.n;
      }
      this.prev = undefined;
    }
  }

  /** Without the hook: every block's counts as the engine kept them. */
  private collectFromEngine(): void {
    for (const b of this.engine.allBlocks()) {
      if (b.execCount === 0) continue;
      const info = this.byBlock.get(b) ?? this.init(b);
      info.count += b.execCount;
      if (info.exit === Exit.Branch) info.fall += b.execCount - (engineTaken(b) ?? 0);
    }
    for (const { block, executed } of this.engine.partial) {
      if (executed === 0) continue;
      const info = this.byBlock.get(block) ?? this.init(block);
      // The range [0, executed).
      if (info.ranges === undefined) info.ranges = new Map();
      info.ranges.set(executed, (info.ranges.get(executed) ?? 0) + 1);
    }
  }

  /** Units of counted execution of a block: [from, to, times]. */
  private *units(info: BlockInfo): Generator<[number, number, number]> {
    if (info.count > 0) yield [0, info.n, info.count];
    if (info.ranges !== undefined) {
      for (const [k, c] of info.ranges) yield [Math.floor(k / RANGE_K), k % RANGE_K, c];
    }
  }

  /** Instructions counted in a block. */
  blockInstructions(info: BlockInfo): number {
    let t = 0;
    for (const [from, to, c] of this.units(info)) t += (to - from) * c;
    return t;
  }

  counts(): Counts {
    const byClass = new Array<number>(REPORT_CLASSES.length).fill(0);
    const bySpec = new Map<InsnSpec, number>();
    const exclusive = new Float64Array(this.fns.size);
    let counted = 0, compressed = 0, loadBytes = 0, storeBytes = 0, atomicBytes = 0;
    for (const info of this.infos) {
      const insns = info.block.insns;
      let lastRuns = 0;
      for (const [from, to, c] of this.units(info)) {
        counted += (to - from) * c;
        if (to === info.n) lastRuns += c;
        for (let i = from; i < to; i++) {
          const d = insns[i], s = d.spec;
          if (s.cls !== InsnClass.Branch) byClass[classIndex[s.cls]] += c;
          bySpec.set(s, (bySpec.get(s) ?? 0) + c);
          exclusive[info.fns[i]] += c;
          if (d.len === 2) compressed += c;
          const w = scalarWidth(s);
          if (w !== 0) {
            if (s.cls === InsnClass.Load || s.cls === InsnClass.FpLoad) loadBytes += w * c;
            else if (s.cls === InsnClass.Store || s.cls === InsnClass.FpStore) storeBytes += w * c;
            else atomicBytes += w * c;
          }
        }
      }
      if (info.exit === Exit.Branch && lastRuns > 0) {
        byClass[NOT_TAKEN] += info.fall;
        byClass[TAKEN] += lastRuns - info.fall;
      }
    }
    const byMnemonic = new Map<string, number>();
    for (const [s, c] of bySpec) byMnemonic.set(s.name, (byMnemonic.get(s.name) ?? 0) + c);
    return { retired: this.retired(), counted, byClass, byMnemonic, compressed, loadBytes, storeBytes, atomicBytes, exclusive };
  }

  /** The n blocks with the most counted instructions (blocks at one pc with the same code are merged). */
  hotBlocks(n: number): HotBlock[] {
    const merged = new Map<string, HotBlock & { count: number; instructions: number }>();
    for (const info of this.infos) {
      const instructions = this.blockInstructions(info);
      if (instructions === 0) continue;
      const b = info.block;
      const key = `${b.pc}:${b.insns.map((d) => d.raw).join(',')}`;
      const runs = info.count + (info.ranges === undefined ? 0 : [...info.ranges.values()].reduce((a, x) => a + x, 0));
      const m = merged.get(key);
      if (m === undefined) merged.set(key, { pc: b.pc, count: runs, length: info.n, instructions, insns: b.insns });
      else { m.count += runs; m.instructions += instructions; }
    }
    return [...merged.values()].sort((a, b) => b.instructions - a.instructions || a.pc - b.pc).slice(0, n);
  }

  /** Counted executions per instruction address. */
  pcCounts(): Map<number, number> {
    const out = new Map<number, number>();
    for (const info of this.infos) {
      const insns = info.block.insns;
      for (const [from, to, c] of this.units(info)) {
        for (let i = from; i < to; i++) out.set(insns[i].pc, (out.get(insns[i].pc) ?? 0) + c);
      }
    }
    return out;
  }

  /** Thread id of the process's first thread. */
  get tid(): number { return this.engine.hart.tid; }

  /** Instructions retired by every thread that ran on this engine. */
  private retired(): number {
    let n = this.h.instret;
    for (const h of this.parked.keys()) n += h.instret;
    return n;
  }

  get roi(): { symbols: boolean; markers: boolean } {
    return { symbols: this.roiBySymbol, markers: this.markerBegins + this.markerEnds > 0 };
  }
}
