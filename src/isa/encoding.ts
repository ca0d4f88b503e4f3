// The scalar 32-bit instruction encodings (RV64GC's 32-bit part plus Zba/Zbb/Zbs/Zicond): one entry per
// mnemonic, as GNU objdump names it. Each entry's mask/match is the set of fixed bits; operand fields are
// left out of the mask. No two entries may match the same instruction word (checked by a test), so the
// decoder can stop at the first hit.
import { InsnClass, type Ext, type Format, type InsnSpec, type RegKind } from './spec.js';

/** Fixed fields of an encoding, by their standard positions. */
interface Fixed {
  op: number;          // [6:0]
  f3?: number;         // [14:12]
  f7?: number;         // [31:25]
  f6?: number;         // [31:26] (RV64 shift-immediate forms with a 6-bit shamt)
  f5?: number;         // [31:27] (AMO function)
  fmt?: number;        // [26:25] (FP format of R4)
  rs2?: number;        // [24:20] (unary forms)
  imm12?: number;      // [31:20]
  rs1?: number;        // [19:15]
  rd?: number;         // [11:7]
}

function pattern(f: Fixed): [mask: number, match: number] {
  let mask = 0x7f, match = f.op;
  const put = (v: number | undefined, shift: number, width: number): void => {
    if (v === undefined) return;
    const m = ((1 << width) - 1) << shift;
    mask |= m; match = (match & ~m) | ((v << shift) & m);
  };
  put(f.f3, 12, 3); put(f.f7, 25, 7); put(f.f6, 26, 6); put(f.f5, 27, 5); put(f.fmt, 25, 2);
  put(f.rs2, 20, 5); put(f.imm12, 20, 12); put(f.rs1, 15, 5); put(f.rd, 7, 5);
  return [mask >>> 0, match >>> 0];
}

interface Opts { regs?: readonly [RegKind, RegKind, RegKind?, RegKind?]; hasRm?: boolean; endsBlock?: boolean }

function spec(name: string, format: Format, ext: Ext, cls: InsnClass, fixed: Fixed, opts: Opts = {}): InsnSpec {
  const [mask, match] = pattern(fixed);
  const s: { -readonly [K in keyof InsnSpec]: InsnSpec[K] } = { name, mask, match, format, ext, cls };
  if (opts.regs !== undefined) s.regs = opts.regs;
  if (opts.hasRm) s.hasRm = true;
  if (opts.endsBlock) s.endsBlock = true;
  return s;
}

// Major opcodes.
const LOAD = 0x03, LOAD_FP = 0x07, MISC_MEM = 0x0f, OP_IMM = 0x13, AUIPC = 0x17, OP_IMM_32 = 0x1b;
const STORE = 0x23, STORE_FP = 0x27, AMO = 0x2f, OP = 0x33, LUI = 0x37, OP_32 = 0x3b;
const MADD = 0x43, MSUB = 0x47, NMSUB = 0x4b, NMADD = 0x4f, OP_FP = 0x53;
const BRANCH = 0x63, JALR = 0x67, JAL = 0x6f, SYSTEM = 0x73;

const END = { endsBlock: true } as const;

const rv64i: InsnSpec[] = [
  spec('lui', 'U', 'I', InsnClass.IntAlu, { op: LUI }),
  spec('auipc', 'U', 'I', InsnClass.IntAlu, { op: AUIPC }),
  spec('jal', 'J', 'I', InsnClass.Jump, { op: JAL }, END),
  spec('jalr', 'I', 'I', InsnClass.Jump, { op: JALR, f3: 0 }, END),
  ...(['beq', 'bne', , , 'blt', 'bge', 'bltu', 'bgeu'] as const).flatMap((n, f3) =>
    n === undefined ? [] : [spec(n, 'B', 'I', InsnClass.Branch, { op: BRANCH, f3 }, END)]),
  ...(['lb', 'lh', 'lw', 'ld', 'lbu', 'lhu', 'lwu'] as const).map((n, f3) => spec(n, 'I', 'I', InsnClass.Load, { op: LOAD, f3 })),
  ...(['sb', 'sh', 'sw', 'sd'] as const).map((n, f3) => spec(n, 'S', 'I', InsnClass.Store, { op: STORE, f3 })),
  spec('addi', 'I', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 0 }),
  spec('slti', 'I', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 2 }),
  spec('sltiu', 'I', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 3 }),
  spec('xori', 'I', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 4 }),
  spec('ori', 'I', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 6 }),
  spec('andi', 'I', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 7 }),
  spec('slli', 'SH', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 1, f6: 0x00 }),
  spec('srli', 'SH', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 5, f6: 0x00 }),
  spec('srai', 'SH', 'I', InsnClass.IntAlu, { op: OP_IMM, f3: 5, f6: 0x10 }),
  spec('add', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 0, f7: 0x00 }),
  spec('sub', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 0, f7: 0x20 }),
  spec('sll', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 1, f7: 0x00 }),
  spec('slt', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 2, f7: 0x00 }),
  spec('sltu', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 3, f7: 0x00 }),
  spec('xor', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 4, f7: 0x00 }),
  spec('srl', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 5, f7: 0x00 }),
  spec('sra', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 5, f7: 0x20 }),
  spec('or', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 6, f7: 0x00 }),
  spec('and', 'R', 'I', InsnClass.IntAlu, { op: OP, f3: 7, f7: 0x00 }),
  spec('addiw', 'I', 'I', InsnClass.IntAlu, { op: OP_IMM_32, f3: 0 }),
  spec('slliw', 'SHW', 'I', InsnClass.IntAlu, { op: OP_IMM_32, f3: 1, f7: 0x00 }),
  spec('srliw', 'SHW', 'I', InsnClass.IntAlu, { op: OP_IMM_32, f3: 5, f7: 0x00 }),
  spec('sraiw', 'SHW', 'I', InsnClass.IntAlu, { op: OP_IMM_32, f3: 5, f7: 0x20 }),
  spec('addw', 'R', 'I', InsnClass.IntAlu, { op: OP_32, f3: 0, f7: 0x00 }),
  spec('subw', 'R', 'I', InsnClass.IntAlu, { op: OP_32, f3: 0, f7: 0x20 }),
  spec('sllw', 'R', 'I', InsnClass.IntAlu, { op: OP_32, f3: 1, f7: 0x00 }),
  spec('srlw', 'R', 'I', InsnClass.IntAlu, { op: OP_32, f3: 5, f7: 0x00 }),
  spec('sraw', 'R', 'I', InsnClass.IntAlu, { op: OP_32, f3: 5, f7: 0x20 }),
  // fence.tso and pause are fences with particular fm/pred/succ values; they behave as a full fence here.
  spec('fence', 'FENCE', 'I', InsnClass.System, { op: MISC_MEM, f3: 0 }),
  spec('ecall', 'NONE', 'I', InsnClass.System, { op: SYSTEM, f3: 0, imm12: 0, rs1: 0, rd: 0 }, END),
  spec('ebreak', 'NONE', 'I', InsnClass.System, { op: SYSTEM, f3: 0, imm12: 1, rs1: 0, rd: 0 }, END),
];

const m: InsnSpec[] = [
  ...(['mul', 'mulh', 'mulhsu', 'mulhu', 'div', 'divu', 'rem', 'remu'] as const).map((n, f3) =>
    spec(n, 'R', 'M', InsnClass.MulDiv, { op: OP, f3, f7: 0x01 })),
  ...(['mulw', , , , 'divw', 'divuw', 'remw', 'remuw'] as const).flatMap((n, f3) =>
    n === undefined ? [] : [spec(n, 'R', 'M', InsnClass.MulDiv, { op: OP_32, f3, f7: 0x01 })]),
];

const a: InsnSpec[] = (['w', 'd'] as const).flatMap((w) => {
  const f3 = w === 'w' ? 2 : 3;
  const amo = (n: string, f5: number): InsnSpec => spec(`${n}.${w}`, 'AMO', 'A', InsnClass.Atomic, { op: AMO, f3, f5 });
  return [
    spec(`lr.${w}`, 'LR', 'A', InsnClass.Atomic, { op: AMO, f3, f5: 0x02, rs2: 0 }),
    amo('sc', 0x03), amo('amoswap', 0x01), amo('amoadd', 0x00), amo('amoxor', 0x04), amo('amoand', 0x0c),
    amo('amoor', 0x08), amo('amomin', 0x10), amo('amomax', 0x14), amo('amominu', 0x18), amo('amomaxu', 0x1c),
  ];
});

/** The F and D instructions share their layout; `fmt` is 0 for single, 1 for double. */
function fp(p: 's' | 'd'): InsnSpec[] {
  const ext: Ext = p === 's' ? 'F' : 'D';
  const fmt = p === 's' ? 0 : 1;
  const FFF = { regs: ['f', 'f', 'f'] } as const;
  const RM = { regs: ['f', 'f', 'f'], hasRm: true } as const;
  const ar = (n: string, f5: number): InsnSpec => spec(`${n}.${p}`, 'R', ext, InsnClass.Fp, { op: OP_FP, f7: (f5 << 2) | fmt }, RM);
  const sg = (n: string, f5: number, f3: number, regs: readonly [RegKind, RegKind, RegKind]): InsnSpec =>
    spec(`${n}.${p}`, 'R', ext, InsnClass.Fp, { op: OP_FP, f7: (f5 << 2) | fmt, f3 }, { regs });
  const un = (n: string, f5: number, rs2: number, regs: readonly [RegKind, RegKind], rm: boolean, f3?: number): InsnSpec =>
    spec(n, 'R1', ext, InsnClass.Fp, { op: OP_FP, f7: (f5 << 2) | fmt, rs2, f3 }, { regs, hasRm: rm });
  const r4 = (n: string, op: number): InsnSpec =>
    spec(`${n}.${p}`, 'R4', ext, InsnClass.Fp, { op, fmt }, { regs: ['f', 'f', 'f', 'f'], hasRm: true });
  const w = p === 's' ? 'w' : 'd';
  const list: InsnSpec[] = [
    spec(p === 's' ? 'flw' : 'fld', 'I', ext, InsnClass.FpLoad, { op: LOAD_FP, f3: 2 + fmt }, { regs: ['f', 'x'] }),
    spec(p === 's' ? 'fsw' : 'fsd', 'S', ext, InsnClass.FpStore, { op: STORE_FP, f3: 2 + fmt }, { regs: ['x', 'x', 'f'] }),
    r4('fmadd', MADD), r4('fmsub', MSUB), r4('fnmsub', NMSUB), r4('fnmadd', NMADD),
    ar('fadd', 0x00), ar('fsub', 0x01), ar('fmul', 0x02), ar('fdiv', 0x03),
    un(`fsqrt.${p}`, 0x0b, 0, ['f', 'f'], true),
    sg('fsgnj', 0x04, 0, FFF.regs), sg('fsgnjn', 0x04, 1, FFF.regs), sg('fsgnjx', 0x04, 2, FFF.regs),
    sg('fmin', 0x05, 0, FFF.regs), sg('fmax', 0x05, 1, FFF.regs),
    sg('feq', 0x14, 2, ['x', 'f', 'f']), sg('flt', 0x14, 1, ['x', 'f', 'f']), sg('fle', 0x14, 0, ['x', 'f', 'f']),
    un(`fclass.${p}`, 0x1c, 0, ['x', 'f'], false, 1),
    un(`fcvt.w.${p}`, 0x18, 0, ['x', 'f'], true), un(`fcvt.wu.${p}`, 0x18, 1, ['x', 'f'], true),
    un(`fcvt.l.${p}`, 0x18, 2, ['x', 'f'], true), un(`fcvt.lu.${p}`, 0x18, 3, ['x', 'f'], true),
    un(`fcvt.${p}.w`, 0x1a, 0, ['f', 'x'], true), un(`fcvt.${p}.wu`, 0x1a, 1, ['f', 'x'], true),
    un(`fcvt.${p}.l`, 0x1a, 2, ['f', 'x'], true), un(`fcvt.${p}.lu`, 0x1a, 3, ['f', 'x'], true),
    un(`fmv.x.${w}`, 0x1c, 0, ['x', 'f'], false, 0), un(`fmv.${w}.x`, 0x1e, 0, ['f', 'x'], false, 0),
  ];
  // Conversions between the two formats are listed with their destination format.
  list.push(p === 's' ? un('fcvt.s.d', 0x08, 1, ['f', 'f'], true) : un('fcvt.d.s', 0x08, 0, ['f', 'f'], true));
  // fcvt.s.d is encoded with fmt=S but needs D.
  return list.map((s) => (s.name === 'fcvt.s.d' ? { ...s, ext: 'D' } : s));
}

const zicsr: InsnSpec[] = [
  spec('csrrw', 'CSR', 'Zicsr', InsnClass.Csr, { op: SYSTEM, f3: 1 }),
  spec('csrrs', 'CSR', 'Zicsr', InsnClass.Csr, { op: SYSTEM, f3: 2 }),
  spec('csrrc', 'CSR', 'Zicsr', InsnClass.Csr, { op: SYSTEM, f3: 3 }),
  spec('csrrwi', 'CSRI', 'Zicsr', InsnClass.Csr, { op: SYSTEM, f3: 5 }),
  spec('csrrsi', 'CSRI', 'Zicsr', InsnClass.Csr, { op: SYSTEM, f3: 6 }),
  spec('csrrci', 'CSRI', 'Zicsr', InsnClass.Csr, { op: SYSTEM, f3: 7 }),
];

const zifencei: InsnSpec[] = [spec('fence.i', 'NONE', 'Zifencei', InsnClass.System, { op: MISC_MEM, f3: 1 }, END)];

const zba: InsnSpec[] = [
  spec('sh1add', 'R', 'Zba', InsnClass.IntAlu, { op: OP, f3: 2, f7: 0x10 }),
  spec('sh2add', 'R', 'Zba', InsnClass.IntAlu, { op: OP, f3: 4, f7: 0x10 }),
  spec('sh3add', 'R', 'Zba', InsnClass.IntAlu, { op: OP, f3: 6, f7: 0x10 }),
  spec('add.uw', 'R', 'Zba', InsnClass.IntAlu, { op: OP_32, f3: 0, f7: 0x04 }),
  spec('sh1add.uw', 'R', 'Zba', InsnClass.IntAlu, { op: OP_32, f3: 2, f7: 0x10 }),
  spec('sh2add.uw', 'R', 'Zba', InsnClass.IntAlu, { op: OP_32, f3: 4, f7: 0x10 }),
  spec('sh3add.uw', 'R', 'Zba', InsnClass.IntAlu, { op: OP_32, f3: 6, f7: 0x10 }),
  spec('slli.uw', 'SH', 'Zba', InsnClass.IntAlu, { op: OP_IMM_32, f3: 1, f6: 0x02 }),
];

const zbb: InsnSpec[] = [
  spec('andn', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 7, f7: 0x20 }),
  spec('orn', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 6, f7: 0x20 }),
  spec('xnor', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 4, f7: 0x20 }),
  spec('clz', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 1, imm12: 0x600 }),
  spec('ctz', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 1, imm12: 0x601 }),
  spec('cpop', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 1, imm12: 0x602 }),
  spec('sext.b', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 1, imm12: 0x604 }),
  spec('sext.h', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 1, imm12: 0x605 }),
  spec('clzw', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM_32, f3: 1, imm12: 0x600 }),
  spec('ctzw', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM_32, f3: 1, imm12: 0x601 }),
  spec('cpopw', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM_32, f3: 1, imm12: 0x602 }),
  spec('max', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 6, f7: 0x05 }),
  spec('maxu', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 7, f7: 0x05 }),
  spec('min', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 4, f7: 0x05 }),
  spec('minu', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 5, f7: 0x05 }),
  // RV64's zext.h is packw rd,rs1,zero.
  spec('zext.h', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_32, f3: 4, f7: 0x04, rs2: 0 }),
  spec('rol', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 1, f7: 0x30 }),
  spec('ror', 'R', 'Zbb', InsnClass.IntAlu, { op: OP, f3: 5, f7: 0x30 }),
  spec('rolw', 'R', 'Zbb', InsnClass.IntAlu, { op: OP_32, f3: 1, f7: 0x30 }),
  spec('rorw', 'R', 'Zbb', InsnClass.IntAlu, { op: OP_32, f3: 5, f7: 0x30 }),
  spec('rori', 'SH', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 5, f6: 0x18 }),
  spec('roriw', 'SHW', 'Zbb', InsnClass.IntAlu, { op: OP_IMM_32, f3: 5, f7: 0x30 }),
  spec('orc.b', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 5, imm12: 0x287 }),
  spec('rev8', 'R1', 'Zbb', InsnClass.IntAlu, { op: OP_IMM, f3: 5, imm12: 0x6b8 }),
];

const zbs: InsnSpec[] = [
  spec('bclr', 'R', 'Zbs', InsnClass.IntAlu, { op: OP, f3: 1, f7: 0x24 }),
  spec('bext', 'R', 'Zbs', InsnClass.IntAlu, { op: OP, f3: 5, f7: 0x24 }),
  spec('binv', 'R', 'Zbs', InsnClass.IntAlu, { op: OP, f3: 1, f7: 0x34 }),
  spec('bset', 'R', 'Zbs', InsnClass.IntAlu, { op: OP, f3: 1, f7: 0x14 }),
  spec('bclri', 'SH', 'Zbs', InsnClass.IntAlu, { op: OP_IMM, f3: 1, f6: 0x12 }),
  spec('bexti', 'SH', 'Zbs', InsnClass.IntAlu, { op: OP_IMM, f3: 5, f6: 0x12 }),
  spec('binvi', 'SH', 'Zbs', InsnClass.IntAlu, { op: OP_IMM, f3: 1, f6: 0x1a }),
  spec('bseti', 'SH', 'Zbs', InsnClass.IntAlu, { op: OP_IMM, f3: 1, f6: 0x0a }),
];

const zicond: InsnSpec[] = [
  spec('czero.eqz', 'R', 'Zicond', InsnClass.IntAlu, { op: OP, f3: 5, f7: 0x07 }),
  spec('czero.nez', 'R', 'Zicond', InsnClass.IntAlu, { op: OP, f3: 7, f7: 0x07 }),
];

// Machine- and supervisor-level instructions (bare mode). sfence.vma's rs1/rs2 are an address and an ASID.
const privileged: InsnSpec[] = [
  spec('mret', 'NONE', 'Priv', InsnClass.System, { op: SYSTEM, f3: 0, imm12: 0x302, rs1: 0, rd: 0 }, END),
  spec('sret', 'NONE', 'Priv', InsnClass.System, { op: SYSTEM, f3: 0, imm12: 0x102, rs1: 0, rd: 0 }, END),
  spec('wfi', 'NONE', 'Priv', InsnClass.System, { op: SYSTEM, f3: 0, imm12: 0x105, rs1: 0, rd: 0 }),
  spec('sfence.vma', 'R', 'Priv', InsnClass.System, { op: SYSTEM, f3: 0, f7: 0x09, rd: 0 }, END),
];

/** Every 32-bit scalar instruction we decode. */
export const SCALAR_TABLE: readonly InsnSpec[] = [
  ...rv64i, ...m, ...a, ...fp('s'), ...fp('d'), ...zicsr, ...zifencei, ...zba, ...zbb, ...zbs, ...zicond, ...privileged,
];

/** Table entry by mnemonic. */
export const SPEC_BY_NAME: ReadonlyMap<string, InsnSpec> = new Map(SCALAR_TABLE.map((s) => [s.name, s]));

/** The entry for a mnemonic; throws for unknown names (for tests and tools that build instructions). */
export function specByName(name: string): InsnSpec {
  const s = SPEC_BY_NAME.get(name);
  if (s === undefined) throw new Error(`no instruction named ${name}`);
  return s;
}
