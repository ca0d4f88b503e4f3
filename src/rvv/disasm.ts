// Disassembly of vector instructions in the text GNU objdump (binutils 2.40) prints: operands in objdump's
// order (vd, vs2, vs1 for most; vd, vs1, vs2 for multiply-adds), ",v0.t" when masked, the vtype of
// vsetvli/vsetivli spelled out ("e32,m4,ta,ma") unless it has reserved values (then as a number), and
// objdump's aliases (vnot.v, vneg.v, vmmv.m, vmnot.m, vmclr.m, vmset.m, vwcvt.x.x.v, vncvt.x.x.w,
// vfneg.v, vfabs.v, vl<n>r.v).
import type { Decoded } from '../isa/spec.js';
import { fName, xName } from '../isa/regnames.js';
import type { VSpec } from './encoding.js';

const vName = (r: number): string => `v${r & 31}`;
const LMUL = ['m1', 'm2', 'm4', 'm8', '', 'mf8', 'mf4', 'mf2'];

/** vtype immediate as objdump prints it. */
export function vtypeText(z: number): string {
  const sew = (z >>> 3) & 7, lmul = z & 7;
  if (z > 0xff || sew > 3 || lmul === 4) return String(z);
  return `e${8 << sew},${LMUL[lmul]},${z & 0x40 ? 'ta' : 'tu'},${z & 0x80 ? 'ma' : 'mu'}`;
}

/** Text of a decoded vector instruction (mnemonic, tab, operands). */
export function disassembleVector(d: Decoded): string {
  const s = d.spec as VSpec;
  const w = d.raw >>> 0;
  const vd = (w >>> 7) & 31, rs1 = (w >>> 15) & 31, vs2 = (w >>> 20) & 31;
  const masked = ((w >>> 25) & 1) === 0;
  const m = masked ? ',v0.t' : '';
  const name = s.name;
  const simm = (rs1 << 27) >> 27;
  const imm = s.uimm ? rs1 : simm;
  switch (s.shape) {
    case 'vsetvli': return `vsetvli\t${xName(vd)},${xName(rs1)},${vtypeText((w >>> 20) & 0x7ff)}`;
    case 'vsetivli': return `vsetivli\t${xName(vd)},${rs1},${vtypeText((w >>> 20) & 0x3ff)}`;
    case 'vsetvl': return `vsetvl\t${xName(vd)},${xName(rs1)},${xName(vs2)}`;
    case 'vv':
      switch (name) {
        case 'vmand.mm': if (rs1 === vs2) return `vmmv.m\t${vName(vd)},${vName(vs2)}`; break;
        case 'vmnand.mm': if (rs1 === vs2) return `vmnot.m\t${vName(vd)},${vName(vs2)}`; break;
        case 'vmxor.mm': if (rs1 === vs2 && vd === vs2) return `vmclr.m\t${vName(vd)}`; break;
        case 'vmxnor.mm': if (rs1 === vs2 && vd === vs2) return `vmset.m\t${vName(vd)}`; break;
        case 'vfsgnjn.vv': if (rs1 === vs2) return `vfneg.v\t${vName(vd)},${vName(vs2)}${m}`; break;
        case 'vfsgnjx.vv': if (rs1 === vs2) return `vfabs.v\t${vName(vd)},${vName(vs2)}${m}`; break;
      }
      return `${name}\t${vName(vd)},${vName(vs2)},${vName(rs1)}${m}`;
    case 'vx':
      if (rs1 === 0) {
        switch (name) {
          case 'vrsub.vx': return `vneg.v\t${vName(vd)},${vName(vs2)}${m}`;
          case 'vwadd.vx': return `vwcvt.x.x.v\t${vName(vd)},${vName(vs2)}${m}`;
          case 'vwaddu.vx': return `vwcvtu.x.x.v\t${vName(vd)},${vName(vs2)}${m}`;
          case 'vnsrl.wx': return `vncvt.x.x.w\t${vName(vd)},${vName(vs2)}${m}`;
        }
      }
      return `${name}\t${vName(vd)},${vName(vs2)},${xName(rs1)}${m}`;
    case 'vi':
      if (name === 'vxor.vi' && simm === -1) return `vnot.v\t${vName(vd)},${vName(vs2)}${m}`;
      return `${name}\t${vName(vd)},${vName(vs2)},${imm}${m}`;
    case 'vf': return `${name}\t${vName(vd)},${vName(vs2)},${fName(rs1)}${m}`;
    case 'vvm': return `${name}\t${vName(vd)},${vName(vs2)},${vName(rs1)},v0`;
    case 'vxm': return `${name}\t${vName(vd)},${vName(vs2)},${xName(rs1)},v0`;
    case 'vim': return `${name}\t${vName(vd)},${vName(vs2)},${imm},v0`;
    case 'vfm': return `${name}\t${vName(vd)},${vName(vs2)},${fName(rs1)},v0`;
    case 'mvv': return `${name}\t${vName(vd)},${vName(rs1)},${vName(vs2)}${m}`;
    case 'mvx': return `${name}\t${vName(vd)},${xName(rs1)},${vName(vs2)}${m}`;
    case 'mvf': return `${name}\t${vName(vd)},${fName(rs1)},${vName(vs2)}${m}`;
    case 'v': return `${name}\t${vName(vd)},${vName(vs2)}${m}`;
    case 'vd': return `${name}\t${vName(vd)}${m}`;
    case 'xv': return `${name}\t${xName(vd)},${vName(vs2)}${m}`;
    case 'fv': return `${name}\t${fName(vd)},${vName(vs2)}${m}`;
    case 'sx': return `${name}\t${vName(vd)},${xName(rs1)}`;
    case 'sf': return `${name}\t${vName(vd)},${fName(rs1)}`;
    case 'sv': return `${name}\t${vName(vd)},${vName(rs1)}`;
    case 'si': return `${name}\t${vName(vd)},${simm}`;
    case 'nr': return `${name}\t${vName(vd)},${vName(vs2)}`;
    case 'mu': {
      const n = /^vl([1248])re8\.v$/.exec(name);
      return `${n !== null ? `vl${n[1]}r.v` : name}\t${vName(vd)},(${xName(rs1)})${m}`;
    }
    case 'ms': return `${name}\t${vName(vd)},(${xName(rs1)}),${xName(vs2)}${m}`;
    case 'mx': return `${name}\t${vName(vd)},(${xName(rs1)}),${vName(vs2)}${m}`;
  }
}
