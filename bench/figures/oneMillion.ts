import { getHeapStatistics } from 'node:v8';
import { childJob } from '../../src/child/ChildJob.js';
import { runInChild } from '../../src/child/runInChild.js';
import type { FaultProfileName } from '../../src/faults.js';
import type { BenchResult } from '../../src/reports/BenchReport.js';
import { prepareFullSync, runFullSync } from '../fullSync.js';

interface OneMillionFigures {
  readonly cached: number;
  readonly ms: number;
  readonly peakHeapBytes: number;
}

const oneMillionJob = childJob<{ sessions: number; profile: FaultProfileName }, OneMillionFigures, never>(
  new URL(import.meta.url).href,
  'fullSyncOfMany',
  [],
);

/** The child's side: one full sync of `sessions`, its time and the heap's peak on the way. */
export async function fullSyncOfMany(request: {
  sessions: number;
  profile: FaultProfileName;
}): Promise<OneMillionFigures> {
  const system = prepareFullSync(request.sessions, request.profile);
  let peak = getHeapStatistics().used_heap_size;
  const started = performance.now();
  runFullSync(system, () => {
    peak = Math.max(peak, getHeapStatistics().used_heap_size);
  });
  return { cached: system.router.stats().sessionsCached, ms: performance.now() - started, peakHeapBytes: peak };
}

/**
 * One full sync of a million sessions in a child process of its own heap: its time and
 * peak heap. Run once, with nothing to pair it with, so both are trend figures only.
 */
export async function oneMillionSync(
  profile: FaultProfileName,
  log: (line: string) => void,
  signal?: AbortSignal,
): Promise<BenchResult[]> {
  log('sut/full-sync/1M: in a child process');
  const figures = await runInChild(
    oneMillionJob,
    { sessions: 1_000_000, profile },
    { timeoutMs: 20 * 60_000, ...(signal ? { signal } : {}) },
  );
  log(
    `sut/full-sync/1M: ${(figures.ms / 1000).toFixed(1)} s, peak heap ${(figures.peakHeapBytes / 2 ** 20).toFixed(0)} MiB, ${figures.cached} cached`,
  );
  const one = (name: string, unit: string, value: number): BenchResult => ({
    name,
    group: 'sut',
    unit,
    value,
    higherIsBetter: false,
    spread: { samples: 1, min: value, max: value },
  });
  return [
    one('sut/full-sync/1M-total', 'ms', figures.ms),
    one('sut/full-sync/1M-peak-heap', 'bytes', figures.peakHeapBytes),
  ];
}
