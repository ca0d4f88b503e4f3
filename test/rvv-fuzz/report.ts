// Decoding dump records and describing a difference between two of them in words.
import {
  AREA, AREA_SIZE, OFF_FFLAGS, OFF_FRM, OFF_VL, OFF_VLENB, OFF_VREGS, OFF_VSTART, OFF_VTYPE, OFF_VXRM, OFF_VXSAT, recordSize,
} from './layout.js';
import { FLAG_HISTORY, type Item, type Operand } from './gen.js';

export interface State {
  id: number;
  x: bigint[];
  vl: bigint; vtype: bigint; vstart: bigint; vxsat: bigint; vxrm: bigint; vlenb: number;
  vregs: Uint8Array;
  mem: Uint8Array;
  /** Floating-point programs: fflags, frm and f0..f31 as bits. */
  fp?: { fflags: bigint; frm: bigint; f: bigint[] };
}

export function decodeRecord(buf: Uint8Array, vlen: number, fp = false): State {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const q = (o: number): bigint => dv.getBigUint64(o, true);
  const vlenb = vlen / 8;
  return {
    id: Number(q(0)),
    x: Array.from({ length: 32 }, (_, r) => (r === 0 ? 0n : q(8 * r))),
    vl: q(OFF_VL), vtype: q(OFF_VTYPE), vstart: q(OFF_VSTART), vxsat: q(OFF_VXSAT), vxrm: q(OFF_VXRM), vlenb: Number(q(OFF_VLENB)),
    vregs: buf.subarray(OFF_VREGS, OFF_VREGS + 32 * vlenb),
    mem: buf.subarray(OFF_VREGS + 32 * vlenb, recordSize(vlen)),
    ...(fp ? { fp: { fflags: q(OFF_FFLAGS), frm: q(OFF_FRM), f: Array.from({ length: 32 }, (_, r) => q(recordSize(vlen) + 8 * r)) } } : {}),
  };
}

/** Split an output stream into records (a trailing partial record is dropped). */
export function splitRecords(out: Uint8Array, vlen: number, fp = false): Uint8Array[] {
  const n = recordSize(vlen, fp), recs: Uint8Array[] = [];
  for (let o = 0; o + n <= out.length; o += n) recs.push(out.subarray(o, o + n));
  return recs;
}

export function vtypeName(vtype: bigint): string {
  if (vtype >> 63n) return `vill (0x${vtype.toString(16)})`;
  const v = Number(vtype), lm = v & 7;
  const lmul = lm < 4 ? `m${1 << lm}` : `mf${1 << (8 - lm)}`;
  return `e${8 << ((v >> 3) & 7)},${lmul},${v & 64 ? 'ta' : 'tu'},${v & 128 ? 'ma' : 'mu'}`;
}

const hex = (v: bigint, bytes: number): string => `0x${v.toString(16).padStart(bytes * 2, '0')}`;

/** Element i of register group starting at reg, EEW bits. */
function element(s: State, reg: number, eew: number, i: number): bigint {
  const b = eew / 8, o = reg * s.vlenb + i * b;
  let v = 0n;
  for (let k = b - 1; k >= 0; k--) v = (v << 8n) | BigInt(s.vregs[o + k] ?? 0);
  return v;
}

function maskBits(s: State, reg: number, count: number): string {
  let t = '';
  for (let i = 0; i < count; i++) t += (s.vregs[reg * s.vlenb + (i >> 3)] >> (i & 7)) & 1;
  return t;
}

function groupText(s: State, o: Operand, limit: number): string {
  if (o.eew === 1) return `mask bits 0..${limit - 1}: ${maskBits(s, o.reg, limit)}`;
  const per = (o.n * s.vlenb * 8) / o.eew, cnt = Math.min(per, limit);
  const els: string[] = [];
  for (let i = 0; i < cnt; i++) els.push(hex(element(s, o.reg, o.eew, i), o.eew / 8));
  return `[${els.join(' ')}]${per > cnt ? ` (+${per - cnt} more)` : ''}`;
}

/** Register v<reg> as elements of the current SEW (up to vl, at most 32). */
export function registerText(s: State, reg: number): string {
  const v = Number(s.vtype), eew = s.vtype >> 63n ? 8 : 8 << ((v >> 3) & 7);
  const lim = Math.max(1, Math.min(Number(s.vl) || 8, 32, (s.vlenb * 8) / eew));
  return `v${reg} (e${eew}): ${groupText(s, { role: '', reg, n: 1, eew }, lim)}`;
}

export const stateLine = (s: State): string =>
  `vtype ${vtypeName(s.vtype)}, vl ${s.vl}, vstart ${s.vstart}, vxrm ${s.vxrm}, vxsat ${s.vxsat}` +
  (s.fp ? `, frm ${s.fp.frm}, fflags ${flagsText(s.fp.fflags)}` : '');

/** fflags bits by name (NV DZ OF UF NX). */
export function flagsText(v: bigint): string {
  const n = Number(v & 31n);
  const t = [[16, 'NV'], [8, 'DZ'], [4, 'OF'], [2, 'UF'], [1, 'NX']].filter(([b]) => n & (b as number)).map(([, s]) => s).join('|');
  return t === '' ? '0' : t;
}

/** The per-instruction flags in the history register, latest first. */
const historyText = (v: bigint): string =>
  Array.from({ length: 12 }, (_, i) => flagsText(v >> BigInt(5 * i))).join(' ');

/** The registers and memory where two records differ, in words. */
export function diffStates(a: State, b: State, aName: string, bName: string, item?: Item): string[] {
  const out: string[] = [];
  for (const k of ['vl', 'vtype', 'vstart', 'vxsat', 'vxrm'] as const) {
    if (a[k] !== b[k]) out.push(`${k}: ${aName} ${k === 'vtype' ? vtypeName(a[k]) : a[k]}, ${bName} ${k === 'vtype' ? vtypeName(b[k]) : b[k]}`);
  }
  for (let r = 1; r < 32; r++) {
    if (a.x[r] === b.x[r]) continue;
    out.push(`x${r}: ${aName} ${hex(a.x[r], 8)}, ${bName} ${hex(b.x[r], 8)}`);
    if (a.fp && r === FLAG_HISTORY) out.push(`  fflags of the last FP instructions, latest first: ${aName} ${historyText(a.x[r])}; ${bName} ${historyText(b.x[r])}`);
  }
  if (a.fp && b.fp) {
    if (a.fp.fflags !== b.fp.fflags) out.push(`fflags: ${aName} ${flagsText(a.fp.fflags)}, ${bName} ${flagsText(b.fp.fflags)}`);
    if (a.fp.frm !== b.fp.frm) out.push(`frm: ${aName} ${a.fp.frm}, ${bName} ${b.fp.frm}`);
    for (let r = 0; r < 32; r++) if (a.fp.f[r] !== b.fp.f[r]) out.push(`f${r}: ${aName} ${hex(a.fp.f[r], 8)}, ${bName} ${hex(b.fp.f[r], 8)}`);
  }
  const vlenb = a.vlenb;
  const eewOf = (reg: number): number => {
    const o = item?.operands.find((p) => reg >= p.reg && reg < p.reg + p.n && p.eew > 1);
    if (o) return o.eew;
    const v = Number(a.vtype);
    return a.vtype >> 63n ? 8 : 8 << ((v >> 3) & 7);
  };
  for (let r = 0; r < 32; r++) {
    const ra = a.vregs.subarray(r * vlenb, (r + 1) * vlenb), rb = b.vregs.subarray(r * vlenb, (r + 1) * vlenb);
    if (Buffer.compare(ra, rb) === 0) continue;
    const eew = eewOf(r), per = (vlenb * 8) / eew, diffs: string[] = [];
    for (let i = 0; i < per; i++) {
      const x = element(a, r, eew, i), y = element(b, r, eew, i);
      if (x !== y) diffs.push(`[${i}] ${hex(x, eew / 8)} vs ${hex(y, eew / 8)}`);
    }
    const shown = diffs.slice(0, 8);
    out.push(`v${r} (as e${eew}, element [index in this register] ${aName} vs ${bName}): ${shown.join(', ')}${diffs.length > 8 ? ` ... (${diffs.length} elements differ)` : ''}`);
  }
  const ranges: string[] = [];
  for (let i = 0; i < AREA_SIZE && ranges.length < 6; i++) {
    if (a.mem[i] === b.mem[i]) continue;
    let j = i;
    while (j < AREA_SIZE && j - i < 16 && a.mem[j] !== b.mem[j]) j++;
    const bytes = (m: Uint8Array): string => Array.from(m.subarray(i, j), (x) => x.toString(16).padStart(2, '0')).join(' ');
    ranges.push(`memory 0x${(AREA + i).toString(16)}: ${aName} ${bytes(a.mem)} | ${bName} ${bytes(b.mem)}`);
    i = j;
  }
  out.push(...ranges);
  return out;
}

/** The state after the item's set-up loaded its tables into vector registers (the rest of the set-up aside). */
function withTables(before: State, item: Item): State {
  if (!item.data?.length) return before;
  const vregs = before.vregs.slice();
  let label: string | undefined;
  for (const l of item.setup) {
    const la = /^lla x\d+, (\S+)$/.exec(l);
    if (la) { label = la[1]; continue; }
    const ld = /^vl(\d)re8\.v v(\d+), \(x\d+\)$/.exec(l);
    const t = ld ? item.data.find((d) => d.label === label) : undefined;
    if (ld && t) vregs.set(t.bytes.subarray(0, Number(ld[1]) * before.vlenb), Number(ld[2]) * before.vlenb);
  }
  return { ...before, vregs };
}

/** The instruction's input operands in the state before it (with the tables its set-up loads). */
export function inputsText(beforeItem: State, item: Item): string[] {
  const out: string[] = [];
  const before = withTables(beforeItem, item);
  const vl = Number(before.vl), lim = Math.max(1, Math.min(vl === 0 ? 8 : vl, 32));
  for (const o of item.operands) out.push(`${o.role} = v${o.reg}${o.n > 1 ? `..v${o.reg + o.n - 1}` : ''}${o.eew > 1 ? ` (e${o.eew})` : ''}: ${groupText(before, o, o.eew === 1 ? Math.max(lim, 8) : lim)}`);
  const xs = new Set<number>();
  for (const m of (item.setup.join(' ') + ' ' + item.insn).matchAll(/\bx(\d+)\b/g)) xs.add(Number(m[1]));
  out.push(...[...xs].filter((r) => r !== 0).sort((p, q) => p - q).map((r) => `x${r} (before the set-up) = ${hex(before.x[r], 8)}`));
  if (before.fp) {
    const fs = new Set<number>();
    for (const m of item.insn.matchAll(/\bf(\d+)\b/g)) fs.add(Number(m[1]));
    for (const f of [...fs].sort((p, q) => p - q)) {
      // The set-up usually writes it: show that value, else the one before.
      const set = item.setup.findIndex((l) => l === `fmv.d.x f${f}, x30`);
      const li = set > 0 ? /^li x30, (-?\d+)$/.exec(item.setup[set - 1]) : null;
      out.push(li ? `f${f} = ${hex(BigInt.asUintN(64, BigInt(li[1])), 8)} (set up)` : `f${f} (before) = ${hex(before.fp.f[f], 8)}`);
    }
  }
  return out;
}
