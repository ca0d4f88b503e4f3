import type { Semantics } from './spec.js';

export const zb: Semantics = {};
