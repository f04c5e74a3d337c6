import type { SoakReport } from '../../src/harness/reports/SoakReport.js';
import type { WorkerMessage } from '../worker/WorkerMessages.js';
import type { HeapAnalysis } from './analyzeSnapshots.js';

type Check = SoakReport['checks'][number];
type WorkerResult = Extract<WorkerMessage, { type: 'result' }>;

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
      'heapUsed after gc, least-squares slope: a cycle creates and ends 20 to 50 sessions, so keeping them costs 5 to 15 KiB a cycle; fixed measured within a few hundred bytes of zero (see the margins).',
  },
} as const;

/** Least-squares slope of heapUsed over cycles. */
export function heapSlope(samples: readonly { cycle: number; heapUsedBytes: number }[]): number {
  if (samples.length < 2) return 0;
  const n = samples.length;
  const meanX = samples.reduce((s, p) => s + p.cycle, 0) / n;
  const meanY = samples.reduce((s, p) => s + p.heapUsedBytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of samples) {
    num += (p.cycle - meanX) * (p.heapUsedBytes - meanY);
    den += (p.cycle - meanX) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

export function soakChecks(result: WorkerResult, analysis: HeapAnalysis): Check[] {
  const trackers = analysis.retained.find((row) => row.className === 'SyncTracker')?.count ?? 0;
  const projectBytes = analysis.retained.reduce((sum, row) => sum + row.retainedBytes, 0);
  const measured: Record<keyof typeof SOAK_LIMITS, number> = {
    retainedTrackers: trackers,
    postSyncBufferedAtEnd: result.finalStats.postSyncEntriesBuffered ?? 0,
    postSyncOutsideSyncPeak: result.postSyncBufferedOutsideSyncPeak,
    retainedProjectBytes: projectBytes,
    heapSlopePerCycle: Math.round(heapSlope(result.heapTrend)),
  };
  return (Object.keys(SOAK_LIMITS) as (keyof typeof SOAK_LIMITS)[]).map((name) => {
    const { limit, unit, justification } = SOAK_LIMITS[name];
    return { name, measured: measured[name], limit, unit, passed: measured[name] <= limit, justification };
  });
}

export function failureReasons(checks: readonly Check[]): string[] {
  return checks
    .filter((check) => !check.passed)
    .map((check) => `${check.name}: ${check.measured} ${check.unit} (limit ${check.limit})`);
}
