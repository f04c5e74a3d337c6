import { createRequire } from 'node:module';
import type { IHeapNode, IHeapSnapshot } from '@memlab/core';
import { getFullHeapFromFile } from '@memlab/heap-analysis';
import { type RetainerTrace, retainerTrace } from './retainerTrace.js';
import { type FootprintReading, readRouterFootprint } from './routerFootprint.js';
import { UnboundGrowth, type UnboundGrowthFindings } from './unboundGrowth.js';

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

export interface HeapAnalysis {
  /** Live objects per project class in each snapshot, in the order given. */
  readonly classGrowth: { className: string; counts: number[] }[];
  /** Alive in the final snapshot and allocated after the baseline, or a SyncTracker at all. */
  readonly retained: RetainedClass[];
  readonly traces: RetainerTrace[];
  /**
   * With `owners` given: the objects of the final snapshot that only instances of that
   * class, allocated after the baseline, keep alive (memlab's dominator tree).
   */
  readonly heldByOwners?: { readonly owners: number; readonly objects: number; readonly bytes: number };
  /** With `footprint`: the router's footprint in each snapshot, and memlab's unbound-growth findings over them. */
  readonly footprint?: { readonly readings: FootprintReading[]; readonly unbound: UnboundGrowthFindings };
  readonly analysisMs: number;
}

/**
 * A quiescent router needs no tracker at all, so one alive at the end is retained
 * whenever it was made: the tracker of the connection's first sync predates the baseline.
 */
const MUST_BE_GONE_AT_QUIESCENCE: readonly string[] = ['SyncTracker'];

function projectNodes(heap: IHeapSnapshot): IHeapNode[] {
  const nodes: IHeapNode[] = [];
  heap.nodes.forEach((node) => {
    if (leakFilter(node)) nodes.push(node);
  });
  return nodes;
}

/**
 * Objects whose dominator chain (memlab's dominator tree) reaches one of `owners`: what
 * those owners alone keep alive, so their count and bytes are what dropping them frees.
 */
function dominatedBy(heap: IHeapSnapshot, owners: ReadonlySet<number>): { objects: number; bytes: number } {
  const verdicts = new Map<number, boolean>();
  const owned = (start: IHeapNode): boolean => {
    const path: number[] = [];
    let node: IHeapNode | null = start;
    let verdict = false;
    while (node) {
      const known = verdicts.get(node.id);
      if (known !== undefined) {
        verdict = known;
        break;
      }
      if (owners.has(node.id)) {
        verdict = true;
        break;
      }
      path.push(node.id);
      const up: IHeapNode | null = node.dominatorNode;
      if (up === null || up.id === node.id) break;
      node = up;
    }
    for (const id of path) verdicts.set(id, verdict);
    return verdict;
  };
  let objects = 0;
  let bytes = 0;
  if (owners.size === 0) return { objects, bytes };
  heap.nodes.forEach((node) => {
    if (owned(node)) {
      objects++;
      bytes += node.self_size;
    }
  });
  return { objects, bytes };
}

/**
 * Reads the snapshots with memlab (which computes retained sizes and each node's
 * shortest retainer path) and keeps only the project's classes, per the leak filter.
 */
export async function analyzeSnapshots(
  files: readonly string[],
  options: { readonly owners?: string; readonly footprint?: boolean } = {},
): Promise<HeapAnalysis> {
  // memlab narrates every parsing phase; the soak prints its own progress.
  memlabConfig.muteConsole = true;
  const started = performance.now();
  const counts = new Map<string, number[]>(PROJECT_CLASSES.map((name) => [name, files.map(() => 0)]));
  let baselineIds = new Set<number>();
  const baselineAllIds = new Set<number>();
  let finalNodes: IHeapNode[] = [];
  let heldByOwners: HeapAnalysis['heldByOwners'];
  const readings: FootprintReading[] = [];
  const unbound = options.footprint ? new UnboundGrowth() : undefined;
  for (const [index, file] of files.entries()) {
    const heap = await getFullHeapFromFile(file);
    if (unbound) {
      const reading = readRouterFootprint(heap);
      readings.push(reading);
      unbound.add(heap, reading);
    }
    const nodes = projectNodes(heap);
    for (const node of nodes) {
      const row = counts.get(node.name);
      if (row) row[index] = (row[index] ?? 0) + 1;
    }
    if (index === 0) baselineIds = new Set(nodes.map((node) => node.id));
    if (index === 0 && options.owners !== undefined) {
      heap.nodes.forEach((node) => {
        if (node.name === options.owners) baselineAllIds.add(node.id);
      });
    }
    if (index === files.length - 1) {
      finalNodes = nodes.filter((node) => !baselineIds.has(node.id) || MUST_BE_GONE_AT_QUIESCENCE.includes(node.name));
      if (options.owners !== undefined) {
        const ownerIds = new Set<number>();
        heap.nodes.forEach((node) => {
          if (node.type === 'object' && node.name === options.owners && !baselineAllIds.has(node.id))
            ownerIds.add(node.id);
        });
        heldByOwners = { owners: ownerIds.size, ...dominatedBy(heap, ownerIds) };
      }
    }
  }
  const byClass = new Map<string, IHeapNode[]>();
  for (const node of finalNodes) {
    const list = byClass.get(node.name);
    if (list) list.push(node);
    else byClass.set(node.name, [node]);
  }
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
    ...(heldByOwners ? { heldByOwners } : {}),
    ...(unbound ? { footprint: { readings, unbound: unbound.findings() } } : {}),
    analysisMs: Math.round(performance.now() - started),
  };
}
