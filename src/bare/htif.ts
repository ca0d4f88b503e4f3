// The host-target interface of Spike-style test environments: two 64-bit words in guest RAM, `tohost` and
// `fromhost`, found by their symbols. A store to tohost is seen by the memory's slow path the moment it
// completes (machine memory never puts the tohost page in its write TLB), so nothing polls.
//
// tohost = (device << 56) | (command << 48) | payload:
//   device 0, command 0: payload odd = exit with status payload >> 1 (riscv-tests: 1 = pass, (N << 1) | 1 =
//     case N failed); payload even = address of a proxied system call (magic_mem: eight 64-bit words, the
//     call number then its arguments; the result goes to word 0): write (64) to fd 1 or 2, exit (93).
//   device 1, command 1: write the character in the low byte to stdout.
// Each request is answered by clearing tohost and writing fromhost (1 for a system call).
import type { Host } from '../host/host.js';
import type { Hart } from '../isa/hart.js';
import type { MachineMemory } from './memory.js';

const SYS_WRITE = 64, SYS_EXIT = 93;
const ENOSYS = 38, EBADF = 9, EFAULT = 14;

export class Htif {
  /** The exit status the guest asked for, once it did. */
  exitCode: number | undefined = undefined;
  private readonly warned = new Set<string>();

  constructor(
    private readonly mem: MachineMemory,
    private readonly hart: Hart,
    private readonly host: Host,
    readonly tohost: number,
    readonly fromhost: number | undefined,
    /** Host fds for the guest's fds 1 and 2 (index 1 and 2; default the host's own). */
    private readonly stdio: readonly [number, number, number] = [0, 1, 2],
  ) {
    mem.htifPpn = Math.floor(tohost / 4096);
    mem.onHtifWrite = () => this.poll();
  }

  /** Handle whatever tohost holds now (called after every store to its page). */
  poll(): void {
    const v = this.mem.read64Physical(this.tohost);
    if (v === 0n) return;
    const device = Number(v >> 56n), command = Number((v >> 48n) & 0xffn), payload = v & ((1n << 48n) - 1n);
    if (device === 0 && command === 0) {
      if ((payload & 1n) !== 0n) { this.exit(payload >> 1n); return; }
      const ret = this.syscall(Number(payload));
      if (this.exitCode !== undefined) return;
      this.reply(1n, Number(payload), ret);
    } else if (device === 1 && command === 1) {
      this.host.write(this.stdio[1], Uint8Array.of(Number(payload & 0xffn)), null);
      this.reply((1n << 56n) | (1n << 48n));
    } else {
      this.warnOnce(`device ${device} command ${command}`, `HTIF request 0x${v.toString(16)} (device ${device}, command ${command}) is not supported; ignored`);
      this.mem.write64Physical(this.tohost, 0n);
    }
  }

  private exit(code: bigint): void {
    this.exitCode = Number(BigInt.asUintN(32, code));
    this.hart.exitCode = this.exitCode;
    this.hart.stopped = true;
  }

  private reply(fromhost: bigint, magic?: number, ret?: bigint): void {
    if (magic !== undefined && ret !== undefined) this.mem.write64Physical(magic, ret);
    this.mem.write64Physical(this.tohost, 0n);
    if (this.fromhost !== undefined) this.mem.write64Physical(this.fromhost, fromhost);
  }

  /** One proxied system call; returns its result (negative errno on failure). */
  private syscall(magic: number): bigint {
    const arg = (i: number): bigint => this.mem.read64Physical(magic + 8 * i);
    const n = Number(arg(0));
    switch (n) {
      case SYS_WRITE: {
        const fd = Number(arg(1)), len = Number(arg(3));
        if (fd !== 1 && fd !== 2) return BigInt(-EBADF);
        const bytes = this.mem.readPhysical(Number(arg(2)), len);
        if (bytes === undefined) return BigInt(-EFAULT);
        this.host.write(this.stdio[fd], bytes, null);
        return BigInt(len);
      }
      case SYS_EXIT:
        this.exit(arg(1));
        return 0n;
      default:
        this.warnOnce(`syscall ${n}`, `HTIF system call ${n} is not supported (only write and exit); it returns -ENOSYS`);
        return BigInt(-ENOSYS);
    }
  }

  private warnOnce(key: string, message: string): void {
    if (this.warned.has(key)) return;
    this.warned.add(key);
    this.host.warn(message);
  }
}
