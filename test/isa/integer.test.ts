// Every integer semantics function (RV64I, M, A, Zba/Zbb/Zbs, Zicond) against a BigInt reference model,
// with register aliasing, x0 as source and destination, and memory-level checks for loads, stores and AMOs.
import { describe, expect, it, vi } from 'vitest';
import { GuestFault } from '../../src/errors.js';
import { a as aSem } from '../../src/isa/a.js';
import { Hart, type Environment } from '../../src/isa/hart.js';
import { m as mSem } from '../../src/isa/m.js';
import { rv64i } from '../../src/isa/rv64i.js';
import { Decoded, X_SINK, type ExecFn, type Semantics } from '../../src/isa/spec.js';
import { zb } from '../../src/isa/zb.js';
import { zicond } from '../../src/isa/zicond.js';
import { AddressSpace } from '../../src/mem/address-space.js';

const S = (v: bigint): bigint => BigInt.asIntN(64, v);
const U = (v: bigint): bigint => BigInt.asUintN(64, v);
const S32 = (v: bigint): bigint => BigInt.asIntN(32, v);
const U32 = (v: bigint): bigint => BigInt.asUintN(32, v);
const MIN = -(1n << 63n), MAX = (1n << 63n) - 1n;
const b2 = (c: boolean): bigint => (c ? 1n : 0n);

const ALL: Semantics = { ...rv64i, ...mSem, ...aSem, ...zb, ...zicond };

function rng(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => { s ^= s << 13; s >>>= 0; s ^= s >>> 17; s ^= s << 5; s >>>= 0; return s; };
}
const SPECIAL: bigint[] = [0n, 1n, -1n, 2n, MIN, MAX, MIN + 1n, 1n << 31n, -(1n << 31n), (1n << 31n) - 1n, 1n << 32n,
  (1n << 32n) - 1n, 0xffn, 0x80n, 0x7fffn, 0x8000n, 0xffffn, 63n, 64n, 31n, 32n, 33n, -32n, -64n,
  0x0123_4567_89ab_cdefn, S(0xff00_ff00_00ff_00ffn), 0x0000_0001_0000_0000n, S(0xffff_ffff_0000_0000n)];
function value(r: () => number): bigint {
  const full = (BigInt(r()) << 32n) | BigInt(r());
  switch (r() % 9) {
    case 0: return BigInt((r() % 81) - 40);
    case 1: return S((1n << BigInt(r() % 64)) + BigInt((r() % 7) - 3));
    case 2: return BigInt(r() | 0);
    case 3: return BigInt(r());
    case 4: return SPECIAL[r() % SPECIAL.length];
    case 5: { const w = BigInt(1 + (r() % 64)); return S(full & ((1n << w) - 1n)); }
    case 6: return S(full & 0xff00_ff00_ff00_ff00n);
    default: return S(full);
  }
}

const env: Environment = { ecall: vi.fn(), ebreak: vi.fn(), flushCode: vi.fn() };
function newHart(): Hart { return new Hart(new AddressSpace(), env); }

function insn(name: string, f: { rd?: number; rs1?: number; rs2?: number; imm?: number; pc?: number; len?: number; rm?: number }): Decoded {
  const exec: ExecFn | undefined = ALL[name];
  if (exec === undefined) throw new Error(`no semantics for ${name}`);
  const d = new Decoded({ name, mask: 0, match: 0, format: 'R', ext: 'I', cls: 0 } as any, exec);
  // The decoder sends rd=x0 to the sink register.
  d.rd = f.rd === 0 ? X_SINK : (f.rd ?? 0);
  d.rs1 = f.rs1 ?? 0; d.rs2 = f.rs2 ?? 0; d.imm = f.imm ?? 0; d.pc = f.pc ?? 0x1000; d.len = f.len ?? 4; d.rm = f.rm ?? 0;
  return d;
}
const run = (h: Hart, d: Decoded): void => d.exec(h, d);
const reg = (h: Hart, r: number): bigint => h.getBig(r);

// ---------------------------------------------------------------- reference model

const clzRef = (v: bigint, w: bigint): bigint => { let n = 0n; for (let i = w - 1n; i >= 0n && ((v >> i) & 1n) === 0n; i--) n++; return n; };
const ctzRef = (v: bigint, w: bigint): bigint => { let n = 0n; for (let i = 0n; i < w && ((v >> i) & 1n) === 0n; i++) n++; return n; };
const popRef = (v: bigint): bigint => { let n = 0n; for (; v; v >>= 1n) n += v & 1n; return n; };
const rotr64 = (v: bigint, s: bigint): bigint => S((U(v) >> s) | (U(v) << ((64n - s) & 63n)));
const rotr32 = (v: bigint, s: bigint): bigint => S32((U32(v) >> s) | (U32(v) << ((32n - s) & 31n)));
const bytes = (v: bigint): bigint[] => Array.from({ length: 8 }, (_, i) => (U(v) >> BigInt(8 * i)) & 0xffn);

/** Two-register operations: (rs1, rs2) -> rd. */
const RR: Record<string, (a: bigint, b: bigint) => bigint> = {
  add: (a, b) => a + b, sub: (a, b) => a - b, sll: (a, b) => a << (U(b) & 63n), slt: (a, b) => b2(a < b),
  sltu: (a, b) => b2(U(a) < U(b)), xor: (a, b) => a ^ b, srl: (a, b) => U(a) >> (U(b) & 63n), sra: (a, b) => a >> (U(b) & 63n),
  or: (a, b) => a | b, and: (a, b) => a & b,
  addw: (a, b) => S32(a + b), subw: (a, b) => S32(a - b), sllw: (a, b) => S32(a << (U(b) & 31n)),
  srlw: (a, b) => S32(U32(a) >> (U(b) & 31n)), sraw: (a, b) => S32(a) >> (U(b) & 31n),
  mul: (a, b) => a * b, mulh: (a, b) => (a * b) >> 64n, mulhsu: (a, b) => (a * U(b)) >> 64n, mulhu: (a, b) => (U(a) * U(b)) >> 64n,
  div: (a, b) => (b === 0n ? -1n : a === MIN && b === -1n ? MIN : a / b), divu: (a, b) => (b === 0n ? -1n : U(a) / U(b)),
  rem: (a, b) => (b === 0n ? a : a === MIN && b === -1n ? 0n : a % b), remu: (a, b) => (b === 0n ? a : U(a) % U(b)),
  mulw: (a, b) => S32(a * b),
  divw: (a, b) => { const x = S32(a), y = S32(b); return y === 0n ? -1n : S32(x / y); },
  divuw: (a, b) => { const x = U32(a), y = U32(b); return y === 0n ? -1n : S32(x / y); },
  remw: (a, b) => { const x = S32(a), y = S32(b); return y === 0n ? x : S32(x % y); },
  remuw: (a, b) => { const x = U32(a), y = U32(b); return y === 0n ? S32(x) : S32(x % y); },
  'add.uw': (a, b) => U32(a) + b, sh1add: (a, b) => (a << 1n) + b, sh2add: (a, b) => (a << 2n) + b, sh3add: (a, b) => (a << 3n) + b,
  'sh1add.uw': (a, b) => (U32(a) << 1n) + b, 'sh2add.uw': (a, b) => (U32(a) << 2n) + b, 'sh3add.uw': (a, b) => (U32(a) << 3n) + b,
  andn: (a, b) => a & ~b, orn: (a, b) => a | ~b, xnor: (a, b) => ~(a ^ b),
  max: (a, b) => (a > b ? a : b), maxu: (a, b) => (U(a) > U(b) ? a : b), min: (a, b) => (a < b ? a : b), minu: (a, b) => (U(a) < U(b) ? a : b),
  rol: (a, b) => rotr64(a, (64n - (U(b) & 63n)) & 63n), ror: (a, b) => rotr64(a, U(b) & 63n),
  rolw: (a, b) => rotr32(a, (32n - (U(b) & 31n)) & 31n), rorw: (a, b) => rotr32(a, U(b) & 31n),
  bclr: (a, b) => a & ~(1n << (U(b) & 63n)), bset: (a, b) => a | (1n << (U(b) & 63n)), binv: (a, b) => a ^ (1n << (U(b) & 63n)),
  bext: (a, b) => (U(a) >> (U(b) & 63n)) & 1n,
  'czero.eqz': (a, b) => (b === 0n ? 0n : a), 'czero.nez': (a, b) => (b !== 0n ? 0n : a),
};

/** Register-immediate operations with a 12-bit signed immediate. */
const RI: Record<string, (a: bigint, i: bigint) => bigint> = {
  addi: (a, i) => a + i, slti: (a, i) => b2(a < i), sltiu: (a, i) => b2(U(a) < U(i)), xori: (a, i) => a ^ i,
  ori: (a, i) => a | i, andi: (a, i) => a & i, addiw: (a, i) => S32(a + i),
};

/** Shift-amount immediates: [max shamt, reference]. */
const SH: Record<string, [number, (a: bigint, s: bigint) => bigint]> = {
  slli: [63, (a, s) => a << s], srli: [63, (a, s) => U(a) >> s], srai: [63, (a, s) => a >> s],
  slliw: [31, (a, s) => S32(a << s)], srliw: [31, (a, s) => S32(U32(a) >> s)], sraiw: [31, (a, s) => S32(a) >> s],
  'slli.uw': [63, (a, s) => U32(a) << s], rori: [63, (a, s) => rotr64(a, s)], roriw: [31, (a, s) => rotr32(a, s)],
  bclri: [63, (a, s) => a & ~(1n << s)], bseti: [63, (a, s) => a | (1n << s)], binvi: [63, (a, s) => a ^ (1n << s)],
  bexti: [63, (a, s) => (U(a) >> s) & 1n],
};

/** One-operand operations. */
const R1: Record<string, (a: bigint) => bigint> = {
  clz: (a) => clzRef(U(a), 64n), clzw: (a) => clzRef(U32(a), 32n), ctz: (a) => ctzRef(U(a), 64n), ctzw: (a) => ctzRef(U32(a), 32n),
  cpop: (a) => popRef(U(a)), cpopw: (a) => popRef(U32(a)),
  'sext.b': (a) => BigInt.asIntN(8, a), 'sext.h': (a) => BigInt.asIntN(16, a), 'zext.h': (a) => BigInt.asUintN(16, a),
  'orc.b': (a) => bytes(a).reduce((acc, byte, i) => acc | ((byte ? 0xffn : 0n) << BigInt(8 * i)), 0n),
  rev8: (a) => bytes(a).reduce((acc, byte) => (acc << 8n) | byte, 0n),
};

// ---------------------------------------------------------------- randomized comparison

/** Register choices: distinct, rd=rs1, rd=rs2, all the same, x0 as a source, x0 as destination. */
const LAYOUTS: [number, number, number][] = [[7, 5, 6], [5, 5, 6], [6, 5, 6], [9, 9, 9], [7, 0, 6], [7, 5, 0], [0, 5, 6], [31, 30, 29]];
const TRIALS = 1500;

/** Random junk in x1..x31 (x0 stays 0), so a write to the wrong register shows. */
function fill(h: Hart, r: () => number): void {
  for (let i = 2; i < 64; i++) h.x[i] = r();
}

function checkResult(h: Hart, name: string, rd: number, want: bigint, ctx: () => string, before: Int32Array): void {
  const w = S(want);
  if (rd !== 0 && reg(h, rd) !== w) expect(`${name} ${ctx()} -> ${reg(h, rd)}`).toBe(`${name} ${ctx()} -> ${w}`);
  for (let i = 0; i < 64; i++) if ((rd === 0 || i >> 1 !== rd) && h.x[i] !== before[i]) expect(`${name} clobbered x${i >> 1}`).toBe('');
}

describe('register-register semantics match the reference', () => {
  for (const [name, ref] of Object.entries(RR)) {
    it(name, () => {
      const r = rng(name.length * 131 + name.charCodeAt(0) * 7 + name.charCodeAt(name.length - 1));
      const h = newHart();
      for (const [rd, rs1, rs2] of LAYOUTS) {
        const d = insn(name, { rd, rs1, rs2 });
        const pairs: [bigint, bigint][] = [];
        for (const x of SPECIAL) for (const y of SPECIAL) pairs.push([x, y]);
        for (let i = 0; i < TRIALS; i++) pairs.push([value(r), value(r)]);
        for (const [x, y] of pairs) {
          fill(h, r);
          if (rs1 !== 0) h.setBig(rs1, x);
          if (rs2 !== 0 && rs2 !== rs1) h.setBig(rs2, y);
          const a = reg(h, rs1), b = reg(h, rs2), before = h.x.slice(0, 64);
          run(h, d);
          checkResult(h, name, rd, ref(a, b), () => `x${rd}, x${rs1}=${a}, x${rs2}=${b}`, before);
        }
      }
    });
  }
});

describe('register-immediate semantics match the reference', () => {
  for (const [name, ref] of Object.entries(RI)) {
    it(name, () => {
      const r = rng(name.charCodeAt(0) * 31 + name.length), h = newHart();
      const imms = [0, 1, -1, 2047, -2048, 31, 32, -32, 0x7ff, -0x7ff];
      for (const [rd, rs1] of LAYOUTS) {
        for (let i = 0; i < TRIALS * 2; i++) {
          const imm = i < imms.length ? imms[i] : ((r() % 4096) - 2048);
          const d = insn(name, { rd, rs1, imm });
          fill(h, r);
          if (rs1 !== 0) h.setBig(rs1, i < SPECIAL.length ? SPECIAL[i] : value(r));
          const a = reg(h, rs1), before = h.x.slice(0, 64);
          run(h, d);
          checkResult(h, name, rd, ref(a, BigInt(imm)), () => `x${rs1}=${a}, ${imm}`, before);
        }
      }
    });
  }
  for (const [name, [maxSh, ref]] of Object.entries(SH)) {
    it(name, () => {
      const r = rng(name.charCodeAt(1) * 17 + name.length), h = newHart();
      for (const [rd, rs1] of LAYOUTS) {
        for (let i = 0; i < 60; i++) {
          const a0 = i < SPECIAL.length ? SPECIAL[i] : value(r);
          for (let s = 0; s <= maxSh; s++) {
            const d = insn(name, { rd, rs1, imm: s });
            fill(h, r);
            if (rs1 !== 0) h.setBig(rs1, a0);
            const a = reg(h, rs1), before = h.x.slice(0, 64);
            run(h, d);
            checkResult(h, name, rd, ref(a, BigInt(s)), () => `x${rs1}=${a}, ${s}`, before);
          }
        }
      }
    });
  }
});

describe('one-operand semantics match the reference', () => {
  for (const [name, ref] of Object.entries(R1)) {
    it(name, () => {
      const r = rng(name.charCodeAt(0) * 977 + name.length), h = newHart();
      for (const [rd, rs1] of LAYOUTS) {
        for (let i = 0; i < TRIALS * 2; i++) {
          const d = insn(name, { rd, rs1 });
          fill(h, r);
          if (rs1 !== 0) h.setBig(rs1, i < SPECIAL.length ? SPECIAL[i] : value(r));
          const a = reg(h, rs1), before = h.x.slice(0, 64);
          run(h, d);
          checkResult(h, name, rd, ref(a), () => `x${rs1}=${a}`, before);
        }
      }
    });
  }
});

// ---------------------------------------------------------------- hand-picked edge cases

describe('edge cases', () => {
  const op = (name: string, a: bigint, b = 0n, imm = 0): bigint => {
    const h = newHart();
    h.setBig(5, a); h.setBig(6, b);
    run(h, insn(name, { rd: 7, rs1: 5, rs2: 6, imm }));
    return reg(h, 7);
  };
  it('division by zero and overflow', () => {
    expect(op('div', 42n, 0n)).toBe(-1n);
    expect(op('divu', 42n, 0n)).toBe(-1n);
    expect(op('rem', -42n, 0n)).toBe(-42n);
    expect(op('remu', -42n, 0n)).toBe(-42n);
    expect(op('div', MIN, -1n)).toBe(MIN);
    expect(op('rem', MIN, -1n)).toBe(0n);
    expect(op('divw', -(1n << 31n), -1n)).toBe(-(1n << 31n));
    expect(op('remw', -(1n << 31n), -1n)).toBe(0n);
    expect(op('divw', 5n, S(0xffff_ffff_0000_0000n))).toBe(-1n); // only the low word of the divisor counts
    expect(op('divuw', 5n, 0n)).toBe(-1n);
    expect(op('remuw', S(0x1_8000_0000n), 0n)).toBe(-(1n << 31n)); // the dividend's low word, sign-extended
    expect(op('divuw', S(0xffff_ffffn), 1n)).toBe(-1n);
  });
  it('W results sign-extend and W shifts use 5 bits', () => {
    expect(op('addw', 0x7fff_ffffn, 1n)).toBe(-(1n << 31n));
    expect(op('addiw', 0x7fff_ffffn, 0n, 1)).toBe(-(1n << 31n));
    expect(op('sllw', 1n, 32n + 31n)).toBe(-(1n << 31n));
    expect(op('srlw', S(0x1234_5678_8000_0000n), 32n)).toBe(-(1n << 31n));
    expect(op('sraw', S(0x8000_0000n), 31n + 64n)).toBe(-1n);
    expect(op('srliw', -1n, 0n, 0)).toBe(-1n);
    expect(op('mulw', 0x10000n, 0x8000n)).toBe(-(1n << 31n));
  });
  it('64-bit shifts use 6 bits', () => {
    expect(op('sll', 1n, 63n)).toBe(MIN);
    expect(op('sll', 1n, 64n)).toBe(1n);
    expect(op('srl', MIN, 63n)).toBe(1n);
    expect(op('sra', MIN, 63n)).toBe(-1n);
    expect(op('sra', MIN, 127n)).toBe(-1n);
  });
  it('bit counts of zero and of a zero low word', () => {
    expect(op('clz', 0n)).toBe(64n); expect(op('ctz', 0n)).toBe(64n); expect(op('cpop', 0n)).toBe(0n);
    expect(op('clzw', 0n)).toBe(32n); expect(op('ctzw', 0n)).toBe(32n); expect(op('cpopw', 0n)).toBe(0n);
    expect(op('ctzw', 0x1_0000_0000n)).toBe(32n);
    expect(op('clzw', 0x1_0000_0000n)).toBe(32n);
    expect(op('ctz', 0x1_0000_0000n)).toBe(32n);
    expect(op('cpopw', -1n)).toBe(32n); expect(op('cpop', -1n)).toBe(64n);
  });
  it('rev8, orc.b, sign/zero extension', () => {
    expect(U(op('rev8', 0x0123_4567_89ab_cdefn))).toBe(0xefcd_ab89_6745_2301n);
    expect(U(op('orc.b', 0x0100_2000_0003_0080n))).toBe(0xff00_ff00_00ff_00ffn);
    expect(op('sext.b', 0x80n)).toBe(-128n); expect(op('sext.h', 0x8000n)).toBe(-32768n);
    expect(op('zext.h', -1n)).toBe(0xffffn);
  });
  it('min/max signed vs unsigned', () => {
    expect(op('min', -1n, 1n)).toBe(-1n); expect(op('minu', -1n, 1n)).toBe(1n);
    expect(op('max', -1n, 1n)).toBe(1n); expect(op('maxu', -1n, 1n)).toBe(-1n);
    expect(op('max', MIN, MAX)).toBe(MAX); expect(op('maxu', MIN, MAX)).toBe(MIN);
  });
  it('mulh family at the extremes', () => {
    expect(op('mulh', MIN, MIN)).toBe(1n << 62n);
    expect(op('mulhu', -1n, -1n)).toBe(-2n);
    expect(op('mulhsu', -1n, -1n)).toBe(-1n);
    expect(op('mulhsu', MIN, -1n)).toBe(S((MIN * U(-1n)) >> 64n));
  });
});

// ---------------------------------------------------------------- control transfer

describe('branches and jumps', () => {
  const BR: Record<string, (a: bigint, b: bigint) => boolean> = {
    beq: (a, b) => a === b, bne: (a, b) => a !== b, blt: (a, b) => a < b, bge: (a, b) => a >= b,
    bltu: (a, b) => U(a) < U(b), bgeu: (a, b) => U(a) >= U(b),
  };
  for (const [name, ref] of Object.entries(BR)) {
    it(name, () => {
      const r = rng(name.charCodeAt(1) * 3), h = newHart();
      for (let i = 0; i < 20000; i++) {
        const x = value(r), y = r() % 5 === 0 ? x : r() % 5 === 0 ? S(x ^ 1n) : r() % 5 === 0 ? S(x ^ (1n << 40n)) : value(r);
        const [rs1, rs2] = i % 7 === 0 ? [5, 5] : i % 11 === 0 ? [0, 6] : [5, 6];
        h.setBig(5, x); h.setBig(6, y); h.pc = 0x9999;
        const imm = ((r() % 4096) - 2048) * 2;
        run(h, insn(name, { rs1, rs2, imm, pc: 0x40000 }));
        expect(h.pc).toBe(ref(reg(h, rs1), reg(h, rs2)) ? 0x40000 + imm : 0x9999);
      }
    });
  }
  it('jal links past itself (2 or 4 bytes) and jumps pc-relative', () => {
    const h = newHart();
    run(h, insn('jal', { rd: 1, imm: -0x800, pc: 0x1_2345_6000, len: 4 }));
    expect(h.pc).toBe(0x1_2345_5800); expect(reg(h, 1)).toBe(0x1_2345_6004n);
    run(h, insn('jal', { rd: 0, imm: 0x10, pc: 0x1000, len: 2 }));
    expect(h.pc).toBe(0x1010); expect(reg(h, 0)).toBe(0n);
  });
  it('jalr clears bit 0 and reads rs1 before writing rd', () => {
    const h = newHart();
    h.setBig(5, 0x7fff_ffff_f001n);
    run(h, insn('jalr', { rd: 5, rs1: 5, imm: 2, pc: 0x2000, len: 2 }));
    expect(h.pc).toBe(0x7fff_ffff_f002); expect(reg(h, 5)).toBe(0x2002n);
    h.setBig(6, 0x1_0000_0000n);
    run(h, insn('jalr', { rd: 0, rs1: 6, imm: -1, pc: 0x2000 }));
    expect(h.pc).toBe(0xffff_fffe);
    h.setBig(6, -4n); // a negative target: the fetch faults later
    run(h, insn('jalr', { rd: 1, rs1: 6, imm: 1 }));
    expect(h.pc).toBe(-4);
  });
  it('lui and auipc', () => {
    const h = newHart();
    run(h, insn('lui', { rd: 3, imm: 0x8000_0000 | 0 })); expect(reg(h, 3)).toBe(-(1n << 31n));
    run(h, insn('lui', { rd: 3, imm: 0x7ffff000 })); expect(reg(h, 3)).toBe(0x7ffff000n);
    run(h, insn('auipc', { rd: 4, imm: -0x2000, pc: 0x1000 })); expect(reg(h, 4)).toBe(-0x1000n);
    run(h, insn('auipc', { rd: 4, imm: 0x7fff_f000, pc: 0x3f_ffff_f000 })); expect(reg(h, 4)).toBe(0x3f_ffff_f000n + 0x7fff_f000n);
    run(h, insn('auipc', { rd: 4, imm: 0x8000_0000 | 0, pc: 0x3f_ffff_f000 })); expect(reg(h, 4)).toBe(0x3f_ffff_f000n - 0x8000_0000n);
  });
  it('ecall, ebreak, fence.i go to the environment; fences do nothing', () => {
    const h = newHart();
    const e = { ecall: vi.fn(), ebreak: vi.fn(), flushCode: vi.fn() };
    h.env = e;
    const d1 = insn('ecall', {}), d2 = insn('ebreak', {}), d3 = insn('fence.i', {});
    run(h, d1); run(h, d2); run(h, d3);
    expect(e.ecall).toHaveBeenCalledWith(h, d1); expect(e.ebreak).toHaveBeenCalledWith(h, d2); expect(e.flushCode).toHaveBeenCalledWith(h);
    h.pc = 77;
    run(h, insn('fence', {})); run(h, insn('fence.tso', {}));
    expect(h.pc).toBe(77);
  });
});

// ---------------------------------------------------------------- memory

const PAGE = 0x10000;
function memHart(): Hart {
  const h = newHart();
  h.mem.map(PAGE, 4096, 3);
  return h;
}

describe('loads and stores', () => {
  const LOADS: Record<string, [number, (v: bigint) => bigint]> = {
    lb: [1, (v) => BigInt.asIntN(8, v)], lbu: [1, (v) => BigInt.asUintN(8, v)], lh: [2, (v) => BigInt.asIntN(16, v)],
    lhu: [2, (v) => BigInt.asUintN(16, v)], lw: [4, (v) => BigInt.asIntN(32, v)], lwu: [4, (v) => BigInt.asUintN(32, v)],
    ld: [8, (v) => S(v)],
  };
  const STORES: Record<string, number> = { sb: 1, sh: 2, sw: 4, sd: 8 };
  it('round-trip through memory at every alignment, with base + negative and positive offsets', () => {
    const r = rng(12345), h = memHart();
    for (let i = 0; i < 4000; i++) {
      const [sname, size] = Object.entries(STORES)[r() % 4];
      const addr = PAGE + 16 + (r() % 4000), v = value(r);
      const imm = (r() % 2048) - 1024;
      // Fill the bytes around with a pattern so stores of the wrong width show.
      const pat = new Uint8Array(16).map(() => r() & 0xff);
      h.mem.writeBytes(addr - 4, pat);
      h.setBig(5, BigInt(addr - imm)); h.setBig(6, v);
      run(h, insn(sname, { rs1: 5, rs2: 6, imm }));
      const got = h.mem.readBytes(addr - 4, 16);
      for (let k = 0; k < 16; k++) {
        const off = k - 4;
        const want = off >= 0 && off < size ? Number((U(v) >> BigInt(8 * off)) & 0xffn) : pat[k];
        if (got[k] !== want) expect([sname, addr, k, got[k]]).toEqual([sname, addr, k, want]);
      }
      for (const [lname, [lsize, ext]] of Object.entries(LOADS)) {
        let mem = 0n;
        for (let k = lsize - 1; k >= 0; k--) mem = (mem << 8n) | BigInt(got[k + 4]);
        h.setBig(7, BigInt(addr + 8)); // base register, also the destination
        run(h, insn(lname, { rd: 7, rs1: 7, imm: -8 }));
        if (reg(h, 7) !== ext(mem)) expect([lname, addr, reg(h, 7)]).toEqual([lname, addr, ext(mem)]);
      }
    }
  });
  it('a load to x0 still accesses memory (and can fault)', () => {
    const h = memHart();
    h.setBig(5, 0x5000n);
    expect(() => run(h, insn('ld', { rd: 0, rs1: 5 }))).toThrow(GuestFault);
    h.setBig(5, BigInt(PAGE));
    run(h, insn('ld', { rd: 0, rs1: 5 }));
    expect(reg(h, 0)).toBe(0n);
  });
  it('faults on unmapped, negative and huge addresses, leaving rd alone', () => {
    const h = memHart();
    h.setBig(7, 99n);
    for (const base of [0n, -8n, MIN, 1n << 47n, 1n << 62n]) {
      h.setBig(5, base);
      for (const name of Object.keys(LOADS)) expect(() => run(h, insn(name, { rd: 7, rs1: 5 }))).toThrow(GuestFault);
      for (const name of Object.keys(STORES)) expect(() => run(h, insn(name, { rs1: 5, rs2: 7 }))).toThrow(GuestFault);
    }
    expect(reg(h, 7)).toBe(99n);
  });
  it('a misaligned access straddling into an unmapped page faults without a partial store', () => {
    const h = memHart();
    h.setBig(5, BigInt(PAGE + 4092)); h.setBig(6, -1n);
    h.mem.writeBytes(PAGE + 4088, new Uint8Array(8));
    for (const name of ['sd', 'sw']) {
      for (const imm of [0, 1, 2, 3]) {
        if (name === 'sw' && imm === 0) continue;
        expect(() => run(h, insn(name, { rs1: 5, rs2: 6, imm }))).toThrow(GuestFault);
      }
    }
    expect([...h.mem.readBytes(PAGE + 4088, 8)]).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
    h.setBig(7, 5n);
    expect(() => run(h, insn('ld', { rd: 7, rs1: 5 }))).toThrow(GuestFault);
    expect(reg(h, 7)).toBe(5n);
  });
  it('misaligned accesses across two mapped pages work', () => {
    const h = memHart();
    h.mem.map(PAGE + 4096, 4096, 3);
    h.setBig(5, BigInt(PAGE + 4093)); h.setBig(6, 0x1122_3344_5566_7788n);
    run(h, insn('sd', { rs1: 5, rs2: 6 }));
    run(h, insn('ld', { rd: 7, rs1: 5 }));
    expect(reg(h, 7)).toBe(0x1122_3344_5566_7788n);
    run(h, insn('lw', { rd: 7, rs1: 5, imm: 1 }));
    expect(reg(h, 7)).toBe(0x4455_6677n);
  });
  it('stores to a read-only page fault', () => {
    const h = newHart();
    h.mem.map(PAGE, 4096, 1);
    h.setBig(5, BigInt(PAGE));
    for (const name of Object.keys(STORES)) expect(() => run(h, insn(name, { rs1: 5, rs2: 5 }))).toThrow(GuestFault);
  });
});

describe('atomics', () => {
  const AMO: Record<string, (old: bigint, src: bigint) => bigint> = {
    amoswap: (_o, s) => s, amoadd: (o, s) => o + s, amoxor: (o, s) => o ^ s, amoand: (o, s) => o & s, amoor: (o, s) => o | s,
    amomin: (o, s) => (s < o ? s : o), amomax: (o, s) => (s > o ? s : o),
    amominu: (o, s) => (U(s) < U(o) ? s : o), amomaxu: (o, s) => (U(s) > U(o) ? s : o),
  };
  for (const [base, ref] of Object.entries(AMO)) {
    for (const w of ['w', 'd'] as const) {
      const name = `${base}.${w}`;
      it(name, () => {
        const r = rng(name.length * 97 + name.charCodeAt(3)), h = memHart();
        const size = w === 'w' ? 4 : 8, norm = w === 'w' ? S32 : S;
        for (let i = 0; i < 5000; i++) {
          const addr = PAGE + 8 + size * (r() % 500);
          const old = norm(value(r)), src = r() % 8 === 0 ? old : value(r);
          if (w === 'w') h.mem.store64Big(addr, (value(r) << 32n) | U32(old)); else h.mem.store64Big(addr, old);
          const neighbour = h.mem.load64Big(addr + 8);
          const [rd, rs1, rs2] = i % 5 === 0 ? [6, 5, 6] : i % 5 === 1 ? [0, 5, 6] : [7, 5, 6];
          h.setBig(5, BigInt(addr)); h.setBig(6, src);
          const before = h.mem.load64Big(addr);
          run(h, insn(name, { rd, rs1, rs2, rm: i & 3 }));
          if (rd !== 0) expect(reg(h, rd)).toBe(old);
          const stored = norm(ref(old, norm(src)));
          const now = h.mem.load64Big(addr);
          if (w === 'w') {
            expect(S32(now)).toBe(stored);
            expect(now >> 32n).toBe(before >> 32n); // the word after is untouched
          } else {
            expect(now).toBe(stored);
          }
          expect(h.mem.load64Big(addr + 8)).toBe(neighbour);
        }
      });
    }
  }
  it('AMOs fault on misaligned addresses and read-only pages without touching rd', () => {
    const h = memHart();
    h.setBig(7, 42n); h.setBig(6, 1n);
    for (const base of Object.keys(AMO)) {
      for (const [w, bad] of [['w', [1, 2, 3]], ['d', [1, 2, 4, 6]]] as const) {
        for (const off of bad) {
          h.setBig(5, BigInt(PAGE + off));
          expect(() => run(h, insn(`${base}.${w}`, { rd: 7, rs1: 5, rs2: 6 }))).toThrow(GuestFault);
        }
      }
    }
    h.mem.protect(PAGE, 4096, 1);
    h.setBig(5, BigInt(PAGE));
    for (const base of Object.keys(AMO)) for (const w of ['w', 'd']) expect(() => run(h, insn(`${base}.${w}`, { rd: 7, rs1: 5, rs2: 6 }))).toThrow(GuestFault);
    expect(reg(h, 7)).toBe(42n);
  });
  for (const w of ['w', 'd'] as const) {
    it(`lr.${w}/sc.${w}`, () => {
      const h = memHart(), A = PAGE + 64, norm = w === 'w' ? S32 : S;
      h.mem.store64Big(A, 0x8765_4321_8000_0001n);
      h.setBig(5, BigInt(A)); h.setBig(6, 0x1111_2222_3333_4444n);
      // SC without a reservation fails and stores nothing.
      run(h, insn(`sc.${w}`, { rd: 7, rs1: 5, rs2: 6 }));
      expect(reg(h, 7)).toBe(1n); expect(h.mem.load64Big(A)).toBe(S(0x8765_4321_8000_0001n));
      // LR then SC to the same address succeeds.
      run(h, insn(`lr.${w}`, { rd: 8, rs1: 5 }));
      expect(reg(h, 8)).toBe(norm(0x8765_4321_8000_0001n));
      expect(h.reservation).toBe(A);
      run(h, insn(`sc.${w}`, { rd: 7, rs1: 5, rs2: 6, rm: 3 }));
      expect(reg(h, 7)).toBe(0n);
      expect(h.mem.load64Big(A)).toBe(S(w === 'w' ? 0x8765_4321_3333_4444n : 0x1111_2222_3333_4444n));
      expect(h.reservation).toBe(-1);
      // A second SC fails: the first cleared the reservation.
      run(h, insn(`sc.${w}`, { rd: 7, rs1: 5, rs2: 6 }));
      expect(reg(h, 7)).toBe(1n);
      // SC to a different address fails and clears the reservation.
      run(h, insn(`lr.${w}`, { rd: 8, rs1: 5 }));
      h.setBig(9, BigInt(A + 8));
      run(h, insn(`sc.${w}`, { rd: 7, rs1: 9, rs2: 6 }));
      expect(reg(h, 7)).toBe(1n); expect(h.mem.load64Big(A + 8)).toBe(0n); expect(h.reservation).toBe(-1);
      run(h, insn(`sc.${w}`, { rd: 7, rs1: 5, rs2: 6 }));
      expect(reg(h, 7)).toBe(1n);
      // rd may be the address register of LR; SC's rd may be its source.
      h.setBig(10, BigInt(A));
      run(h, insn(`lr.${w}`, { rd: 10, rs1: 10 }));
      expect(h.reservation).toBe(A);
      h.setBig(11, 5n);
      run(h, insn(`sc.${w}`, { rd: 11, rs1: 5, rs2: 11 }));
      expect(reg(h, 11)).toBe(0n); expect(norm(h.mem.load64Big(A))).toBe(5n);
      // Misaligned LR/SC fault.
      h.setBig(12, BigInt(A + 2));
      expect(() => run(h, insn(`lr.${w}`, { rd: 8, rs1: 12 }))).toThrow(GuestFault);
      expect(() => run(h, insn(`sc.${w}`, { rd: 8, rs1: 12, rs2: 6 }))).toThrow(GuestFault);
    });
  }
});
