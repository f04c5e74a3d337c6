import { createRequire } from 'node:module';
import { describe, expect, test } from 'vitest';
import type { RouterFootprint } from '../../soak/analysis/footprintSeries.js';
import {
  failureReasons,
  heapSlope,
  MIN_CYCLES_FOR_SLOPE,
  MIN_SAMPLES_FOR_SLOPE,
  SOAK_LIMITS,
  soakChecks,
  soakVerdict,
  unjudgedReasons,
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

/** Enough samples over enough cycles for the slope to be judged, growing by `perCycle` bytes a cycle. */
const steadyGrowth = (perCycle: number) =>
  Array.from({ length: 12 }, (_, i) => sample(i * 15, 1_000_000 + i * 15 * perCycle));

const quietResult = {
  type: 'result' as const,
  cycles: MIN_CYCLES_FOR_SLOPE,
  durationMs: 1_000,
  snapshots: [],
  heapTrend: steadyGrowth(0),
  finalStats: { postSyncEntriesBuffered: 0 },
  postSyncBufferedOutsideSyncPeak: 0,
  quiescent: true,
  lifecycle: [],
};
const noRetention = {
  classGrowth: [],
  retained: [],
  traces: [],
  analysisMs: 1,
};

/** A footprint read from five snapshots at quiescence; `perStep` bytes gained at every step of 45 cycles. */
const footprint = (perStep: number, growing: RouterFootprint['growingCollections'] = []): RouterFootprint => ({
  series: [0, 45, 90, 135, 180].map((cycle, i) => ({
    label: `s${i}`,
    cycle,
    reachableBytes: 190_000 + i * perStep,
    reachableObjects: 3_000,
    retainedBytes: 190_000 + i * perStep,
  })),
  slopeBytesPerCycle: perStep / 45,
  leastStepBytesPerCycle: perStep / 45,
  growingCollections: growing,
  memlab: { collections: [], objects: [], shapes: [] },
});

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
    const fewSamples = { ...short, cycles: MIN_CYCLES_FOR_SLOPE };
    expect(soakChecks(fewSamples, noRetention).find((c) => c.name === 'heapSlopePerCycle')).toMatchObject({
      notJudged: `4 heap samples; the slope needs ${MIN_SAMPLES_FOR_SLOPE}`,
    });
    const long = { ...fewSamples, heapTrend: steadyGrowth(10_000) };
    expect(soakChecks(long, noRetention).find((c) => c.name === 'heapSlopePerCycle')).toMatchObject({
      measured: 10_000,
      passed: false,
    });
    expect(
      soakVerdict(failureReasons(soakChecks(short, noRetention)), unjudgedReasons(soakChecks(short, noRetention))),
    ).toBe('inconclusive');
  });

  test('a leak is a leak however short the run; unjudged alone is inconclusive; all judged and held is clean', () => {
    expect(soakVerdict(['retainedTrackers: 1 trackers (limit 0)'], ['heapSlopePerCycle not judged: 3 cycles'])).toBe(
      'leak',
    );
    expect(soakVerdict([], ['heapSlopePerCycle not judged: 3 cycles'])).toBe('inconclusive');
    expect(soakVerdict([], [])).toBe('clean');
  });

  test('a quiet run passes every check', () => {
    const checks = soakChecks(quietResult, noRetention);
    expect(checks.map((c) => c.name).sort()).toEqual(Object.keys(SOAK_LIMITS).sort());
    expect(failureReasons(checks)).toEqual([]);
  });

  test("the router's footprint: growth at every step or a collection that keeps growing fails; too little read is unjudged", () => {
    const judged = (f: RouterFootprint | undefined, cycles = MIN_CYCLES_FOR_SLOPE) =>
      soakChecks({ ...quietResult, cycles }, noRetention, f).filter((c) => c.name.startsWith('router'));
    expect(failureReasons(judged(footprint(0)))).toEqual([]);
    expect(unjudgedReasons(judged(footprint(0)))).toEqual([]);
    const records = {
      path: 'Router.events.listeners.table[7].context.records',
      kind: 'Map' as const,
      entries: [9, 15, 21, 27, 33],
    };
    expect(failureReasons(judged(footprint(45 * 100, [records])))).toEqual([
      'routerFootprintGrowth: 100 bytes/cycle (limit 32)',
      'routerCollectionsGrowing: 1 collections (limit 0)',
    ]);
    // One step of 14 KiB (a part of the router briefly shared) is not growth at every step.
    const flip = footprint(0);
    const oneStep = {
      ...flip,
      series: flip.series.map((p, i) => (i >= 3 ? { ...p, reachableBytes: p.reachableBytes + 14_000 } : p)),
    };
    expect(failureReasons(judged({ ...oneStep, leastStepBytesPerCycle: 0 }))).toEqual([]);
    expect(unjudgedReasons(judged(footprint(45 * 100), 30))).toEqual([
      'routerFootprintGrowth not judged: 30 cycles; the footprint is judged from 150 on',
      'routerCollectionsGrowing not judged: 30 cycles; the footprint is judged from 150 on',
    ]);
    expect(unjudgedReasons(judged(undefined))[0]).toBe(
      'routerFootprintGrowth not judged: the router was not read from the snapshots',
    );
    const unreadable = { ...footprint(0), unreadable: '2 Router objects in the final snapshot' };
    expect(unjudgedReasons(judged(unreadable))[0]).toBe(
      'routerFootprintGrowth not judged: 2 Router objects in the final snapshot',
    );
    const fewSnapshots = { ...footprint(0), series: footprint(0).series.slice(0, 3) };
    expect(unjudgedReasons(judged(fewSnapshots))[0]).toBe(
      'routerFootprintGrowth not judged: 3 snapshots of the router; the footprint needs 4',
    );
  });

  test('a retained tracker, buffered sessions or a growing heap each fail, with the figure and the limit', () => {
    const checks = soakChecks(
      {
        ...quietResult,
        heapTrend: steadyGrowth(10_000),
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
