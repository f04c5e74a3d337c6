import type { IHeapNode } from '@memlab/core';
import { getFullHeapFromFile } from '@memlab/heap-analysis';
import { type RetainerTrace, retainerTrace } from './retainerTrace.js';

/** How the report names what this finds, in place of a class name. */
export const QUEUED_POST_SYNC = 'post-sync request held by the receive queue while no sync was in progress';

/**
 * The inverted flag alone retains nothing at quiescence: the receive loop drops post-sync
 * data when it holds no tracker. Its footprint is the moment in between, so the worker
 * snapshots the heap right after such a request is queued; this finds the requests in
 * that snapshot (`kind: 'post-sync'` in a ReceiveQueue's items) and memlab's path to the
 * last of them, the one just queued; earlier ones may be consumed but not yet compacted away.
 */
export async function traceQueuedPostSync(file: string): Promise<RetainerTrace | undefined> {
  const heap = await getFullHeapFromFile(file);
  const requests: IHeapNode[] = [];
  heap.nodes.forEach((node) => {
    if (node.type !== 'object' || node.name !== 'ReceiveQueue') return;
    const items = node.getReferenceNode('items', 'property');
    for (const edge of items?.references ?? []) {
      if (edge.type !== 'element') continue;
      const kind = edge.toNode.getReferenceNode('kind', 'property');
      if (kind?.name === 'post-sync') requests.push(edge.toNode);
    }
  });
  const latest = requests.at(-1);
  if (latest === undefined) return undefined;
  return {
    className: QUEUED_POST_SYNC,
    count: requests.length,
    retainedBytes: requests.reduce((sum, node) => sum + node.retainedSize, 0),
    lines: retainerTrace(latest),
  };
}
