import { createRequire } from 'node:module';
import type { IHeapSnapshot } from '@memlab/core';
import type { FootprintReading } from './routerFootprint.js';

const require = createRequire(import.meta.url);
// CommonJS packages whose named exports ESM cannot see.
const memlabConfig = (require('@memlab/core') as typeof import('@memlab/core')).config;
const ShapeUnboundGrowthAnalysis = (
  require('@memlab/heap-analysis/dist/plugins/ShapeUnboundGrowthAnalysis') as {
    default: new () => object;
  }
).default;

/** How many findings memlab's analyses print, largest last value first. */
const TOP = 20;

/** memlab's unbound-collection reads these: Maps and Sets, weak or not (not arrays). */
const MEMLAB_COLLECTIONS = new Set(['Map', 'Set', 'WeakMap', 'WeakSet']);

/** One object whose measure changed over the series, as memlab's unbound-collection and unbound-object print it. */
export interface GrowthFinding {
  readonly id: number;
  readonly name: string;
  /** Entries (collections) or retained bytes (objects), one per snapshot it was in. */
  readonly history: number[];
}

export interface ShapeFinding {
  readonly shape: string;
  readonly counts: number[];
}

export interface UnboundGrowthFindings {
  /** `CollectionUnboundGrowthAnalysis` over the router's objects: Maps and Sets whose entry count changed. */
  readonly collections: GrowthFinding[];
  /** `ObjectUnboundGrowthAnalysis` over the router's objects: retained size changed, ending above memlab's threshold. */
  readonly objects: GrowthFinding[];
  /** `ShapeUnboundGrowthAnalysis` over the whole heap: shapes whose count never fell, rose, and ends at 1,000 or more. */
  readonly shapes: ShapeFinding[];
}

/** The two steps of memlab's shape analysis that work on a loaded heap; private in its typings. */
interface ShapeSteps {
  getShapesInfo(heap: IHeapSnapshot): unknown;
  getSummary(populations: unknown[]): { shape: string; counts: number[] }[];
}

class MemlabApiError extends Error {
  constructor(what: string) {
    super(
      `@memlab/heap-analysis no longer has ${what}; the soak calls it on each loaded snapshot. Pin the version it was written for (2.0.5) or adapt soak/analysis/unboundGrowth.ts.`,
    );
    this.name = 'MemlabApiError';
  }
}

function shapeSteps(): ShapeSteps {
  const analysis = new ShapeUnboundGrowthAnalysis() as Partial<ShapeSteps>;
  if (typeof analysis.getShapesInfo !== 'function' || typeof analysis.getSummary !== 'function') {
    throw new MemlabApiError('ShapeUnboundGrowthAnalysis.getShapesInfo and getSummary');
  }
  return analysis as ShapeSteps;
}

type Tracked = { name: string; min: number; max: number; history: number[] } | null;

/**
 * memlab's three unbound-growth analyses over a series of snapshots, fed one loaded heap
 * at a time. memlab's own classes load every snapshot again for each analysis (three more
 * parses of each, about a minute a soak here); this reads each heap once, in the soak's
 * own pass: the shape analysis by memlab's own code over the whole heap, the collection
 * and object analyses by their rules as memlab 2.0.5 states them (`checkUnboundCollection`,
 * `detectUnboundGrowth`) over the objects the router owns, which the footprint walk has
 * already visited (every object of the heap costs seconds a snapshot).
 */
export class UnboundGrowth {
  private readonly collections = new Map<number, Tracked>();
  private readonly objects = new Map<number, Tracked>();
  private readonly shapes = shapeSteps();
  private readonly populations: unknown[] = [];
  private lastIds = new Set<number>();
  private added = 0;

  add(heap: IHeapSnapshot, reading: FootprintReading): void {
    const first = this.added++ === 0;
    const ids = new Set<number>();
    if (reading.ok) {
      for (const c of reading.sample.collections) {
        ids.add(c.id);
        if (MEMLAB_COLLECTIONS.has(c.kind)) track(this.collections, c.id, c.kind, c.entries, first);
      }
      for (const o of reading.sample.objects) {
        ids.add(o.id);
        track(this.objects, o.id, o.name, o.retainedBytes, first);
      }
    }
    this.lastIds = ids;
    this.populations.push(this.shapes.getShapesInfo(heap));
  }

  findings(): UnboundGrowthFindings {
    // memlab's rules: still in the last snapshot, not constant; objects end above its size threshold.
    const changed = (tracked: Map<number, Tracked>, atLeast: number) =>
      [...tracked]
        .filter(([id, item]) => item !== null && this.lastIds.has(id) && item.min !== item.max)
        .map(([id, item]) => ({ id, name: (item as NonNullable<Tracked>).name, history: item?.history ?? [] }))
        .filter((item) => (item.history.at(-1) ?? 0) >= atLeast)
        .sort((a, b) => (b.history.at(-1) ?? 0) - (a.history.at(-1) ?? 0))
        .slice(0, TOP);
    return {
      collections: changed(this.collections, 0),
      objects: changed(this.objects, memlabConfig.unboundSizeThreshold),
      shapes: this.shapes
        .getSummary(this.populations)
        .slice(0, TOP)
        .map(({ shape, counts }) => ({ shape, counts })),
    };
  }
}

/** memlab's update step: a node that changed name is dropped; monotonic-only if memlab is so configured. */
function track(tracked: Map<number, Tracked>, id: number, name: string, value: number, first: boolean): void {
  if (first) {
    tracked.set(id, { name, min: value, max: value, history: [value] });
    return;
  }
  const item = tracked.get(id);
  if (!item) return;
  if (name !== item.name) {
    tracked.set(id, null);
    return;
  }
  if (memlabConfig.monotonicUnboundGrowthOnly && value < item.max) {
    tracked.set(id, null);
    return;
  }
  item.history.push(value);
  item.max = Math.max(item.max, value);
  item.min = Math.min(item.min, value);
}
