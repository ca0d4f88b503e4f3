// The disassembler against GNU objdump's output for the same bits (fixture written by
// scripts/gen-objdump-fixture.ts; no toolchain needed here).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { decode, SCALAR_EXTS } from '../../src/isa/decode.js';
import { disassemble, disassembleRaw, hex64 } from '../../src/isa/disasm.js';
import { SCALAR_TABLE } from '../../src/isa/encoding.js';
import { COMPRESSED_TABLE, findCompressed } from '../../src/isa/compressed.js';
import { csrName } from '../../src/isa/regnames.js';
import { IllegalInstruction } from '../../src/errors.js';
import type { Ext } from '../../src/isa/spec.js';

interface Fixture { tool: string; csrNames: Record<string, string>; insns: [number, string, string][] }
const fixture = JSON.parse(readFileSync(new URL('./fixtures/objdump.json', import.meta.url), 'utf8')) as Fixture;

/** Encodings objdump names but the standard reserves (we decode them as illegal, as Spike does). */
const RESERVED_BUT_NAMED_BY_OBJDUMP = new Set(['6101']); // c.addi16sp with nzimm=0: objdump prints "add sp,sp,0"

const dis = (raw: number, pc = 0): string => disassemble(decode(raw, pc, SCALAR_EXTS));

describe('disassembly matches objdump', () => {
  it('for every fixture instruction', () => {
    const wrong: string[] = [];
    for (const [pc, hex, text] of fixture.insns) {
      const raw = parseInt(hex, 16);
      let got: string;
      try { got = dis(raw, pc); } catch (e) {
        if (!(e instanceof IllegalInstruction)) throw e;
        // Illegal for us: objdump must not know it either (or it is one of the listed reserved encodings).
        if (/^(\.2byte|\.4byte|unimp$)/.test(text) || RESERVED_BUT_NAMED_BY_OBJDUMP.has(hex)) continue;
        got = 'illegal';
      }
      if (got !== text) wrong.push(`${hex} @${pc.toString(16)}: objdump "${text}", ours "${got}"`);
    }
    expect(wrong.slice(0, 20)).toEqual([]);
  });

  it('the fixture covers every table entry', () => {
    const seen32 = new Set<string>(), seen16 = new Set<string>();
    for (const [, hex] of fixture.insns) {
      const raw = parseInt(hex, 16);
      if (hex.length === 4) { const s = findCompressed(raw); if (s) seen16.add(s.name); }
      else { try { seen32.add(decode(raw, 0, SCALAR_EXTS).spec.name); } catch { /* reserved */ } }
    }
    // The privileged instructions (bare mode only) are checked by hand below.
    expect(SCALAR_TABLE.filter((s) => !seen32.has(s.name) && s.ext !== 'Priv').map((s) => s.name)).toEqual([]);
    expect(COMPRESSED_TABLE.filter((s) => !seen16.has(s.name)).map((s) => s.name)).toEqual([]);
  });

  it('names CSRs as objdump does', () => {
    for (let n = 0; n < 4096; n++) {
      expect(csrName(n), n.toString(16)).toBe(fixture.csrNames[n.toString(16)] ?? `0x${n.toString(16)}`);
    }
  });
});

describe('addresses and symbols', () => {
  it('prints branch targets as absolute 64-bit hex, with a symbol when given', () => {
    expect(dis(0x80b50063, 0x8)).toBe('beq\ta0,a1,fffffffffffff008');
    const sym = (a: number): string | undefined => (a === 0x10464 ? 'abort+0x44' : undefined);
    expect(disassemble(decode(0x03278063, 0x10444, SCALAR_EXTS), sym)).toBe('beq\ta5,s2,10464 <abort+0x44>');
    expect(disassemble(decode(0x7820a0ef, 0x1045c, SCALAR_EXTS), (a) => (a === 0x1abde ? '__lll_lock_wait_private' : undefined)))
      .toBe('jal\t1abde <__lll_lock_wait_private>');
  });

  it('annotates zero-, tp- and (when known) gp-relative operands', () => {
    expect(dis(0x00803583)).toBe('ld\ta1,8(zero) # 8');
    expect(dis(0x8a020913)).toBe('add\ts2,tp,-1888 # fffffffffffff8a0');
    // add s0,gp,472 and sw zero,488(gp) in a linked program whose gp is 0x77bb8
    const gp = { gp: 0x77bb8, symbolize: (a: number): string | undefined => ({ 0x77d90: 'lock', 0x77da0: 'stage' } as Record<number, string>)[a] };
    expect(disassemble(decode(0x1d818413, 0x10424, SCALAR_EXTS), gp)).toBe('add\ts0,gp,472 # 77d90 <lock>');
    expect(disassemble(decode(0x1e01a423, 0x10492, SCALAR_EXTS), gp)).toBe('sw\tzero,488(gp) # 77da0 <stage>');
    expect(dis(0x1d818413)).toBe('add\ts0,gp,472');
  });

  it('formats negative addresses as unsigned 64-bit', () => {
    expect(hex64(-1)).toBe('ffffffffffffffff');
    expect(hex64(0x7fffffffffff)).toBe('7fffffffffff');
  });
});

describe('the privileged instructions (as objdump prints them)', () => {
  const priv = new Set<Ext>([...SCALAR_EXTS, 'Priv']);
  const cases: [number, string][] = [
    [0x12b50073, 'sfence.vma\ta0,a1'], [0x12050073, 'sfence.vma\ta0'], [0x12000073, 'sfence.vma'],
    [0x30200073, 'mret'], [0x10200073, 'sret'], [0x10500073, 'wfi'],
  ];
  for (const [raw, text] of cases) {
    it(text, () => {
      expect(disassemble(decode(raw, 0, priv))).toBe(text);
      expect(() => decode(raw, 0, SCALAR_EXTS), 'illegal outside bare mode').toThrow(IllegalInstruction);
    });
  }
});

describe('a few hand-checked lines', () => {
  it('aliases', () => {
    expect(dis(0x00000013)).toBe('nop');
    expect(dis(0x00008067)).toBe('ret');
    expect(dis(0x8082)).toBe('ret');
    expect(dis(0x0001)).toBe('nop');
    expect(dis(0xc0002573)).toBe('rdcycle\ta0');
    expect(dis(0x00102573)).toBe('frflags\ta0');
    expect(dis(0x22b58553)).toBe('fmv.d\tfa0,fa1');
    expect(dis(0x0ff5f513)).toBe('zext.b\ta0,a1');
    expect(dis(0x0805053b)).toBe('zext.w\ta0,a0');
    expect(dis(0x8330000f)).toBe('fence.tso');
    expect(dis(0x0100000f)).toBe('fence\tw,unknown'); // pause
    expect(dis(0xc0001073)).toBe('unimp');
  });

  it('rounding modes other than dyn', () => {
    expect(dis(0x00c59553)).toBe('fadd.s\tfa0,fa1,fa2,rtz');
    expect(dis(0x00c5f553)).toBe('fadd.s\tfa0,fa1,fa2');
    expect(dis(0xc0052053)).toBe('fcvt.w.s\tzero,fa0,rdn');
  });

  it('raw bits, including ones that do not decode', () => {
    expect(disassembleRaw(0x0000, 0)).toBe('unimp');
    expect(disassembleRaw(0x6101, 0)).toBe('.2byte\t0x6101');
    expect(disassembleRaw(0xffffffff, 0)).toBe('.4byte\t0xffffffff');
    expect(disassembleRaw(0x0001, 0, new Set(['I']))).toBe('.2byte\t0x1');
    expect(disassembleRaw(0x00b50533, 0)).toBe('add\ta0,a0,a1');
  });

  it('Zicond (not known to binutils 2.40; spelled as later versions do)', () => {
    expect(dis(0x0ec5d533)).toBe('czero.eqz\ta0,a1,a2');
    expect(dis(0x0ec5f533)).toBe('czero.nez\ta0,a1,a2');
  });
});
