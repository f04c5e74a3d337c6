import type { CollectionKind, FootprintReading, FootprintSample } from './routerFootprint.js';
import { theilSenSlope } from './theilSenSlope.js';
import type { UnboundGrowthFindings } from './unboundGrowth.js';

/** A collection counts as growing only if it gained at least this many entries over the series. */
export const MIN_COLLECTION_GROWTH = 8;

/** The deepest path that holds this share of the router's growth names it. */
const GROWTH_SHARE_NAMED = 0.8;

/** One snapshot of the series, read from the router. */
export interface FootprintPoint {
  readonly label: string;
  readonly cycle: number;
  readonly reading: FootprintReading;
}

/** The router's footprint over the series, as the report keeps it. */
export interface RouterFootprint {
  readonly series: {
    readonly label: string;
    readonly cycle: number;
    readonly reachableBytes: number;
    readonly reachableObjects: number;
    readonly retainedBytes: number;
  }[];
  /** Theil-Sen slope of the router's bytes over the series' cycles. */
  readonly slopeBytesPerCycle: number;
  /**
   * The least growth per cycle over the steps between snapshots: a leak grows at every
   * step, while a part of the router that something else briefly shares moves one step
   * only (its sessions while the controller's history holds the chunks they came in).
   */
  readonly leastStepBytesPerCycle: number;
  /** Collections the router reaches that grew at every step of the series. */
  readonly growingCollections: { readonly path: string; readonly kind: CollectionKind; readonly entries: number[] }[];
  /** The deepest path from the router holding most of what it gained from the first snapshot to the last. */
  readonly grewMost?: { readonly path: string; readonly bytes: number; readonly ofBytes: number };
  /** memlab's unbound-growth analyses over the whole heap; `path` for what the router reaches. */
  readonly memlab: {
    readonly collections: { id: number; name: string; history: number[]; path?: string }[];
    readonly objects: { id: number; name: string; history: number[]; path?: string }[];
    readonly shapes: { shape: string; counts: number[] }[];
  };
  /** Why the footprint could not be judged, when it could not. */
  readonly unreadable?: string;
}

/** Joins the per-snapshot readings into the footprint the report shows and the limits judge. */
export function routerFootprint(points: readonly FootprintPoint[], unbound: UnboundGrowthFindings): RouterFootprint {
  const samples: { point: FootprintPoint; sample: FootprintSample }[] = [];
  const unreadable: string[] = [];
  for (const point of points) {
    if (point.reading.ok) samples.push({ point, sample: point.reading.sample });
    else unreadable.push(`${point.reading.routers} Router objects in the ${point.label} snapshot`);
  }
  const series = samples.map(({ point, sample }) => ({
    label: point.label,
    cycle: point.cycle,
    reachableBytes: sample.reachableBytes,
    reachableObjects: sample.reachableObjects,
    retainedBytes: sample.retainedBytes,
  }));
  const first = samples[0]?.sample;
  const last = samples.at(-1)?.sample;
  const named = (list: UnboundGrowthFindings['collections']) =>
    list.map((finding) => {
      const path = last?.pathOf.get(finding.id);
      return { ...finding, ...(path !== undefined ? { path } : {}) };
    });
  const grewMost = first && last && unreadable.length === 0 ? deepestGrowth(first, last) : undefined;
  return {
    series,
    slopeBytesPerCycle: theilSenSlope(series.map((s) => ({ x: s.cycle, y: s.reachableBytes }))),
    leastStepBytesPerCycle: leastStep(series),
    growingCollections: unreadable.length === 0 ? growingCollections(samples.map((s) => s.sample)) : [],
    ...(grewMost ? { grewMost } : {}),
    memlab: { collections: named(unbound.collections), objects: named(unbound.objects), shapes: unbound.shapes },
    ...(unreadable.length > 0 ? { unreadable: unreadable.join('; ') } : {}),
  };
}

function leastStep(series: RouterFootprint['series']): number {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 1; i < series.length; i++) {
    const a = series[i - 1];
    const b = series[i];
    if (a === undefined || b === undefined || b.cycle === a.cycle) continue;
    least = Math.min(least, (b.reachableBytes - a.reachableBytes) / (b.cycle - a.cycle));
  }
  return Number.isFinite(least) ? least : 0;
}

/** fuite's rule over the soak's series: a collection in every snapshot whose entries rose at every step. */
function growingCollections(samples: readonly FootprintSample[]): RouterFootprint['growingCollections'] {
  const [head, ...rest] = samples;
  if (head === undefined || rest.length === 0) return [];
  const later = rest.map((sample) => new Map(sample.collections.map((c) => [c.id, c])));
  const growing: RouterFootprint['growingCollections'] = [];
  for (const start of head.collections) {
    const entries = [start.entries];
    for (const byId of later) {
      const now = byId.get(start.id);
      if (now === undefined || now.entries <= (entries.at(-1) ?? 0)) break;
      entries.push(now.entries);
    }
    if (entries.length !== samples.length || (entries.at(-1) ?? 0) - start.entries < MIN_COLLECTION_GROWTH) continue;
    const path = later.at(-1)?.get(start.id)?.path ?? start.path;
    growing.push({ path, kind: start.kind, entries });
  }
  return growing.sort(
    (a, b) => (b.entries.at(-1) ?? 0) - (b.entries[0] ?? 0) - ((a.entries.at(-1) ?? 0) - (a.entries[0] ?? 0)),
  );
}

function deepestGrowth(first: FootprintSample, last: FootprintSample): RouterFootprint['grewMost'] {
  const total = last.reachableBytes - first.reachableBytes;
  if (total <= 0) return undefined;
  let best: { path: string; bytes: number; depth: number } | undefined;
  for (const [path, bytes] of last.bytesByPath) {
    const grown = bytes - (first.bytesByPath.get(path) ?? 0);
    if (grown < GROWTH_SHARE_NAMED * total) continue;
    const depth = path.split(/[.[]/).length;
    if (best === undefined || depth > best.depth) best = { path, bytes: grown, depth };
  }
  return best ? { path: best.path, bytes: best.bytes, ofBytes: total } : undefined;
}
