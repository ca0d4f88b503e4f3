// Exception causes (mcause/scause values) and the errors that raise them. Instructions throw; the engine
// counts what retired before and hands the error to the machine (Engine.onTrap), which maps it to a cause
// and enters the trap handler (machine.ts).
import { GuestFault, RvemuError } from '../errors.js';

export const CAUSE_FETCH_MISALIGNED = 0;
export const CAUSE_FETCH_ACCESS = 1;
export const CAUSE_ILLEGAL_INSTRUCTION = 2;
export const CAUSE_BREAKPOINT = 3;
export const CAUSE_LOAD_MISALIGNED = 4;
export const CAUSE_LOAD_ACCESS = 5;
export const CAUSE_STORE_MISALIGNED = 6;
export const CAUSE_STORE_ACCESS = 7;
export const CAUSE_USER_ECALL = 8;
export const CAUSE_SUPERVISOR_ECALL = 9;
export const CAUSE_MACHINE_ECALL = 11;
export const CAUSE_FETCH_PAGE_FAULT = 12;
export const CAUSE_LOAD_PAGE_FAULT = 13;
export const CAUSE_STORE_PAGE_FAULT = 15;

const NAMES: Record<number, string> = {
  0: 'instruction address misaligned', 1: 'instruction access fault', 2: 'illegal instruction', 3: 'breakpoint',
  4: 'load address misaligned', 5: 'load access fault', 6: 'store/AMO address misaligned', 7: 'store/AMO access fault',
  8: 'environment call from U-mode', 9: 'environment call from S-mode', 11: 'environment call from M-mode',
  12: 'instruction page fault', 13: 'load page fault', 15: 'store/AMO page fault',
};
export function causeName(cause: number): string { return NAMES[cause] ?? `cause ${cause}`; }

/** Causes medeleg can delegate to S-mode (not ecall from M-mode, not the reserved numbers). */
export const DELEGABLE_EXCEPTIONS = 0xb3ffn; // causes 0-9, 12, 13, 15

/** A synchronous exception raised by an instruction itself (ecall, ebreak). */
export class Trap extends RvemuError {
  constructor(readonly exception: number, readonly tval: bigint) { super(causeName(exception), 134); }
}

/**
 * A memory access that traps with a particular cause (page fault, misaligned, access fault). A GuestFault,
 * so the engine treats it like any bad access (e.g. a fetch fault after a block's first instruction just
 * ends the block). addr is the virtual address (mtval).
 */
export class MemoryTrap extends GuestFault {
  constructor(addr: number, access: 'read' | 'write' | 'execute', readonly exception: number) { super(addr, access); }
}

/** The run cannot go on: a trap with no handler (mtvec pointing nowhere), or a trap loop. */
export class MachineStop extends RvemuError {
  constructor(message: string) { super(message, 134); }
}
