// mret, sret, wfi and sfence.vma. What they do is a change of privileged state, which only a hart with
// privilege levels has (bare mode: src/bare/machine.ts holds their meaning); on any other hart they are
// illegal (the decoder does not enable them there either).
import { IllegalInstruction } from '../errors.js';
import type { Hart, PrivilegedHart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';

function privOf(h: Hart, d: Decoded): PrivilegedHart {
  if (h.priv === undefined) throw new IllegalInstruction(d.pc, d.raw, d.len);
  return h.priv;
}

export const privileged: Semantics = {
  mret: (h, d) => privOf(h, d).mret(h, d),
  sret: (h, d) => privOf(h, d).sret(h, d),
  wfi: (h, d) => privOf(h, d).wfi(h, d),
  'sfence.vma': (h, d) => privOf(h, d).sfenceVma(h, d),
};
