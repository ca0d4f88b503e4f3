// vitest runs synchronous tests back to back without returning to the event loop in between, so a file
// of many heavy synchronous tests (translator equivalence, vector fast paths) can keep the worker from
// answering vitest's own messages for over a minute; vitest then fails the whole run with "Timeout
// calling onTaskUpdate" although every test passed. One turn of the event loop after each test prevents it.
import { afterEach } from 'vitest';

afterEach(() => new Promise<void>((resolve) => setImmediate(resolve)));
