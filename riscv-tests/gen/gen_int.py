#!/usr/bin/env python3
"""Generate the integer ALU riscv-tests (rv64ui-rr/imm, rv64um, rv64uzba,
rv64uzbb, rv64uzbs, rv64uzicond) from a small reference model of each
instruction. Expected values are computed here, per the RISC-V ISA manual;
the generated .S files are committed and are plain riscv-tests-style sources.

    python3 riscv-tests/gen/gen_int.py     (writes riscv-tests/*.S)
"""
import os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.dirname(HERE)
M = (1 << 64) - 1
M32 = (1 << 32) - 1


def u64(x): return x & M
def s64(x):
    x &= M
    return x - (1 << 64) if x >> 63 else x
def sx32(x):
    x &= M32
    return u64(x - (1 << 32) if x >> 31 else x)
def s32(x):
    x &= M32
    return x - (1 << 32) if x >> 31 else x
def hx(x): return "0x%016x" % u64(x)


# ---------------------------------------------------------------- reference
def tdiv(a, b):  # truncating division on Python ints
    q = abs(a) // abs(b)
    return q if (a < 0) == (b < 0) else -q

def div(a, b):
    a, b = s64(a), s64(b)
    if b == 0: return M
    if a == -(1 << 63) and b == -1: return u64(a)
    return u64(tdiv(a, b))
def divu(a, b):
    a, b = u64(a), u64(b)
    return M if b == 0 else a // b
def rem(a, b):
    a, b = s64(a), s64(b)
    if b == 0: return u64(a)
    if a == -(1 << 63) and b == -1: return 0
    return u64(a - b * tdiv(a, b))
def remu(a, b):
    a, b = u64(a), u64(b)
    return a if b == 0 else a % b
def divw(a, b):
    a, b = s32(a), s32(b)
    if b == 0: return M
    if a == -(1 << 31) and b == -1: return sx32(a)
    return sx32(tdiv(a, b))
def divuw(a, b):
    a, b = a & M32, b & M32
    return M if b == 0 else sx32(a // b)
def remw(a, b):
    a, b = s32(a), s32(b)
    if b == 0: return sx32(a)
    if a == -(1 << 31) and b == -1: return 0
    return sx32(a - b * tdiv(a, b))
def remuw(a, b):
    a, b = a & M32, b & M32
    return sx32(a) if b == 0 else sx32(a % b)

def clz64(x):
    x = u64(x)
    return 64 - x.bit_length()
def ctz64(x):
    x = u64(x)
    if x == 0: return 64
    return (x & -x).bit_length() - 1
def clz32(x):
    x &= M32
    return 32 - x.bit_length()
def ctz32(x):
    x &= M32
    if x == 0: return 32
    return (x & -x).bit_length() - 1
def rol64(a, n):
    n &= 63; a = u64(a)
    return u64((a << n) | (a >> (64 - n))) if n else a
def ror64(a, n):
    n &= 63; a = u64(a)
    return u64((a >> n) | (a << (64 - n))) if n else a
def rol32(a, n):
    n &= 31; a &= M32
    return sx32((a << n) | (a >> (32 - n)) if n else a)
def ror32(a, n):
    n &= 31; a &= M32
    return sx32((a >> n) | (a << (32 - n)) if n else a)
def rev8(a):
    return int.from_bytes(u64(a).to_bytes(8, 'little'), 'big')
def orcb(a):
    a = u64(a); r = 0
    for i in range(8):
        if (a >> (8 * i)) & 0xff: r |= 0xff << (8 * i)
    return r
def sextb(a):
    a &= 0xff
    return u64(a - 256 if a >> 7 else a)
def sexth(a):
    a &= 0xffff
    return u64(a - 65536 if a >> 15 else a)

RR = {
    'add': lambda a, b: u64(a + b),
    'sub': lambda a, b: u64(a - b),
    'sll': lambda a, b: u64(a << (b & 63)),
    'srl': lambda a, b: u64(a) >> (b & 63),
    'sra': lambda a, b: u64(s64(a) >> (b & 63)),
    'slt': lambda a, b: int(s64(a) < s64(b)),
    'sltu': lambda a, b: int(u64(a) < u64(b)),
    'xor': lambda a, b: u64(a ^ b),
    'or': lambda a, b: u64(a | b),
    'and': lambda a, b: u64(a & b),
    'addw': lambda a, b: sx32(a + b),
    'subw': lambda a, b: sx32(a - b),
    'sllw': lambda a, b: sx32(a << (b & 31)),
    'srlw': lambda a, b: sx32((a & M32) >> (b & 31)),
    'sraw': lambda a, b: sx32(s32(a) >> (b & 31)),
    'mul': lambda a, b: u64(a * b),
    'mulh': lambda a, b: u64((s64(a) * s64(b)) >> 64),
    'mulhsu': lambda a, b: u64((s64(a) * u64(b)) >> 64),
    'mulhu': lambda a, b: u64((u64(a) * u64(b)) >> 64),
    'mulw': lambda a, b: sx32(a * b),
    'div': div, 'divu': divu, 'rem': rem, 'remu': remu,
    'divw': divw, 'divuw': divuw, 'remw': remw, 'remuw': remuw,
    # Zba
    'add.uw': lambda a, b: u64((a & M32) + b),
    'sh1add': lambda a, b: u64((a << 1) + b),
    'sh2add': lambda a, b: u64((a << 2) + b),
    'sh3add': lambda a, b: u64((a << 3) + b),
    'sh1add.uw': lambda a, b: u64(((a & M32) << 1) + b),
    'sh2add.uw': lambda a, b: u64(((a & M32) << 2) + b),
    'sh3add.uw': lambda a, b: u64(((a & M32) << 3) + b),
    # Zbb
    'andn': lambda a, b: u64(a & ~b),
    'orn': lambda a, b: u64(a | ~b),
    'xnor': lambda a, b: u64(~(a ^ b)),
    'max': lambda a, b: u64(max(s64(a), s64(b))),
    'maxu': lambda a, b: max(u64(a), u64(b)),
    'min': lambda a, b: u64(min(s64(a), s64(b))),
    'minu': lambda a, b: min(u64(a), u64(b)),
    'rol': rol64, 'ror': ror64, 'rolw': rol32, 'rorw': ror32,
    # Zbs
    'bclr': lambda a, b: u64(a & ~(1 << (b & 63))),
    'bset': lambda a, b: u64(a | (1 << (b & 63))),
    'binv': lambda a, b: u64(a ^ (1 << (b & 63))),
    'bext': lambda a, b: (u64(a) >> (b & 63)) & 1,
    # Zicond
    'czero.eqz': lambda a, b: 0 if u64(b) == 0 else u64(a),
    'czero.nez': lambda a, b: u64(a) if u64(b) == 0 else 0,
}
IMM = {  # name -> (function of (a, imm), kind) ; kind 'imm' = 12-bit signed, 'sh6'/'sh5' = shamt
    'addi': (lambda a, i: u64(a + i), 'imm'),
    'slti': (lambda a, i: int(s64(a) < i), 'imm'),
    'sltiu': (lambda a, i: int(u64(a) < u64(i)), 'imm'),
    'xori': (lambda a, i: u64(a ^ i), 'imm'),
    'ori': (lambda a, i: u64(a | i), 'imm'),
    'andi': (lambda a, i: u64(a & i), 'imm'),
    'slli': (lambda a, i: u64(a << i), 'sh6'),
    'srli': (lambda a, i: u64(a) >> i, 'sh6'),
    'srai': (lambda a, i: u64(s64(a) >> i), 'sh6'),
    'addiw': (lambda a, i: sx32(a + i), 'imm'),
    'slliw': (lambda a, i: sx32(a << i), 'sh5'),
    'srliw': (lambda a, i: sx32((a & M32) >> i), 'sh5'),
    'sraiw': (lambda a, i: sx32(s32(a) >> i), 'sh5'),
    'slli.uw': (lambda a, i: u64((a & M32) << i), 'sh6'),
    'rori': (lambda a, i: ror64(a, i), 'sh6'),
    'roriw': (lambda a, i: ror32(a, i), 'sh5'),
    'bclri': (lambda a, i: u64(a & ~(1 << i)), 'sh6'),
    'bseti': (lambda a, i: u64(a | (1 << i)), 'sh6'),
    'binvi': (lambda a, i: u64(a ^ (1 << i)), 'sh6'),
    'bexti': (lambda a, i: (u64(a) >> i) & 1, 'sh6'),
}
UNARY = {
    'clz': clz64, 'ctz': ctz64, 'cpop': lambda a: bin(u64(a)).count('1'),
    'clzw': clz32, 'ctzw': ctz32, 'cpopw': lambda a: bin(a & M32).count('1'),
    'sext.b': sextb, 'sext.h': sexth, 'zext.h': lambda a: a & 0xffff,
    'rev8': rev8, 'orc.b': orcb,
    'zext.w': lambda a: a & M32,
}

# ---------------------------------------------------------------- operands
V = [0, 1, 2, 3, 7, u64(-1), u64(-2), u64(-7), 0x7fffffffffffffff, 0x8000000000000000,
     0x7fffffff, u64(-0x80000000), 0x80000000, 0xffffffff, 0x100000000, 0x123456789abcdef0,
     0xfedcba9876543210, 0x00ff00ff00ff00ff, 0x0000000080000001, 0xffffffff00000000]


class File:
    def __init__(self, name, desc, march_note=""):
        self.name, self.desc, self.note = name, desc, march_note
        self.lines, self.n = [], 0
        self.pre = []

    def num(self):
        self.n += 1
        assert self.n <= 255, self.name
        return self.n

    def comment(self, text):
        self.lines.append("")
        self.lines.append("        /* %s */" % text)

    def rr(self, op, a, b, variant=None):
        r = RR[op](a, b)
        n = self.num()
        if variant is None:
            self.lines.append("        TEST_RR_OP(%d, %s, %s, %s, %s)" % (n, op, hx(r), hx(a), hx(b)))
        elif variant == 'src1':
            self.lines.append("        TEST_RR_SRC1_EQ_DEST(%d, %s, %s, %s, %s)" % (n, op, hx(r), hx(a), hx(b)))
        elif variant == 'src2':
            self.lines.append("        TEST_RR_SRC2_EQ_DEST(%d, %s, %s, %s, %s)" % (n, op, hx(r), hx(a), hx(b)))
        elif variant == 'src12':
            r = RR[op](a, a)
            self.lines.append("        TEST_RR_SRC12_EQ_DEST(%d, %s, %s, %s)" % (n, op, hx(r), hx(a)))
        elif variant == 'zero1':
            r = RR[op](0, b)
            self.lines.append("        TEST_RR_ZEROSRC1(%d, %s, %s, %s)" % (n, op, hx(r), hx(b)))
        elif variant == 'zero2':
            r = RR[op](a, 0)
            self.lines.append("        TEST_RR_ZEROSRC2(%d, %s, %s, %s)" % (n, op, hx(r), hx(a)))
        elif variant == 'zerodest':
            self.lines.append("        TEST_RR_ZERODEST(%d, %s, %s, %s)" % (n, op, hx(a), hx(b)))

    def imm(self, op, a, i, variant=None):
        f, kind = IMM[op]
        r = f(a, i)
        n = self.num()
        if kind != 'imm':
            assert 0 <= i < (64 if kind == 'sh6' else 32)
            self.lines.append("        TEST_SHIMM_OP(%d, %s, %s, %s, %d)" % (n, op, hx(r), hx(a), i))
            return
        assert -2048 <= i < 2048
        if variant == 'src1':
            self.lines.append("        TEST_IMM_SRC1_EQ_DEST(%d, %s, %s, %s, %d)" % (n, op, hx(r), hx(a), i))
        elif variant == 'zero1':
            r = f(0, i)
            self.lines.append("        TEST_IMM_ZEROSRC1(%d, %s, %s, %d)" % (n, op, hx(r), i))
        elif variant == 'zerodest':
            self.lines.append("        TEST_IMM_ZERODEST(%d, %s, %s, %d)" % (n, op, hx(a), i))
        else:
            self.lines.append("        TEST_IMM_OP(%d, %s, %s, %s, %d)" % (n, op, hx(r), hx(a), i))

    def un(self, op, a, variant=None):
        r = UNARY[op](a)
        n = self.num()
        m = "TEST_R_SRC1_EQ_DEST" if variant == 'src1' else "TEST_R_OP"
        self.lines.append("        %s(%d, %s, %s, %s)" % (m, n, op, hx(r), hx(a)))

    def write(self):
        path = os.path.join(OUT, self.name + ".S")
        with open(path, "w") as fh:
            fh.write("/* %s.S - %s\n *\n" % (self.name, self.desc))
            fh.write(" * GENERATED by riscv-tests/gen/gen_int.py - edit the generator, not this file.\n")
            fh.write(" * Exit status 0 = pass, N = test N failed.%s\n */\n" % self.note)
            fh.write('#include "macros.h"\n')
            for p in self.pre:
                fh.write(p + "\n")
            fh.write("\nRVTEST_CODE_BEGIN\n")
            fh.write("\n".join(self.lines))
            fh.write("\n\nRVTEST_CODE_END\n")
        print("wrote %s (%d tests)" % (path, self.n))


def pairs_basic():
    """A compact, edge-heavy set of operand pairs."""
    P = [(0, 0), (1, 1), (3, 7), (u64(-1), 1), (1, u64(-1)), (u64(-1), u64(-1)),
         (0x7fffffffffffffff, 1), (0x8000000000000000, u64(-1)), (0x8000000000000000, 0x8000000000000000),
         (0x7fffffff, 1), (u64(-0x80000000), u64(-1)), (0xffffffff, 0xffffffff),
         (0x123456789abcdef0, 0xfedcba9876543210), (0x00ff00ff00ff00ff, 0x0f0f0f0f0f0f0f0f)]
    return P


def shift_pairs():
    P = []
    for a in (0x123456789abcdef0, 0x8000000080000001, u64(-1), 0x0000000080000000):
        for s in (0, 1, 7, 31, 32, 33, 63, 64 + 5):
            P.append((a, s))
    P.append((0x8000000080000001, u64(-1)))  # only the low 5/6 bits of rs2 count
    return P


def gen_ui_rr():
    f = File("rv64ui-rr", "RV64I register-register ALU instructions (incl. W forms)",
             "\n * Built with -march=rv64g.")
    for op in ['add', 'sub', 'slt', 'sltu', 'xor', 'or', 'and', 'addw', 'subw']:
        f.comment(op)
        for a, b in pairs_basic():
            f.rr(op, a, b)
    f.write()
    g = File("rv64ui-shift", "RV64I shifts: sll/srl/sra and W forms (register amounts >= 32 use only the low 5/6 bits)",
             "\n * Built with -march=rv64g.")
    for op in ['sll', 'srl', 'sra', 'sllw', 'srlw', 'sraw']:
        g.comment(op)
        for a, s in shift_pairs():
            g.rr(op, a, s)
        g.rr(op, 0x0123456789abcdef, 4, 'src1')
        g.rr(op, 0x0123456789abcdef, 36, 'src2')
        g.rr(op, 0x21, 0, 'src12')
        g.rr(op, 0, 3, 'zero1')
        g.rr(op, u64(-8), 0, 'zero2')
        g.rr(op, 5, 1, 'zerodest')
    g.write()
    h = File("rv64ui-rr2", "RV64I register-register ALU: register aliasing and x0 operands",
             "\n * Built with -march=rv64g.")
    for op in ['add', 'sub', 'slt', 'sltu', 'xor', 'or', 'and', 'addw', 'subw']:
        h.comment(op + " aliasing")
        h.rr(op, 13, 11, 'src1')
        h.rr(op, 14, 11, 'src2')
        h.rr(op, 13, 0, 'src12')
        h.rr(op, 0, u64(-5), 'zero1')
        h.rr(op, 0x80000000, 0, 'zero2')
        h.rr(op, 0x7fffffff, 0x7fffffff, 'zerodest')
    h.write()


def gen_ui_imm():
    f = File("rv64ui-imm", "RV64I register-immediate ALU instructions (incl. W forms, sign-extended immediates)",
             "\n * Built with -march=rv64g.")
    vals = [0, 1, u64(-1), 0x7fffffffffffffff, 0x8000000000000000, 0x7fffffff, 0xffffffff, 0x80000000,
            0x123456789abcdef0]
    imms = [0, 1, -1, 2047, -2048, 0x555, -0x556]
    for op in ['addi', 'slti', 'sltiu', 'xori', 'ori', 'andi', 'addiw']:
        f.comment(op)
        for a, i in [(vals[k % len(vals)], imms[k % len(imms)]) for k in range(12)]:
            f.imm(op, a, i)
        f.imm(op, 0x7ffffffe, 5, 'src1')
        f.imm(op, 0, -7, 'zero1')
        f.imm(op, 0x1234, 0x7f, 'zerodest')
    for op in ['slli', 'srli', 'srai']:
        f.comment(op)
        for a in (0x8000000000000001, 0x123456789abcdef0, u64(-1)):
            for s in (0, 1, 31, 32, 33, 63):
                f.imm(op, a, s)
    for op in ['slliw', 'srliw', 'sraiw']:
        f.comment(op)
        for a in (0xffffffff80000001, 0x123456789abcdef0, 0x7fffffff, 1):
            for s in (0, 1, 15, 31):
                f.imm(op, a, s)
    f.write()


def gen_um():
    f = File("rv64um", "RV64M: mul/mulh/mulhsu/mulhu/mulw/div/divu/rem/remu and W forms, "
             "incl. division by zero and overflow (INT_MIN / -1)")
    P = [(0, 0), (7, 3), (u64(-7), 3), (7, u64(-3)), (u64(-7), u64(-3)),
         (0x8000000000000000, u64(-1)), (0x8000000000000000, 1), (u64(-1), u64(-1)),
         (0x7fffffffffffffff, 0x7fffffffffffffff), (5, 0), (u64(-5), 0), (0, 0x8000000000000000),
         (u64(-0x80000000), u64(-1)), (0xffffffff80000000, 0xffffffffffffffff),
         (0x0000000100000000, 0x0000000100000000), (0x123456789abcdef0, 0xfedcba9876543210),
         (0xffffffff, 0xffffffff), (0x80000000, 0x7fffffff)]
    for op in ['mul', 'mulh', 'mulhsu', 'mulhu', 'mulw', 'div', 'divu', 'rem', 'remu', 'divw', 'divuw',
               'remw', 'remuw']:
        f.comment(op)
        for a, b in P:
            f.rr(op, a, b)
    f.write()


def gen_zba():
    f = File("rv64uzba", "Zba: add.uw, sh1add/sh2add/sh3add(.uw), slli.uw, zext.w",
             "\n * Built with -march=rv64gc_zba_zbb_zbs.")
    P = [(0, 0), (1, 2), (0xffffffff, 1), (0x80000000, 0x8000000000000000), (u64(-1), u64(-1)),
         (0x123456789abcdef0, 0x1000), (0xfffffffe00000001, 5), (0x7fffffffffffffff, 0x7fffffffffffffff)]
    for op in ['add.uw', 'sh1add', 'sh2add', 'sh3add', 'sh1add.uw', 'sh2add.uw', 'sh3add.uw']:
        f.comment(op)
        for a, b in P:
            f.rr(op, a, b)
        f.rr(op, 0x80000001, 3, 'src1')
        f.rr(op, 0x80000001, 3, 'src2')
    f.comment('slli.uw')
    for a in (0xffffffff, 0x123456789abcdef0, 0x80000001, u64(-1)):
        for s in (0, 1, 31, 32, 63):
            f.imm('slli.uw', a, s)
    f.comment('zext.w (add.uw rd, rs, zero)')
    for a in (0, u64(-1), 0x80000000, 0xfedcba9876543210):
        f.un('zext.w', a)
    f.write()


def gen_zbb():
    f = File("rv64uzbb", "Zbb: andn/orn/xnor, clz/ctz/cpop(w), max/min(u), sext.b/h, zext.h, rol/ror(w), rori(w), "
             "rev8, orc.b", "\n * Built with -march=rv64gc_zba_zbb_zbs.")
    for op in ['andn', 'orn', 'xnor']:
        f.comment(op)
        for a, b in [(0, 0), (u64(-1), 0x0f0f0f0f0f0f0f0f), (0x123456789abcdef0, u64(-1)), (0xff00ff00ff00ff00, 0x0ff00ff00ff00ff0)]:
            f.rr(op, a, b)
        f.rr(op, 0xf0, 0x3c, 'src1')
    for op in ['clz', 'ctz', 'cpop', 'clzw', 'ctzw', 'cpopw']:
        f.comment(op)
        for a in (0, 1, u64(-1), 0x8000000000000000, 0x0000000100000000, 0x00000000ffffffff, 0x0000000080000000,
                  0x0000f00000000000, 0x1234567800000000, 0x0000000000010000, 0xffffffff00000000):
            f.un(op, a)
        f.un(op, 0x00f0, 'src1')
    for op in ['max', 'maxu', 'min', 'minu']:
        f.comment(op)
        for a, b in [(0, 0), (1, 2), (u64(-1), 1), (0x8000000000000000, 0x7fffffffffffffff),
                     (u64(-5), u64(-3)), (0x80000000, 0xffffffff80000000)]:
            f.rr(op, a, b)
        f.rr(op, 9, u64(-9), 'src2')
    for op in ['sext.b', 'sext.h', 'zext.h']:
        f.comment(op)
        for a in (0, 0x7f, 0x80, 0xff, 0x7fff, 0x8000, 0xffff, 0x123456789abcdef0, 0xfedcba9876548321, u64(-1)):
            f.un(op, a)
    f.write()
    f = File("rv64uzbb-rot", "Zbb rotates and byte ops: rol/ror(w), rori(w), rev8, orc.b",
             "\n * Built with -march=rv64gc_zba_zbb_zbs.")
    for op in ['rol', 'ror', 'rolw', 'rorw']:
        f.comment(op)
        for a in (0x8000000000000001, 0x0123456789abcdef, 0x0000000080000001):
            for s in (0, 1, 4, 31, 32, 33, 63, 64 + 4):
                f.rr(op, a, s)
    for op in ['rori', 'roriw']:
        f.comment(op)
        for a in (0x8000000000000001, 0x0123456789abcdef, 0x0000000080000001):
            for s in ((0, 1, 4, 31, 32, 63) if op == 'rori' else (0, 1, 4, 16, 31)):
                f.imm(op, a, s)
    for op in ['rev8', 'orc.b']:
        f.comment(op)
        for a in (0, 0x0123456789abcdef, 0x8000000000000001, 0x00ff0001000a0000, u64(-1)):
            f.un(op, a)
    f.write()


def gen_zbs():
    f = File("rv64uzbs", "Zbs: bclr/bset/binv/bext and immediate forms", "\n * Built with -march=rv64gc_zba_zbb_zbs.")
    vals = (0, u64(-1), 0x123456789abcdef0, 0x8000000000000001)
    for op in ['bclr', 'bset', 'binv', 'bext']:
        f.comment(op)
        for a in vals:
            for s in (0, 4, 31, 32, 63, 64 + 3):
                f.rr(op, a, s)
    for op in ['bclri', 'bseti', 'binvi', 'bexti']:
        f.comment(op)
        for a in vals:
            for s in (0, 5, 31, 32, 63):
                f.imm(op, a, s)
    f.write()


def gen_zicond():
    f = File("rv64uzicond", "Zicond: czero.eqz / czero.nez", "\n * Uses .insn encodings (binutils 2.40 predates Zicond).")
    f.pre = [
        "/* czero.eqz rd, rs1, rs2: rd = (rs2 == 0) ? 0 : rs1 ; czero.nez: rd = (rs2 != 0) ? 0 : rs1 */",
        ".macro czero.eqz rd, rs1, rs2",
        "        .insn r 0x33, 5, 7, \\rd, \\rs1, \\rs2",
        ".endm",
        ".macro czero.nez rd, rs1, rs2",
        "        .insn r 0x33, 7, 7, \\rd, \\rs1, \\rs2",
        ".endm",
    ]
    for op in ['czero.eqz', 'czero.nez']:
        f.comment(op)
        for a, b in [(0x1234, 0), (0x1234, 1), (u64(-1), 0x8000000000000000), (u64(-1), 0x100000000),
                     (0, 5), (0, 0), (0x8000000000000000, u64(-1))]:
            f.rr(op, a, b)
        f.rr(op, 77, 0, 'src1')
        f.rr(op, 77, 3, 'src1')
        f.rr(op, 77, 0, 'src2')
        f.rr(op, 77, 0, 'src12')
        f.rr(op, 77, 77, 'src12')
        f.rr(op, 0, 9, 'zero1')
        f.rr(op, 9, 0, 'zero2')
        f.rr(op, 9, 9, 'zerodest')
    f.write()




# ---------------------------------------------------------------- loads/stores
TDAT = bytes([0x01, 0x82, 0x03, 0x84, 0x75, 0x86, 0xf7, 0x88, 0x99, 0x2a, 0xbb, 0x4c, 0xdd, 0x6e, 0xff, 0x10,
              0x00, 0xff, 0x00, 0x80, 0xff, 0xff, 0xff, 0x7f, 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0])
LOADS = {'lb': (1, True), 'lbu': (1, False), 'lh': (2, True), 'lhu': (2, False),
         'lw': (4, True), 'lwu': (4, False), 'ld': (8, True)}
STORES = {'sb': 1, 'sh': 2, 'sw': 4, 'sd': 8}


def ld_val(mem, off, op):
    n, signed = LOADS[op]
    v = int.from_bytes(mem[off:off + n], 'little')
    if signed and v >> (8 * n - 1):
        v -= 1 << (8 * n)
    return u64(v)


def gen_ui_mem():
    f = File("rv64ui-mem", "RV64I loads and stores of every width: sign/zero extension, negative offsets, "
             "misaligned accesses, x0 destination, rd == base", "\n * Built with -march=rv64g.")
    data = ["RVTEST_DATA_BEGIN", "tdat:"]
    for i in range(0, 32, 8):
        data.append("        .byte " + ", ".join("0x%02x" % b for b in TDAT[i:i + 8]))
    data += ["tdat_end:", "        .balign 16", "sdat:", "        .fill 48, 1, 0xa5", "sdat_end:", "RVTEST_DATA_END"]
    f.pre = data
    for op, (n, _) in LOADS.items():
        f.comment(op + " aligned, then misaligned")
        offs = [o for o in range(0, 32 - n + 1) if o % n == 0][:4]
        offs += [o for o in range(1, 32 - n + 1) if o % n != 0][:3] if n > 1 else [5, 31]
        for o in offs:
            v = ld_val(TDAT, o, op)
            k = f.num()
            f.lines.append("        TEST_LD_OP(%d, %s, %s, %d, tdat)" % (k, op, hx(v), o))
        # negative offset from the end
        o = 32 - n
        k = f.num()
        f.lines.append("        TEST_LD_OP(%d, %s, %s, %d, tdat_end)" % (k, op, hx(ld_val(TDAT, o, op)), o - 32))
        k = f.num()
        f.lines.append("        TEST_LD_DEST_EQ_BASE(%d, %s, %s, %d, tdat)" % (k, op, hx(ld_val(TDAT, 8, op)), 8))
        k = f.num()
        f.lines.append("        TEST_CASE(%d, x0, 0, lla a5, tdat; %s x0, 4(a5))" % (k, op))
    # stores: model the 48-byte sdat area
    mem = bytearray([0xa5] * 48)
    f.comment("stores: write, read back with the matching load, check neighbours")
    vals = [0x0123456789abcdef, 0xfedcba9876543210, u64(-1), 0x8000000000000080, 0]
    for op, n in STORES.items():
        lop = {1: 'lbu', 2: 'lhu', 4: 'lwu', 8: 'ld'}[n]
        sop = {1: 'lb', 2: 'lh', 4: 'lw', 8: 'ld'}[n]
        offs = [0, n, 3 * n] + ([1, 7, 13] if n > 1 else [17]) + [40 - n]
        for j, o in enumerate(offs):
            v = vals[j % len(vals)]
            mem[o:o + n] = (v & ((1 << (8 * n)) - 1)).to_bytes(n, 'little')
            k = f.num()
            f.lines.append("        TEST_ST_OP(%d, %s, %s, %s, %s, %d, sdat)" % (k, lop, op, hx(ld_val(mem, o, lop)), hx(v), o))
            k = f.num()
            f.lines.append("        TEST_ST_OP(%d, %s, %s, %s, %s, %d, sdat)" % (k, sop, op, hx(ld_val(mem, o, sop)), hx(v), o))
            # the aligned doublewords around the store
            a0 = (o // 8) * 8
            for chk in sorted({a0 - 8, a0, a0 + 8}):
                if 0 <= chk <= 40:
                    k = f.num()
                    f.lines.append("        TEST_ST_NEIGHBOUR(%d, %s, %s, %d, %d, %s, sdat)" % (
                        k, op, hx(v), o, chk, hx(ld_val(mem, chk, 'ld'))))
        # negative offset
        o = 48 - n
        v = 0x1122334455667788
        mem[o:o + n] = (v & ((1 << (8 * n)) - 1)).to_bytes(n, 'little')
        k = f.num()
        f.lines.append("        TEST_ST_OP(%d, %s, %s, %s, %s, %d, sdat_end)" % (k, lop, op, hx(ld_val(mem, o, lop)), hx(v), o - 48))
    f.write()


if __name__ == "__main__":
    gen_ui_rr()
    gen_ui_imm()
    gen_um()
    gen_zba()
    gen_zbb()
    gen_zbs()
    gen_zicond()
    gen_ui_mem()
