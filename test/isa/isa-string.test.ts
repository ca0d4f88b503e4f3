import { describe, expect, it } from 'vitest';
import { parseIsa, isaString, DEFAULT_ISA } from '../../src/isa/isa-string.js';
import { UsageError } from '../../src/errors.js';

describe('ISA strings', () => {
  it('expands g and implies F for D', () => {
    expect([...parseIsa('rv64gc')].sort()).toEqual(['A', 'C', 'D', 'F', 'I', 'M', 'Zicsr', 'Zifencei']);
    expect(parseIsa('rv64imad').has('F')).toBe(true);
  });
  it('parses multi-letter extensions and accepts always-on ones', () => {
    const s = parseIsa('rv64gc_zba_zbb_zbs_zicond_zicntr');
    for (const e of ['Zba', 'Zbb', 'Zbs', 'Zicond'] as const) expect(s.has(e)).toBe(true);
    expect(isaString(parseIsa(DEFAULT_ISA))).toBe('rv64imafdc_zicond_zicsr_zifencei_zba_zbb_zbs');
  });
  it('rejects bad strings with a hint', () => {
    expect(() => parseIsa('rv32gc')).toThrow(UsageError);
    expect(() => parseIsa('rv64gq')).toThrow(/unknown single-letter extension 'q'/);
    expect(() => parseIsa('rv64g_zfoo')).toThrow(/unknown extension 'zfoo'/);
    expect(() => parseIsa('rv64mac')).toThrow(/base integer/);
  });
});
