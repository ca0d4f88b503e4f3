// Encoder for vector instruction words (for tests and the benchmark): the table's fixed bits plus fields.
import { vspecByName } from '../../src/rvv/encoding.js';

export interface Fields { vd?: number; vs1?: number; rs1?: number; vs2?: number; rs2?: number; imm?: number; vm?: number; zimm?: number }

/** The instruction word for a mnemonic with these operand fields (fixed fields come from the table). */
export function enc(name: string, f: Fields = {}): number {
  const s = vspecByName(name);
  let w = ((f.vd ?? 0) & 31) << 7;
  w |= ((f.vs1 ?? f.rs1 ?? f.imm ?? 0) & 31) << 15;
  w |= ((f.vs2 ?? f.rs2 ?? 0) & 31) << 20;
  if (f.zimm === undefined) w |= ((f.vm ?? 1) & 1) << 25;
  else w |= f.zimm << 20;
  return ((s.match | (w & ~s.mask)) >>> 0);
}
