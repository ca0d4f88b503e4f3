// Every scalar instruction's meaning, gathered from the per-extension files. The decoder attaches these
// to decoded instructions by mnemonic; a test checks that the encoding table and this map agree.
import type { Semantics } from './spec.js';
import { rv64i } from './rv64i.js';
import { m } from './m.js';
import { a } from './a.js';
import { f } from './f.js';
import { d } from './d.js';
import { zb } from './zb.js';
import { zicond } from './zicond.js';
import { zicsr } from './zicsr.js';
import { privileged } from './privileged.js';

export const scalarSemantics: Semantics = { ...rv64i, ...m, ...a, ...f, ...d, ...zb, ...zicond, ...zicsr, ...privileged };
