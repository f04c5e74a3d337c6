import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import { failureReasons, heapSlope, SOAK_LIMITS, soakChecks } from '../../soak/analysis/thresholds.js';

const require = createRequire(import.meta.url);
const { leakFilter } = require('../../soak/analysis/leakFilter.cjs') as {
  leakFilter: (node: { type: string; name: string }) => boolean;
};

const quietResult = {
  type: 'result' as const,
  cycles: 10,
  durationMs: 1_000,
  snapshots: [],
  heapTrend: [
    { cycle: 0, elapsedMs: 0, heapUsedBytes: 1_000_000 },
    { cycle: 10, elapsedMs: 100, heapUsedBytes: 1_000_000 },
  ],
  finalStats: { postSyncEntriesBuffered: 0 },
  postSyncBufferedOutsideSyncPeak: 0,
  quiescent: true,
};
const noRetention = { classGrowth: [], retained: [], traces: [], analysisMs: 1 };

describe('soak thresholds', () => {
  test('the leak filter keeps the project classes and nothing of Node or V8', () => {
    expect(leakFilter({ type: 'object', name: 'SyncTracker' })).toBe(true);
    expect(leakFilter({ type: 'object', name: 'Object' })).toBe(false);
    expect(leakFilter({ type: 'closure', name: 'SyncTracker' })).toBe(false);
    expect(leakFilter({ type: 'object', name: 'MessagePort' })).toBe(false);
  });

  test('the heap slope is the least-squares slope per cycle', () => {
    const samples = [0, 1, 2, 3, 4].map((cycle) => ({ cycle, heapUsedBytes: 500 + 1_000 * cycle + (cycle % 2) * 10 }));
    expect(heapSlope(samples)).toBeCloseTo(1_000, -1);
    expect(heapSlope([{ cycle: 3, heapUsedBytes: 9 }])).toBe(0);
  });

  test('a quiet run passes every check', () => {
    const checks = soakChecks(quietResult, noRetention);
    expect(checks.map((c) => c.name).sort()).toEqual(Object.keys(SOAK_LIMITS).sort());
    expect(failureReasons(checks)).toEqual([]);
  });

  test('a retained tracker, buffered sessions or a growing heap each fail, with the figure and the limit', () => {
    const checks = soakChecks(
      {
        ...quietResult,
        heapTrend: [0, 10, 20].map((cycle) => ({ cycle, elapsedMs: cycle, heapUsedBytes: 1e6 + cycle * 10_000 })),
        finalStats: { postSyncEntriesBuffered: 1_000 },
        postSyncBufferedOutsideSyncPeak: 7,
      },
      {
        ...noRetention,
        retained: [{ className: 'SyncTracker', count: 1, selfBytes: 100, retainedBytes: 200_000 }],
      },
    );
    expect(failureReasons(checks)).toEqual([
      'retainedTrackers: 1 trackers (limit 0)',
      'postSyncBufferedAtEnd: 1000 sessions (limit 0)',
      'postSyncOutsideSyncPeak: 7 sessions (limit 0)',
      'retainedProjectBytes: 200000 bytes (limit 65536)',
      'heapSlopePerCycle: 10000 bytes/cycle (limit 2048)',
    ]);
  });
});
