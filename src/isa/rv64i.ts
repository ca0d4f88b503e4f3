import type { Semantics } from './spec.js';

export const rv64i: Semantics = {};
