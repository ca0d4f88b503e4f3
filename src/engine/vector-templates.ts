// Vector fast paths for the block translator. A vector instruction's semantics function checks vtype, the
// registers and the operands, dispatches on SEW, mask and policy, and only then runs its element loop; the
// translator knows most of that when it translates. For the hot instructions of kernels (unit-stride loads
// and stores, integer add/logic/multiply, vmacc, vwmacc, vsext/vzext, splats, binary32 add/mul and fused
// multiply-adds, vsetvli) it emits, specialized for one vtype (SEW, LMUL, policy) and VLEN, a guarded call of
// the element loop the semantics function itself uses (exported from src/rvv), so the arithmetic still has
// one definition. The guard is one compare of VectorState.vkey (vtype and VLEN, -1 while vill) plus vstart = 0
// (and frm = RNE for floating point); anything else (masked forms, other vtypes, a TLB miss, a page
// crossing) runs the semantics function. vl is read at run time. Tail elements follow the same policy code
// (finish); exact counts come from the block as always, and the vector counters (--stats) are fed as the
// semantics' wrapper feeds them.
//
// Which vtype: the one set by a vsetvli/vsetivli earlier in the same block, else the one in effect when the
// block is translated (loop bodies are usually translated while their loop runs). A wrong guess costs only
// speed: the guard fails and the semantics function runs.
import { X_SINK, type Decoded } from '../isa/spec.js';
import { TLB_BITS, TLB_MASK, type AddressSpace } from '../mem/address-space.js';
import { fpFlags } from '../fp/fp.js';
import { F_ADD, F_AND, F_MACC, F_MUL, F_NMSAC, F_OR, F_RSUB, F_SUB, F_XOR, extN, fastN, fastN16, fastN8, finish, macN, wmac16, wmac8,
  type VectorState } from '../rvv/common.js';
import { setVl } from '../rvv/config.js';
import type { VSpec } from '../rvv/encoding.js';
import { binF32Rne, fmaF32Rne, scalar32 } from '../rvv/fp.js';
import { extendN } from '../rvv/int.js';
import { recordVectorOp, vectorCounting, vectorOpId } from '../profile/vector-counters.js';
import { lit, type Pair } from './templates.js';

/** Functions and objects the generated fast paths use, by the names they use. */
export const VECTOR_HELPERS = {
  vle, vse, fastN, fastN16, fastN8, macN, wmac8, wmac16, extendN, extN, binF32Rne, fmaF32Rne, scalar32, setVl,
  vfinish: finish, fpFlags, VC: vectorCounting, vrec: recordVectorOp,
} as const;

/**
 * Unit-stride load of n = vl << es bytes at the address (lo, hi) into the register file at byte dst, when
 * they lie in one page that is in the read TLB; false (nothing done) otherwise.
 */
export function vle(mem: AddressSpace, v: VectorState, lo: number, hi: number, dst: number, es: number, vl: number): boolean {
  const n = vl << es, off = lo & 4095;
  if (off + n > 4096) return false;
  const t = lo >>> 12, w = ((hi << 20) + t) | 0, s = (w ^ (w >>> TLB_BITS)) & TLB_MASK;
  if (mem.rTag[s] !== hi * 1048576 + t) return false;
  const dv = mem.rView[s];
  if ((n & 3) === 0) {
    const x = v.i32;
    for (let k = 0, o = dst >>> 2; k < n; k += 4, o++) x[o] = dv.getInt32(off + k, true);
  } else {
    const u = v.u8;
    for (let k = 0; k < n; k++) u[dst + k] = dv.getUint8(off + k);
  }
  return true;
}

/** Unit-stride store of vl << es bytes from register-file byte src, within one page in the write TLB; else false. */
export function vse(mem: AddressSpace, v: VectorState, lo: number, hi: number, src: number, es: number, vl: number): boolean {
  const n = vl << es, off = lo & 4095;
  if (off + n > 4096) return false;
  const t = lo >>> 12, w = ((hi << 20) + t) | 0, s = (w ^ (w >>> TLB_BITS)) & TLB_MASK;
  if (mem.wTag[s] !== hi * 1048576 + t) return false;
  const dv = mem.wView[s];
  if ((n & 3) === 0) {
    const x = v.i32;
    for (let k = 0, o = src >>> 2; k < n; k += 4, o++) dv.setInt32(off + k, x[o], true);
  } else {
    const u = v.u8;
    for (let k = 0; k < n; k++) dv.setUint8(off + k, u[src + k]);
  }
  return true;
}

/** What the translator knows about a vector instruction it specializes. */
export interface VectorOperands {
  readonly d: Decoded;
  /** vtype (low 8 bits) assumed, and log2(VLENB) of the hart's vector unit. */
  readonly vt: number;
  readonly lenbShift: number;
  /** Integer operands as locals (rs1: base address / scalar / AVL) and the integer destination (vset*). */
  readonly rs1: Pair;
  readonly rd: Pair;
}

export interface VectorFast {
  /** A boolean expression: the fast path applies (V, the hart's vector unit, may be undefined). */
  readonly guard: string;
  /** Statements; `break vs;` (before anything is changed) runs the semantics function instead. */
  readonly body: string;
  /** Integer registers read through operand locals (rs1), and whether rd is written. */
  readonly xReads: readonly number[];
  readonly writesRd: boolean;
}

/** vkey of a vtype (low 8 bits) at VLENB = 2^lenbShift, or -1 when that vtype is reserved (vill). */
export function vkeyOf(vt: number, lenbShift: number): number {
  const vsew = (vt >>> 3) & 7, vlmul = vt & 7, lmulLog = vlmul >= 4 ? vlmul - 8 : vlmul;
  if (vsew > 3 || vlmul === 4 || (lmulLog < 0 && (8 << vsew) > (64 >> -lmulLog))) return -1;
  return vt | (lenbShift << 8);
}

/**
 * The vtype a vsetvli/vsetivli with an immediate sets (-1: reserved), or undefined when d does not set a
 * known vtype (vsetvl, anything else). Lets the translator follow vtype through a block.
 */
export function vtypeSetBy(d: Decoded): number | undefined {
  const n = d.spec.name;
  if (n !== 'vsetvli' && n !== 'vsetivli') return undefined;
  return d.imm > 0xff ? -1 : d.imm & 0xff;
}

const nregs = (emulLog: number): number => (emulLog > 0 ? 1 << emulLog : 1);
/** Register group r of EMUL 2^l is aligned and inside v0..v31. */
const group = (r: number, l: number): boolean => (l <= 0 || (r & ((1 << l) - 1)) === 0) && r + nregs(l) <= 32;
const disjoint = (a: number, an: number, b: number, bn: number): boolean => a + an <= b || b + bn <= a;
const VIEW = ['i8', 'i16', 'i32'];
const FAST_N = ['fastN8', 'fastN16', 'fastN'];

const BIN_K: Readonly<Record<string, number>> = {
  vadd: F_ADD, vsub: F_SUB, vrsub: F_RSUB, vand: F_AND, vor: F_OR, vxor: F_XOR, vmul: F_MUL,
};
/** vwmacc forms: is vs2 (a) / vs1-or-rs1 (b) read unsigned. */
const WMAC_U: Readonly<Record<string, readonly [boolean, boolean]>> = {
  vwmacc: [false, false], vwmaccu: [true, true], vwmaccsu: [true, false], vwmaccus: [false, true],
};
/** Fused multiply-adds: negation bits (1: product, 2: addend) and whether vd is a factor. */
const FMA: Readonly<Record<string, readonly [number, boolean]>> = {
  vfmacc: [0, false], vfnmacc: [3, false], vfmsac: [2, false], vfnmsac: [1, false],
  vfmadd: [0, true], vfnmadd: [3, true], vfmsub: [2, true], vfnmsub: [1, true],
};
/** binary32 operations with a round-to-nearest loop (fp.ts binF32Rne's codes). */
const FBIN: Readonly<Record<string, number>> = { vfadd: 0, vfsub: 1, vfmul: 3 };

/** The fast path for d under vtype vt, or undefined when there is none (the semantics call stays). */
export function vectorFast(o: VectorOperands): VectorFast | undefined {
  const d = o.d, s = d.spec as VSpec, name = s.name;
  const dot = name.lastIndexOf('.'), base = dot < 0 ? name : name.slice(0, dot), form = dot < 0 ? '' : name.slice(dot + 1);
  const op = vectorOpId(s);

  if (name === 'vsetvli' || name === 'vsetivli') {
    const avl = name === 'vsetivli' ? lit(d.rs1)
      : d.rs1 !== 0 ? `(${o.rs1.h} !== 0 ? Infinity : ${o.rs1.l} >>> 0)` : d.rd === X_SINK ? 'V.vl' : 'Infinity';
    return {
      guard: 'V !== undefined',
      body: `{ const vl = setVl(V, ${d.imm & 0xff}, ${d.imm > 0xff}, ${avl}); ${o.rd.l} = vl; ${o.rd.h} = 0; } ` +
        `if (VC.on) vrec(${op}, V.sewShift, V.lmulLog, 0, 0);`,
      xReads: name === 'vsetvli' && d.rs1 !== 0 ? [d.rs1] : [], writesRd: true,
    };
  }

  const key = vkeyOf(o.vt, o.lenbShift);
  if (key < 0 || d.rm === 0) return undefined; // vill, or masked: the semantics function
  const vt = o.vt, sh = (vt >>> 3) & 7, lm = (vt & 7) >= 4 ? (vt & 7) - 8 : vt & 7, vlenb = 1 << o.lenbShift;
  const per = vlenb >>> sh, rd = d.rd, rs2 = d.rs2, rs1 = d.rs1;
  const guard = (extra = ''): string => `V !== undefined && V.vkey === ${key} && V.vstart === 0${extra}`;
  const count = (bytes = '0'): string => `if (VC.on) vrec(${op}, ${sh}, ${lm}, V.vl, ${bytes});`;
  const done = (eewShift: number, emulLog: number): string => `vfinish(V, ${rd}, ${eewShift}, ${emulLog}, 0);`;
  const fast = (body: string, extra = '', xReads: number[] = []): VectorFast => ({ guard: guard(extra), body, xReads, writesRd: false });

  // Unit-stride loads and stores of one field.
  if (s.mem === 'unit' && d.rs3 === 1) {
    const es = d.imm === 8 ? 0 : d.imm === 16 ? 1 : d.imm === 32 ? 2 : 3, el = es - sh + lm;
    if (el < -3 || el > 3 || !group(rd, el)) return undefined;
    const bytes = `V.vl << ${es}`, xr = rs1 !== 0 ? [rs1] : [];
    const addr = `${o.rs1.l}, ${o.rs1.h}`;
    if (name.startsWith('vle')) return fast(`if (!vle(mem, V, ${addr}, ${rd * vlenb}, ${es}, V.vl)) break vs; ${done(es, el)} ${count(bytes)}`, '', xr);
    return fast(`if (!vse(mem, V, ${addr}, ${rd * vlenb}, ${es}, V.vl)) break vs; ${count(bytes)}`, '', xr);
  }

  // Same-width integer operations at SEW <= 32.
  const vv = form === 'vv', vx = form === 'vx', vi = form === 'vi';
  const scalar = (): string => (vx ? o.rs1.l : lit(d.imm));
  const xr = vx && rs1 !== 0 ? [rs1] : [];
  if (sh < 3 && Object.prototype.hasOwnProperty.call(BIN_K, base) && (vv || vx || vi)) {
    if (!group(rd, lm) || !group(rs2, lm) || (vv && !group(rs1, lm))) return undefined;
    return fast(`${FAST_N[sh]}(${BIN_K[base]}, V.${VIEW[sh]}, ${rd * per}, ${rs2 * per}, ${vv ? rs1 * per : -1}, ${scalar()}, 0, V.vl); ` +
      `${done(sh, lm)} ${count()}`, '', xr);
  }
  if (sh < 3 && (base === 'vmacc' || base === 'vnmsac') && (vv || vx)) {
    if (!group(rd, lm) || !group(rs2, lm) || (vv && !group(rs1, lm))) return undefined;
    const sc = vx ? `extN(${o.rs1.l}, ${8 << sh}, false)` : '0';
    return fast(`macN(${base === 'vmacc' ? F_MACC : F_NMSAC}, V.${VIEW[sh]}, ${rd * per}, ${rs2 * per}, ${vv ? rs1 * per : -1}, ${sc}, 0, V.vl); ` +
      `${done(sh, lm)} ${count()}`, '', xr);
  }
  if (sh < 2 && lm <= 2 && Object.prototype.hasOwnProperty.call(WMAC_U, base) && (vv || vx)) {
    const wl = lm + 1, [ua, ub] = WMAC_U[base];
    if (!group(rd, wl) || !group(rs2, lm) || (vv && !group(rs1, lm))) return undefined;
    if (!disjoint(rd, nregs(wl), rs2, nregs(lm)) || (vv && !disjoint(rd, nregs(wl), rs1, nregs(lm)))) return undefined;
    const wper = per >>> 1, sc = vx ? `extN(${o.rs1.l}, ${8 << sh}, ${ub})` : '0';
    const call = sh === 0 ? 'wmac8(V.i16, V.i8' : 'wmac16(V.i32, V.i16';
    return fast(`${call}, ${rd * wper}, ${rs2 * per}, ${vv ? rs1 * per : -1}, ${sc}, ${ua}, ${ub}, 0, V.vl); ${done(sh + 1, wl)} ${count()}`, '', xr);
  }
  const ext = /^v([sz])ext\.vf([248])$/.exec(name);
  if (ext !== null && sh < 3) {
    const fl = ext[2] === '2' ? 1 : ext[2] === '4' ? 2 : 3, ssh = sh - fl, sl = lm - fl;
    if (ssh < 0 || sl < -3 || !group(rd, lm) || !group(rs2, sl)) return undefined;
    const dn = nregs(lm), sn = nregs(sl);
    if (!disjoint(rd, dn, rs2, sn) && !(sl >= 0 && rs2 === rd + dn - sn)) return undefined;
    return fast(`extendN(V.${VIEW[sh]}, V.${VIEW[ssh]}, ${rd * per}, ${rs2 * (vlenb >>> ssh)}, ${32 - (8 << ssh)}, ${ext[1] === 's'}, 0, V.vl); ` +
      `${done(sh, lm)} ${count()}`);
  }
  if (sh < 3 && (name === 'vmv.v.x' || name === 'vmv.v.i')) {
    if (!group(rd, lm)) return undefined;
    const byX = name === 'vmv.v.x';
    return fast(`V.${VIEW[sh]}.fill(${byX ? o.rs1.l : lit(d.imm)}, ${rd * per}, ${rd * per} + V.vl); ${done(sh, lm)} ${count()}`, '',
      byX && rs1 !== 0 ? [rs1] : []);
  }

  // binary32 arithmetic in round-to-nearest-even (h.frm = 0).
  const vf = form === 'vf';
  if (sh === 2 && (vv || vf) && (Object.prototype.hasOwnProperty.call(FMA, base) || Object.prototype.hasOwnProperty.call(FBIN, base))) {
    if (!group(rd, lm) || !group(rs2, lm) || (vv && !group(rs1, lm))) return undefined;
    const sc = vf ? `scalar32(h, ${rs1})` : '0', bB = vv ? rs1 * per : 0;
    const call = Object.prototype.hasOwnProperty.call(FMA, base)
      ? `fmaF32Rne(V, ${rd * per}, ${rs2 * per}, ${bB}, ${sc}, ${vf}, ${FMA[base][1]}, ${FMA[base][0]}, 0, V.vl);`
      : `binF32Rne(V, ${rd * per}, ${rs2 * per}, ${bB}, ${sc}, ${vf}, ${FBIN[base]}, 0, V.vl);`;
    return fast(`fpFlags.v = 0; ${call} h.fflags |= fpFlags.v; ${done(2, lm)} ${count()}`, ' && h.frm === 0');
  }
  return undefined;
}
