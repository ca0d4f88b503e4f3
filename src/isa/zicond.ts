import type { Semantics } from './spec.js';

export const zicond: Semantics = {};
