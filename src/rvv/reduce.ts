// Vector integer reductions (RVV 1.0 section 14.1-14.2): vd[0] = vs1[0] op (active vs2[i] for i < vl).
// Nothing is written when vl = 0; the other elements of vd are tail. vstart must be 0.
import type { Hart } from '../isa/hart.js';
import type { Decoded, ExecFn, Semantics } from '../isa/spec.js';
import { add64, lt64, ltu64 } from '../isa/int64.js';
import { checkAlign, checkVstartZero, finishScalar, illegal, tmp, vec, viewN } from './common.js';

const enum R { Sum, And, Or, Xor, MinU, Min, MaxU, Max }

function reduce(h: Hart, d: Decoded, kind: R): void {
  const v = vec(h, d);
  checkAlign(d, d.rs2, v.lmulLog, 'vs2');
  checkVstartZero(d, v);
  const end = v.vl;
  if (end === 0) return;
  const sh = v.sewShift, masked = d.rm === 0, m = v.u8;
  if (sh === 3) {
    const per = v.vlenb >>> 3, x = v.i32, aB = d.rs2 * per;
    let lo = x[(d.rs1 * per) << 1], hi = x[((d.rs1 * per) << 1) + 1];
    for (let i = 0; i < end; i++) {
      if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) continue;
      const a = (aB + i) << 1, alo = x[a], ahi = x[a + 1];
      switch (kind) {
        case R.Sum: add64(lo, hi, alo, ahi, tmp, 0); lo = tmp[0]; hi = tmp[1]; break;
        case R.And: lo &= alo; hi &= ahi; break;
        case R.Or: lo |= alo; hi |= ahi; break;
        case R.Xor: lo ^= alo; hi ^= ahi; break;
        case R.MinU: if (ltu64(alo, ahi, lo, hi)) { lo = alo; hi = ahi; } break;
        case R.Min: if (lt64(alo, ahi, lo, hi)) { lo = alo; hi = ahi; } break;
        case R.MaxU: if (ltu64(lo, hi, alo, ahi)) { lo = alo; hi = ahi; } break;
        case R.Max: if (lt64(lo, hi, alo, ahi)) { lo = alo; hi = ahi; } break;
      }
    }
    const o = (d.rd * per) << 1;
    x[o] = lo; x[o + 1] = hi;
  } else {
    const per = v.vlenb >>> sh, arr = viewN(v, sh), aB = d.rs2 * per, s = 32 - v.sew;
    const uns = kind === R.MinU || kind === R.MaxU;
    let acc = arr[d.rs1 * per];
    if (uns) acc = (acc << s) >>> s;
    for (let i = 0; i < end; i++) {
      if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) continue;
      let a = arr[aB + i];
      if (uns) a = (a << s) >>> s;
      switch (kind) {
        case R.Sum: acc = (acc + a) | 0; break;
        case R.And: acc &= a; break;
        case R.Or: acc |= a; break;
        case R.Xor: acc ^= a; break;
        case R.MinU: case R.Min: if (a < acc) acc = a; break;
        case R.MaxU: case R.Max: if (a > acc) acc = a; break;
      }
    }
    arr[d.rd * per] = acc;
  }
  finishScalar(v, d.rd, sh);
}

/** vwredsum(u): 2*SEW sum of vs1[0] and the extended active vs2 elements. */
function wreduce(h: Hart, d: Decoded, uns: boolean): void {
  const v = vec(h, d);
  if (v.sew === 64) illegal(d, 'widening reduction needs SEW <= 32');
  checkAlign(d, d.rs2, v.lmulLog, 'vs2');
  checkVstartZero(d, v);
  const end = v.vl;
  if (end === 0) return;
  const sh = v.sewShift, masked = d.rm === 0, m = v.u8, per = v.vlenb >>> sh, wper = per >>> 1;
  const arr = viewN(v, sh), aB = d.rs2 * per, s = 32 - v.sew;
  if (sh === 2) {
    const x = v.i32, b = (d.rs1 * wper) << 1;
    let lo = x[b], hi = x[b + 1];
    for (let i = 0; i < end; i++) {
      if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) continue;
      const a = arr[aB + i];
      add64(lo, hi, a, uns ? 0 : a >> 31, tmp, 0); lo = tmp[0]; hi = tmp[1];
    }
    const o = (d.rd * wper) << 1;
    x[o] = lo; x[o + 1] = hi;
  } else {
    const wide = sh === 0 ? v.i16 : v.i32;
    let acc = wide[d.rs1 * wper];
    for (let i = 0; i < end; i++) {
      if (masked && ((m[i >>> 3] >>> (i & 7)) & 1) === 0) continue;
      const a = arr[aB + i];
      acc = (acc + (uns ? (a << s) >>> s : a)) | 0;
    }
    wide[d.rd * wper] = acc;
  }
  finishScalar(v, d.rd, sh + 1);
}

const red = (k: R): ExecFn => (h, d) => reduce(h, d, k);

export const vreduce: Semantics = {
  'vredsum.vs': red(R.Sum), 'vredand.vs': red(R.And), 'vredor.vs': red(R.Or), 'vredxor.vs': red(R.Xor),
  'vredminu.vs': red(R.MinU), 'vredmin.vs': red(R.Min), 'vredmaxu.vs': red(R.MaxU), 'vredmax.vs': red(R.Max),
  'vwredsumu.vs': (h, d) => wreduce(h, d, true), 'vwredsum.vs': (h, d) => wreduce(h, d, false),
};
