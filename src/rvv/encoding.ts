// The RVV 1.0 instruction encodings: OP-V (0x57) and the vector forms of LOAD-FP/STORE-FP (0x07/0x27 with
// width 0, 5, 6 or 7). One entry per mnemonic as GNU objdump names it; the floating-point entries are here
// too so that decoding and disassembly cover the whole extension. No two entries match the same word, and
// the set of words matched is exactly the set objdump (binutils 2.40) names (checked by a test against
// objdump's output), so reserved encodings (vm=0 on always-unmasked forms, mew=1, nf on whole-register forms
// other than 1/2/4/8...) are illegal instructions.
//
// Decoded fields of a vector instruction (see decodeVectorFields):
//   rd   vd, or vs3 of a store; a scalar destination (vset*, vmv.x.s, vcpop.m, vfirst.m) that is x0 is
//        redirected to X_SINK like every integer destination; vector and FP destinations never are
//   rs1  vs1 / rs1 / fs1 (vsetivli: the AVL immediate)
//   rs2  vs2 / rs2 / fs2 (memory: the stride register or index register; unit-stride: lumop)
//   rm   the vm bit: 1 = unmasked, 0 = masked by v0
//   imm  simm5 or uimm5 (per instruction); vsetvli/vsetivli: the vtype immediate; vmv<nr>r.v: nr;
//        loads/stores: the EEW in bits of the data (unit/strided/whole) or of the index (indexed)
//   rs3  loads/stores: the number of fields (nf + 1)
import { InsnClass, X_SINK, type Decoded, type InsnSpec, type RegKind } from '../isa/spec.js';

/** Operand layout of a vector instruction (decoding and disassembly). */
export type VShape =
  | 'vv' | 'vx' | 'vi' | 'vf'                 // vd, vs2, vs1|rs1|imm|fs1 [,v0.t]
  | 'vvm' | 'vxm' | 'vim' | 'vfm'             // vd, vs2, vs1|rs1|imm|fs1, v0   (carry / merge)
  | 'mvv' | 'mvx' | 'mvf'                     // vd, vs1|rs1|fs1, vs2 [,v0.t]   (multiply-add)
  | 'v'                                       // vd, vs2 [,v0.t]
  | 'vd'                                      // vd [,v0.t]                      (vid.v)
  | 'xv' | 'fv'                               // rd|fd, vs2 [,v0.t]
  | 'sx' | 'sf' | 'sv' | 'si'                 // vd, rs1|fs1|vs1|imm            (vmv.s.x, vmv.v.*)
  | 'vsetvli' | 'vsetivli' | 'vsetvl'
  | 'mu' | 'ms' | 'mx'                        // vd, (rs1) [,rs2|vs2] [,v0.t]
  | 'nr';                                     // vmv<nr>r.v vd, vs2

export type MemKind = 'unit' | 'ff' | 'strided' | 'ux' | 'ox' | 'whole' | 'mask';

export interface VSpec extends InsnSpec {
  readonly shape: VShape;
  /** The 5-bit immediate is unsigned (shift amounts, slide offsets, gather index). */
  readonly uimm?: boolean;
  /** Loads and stores: the addressing kind. */
  readonly mem?: MemKind;
}

const OP_V = 0x57, LOAD_FP = 0x07, STORE_FP = 0x27;
const OPIVV = 0, OPFVV = 1, OPMVV = 2, OPIVI = 3, OPIVX = 4, OPFVF = 5, OPMVX = 6, OPCFG = 7;

interface Fix { f6?: number; vm?: number; vs2?: number; vs1?: number; vd?: number }
interface Extra { uimm?: boolean; regs?: readonly [RegKind, RegKind, RegKind?, RegKind?]; endsBlock?: boolean; mem?: MemKind }

function opv(name: string, f3: number, shape: VShape, cls: InsnClass, fix: Fix, extra: Extra = {}): VSpec {
  let mask = 0x707f, match = (f3 << 12) | OP_V;
  const put = (v: number | undefined, shift: number, width: number): void => {
    if (v === undefined) return;
    const m = ((1 << width) - 1) << shift;
    mask |= m; match = (match & ~m) | ((v << shift) & m);
  };
  put(fix.f6, 26, 6); put(fix.vm, 25, 1); put(fix.vs2, 20, 5); put(fix.vs1, 15, 5); put(fix.vd, 7, 5);
  const s: { -readonly [K in keyof VSpec]: VSpec[K] } = { name, mask: mask >>> 0, match: match >>> 0, format: 'V', ext: 'V', cls, shape };
  if (extra.uimm) s.uimm = true;
  if (extra.regs !== undefined) s.regs = extra.regs;
  if (extra.endsBlock) s.endsBlock = true;
  return s;
}

const specs: VSpec[] = [];
const add = (s: VSpec): void => { specs.push(s); };

// ---------------------------------------------------------------- configuration
// vsetvli: bit 31 = 0; vsetivli: bits 31:30 = 11; vsetvl: bits 31:25 = 1000000.
specs.push({ name: 'vsetvli', mask: 0x8000707f, match: (OPCFG << 12) | OP_V, format: 'V', ext: 'V', cls: InsnClass.VConfig, shape: 'vsetvli' });
specs.push({ name: 'vsetivli', mask: 0xc000707f, match: (0xc0000000 | (OPCFG << 12) | OP_V) >>> 0, format: 'V', ext: 'V', cls: InsnClass.VConfig, shape: 'vsetivli' });
specs.push({ name: 'vsetvl', mask: 0xfe00707f, match: (0x80000000 | (OPCFG << 12) | OP_V) >>> 0, format: 'V', ext: 'V', cls: InsnClass.VConfig, shape: 'vsetvl' });

// ---------------------------------------------------------------- OPI: integer vector-vector/scalar/immediate
/** forms: V = .vv, X = .vx, I = .vi (signed immediate), U = .vi with an unsigned immediate. */
const OPI: readonly [number, string, string, InsnClass][] = [
  [0x00, 'vadd', 'VXI', InsnClass.VInt], [0x02, 'vsub', 'VX', InsnClass.VInt], [0x03, 'vrsub', 'XI', InsnClass.VInt],
  [0x04, 'vminu', 'VX', InsnClass.VInt], [0x05, 'vmin', 'VX', InsnClass.VInt],
  [0x06, 'vmaxu', 'VX', InsnClass.VInt], [0x07, 'vmax', 'VX', InsnClass.VInt],
  [0x09, 'vand', 'VXI', InsnClass.VInt], [0x0a, 'vor', 'VXI', InsnClass.VInt], [0x0b, 'vxor', 'VXI', InsnClass.VInt],
  [0x0c, 'vrgather', 'VXU', InsnClass.VMaskPermute],
  [0x0e, 'vslideup', 'XU', InsnClass.VMaskPermute], [0x0f, 'vslidedown', 'XU', InsnClass.VMaskPermute],
  [0x18, 'vmseq', 'VXI', InsnClass.VInt], [0x19, 'vmsne', 'VXI', InsnClass.VInt],
  [0x1a, 'vmsltu', 'VX', InsnClass.VInt], [0x1b, 'vmslt', 'VX', InsnClass.VInt],
  [0x1c, 'vmsleu', 'VXI', InsnClass.VInt], [0x1d, 'vmsle', 'VXI', InsnClass.VInt],
  [0x1e, 'vmsgtu', 'XI', InsnClass.VInt], [0x1f, 'vmsgt', 'XI', InsnClass.VInt],
  [0x20, 'vsaddu', 'VXI', InsnClass.VFixed], [0x21, 'vsadd', 'VXI', InsnClass.VFixed],
  [0x22, 'vssubu', 'VX', InsnClass.VFixed], [0x23, 'vssub', 'VX', InsnClass.VFixed],
  [0x25, 'vsll', 'VXU', InsnClass.VInt], [0x27, 'vsmul', 'VX', InsnClass.VFixed],
  [0x28, 'vsrl', 'VXU', InsnClass.VInt], [0x29, 'vsra', 'VXU', InsnClass.VInt],
  [0x2a, 'vssrl', 'VXU', InsnClass.VFixed], [0x2b, 'vssra', 'VXU', InsnClass.VFixed],
];
for (const [f6, n, forms, cls] of OPI) {
  if (forms.includes('V')) add(opv(`${n}.vv`, OPIVV, 'vv', cls, { f6 }));
  if (forms.includes('X')) add(opv(`${n}.vx`, OPIVX, 'vx', cls, { f6 }));
  if (forms.includes('I')) add(opv(`${n}.vi`, OPIVI, 'vi', cls, { f6 }));
  if (forms.includes('U')) add(opv(`${n}.vi`, OPIVI, 'vi', cls, { f6 }, { uimm: true }));
}
// Narrowing shifts and clips: vs2 is the wide operand.
for (const [f6, n, cls] of [[0x2c, 'vnsrl', InsnClass.VInt], [0x2d, 'vnsra', InsnClass.VInt],
  [0x2e, 'vnclipu', InsnClass.VFixed], [0x2f, 'vnclip', InsnClass.VFixed]] as const) {
  add(opv(`${n}.wv`, OPIVV, 'vv', cls, { f6 }));
  add(opv(`${n}.wx`, OPIVX, 'vx', cls, { f6 }));
  add(opv(`${n}.wi`, OPIVI, 'vi', cls, { f6 }, { uimm: true }));
}
add(opv('vrgatherei16.vv', OPIVV, 'vv', InsnClass.VMaskPermute, { f6: 0x0e }));
// Add/subtract with carry: vadc/vsbc always take the carry in v0 (vm=0); vmadc/vmsbc with or without.
add(opv('vadc.vvm', OPIVV, 'vvm', InsnClass.VInt, { f6: 0x10, vm: 0 }));
add(opv('vadc.vxm', OPIVX, 'vxm', InsnClass.VInt, { f6: 0x10, vm: 0 }));
add(opv('vadc.vim', OPIVI, 'vim', InsnClass.VInt, { f6: 0x10, vm: 0 }));
add(opv('vmadc.vvm', OPIVV, 'vvm', InsnClass.VInt, { f6: 0x11, vm: 0 }));
add(opv('vmadc.vxm', OPIVX, 'vxm', InsnClass.VInt, { f6: 0x11, vm: 0 }));
add(opv('vmadc.vim', OPIVI, 'vim', InsnClass.VInt, { f6: 0x11, vm: 0 }));
add(opv('vmadc.vv', OPIVV, 'vv', InsnClass.VInt, { f6: 0x11, vm: 1 }));
add(opv('vmadc.vx', OPIVX, 'vx', InsnClass.VInt, { f6: 0x11, vm: 1 }));
add(opv('vmadc.vi', OPIVI, 'vi', InsnClass.VInt, { f6: 0x11, vm: 1 }));
add(opv('vsbc.vvm', OPIVV, 'vvm', InsnClass.VInt, { f6: 0x12, vm: 0 }));
add(opv('vsbc.vxm', OPIVX, 'vxm', InsnClass.VInt, { f6: 0x12, vm: 0 }));
add(opv('vmsbc.vvm', OPIVV, 'vvm', InsnClass.VInt, { f6: 0x13, vm: 0 }));
add(opv('vmsbc.vxm', OPIVX, 'vxm', InsnClass.VInt, { f6: 0x13, vm: 0 }));
add(opv('vmsbc.vv', OPIVV, 'vv', InsnClass.VInt, { f6: 0x13, vm: 1 }));
add(opv('vmsbc.vx', OPIVX, 'vx', InsnClass.VInt, { f6: 0x13, vm: 1 }));
// Merge (vm=0) and move (vm=1, vs2=0).
add(opv('vmerge.vvm', OPIVV, 'vvm', InsnClass.VInt, { f6: 0x17, vm: 0 }));
add(opv('vmerge.vxm', OPIVX, 'vxm', InsnClass.VInt, { f6: 0x17, vm: 0 }));
add(opv('vmerge.vim', OPIVI, 'vim', InsnClass.VInt, { f6: 0x17, vm: 0 }));
add(opv('vmv.v.v', OPIVV, 'sv', InsnClass.VInt, { f6: 0x17, vm: 1, vs2: 0 }));
add(opv('vmv.v.x', OPIVX, 'sx', InsnClass.VInt, { f6: 0x17, vm: 1, vs2: 0 }));
add(opv('vmv.v.i', OPIVI, 'si', InsnClass.VInt, { f6: 0x17, vm: 1, vs2: 0 }));
// Whole-register moves: simm5 = nr - 1.
for (const nr of [1, 2, 4, 8]) add(opv(`vmv${nr}r.v`, OPIVI, 'nr', InsnClass.VMaskPermute, { f6: 0x27, vm: 1, vs1: nr - 1 }));
// Widening reductions.
add(opv('vwredsumu.vs', OPIVV, 'vv', InsnClass.VInt, { f6: 0x30 }));
add(opv('vwredsum.vs', OPIVV, 'vv', InsnClass.VInt, { f6: 0x31 }));

// ---------------------------------------------------------------- OPM: multiply, divide, reductions, masks
const REDS = ['vredsum', 'vredand', 'vredor', 'vredxor', 'vredminu', 'vredmin', 'vredmaxu', 'vredmax'];
REDS.forEach((n, f6) => add(opv(`${n}.vs`, OPMVV, 'vv', InsnClass.VInt, { f6 })));
const OPM_VX: readonly [number, string, InsnClass, VShape?][] = [
  [0x08, 'vaaddu', InsnClass.VFixed], [0x09, 'vaadd', InsnClass.VFixed],
  [0x0a, 'vasubu', InsnClass.VFixed], [0x0b, 'vasub', InsnClass.VFixed],
  [0x20, 'vdivu', InsnClass.VInt], [0x21, 'vdiv', InsnClass.VInt], [0x22, 'vremu', InsnClass.VInt], [0x23, 'vrem', InsnClass.VInt],
  [0x24, 'vmulhu', InsnClass.VInt], [0x25, 'vmul', InsnClass.VInt], [0x26, 'vmulhsu', InsnClass.VInt], [0x27, 'vmulh', InsnClass.VInt],
  [0x29, 'vmadd', InsnClass.VInt, 'mvv'], [0x2b, 'vnmsub', InsnClass.VInt, 'mvv'],
  [0x2d, 'vmacc', InsnClass.VInt, 'mvv'], [0x2f, 'vnmsac', InsnClass.VInt, 'mvv'],
  [0x30, 'vwaddu', InsnClass.VInt], [0x31, 'vwadd', InsnClass.VInt], [0x32, 'vwsubu', InsnClass.VInt], [0x33, 'vwsub', InsnClass.VInt],
  [0x38, 'vwmulu', InsnClass.VInt], [0x3a, 'vwmulsu', InsnClass.VInt], [0x3b, 'vwmul', InsnClass.VInt],
  [0x3c, 'vwmaccu', InsnClass.VInt, 'mvv'], [0x3d, 'vwmacc', InsnClass.VInt, 'mvv'], [0x3f, 'vwmaccsu', InsnClass.VInt, 'mvv'],
];
for (const [f6, n, cls, sh] of OPM_VX) {
  add(opv(`${n}.vv`, OPMVV, sh ?? 'vv', cls, { f6 }));
  add(opv(`${n}.vx`, OPMVX, sh === 'mvv' ? 'mvx' : 'vx', cls, { f6 }));
}
for (const [f6, n] of [[0x34, 'vwaddu'], [0x35, 'vwadd'], [0x36, 'vwsubu'], [0x37, 'vwsub']] as const) {
  add(opv(`${n}.wv`, OPMVV, 'vv', InsnClass.VInt, { f6 }));
  add(opv(`${n}.wx`, OPMVX, 'vx', InsnClass.VInt, { f6 }));
}
add(opv('vwmaccus.vx', OPMVX, 'mvx', InsnClass.VInt, { f6: 0x3e }));
add(opv('vslide1up.vx', OPMVX, 'vx', InsnClass.VMaskPermute, { f6: 0x0e }));
add(opv('vslide1down.vx', OPMVX, 'vx', InsnClass.VMaskPermute, { f6: 0x0f }));
// VWXUNARY0 / VRXUNARY0.
add(opv('vmv.x.s', OPMVV, 'xv', InsnClass.VMaskPermute, { f6: 0x10, vm: 1, vs1: 0x00 }));
add(opv('vcpop.m', OPMVV, 'xv', InsnClass.VMaskPermute, { f6: 0x10, vs1: 0x10 }));
add(opv('vfirst.m', OPMVV, 'xv', InsnClass.VMaskPermute, { f6: 0x10, vs1: 0x11 }));
add(opv('vmv.s.x', OPMVX, 'sx', InsnClass.VMaskPermute, { f6: 0x10, vm: 1, vs2: 0 }));
// VXUNARY0: zero/sign extension.
for (const [vs1, n] of [[2, 'vzext.vf8'], [3, 'vsext.vf8'], [4, 'vzext.vf4'], [5, 'vsext.vf4'], [6, 'vzext.vf2'], [7, 'vsext.vf2']] as const) {
  add(opv(n, OPMVV, 'v', InsnClass.VInt, { f6: 0x12, vs1 }));
}
// VMUNARY0.
add(opv('vmsbf.m', OPMVV, 'v', InsnClass.VMaskPermute, { f6: 0x14, vs1: 0x01 }));
add(opv('vmsof.m', OPMVV, 'v', InsnClass.VMaskPermute, { f6: 0x14, vs1: 0x02 }));
add(opv('vmsif.m', OPMVV, 'v', InsnClass.VMaskPermute, { f6: 0x14, vs1: 0x03 }));
add(opv('viota.m', OPMVV, 'v', InsnClass.VMaskPermute, { f6: 0x14, vs1: 0x10 }));
add(opv('vid.v', OPMVV, 'vd', InsnClass.VMaskPermute, { f6: 0x14, vs1: 0x11, vs2: 0 }));
add(opv('vcompress.vm', OPMVV, 'vv', InsnClass.VMaskPermute, { f6: 0x17, vm: 1 }));
['vmandn', 'vmand', 'vmor', 'vmxor', 'vmorn', 'vmnand', 'vmnor', 'vmxnor'].forEach((n, i) =>
  add(opv(`${n}.mm`, OPMVV, 'vv', InsnClass.VMaskPermute, { f6: 0x18 + i, vm: 1 })));

// ---------------------------------------------------------------- OPF: floating point
const F = InsnClass.VFp;
const OPF_VF: readonly [number, string, string, VShape?][] = [
  [0x00, 'vfadd', 'VF'], [0x02, 'vfsub', 'VF'], [0x04, 'vfmin', 'VF'], [0x06, 'vfmax', 'VF'],
  [0x08, 'vfsgnj', 'VF'], [0x09, 'vfsgnjn', 'VF'], [0x0a, 'vfsgnjx', 'VF'],
  [0x0e, 'vfslide1up', 'F'], [0x0f, 'vfslide1down', 'F'],
  [0x18, 'vmfeq', 'VF'], [0x19, 'vmfle', 'VF'], [0x1b, 'vmflt', 'VF'], [0x1c, 'vmfne', 'VF'],
  [0x1d, 'vmfgt', 'F'], [0x1f, 'vmfge', 'F'],
  [0x20, 'vfdiv', 'VF'], [0x21, 'vfrdiv', 'F'], [0x24, 'vfmul', 'VF'], [0x27, 'vfrsub', 'F'],
  [0x28, 'vfmadd', 'VF', 'mvv'], [0x29, 'vfnmadd', 'VF', 'mvv'], [0x2a, 'vfmsub', 'VF', 'mvv'], [0x2b, 'vfnmsub', 'VF', 'mvv'],
  [0x2c, 'vfmacc', 'VF', 'mvv'], [0x2d, 'vfnmacc', 'VF', 'mvv'], [0x2e, 'vfmsac', 'VF', 'mvv'], [0x2f, 'vfnmsac', 'VF', 'mvv'],
  [0x30, 'vfwadd', 'VF'], [0x32, 'vfwsub', 'VF'], [0x38, 'vfwmul', 'VF'],
  [0x3c, 'vfwmacc', 'VF', 'mvv'], [0x3d, 'vfwnmacc', 'VF', 'mvv'], [0x3e, 'vfwmsac', 'VF', 'mvv'], [0x3f, 'vfwnmsac', 'VF', 'mvv'],
];
for (const [f6, n, forms, sh] of OPF_VF) {
  if (forms.includes('V')) add(opv(`${n}.vv`, OPFVV, sh ?? 'vv', F, { f6 }));
  if (forms.includes('F')) add(opv(`${n}.vf`, OPFVF, sh === 'mvv' ? 'mvf' : 'vf', F, { f6 }));
}
for (const [f6, n] of [[0x34, 'vfwadd'], [0x36, 'vfwsub']] as const) {
  add(opv(`${n}.wv`, OPFVV, 'vv', F, { f6 }));
  add(opv(`${n}.wf`, OPFVF, 'vf', F, { f6 }));
}
for (const [f6, n] of [[0x01, 'vfredusum'], [0x03, 'vfredosum'], [0x05, 'vfredmin'], [0x07, 'vfredmax'],
  [0x31, 'vfwredusum'], [0x33, 'vfwredosum']] as const) add(opv(`${n}.vs`, OPFVV, 'vv', F, { f6 }));
add(opv('vfmerge.vfm', OPFVF, 'vfm', F, { f6: 0x17, vm: 0 }));
add(opv('vfmv.v.f', OPFVF, 'sf', F, { f6: 0x17, vm: 1, vs2: 0 }));
add(opv('vfmv.f.s', OPFVV, 'fv', F, { f6: 0x10, vm: 1, vs1: 0 }));
add(opv('vfmv.s.f', OPFVF, 'sf', F, { f6: 0x10, vm: 1, vs2: 0 }));
const VFUNARY0: readonly [number, string][] = [
  [0, 'vfcvt.xu.f.v'], [1, 'vfcvt.x.f.v'], [2, 'vfcvt.f.xu.v'], [3, 'vfcvt.f.x.v'], [6, 'vfcvt.rtz.xu.f.v'], [7, 'vfcvt.rtz.x.f.v'],
  [8, 'vfwcvt.xu.f.v'], [9, 'vfwcvt.x.f.v'], [10, 'vfwcvt.f.xu.v'], [11, 'vfwcvt.f.x.v'], [12, 'vfwcvt.f.f.v'],
  [14, 'vfwcvt.rtz.xu.f.v'], [15, 'vfwcvt.rtz.x.f.v'],
  [16, 'vfncvt.xu.f.w'], [17, 'vfncvt.x.f.w'], [18, 'vfncvt.f.xu.w'], [19, 'vfncvt.f.x.w'], [20, 'vfncvt.f.f.w'],
  [21, 'vfncvt.rod.f.f.w'], [22, 'vfncvt.rtz.xu.f.w'], [23, 'vfncvt.rtz.x.f.w'],
];
for (const [vs1, n] of VFUNARY0) add(opv(n, OPFVV, 'v', F, { f6: 0x12, vs1 }));
for (const [vs1, n] of [[0, 'vfsqrt.v'], [4, 'vfrsqrt7.v'], [5, 'vfrec7.v'], [16, 'vfclass.v']] as const) {
  add(opv(n, OPFVV, 'v', F, { f6: 0x13, vs1 }));
}

// ---------------------------------------------------------------- loads and stores
const WIDTHS: readonly [number, number][] = [[0, 8], [5, 16], [6, 32], [7, 64]];

function memSpec(name: string, store: boolean, width: number, fix: { nf?: number; mop: number; vm?: number; lumop?: number }, mem: MemKind, shape: VShape): VSpec {
  let mask = 0x707f | (1 << 28) | (3 << 26), match = (width << 12) | (store ? STORE_FP : LOAD_FP) | (fix.mop << 26);
  if (fix.nf !== undefined) { mask |= 7 << 29; match |= fix.nf << 29; }
  if (fix.vm !== undefined) { mask |= 1 << 25; match |= fix.vm << 25; }
  if (fix.lumop !== undefined) { mask |= 31 << 20; match |= fix.lumop << 20; }
  return {
    name, mask: mask >>> 0, match: match >>> 0, format: 'V', ext: 'V',
    cls: store ? InsnClass.VStore : InsnClass.VLoad, shape, mem,
  };
}

for (const store of [false, true]) {
  const l = store ? 's' : 'l';
  for (const [width, eew] of WIDTHS) {
    for (let nf = 0; nf < 8; nf++) {
      const seg = nf === 0 ? '' : `seg${nf + 1}`;
      add(memSpec(`v${l}${seg}e${eew}.v`, store, width, { nf, mop: 0, lumop: 0 }, 'unit', 'mu'));
      if (!store) add(memSpec(`v${l}${seg}e${eew}ff.v`, store, width, { nf, mop: 0, lumop: 16 }, 'ff', 'mu'));
      add(memSpec(`v${l}s${seg}e${eew}.v`, store, width, { nf, mop: 2 }, 'strided', 'ms'));
      add(memSpec(`v${l}ux${seg}ei${eew}.v`, store, width, { nf, mop: 1 }, 'ux', 'mx'));
      add(memSpec(`v${l}ox${seg}ei${eew}.v`, store, width, { nf, mop: 3 }, 'ox', 'mx'));
    }
    // Whole registers: nf + 1 in {1, 2, 4, 8}, unmasked; stores only with width 0 (vs<nr>r.v).
    for (const nr of [1, 2, 4, 8]) {
      if (store && eew !== 8) continue;
      const name = store ? `vs${nr}r.v` : `vl${nr}re${eew}.v`;
      add(memSpec(name, store, width, { nf: nr - 1, mop: 0, vm: 1, lumop: 8 }, 'whole', 'mu'));
    }
  }
  add(memSpec(store ? 'vsm.v' : 'vlm.v', store, 0, { nf: 0, mop: 0, vm: 1, lumop: 11 }, 'mask', 'mu'));
}

/** Every vector instruction (RVV 1.0 including the floating-point ones). */
export const VECTOR_SPECS: readonly VSpec[] = specs;

export const VSPEC_BY_NAME: ReadonlyMap<string, VSpec> = new Map(specs.map((s) => [s.name, s]));

/** The entry for a mnemonic; throws for unknown names (tests and tools). */
export function vspecByName(name: string): VSpec {
  const s = VSPEC_BY_NAME.get(name);
  if (s === undefined) throw new Error(`no vector instruction named ${name}`);
  return s;
}

// ---------------------------------------------------------------- lookup
// Slots keyed by major opcode (3), funct3/width (8) and bits [31:26] (funct6, or nf/mew/mop).
const slots: VSpec[][] = Array.from({ length: 3 * 8 * 64 }, () => []);
const opIndex = (w: number): number => {
  const op = w & 0x7f;
  return op === OP_V ? 0 : op === LOAD_FP ? 1 : op === STORE_FP ? 2 : -1;
};
for (const s of specs) {
  const oi = opIndex(s.match), f3 = (s.match >>> 12) & 7;
  const fixedHi = (s.mask >>> 26) & 63, hi = (s.match >>> 26) & 63;
  for (let k = 0; k < 64; k++) if ((k & fixedHi) === hi) slots[(oi * 8 + f3) * 64 + k].push(s);
}

/** The vector entry matching a 32-bit word, or undefined (not a vector encoding, or a reserved one). */
export function lookupVector(w: number): VSpec | undefined {
  const oi = opIndex(w);
  if (oi < 0) return undefined;
  const f3 = (w >>> 12) & 7;
  // LOAD-FP/STORE-FP widths 1..4 are scalar (flh/flw/fld/flq and stores).
  if (oi > 0 && f3 >= 1 && f3 <= 4) return undefined;
  const list = slots[(oi * 8 + f3) * 64 + ((w >>> 26) & 63)];
  for (let i = 0; i < list.length; i++) if (((w & list[i].mask) >>> 0) === list[i].match) return list[i];
  return undefined;
}

/** Fill d's operand fields from the word w (see the field table at the top of this file). */
export function decodeVectorFields(w: number, d: Decoded): void {
  const s = d.spec as VSpec;
  const rd = (w >>> 7) & 31, rs1 = (w >>> 15) & 31, rs2 = (w >>> 20) & 31;
  d.rd = rd; d.rs1 = rs1; d.rs2 = rs2; d.rm = (w >>> 25) & 1; d.rs3 = 0; d.imm = 0;
  switch (s.shape) {
    case 'vsetvli': d.rd = rd === 0 ? X_SINK : rd; d.imm = (w >>> 20) & 0x7ff; d.rm = 1; break;
    case 'vsetivli': d.rd = rd === 0 ? X_SINK : rd; d.imm = (w >>> 20) & 0x3ff; d.rm = 1; break;
    case 'vsetvl': d.rd = rd === 0 ? X_SINK : rd; d.rm = 1; break;
    case 'xv': d.rd = rd === 0 ? X_SINK : rd; break;
    case 'vi': case 'vim': case 'si':
      d.imm = s.uimm ? rs1 : (rs1 << 27) >> 27;
      break;
    case 'nr': d.imm = rs1 + 1; break;
    case 'mu': case 'ms': case 'mx': {
      const width = (w >>> 12) & 7;
      d.imm = width === 0 ? 8 : 8 << (width - 4);
      d.rs3 = (w >>> 29) + 1;
      break;
    }
    default: break;
  }
}
