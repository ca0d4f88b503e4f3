// Memory layout and dump format shared by the generator, the program emitter and the report.
//
// Every test program maps a fixed data area (AREA, AREA_SIZE bytes, read/write) followed by one
// inaccessible guard page (fault-only-first loads run into it), at the same address under QEMU and rvemu,
// so addresses held in scalar registers compare equal too.
//
// A dump record (written to stdout with two write calls) is:
//   0   u64 record id: (sequence index << 16) | item index (0xffff = end of sequence)
//   8   x1..x31, 8 bytes each, at 8 * r (x1 = ra and x3 = gp belong to the harness: code and data
//       addresses, the same under both emulators)
//   256 vl, 264 vtype, 272 vstart, 280 vxsat, 288 vxrm, 296 vlenb
//   304 fflags, 312 frm (floating-point programs; zero otherwise)
//   320 v0..v31 (32 * VLENB bytes)
//   then the AREA_SIZE bytes of the data area,
//   then, in floating-point programs only, f0..f31 (8 bytes each).

export const AREA = 0x40000000;
export const AREA_SIZE = 8192;
export const GUARD = AREA + AREA_SIZE;
export const PAGE = 4096;

export const OFF_VL = 256, OFF_VTYPE = 264, OFF_VSTART = 272, OFF_VXSAT = 280, OFF_VXRM = 288, OFF_VLENB = 296;
export const OFF_FFLAGS = 304, OFF_FRM = 312;
export const OFF_VREGS = 320;
export const FREGS_SIZE = 256;

export const END_ITEM = 0xffff;

/** Bytes in one dump record at this VLEN (fp: a floating-point program's, with the f registers). */
export const recordSize = (vlen: number, fp = false): number => OFF_VREGS + 32 * (vlen / 8) + AREA_SIZE + (fp ? FREGS_SIZE : 0);

/** The largest VLEN the programs are generated for by default (memory footprints are sized for it). */
export const DEFAULT_MAX_VLEN = 1024;
