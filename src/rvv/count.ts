// Reporting to the profiler's vector counters (src/profile/vector-counters.ts): after each vector
// instruction completes, its SEW/LMUL, the element operations it did and the guest bytes it moved.
// Every exec is wrapped once at decode time; while counting is off the wrapper costs one property test.
import { popcount32 } from '../isa/int64.js';
import { InsnClass, type ExecFn } from '../isa/spec.js';
import { recordVectorOp, vectorCounting, vectorOpId } from '../profile/vector-counters.js';
import { vunit } from './common.js';
import type { VSpec } from './encoding.js';

const enum K { Body, AllBody, Config, MaskLogic, ToScalar, FromScalar, MoveRegs, Mem, MemIndexed, MemFF, MemWhole, MemMask }

function kindOf(s: VSpec): K {
  if (s.cls === InsnClass.VConfig) return K.Config;
  switch (s.mem) {
    case 'unit': case 'strided': return K.Mem;
    case 'ff': return K.MemFF;
    case 'ux': case 'ox': return K.MemIndexed;
    case 'whole': return K.MemWhole;
    case 'mask': return K.MemMask;
    default: break;
  }
  if (s.shape === 'nr') return K.MoveRegs;
  if (s.name === 'vmv.x.s' || s.name === 'vfmv.f.s') return K.ToScalar;
  if (s.name === 'vmv.s.x' || s.name === 'vfmv.s.f') return K.FromScalar;
  if (s.name.endsWith('.mm')) return K.MaskLogic;
  // Carry-in and merge forms encode vm=0 but every body element takes part.
  if (s.shape === 'vvm' || s.shape === 'vxm' || s.shape === 'vim' || s.shape === 'vfm') return K.AllBody;
  return K.Body;
}

/** Set bits of v0 among elements [start, end). */
function activeIn(u8: Uint8Array, start: number, end: number): number {
  let c = 0;
  for (let i = start; i < end;) {
    const byte = i >>> 3, stop = Math.min(end, (byte + 1) << 3);
    const sel = (0xff << (i & 7)) & (0xff >>> (((byte + 1) << 3) - stop));
    c += popcount32(u8[byte] & sel);
    i = stop;
  }
  return c;
}

/** Body elements [start, end) that are active (all of them when unmasked). */
function body(u8: Uint8Array, masked: boolean, start: number, end: number): number {
  return start >= end ? 0 : masked ? activeIn(u8, start, end) : end - start;
}

/** exec, reporting each completed execution while vector counting is on. */
export function counted(s: VSpec, exec: ExecFn): ExecFn {
  const op = vectorOpId(s), kind = kindOf(s);
  return (h, d) => {
    if (!vectorCounting.on) { exec(h, d); return; }
    const v = vunit(h);
    const start = v.vstart, vl = v.vl, sh = v.sewShift, lm = v.lmulLog;
    exec(h, d);
    const masked = d.rm === 0;
    let active = 0, bytes = 0;
    switch (kind) {
      case K.Config: recordVectorOp(op, v.sewShift, v.lmulLog, 0, 0); return;
      case K.Body: active = body(v.u8, masked, start, vl); break;
      case K.AllBody: active = start < vl ? vl - start : 0; break;
      case K.MaskLogic: active = vl; break;
      case K.ToScalar: active = 1; break;
      case K.FromScalar: active = start < vl ? 1 : 0; break;
      case K.MoveRegs: active = Math.max(0, ((d.imm * v.vlenb) >>> sh) - start); break;
      case K.Mem: case K.MemFF: active = body(v.u8, masked, start, kind === K.MemFF ? v.vl : vl); bytes = active * (d.imm >>> 3) * d.rs3; break;
      case K.MemIndexed: active = body(v.u8, masked, start, vl); bytes = (active << sh) * d.rs3; break;
      case K.MemWhole: { const es = d.imm >>> 3; active = Math.max(0, (d.rs3 * v.vlenb) / es - start); bytes = active * es; break; }
      case K.MemMask: active = Math.max(0, ((vl + 7) >>> 3) - start); bytes = active; break;
    }
    recordVectorOp(op, sh, lm, active, bytes);
  };
}
