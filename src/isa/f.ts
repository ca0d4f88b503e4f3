import type { Semantics } from './spec.js';

export const f: Semantics = {};
