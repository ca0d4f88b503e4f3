// The Linux system-call layer: LinuxSystem (the hart's Environment), the dispatch table and launch().
export { LinuxSystem, GuestSignal, SIGTRAP, type Syscall, type SystemOptions } from './system.js';
export { SYSCALLS } from './table.js';
export { launch, type Launched, type LaunchOptions } from './launch.js';
export { SYS, syscallName } from './numbers.js';
export { E, SysError, errnoFromCode, errnoName, errnoOf } from './errno.js';
export { DEFAULT_EXTENSIONS, hwcapFor, hwprobeValue, isaString } from './cpu.js';
export { signalName } from './signal.js';
export { VIRTUAL_EPOCH_S } from './time.js';
