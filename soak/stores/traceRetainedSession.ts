import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import type { IHeapNode } from '@memlab/core';
import { getFullHeapFromFile } from '@memlab/heap-analysis';
import { retainerTrace } from '../analysis/retainerTrace.js';

const require = createRequire(import.meta.url);
// A CommonJS package whose named exports ESM cannot see.
const memlabConfig = (require('@memlab/core') as typeof import('@memlab/core')).config;

const STRING_NODE_TYPES = new Set(['string', 'concatenated string', 'sliced string']);

export interface RetainedSessionTrace {
  readonly marker: string;
  /** The string node found: the store's serialized copy of the session. */
  readonly bytes: number;
  /** memlab's shortest path from a GC root to it, root first (see `retainerTrace`). */
  readonly path: readonly string[];
}

/**
 * Snapshots this process's heap and, for each marker, finds a serialized session (a
 * string holding `"note":"<marker>"`, see `StoreSoak`) and memlab's retainer path to it;
 * undefined for a marker whose session nothing holds any more. The snapshot is deleted
 * before this returns.
 */
export async function traceRetainedSessions(
  markers: readonly string[],
): Promise<Map<string, RetainedSessionTrace | undefined>> {
  const dir = mkdtempSync(join(tmpdir(), 'store-soak-'));
  try {
    const file = writeHeapSnapshot(join(dir, 'stores.heapsnapshot'));
    memlabConfig.muteConsole = true;
    const heap = await getFullHeapFromFile(file);
    const found = new Map<string, IHeapNode>();
    // The marker as it reads inside serialized JSON: the snapshot may name a string by a
    // part of its text only, so the match is on the field, not on the opening brace.
    const needles = markers.map((marker) => [marker, `"note":${JSON.stringify(marker)}`] as const);
    heap.nodes.forEach((node) => {
      if (!STRING_NODE_TYPES.has(node.type)) return;
      for (const [marker, needle] of needles) {
        if (!found.has(marker) && node.name.includes(needle)) found.set(marker, node);
      }
    });
    return new Map(
      markers.map((marker) => {
        const node = found.get(marker);
        return [marker, node ? { marker, bytes: node.self_size, path: retainerTrace(node) } : undefined];
      }),
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
