import type { IHeapEdge, IHeapNode } from '@memlab/core';

export interface RetainerTrace {
  readonly className: string;
  readonly count: number;
  readonly retainedBytes: number;
  readonly lines: string[];
}

const MAX_TRACE_HOPS = 30;

/** memlab's shortest path from a GC root, one hop per line, root first: `node`, then `--.edge (type)-->`. */
export function retainerTrace(node: IHeapNode): string[] {
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
