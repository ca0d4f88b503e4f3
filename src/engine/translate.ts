// The block translator: turns a hot block, or a small loop of hot blocks, into one JavaScript function.
// It is a second consumer of the instruction semantics, never a second definition of them: instructions
// with a template (templates.ts) are inlined with the integer registers they use held in locals; every
// other instruction becomes a direct call of its semantics function with its Decoded as a constant, so
// that each call site has exactly one target.
//
// The function counts exactly as the interpreter does (block.execCount, h.instret at the end of each
// block). Going from one of its blocks to another (or to itself) stays inside the function, registers
// staying in locals, after the checks the engine makes before running a block: the instruction limit, and
// after a store that the code was not written.
//
// Why small regions: V8 optimizes a function only after it has run for a while, longer the bigger it is,
// and throws optimized code away when a path that never ran before is taken. Small functions reach
// optimized code quickly and have few such paths; larger regions measured slower. A loop gains most.
import type { Hart } from '../isa/hart.js';
import { InsnClass, X_SINK, type Decoded } from '../isa/spec.js';
import type { Block } from './block.js';
import { TEMPLATES, TEMPLATE_HELPERS, lit, type Operands, type Pair, type Template } from './templates.js';
import { VECTOR_HELPERS, knownAfter, vectorFast, vectorGuard, vtypeSetBy, type KnownVector, type VectorFast } from './vector-templates.js';

/**
 * A translated region. Called as fn(h, limit, entry block); runs the entry block, then any blocks of the
 * region control reaches while h.instret < limit, leaves h.pc at the next block's address and returns the
 * last block it ran. When it stops in the middle of that block (a memory access missed the TLB), it sets
 * engine.resumeAt to the index of the instruction to resume at (else -1); that run is not yet counted.
 */
export type BlockFn = (h: Hart, limit: number, b: Block) => Block;

/** What translated code needs of the engine (and, for vector fast paths, the hart it runs now). */
export interface TranslationHost {
  resumeAt: number;
  readonly hart?: Hart;
  /** Misaligned loads and stores trap (bare mode without Zicclsm); templates then check alignment. */
  readonly alignedOnly?: boolean;
  /** CSR instructions end blocks and may redirect h.pc (bare mode: a CSR write can raise an interrupt). */
  readonly csrEndsBlock?: boolean;
}

export class Translation {
  /** Cleared when one of its blocks is dropped (its code was written); a looping function then stops. */
  valid = true;
  fn: BlockFn = unset;
  /**
   * Set before each call of a semantics function (which may throw): which instruction it is, as
   * blockIndex * 65536 + index in the block.
   */
  at = -1;
  readonly insnCount: number;
  /** blocks[0] is the head, the block whose heat made the translation; any of them can be entered. */
  constructor(readonly blocks: readonly Block[]) {
    let n = 0;
    for (const b of blocks) n += b.insns.length;
    this.insnCount = n;
  }
}

function unset(): Block { throw new Error('translation not finished'); }

export interface TranslateOptions {
  /** 1: every instruction calls its semantics function; 2: templated instructions are inlined. */
  level: 1 | 2;
  engine: TranslationHost;
}

/** Integer registers an instruction without a template reads and writes ('all' when unknown). */
function genericRegs(d: Decoded): { reads: number[]; writes: number[] } | 'all' {
  const s = d.spec;
  if (s.ext === 'V') return vectorRegs(d);
  if (s.cls === InsnClass.System || s.cls === InsnClass.Other) return 'all';
  const kinds = s.regs;
  const isX = (i: number): boolean => (kinds?.[i] ?? 'x') === 'x';
  const reads: number[] = [], writes: number[] = [];
  const rd = (): void => { if (isX(0)) writes.push(d.rd); };
  const r1 = (): void => { if (isX(1)) reads.push(d.rs1); };
  const r2 = (): void => { if (isX(2)) reads.push(d.rs2); };
  const r3 = (): void => { if (isX(3)) reads.push(d.rs3); };
  switch (s.format) {
    case 'R': case 'AMO': rd(); r1(); r2(); break;
    case 'R1': case 'I': case 'SH': case 'SHW': case 'CSR': case 'LR': rd(); r1(); break;
    case 'R4': rd(); r1(); r2(); r3(); break;
    case 'S': case 'B': r1(); r2(); break;
    case 'U': case 'J': case 'CSRI': rd(); break;
    case 'FENCE': case 'NONE': break;
    default: return 'all';
  }
  const real = (r: number): boolean => r !== 0 && r !== X_SINK;
  return { reads: reads.filter(real), writes: writes.filter(real) };
}

/** Integer registers of a vector instruction: a scalar operand or base (rs1), a stride or vtype (rs2), rd. */
function vectorRegs(d: Decoded): { reads: number[]; writes: number[] } | 'all' {
  const shape = (d.spec as { shape?: string }).shape;
  if (shape === undefined) return 'all';
  const real = (r: number): boolean => r !== 0 && r !== X_SINK;
  const reads: number[] = [], writes: number[] = [];
  switch (shape) {
    case 'vx': case 'vxm': case 'mvx': case 'sx': case 'mu': case 'mx': case 'vsetvli': reads.push(d.rs1); break;
    case 'ms': case 'vsetvl': reads.push(d.rs1, d.rs2); break;
    default: break;
  }
  if (shape === 'xv' || shape === 'vsetvli' || shape === 'vsetivli' || shape === 'vsetvl') writes.push(d.rd);
  return { reads: reads.filter(real), writes: writes.filter(real) };
}

/**
 * Whether an instruction may write memory or otherwise invalidate decoded code (then the region checks
 * that it is still valid before going on). CSR writes can, in bare mode (mstatus.FS, satp).
 */
function mayWriteMemory(d: Decoded, t: Template | undefined): boolean {
  if (t !== undefined) return t.kind === 'store';
  const c = d.spec.cls;
  return !(c === InsnClass.IntAlu || c === InsnClass.MulDiv || c === InsnClass.Fp || c === InsnClass.FpLoad ||
    c === InsnClass.Load || c === InsnClass.Branch || c === InsnClass.Jump);
}

/** A semantics function that may read h.pc or change control flow: h.pc must be the block's end first. */
function needsPc(d: Decoded): boolean {
  const c = d.spec.cls;
  return d.spec.endsBlock === true || d.spec.ext === 'V' || c === InsnClass.System || c === InsnClass.Other ||
    c === InsnClass.Branch || c === InsnClass.Jump;
}

/**
 * A scalar instruction run through its semantics function leaves vtype, vstart and frm alone (CSR writes,
 * ecalls (signal returns restore them) and the like may change them).
 */
function keepsVectorState(d: Decoded): boolean {
  const c = d.spec.cls;
  return c === InsnClass.IntAlu || c === InsnClass.MulDiv || c === InsnClass.Load || c === InsnClass.Store ||
    c === InsnClass.Branch || c === InsnClass.Jump || c === InsnClass.Atomic || c === InsnClass.Fp ||
    c === InsnClass.FpLoad || c === InsnClass.FpStore;
}
function forget(known: KnownVector): void { known.key = undefined; known.frm.clear(); }

const loName = (r: number): string => `r${r}l`;
const hiName = (r: number): string => `r${r}h`;
const ZERO: Pair = { l: '0', h: '0' };
const SINK: Pair = { l: 'zl', h: 'zh' };

/** What the translator reads of the hart's vector unit: the current vtype key and VLEN. */
interface VectorUnitNow { readonly vkey: number; readonly lenbShift: number }

/** The template used for d at this level, if any. */
export function templateFor(d: Decoded, level: 1 | 2): Template | undefined {
  return level >= 2 && Object.prototype.hasOwnProperty.call(TEMPLATES, d.spec.name) ? TEMPLATES[d.spec.name] : undefined;
}

/**
 * JavaScript source of the region's function; `ref` names the constants it uses (see translate). The
 * blocks run in a loop, a switch on the current block's index; control moves between them without
 * leaving the function, and leaves it for any address outside the region.
 */
function generate(
  blocks: readonly Block[], level: 1 | 2, ref: (v: unknown) => string, alignedOnly: boolean, csrEndsBlock: boolean,
  vector: VectorUnitNow | undefined,
): string {
  const pcNeeded = (d: Decoded): boolean => needsPc(d) || (csrEndsBlock && d.spec.cls === InsnClass.Csr);
  const T = ref('translation');
  const index = new Map<number, number>();
  blocks.forEach((b, i) => index.set(b.pc, i));

  // Registers the inlined instructions use live in locals: loaded on entry, the written ones stored on
  // every way out and before each call of a semantics function, so the locals are always current.
  const used = new Set<number>(), written = new Set<number>();
  for (const b of blocks) {
    for (const d of b.insns) {
      const t = templateFor(d, level);
      if (t === undefined) continue;
      if (t.srcs >= 1 && d.rs1 !== 0) used.add(d.rs1);
      if (t.srcs >= 2 && d.rs2 !== 0) used.add(d.rs2);
      if (t.rd && d.rd !== X_SINK) { used.add(d.rd); written.add(d.rd); }
    }
  }
  const pairOf = (r: number): Pair => (r === 0 ? ZERO : { l: loName(r), h: hiName(r) });

  // Vector fast paths (level 2), with the vtype each instruction is specialized for: set by a vsetvli
  // earlier in its block, else the one in effect now.
  // What is known of the vector unit (vtype, vstart, frm) is followed through each block from its start, so
  // that a guard leaves out what the guards and vsetvli before it in the block established.
  const fastOf = new Map<Decoded, VectorFast>(), guardOf = new Map<Decoded, string>();
  // The --stats vector counters' rows the fast paths feed (instructions of one mnemonic, SEW and LMUL share
  // one), summed in locals while the function runs (runs, elements, bytes: vn<j>, ve<j>, vb<j>) and handed
  // over before each semantics call (which may throw) and when the function returns.
  const recs: { op: number; sh: number; lm: number }[] = [];
  const vunit = level >= 2 ? vector : undefined;
  if (vunit !== undefined) {
    for (const b of blocks) {
      let vt = vunit.vkey < 0 ? -1 : vunit.vkey & 0xff;
      const known: KnownVector = { key: undefined, frm: new Set() };
      for (const d of b.insns) {
        if (d.spec.ext !== 'V') { if (!keepsVectorState(d)) forget(known); continue; }
        const f = vectorFast({
          d, vt, lenbShift: vunit.lenbShift, rs1: pairOf(d.rs1), rd: d.rd === X_SINK ? SINK : pairOf(d.rd), knownKey: known.key,
        });
        const set = vtypeSetBy(d);
        if (set !== undefined) vt = set;
        if (f === undefined) { if (d.spec.cls === InsnClass.VConfig) forget(known); continue; }
        guardOf.set(d, vectorGuard(f, known));
        knownAfter(f, known);
        fastOf.set(d, f);
        const r = f.rec;
        if (r !== undefined && !recs.some((q) => q.op === r.op && q.sh === r.sh && q.lm === r.lm)) recs.push(r);
        for (const r of f.xReads) used.add(r);
        if (f.writesRd && d.rd !== X_SINK) { used.add(d.rd); written.add(d.rd); }
      }
    }
  }
  const usedList = [...used].sort((p, q) => p - q), writtenList = [...written].sort((p, q) => p - q);
  const load = (regs: readonly number[]): string =>
    regs.filter((r) => used.has(r)).map((r) => `${loName(r)} = x[${2 * r}]; ${hiName(r)} = x[${2 * r + 1}];`).join(' ');
  const store = (regs: readonly number[]): string =>
    regs.map((r) => `x[${2 * r}] = ${loName(r)}; x[${2 * r + 1}] = ${hiName(r)};`).join(' ');

  // Addresses a dynamic jump (jalr) may continue at inside the region: returns from calls the region
  // makes, and targets the interpreter saw.
  const landing: Block[] = [];
  for (const b of blocks) {
    const t = b.insns[b.insns.length - 1];
    const name = t.spec.name;
    const member = (pc: number): Block | undefined => { const i = index.get(pc); return i === undefined ? undefined : blocks[i]; };
    const ret = member(b.endPc);
    if ((name === 'jal' || name === 'jalr') && t.rd !== X_SINK && ret !== undefined) landing.push(ret);
    if (name === 'jalr') for (const s of [b.succA, b.succB]) if (s !== undefined && member(s.pc) === s) landing.push(s);
  }
  const landings = [...new Set(landing)];

  const handOver = recs.map((r, j) => `if (vn${j} !== 0) { vrecRuns(${r.op}, ${r.sh}, ${r.lm}, vn${j}, ve${j}, vb${j}); vn${j} = 0; ve${j} = 0; vb${j} = 0; }`).join(' ');
  /**
   * The call of d's semantics function. It may read any register and may throw: the register file must be
   * exact before the call (the dirty registers are stored, and are clean after it).
   */
  const semanticsCall = (d: Decoded, bi: number, i: number, dirty: Set<number>): string => {
    const gr = genericRegs(d);
    const code = [handOver, store([...dirty].sort((p, q) => p - q)), `${T}.at = ${bi * 65536 + i};`];
    dirty.clear();
    if (pcNeeded(d)) code.push(`h.pc = ${lit(blocks[bi].endPc)};`);
    code.push(`${ref(d.exec)}(h, ${ref(d)});`, load(gr === 'all' ? usedList : gr.writes));
    if (fastOf.size > 0) code.push('von = VC.on;');
    return code.filter((c) => c !== '').join(' ');
  };
  const out: string[] = [];
  const multi = blocks.length > 1;
  // The engine's block hook (profiling) sees every block run here too, without leaving the function. What
  // it may read must be current: h.instret is (counted per block), and sp is written back for it.
  const E = ref('engine');
  const spBack = used.has(2) ? `x[4] = ${loName(2)}; x[5] = ${hiName(2)}; ` : '';
  const vonAgain = fastOf.size > 0 ? ' von = VC.on;' : '';
  const hookCall = (ti: number): string => `if (${E}.blockHook !== undefined) { ${spBack}${E}.blockHook(${ref(blocks[ti])});${vonAgain} } `;
  blocks.forEach((b, bi) => {
    const insns = b.insns, n = insns.length, last = insns[n - 1];
    const lt = templateFor(last, level);
    const B = ref(b);
    let writesMem = false;
    if (multi) out.push(`case ${bi}: {`, `cb = ${B};`);
    // Registers whose locals may be newer than the register file: on entering a block, all the written
    // ones; a store before a semantics call makes them clean.
    const dirty = new Set(writtenList);
    let endsInGeneric = false;
    for (let i = 0; i < n; i++) {
      const d = insns[i];
      const t = templateFor(d, level);
      if (mayWriteMemory(d, t)) writesMem = true;
      if (t !== undefined) {
        if ((t.kind === 'branch' || t.kind === 'jal' || t.kind === 'jalr') && i !== n - 1) {
          throw new Error(`control transfer ${d.spec.name} inside a block`);
        }
        if (t.kind === 'branch') continue; // its condition decides the exit, below
        // ALU results and jal links into x0 have no effect.
        if ((t.kind === 'alu' || t.kind === 'jal') && d.rd === X_SINK) continue;
        const o: Operands = {
          d, miss: `{ rs = ${i}; break L; }`, alignedOnly,
          rd: t.rd ? (d.rd === X_SINK ? SINK : pairOf(d.rd)) : SINK,
          rs1: t.srcs >= 1 ? pairOf(d.rs1) : ZERO,
          rs2: t.srcs >= 2 ? pairOf(d.rs2) : ZERO,
        };
        out.push(t.emit(o));
        if (t.rd && d.rd !== X_SINK) dirty.add(d.rd);
      } else {
        const vf = fastOf.get(d);
        if (vf !== undefined) {
          // A vector fast path, registers staying in locals. When its guard (the vtype it was specialized
          // for, vstart, frm; left out when earlier instructions of the block checked it) fails, or it cannot
          // finish (a TLB miss), the code leaves before the instruction, like a scalar template on a TLB
          // miss, and the engine runs the rest of the block through the semantics functions.
          if (i === n - 1) out.push(`h.pc = ${lit(b.endPc)};`);
          const guard = guardOf.get(d)!;
          if (guard !== '') out.push(`if (!(${guard})) { rs = ${i}; break L; }`);
          let body = vf.body;
          const r = vf.rec;
          if (r !== undefined) {
            const j = recs.findIndex((q) => q.op === r.op && q.sh === r.sh && q.lm === r.lm);
            body = body.replaceAll('$n', `vn${j}`).replaceAll('$e', `ve${j}`).replaceAll('$b', `vb${j}`);
          }
          out.push(body.includes('break vs') ? `vf: { vs: { ${body} break vf; } rs = ${i}; break L; }` : `{ ${body} }`);
          if (vf.writesRd && d.rd !== X_SINK) dirty.add(d.rd);
          if (i === n - 1) endsInGeneric = true;
          continue;
        }
        out.push(semanticsCall(d, bi, i, dirty));
        if (i === n - 1 && (d.spec.endsBlock === true || pcNeeded(d))) endsInGeneric = true;
      }
    }
    out.push(`${B}.execCount++; h.instret += ${n};`);

    // Where control goes next. Going on inside the region needs what the engine checks before running a
    // block: the instruction limit, and (after a store) that the code was not written.
    const again = writesMem ? `h.instret < limit && ${T}.valid` : 'h.instret < limit';
    const goTo = (target: number): string => {
      const ti = index.get(target);
      if (ti === undefined) return `pc = ${lit(target)}; break L;`;
      return `if (${again}) { ${hookCall(ti)}${multi ? `bi = ${ti}; ` : ''}continue; } pc = ${lit(target)}; break L;`;
    };
    if (endsInGeneric) {
      // A semantics function ended the block (ecall, ebreak, fence.i, a branch at level 1...) and set h.pc.
      if (b.endsInBranch) out.push(`if (h.pc !== ${lit(b.endPc)}) ${B}.taken++;`);
      out.push('pc = h.pc; break L;');
    } else if (lt !== undefined && lt.kind === 'branch') {
      const cond = lt.emit({ d: last, miss: '', rd: SINK, rs1: pairOf(last.rs1), rs2: pairOf(last.rs2) });
      const target = last.pc + last.imm;
      out.push(`if (${cond}) { ${target !== b.endPc ? `${B}.taken++; ` : ''}${goTo(target)} }`);
      out.push(goTo(b.endPc));
    } else if (lt !== undefined && lt.kind === 'jal') {
      out.push(goTo(last.pc + last.imm));
    } else if (lt !== undefined && lt.kind === 'jalr') {
      if (landings.length > 0) {
        out.push(`if (${again}) {`);
        for (const lb of landings) out.push(`if (tgt === ${lit(lb.pc)}) { ${hookCall(index.get(lb.pc)!)}${multi ? `bi = ${index.get(lb.pc)}; ` : ''}continue; }`);
        out.push('}');
      }
      out.push('pc = tgt; break L;');
    } else {
      out.push(goTo(b.endPc));
    }
    if (multi) out.push('}');
  });

  const locals = usedList.map((r) => `${loName(r)} = x[${2 * r}], ${hiName(r)} = x[${2 * r + 1}]`);
  const sums = recs.map((_, j) => `vn${j} = 0, ve${j} = 0, vb${j} = 0`);
  return [
    `return function region(h, limit, b) {`,
    `const x = h.x, fi = h.fi, mem = h.mem${fastOf.size > 0 ? ', V = h.vector ?? NOVEC' : ''};`,
    locals.length > 0 ? `let ${locals.join(', ')};` : '',
    `let zl = 0, zh = 0, pc = 0, tgt = 0, rs = -1${multi ? ', bi = b.entry, cb = b' : ''}${fastOf.size > 0 ? ', von = VC.on' : ''};`,
    sums.length > 0 ? `let ${sums.join(', ')};` : '',
    `L: for (;;) {`,
    ...(multi ? ['switch (bi) {'] : []),
    ...out,
    ...(multi ? ['}'] : []),
    `}`,
    handOver,
    store(writtenList),
    `${ref('engine')}.resumeAt = rs;`,
    `h.pc = pc;`,
    `return ${multi ? 'cb' : 'b'};`,
    `};`,
  ].join('\n');
}

/** Translate a region: blocks[0] is its head, the others blocks it continues at; all valid and non-empty. */
export function translate(blocks: readonly Block[], opts: TranslateOptions): Translation {
  const tr = new Translation(blocks);
  const consts: unknown[] = [];
  const names = new Map<unknown, string>();
  const special: Record<string, unknown> = { translation: tr, engine: opts.engine };
  // Constants the generated code uses, passed in through the factory's argument.
  const ref = (v: unknown): string => {
    const key = typeof v === 'string' ? special[v] : v;
    let name = names.get(key);
    if (name === undefined) { name = `k${consts.length}`; consts.push(key); names.set(key, name); }
    return name;
  };
  const fnSrc = generate(blocks, opts.level, ref, opts.engine.alignedOnly === true, opts.engine.csrEndsBlock === true,
    opts.engine.hart?.vector as VectorUnitNow | undefined);
  const src = [
    `"use strict";`,
    `const S = K.scratch;`,
    `const { ${Object.keys(TEMPLATE_HELPERS).join(', ')} } = K.helpers;`,
    `const { ${Object.keys(VECTOR_HELPERS).join(', ')} } = K.vhelpers;`,
    ...consts.map((_, i) => `const k${i} = K.c[${i}];`),
    fnSrc,
  ].join('\n');
  const factory = new Function('K', src) as (k: unknown) => BlockFn;
  tr.fn = factory({ scratch: new Int32Array(2), helpers: TEMPLATE_HELPERS, vhelpers: VECTOR_HELPERS, c: consts });
  lastSource = src;
  return tr;
}

let lastSource = '';
/** Source of the last translated block (for debugging and tests). */
export function lastTranslationSource(): string { return lastSource; }
