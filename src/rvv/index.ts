// The RVV 1.0 vector unit: its decoder, semantics, disassembler and CSRs, and the one call that plugs them
// into the scalar core (installVector). The hart's vector state comes from attachVector (or is created with
// the defaults, VLEN = 256, on first use).
import { IllegalInstruction } from '../errors.js';
import { registerDecoder } from '../isa/decode.js';
import { registerFormatter } from '../isa/disasm.js';
import { Decoded, InsnClass, type Ext, type ExecFn, type Semantics } from '../isa/spec.js';
import { registerVectorCsrs, vconfig } from './config.js';
import { counted } from './count.js';
import { disassembleVector } from './disasm.js';
import { decodeVectorFields, lookupVector, type VSpec } from './encoding.js';
import { vfixed } from './fixed.js';
import { halfSupport, vfp } from './fp.js';
import { vint } from './int.js';
import { vmask } from './mask.js';
import { vmemory } from './memory.js';
import { vpermute } from './permute.js';
import { vreduce } from './reduce.js';

export { attachVector, cloneVector, vstate, VectorState, DEFAULT_VLEN, type AgnosticPolicy, type VectorOptions } from './state.js';
export { VECTOR_SPECS, lookupVector, decodeVectorFields, vspecByName } from './encoding.js';
export { disassembleVector } from './disasm.js';

/** Semantics of every implemented vector instruction, by mnemonic. */
export const vectorSemantics: Semantics = {
  ...vconfig, ...vmemory, ...vint, ...vfixed, ...vreduce, ...vmask, ...vpermute, ...vfp,
};

const execs = new Map<VSpec, ExecFn>();

/** Add semantics (e.g. the vector floating-point instructions); takes effect for instructions decoded later. */
export function addVectorSemantics(sem: Semantics): void {
  Object.assign(vectorSemantics, sem);
  execs.clear();
}

function unimplemented(_h: unknown, d: Decoded): void {
  throw new IllegalInstruction(d.pc, d.raw, d.len, `unimplemented instruction ${d.spec.name}`);
}

function execOf(s: VSpec): ExecFn {
  let e = execs.get(s);
  if (e === undefined) {
    e = counted(s, Object.prototype.hasOwnProperty.call(vectorSemantics, s.name) ? vectorSemantics[s.name] : unimplemented);
    execs.set(s, e);
  }
  return e;
}

/** Decode a 32-bit word if it is a vector instruction and V is enabled; undefined otherwise. */
export function decodeVector(w: number, pc: number, enabled: ReadonlySet<Ext>): Decoded | undefined {
  if (!enabled.has('V')) return undefined;
  const s = lookupVector(w);
  if (s === undefined) return undefined;
  const d = new Decoded(s, execOf(s));
  d.pc = pc; d.raw = w >>> 0; d.len = 4;
  decodeVectorFields(w, d);
  // Floating-point instructions carry the binary16 support level (Zvfhmin/Zvfh) in the otherwise unused rs3.
  if (s.cls === InsnClass.VFp) d.rs3 = halfSupport(enabled);
  return d;
}

let installed = false;

/**
 * Make the scalar core decode, execute and disassemble vector instructions and see the vector CSRs. Call
 * once when V is enabled (the CSRs are global, so a run without V must not call it).
 */
export function installVector(): void {
  if (installed) return;
  installed = true;
  registerDecoder(decodeVector);
  registerFormatter((d) => (d.spec.ext === 'V' ? disassembleVector(d) : undefined));
  registerVectorCsrs();
}
