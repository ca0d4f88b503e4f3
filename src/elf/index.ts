// ELF executables: parsing and validation, loading into an address space, the initial stack, symbols.
export * from './parse.js';
export * from './load.js';
export * from './stack.js';
export * from './symbols.js';
