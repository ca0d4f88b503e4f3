// Rounding modes, exception flags and the shared flag accumulator of the FP core (see fp.ts for the API).

/** Rounding modes, numbered as the RISC-V rm field / frm CSR. */
export const RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;
/**
 * Round to odd (not an rm value: used only by vfncvt.rod.f.f.w, and accepted only by the narrowing
 * conversions f64ToF32/f64ToF16/f32ToF16): truncate, then set the last bit if anything was discarded;
 * overflow gives the largest finite value.
 */
export const ROD = 5;

/** Exception flags, in fflags bit order. */
export const NX = 1, UF = 2, OF = 4, DZ = 8, NV = 16;

/**
 * Flags raised by FP operations are OR-ed into `fpFlags.v`; nothing in the core ever clears it.
 * A caller clears it, runs one or more operations, and merges it into its own flag register.
 */
export const fpFlags = { v: 0 };

/** Canonical NaN bit patterns. */
export const CANON32 = 0x7fc00000;
export const CANON16 = 0x7e00;
export const CANON64_HI = 0x7ff80000;
