// The dispatch table: syscall number -> handler, assembled from the per-family tables.
import { fsSyscalls } from './fs.js';
import { futexSyscalls } from './futex.js';
import { processSyscalls } from './process.js';
import { ioSyscalls } from './io.js';
import { miscSyscalls } from './misc.js';
import { mmSyscalls } from './mm.js';
import { procSyscalls } from './proc.js';
import { signalSyscalls } from './signal.js';
import type { Syscall } from './system.js';
import { timeSyscalls } from './time.js';

/** Handlers indexed by syscall number; holes are unimplemented (-ENOSYS, or an error in strict mode). */
export const SYSCALLS: (Syscall | undefined)[] = [];

for (const family of [fsSyscalls, ioSyscalls, mmSyscalls, timeSyscalls, procSyscalls, processSyscalls, futexSyscalls, signalSyscalls, miscSyscalls]) {
  for (const [nr, fn] of Object.entries(family)) {
    if (SYSCALLS[Number(nr)] !== undefined) throw new Error(`syscall ${nr} registered twice`);
    SYSCALLS[Number(nr)] = fn;
  }
}
