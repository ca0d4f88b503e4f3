import type { Semantics } from './spec.js';

export const m: Semantics = {};
