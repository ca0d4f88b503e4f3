// Call-tree exports: folded stacks ("main;foo;bar 1234", the input of flamegraph.pl, inferno and
// speedscope's importer) and speedscope's own JSON format (a "sampled" profile whose weights are
// instructions, https://www.speedscope.app/file-format-schema.json). Weights are counted instructions, so
// both are exact and identical from run to run. Paths are merged by function name and sorted.
import type { CallNode, Profiler } from './profiler.js';

/** Instructions per call path (names outermost first), for every path with instructions of its own. */
export function callPaths(p: Profiler): Map<string, { names: string[]; weight: number }> {
  const out = new Map<string, { names: string[]; weight: number }>();
  const names = p.fns.names;
  const todo: { node: CallNode; path: string[] }[] = [];
  if (p.root.children !== undefined) for (const c of p.root.children.values()) todo.push({ node: c, path: [names[c.fn]] });
  while (todo.length > 0) {
    const { node, path } = todo.pop()!;
    if (node.self > 0) {
      const key = path.join(';');
      const e = out.get(key);
      if (e === undefined) out.set(key, { names: path, weight: node.self }); else e.weight += node.self;
    }
    if (node.children !== undefined) for (const c of node.children.values()) todo.push({ node: c, path: [...path, names[c.fn]] });
  }
  return out;
}

const byKey = (a: [string, unknown], b: [string, unknown]): number => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0);

/** Folded stacks text: one "a;b;c N" line per path, sorted. */
export function foldedStacks(p: Profiler): string {
  const lines: string[] = [];
  for (const [key, e] of [...callPaths(p)].sort(byKey)) lines.push(`${key} ${e.weight}`);
  return lines.length > 0 ? lines.join('\n') + '\n' : '';
}

export interface SpeedscopeFile {
  $schema: 'https://www.speedscope.app/file-format-schema.json';
  shared: { frames: { name: string }[] };
  profiles: {
    type: 'sampled'; name: string; unit: 'none'; startValue: number; endValue: number;
    samples: number[][]; weights: number[];
  }[];
  name: string;
  activeProfileIndex: number;
  exporter: string;
}

/** The call tree as a speedscope file: one sample per call path, weighted by its instructions. */
export function speedscope(p: Profiler, name: string, exporter: string): SpeedscopeFile {
  const frames: { name: string }[] = [];
  const frameIndex = new Map<string, number>();
  const frameOf = (n: string): number => {
    let i = frameIndex.get(n);
    if (i === undefined) { i = frames.length; frames.push({ name: n }); frameIndex.set(n, i); }
    return i;
  };
  const samples: number[][] = [], weights: number[] = [];
  let total = 0;
  for (const [, e] of [...callPaths(p)].sort(byKey)) {
    samples.push(e.names.map(frameOf));
    weights.push(e.weight);
    total += e.weight;
  }
  return {
    $schema: 'https://www.speedscope.app/file-format-schema.json',
    shared: { frames },
    profiles: [{ type: 'sampled', name: `${name} (instructions)`, unit: 'none', startValue: 0, endValue: total, samples, weights }],
    name,
    activeProfileIndex: 0,
    exporter,
  };
}
