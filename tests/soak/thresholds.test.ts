import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import {
  failureReasons,
  heapSlope,
  MIN_CYCLES_FOR_SLOPE,
  SOAK_LIMITS,
  soakChecks,
} from '../../soak/analysis/thresholds.js';

const require = createRequire(import.meta.url);
const { leakFilter } = require('../../soak/analysis/leakFilter.cjs') as {
  leakFilter: (node: { type: string; name: string }) => boolean;
};

const sample = (cycle: number, heapUsedBytes: number, codeSpaceBytes = 0) => ({
  cycle,
  elapsedMs: cycle * 10,
  heapUsedBytes,
  codeSpaceBytes,
});

const quietResult = {
  type: 'result' as const,
  cycles: MIN_CYCLES_FOR_SLOPE,
  durationMs: 1_000,
  snapshots: [],
  heapTrend: [sample(0, 1_000_000), sample(MIN_CYCLES_FOR_SLOPE, 1_000_000)],
  finalStats: { postSyncEntriesBuffered: 0 },
  postSyncBufferedOutsideSyncPeak: 0,
  quiescent: true,
};
const noRetention = {
  classGrowth: [],
  retained: [],
  traces: [],
  analysisMs: 1,
};

describe('soak thresholds', () => {
  test('the leak filter keeps the project classes and nothing of Node or V8', () => {
    expect(leakFilter({ type: 'object', name: 'SyncTracker' })).toBe(true);
    expect(leakFilter({ type: 'object', name: 'Object' })).toBe(false);
    expect(leakFilter({ type: 'closure', name: 'SyncTracker' })).toBe(false);
    expect(leakFilter({ type: 'object', name: 'MessagePort' })).toBe(false);
  });

  test('the heap slope is the median slope between samples: a few high samples do not move it', () => {
    const line = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9].map((cycle) => sample(cycle, 500 + 1_000 * cycle));
    expect(heapSlope(line)).toBe(1_000);
    // Two samples left 200 KB high (a heap snapshot's residue) would tilt a least-squares line.
    const spiked = line.map((p) =>
      p.cycle === 2 || p.cycle === 8 ? { ...p, heapUsedBytes: p.heapUsedBytes + 200_000 } : p,
    );
    expect(heapSlope(spiked)).toBe(1_000);
    expect(heapSlope([sample(3, 9)])).toBe(0);
  });

  test('compiled code is left out of the slope', () => {
    const codeGrows = [0, 10, 20, 30].map((cycle) => sample(cycle, 1e6 + cycle * 5_000, 1e5 + cycle * 5_000));
    expect(heapSlope(codeGrows)).toBe(0);
  });

  test('a run too short for the slope reports it unjudged, not passed on a figure', () => {
    const short = { ...quietResult, cycles: 30, heapTrend: [0, 10, 20, 30].map((c) => sample(c, 1e6 + c * 10_000)) };
    const slope = soakChecks(short, noRetention).find((c) => c.name === 'heapSlopePerCycle');
    expect(slope).toMatchObject({ measured: 10_000, passed: true, notJudged: expect.stringMatching(/^30 cycles/) });
    const long = { ...short, cycles: MIN_CYCLES_FOR_SLOPE };
    expect(soakChecks(long, noRetention).find((c) => c.name === 'heapSlopePerCycle')).toMatchObject({
      measured: 10_000,
      passed: false,
    });
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
        heapTrend: [0, 10, 20].map((cycle) => sample(cycle, 1e6 + cycle * 10_000)),
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
