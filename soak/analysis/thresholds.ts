import { heapBytesWithoutCode, type SoakReport } from '../../src/reports/SoakReport.js';
import type { WorkerResult } from '../worker/WorkerMessages.js';
import type { HeapAnalysis } from './analyzeSnapshots.js';
import type { RouterFootprint } from './footprintSeries.js';
import { theilSenSlope } from './theilSenSlope.js';

type Check = SoakReport['checks'][number];

/**
 * The written-down limits. Each one is a promise of the fixed router at quiescence, so
 * the limits sit at zero where the promise is exact and with a margin where the
 * measure has noise (heap bytes: V8's own code and caches move between snapshots).
 */
export const SOAK_LIMITS = {
  retainedTrackers: {
    limit: 0,
    unit: 'trackers',
    justification:
      'At quiescence no sync is in progress, so nothing needs a SyncTracker; each one allocated during the run and alive at the end is a finished sync still referenced.',
  },
  endedObjectsReachable: {
    limit: 0,
    unit: 'objects',
    justification:
      'Sessions removed or replaced, trackers, chunks, connections and timers whose life the router said had ended, still reachable after a collection at quiescence: what the `freed` property calls a leak.',
  },
  postSyncBufferedAtEnd: {
    limit: 0,
    unit: 'sessions',
    justification: 'Post-sync data belongs to a sync in progress; with none, any buffered session is held for nothing.',
  },
  postSyncOutsideSyncPeak: {
    limit: 0,
    unit: 'sessions',
    justification:
      'A live add handled while no sync is in progress is cached directly; queuing it as post-sync data is the inverted-flag fault, whatever later frees it.',
  },
  retainedProjectBytes: {
    limit: 64 * 1024,
    unit: 'bytes',
    justification:
      "64 KiB: a reconnect replaces the connection's small per-connection objects (a few KiB); one retained tracker of a 1,000-session sync holds about 200 KiB.",
  },
  heapSlopePerCycle: {
    limit: 2 * 1024,
    unit: 'bytes/cycle',
    justification:
      'heapUsed after gc without compiled code, Theil-Sen slope, judged from 150 cycles on: a cycle creates and ends 40 to 50 sessions of about 400 bytes, so keeping them costs 16 to 20 KiB a cycle; fixed measured at most 557 bytes a cycle over 150 cycles (24 runs) and 215 over 430 to 710 (15 runs of 20 s), but up to 2.4 KiB over 30, while V8 still compiles hot code.',
  },
  routerFootprintGrowth: {
    limit: 32,
    unit: 'bytes/cycle',
    justification:
      "The bytes the router alone keeps (its dominator subtree), at quiescence in each of the 5 snapshots, must not grow at every step by more than this a cycle: under fixed the least step was at most 0 bytes a cycle in 6 runs of 180 cycles (2 per scenario), the footprint flat to 40 bytes but for one or two steps of about 14 KiB when the controller's history stops sharing the cached sessions; 16 bytes kept per sync measured 100 bytes a cycle in resync-storm.",
  },
  routerCollectionsGrowing: {
    limit: 0,
    unit: 'collections',
    justification:
      "A Map, Set, array or plain object the router alone keeps that gained entries at every step of the series (at least 8 in all): fuite's rule, bookkeeping with no removal path (openziti/ziti #3830, #4323).",
  },
} as const;

/**
 * Fewer cycles and the slope is not judged: over the first few dozen cycles after warm-up
 * a fixed router's heap still rises (V8's code metadata and feedback for functions that
 * just got hot), by as much as the limit. The figure is still reported.
 */
export const MIN_CYCLES_FOR_SLOPE = 150;

/** Heap samples the slope needs: fewer and one bad sample moves the median. */
export const MIN_SAMPLES_FOR_SLOPE = 10;

interface TrendPoint {
  readonly cycle: number;
  readonly heapUsedBytes: number;
  /** Absent in reports written before code space was measured. */
  readonly codeSpaceBytes?: number;
}

/**
 * Heap growth per cycle: the Theil-Sen estimate (median of the slopes between every two
 * samples) of heapUsed without V8's code spaces. A least-squares line moved by
 * thousands of bytes a cycle on short runs, from single samples that a heap snapshot
 * or a late gc left high; the median ignores up to 29% of such points, and a leak,
 * which grows every cycle, moves every pairwise slope.
 */
export function heapSlope(samples: readonly TrendPoint[]): number {
  return theilSenSlope(samples.map((s) => ({ x: s.cycle, y: heapBytesWithoutCode(s) })));
}

export function soakChecks(result: WorkerResult, analysis: HeapAnalysis, footprint?: RouterFootprint): Check[] {
  const trackers = analysis.retained.find((row) => row.className === 'SyncTracker')?.count ?? 0;
  const projectBytes = analysis.retained.reduce((sum, row) => sum + row.retainedBytes, 0);
  const measured: Record<keyof typeof SOAK_LIMITS, number> = {
    retainedTrackers: trackers,
    endedObjectsReachable: result.lifecycle.reduce((sum, count) => sum + count.retained, 0),
    postSyncBufferedAtEnd: result.finalStats.postSyncEntriesBuffered ?? 0,
    postSyncOutsideSyncPeak: result.postSyncBufferedOutsideSyncPeak,
    retainedProjectBytes: projectBytes,
    heapSlopePerCycle: Math.round(heapSlope(result.heapTrend)),
    routerFootprintGrowth: Math.round(footprint?.leastStepBytesPerCycle ?? 0),
    routerCollectionsGrowing: footprint?.growingCollections.length ?? 0,
  };
  const notJudged: Partial<Record<keyof typeof SOAK_LIMITS, string>> = {};
  if (result.cycles < MIN_CYCLES_FOR_SLOPE) {
    notJudged.heapSlopePerCycle = `${result.cycles} cycles; the slope is judged from ${MIN_CYCLES_FOR_SLOPE} on`;
  } else if (result.heapTrend.length < MIN_SAMPLES_FOR_SLOPE) {
    notJudged.heapSlopePerCycle = `${result.heapTrend.length} heap samples; the slope needs ${MIN_SAMPLES_FOR_SLOPE}`;
  }
  const footprintUnjudged = footprintNotJudged(result.cycles, footprint);
  if (footprintUnjudged !== undefined) {
    notJudged.routerFootprintGrowth = footprintUnjudged;
    notJudged.routerCollectionsGrowing = footprintUnjudged;
  }
  return (Object.keys(SOAK_LIMITS) as (keyof typeof SOAK_LIMITS)[]).map((name) => {
    const { limit, unit, justification } = SOAK_LIMITS[name];
    const why = notJudged[name];
    return {
      name,
      measured: measured[name],
      limit,
      unit,
      passed: why !== undefined || measured[name] <= limit,
      justification,
      ...(why !== undefined ? { notJudged: why } : {}),
    };
  });
}

/** Snapshots of the series the footprint needs: fewer and a step that grew by chance decides. */
export const MIN_SNAPSHOTS_FOR_FOOTPRINT = 4;

/** Why the router's footprint cannot be judged from this run, if it cannot. */
function footprintNotJudged(cycles: number, footprint: RouterFootprint | undefined): string | undefined {
  if (footprint === undefined) return 'the router was not read from the snapshots';
  if (footprint.unreadable !== undefined) return footprint.unreadable;
  if (cycles < MIN_CYCLES_FOR_SLOPE) return `${cycles} cycles; the footprint is judged from ${MIN_CYCLES_FOR_SLOPE} on`;
  if (footprint.series.length < MIN_SNAPSHOTS_FOR_FOOTPRINT) {
    return `${footprint.series.length} snapshots of the router; the footprint needs ${MIN_SNAPSHOTS_FOR_FOOTPRINT}`;
  }
  return undefined;
}

export function failureReasons(checks: readonly Check[]): string[] {
  return checks
    .filter((check) => !check.passed)
    .map((check) => `${check.name}: ${check.measured} ${check.unit} (limit ${check.limit})`);
}

export function unjudgedReasons(checks: readonly Check[]): string[] {
  return checks
    .filter((check) => check.notJudged !== undefined)
    .map((check) => `${check.name} not judged: ${check.notJudged}`);
}

/**
 * A leak is any limit exceeded, however short the run: a retained tracker is proof.
 * Otherwise a check the run was too short to judge makes it inconclusive, never clean.
 */
export function soakVerdict(
  failures: readonly string[],
  unjudged: readonly string[],
): 'clean' | 'leak' | 'inconclusive' {
  if (failures.length > 0) return 'leak';
  return unjudged.length > 0 ? 'inconclusive' : 'clean';
}
