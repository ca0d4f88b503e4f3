/*
 * rvemu-roi.h — mark a region of interest for `rvemu --stats` (and --stats-json, --profile, --hot).
 *
 *   #include "rvemu-roi.h"
 *   ...
 *   RVEMU_ROI_BEGIN();
 *   kernel();                // only what runs between the markers is counted
 *   RVEMU_ROI_END();
 *
 * The markers are RISC-V HINT instructions (SLTI with rd = x0, in the HINT space the unprivileged spec
 * reserves for custom use): on hardware and on other emulators they do nothing. rvemu counts only the
 * instructions between a BEGIN and the next END (the markers themselves are not counted); a program may
 * open and close the region many times, and the counts add up. If the first marker a program executes is
 * an END, the region is taken to have begun at the start of the program. A run with markers still reports
 * the whole run's retired instructions as well. `rvemu --no-roi-markers` ignores them.
 *
 *   begin:  slti zero, zero, 2032     (0x7f002013)
 *   end:    slti zero, zero, 2033     (0x7f102013)
 *
 * The "memory" clobber keeps the compiler from moving memory accesses across a marker; computations that
 * touch no memory can still be scheduled across it, so put a region around calls or loops, not single
 * expressions.
 */
#ifndef RVEMU_ROI_H
#define RVEMU_ROI_H

#if defined(__riscv)
#define RVEMU_ROI_BEGIN() __asm__ __volatile__("slti zero, zero, 2032" ::: "memory")
#define RVEMU_ROI_END()   __asm__ __volatile__("slti zero, zero, 2033" ::: "memory")
#else
/* Not RISC-V: the markers compile to nothing, so the same source builds anywhere. */
#define RVEMU_ROI_BEGIN() ((void)0)
#define RVEMU_ROI_END()   ((void)0)
#endif

#endif /* RVEMU_ROI_H */
