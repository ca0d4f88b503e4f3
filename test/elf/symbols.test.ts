import { describe, expect, it } from 'vitest';
import { SymbolTable, STB_GLOBAL, STB_LOCAL, STB_WEAK, STT_FUNC, STT_NOTYPE, STT_OBJECT, type ElfSymbol } from '../../src/elf/symbols.js';

const sym = (name: string, value: number, size: number, type = STT_FUNC, bind = STB_GLOBAL): ElfSymbol => ({ name, value, size, type, bind });

describe('SymbolTable', () => {
  const t = SymbolTable.from([
    sym('c', 0x3000, 0x10),
    sym('a', 0x1000, 0x100),
    sym('b', 0x2000, 0),          // unsized: runs to the next symbol
    sym('inner', 0x1040, 0x8, STT_NOTYPE, STB_LOCAL), // inside a
    sym('data', 0x5000, 8, STT_OBJECT),
  ]);

  it('finds the containing symbol with the offset (binary search, size-aware)', () => {
    expect(t.lookup(0x1000)).toEqual({ name: 'a', offset: 0 });
    expect(t.lookup(0x10ff)).toEqual({ name: 'a', offset: 0xff });
    expect(t.lookup(0x1100)).toBeUndefined();          // past a's end, before b
    expect(t.lookup(0xfff)).toBeUndefined();           // before everything
    expect(t.lookup(0x2000)).toEqual({ name: 'b', offset: 0 });
    expect(t.lookup(0x2fff)).toEqual({ name: 'b', offset: 0xfff });
    expect(t.lookup(0x3000)).toEqual({ name: 'c', offset: 0 });
    expect(t.lookup(0x3010)).toBeUndefined();
    expect(t.lookup(0x5007)).toEqual({ name: 'data', offset: 7 });
    expect(t.lookup(0x5008)).toBeUndefined();
  });

  it('nested symbols: the innermost that contains the address, else the enclosing one', () => {
    expect(t.lookup(0x1044)).toEqual({ name: 'inner', offset: 4 });
    expect(t.lookup(0x1048)).toEqual({ name: 'a', offset: 0x48 });
  });

  it('aliases at one address: functions, globals and plainer names win', () => {
    const a = SymbolTable.from([
      sym('__libc_malloc', 0x100, 0x20), sym('malloc', 0x100, 0x20), sym('__malloc', 0x100, 0x20, STT_FUNC, STB_WEAK),
      sym('obj', 0x200, 8, STT_OBJECT), sym('label', 0x200, 0, STT_NOTYPE),
      sym('local_fn', 0x300, 4, STT_FUNC, STB_LOCAL), sym('global_fn', 0x300, 4),
    ]);
    expect(a.lookup(0x110)?.name).toBe('malloc');
    expect(a.lookup(0x200)?.name).toBe('obj');
    expect(a.lookup(0x300)?.name).toBe('global_fn');
    expect(a.size).toBe(3);
  });

  it('describe, addressOf, rebase, entries', () => {
    expect(t.describe(0x1000)).toBe('a');
    expect(t.describe(0x101c)).toBe('a+0x1c');
    expect(t.describe(0x9999)).toBeUndefined();
    expect(t.addressOf('c')).toBe(0x3000);
    expect(t.addressOf('nope')).toBeUndefined();
    const r = t.rebase(0x2aaaaaa000);
    expect(r.lookup(0x2aaaaaa000 + 0x1004)).toEqual({ name: 'a', offset: 4 });
    expect(r.lookup(0x1004)).toBeUndefined();
    expect(r.addressOf('a')).toBe(0x2aaaaaa000 + 0x1000);
    expect([...t.entries()][0]).toEqual([0x1000, 0x1100, 'a']);
  });

  it('empty table', () => {
    expect(SymbolTable.empty.lookup(0)).toBeUndefined();
    expect(SymbolTable.empty.size).toBe(0);
  });
});
