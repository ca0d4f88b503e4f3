#!/usr/bin/env python3
"""Generate the self-checking RVV floating-point tests riscv-tests/rvv/rvv-fp*.S.

Same scheme as gen_rvv.py (whose case layout, probe and rendering this reuses): each case loads fixed source
data into v8.. (vs2), v16.. (vs1), v24.. (vd) and v0 (mask), sets frm (random per case), clears fflags, puts
a scalar in fa0 (NaN-boxed or deliberately not), runs one instruction and compares the destination bytes
and fflags (stored as the scalar result) with what the qemu oracle produced at VLEN=128. The source data is
dense in special values (zeros, infinities, quiet and signaling NaNs, subnormals, extremes, near-ties).

    python3 riscv-tests/rvv/gen_rvv_fp.py     (needs riscv64-linux-gnu-gcc and the qemu oracle)

rvv-fp16 needs Zvfh: the oracle runs with zvfh=true and rvemu with --isa rv64gcv_zvfh.
"""
import os
import random
import struct
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gen_rvv as G  # noqa: E402

G.HEADER = G.HEADER.replace("gen_rvv.py", "gen_rvv_fp.py")
CPU = "rv64,v=true,vlen=128,vext_spec=v1.0,zvfh=true"


def fp_value(rng, w):
    """Bits of a w-bit float (16/32/64), biased toward special values."""
    eb, fb = {16: (5, 10), 32: (8, 23), 64: (11, 52)}[w]
    bias, emax = (1 << (eb - 1)) - 1, (1 << eb) - 1
    sign = rng.randrange(2) << (w - 1)
    frac = rng.getrandbits(fb)
    k = rng.randrange(18)
    if k == 0:
        return sign
    if k == 1:
        return sign | (emax << fb)
    if k == 2:
        return sign | (emax << fb) | (1 << (fb - 1)) | (frac >> 3)
    if k == 3:
        return sign | (emax << fb) | ((frac & ((1 << (fb - 1)) - 1)) or 1)
    if k == 4:
        return sign | (frac or 1)
    if k == 5:
        return sign | ((emax - 1) << fb) | rng.choice([frac, (1 << fb) - 1])
    if k == 6:
        return sign | (1 << fb) | rng.choice([0, frac])
    if k == 7:
        return sign | (bias << fb) | (frac & 7)
    if k == 8:
        return sign | ((bias + rng.randrange(fb + 12)) << fb) | frac    # integers and beyond (conversions)
    if k == 9:
        n = rng.randrange(-300, 300) / 2
        if w == 64:
            return struct.unpack("<Q", struct.pack("<d", n))[0]
        b = struct.unpack("<I", struct.pack("<f", n))[0]
        if w == 32:
            return b
        if n == 0:
            return 0
        e = ((b >> 23) & 0xff) - 127 + 15
        return ((b >> 31) << 15) | (e << 10) | ((b & 0x7fffff) >> 13)
    if k == 10:
        return sign | (max(0, bias - rng.randrange(bias + fb)) << fb) | frac   # toward underflow
    if k == 11:
        return rng.getrandbits(w)
    return sign | ((bias - 6 + rng.randrange(12)) << fb) | frac


def fp_data(rng, n, widths):
    """n bytes: 8-byte chunks, each one f64, two f32 or four f16 (per `widths`), or integers."""
    out = bytearray()
    while len(out) < n:
        w = rng.choice(widths)
        if w == 0:
            out += bytes(rng.choice([0, 1, 0xff, 0x80, 0x7f, rng.randrange(256)]) for _ in range(8))
            continue
        for _ in range(64 // w):
            out += fp_value(rng, w).to_bytes(w // 8, "little")
    return bytes(out[:n])


def scalar_bits(rng, sew):
    """Raw 64 bits for fa0: the SEW-wide value NaN-boxed, or (1 in 8) not properly boxed."""
    v = fp_value(rng, sew)
    if sew == 64:
        return v
    box = ((1 << 64) - 1) ^ ((1 << sew) - 1)
    if rng.randrange(8) == 0:
        box ^= 1 << rng.randrange(sew, 64)
    return box | v


def signed64(x):
    return x - (1 << 64) if x >= 1 << 63 else x


def fcase(rng, insn, sew, lmul, vl, dlmul=None, scalar=True, flags=True, masked=None, post=""):
    """A case with random frm, cleared fflags, fa0 = a scalar; fflags (or `post`'s a1) is the scalar result."""
    m = rng.choice(["", ", v0.t"]) if masked is None else masked
    text = insn + m
    text += "; " + (post or ("csrr a1, fflags" if flags else ""))
    bits = scalar_bits(rng, 64 if sew == 8 else sew) if scalar else 0
    pre = f"csrwi frm, {rng.randrange(5)}; csrwi fflags, 0; fmv.d.x fa0, a0"
    return G.Case(text.rstrip("; "), sew, lmul, vl, scalar=signed64(bits), pre=pre, dlmul=dlmul)


def cfgs(rng, sews, k, wide=False):
    return G.configs(rng, sews=sews, k=k, wide=wide)


def arith_cases(sews, rng, k=2):
    cases = []
    for op in ["vfadd", "vfsub", "vfmul", "vfdiv", "vfmin", "vfmax", "vfsgnj", "vfsgnjn", "vfsgnjx"]:
        for sew, lmul, vl in cfgs(rng, sews, k):
            cases.append(fcase(rng, f"{op}.vv v24, v8, v16", sew, lmul, vl))
            cases.append(fcase(rng, f"{op}.vf v24, v8, fa0", sew, lmul, vl))
    for op in ["vfrsub", "vfrdiv"]:
        for sew, lmul, vl in cfgs(rng, sews, k):
            cases.append(fcase(rng, f"{op}.vf v24, v8, fa0", sew, lmul, vl))
    for op in ["vfmacc", "vfnmacc", "vfmsac", "vfnmsac", "vfmadd", "vfnmadd", "vfmsub", "vfnmsub"]:
        for sew, lmul, vl in cfgs(rng, sews, k):
            cases.append(fcase(rng, f"{op}.vv v24, v16, v8", sew, lmul, vl))
            cases.append(fcase(rng, f"{op}.vf v24, fa0, v8", sew, lmul, vl))
    return cases


def wide_cases(sews, rng, k=2):
    cases = []
    nsews = [s for s in sews if s <= 32]
    for op in ["vfwadd", "vfwsub"]:
        for sew, lmul, vl in cfgs(rng, nsews, k, wide=True):
            for form, src in [("vv", "v16"), ("vf", "fa0"), ("wv", "v16"), ("wf", "fa0")]:
                cases.append(fcase(rng, f"{op}.{form} v24, v8, {src}", sew, lmul, vl, dlmul=lmul + 1))
    for sew, lmul, vl in cfgs(rng, nsews, k, wide=True):
        cases.append(fcase(rng, "vfwmul.vv v24, v8, v16", sew, lmul, vl, dlmul=lmul + 1))
        cases.append(fcase(rng, "vfwmul.vf v24, v8, fa0", sew, lmul, vl, dlmul=lmul + 1))
    for op in ["vfwmacc", "vfwnmacc", "vfwmsac", "vfwnmsac"]:
        for sew, lmul, vl in cfgs(rng, nsews, k, wide=True):
            cases.append(fcase(rng, f"{op}.vv v24, v16, v8", sew, lmul, vl, dlmul=lmul + 1))
            cases.append(fcase(rng, f"{op}.vf v24, fa0, v8", sew, lmul, vl, dlmul=lmul + 1))
    return cases


def cmp_move_cases(sews, rng, k=2):
    cases = []
    for op, forms in [("vmfeq", "vv vf"), ("vmfne", "vv vf"), ("vmflt", "vv vf"), ("vmfle", "vv vf"), ("vmfgt", "vf"), ("vmfge", "vf")]:
        for sew, lmul, vl in cfgs(rng, sews, k):
            for form in forms.split():
                src = "v16" if form == "vv" else "fa0"
                cases.append(fcase(rng, f"{op}.{form} v24, v8, {src}", sew, lmul, vl, dlmul=0))
    for sew, lmul, vl in cfgs(rng, sews, k):
        cases.append(fcase(rng, "vfmerge.vfm v24, v8, fa0, v0", sew, lmul, vl, masked=""))
        cases.append(fcase(rng, "vfmv.v.f v24, fa0", sew, lmul, vl, masked=""))
        cases.append(fcase(rng, "vfmv.s.f v24, fa0", sew, lmul, vl, masked="", dlmul=0))
        cases.append(fcase(rng, "vfmv.f.s fa1, v8", sew, lmul, vl, masked="", post="fmv.x.d a1, fa1"))
        cases.append(fcase(rng, "vfslide1up.vf v24, v8, fa0", sew, lmul, vl))
        cases.append(fcase(rng, "vfslide1down.vf v24, v8, fa0", sew, lmul, vl))
    return cases


def unary_cases(sews, rng, k=2):
    cases = []
    for op in ["vfsqrt.v", "vfrsqrt7.v", "vfrec7.v", "vfclass.v", "vfcvt.xu.f.v", "vfcvt.x.f.v", "vfcvt.rtz.xu.f.v",
               "vfcvt.rtz.x.f.v", "vfcvt.f.xu.v", "vfcvt.f.x.v"]:
        for sew, lmul, vl in cfgs(rng, sews, k):
            cases.append(fcase(rng, f"{op} v24, v8", sew, lmul, vl, scalar=False))
    return cases


def cvt_cases(sews, rng, k=2, int8=False):
    cases = []
    fsews = [s for s in sews if s in (16, 32)]
    isews = fsews + ([8] if int8 else [])
    for op in ["vfwcvt.xu.f.v", "vfwcvt.x.f.v", "vfwcvt.rtz.xu.f.v", "vfwcvt.rtz.x.f.v", "vfwcvt.f.f.v"]:
        for sew, lmul, vl in cfgs(rng, fsews, k, wide=True):
            cases.append(fcase(rng, f"{op} v24, v8", sew, lmul, vl, dlmul=lmul + 1, scalar=False))
    for op in ["vfwcvt.f.xu.v", "vfwcvt.f.x.v"]:
        for sew, lmul, vl in cfgs(rng, isews, k, wide=True):
            cases.append(fcase(rng, f"{op} v24, v8", sew, lmul, vl, dlmul=lmul + 1, scalar=False))
    for op in ["vfncvt.xu.f.w", "vfncvt.x.f.w", "vfncvt.rtz.xu.f.w", "vfncvt.rtz.x.f.w"]:
        for sew, lmul, vl in cfgs(rng, isews, k, wide=True):
            cases.append(fcase(rng, f"{op} v24, v8", sew, lmul, vl, scalar=False))
    for op in ["vfncvt.f.xu.w", "vfncvt.f.x.w", "vfncvt.f.f.w", "vfncvt.rod.f.f.w"]:
        for sew, lmul, vl in cfgs(rng, fsews, k, wide=True):
            cases.append(fcase(rng, f"{op} v24, v8", sew, lmul, vl, scalar=False))
    return cases


def red_cases(sews, rng, k=2):
    cases = []
    for op in ["vfredusum", "vfredosum", "vfredmin", "vfredmax"]:
        for sew, lmul, vl in cfgs(rng, sews, k):
            cases.append(fcase(rng, f"{op}.vs v24, v8, v16", sew, lmul, vl, dlmul=0, scalar=False))
    for op in ["vfwredusum", "vfwredosum"]:
        for sew, lmul, vl in cfgs(rng, [s for s in sews if s <= 32], k, wide=True):
            cases.append(fcase(rng, f"{op}.vs v24, v8, v16", sew, lmul, vl, dlmul=0, scalar=False))
    return cases


def generate(name, title, cases, seed, widths):
    assert len(cases) <= 255, f"{name}: {len(cases)} cases"
    rng = random.Random(seed)
    for c in cases:
        if rng.randrange(5) == 0:
            c.policy = rng.choice(["ta, ma", "ta, mu", "tu, ma"])
    data = {"d_src2": fp_data(rng, 128, widths), "d_src1": bytearray(fp_data(rng, 128, widths)),
            "d_init": fp_data(rng, 128, widths), "d_mem": bytes(1024),
            "d_mask": bytes(rng.randrange(256) for _ in range(16))}
    for i in range(0, 128, 24):  # equal operands now and then (compares, x - x)
        data["d_src1"][i:i + 8] = data["d_src2"][i:i + 8]
    data["d_src1"] = bytes(data["d_src1"])
    with tempfile.TemporaryDirectory() as td:
        elf = os.path.join(td, "probe")
        G.build(G.render(title, cases, data, True), elf)
        out = subprocess.run([G.qemu(), "-cpu", CPU, elf], capture_output=True)
        if out.returncode != 0:
            sys.exit(f"gen_rvv_fp: probe {name} failed: {out.returncode} {out.stderr.decode()}")
    res, pos = [], 0
    for c in cases:
        res.append(out.stdout[pos:pos + c.out_len])
        pos += c.out_len
    assert pos == len(out.stdout), (pos, len(out.stdout))
    with open(os.path.join(G.HERE, name + ".S"), "w") as f:
        f.write(G.render(title, cases, data, False, res))
    print(f"gen_rvv_fp: {name}.S: {len(cases)} cases")


def main():
    r = random.Random(21)
    generate("rvv-fp-arith", "FP arithmetic, fused multiply-add, compares, moves, merge, slides (SEW 32/64); fflags checked.",
             arith_cases([32, 64], r) + cmp_move_cases([32, 64], r), 31, [32, 64, 64])
    r = random.Random(22)
    generate("rvv-fp-cvt", "FP unary, estimates, conversions, widening arithmetic, reductions (SEW 32/64); fflags checked.",
             unary_cases([32, 64], r) + cvt_cases([32], r, k=3) + wide_cases([32], r) + red_cases([32, 64], r), 32, [32, 64, 0])
    r = random.Random(23)
    generate("rvv-fp16", "Zvfh: binary16 arithmetic, conversions (incl. int8), estimates, reductions; fflags checked.",
             arith_cases([16], r, k=1) + cmp_move_cases([16], r, k=1) + unary_cases([16], r, k=1) + cvt_cases([16], r, k=2, int8=True)
             + wide_cases([16], r, k=1) + red_cases([16], r, k=1), 33, [16, 16, 32, 0])


if __name__ == "__main__":
    main()
