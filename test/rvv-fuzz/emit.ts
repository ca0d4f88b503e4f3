// Assembly text of a test program: a small harness (data area and guard page, the guest-side fill, the
// dump) around the generated sequences. Assembled with riscv64-linux-gnu-gcc -march=rv64gcv -nostdlib.
//
// Register use: gp points at the harness area (state dump buffer) and ra holds the harness's return
// addresses; neither is ever an operand. Every other scalar register is zeroed when a sequence starts. In trace mode a record is dumped before the first item
// and after every item (and the scalar registers are restored after each dump), otherwise one record at the
// end of each sequence.
//
// Floating-point programs also load f0..f31 from the freshly filled data area when a sequence starts, set
// its frm and clear fflags, and dump fflags, frm and the f registers (layout.ts).
import {
  AREA, AREA_SIZE, END_ITEM, FREGS_SIZE, GUARD, OFF_FFLAGS, OFF_FRM, OFF_VL, OFF_VLENB, OFF_VREGS, OFF_VSTART, OFF_VTYPE, OFF_VXRM,
  OFF_VXSAT, PAGE,
} from './layout.js';
import type { Sequence } from './gen.js';

/** Record id of the state before the first item (trace mode). */
export const START_ITEM = 0xfffe;

// The fill's special 64-bit words: zero, all ones, the signed extremes of every width, small lanes.
const SPECIALS = ['0', '-1', '0x8000000000000000', '0x7fffffffffffffff', '0x8080808080808080', '0x7f7f7f7f7f7f7f7f',
  '0x8000800080008000', '0x0000000180000000'];

const XREGS = Array.from({ length: 31 }, (_, i) => i + 1).filter((r) => r !== 3);
/** Zeroed at the start of a sequence (x31 holds fill's return address and is zeroed after it). */
const ZERO = XREGS.filter((r) => r !== 1 && r !== 31);
const SAVE = XREGS.map((r) => `        sd x${r}, ${8 * r}(gp)`).join('\n');
const RESTORE = XREGS.filter((r) => r !== 1).map((r) => `        ld x${r}, ${8 * r}(gp)`).join('\n');

const FREGS = Array.from({ length: 32 }, (_, i) => i);
const FP_FILL = `        li a1, ${AREA}
${FREGS.map((f) => `        fld f${f}, ${8 * f}(a1)`).join('\n')}
`;
const FP_CSRS = `        frflags t0
        sd t0, ${OFF_FFLAGS}(gp)
        frrm t0
        sd t0, ${OFF_FRM}(gp)
`;
const FP_DUMP = `        lla a1, fregs
${FREGS.map((f) => `        fsd f${f}, ${8 * f}(a1)`).join('\n')}
        li a0, 1
        li a2, ${FREGS_SIZE}
        li a7, 64
        ecall
`;

const harness = (fp: boolean): string => `
        .section .text
        .globl _start
_start:
        lla gp, harness
        li a0, ${AREA}
        li a1, ${AREA_SIZE + PAGE}
        li a2, 3
        li a3, 0x32
        li a4, -1
        li a5, 0
        li a7, 222
        ecall
        li t0, ${AREA}
        bne a0, t0, fail
        li a0, ${GUARD}
        li a1, ${PAGE}
        li a2, 0
        li a7, 226
        ecall
        bnez a0, fail
        csrr t0, vlenb
        sd t0, ${OFF_VLENB}(gp)
        j sequences
fail:
        li a0, 99
        li a7, 93
        ecall

# fill(a0 = seed): random vector registers and data area (xorshift64, with special words mixed in).
fill:
        mv t6, ra
        mv t0, a0
        addi a1, gp, ${OFF_VREGS}
        ld a2, ${OFF_VLENB}(gp)
        slli a2, a2, 5
        add a2, a1, a2
        jal ra, fillrange
        li a1, ${AREA}
        li a2, ${AREA + AREA_SIZE}
        jal ra, fillrange
${fp ? FP_FILL : ''}        addi a1, gp, ${OFF_VREGS}
        ld a2, ${OFF_VLENB}(gp)
        slli a2, a2, 3
        vl8re8.v v0, (a1)
        add a1, a1, a2
        vl8re8.v v8, (a1)
        add a1, a1, a2
        vl8re8.v v16, (a1)
        add a1, a1, a2
        vl8re8.v v24, (a1)
${ZERO.map((r) => `        li x${r}, 0`).join('\n')}
        jr t6
fillrange:
1:      bgeu a1, a2, 9f
        slli t1, t0, 13
        xor t0, t0, t1
        srli t1, t0, 7
        xor t0, t0, t1
        slli t1, t0, 17
        xor t0, t0, t1
        mv a3, t0
        slli t1, t0, 13
        xor t0, t0, t1
        srli t1, t0, 7
        xor t0, t0, t1
        slli t1, t0, 17
        xor t0, t0, t1
        andi t2, t0, 15
        li t3, 9
        bltu t2, t3, 3f
        bne t2, t3, 2f
        li t3, 0x0707070707070707
        and a3, a3, t3
        j 3f
2:      srli t2, t0, 4
        andi t2, t2, 7
        slli t2, t2, 3
        lla t3, specials
        add t3, t3, t2
        ld a3, 0(t3)
3:      sd a3, 0(a1)
        addi a1, a1, 8
        j 1b
9:      ret

# record: 'jal ra, record' followed by the record id as a .word; saves the x registers, dumps, returns
# after the id. record_restore also restores the x registers (ra excepted: it is never an operand).
record:
${SAVE}
        lwu t0, 0(ra)
        sd t0, 0(gp)
        mv s11, ra
        jal ra, dump
        addi ra, s11, 4
        jr ra
record_restore:
${SAVE}
        lwu t0, 0(ra)
        sd t0, 0(gp)
        jal ra, dump
${RESTORE}
        ld ra, 8(gp)
        addi ra, ra, 4
        jr ra

# dump: x registers are already saved; CSRs, all vector registers, then the data area, to stdout.
dump:
        csrr t0, vl
        sd t0, ${OFF_VL}(gp)
        csrr t0, vtype
        sd t0, ${OFF_VTYPE}(gp)
        csrr t0, vstart
        sd t0, ${OFF_VSTART}(gp)
        csrr t0, vxsat
        sd t0, ${OFF_VXSAT}(gp)
        csrr t0, vxrm
        sd t0, ${OFF_VXRM}(gp)
${fp ? FP_CSRS : ''}        csrwi vstart, 0
        addi t0, gp, ${OFF_VREGS}
        ld t1, ${OFF_VLENB}(gp)
        slli t1, t1, 3
        vs8r.v v0, (t0)
        add t0, t0, t1
        vs8r.v v8, (t0)
        add t0, t0, t1
        vs8r.v v16, (t0)
        add t0, t0, t1
        vs8r.v v24, (t0)
        li a0, 1
        mv a1, gp
        ld a2, ${OFF_VLENB}(gp)
        slli a2, a2, 5
        addi a2, a2, ${OFF_VREGS}
        li a7, 64
        ecall
        li a0, 1
        li a1, ${AREA}
        li a2, ${AREA_SIZE}
        li a7, 64
        ecall
${fp ? FP_DUMP : ''}        ret
`;

function record(out: string[], id: number, restore: boolean): void {
  out.push('        .balign 4', `        jal ra, ${restore ? 'record_restore' : 'record'}`, `        .word ${id}`);
}

/** The program for these sequences; trace = a record after every item; fp = a floating-point program. */
export function emitProgram(seqs: readonly Sequence[], trace: boolean, fp = false): string {
  const out: string[] = [harness(fp), 'sequences:'];
  const data: string[] = [];
  for (const s of seqs) {
    out.push(`# ---- sequence ${s.index}`, `        li a0, ${BigInt.asIntN(64, s.fill)}`, '        jal ra, fill', '        li x31, 0');
    out.push(`        csrwi vxrm, ${s.vxrm}`, `        csrwi vxsat, ${s.vxsat}`);
    if (fp) out.push(`        csrwi frm, ${s.frm ?? 0}`, '        csrwi fflags, 0');
    const base = s.index * 65536;
    if (trace) record(out, base + START_ITEM, true);
    s.items.forEach((it, k) => {
      out.push(`# item ${k}`);
      for (const l of it.setup) out.push(`        ${l}`);
      if (it.insn) out.push(`        ${it.insn}`);
      for (const l of it.post ?? []) out.push(l.endsWith(':') ? l : `        ${l}`);
      for (const t of it.data ?? []) {
        data.push(`        .balign 8`, `${t.label}:`);
        const dv = new DataView(t.bytes.buffer, t.bytes.byteOffset, t.bytes.byteLength);
        for (let i = 0; i < t.bytes.length; i += 32) {
          const words: string[] = [];
          for (let j = i; j < Math.min(i + 32, t.bytes.length); j += 8) words.push(`0x${dv.getBigUint64(j, true).toString(16)}`);
          data.push(`        .dword ${words.join(',')}`);
        }
      }
      if (trace) record(out, base + k, true);
    });
    if (!trace) record(out, base + END_ITEM, false);
  }
  out.push('        li a0, 0', '        li a7, 93', '        ecall');
  out.push('', '        .section .rodata', '        .balign 8', 'specials:', ...SPECIALS.map((v) => `        .dword ${v}`), ...data);
  // 320 bytes of header and up to VLEN 4096 of registers.
  out.push('', '        .bss', '        .balign 64', `harness:`, `        .zero ${OFF_VREGS + 32 * 512}`, '');
  if (fp) out.push('        .balign 8', 'fregs:', `        .zero ${FREGS_SIZE}`, '');
  return out.join('\n');
}
