import { getHeapStatistics } from 'node:v8';
import { Bench } from 'tinybench';
import { childJob } from '../../src/child/ChildJob.js';
import { runInChild } from '../../src/child/runInChild.js';
import { throwIfStopped } from '../../src/errors.js';
import { FAULT_PROFILES, type FaultProfileName } from '../../src/faults.js';
import type { BenchResult } from '../../src/reports/BenchReport.js';
import type { Router } from '../../src/session/Router.js';
import { StateManager } from '../../src/session/StateManager.js';
import { prepareFullSync, runFullSync } from '../fullSync.js';
import { medianFigure } from '../gates/figures.js';
import type { MeasurementGroup } from '../gates/Gate.js';
import { cpuMs } from '../timing/cpuClock.js';
import type { Samples } from '../timing/TimedWork.js';
import { absoluteResult } from './absoluteResult.js';
import { GcUnavailableError, heapUsedAfterGc } from './countsGroup.js';
import type { GroupOptions } from './GroupOptions.js';
import { apiSessions, sessionId } from './sizes.js';
import {
  HEAP_PER_SESSION_LIMIT,
  HEAP_THRESHOLD,
  PEAK_OVER_SETTLED_LIMIT,
  REMOVE_MISSING_NS_LIMIT,
} from './thresholds.js';

const SESSIONS = 1_000_000;
/** Timed calls of removeMissingApiSessions at 1M; each needs a cache of 1.5M built afresh. */
const REMOVE_MISSING_CALLS = 3;

const HEAP = 'sut/heap-per-session/1M';
const PEAK_OVER_SETTLED = 'sut/full-sync/1M/peak-over-settled';
const SYNC_CPU = 'sut/full-sync/1M-cpu';
const PEAK = 'sut/full-sync/1M-peak-heap';
const SETTLED = 'sut/full-sync/1M-settled-heap';
const REMOVE_MISSING = 'sut/remove-missing/1M';

/**
 * A heap of its own, well past the default: 1M sessions on both sides of the channel take
 * about half a gigabyte, and the sync's chunks more on the way. Too small a heap shows as
 * the child running out of memory, which fails the run naming this group.
 */
const ONE_MILLION_FLAGS = ['--expose-gc', '--max-old-space-size=6144'];

const oneMillionJob = childJob<{ profile: FaultProfileName }, Samples, never>(
  new URL(import.meta.url).href,
  'measureOneMillion',
  ONE_MILLION_FLAGS,
);

function collector(): () => void {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new GcUnavailableError();
  return gc;
}

interface SyncedMillion {
  readonly router: Router;
  readonly syncMs: number;
  readonly peak: number;
  readonly settled: number;
}

/**
 * One full sync of 1M, timed by tinybench on the CPU clock, with the heap's peak on the
 * way and once settled; returns the router with its connection closed, so the controller
 * is garbage once this returns.
 */
function syncAMillion(profile: FaultProfileName, collect: () => void): SyncedMillion {
  const system = prepareFullSync(SESSIONS, profile);
  let peak = 0;
  const bench = new Bench({ now: cpuMs, iterations: 1, time: 0, warmup: false, retainSamples: true, throws: true });
  bench.add(
    SYNC_CPU,
    () =>
      runFullSync(system, () => {
        peak = Math.max(peak, getHeapStatistics().used_heap_size);
      }),
    { async: false },
  );
  bench.runSync();
  const result = bench.tasks[0]?.result;
  if (result?.state !== 'completed') throw new Error(`the full sync of 1M did not complete: ${result?.state}`);
  const settled = heapUsedAfterGc(collect);
  system.channel.close();
  return { router: system.router, syncMs: result.latency.mean, peak, settled };
}

function fullSyncOfAMillion(profile: FaultProfileName): Record<string, number[]> {
  const collect = collector();
  const before = heapUsedAfterGc(collect);
  const synced = syncAMillion(profile, collect);
  const routerOnly = heapUsedAfterGc(collect);
  const cached = synced.router.stats().sessionsCached;
  return {
    [SYNC_CPU]: [synced.syncMs],
    [PEAK]: [synced.peak],
    [SETTLED]: [synced.settled],
    [PEAK_OVER_SETTLED]: [synced.peak / synced.settled],
    [HEAP]: [(routerOnly - before) / Math.max(1, cached)],
  };
}

/** removeMissingApiSessions with 1.5M cached and 1M of them listed, as the remove-missing group at 1M. */
function removeMissingAtAMillion(profile: FaultProfileName): number[] {
  const cached = apiSessions(1.5 * SESSIONS);
  const listed = cached.filter((_, i) => i % 3 !== 0);
  const bound = sessionId(1.5 * SESSIONS);
  let state = new StateManager(FAULT_PROFILES[profile]);
  const bench = new Bench({
    now: cpuMs,
    iterations: REMOVE_MISSING_CALLS,
    time: 0,
    warmup: false,
    retainSamples: true,
    throws: true,
  });
  bench.add(REMOVE_MISSING, () => void state.removeMissingApiSessions(listed, bound), {
    async: false,
    beforeEach: () => {
      state = new StateManager(FAULT_PROFILES[profile]);
      for (const session of cached) state.addApiSession(session);
    },
  });
  bench.runSync();
  const result = bench.tasks[0]?.result;
  const samples = result?.state === 'completed' ? (result.latency.samples ?? []) : [];
  return samples.map((ms) => (ms * 1e6) / cached.length);
}

/** The child's side: both measurements, one after the other, in a heap of their own. */
export async function measureOneMillion(request: { profile: FaultProfileName }): Promise<Samples> {
  const sync = fullSyncOfAMillion(request.profile);
  return { ...sync, [REMOVE_MISSING]: removeMissingAtAMillion(request.profile) };
}

/**
 * The router at a million sessions, in a child process with a large heap: a full sync in
 * chunks of 100 (its CPU time, the heap's peak and the settled heap), the heap the router
 * keeps per session, and removeMissingApiSessions per cached session. Counts gate, each
 * with its limit; times are reported next to theirs.
 */
export function oneMillionGroup(options: GroupOptions): MeasurementGroup {
  return {
    name: 'one-million',
    ownProcess: true,
    gates: [
      {
        name: HEAP,
        kind: 'count',
        measures:
          'heapUsed after gc with a router holding 1M synced sessions (connection closed, controller let go), less heapUsed after gc before, less compiled code, per session',
        unit: 'bytes/session',
        threshold: HEAP_THRESHOLD,
        limit: HEAP_PER_SESSION_LIMIT,
        figure: (samples) => medianFigure(samples, HEAP),
      },
      {
        name: PEAK_OVER_SETTLED,
        kind: 'count',
        measures:
          'a full sync of 1M sessions in chunks of 100: the largest used heap seen between steps, over the used heap after gc once the sync is applied (controller and router both alive)',
        unit: 'x settled',
        threshold: HEAP_THRESHOLD,
        limit: PEAK_OVER_SETTLED_LIMIT,
        figure: (samples) => medianFigure(samples, PEAK_OVER_SETTLED),
      },
    ],
    rounds: 1,
    confirmRounds: 1,
    measure: async (rounds, signal): Promise<Samples> => {
      const merged: Record<string, number[]> = {};
      for (let round = 0; round < rounds; round++) {
        throwIfStopped(signal);
        const samples = await runInChild(
          oneMillionJob,
          { profile: options.profile },
          { timeoutMs: 30 * 60_000, ...(signal ? { signal } : {}) },
        );
        for (const [name, values] of Object.entries(samples)) merged[name] = [...(merged[name] ?? []), ...values];
      }
      return merged;
    },
    absolute: (samples): BenchResult[] => {
      const once = (name: string, unit: string, note: string): BenchResult =>
        absoluteResult(name, 'sut', unit, samples[name] ?? [], (value) => value, false, note);
      return [
        once(SYNC_CPU, 'ms', 'CPU time of one full sync of 1M sessions in chunks of 100, virtual runtime'),
        once(PEAK, 'bytes', 'largest used heap between steps of the 1M sync'),
        once(SETTLED, 'bytes', 'used heap after gc once the 1M sync is applied'),
        {
          ...absoluteResult(
            REMOVE_MISSING,
            'sut',
            'ns/session',
            samples[REMOVE_MISSING] ?? [],
            (value) => value,
            false,
            `removeMissingApiSessions, 1.5M cached and 1M of them listed, CPU time per cached session; at most ${REMOVE_MISSING_NS_LIMIT} promised, not gated (an absolute time)`,
          ),
          limit: REMOVE_MISSING_NS_LIMIT,
        },
      ];
    },
  };
}
