import type { Semantics } from './spec.js';

export const a: Semantics = {};
