// One error type per kind of failure. Each carries what a person needs; the CLI turns it into one line and
// an exit status. Nothing here prints.

export class RvemuError extends Error {
  /** Process exit status the CLI uses for this error. */
  readonly exitCode: number;
  constructor(message: string, exitCode: number) { super(message); this.exitCode = exitCode; this.name = new.target.name; }
}

/** The file given is not a runnable RISC-V ELF (missing, not ELF, wrong class/machine, truncated...). */
export class BadElfError extends RvemuError {
  constructor(message: string) { super(message, 126); }
}

/** A guest memory access to an unmapped or protected address (becomes SIGSEGV once signals exist). */
export class GuestFault extends RvemuError {
  constructor(readonly addr: number, readonly access: 'read' | 'write' | 'execute', public pc = 0) {
    super(`segmentation fault: ${access} of address 0x${addr.toString(16)}`, 139);
  }
}

/** An instruction we cannot decode or that is illegal in the current state. */
export class IllegalInstruction extends RvemuError {
  constructor(readonly pc: number, readonly raw: number, readonly len: number, readonly reason = 'illegal instruction') {
    super(`${reason} at pc 0x${pc.toString(16)}`, 132);
  }
}

/** A syscall we do not implement, when --strict is given. */
export class UnsupportedSyscall extends RvemuError {
  constructor(readonly nr: number, readonly pc: number) { super(`unsupported syscall ${nr}`, 159); }
}

/** Wrong command-line use. */
export class UsageError extends RvemuError {
  constructor(message: string) { super(message, 2); }
}

/** A fatal signal or trap that ends the run; the exit status follows the shell convention 128 + signal. */
export class GuestSignal extends RvemuError {
  constructor(readonly signal: number, readonly pc: number, message: string) { super(message, 128 + signal); }
}
