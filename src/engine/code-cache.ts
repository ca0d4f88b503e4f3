// Decoded blocks and translated regions shared by the engines of one run: a forked child starts with a
// copy of its parent's code, and an exec'd program maps the same files at the same addresses, so every
// process of a shell pipeline would otherwise decode and translate the same busybox, ld.so and libc again.
//
// What makes sharing safe: a block is a pure function of the instruction bits fetched at [pc, endPc) (and,
// for a block cut short by an instruction that did not decode, of that failure), for one decoder
// configuration. So a process may use a shared block only after fetching those bits from its own memory,
// with its own execute permissions, and finding them equal to the recorded ones (Decoded.raw). Nothing here
// trusts file names, mappings or page identity; different code at the same address (a child that patched a
// function, another program exec'd at the same addresses) just becomes another variant at that pc.
//
// What stays per process: the Block objects (execution counts, taken branches, successor links, heat,
// validity) and the Translation objects (validity, fault position), so counts, --stats and profiles are
// exactly those of unshared runs. A write to code invalidates the writing process's blocks as always
// (src/mem's code-page watch); the shared variants describe bits, not processes, and are never invalidated.
import { GuestFault, IllegalInstruction } from '../errors.js';
import { decodeAt } from '../isa/decode.js';
import type { Decoded, Ext } from '../isa/spec.js';
import type { AddressSpace } from '../mem/address-space.js';
import type { Block } from './block.js';
import type { RegionCode } from './translate.js';

/** One way the bits at a pc decoded. Its insns array (shared by every Block made from it) identifies it. */
export interface SharedBlock {
  readonly insns: Decoded[];
  readonly endPc: number;
  /** The block ended because the instruction at endPc did not decode (illegal, or not fetchable). */
  readonly endedByFault: boolean;
  /** Translated regions headed by this block. */
  readonly regions: SharedRegion[];
}

/** A translated region: the instructions of each of its blocks (head first) and its generated code. */
export interface SharedRegion {
  readonly members: readonly Decoded[][];
  readonly code: RegionCode;
}

/** Bounds: variants per pc and regions per head (more rarely pay off), and decoded instructions kept. */
const MAX_VARIANTS = 4;
const MAX_REGIONS = 4;
const MAX_SHARED_INSNS = 1 << 20;

export class CodeCache {
  /** Per decoder/translator configuration (engines of one run normally have one): pc -> variants. */
  private readonly tables = new Map<string, Map<number, SharedBlock[]>>();
  private insnCount = 0;
  /** What sharing saved: blocks taken instead of decoded, regions taken instead of translated. */
  blocksReused = 0;
  regionsReused = 0;

  private table(config: string): Map<number, SharedBlock[]> {
    let t = this.tables.get(config);
    if (t === undefined) this.tables.set(config, (t = new Map()));
    return t;
  }

  /** The variant at pc whose bits this address space holds (fetched with its permissions), if any. */
  find(config: string, mem: AddressSpace, pc: number, enabled: ReadonlySet<Ext>): SharedBlock | undefined {
    const list = this.tables.get(config)?.get(pc);
    if (list === undefined) return undefined;
    for (const v of list) {
      if (holds(mem, v, enabled)) { this.blocksReused++; return v; }
    }
    return undefined;
  }

  /** Record a block just decoded at insns[0].pc (no effect when the cache is full). */
  add(config: string, insns: Decoded[], endPc: number, endedByFault: boolean): void {
    if (this.insnCount + insns.length > MAX_SHARED_INSNS) return;
    const t = this.table(config), pc = insns[0].pc;
    let list = t.get(pc);
    if (list === undefined) t.set(pc, (list = []));
    if (list.length >= MAX_VARIANTS) return;
    list.push({ insns, endPc, endedByFault, regions: [] });
    this.insnCount += insns.length;
  }

  /** The variant a block was made from (or decoded as), if it is in the cache. */
  variantOf(config: string, b: Block): SharedBlock | undefined {
    const list = this.tables.get(config)?.get(b.pc);
    if (list === undefined) return undefined;
    for (const v of list) if (v.insns === b.insns) return v;
    return undefined;
  }

  /** Offer a region just translated from these blocks to the other processes. */
  publish(config: string, blocks: readonly Block[], code: RegionCode): void {
    if (!code.shareable) return;
    const head = this.variantOf(config, blocks[0]);
    if (head === undefined || head.regions.length >= MAX_REGIONS) return;
    for (const b of blocks) if (this.variantOf(config, b) === undefined) return;
    head.regions.push({ members: blocks.map((b) => b.insns), code });
  }
}

/**
 * Whether decoding at v's pc in mem gives exactly v: the same instruction bits, fetched as the decoder
 * fetches them (execute permission; the page is marked as holding code, so writes to it are seen), and
 * the same end.
 */
function holds(mem: AddressSpace, v: SharedBlock, enabled: ReadonlySet<Ext>): boolean {
  try {
    for (const d of v.insns) {
      const lo = mem.fetch16(d.pc);
      const bits = d.len === 2 ? lo : (lo | (mem.fetch16(d.pc + 2) << 16)) >>> 0;
      if (bits !== d.raw) return false;
    }
  } catch (e) {
    if (e instanceof GuestFault) return false;
    throw e;
  }
  if (!v.endedByFault) return true;
  try { decodeAt(mem, v.endPc, enabled); } catch (e) { return e instanceof IllegalInstruction || e instanceof GuestFault; }
  return false;
}
