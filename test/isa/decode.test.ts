import { describe, expect, it } from 'vitest';
import { decode, decodeAt, SCALAR_EXTS, wordOf } from '../../src/isa/decode.js';
import { SCALAR_TABLE } from '../../src/isa/encoding.js';
import { COMPRESSED_TABLE, claims } from '../../src/isa/compressed.js';
import { scalarSemantics } from '../../src/isa/semantics.js';
import { IllegalInstruction } from '../../src/errors.js';
import { AddressSpace, PROT_EXEC, PROT_READ } from '../../src/mem/address-space.js';
import { X_SINK, type Decoded, type Ext } from '../../src/isa/spec.js';

const d = (raw: number, pc = 0x1000): Decoded => decode(raw, pc, SCALAR_EXTS);
const without = (...exts: Ext[]): Set<Ext> => new Set([...SCALAR_EXTS].filter((e) => !exts.includes(e)));

function illegal(fn: () => unknown): IllegalInstruction {
  try { fn(); } catch (e) { if (e instanceof IllegalInstruction) return e; throw e; }
  throw new Error('no IllegalInstruction thrown');
}

describe('field extraction (encodings from riscv64-linux-gnu-as)', () => {
  it('I: sign-extended 12-bit immediate, rd, rs1', () => {
    const x = d(0x80058513); // addi a0,a1,-2048
    expect([x.spec.name, x.rd, x.rs1, x.imm, x.len, x.pc]).toEqual(['addi', 10, 11, -2048, 4, 0x1000]);
    expect(d(0x7ff58513).imm).toBe(2047);
  });

  it('S: split immediate', () => {
    const x = d(0xfef13c23); // sd a5,-8(sp)
    expect([x.spec.name, x.rs1, x.rs2, x.imm]).toEqual(['sd', 2, 15, -8]);
  });

  it('B: 13-bit even offsets, both signs', () => {
    const x = d(0x80b50063); // beq a0,a1,.-4096
    expect([x.spec.name, x.rs1, x.rs2, x.imm]).toEqual(['beq', 10, 11, -4096]);
    expect(d(0x0e079f63).imm).toBe(254); // bne a5,zero,.+254
    expect(d(0x7e000fe3).imm).toBe(4094); // beq zero,zero,.+4094
  });

  it('J: 21-bit even offsets, both signs', () => {
    const x = d(0x7ffff0ef); // jal ra,.+0xffffe
    expect([x.spec.name, x.rd, x.imm]).toEqual(['jal', 1, 0xffffe]);
    expect(d(0x800000ef).imm).toBe(-0x100000);
    expect(d(0x801ff06f).imm).toBe(-2048);
  });

  it('U: the upper 20 bits as a sign-extended 32-bit value', () => {
    expect(d(0x80000537).imm).toBe(-0x80000000); // lui a0,0x80000
    expect(d(0xfffff537).imm).toBe(-4096);
    const x = d(0x12345297); // auipc t0,0x12345
    expect([x.spec.name, x.rd, x.imm]).toEqual(['auipc', 5, 0x12345000]);
  });

  it('SH: 6-bit shamt on RV64, SHW: 5-bit', () => {
    expect([d(0x03f59513).spec.name, d(0x03f59513).imm]).toEqual(['slli', 63]);
    expect([d(0x43f5d513).spec.name, d(0x43f5d513).imm]).toEqual(['srai', 63]);
    expect([d(0x41f5d51b).spec.name, d(0x41f5d51b).imm]).toEqual(['sraiw', 31]);
    expect([d(0x6255d513).spec.name, d(0x6255d513).imm]).toEqual(['rori', 37]);
    expect([d(0x0a85951b).spec.name, d(0x0a85951b).imm]).toEqual(['slli.uw', 40]);
  });

  it('CSR and CSRI', () => {
    const x = d(0x0035a573); // csrrs a0,fcsr,a1
    expect([x.spec.name, x.rd, x.rs1, x.csr]).toEqual(['csrrs', 10, 11, 3]);
    const y = d(0x002fd573); // csrrwi a0,frm,31
    expect([y.spec.name, y.rd, y.imm, y.csr]).toEqual(['csrrwi', 10, 31, 2]);
    expect(d(0xc0002573).csr).toBe(0xc00); // rdcycle a0: csr numbers above 0x7ff stay positive
  });

  it('AMO/LR: aq/rl bits in rm (aq=2, rl=1)', () => {
    const x = d(0x06b6352f); // amoadd.d.aqrl a0,a1,(a2)
    expect([x.spec.name, x.rd, x.rs1, x.rs2, x.rm]).toEqual(['amoadd.d', 10, 12, 11, 3]);
    const y = d(0x1405a52f); // lr.w.aq a0,(a1)
    expect([y.spec.name, y.rd, y.rs1, y.rm]).toEqual(['lr.w', 10, 11, 2]);
  });

  it('R4 and rounding modes', () => {
    const x = d(0x6ac59543); // fmadd.d fa0,fa1,fa2,fa3,rtz
    expect([x.spec.name, x.rd, x.rs1, x.rs2, x.rs3, x.rm]).toEqual(['fmadd.d', 10, 11, 12, 13, 1]);
    expect(d(0x00c5f553).rm).toBe(7); // fadd.s (dyn)
  });

  it('redirects integer rd=x0 to the sink, but not FP rd=f0', () => {
    expect(d(0x00000013).rd).toBe(X_SINK); // nop
    expect(d(0xc0052053).rd).toBe(X_SINK); // fcvt.w.s zero,fa0,rdn (integer destination)
    const f = d(0xf0050053); // fmv.w.x ft0,a0
    expect([f.spec.name, f.rd, f.rs1]).toEqual(['fmv.w.x', 0, 10]);
    expect(d(0x00002007).rd).toBe(0); // flw ft0,0(zero)
    expect(d(0x0000006f).rd).toBe(X_SINK); // j .
  });

  it('fence keeps fm/pred/succ in imm', () => {
    const x = d(0x8330000f);
    expect([x.spec.name, x.imm]).toEqual(['fence', 0x833]);
  });
});

describe('compressed instructions', () => {
  it('keep the 16-bit raw bits and length 2, with the expansion\'s operands', () => {
    const x = d(0x7139); // c.addi16sp sp,-64
    expect([x.spec.name, x.raw, x.len, x.rd, x.rs1, x.imm]).toEqual(['addi', 0x7139, 2, 2, 2, -64]);
    expect(wordOf(x)).toBe(0xfc010113);
  });

  it('decode c.* immediates', () => {
    expect([d(0x757d).spec.name, d(0x757d).imm]).toEqual(['lui', -4096]);     // c.lui a0,0xfffff
    expect([d(0x557e).spec.name, d(0x557e).imm]).toEqual(['lw', 252]);       // c.lwsp a0,252(sp)
    expect([d(0xff86).spec.name, d(0xff86).imm]).toEqual(['sd', 504]);       // c.sdsp ra,504(sp)
    expect([d(0x1fe8).spec.name, d(0x1fe8).imm]).toEqual(['addi', 1020]);    // c.addi4spn a0,sp,1020
    expect([d(0x3fe8).spec.name, d(0x3fe8).rd, d(0x3fe8).imm]).toEqual(['fld', 10, 248]); // c.fld fa0,248(a5)
    expect([d(0x5501).spec.name, d(0x5501).imm]).toEqual(['addi', -32]);     // c.li a0,-32
    expect([d(0x97fd).spec.name, d(0x97fd).imm]).toEqual(['srai', 63]);      // c.srai a5,63
    expect([d(0xb001).spec.name, d(0xb001).imm]).toEqual(['jal', -2048]);    // c.j .-2048
    expect([d(0xd001).spec.name, d(0xd001).imm]).toEqual(['beq', -256]);     // c.beqz s0,.-256
    expect([d(0xeffd).spec.name, d(0xeffd).imm]).toEqual(['bne', 254]);      // c.bnez a5,.+254
  });

  it('ignore bits above the low 16 of a compressed raw value', () => {
    expect(d(0xabcd0001).raw).toBe(0x0001);
  });

  it('decode HINTs as the (harmless) base instruction', () => {
    expect(d(0x4001).rd).toBe(X_SINK); // c.li zero,0
    expect(d(0x8006).spec.name).toBe('add'); // c.mv zero,ra
  });
});

describe('illegal and disabled encodings', () => {
  it('throws IllegalInstruction with pc, raw and length', () => {
    const e = illegal(() => decode(0x0000, 0x4000, SCALAR_EXTS));
    expect([e.pc, e.raw, e.len]).toEqual([0x4000, 0, 2]);
    const f = illegal(() => decode(0xffffffff, 0x4000, SCALAR_EXTS));
    expect([f.pc, f.raw, f.len]).toEqual([0x4000, 0xffffffff, 4]);
    for (const c of [0x0008, 0x6101, 0x6501, 0x8002, 0x2001, 0x4002, 0x6002, 0x8000, 0x9c41]) {
      expect(illegal(() => decode(c, 0, SCALAR_EXTS)).raw).toBe(c);
    }
    illegal(() => decode(0x12920073, 0, SCALAR_EXTS)); // sfence.vma: privileged
    illegal(() => decode(0x0000702f, 0, SCALAR_EXTS)); // AMO funct3=7
  });

  it('rejects instructions of disabled extensions', () => {
    illegal(() => decode(0x0001, 0, without('C')));
    illegal(() => decode(0x20b52533, 0, without('Zba'))); // sh1add
    expect(decode(0x20b52533, 0, SCALAR_EXTS).spec.name).toBe('sh1add');
    illegal(() => decode(0x3fe8, 0, without('D')));       // c.fld
    illegal(() => decode(0x0f87b507, 0, without('D')));   // fld
    illegal(() => decode(0x0f87b507, 0, without('F')));   // fld without F
    illegal(() => decode(0x00c5f553, 0, without('F')));   // fadd.s
    illegal(() => decode(0x0ec5d533, 0, without('Zicond')));
    illegal(() => decode(0x0000100f, 0, without('Zifencei')));
    illegal(() => decode(0x02b50533, 0, without('M')));   // mul
  });

  it('gives instructions without semantics an exec that throws', () => {
    const missing = SCALAR_TABLE.find((s) => !Object.prototype.hasOwnProperty.call(scalarSemantics, s.name));
    if (missing === undefined) return; // every instruction has semantics
    const x = decode(missing.match, 0x2000, SCALAR_EXTS);
    const e = illegal(() => x.exec(undefined as never, x));
    expect(e.message).toContain(`unimplemented instruction ${missing.name}`);
    expect(e.pc).toBe(0x2000);
  });
});

describe('decodeAt', () => {
  it('fetches 16 or 32 bits, also across a page boundary', () => {
    const mem = new AddressSpace();
    mem.map(0x10000, 0x2000, PROT_READ | PROT_EXEC);
    // c.li a0,-32 at 0x10ffc, then addi a0,a1,-2048 straddling 0x11000.
    mem.poke(0x10ffc, new Uint8Array([0x01, 0x55, 0x13, 0x85, 0x05, 0x80]));
    const a = decodeAt(mem, 0x10ffc, SCALAR_EXTS);
    expect([a.spec.name, a.len, a.raw, a.imm]).toEqual(['addi', 2, 0x5501, -32]);
    const b = decodeAt(mem, 0x10ffe, SCALAR_EXTS);
    expect([b.spec.name, b.len, b.raw, b.imm, b.pc]).toEqual(['addi', 4, 0x80058513, -2048, 0x10ffe]);
  });
});

describe('round trip over the tables', () => {
  /** The privileged instructions are decodable only where bare mode enables them. */
  const WITH_PRIV = new Set<Ext>([...SCALAR_EXTS, 'Priv']);
  it('decodes every 32-bit entry to itself', () => {
    let seed = 99;
    const rnd = (): number => { seed = (Math.imul(seed, 1664525) + 1013904223) | 0; return seed; };
    for (const s of SCALAR_TABLE) {
      for (let i = 0; i < 20; i++) {
        const w = (s.match | (rnd() & ~s.mask)) >>> 0;
        const x = decode(w, 0, WITH_PRIV);
        expect(x.spec, s.name).toBe(s);
        expect([x.raw, x.len]).toEqual([w, 4]);
      }
    }
  });

  it('decodes every non-reserved 16-bit word', () => {
    let n = 0;
    for (let c = 0; c < 1 << 16; c++) {
      if ((c & 3) === 3) continue;
      const cs = COMPRESSED_TABLE.find((s) => claims(s, c));
      let x: Decoded | undefined;
      try { x = decode(c, 0, SCALAR_EXTS); } catch (e) { expect(e).toBeInstanceOf(IllegalInstruction); }
      if (x !== undefined) { expect(cs).toBeDefined(); expect([x.raw, x.len]).toEqual([c, 2]); n++; }
    }
    expect(n).toBeGreaterThan(46000);
  });
});
