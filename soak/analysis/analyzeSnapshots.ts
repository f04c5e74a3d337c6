import { createRequire } from 'node:module';
import type { IHeapEdge, IHeapNode, IHeapSnapshot } from '@memlab/core';
import { getFullHeapFromFile } from '@memlab/heap-analysis';

const require = createRequire(import.meta.url);
// The same filter `memlab find-leaks --leak-filter` loads by hand.
const { leakFilter, PROJECT_CLASSES } = require('./leakFilter.cjs') as {
  leakFilter: (node: IHeapNode) => boolean;
  PROJECT_CLASSES: readonly string[];
};
// A CommonJS package whose named exports ESM cannot see.
const memlabConfig = (require('@memlab/core') as typeof import('@memlab/core')).config;

export { PROJECT_CLASSES };

export interface RetainedClass {
  readonly className: string;
  readonly count: number;
  readonly selfBytes: number;
  readonly retainedBytes: number;
}

export interface RetainerTrace {
  readonly className: string;
  readonly count: number;
  readonly retainedBytes: number;
  readonly lines: string[];
}

export interface HeapAnalysis {
  /** Live objects per project class in each snapshot, in the order given. */
  readonly classGrowth: { className: string; counts: number[] }[];
  /** Alive in the final snapshot and allocated after the baseline, or a SyncTracker at all. */
  readonly retained: RetainedClass[];
  readonly traces: RetainerTrace[];
  readonly analysisMs: number;
}

const MAX_TRACE_HOPS = 30;
/**
 * A quiescent router needs no tracker at all, so one alive at the end is retained
 * whenever it was made: the tracker of the connection's first sync predates the baseline.
 */
const MUST_BE_GONE_AT_QUIESCENCE: readonly string[] = ['SyncTracker'];

/** memlab's shortest path from a GC root, one hop per line: `edge --> node (type, retained bytes)`. */
function retainerTrace(node: IHeapNode): string[] {
  const hops: string[] = [];
  let current: IHeapNode | null = node;
  for (let i = 0; current && i < MAX_TRACE_HOPS; i++) {
    const edge: IHeapEdge | null = current.pathEdge;
    hops.push(
      `${current.name || `(${current.type})`} [${current.type}, @${current.id}, retains ${current.retainedSize} bytes]`,
    );
    if (!edge) break;
    hops.push(`  --.${String(edge.name_or_index)} (${edge.type})-->`);
    current = edge.fromNode;
  }
  return hops.reverse().map((line) => line.trim());
}

function projectNodes(heap: IHeapSnapshot): IHeapNode[] {
  const nodes: IHeapNode[] = [];
  heap.nodes.forEach((node) => {
    if (leakFilter(node)) nodes.push(node);
  });
  return nodes;
}

/**
 * Reads the snapshots with memlab (which computes retained sizes and each node's
 * shortest retainer path) and keeps only the project's classes, per the leak filter.
 */
export async function analyzeSnapshots(files: readonly string[]): Promise<HeapAnalysis> {
  // memlab narrates every parsing phase; the soak prints its own progress.
  memlabConfig.muteConsole = true;
  const started = performance.now();
  const counts = new Map<string, number[]>(PROJECT_CLASSES.map((name) => [name, files.map(() => 0)]));
  let baselineIds = new Set<number>();
  let finalNodes: IHeapNode[] = [];
  for (const [index, file] of files.entries()) {
    const heap = await getFullHeapFromFile(file);
    const nodes = projectNodes(heap);
    for (const node of nodes) {
      const row = counts.get(node.name);
      if (row) row[index] = (row[index] ?? 0) + 1;
    }
    if (index === 0) baselineIds = new Set(nodes.map((node) => node.id));
    if (index === files.length - 1) {
      finalNodes = nodes.filter((node) => !baselineIds.has(node.id) || MUST_BE_GONE_AT_QUIESCENCE.includes(node.name));
    }
  }
  const byClass = new Map<string, IHeapNode[]>();
  for (const node of finalNodes) byClass.set(node.name, [...(byClass.get(node.name) ?? []), node]);
  const retained = [...byClass.entries()]
    .map(([className, nodes]) => ({
      className,
      count: nodes.length,
      selfBytes: nodes.reduce((sum, node) => sum + node.self_size, 0),
      retainedBytes: nodes.reduce((sum, node) => sum + node.retainedSize, 0),
    }))
    .sort((a, b) => b.retainedBytes - a.retainedBytes);
  const traces = [...byClass.entries()]
    .map(([className, nodes]) => {
      const biggest = nodes.reduce((a, b) => (b.retainedSize > a.retainedSize ? b : a));
      return {
        className,
        count: nodes.length,
        retainedBytes: nodes.reduce((sum, node) => sum + node.retainedSize, 0),
        lines: retainerTrace(biggest),
      };
    })
    .sort((a, b) => b.retainedBytes - a.retainedBytes);
  return {
    classGrowth: [...counts.entries()].map(([className, row]) => ({ className, counts: row })),
    retained,
    traces,
    analysisMs: Math.round(performance.now() - started),
  };
}
