// Every RVV 1.0 instruction, sorted into the operand shapes the generator knows: CATALOG holds the non-FP
// ones, FP_CATALOG the floating-point ones (chapter 13, the FP reductions, moves and slides). The mnemonic
// list comes from the encoding table; the classification (and with it the legality rules in gen.ts) is
// written from the specification, so an instruction missing here fails loudly instead of going untested.
import { InsnClass } from '../../src/isa/spec.js';
import { VECTOR_SPECS, type MemKind } from '../../src/rvv/encoding.js';

export type Kind =
  | 'vset'
  | 'load' | 'store'
  | 'arith'      // vd, vs2, vs1|rs1|imm at SEW
  | 'cmp'        // mask vd from SEW operands
  | 'mac'        // vd += vs1|rs1 * vs2 forms
  | 'wide'       // 2*SEW vd from SEW vs2 and vs1|rs1
  | 'widew'      // 2*SEW vd from 2*SEW vs2 and SEW vs1|rs1
  | 'wmac'       // widening multiply-add
  | 'narrow'     // SEW vd from 2*SEW vs2, shift amount vs1|rs1|uimm
  | 'adc'        // vadc/vsbc: carry in v0, vector result
  | 'madc'       // vmadc/vmsbc: carry/borrow out as a mask
  | 'merge'      // vmerge.v?m
  | 'mvv'        // vmv.v.v/x/i
  | 'ext'        // vzext/vsext
  | 'red' | 'wred'
  | 'mlogic'     // .mm
  | 'mscalar'    // vcpop.m, vfirst.m
  | 'mset'       // vmsbf/vmsif/vmsof
  | 'iota' | 'vid'
  | 'mvxs' | 'mvsx'
  | 'slideup' | 'slidedown' | 'slide1up' | 'slide1down'
  | 'gather' | 'gatherei16' | 'compress' | 'mvnr'
  // Floating point (SEW 16 with Zvfh, 32, 64):
  | 'farith'     // vd, vs2, vs1|fs1 at SEW
  | 'fmac'       // vd, vs1|fs1, vs2: fused multiply-add, vd is a source
  | 'fcmp'       // mask vd from SEW operands
  | 'fwide'      // 2*SEW vd from SEW vs2 and vs1|fs1
  | 'fwidew'     // 2*SEW vd from 2*SEW vs2 and SEW vs1|fs1
  | 'fwmac'      // widening fused multiply-add
  | 'funary'     // vd, vs2 at SEW (sqrt, estimates, class, single-width conversions)
  | 'fwcvt'      // 2*SEW vd from SEW vs2
  | 'fncvt'      // SEW vd from 2*SEW vs2
  | 'fred' | 'fwred'
  | 'fmerge'     // vfmerge.vfm
  | 'fmvvf' | 'fmvsf' | 'fmvfs'
  | 'fslide1up' | 'fslide1down';

/** What the elements of a floating-point instruction's source vs2 hold (drives the operand values). */
export type FpSource = 'float' | 'int' | 'uint';

export interface Entry {
  readonly name: string;
  readonly kind: Kind;
  /** Operand form of the last source: vector, scalar register, immediate, FP scalar (none for other shapes). */
  readonly form: 'vv' | 'vx' | 'vi' | 'vf' | '';
  /** The immediate is unsigned (0..31). */
  readonly uimm: boolean;
  readonly mem?: MemKind;
  /** Memory: EEW of the data (unit/strided/whole) or of the index (indexed), in bits. */
  readonly eew?: number;
  /** Memory: fields per segment (1 = no segment), or registers for whole-register forms. */
  readonly nf?: number;
  /** Floating point: what vs2's elements are (integers for the int -> float conversions). */
  readonly src?: FpSource;
  /** Floating point: the result is an integer (float -> int conversions, vfclass). */
  readonly intResult?: boolean;
  /** Floating point: SEWs the instruction is defined at (with Zvfh). */
  readonly sews?: readonly number[];
}

const ARITH = new Set(['vadd', 'vsub', 'vrsub', 'vminu', 'vmin', 'vmaxu', 'vmax', 'vand', 'vor', 'vxor', 'vsll', 'vsrl', 'vsra',
  'vmul', 'vmulh', 'vmulhu', 'vmulhsu', 'vdivu', 'vdiv', 'vremu', 'vrem', 'vsaddu', 'vsadd', 'vssubu', 'vssub',
  'vaaddu', 'vaadd', 'vasubu', 'vasub', 'vsmul', 'vssrl', 'vssra']);

function formOf(suffix: string): Entry['form'] {
  if (/^[vw]v$|^vvm$|^vs$|^mm$/.test(suffix)) return 'vv';
  if (/^[vw]x$|^vxm$/.test(suffix)) return 'vx';
  if (/^[vw]i$|^vim$/.test(suffix)) return 'vi';
  return '';
}

function kindOf(name: string): Kind {
  const [base, suffix] = name.split('.', 2) as [string, string | undefined];
  if (ARITH.has(base)) return 'arith';
  if (/^vms(eq|ne|ltu|lt|leu|le|gtu|gt)$/.test(base)) return 'cmp';
  if (/^(vmacc|vnmsac|vmadd|vnmsub)$/.test(base)) return 'mac';
  if (/^vwmacc/.test(base)) return 'wmac';
  if (/^vw(addu|add|subu|sub)$/.test(base) && (suffix === 'wv' || suffix === 'wx')) return 'widew';
  if (/^vw(addu|add|subu|sub|mulu|mulsu|mul)$/.test(base)) return 'wide';
  if (/^vn(srl|sra|clipu|clip)$/.test(base)) return 'narrow';
  if (base === 'vadc' || base === 'vsbc') return 'adc';
  if (base === 'vmadc' || base === 'vmsbc') return 'madc';
  if (base === 'vmerge') return 'merge';
  if (name === 'vmv.v.v' || name === 'vmv.v.x' || name === 'vmv.v.i') return 'mvv';
  if (base === 'vzext' || base === 'vsext') return 'ext';
  if (/^vred/.test(base)) return 'red';
  if (/^vwredsum/.test(base)) return 'wred';
  if (suffix === 'mm') return 'mlogic';
  if (name === 'vcpop.m' || name === 'vfirst.m') return 'mscalar';
  if (/^vms[bio]f$/.test(base)) return 'mset';
  if (name === 'viota.m') return 'iota';
  if (name === 'vid.v') return 'vid';
  if (name === 'vmv.x.s') return 'mvxs';
  if (name === 'vmv.s.x') return 'mvsx';
  if (base === 'vslideup') return 'slideup';
  if (base === 'vslidedown') return 'slidedown';
  if (base === 'vslide1up') return 'slide1up';
  if (base === 'vslide1down') return 'slide1down';
  if (base === 'vrgather') return 'gather';
  if (base === 'vrgatherei16') return 'gatherei16';
  if (base === 'vcompress') return 'compress';
  if (/^vmv[1248]r$/.test(base)) return 'mvnr';
  throw new Error(`rvv-fuzz: no generator for ${name}`);
}

function build(): Entry[] {
  const out: Entry[] = [];
  for (const s of VECTOR_SPECS) {
    if (s.cls === InsnClass.VFp) continue;
    if (s.cls === InsnClass.VConfig) { out.push({ name: s.name, kind: 'vset', form: '', uimm: false }); continue; }
    if (s.mem !== undefined) {
      const store = s.cls === InsnClass.VStore;
      let eew: number, nf: number;
      if (s.mem === 'whole') {
        const m = /^v[ls](\d)re?(\d*)/.exec(s.name)!;
        nf = Number(m[1]); eew = m[2] ? Number(m[2]) : 8;
      } else if (s.mem === 'mask') { nf = 1; eew = 8; } else {
        const seg = /seg(\d)/.exec(s.name);
        nf = seg ? Number(seg[1]) : 1;
        eew = Number(/e[i]?(\d+)(ff)?\.v$/.exec(s.name)![1]);
      }
      out.push({ name: s.name, kind: store ? 'store' : 'load', form: '', uimm: false, mem: s.mem, eew, nf });
      continue;
    }
    const suffix = s.name.split('.').slice(1).join('.');
    out.push({ name: s.name, kind: kindOf(s.name), form: formOf(suffix), uimm: s.uimm === true });
  }
  return out;
}

/** Every non-FP vector instruction with its generator shape. */
export const CATALOG: readonly Entry[] = build();

function fpKindOf(name: string): Kind {
  const [base, suffix] = name.split('.', 2) as [string, string];
  if (/^vf(add|sub|mul|div|min|max|sgnj|sgnjn|sgnjx|rsub|rdiv)$/.test(base)) return 'farith';
  if (/^vfn?m(acc|sac|add|sub)$/.test(base)) return 'fmac';
  if (/^vmf(eq|ne|lt|le|gt|ge)$/.test(base)) return 'fcmp';
  if (/^vfwn?m(acc|sac)$/.test(base)) return 'fwmac';
  if (/^vfw(add|sub)$/.test(base) && suffix.startsWith('w')) return 'fwidew';
  if (/^vfw(add|sub|mul)$/.test(base)) return 'fwide';
  if (/^(vfsqrt|vfrsqrt7|vfrec7|vfclass|vfcvt)$/.test(base)) return 'funary';
  if (base === 'vfwcvt') return 'fwcvt';
  if (base === 'vfncvt') return 'fncvt';
  if (/^vfred/.test(base)) return 'fred';
  if (/^vfwred/.test(base)) return 'fwred';
  if (name === 'vfmerge.vfm') return 'fmerge';
  if (name === 'vfmv.v.f') return 'fmvvf';
  if (name === 'vfmv.s.f') return 'fmvsf';
  if (name === 'vfmv.f.s') return 'fmvfs';
  if (name === 'vfslide1up.vf') return 'fslide1up';
  if (name === 'vfslide1down.vf') return 'fslide1down';
  throw new Error(`rvv-fuzz: no generator for ${name}`);
}

function buildFp(): Entry[] {
  const out: Entry[] = [];
  for (const s of VECTOR_SPECS) {
    if (s.cls !== InsnClass.VFp) continue;
    const name = s.name, kind = fpKindOf(name);
    const suffix = name.slice(name.lastIndexOf('.') + 1);
    const form: Entry['form'] = /^[vw]v$|^vs$/.test(suffix) ? 'vv' : /^[vw]f$|^vfm$/.test(suffix) ? 'vf' : '';
    // Conversions: .f.x[u] reads integers; .x[u].f produces them.
    const parts = name.split('.');
    const src: FpSource = /^vf[wn]?cvt$/.test(parts[0]) && parts[parts.length - 2] === 'x' ? 'int'
      : /^vf[wn]?cvt$/.test(parts[0]) && parts[parts.length - 2] === 'xu' ? 'uint' : 'float';
    const intResult = name === 'vfclass.v' || (/^vf[wn]?cvt$/.test(parts[0]) && /^xu?$/.test(parts[parts.length - 3]));
    let sews: number[];
    if (kind === 'fwcvt') sews = src === 'float' ? [16, 32] : [8, 16, 32];
    else if (kind === 'fncvt') sews = intResult ? [8, 16, 32] : [16, 32];
    else if (kind === 'fwide' || kind === 'fwidew' || kind === 'fwmac' || kind === 'fwred') sews = [16, 32];
    else sews = [16, 32, 64];
    out.push({ name, kind, form, uimm: false, src, intResult, sews });
  }
  return out;
}

/** Every floating-point vector instruction with its generator shape. */
export const FP_CATALOG: readonly Entry[] = buildFp();
