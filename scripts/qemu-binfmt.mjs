// qemu-user hands a guest's execve to the host kernel, which can run a RISC-V ELF only through binfmt_misc.
// For oracle runs of programs that start other programs, the run happens inside a new user and mount
// namespace (unshare(1)) with its own binfmt_misc instance, where QEMU is registered for RISC-V ELFs.
// Nothing outside that namespace changes (needs Linux 6.7+ and unprivileged user namespaces).
import { spawnSync } from 'node:child_process';

/** binfmt_misc magic and mask: ELF64, little-endian, ET_EXEC or ET_DYN, EM_RISCV (escaped as the kernel parses them). */
export const RISCV_ELF_MAGIC = '\\x7fELF\\x02\\x01\\x01\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x00\\x02\\x00\\xf3\\x00';
export const RISCV_ELF_MASK = '\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\x00\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xff\\xfe\\xff\\xff\\xff';

/** The registration line for QEMU (P: keep argv[0], O: pass the open file, C: credentials, F: open QEMU now). */
export function binfmtRegistration(qemu) {
  return `:rvemu-oracle-riscv64:M::${RISCV_ELF_MAGIC}:${RISCV_ELF_MASK}:${qemu}:POCF`;
}

const SETUP = "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && printf '%s\\n' \"$1\" > /proc/sys/fs/binfmt_misc/register && shift && exec \"$@\"";

/**
 * The command and arguments that run `cmd args` in a private namespace where RISC-V ELFs run under `qemu`.
 * (Set QEMU_LD_PREFIX in the environment so that the children find their sysroot too.)
 */
export function withQemuBinfmt(qemu, cmd, args) {
  return ['unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', SETUP, 'binfmt', binfmtRegistration(qemu), cmd, ...args]];
}

/** Whether this machine lets us set up such a namespace (checked by doing it once). */
export function qemuBinfmtWorks(qemu) {
  const [cmd, args] = withQemuBinfmt(qemu, 'true', []);
  const r = spawnSync(cmd, args, { stdio: 'ignore' });
  return r.status === 0;
}
