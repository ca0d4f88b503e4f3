// Address -> symbol lookup for messages and profiles. Built from .symtab/.dynsym; kept as parallel sorted
// arrays so a lookup is one binary search.

export interface ElfSymbol {
  name: string;
  /** Link-time address (add the load bias for ET_DYN; SymbolTable.rebase does that). */
  value: number;
  /** Size in bytes; 0 when the object file did not say (such a symbol extends to the next one). */
  size: number;
  /** STT_FUNC, STT_OBJECT or STT_NOTYPE. */
  type: number;
  /** STB_LOCAL, STB_GLOBAL or STB_WEAK. */
  bind: number;
}

export interface SymbolHit { name: string; offset: number }

export const STT_NOTYPE = 0, STT_OBJECT = 1, STT_FUNC = 2;
export const STB_LOCAL = 0, STB_GLOBAL = 1, STB_WEAK = 2;

/** How far back a lookup walks to find an enclosing symbol when the nearest one ends before addr. */
const ENCLOSING_SCAN = 16;

interface Sorted { starts: Float64Array; ends: Float64Array; names: string[] }

export class SymbolTable {
  private byNameMap: Map<string, number> | undefined;

  private constructor(private readonly t: Sorted, readonly bias: number) {}

  /** A table of the given symbols, sorted and de-duplicated (one name per address, chosen by preference()). */
  static from(symbols: readonly ElfSymbol[], bias = 0): SymbolTable {
    const sorted = [...symbols].sort((a, b) => a.value - b.value || preference(b) - preference(a) || cmpName(a.name, b.name));
    const uniq: ElfSymbol[] = [];
    for (const s of sorted) if (uniq.length === 0 || uniq[uniq.length - 1].value !== s.value) uniq.push(s);
    const t: Sorted = { starts: new Float64Array(uniq.length), ends: new Float64Array(uniq.length), names: new Array<string>(uniq.length) };
    for (let i = 0; i < uniq.length; i++) {
      const s = uniq[i];
      t.starts[i] = s.value;
      t.names[i] = s.name;
      t.ends[i] = s.size > 0 ? s.value + s.size : (i + 1 < uniq.length ? uniq[i + 1].value : s.value + 1);
    }
    return new SymbolTable(t, bias);
  }

  static readonly empty = SymbolTable.from([]);

  get size(): number { return this.t.starts.length; }

  /** The same symbols shifted by a load bias. */
  rebase(bias: number): SymbolTable { return new SymbolTable(this.t, bias); }

  /** The symbol containing addr and the offset into it, or undefined. */
  lookup(addr: number): SymbolHit | undefined {
    const a = addr - this.bias;
    const st = this.t.starts, ends = this.t.ends, names = this.t.names;
    let lo = 0, hi = st.length - 1, idx = -1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (st[mid] <= a) { idx = mid; lo = mid + 1; } else hi = mid - 1;
    }
    // A nearby earlier symbol may enclose this one (e.g. a local label inside a sized function).
    for (let i = idx, n = 0; i >= 0 && n < ENCLOSING_SCAN; i--, n++) {
      if (a < ends[i]) return { name: names[i], offset: a - st[i] };
    }
    return undefined;
  }

  /** "name+0x1c" / "name" for addr, or undefined. */
  describe(addr: number): string | undefined {
    const hit = this.lookup(addr);
    if (hit === undefined) return undefined;
    return hit.offset === 0 ? hit.name : `${hit.name}+0x${hit.offset.toString(16)}`;
  }

  /** Address of a symbol by name (after the bias), or undefined. */
  addressOf(name: string): number | undefined {
    if (this.byNameMap === undefined) {
      this.byNameMap = new Map();
      const names = this.t.names;
      for (let i = 0; i < names.length; i++) if (!this.byNameMap.has(names[i])) this.byNameMap.set(names[i], i);
    }
    const i = this.byNameMap.get(name);
    return i === undefined ? undefined : this.t.starts[i] + this.bias;
  }

  /** All symbols as [address, end, name], in address order (after the bias). */
  *entries(): IterableIterator<[number, number, string]> {
    const { starts, ends, names } = this.t;
    for (let i = 0; i < names.length; i++) yield [starts[i] + this.bias, ends[i] + this.bias, names[i]];
  }
}

// Among aliases at one address: functions before objects before untyped labels, global before weak before
// local, sized before unsized, then the name with fewer leading underscores ("malloc" over "__libc_malloc").
function preference(s: ElfSymbol): number {
  const type = s.type === STT_FUNC ? 3 : s.type === STT_OBJECT ? 2 : 1;
  const bind = s.bind === STB_GLOBAL ? 3 : s.bind === STB_WEAK ? 2 : 1;
  return type * 100 + bind * 10 + (s.size > 0 ? 5 : 0) - Math.min(leadingUnderscores(s.name), 4);
}
function leadingUnderscores(n: string): number { let i = 0; while (i < n.length && n.charCodeAt(i) === 95) i++; return i; }
function cmpName(a: string, b: string): number { return a.length - b.length || (a < b ? -1 : a > b ? 1 : 0); }
