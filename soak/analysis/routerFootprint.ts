import { createRequire } from 'node:module';
import type { IHeapEdge, IHeapNode, IHeapSnapshot } from '@memlab/core';

const require = createRequire(import.meta.url);
// A CommonJS package whose named exports ESM cannot see; memlab's own collection rules.
const { PluginUtils } = require('@memlab/heap-analysis') as typeof import('@memlab/heap-analysis');

/** V8's own links, shared by every object of a kind: hidden classes, prototypes, compiled code, outer scopes. */
const NOT_FOLLOWED = new Set([
  'map',
  '__proto__',
  'constructor',
  'prototype',
  'shared',
  'code',
  'feedback_cell',
  'previous',
  'script',
  'native_context',
  'global_proxy',
]);

/** Paths are named this deep at most: enough for `Router.events.listeners.table[1].context.records`. */
const MAX_PATH_DEPTH = 8;

export type CollectionKind = 'Map' | 'Set' | 'WeakMap' | 'WeakSet' | 'Array' | 'Object';

/** A collection the router reaches, with how many entries it holds. */
export interface ReachedCollection {
  readonly id: number;
  readonly path: string;
  readonly kind: CollectionKind;
  readonly entries: number;
}

/** The router's footprint in one snapshot. */
export interface FootprintSample {
  /** Self sizes of the objects the router alone keeps alive (under it in memlab's dominator tree), reached from it. */
  readonly reachableBytes: number;
  readonly reachableObjects: number;
  /** memlab's retained size of the Router object: what it alone keeps alive (shared objects drop out). */
  readonly retainedBytes: number;
  readonly collections: readonly ReachedCollection[];
  /** Objects, closures and regexps the router owns, with memlab's retained size: what memlab's unbound-object reads. */
  readonly objects: readonly { readonly id: number; readonly name: string; readonly retainedBytes: number }[];
  /** Bytes reachable under each path from the router, down to MAX_PATH_DEPTH links. */
  readonly bytesByPath: ReadonlyMap<string, number>;
  /** Each reached node's path: to name what memlab's analyses found. */
  readonly pathOf: ReadonlyMap<number, string>;
}

export type FootprintReading =
  | { readonly ok: true; readonly sample: FootprintSample }
  | { readonly ok: false; readonly routers: number };

function edgeLabel(edge: IHeapEdge): string {
  const name = edge.name_or_index;
  return edge.type === 'element' || typeof name === 'number' || /^\d+$/.test(name) ? `[${name}]` : `.${name}`;
}

const WEAK_COLLECTIONS = new Set(['WeakMap', 'WeakSet']);

/** A link that keeps its target alive: weak links, V8's shortcuts and a weak collection's table do not. */
function strong(edge: IHeapEdge): boolean {
  if (edge.type === 'weak' || edge.type === 'shortcut') return false;
  return !(edge.name_or_index === 'table' && WEAK_COLLECTIONS.has(edge.fromNode.name));
}

function followed(edge: IHeapEdge): boolean {
  return strong(edge) && !NOT_FOLLOWED.has(String(edge.name_or_index)) && edge.toNode.type !== 'code';
}

/** memlab's entry count for Maps and Sets (their hash table's links); elements or properties otherwise. */
function collectionEntries(node: IHeapNode): { kind: CollectionKind; entries: number } | undefined {
  if (node.type !== 'object') return undefined;
  if (PluginUtils.isCollectObject(node)) {
    return { kind: node.name as CollectionKind, entries: PluginUtils.getCollectionFanout(node) };
  }
  if (node.name === 'Array') {
    return { kind: 'Array', entries: node.references.filter((e) => e.type === 'element').length };
  }
  if (node.name === 'Object') {
    return { kind: 'Object', entries: node.references.filter((e) => e.type === 'property').length };
  }
  return undefined;
}

/**
 * Walks from the one Router in the heap, breadth first so that each object is named by its
 * shortest path (`Router.receiveLoop.gate.sequencesSeen`), and sums what it reaches. A
 * heap with no Router or several cannot be read this way.
 */
export function readRouterFootprint(heap: IHeapSnapshot): FootprintReading {
  const routers: IHeapNode[] = [];
  heap.nodes.forEach((node) => {
    if (node.type === 'object' && node.name === 'Router') routers.push(node);
  });
  const router = routers[0];
  if (router === undefined || routers.length !== 1) return { ok: false, routers: routers.length };
  // The router's alone: what memlab's dominator tree puts under it. Walking breadth first,
  // an object's dominator is met before the object (every path to it passes there).
  const owned = new Set<number>([router.id]);

  const queue: IHeapNode[] = [router];
  const paths: string[] = ['Router'];
  const parents: number[] = [-1];
  const depths: number[] = [0];
  // The nearest ancestor (or self) at most MAX_PATH_DEPTH deep: where naming starts.
  const anchors: number[] = [0];
  const seen = new Set<number>([router.id]);
  const pathOf = new Map<number, string>();
  const bytesByPath = new Map<string, number>();
  const collections: ReachedCollection[] = [];
  const objects: { id: number; name: string; retainedBytes: number }[] = [];
  let reachableBytes = 0;
  for (let i = 0; i < queue.length; i++) {
    const node = queue[i] as IHeapNode;
    const path = paths[i] as string;
    const depth = depths[i] as number;
    reachableBytes += node.self_size;
    pathOf.set(node.id, path);
    // Each object's bytes count for every named path above it.
    for (let at = anchors[i] as number; at >= 0; at = parents[at] as number) {
      const key = paths[at] as string;
      bytesByPath.set(key, (bytesByPath.get(key) ?? 0) + node.self_size);
    }
    const collection = collectionEntries(node);
    if (collection) collections.push({ id: node.id, path, ...collection });
    if (node.type === 'object' || node.type === 'closure' || node.type === 'regexp') {
      objects.push({ id: node.id, name: node.name, retainedBytes: node.retainedSize });
    }
    for (const edge of node.references) {
      const to = edge.toNode;
      if (!followed(edge) || seen.has(to.id)) continue;
      seen.add(to.id);
      const dominator = to.dominatorNode;
      if (dominator === null || !owned.has(dominator.id)) continue;
      owned.add(to.id);
      queue.push(to);
      paths.push(depth < MAX_PATH_DEPTH ? `${path}${edgeLabel(edge)}` : path);
      parents.push(i);
      depths.push(depth + 1);
      anchors.push(depth < MAX_PATH_DEPTH ? queue.length - 1 : (anchors[i] as number));
    }
  }
  return {
    ok: true,
    sample: {
      reachableBytes,
      reachableObjects: queue.length,
      retainedBytes: router.retainedSize,
      collections,
      objects,
      bytesByPath,
      pathOf,
    },
  };
}
