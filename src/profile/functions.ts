// Functions as the profiler sees them: each distinct symbol start address that code ran in gets a small
// integer, so per-function counters are array slots. Index 0 stands for code outside every symbol.
import type { SymbolTable } from '../elf/symbols.js';

export const UNKNOWN_FN = 0;
export const UNKNOWN_NAME = '[unknown]';

export class FunctionTable {
  readonly names: string[] = [UNKNOWN_NAME];
  /** Start address of each function (-1 for the unknown one). */
  readonly starts: number[] = [-1];
  private readonly byStart = new Map<number, number>();

  constructor(private readonly tables: readonly SymbolTable[]) {}

  /** The function containing pc (UNKNOWN_FN when no symbol covers it), and whether pc is its first byte. */
  lookup(pc: number): { fn: number; start: boolean } {
    for (const t of this.tables) {
      const hit = t.lookup(pc);
      if (hit === undefined) continue;
      const start = pc - hit.offset;
      let fn = this.byStart.get(start);
      if (fn === undefined) {
        fn = this.names.length;
        this.names.push(hit.name.replace(/;/g, ':'));
        this.starts.push(start);
        this.byStart.set(start, fn);
      }
      return { fn, start: hit.offset === 0 };
    }
    return { fn: UNKNOWN_FN, start: false };
  }

  get size(): number { return this.names.length; }

  /** Start address of a symbol by name, in any of the tables. */
  addressOf(name: string): number | undefined {
    for (const t of this.tables) {
      const a = t.addressOf(name);
      if (a !== undefined) return a;
    }
    return undefined;
  }

  /** Names similar to `name` (for "did you mean"), at most `max`. */
  similar(name: string, max = 3): string[] {
    const lower = name.toLowerCase();
    const out: string[] = [];
    for (const t of this.tables) {
      for (const [, , n] of t.entries()) {
        if (out.length >= max) return out;
        if (n.toLowerCase().includes(lower) && !out.includes(n)) out.push(n);
      }
    }
    return out;
  }
}
