import type { Semantics } from './spec.js';

export const d: Semantics = {};
