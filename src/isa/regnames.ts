// Register and CSR names as the disassembler prints them (ABI names; CSR names as GNU objdump knows them).

export const X_NAMES: readonly string[] = [
  'zero', 'ra', 'sp', 'gp', 'tp', 't0', 't1', 't2', 's0', 's1', 'a0', 'a1', 'a2', 'a3', 'a4', 'a5',
  'a6', 'a7', 's2', 's3', 's4', 's5', 's6', 's7', 's8', 's9', 's10', 's11', 't3', 't4', 't5', 't6',
];

export const F_NAMES: readonly string[] = [
  'ft0', 'ft1', 'ft2', 'ft3', 'ft4', 'ft5', 'ft6', 'ft7', 'fs0', 'fs1', 'fa0', 'fa1', 'fa2', 'fa3', 'fa4', 'fa5',
  'fa6', 'fa7', 'fs2', 'fs3', 'fs4', 'fs5', 'fs6', 'fs7', 'fs8', 'fs9', 'fs10', 'fs11', 'ft8', 'ft9', 'ft10', 'ft11',
];

/** Integer register name; the decoder's sink register (32, standing for x0) prints as zero. */
export const xName = (r: number): string => X_NAMES[r & 31];
export const fName = (r: number): string => F_NAMES[r & 31];

const CSRS = new Map<number, string>();
const add = (n: number, name: string): void => { CSRS.set(n, name); };
/** A numbered family: base+i is `${prefix}${i}${suffix}` for i in [from, to]. */
const family = (base: number, prefix: string, from: number, to: number, suffix = ''): void => {
  for (let i = from; i <= to; i++) add(base + i, `${prefix}${i}${suffix}`);
};

// Unprivileged: floating point, vector, entropy source, counters.
add(0x001, 'fflags'); add(0x002, 'frm'); add(0x003, 'fcsr');
add(0x008, 'vstart'); add(0x009, 'vxsat'); add(0x00a, 'vxrm'); add(0x00f, 'vcsr'); add(0x015, 'seed');
add(0xc00, 'cycle'); add(0xc01, 'time'); add(0xc02, 'instret'); family(0xc00, 'hpmcounter', 3, 31);
add(0xc20, 'vl'); add(0xc21, 'vtype'); add(0xc22, 'vlenb');
add(0xc80, 'cycleh'); add(0xc81, 'timeh'); add(0xc82, 'instreth'); family(0xc80, 'hpmcounter', 3, 31, 'h');
// Supervisor.
add(0x100, 'sstatus'); add(0x104, 'sie'); add(0x105, 'stvec'); add(0x106, 'scounteren'); add(0x10a, 'senvcfg');
family(0x10c, 'sstateen', 0, 3); add(0x114, 'sieh');
add(0x140, 'sscratch'); add(0x141, 'sepc'); add(0x142, 'scause'); add(0x143, 'stval'); add(0x144, 'sip');
add(0x14d, 'stimecmp'); add(0x150, 'siselect'); add(0x151, 'sireg'); add(0x154, 'siph'); add(0x15c, 'stopei');
add(0x15d, 'stimecmph'); add(0x180, 'satp'); add(0x5a8, 'scontext'); add(0xda0, 'scountovf'); add(0xdb0, 'stopi');
// Virtual supervisor.
add(0x200, 'vsstatus'); add(0x204, 'vsie'); add(0x205, 'vstvec'); add(0x214, 'vsieh');
add(0x240, 'vsscratch'); add(0x241, 'vsepc'); add(0x242, 'vscause'); add(0x243, 'vstval'); add(0x244, 'vsip');
add(0x24d, 'vstimecmp'); add(0x250, 'vsiselect'); add(0x251, 'vsireg'); add(0x254, 'vsiph'); add(0x25c, 'vstopei');
add(0x25d, 'vstimecmph'); add(0x280, 'vsatp'); add(0xeb0, 'vstopi');
// Hypervisor.
add(0x600, 'hstatus'); add(0x602, 'hedeleg'); add(0x603, 'hideleg'); add(0x604, 'hie'); add(0x605, 'htimedelta');
add(0x606, 'hcounteren'); add(0x607, 'hgeie'); add(0x608, 'hvien'); add(0x609, 'hvictl'); add(0x60a, 'henvcfg');
family(0x60c, 'hstateen', 0, 3); add(0x613, 'hidelegh'); add(0x615, 'htimedeltah'); add(0x618, 'hvienh');
add(0x61a, 'henvcfgh'); family(0x61c, 'hstateen', 0, 3, 'h');
add(0x643, 'htval'); add(0x644, 'hip'); add(0x645, 'hvip'); add(0x646, 'hviprio1'); add(0x647, 'hviprio2');
add(0x64a, 'htinst'); add(0x655, 'hviph'); add(0x656, 'hviprio1h'); add(0x657, 'hviprio2h'); add(0x680, 'hgatp');
add(0x6a8, 'hcontext'); add(0xe12, 'hgeip');
// Machine.
add(0x300, 'mstatus'); add(0x301, 'misa'); add(0x302, 'medeleg'); add(0x303, 'mideleg'); add(0x304, 'mie');
add(0x305, 'mtvec'); add(0x306, 'mcounteren'); add(0x308, 'mvien'); add(0x309, 'mvip'); add(0x30a, 'menvcfg');
family(0x30c, 'mstateen', 0, 3); add(0x310, 'mstatush'); add(0x313, 'midelegh'); add(0x314, 'mieh');
add(0x318, 'mvienh'); add(0x319, 'mviph'); add(0x31a, 'menvcfgh'); family(0x31c, 'mstateen', 0, 3, 'h');
add(0x320, 'mcountinhibit'); family(0x320, 'mhpmevent', 3, 31); family(0x720, 'mhpmevent', 3, 31, 'h');
add(0x340, 'mscratch'); add(0x341, 'mepc'); add(0x342, 'mcause'); add(0x343, 'mtval'); add(0x344, 'mip');
add(0x34a, 'mtinst'); add(0x34b, 'mtval2'); add(0x350, 'miselect'); add(0x351, 'mireg'); add(0x354, 'miph');
add(0x35c, 'mtopei'); family(0x3a0, 'pmpcfg', 0, 15); family(0x3b0, 'pmpaddr', 0, 63);
add(0x747, 'mseccfg'); add(0x757, 'mseccfgh');
add(0x7a0, 'tselect'); add(0x7a1, 'tdata1'); add(0x7a2, 'tdata2'); add(0x7a3, 'tdata3'); add(0x7a4, 'tinfo');
add(0x7a5, 'tcontrol'); add(0x7a8, 'mcontext'); add(0x7aa, 'mscontext');
add(0x7b0, 'dcsr'); add(0x7b1, 'dpc'); add(0x7b2, 'dscratch0'); add(0x7b3, 'dscratch1');
add(0xb00, 'mcycle'); add(0xb02, 'minstret'); family(0xb00, 'mhpmcounter', 3, 31);
add(0xb80, 'mcycleh'); add(0xb82, 'minstreth'); family(0xb80, 'mhpmcounter', 3, 31, 'h');
add(0xf11, 'mvendorid'); add(0xf12, 'marchid'); add(0xf13, 'mimpid'); add(0xf14, 'mhartid');
add(0xf15, 'mconfigptr'); add(0xfb0, 'mtopi');

/** CSR name, or its number in hex (0x...) when it has none. */
export function csrName(n: number): string {
  return CSRS.get(n) ?? `0x${n.toString(16)}`;
}

/** All named CSRs (number -> name), for tests. */
export const CSR_NAMES: ReadonlyMap<number, string> = CSRS;
