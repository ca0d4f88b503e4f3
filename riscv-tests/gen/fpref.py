"""Exact reference model of the RISC-V F/D instructions (IEEE 754-2008 as
specified by the RISC-V unprivileged ISA), using Python integers/Fractions.

Values are raw bit patterns (ints). Every operation returns (result, flags):
result is a raw bit pattern (FP results: the format's width, not NaN-boxed;
integer results: a 64-bit unsigned register image), flags the fflags bits.

RISC-V specifics modelled here:
  - NaN results are always the canonical NaN (no payload propagation).
  - Tininess is detected after rounding.
  - fmin/fmax follow the 2.2+ spec (minimumNumber/maximumNumber: one NaN
    operand returns the other operand; -0 < +0; sNaN input raises NV).
  - fcvt to integer: NaN -> max positive, out of range -> saturate; both
    raise NV only (no NX); in-range inexact results raise NX.
  - fma with (inf * 0) raises NV even when the addend is a quiet NaN.
  - Single-precision inputs are NaN-boxed in the 64-bit register; an
    improperly boxed input is treated as the canonical NaN (see unbox()).
"""
from fractions import Fraction
import math

NV, DZ, OF, UF, NX = 0x10, 0x08, 0x04, 0x02, 0x01
RNE, RTZ, RDN, RUP, RMM = 0, 1, 2, 3, 4
RM_NAMES = {RNE: 'rne', RTZ: 'rtz', RDN: 'rdn', RUP: 'rup', RMM: 'rmm'}
M64 = (1 << 64) - 1


class Fmt:
    def __init__(self, name, ebits, mbits):
        self.name, self.e, self.m = name, ebits, mbits
        self.width = 1 + ebits + mbits
        self.bias = (1 << (ebits - 1)) - 1
        self.emin = 1 - self.bias
        self.emax = self.bias
        self.expmask = (1 << ebits) - 1
        self.canon = (self.expmask << mbits) | (1 << (mbits - 1))
        self.inf = self.expmask << mbits
        self.signbit = 1 << (self.width - 1)
        self.maxfin = ((self.expmask - 1) << mbits) | ((1 << mbits) - 1)

    def pack(self, sign, exp_field, frac):
        return (sign << (self.width - 1)) | (exp_field << self.m) | frac


S = Fmt('s', 8, 23)
D = Fmt('d', 11, 52)


def box(fmt, bits):
    """64-bit register image for a value of fmt."""
    return bits | (0xffffffff00000000 if fmt is S else 0)


def unbox(fmt, reg):
    """Value seen by an arithmetic instruction reading register image reg."""
    if fmt is S:
        if (reg >> 32) != 0xffffffff:
            return S.canon
        return reg & 0xffffffff
    return reg


# ------------------------------------------------------------------ decode
def classify(fmt, bits):
    sign = bits >> (fmt.width - 1)
    e = (bits >> fmt.m) & fmt.expmask
    f = bits & ((1 << fmt.m) - 1)
    if e == fmt.expmask:
        if f == 0:
            return ('inf', sign, None)
        return ('qnan' if f >> (fmt.m - 1) else 'snan', sign, None)
    if e == 0:
        if f == 0:
            return ('zero', sign, None)
        return ('sub', sign, Fraction(f) * Fraction(2) ** (fmt.emin - fmt.m))
    return ('norm', sign, Fraction((1 << fmt.m) | f) * Fraction(2) ** (e - fmt.bias - fmt.m))


def is_nan(c): return c[0] in ('qnan', 'snan')
def is_snan(c): return c[0] == 'snan'
def is_num(c): return c[0] in ('sub', 'norm')


def value(c):
    """Signed Fraction value of a finite classified operand."""
    if c[0] == 'zero':
        return Fraction(0)
    return -c[2] if c[1] else c[2]


# ------------------------------------------------------------------ rounding
def round_int(x, sign, rm):
    """Round non-negative Fraction x (magnitude of a value with given sign) to an integer."""
    fl = x.numerator // x.denominator
    r = x - fl
    if r == 0:
        return fl
    if rm == RNE:
        if r > Fraction(1, 2): return fl + 1
        if r < Fraction(1, 2): return fl
        return fl + (fl & 1)
    if rm == RTZ: return fl
    if rm == RDN: return fl + 1 if sign else fl
    if rm == RUP: return fl if sign else fl + 1
    if rm == RMM: return fl + 1 if r >= Fraction(1, 2) else fl
    raise ValueError(rm)


def floor_log2(x):
    """Largest E with 2**E <= x for Fraction x > 0."""
    e = x.numerator.bit_length() - x.denominator.bit_length()
    if Fraction(2) ** e > x:
        e -= 1
    elif Fraction(2) ** (e + 1) <= x:
        e += 1
    return e


def round_to(fmt, sign, mag, rm):
    """Round exact magnitude mag (Fraction > 0) with sign to fmt. Returns (bits, flags)."""
    assert mag > 0
    E = floor_log2(mag)
    # rounding with unbounded exponent range (for tininess and overflow)
    q = round_int(mag / Fraction(2) ** (E - fmt.m), sign, rm)
    Eu = E
    if q == 1 << (fmt.m + 1):
        q >>= 1
        Eu += 1
    flags = 0
    if Eu > fmt.emax:
        flags = OF | NX
        to_inf = rm in (RNE, RMM) or (rm == RUP and not sign) or (rm == RDN and sign)
        return ((fmt.signbit if sign else 0) | (fmt.inf if to_inf else fmt.maxfin)), flags
    tiny = Eu < fmt.emin
    if E < fmt.emin:
        # subnormal range: fixed quantum 2**(emin - m)
        q2 = round_int(mag / Fraction(2) ** (fmt.emin - fmt.m), sign, rm)
        exact = Fraction(q2) * Fraction(2) ** (fmt.emin - fmt.m) == mag
        if q2 == 1 << fmt.m:
            bits = fmt.pack(sign, 1, 0)
        else:
            bits = fmt.pack(sign, 0, q2)
    else:
        exact = Fraction(q) * Fraction(2) ** (Eu - fmt.m) == mag
        bits = fmt.pack(sign, Eu + fmt.bias, q - (1 << fmt.m))
    if not exact:
        flags |= NX
        if tiny:
            flags |= UF
    return bits, flags


def from_value(fmt, v, rm, zero_sign=0):
    """Round a signed exact Fraction. Exact zero gets zero_sign."""
    if v == 0:
        return (fmt.signbit if zero_sign else 0), 0
    return round_to(fmt, 1 if v < 0 else 0, abs(v), rm)


def zero(fmt, sign): return fmt.signbit if sign else 0
def inf(fmt, sign): return fmt.inf | (fmt.signbit if sign else 0)


# ------------------------------------------------------------------ arithmetic
def _nan_result(fmt, *cs):
    return fmt.canon, (NV if any(is_snan(c) for c in cs) else 0)


def add(fmt, a, b, rm, negate_b=False):
    ca, cb = classify(fmt, a), classify(fmt, b)
    if is_nan(ca) or is_nan(cb):
        return _nan_result(fmt, ca, cb)
    sa, sb = ca[1], cb[1] ^ (1 if negate_b else 0)
    if ca[0] == 'inf' and cb[0] == 'inf':
        if sa != sb:
            return fmt.canon, NV
        return inf(fmt, sa), 0
    if ca[0] == 'inf': return inf(fmt, sa), 0
    if cb[0] == 'inf': return inf(fmt, sb), 0
    va = value(ca)
    vb = value(cb) * (-1 if negate_b else 1)
    s = va + vb
    if s == 0:
        if ca[0] == 'zero' and cb[0] == 'zero' and sa == sb:
            return zero(fmt, sa), 0
        return zero(fmt, 1 if rm == RDN else 0), 0
    return round_to(fmt, 1 if s < 0 else 0, abs(s), rm)


def sub(fmt, a, b, rm): return add(fmt, a, b, rm, negate_b=True)


def mul(fmt, a, b, rm):
    ca, cb = classify(fmt, a), classify(fmt, b)
    if is_nan(ca) or is_nan(cb):
        return _nan_result(fmt, ca, cb)
    s = ca[1] ^ cb[1]
    if (ca[0] == 'inf' and cb[0] == 'zero') or (ca[0] == 'zero' and cb[0] == 'inf'):
        return fmt.canon, NV
    if ca[0] == 'inf' or cb[0] == 'inf':
        return inf(fmt, s), 0
    if ca[0] == 'zero' or cb[0] == 'zero':
        return zero(fmt, s), 0
    return round_to(fmt, s, ca[2] * cb[2], rm)


def div(fmt, a, b, rm):
    ca, cb = classify(fmt, a), classify(fmt, b)
    if is_nan(ca) or is_nan(cb):
        return _nan_result(fmt, ca, cb)
    s = ca[1] ^ cb[1]
    if ca[0] == 'inf' and cb[0] == 'inf': return fmt.canon, NV
    if ca[0] == 'zero' and cb[0] == 'zero': return fmt.canon, NV
    if ca[0] == 'inf': return inf(fmt, s), 0
    if cb[0] == 'inf': return zero(fmt, s), 0
    if cb[0] == 'zero': return inf(fmt, s), DZ
    if ca[0] == 'zero': return zero(fmt, s), 0
    return round_to(fmt, s, ca[2] / cb[2], rm)


def sqrt(fmt, a, rm):
    ca = classify(fmt, a)
    if is_nan(ca): return _nan_result(fmt, ca)
    if ca[0] == 'zero': return a, 0
    if ca[1]: return fmt.canon, NV
    if ca[0] == 'inf': return a, 0
    x = ca[2]
    # scale so that the integer square root has plenty of extra bits
    k = 2 * (fmt.m + 20) - floor_log2(x)
    k += k & 1
    scaled = x * Fraction(2) ** k
    assert scaled.denominator == 1
    n = scaled.numerator
    r = math.isqrt(n)
    if r * r == n:
        mag = Fraction(r) / Fraction(2) ** (k // 2)
    else:  # strictly between r and r+1; r has > m+3 bits so r + 1/2 rounds identically
        mag = (Fraction(r) + Fraction(1, 2)) / Fraction(2) ** (k // 2)
    return round_to(fmt, 0, mag, rm)


def fma(fmt, a, b, c, rm, neg_prod=False, neg_c=False):
    ca, cb, cc = classify(fmt, a), classify(fmt, b), classify(fmt, c)
    inv_prod = (ca[0] == 'inf' and cb[0] == 'zero') or (ca[0] == 'zero' and cb[0] == 'inf')
    if is_nan(ca) or is_nan(cb) or is_nan(cc):
        fl = NV if (is_snan(ca) or is_snan(cb) or is_snan(cc) or inv_prod) else 0
        return fmt.canon, fl
    if inv_prod:
        return fmt.canon, NV
    sp = ca[1] ^ cb[1] ^ (1 if neg_prod else 0)
    sc = cc[1] ^ (1 if neg_c else 0)
    if ca[0] == 'inf' or cb[0] == 'inf':
        if cc[0] == 'inf' and sc != sp:
            return fmt.canon, NV
        return inf(fmt, sp), 0
    if cc[0] == 'inf':
        return inf(fmt, sc), 0
    p = value(ca) * value(cb) * (-1 if neg_prod else 1)
    vc = value(cc) * (-1 if neg_c else 1)
    s = p + vc
    if s == 0:
        prod_zero = ca[0] == 'zero' or cb[0] == 'zero'
        if prod_zero and cc[0] == 'zero' and sp == sc:
            return zero(fmt, sp), 0
        return zero(fmt, 1 if rm == RDN else 0), 0
    return round_to(fmt, 1 if s < 0 else 0, abs(s), rm)


def fmadd(fmt, a, b, c, rm): return fma(fmt, a, b, c, rm)
def fmsub(fmt, a, b, c, rm): return fma(fmt, a, b, c, rm, neg_c=True)
def fnmsub(fmt, a, b, c, rm): return fma(fmt, a, b, c, rm, neg_prod=True)
def fnmadd(fmt, a, b, c, rm): return fma(fmt, a, b, c, rm, neg_prod=True, neg_c=True)


def _lt(ca, cb):
    return value(ca) < value(cb) if not (ca[0] == 'inf' or cb[0] == 'inf') else \
        _inf_key(ca) < _inf_key(cb)


def _inf_key(c):
    if c[0] == 'inf':
        return -(Fraction(10) ** 5000) if c[1] else Fraction(10) ** 5000
    return value(c)


def fminmax(fmt, a, b, is_max):
    ca, cb = classify(fmt, a), classify(fmt, b)
    fl = NV if (is_snan(ca) or is_snan(cb)) else 0
    if is_nan(ca) and is_nan(cb): return fmt.canon, fl
    if is_nan(ca): return b, fl
    if is_nan(cb): return a, fl
    if ca[0] == 'zero' and cb[0] == 'zero':
        if ca[1] != cb[1]:
            neg = a if ca[1] else b
            pos = b if ca[1] else a
            return (pos if is_max else neg), 0
        return a, 0
    ka, kb = _inf_key(ca), _inf_key(cb)
    if is_max:
        return (a if ka >= kb else b), 0
    return (a if ka <= kb else b), 0


def fmin(fmt, a, b): return fminmax(fmt, a, b, False)
def fmax(fmt, a, b): return fminmax(fmt, a, b, True)


def fcmp(fmt, a, b, op):
    """feq (quiet), flt/fle (signaling). Returns (0/1, flags)."""
    ca, cb = classify(fmt, a), classify(fmt, b)
    if is_nan(ca) or is_nan(cb):
        if op == 'eq':
            return 0, (NV if (is_snan(ca) or is_snan(cb)) else 0)
        return 0, NV
    ka, kb = _inf_key(ca), _inf_key(cb)
    r = {'eq': ka == kb, 'lt': ka < kb, 'le': ka <= kb}[op]
    return int(r), 0


def fclass(fmt, a):
    c = classify(fmt, a)
    k, s = c[0], c[1]
    bit = {('inf', 1): 0, ('norm', 1): 1, ('sub', 1): 2, ('zero', 1): 3, ('zero', 0): 4,
           ('sub', 0): 5, ('norm', 0): 6, ('inf', 0): 7}.get((k, s))
    if k == 'snan': bit = 8
    if k == 'qnan': bit = 9
    return 1 << bit, 0


def fsgnj(fmt, a, b, kind):
    sa = a >> (fmt.width - 1)
    sb = b >> (fmt.width - 1)
    s = {'j': sb, 'jn': sb ^ 1, 'jx': sa ^ sb}[kind]
    return (a & ~fmt.signbit) | (fmt.signbit if s else 0), 0


# ------------------------------------------------------------------ conversions
def sext(v, bits):
    v &= (1 << bits) - 1
    if v >> (bits - 1):
        v -= 1 << bits
    return v & M64


def to_int(fmt, a, rm, bits, signed):
    """fcvt.{w,wu,l,lu}.fmt: returns (64-bit register image, flags)."""
    lo = -(1 << (bits - 1)) if signed else 0
    hi = (1 << (bits - 1)) - 1 if signed else (1 << bits) - 1
    c = classify(fmt, a)

    def reg(v):
        return sext(v, bits) if bits == 32 else v & M64
    if is_nan(c):
        return reg(hi), NV
    if c[0] == 'inf':
        return reg(lo if c[1] else hi), NV
    if c[0] == 'zero':
        return 0, 0
    r = round_int(c[2], c[1], rm)
    v = -r if c[1] else r
    if v < lo or v > hi:
        return reg(lo if v < lo else hi), NV
    return reg(v), (NX if r != c[2] else 0)


def from_int(fmt, x, rm, bits, signed):
    """fcvt.fmt.{w,wu,l,lu}: x is the 64-bit source register image."""
    v = x & ((1 << bits) - 1)
    if signed and v >> (bits - 1):
        v -= 1 << bits
    return from_value(fmt, Fraction(v), rm)


def cvt_fmt(dst, src, a, rm):
    """fcvt.s.d / fcvt.d.s."""
    c = classify(src, a)
    if is_nan(c):
        return dst.canon, (NV if is_snan(c) else 0)
    if c[0] == 'inf':
        return inf(dst, c[1]), 0
    if c[0] == 'zero':
        return zero(dst, c[1]), 0
    return round_to(dst, c[1], c[2], rm)


# ------------------------------------------------------------------ helpers
def from_float(fmt, x):
    """Bits of Python float x exactly representable in fmt (asserts exactness)."""
    import struct
    if fmt is D:
        return struct.unpack('<Q', struct.pack('<d', x))[0]
    b = struct.unpack('<I', struct.pack('<f', x))[0]
    assert struct.unpack('<f', struct.pack('<I', b))[0] == x or x != x
    return b


def describe(fmt, bits):
    """Short human-readable rendering of a value for comments."""
    c = classify(fmt, bits)
    sgn = '-' if c[1] else ''
    if c[0] == 'inf': return sgn + 'inf'
    if c[0] == 'qnan': return sgn + 'qNaN'
    if c[0] == 'snan': return sgn + 'sNaN'
    if c[0] == 'zero': return sgn + '0'
    v = float(c[2]) if fmt is D or True else 0
    s = repr(v)
    if c[0] == 'sub':
        s += '(sub)'
    return sgn + s
