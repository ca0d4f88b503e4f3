// Zicond: conditional zeroing. rd = rs1, or 0 when rs2 is zero (czero.eqz) / nonzero (czero.nez).
import type { Hart } from './hart.js';
import type { Decoded, Semantics } from './spec.js';

function czeroEqz(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  if ((x[b] | x[b + 1]) === 0) { x[r] = 0; x[r + 1] = 0; } else { x[r] = x[a]; x[r + 1] = x[a + 1]; }
}

function czeroNez(h: Hart, d: Decoded): void {
  const x = h.x, a = d.rs1 << 1, b = d.rs2 << 1, r = d.rd << 1;
  if ((x[b] | x[b + 1]) !== 0) { x[r] = 0; x[r + 1] = 0; } else { x[r] = x[a]; x[r + 1] = x[a + 1]; }
}

export const zicond: Semantics = { 'czero.eqz': czeroEqz, 'czero.nez': czeroNez };
