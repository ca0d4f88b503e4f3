import { describe, expect, it } from 'vitest';
import { SCALAR_TABLE, specByName } from '../../src/isa/encoding.js';
import { COMPRESSED_TABLE, claims, expandCompressed, findCompressed } from '../../src/isa/compressed.js';
import { lookup32 } from '../../src/isa/decode.js';
import { InsnClass } from '../../src/isa/spec.js';

/** Two mask/match patterns overlap when they agree on every bit both of them fix. */
const overlaps = (m1: number, x1: number, m2: number, x2: number): boolean => ((m1 & m2 & (x1 ^ x2)) >>> 0) === 0;

describe('32-bit encoding table', () => {
  it('has unique names and well-formed patterns', () => {
    const names = new Set<string>();
    for (const s of SCALAR_TABLE) {
      expect(names.has(s.name), s.name).toBe(false);
      names.add(s.name);
      expect((s.match & ~s.mask) >>> 0, s.name).toBe(0);
      expect(s.mask & 0x7f, s.name).toBe(0x7f);
      expect(s.match & 3, s.name).toBe(3);
      expect(s.mask >>> 0, s.name).toBe(s.mask);
      expect(s.match >>> 0, s.name).toBe(s.match);
    }
    expect(SCALAR_TABLE.length).toBeGreaterThan(190);
  });

  it('has no two patterns that match the same word', () => {
    const clashes: string[] = [];
    for (let i = 0; i < SCALAR_TABLE.length; i++) {
      for (let j = i + 1; j < SCALAR_TABLE.length; j++) {
        const a = SCALAR_TABLE[i], b = SCALAR_TABLE[j];
        if (overlaps(a.mask, a.match, b.mask, b.match)) clashes.push(`${a.name}/${b.name}`);
      }
    }
    expect(clashes).toEqual([]);
  });

  it('marks exactly the control transfers, ecall/ebreak, fence.i, mret/sret and sfence.vma as ending a block', () => {
    const ends = SCALAR_TABLE.filter((s) => s.endsBlock).map((s) => s.name).sort();
    expect(ends).toEqual(['beq', 'bge', 'bgeu', 'blt', 'bltu', 'bne', 'ebreak', 'ecall', 'fence.i', 'jal', 'jalr', 'mret', 'sfence.vma', 'sret']);
  });

  it('classifies instructions for counting', () => {
    expect(specByName('add').cls).toBe(InsnClass.IntAlu);
    expect(specByName('sh2add.uw').cls).toBe(InsnClass.IntAlu);
    expect(specByName('divuw').cls).toBe(InsnClass.MulDiv);
    expect(specByName('lwu').cls).toBe(InsnClass.Load);
    expect(specByName('sd').cls).toBe(InsnClass.Store);
    expect(specByName('bgeu').cls).toBe(InsnClass.Branch);
    expect(specByName('jalr').cls).toBe(InsnClass.Jump);
    expect(specByName('amomaxu.d').cls).toBe(InsnClass.Atomic);
    expect(specByName('csrrci').cls).toBe(InsnClass.Csr);
    expect(specByName('fmadd.d').cls).toBe(InsnClass.Fp);
    expect(specByName('fld').cls).toBe(InsnClass.FpLoad);
    expect(specByName('fsw').cls).toBe(InsnClass.FpStore);
    expect(specByName('ecall').cls).toBe(InsnClass.System);
  });

  it('puts every instruction in the extension that provides it', () => {
    const byExt = (e: string): string[] => SCALAR_TABLE.filter((s) => s.ext === e).map((s) => s.name).sort();
    expect(byExt('Zicond')).toEqual(['czero.eqz', 'czero.nez']);
    expect(byExt('Zifencei')).toEqual(['fence.i']);
    expect(byExt('Zba')).toEqual(['add.uw', 'sh1add', 'sh1add.uw', 'sh2add', 'sh2add.uw', 'sh3add', 'sh3add.uw', 'slli.uw']);
    expect(byExt('Zbs')).toEqual(['bclr', 'bclri', 'bext', 'bexti', 'binv', 'binvi', 'bset', 'bseti']);
    expect(byExt('Zbb')).toHaveLength(24);
    expect(byExt('M')).toHaveLength(13);
    expect(byExt('A')).toHaveLength(22);
    expect(specByName('fcvt.s.d').ext).toBe('D');
    expect(specByName('fcvt.d.s').ext).toBe('D');
  });

  it('finds each entry through the decoder lookup', () => {
    let seed = 12345;
    const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) | 0; return seed; };
    for (const s of SCALAR_TABLE) {
      for (let i = 0; i < 50; i++) {
        const w = (s.match | (rnd() & ~s.mask)) | 0;
        expect(lookup32(w), s.name).toBe(s);
      }
    }
  });
});

describe('compressed table', () => {
  it('claims every 16-bit word at most once', () => {
    const owners = new Uint8Array(1 << 16);
    for (let c = 0; c < 1 << 16; c++) {
      for (const s of COMPRESSED_TABLE) if (claims(s, c)) owners[c]++;
      expect(owners[c] <= 1, c.toString(16)).toBe(true);
      if ((c & 3) === 3) expect(owners[c]).toBe(0);
    }
  });

  it('expands every claimed word to an instruction the 32-bit table decodes', () => {
    for (let c = 0; c < 1 << 16; c++) {
      if ((c & 3) === 3) continue;
      const s = findCompressed(c);
      const w = expandCompressed(c);
      if (s === undefined) { expect(w).toBe(-1); continue; }
      if (w === -1) continue;
      expect(lookup32(w | 0), `${s.name} ${c.toString(16)}`).toBeDefined();
    }
  });

  it('has the reserved encodings the standard lists', () => {
    const reserved = (c: number): boolean => expandCompressed(c) === -1;
    expect(reserved(0x0000)).toBe(true);               // all zero
    expect(reserved(0x0008)).toBe(true);               // c.addi4spn, nzuimm=0
    expect(reserved(0x6101)).toBe(true);               // c.addi16sp, nzimm=0
    expect(reserved(0x6501)).toBe(true);               // c.lui a0, nzimm=0
    expect(reserved(0x6001)).toBe(true);               // c.lui zero, nzimm=0
    expect(reserved(0x8002)).toBe(true);               // c.jr zero
    expect(reserved(0x2001)).toBe(true);               // c.addiw zero
    expect(reserved(0x4002)).toBe(true);               // c.lwsp zero
    expect(reserved(0x6002)).toBe(true);               // c.ldsp zero
    expect(reserved(0x8000)).toBe(true);               // quadrant 0, funct3=4
    expect(reserved(0x9c41)).toBe(true);               // quadrant 1, funct3=4, [12]=1, [6:5]=2
    expect(reserved(0x9c61)).toBe(true);               // ... [6:5]=3
    // HINTs are not reserved: they expand to instructions without effect.
    expect(reserved(0x4001)).toBe(false);              // c.li zero,0
    expect(reserved(0x0005)).toBe(false);              // c.nop 1
    expect(reserved(0x0002)).toBe(false);              // c.slli zero,0
    expect(reserved(0x8006)).toBe(false);              // c.mv zero,ra
    expect(reserved(0x9006)).toBe(false);              // c.add zero,ra
    expect(reserved(0x6005)).toBe(false);              // c.lui zero,1
  });

  it('expands to the same bits the assembler produces for the 32-bit form', () => {
    // (16-bit, 32-bit) pairs from riscv64-linux-gnu-as.
    const pairs: [number, number][] = [
      [0x7139, 0xfc010113], // addi sp,sp,-64
      [0x757d, 0xfffff537], // lui a0,0xfffff
      [0x557e, 0x0fc12503], // lw a0,252(sp)
      [0xff86, 0x1e113c23], // sd ra,504(sp)
      [0x1fe8, 0x3fc10513], // addi a0,sp,1020
      [0x747e, 0x1f813403], // ld s0,504(sp)
      [0x3fe8, 0x0f87b507], // fld fa0,248(a5)
      [0xdf7c, 0x06f72e23], // sw a5,124(a4)
      [0x97fd, 0x43f7d793], // srai a5,a5,63
      [0x9b81, 0xfe07f793], // andi a5,a5,-32
      [0x157e, 0x03f51513], // slli a0,a0,63
      [0x5501, 0xfe000513], // addi a0,zero,-32
      [0x357d, 0xfff5051b], // addiw a0,a0,-1
      [0x8082, 0x00008067], // jalr zero,0(ra)
      [0x9002, 0x00100073], // ebreak
      [0x0001, 0x00000013], // addi zero,zero,0
      [0x852e, 0x00b00533], // add a0,zero,a1
      [0x952e, 0x00b50533], // add a0,a0,a1
      [0x9502, 0x000500e7], // jalr ra,0(a0)
      [0x8d0d, 0x40b50533], // sub a0,a0,a1
      [0x9d2d, 0x00b5053b], // addw a0,a0,a1
    ];
    for (const [c, w] of pairs) expect(expandCompressed(c).toString(16), c.toString(16)).toBe(w.toString(16));
  });

  it('expands jump and branch offsets', () => {
    // c.j .-2048 -> jal zero,-2048; c.beqz s0,.-256 -> beq s0,zero,-256; c.bnez a5,.+254 -> bne a5,zero,254
    expect(expandCompressed(0xb001).toString(16)).toBe((0x801ff06f >>> 0).toString(16));
    expect(expandCompressed(0xd001).toString(16)).toBe((0xf00400e3 >>> 0).toString(16));
    expect(expandCompressed(0xeffd).toString(16)).toBe((0x0e079f63 >>> 0).toString(16));
  });
});
