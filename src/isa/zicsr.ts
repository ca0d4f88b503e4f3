import type { Semantics } from './spec.js';

export const zicsr: Semantics = {};
