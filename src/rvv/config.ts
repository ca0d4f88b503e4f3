// Configuration (RVV 1.0 section 6): vsetvli, vsetivli, vsetvl, and the vector CSRs.
//
// vl = min(AVL, VLMAX) (the spec also allows ceil(AVL/2) for AVL < 2*VLMAX; Spike and QEMU do not).
// AVL is x[rs1] (unsigned) or the immediate; with rs1 = x0 it is ~0 (vl = VLMAX) when rd != x0, and the
// current vl when rd = x0 as well ("change vtype, keep vl"). An unsupported vtype sets vill, vl = 0.
import { registerCsr } from '../isa/csr.js';
import type { Hart } from '../isa/hart.js';
import { X_SINK, type Decoded, type Semantics } from '../isa/spec.js';
import { vunit } from './common.js';
import type { VectorState } from './state.js';

/** Install vtype (the low 8 bits; `reserved`: a higher bit is set) and vl for AVL; returns the new vl. */
export function setVl(v: VectorState, vt: number, reserved: boolean, avl: number): number {
  v.vl = v.setVtype(vt, reserved) ? Math.min(avl, v.vlmax) : 0;
  v.vstart = 0;
  return v.vl;
}

function apply(h: Hart, d: Decoded, v: VectorState, vt: number, reserved: boolean, avl: number): void {
  const r = d.rd << 1;
  h.x[r] = setVl(v, vt, reserved, avl); h.x[r + 1] = 0;
}

/** AVL from rs1 (see above); x[rs1] values of 2^32 and more are all "larger than any VLMAX". */
function avlOf(h: Hart, d: Decoded, v: VectorState): number {
  if (d.rs1 !== 0) return h.x[(d.rs1 << 1) + 1] !== 0 ? Infinity : h.x[d.rs1 << 1] >>> 0;
  return d.rd === X_SINK ? v.vl : Infinity;
}

function vsetvli(h: Hart, d: Decoded): void {
  const v = vunit(h);
  apply(h, d, v, d.imm & 0xff, d.imm > 0xff, avlOf(h, d, v));
}

function vsetivli(h: Hart, d: Decoded): void {
  const v = vunit(h);
  apply(h, d, v, d.imm & 0xff, d.imm > 0xff, d.rs1);
}

function vsetvl(h: Hart, d: Decoded): void {
  const v = vunit(h);
  const lo = h.x[d.rs2 << 1], hi = h.x[(d.rs2 << 1) + 1];
  // Bits 8..62 are reserved and bit 63 is vill: any of them set makes the vtype unsupported.
  apply(h, d, v, lo & 0xff, (lo & ~0xff) !== 0 || hi !== 0, avlOf(h, d, v));
}

export const vconfig: Semantics = { vsetvli, vsetivli, vsetvl };

let csrsRegistered = false;

/** Make vstart, vxsat, vxrm, vcsr, vl, vtype and vlenb accessible (once; they read the hart's unit). */
/** The vector CSRs exist only on a hart with a vector unit (--isa with V). */
const hasVector = (h: Hart): boolean => h.vector !== undefined;

export function registerVectorCsrs(): void {
  if (csrsRegistered) return;
  csrsRegistered = true;
  registerCsr(0x008, { name: 'vstart', present: hasVector, read: (h) => vunit(h).vstart,
    // Only log2(VLEN) bits are implemented (as on QEMU).
    write: (h, x) => { const v = vunit(h); v.vstart = x & (v.vlen - 1); },
  });
  registerCsr(0x009, { name: 'vxsat', present: hasVector, read: (h) => vunit(h).vxsat, write: (h, x) => { vunit(h).vxsat = x & 1; } });
  registerCsr(0x00a, { name: 'vxrm', present: hasVector, read: (h) => vunit(h).vxrm, write: (h, x) => { vunit(h).vxrm = x & 3; } });
  registerCsr(0x00f, { name: 'vcsr', present: hasVector, read: (h) => { const v = vunit(h); return (v.vxrm << 1) | v.vxsat; },
    write: (h, x) => { const v = vunit(h); v.vxsat = x & 1; v.vxrm = (x >>> 1) & 3; },
  });
  registerCsr(0xc20, { name: 'vl', present: hasVector, read: (h) => vunit(h).vl });
  registerCsr(0xc21, { name: 'vtype', present: hasVector, read: (h) => vunit(h).vtype });
  registerCsr(0xc22, { name: 'vlenb', present: hasVector, read: (h) => vunit(h).vlenb });
}
