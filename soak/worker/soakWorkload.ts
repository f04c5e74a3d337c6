// The soak's workload, run in a child process (`runInChild`): one workload on the real
// runtime, writing heap snapshots, so that the parent's analysis never disturbs the heap
// it measures.
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { writeHeapSnapshot } from 'node:v8';
import { type ChildJobContext, childJob } from '../../src/child/ChildJob.js';
import { throwIfStopped } from '../../src/errors.js';
import type { RouterScenario } from '../../src/harness/index.js';
import {
  createSyncSystem,
  type KindCount,
  LifecycleWatcher,
  readCounterexampleFile,
  runCase,
  type SyncSystem,
  waitForQuiescence,
} from '../../src/harness/index.js';
import { RealRuntime } from '../../src/runtime/RealRuntime.js';
import { ContentType } from '../../src/session/messages.js';
import { SOAK_SCENARIOS } from '../scenarios/index.js';
import { collect, HEAP_SAMPLES_WANTED, sendHeapSample } from './heapSampling.js';
import { plantLeak } from './plantedLeak.js';
import {
  POST_SYNC_SNAPSHOT,
  type SnapshotTaken,
  type WorkerJob,
  type WorkerOutcome,
  type WorkerProgress,
} from './WorkerMessages.js';

/** The workload as a child job: `runInChild(soakWorkloadJob, job, …)`. */
export const soakWorkloadJob = childJob<WorkerJob, WorkerOutcome, WorkerProgress>(
  new URL(import.meta.url).href,
  'runSoakWorkload',
);

type Context = ChildJobContext<WorkerProgress>;

/** Short intervals so that a minute of soak sees hundreds of ticks and dozens of deadlines. */
const SOAK_TIMING = { tickIntervalMs: 10, deadlineMs: 300 };
const QUIESCENCE_TIMEOUT_MS = 10_000;

function snapshot(dir: string, label: string, cycle: number): SnapshotTaken {
  const file = writeHeapSnapshot(join(dir, `${label}.heapsnapshot`));
  return { label, cycle, file, bytes: statSync(file).size };
}

/** Runs the job and returns its outcome; the parent's signal stops it between cycles. */
export async function runSoakWorkload(job: WorkerJob, context: Context): Promise<WorkerOutcome> {
  return job.mode === 'scenario' ? runScenario(job, context) : runCounterexample(job, context);
}

async function runScenario(job: Extract<WorkerJob, { mode: 'scenario' }>, context: Context): Promise<WorkerOutcome> {
  const scenario = SOAK_SCENARIOS[job.scenario];
  if (!scenario) throw new Error(`unknown scenario ${job.scenario}`);
  let postSyncPeak = 0;
  let cycle = 0;
  let postSyncSnapshot: SnapshotTaken | undefined;
  let system: SyncSystem<RealRuntime> | undefined;
  // The same watcher `freed` uses, stamped with the cycle: the report speaks its words.
  const lifecycle = new LifecycleWatcher();
  system = createSyncSystem({
    runtime: new RealRuntime(),
    lifecycle: { watcher: lifecycle, at: () => cycle },
    profile: job.profile,
    timing: SOAK_TIMING,
    chunkSize: 100,
    // Sampled in a microtask after the add is handled but before the queue's consumer runs:
    // post-sync data buffered while no sync is in progress is the inverted flag's footprint.
    onDeliver: (direction, message) => {
      if (direction !== 'toRouter' || message.contentType !== ContentType.ApiSessionAdded) return;
      if ((message.body as { isFullState?: unknown } | null)?.isFullState !== false) return;
      queueMicrotask(() => {
        const stats = system?.router.stats();
        if (stats === undefined || stats.syncInProgress !== '' || stats.postSyncEntriesBuffered === 0) return;
        postSyncPeak = Math.max(postSyncPeak, stats.postSyncEntriesBuffered);
        // Once, at the first sighting: the only moment the queued request is in the heap.
        postSyncSnapshot ??= snapshot(job.snapshotDir, POST_SYNC_SNAPSHOT, cycle);
      });
    },
  });
  if (job.plantedLeak) plantLeak(system.router, job.plantedLeak);
  for (let i = 0; i < scenario.liveSessions; i++) system.controller.createSession();
  await collect();
  const startSnapshot = snapshot(job.snapshotDir, 'start', 0);
  system.channel.connect();
  await waitForQuiescence(system, QUIESCENCE_TIMEOUT_MS);
  for (let i = 0; i < scenario.warmUpCycles; i++) {
    throwIfStopped(context.signal);
    await scenario.cycle(system, i);
  }
  await waitForQuiescence(system, QUIESCENCE_TIMEOUT_MS);
  await collect();

  const snapshots: SnapshotTaken[] = [snapshot(job.snapshotDir, 'baseline', 0)];
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  // At least this long and at least this many cycles: a run may be asked for both, so that
  // a slow machine still gives the slope the cycles it needs.
  const progress = (cycle: number) =>
    Math.min(
      job.cycles !== undefined ? cycle / job.cycles : 1,
      job.durationMs !== undefined ? elapsed() / Math.max(1, job.durationMs) : 1,
    );
  const done = (cycle: number) => progress(cycle) >= 1;
  // Which of the HEAP_SAMPLES_WANTED slots of the run we are in; integers where they can be.
  const sampleSlot = (cycle: number) => Math.floor(progress(cycle) * HEAP_SAMPLES_WANTED);
  let nextSnapshot = 1;
  let nextSample = 1;
  sendHeapSample(context, 0, 0);
  while (!done(cycle)) {
    throwIfStopped(context.signal);
    await scenario.cycle(system, scenario.warmUpCycles + cycle);
    cycle++;
    const slot = sampleSlot(cycle);
    if (slot >= nextSample) {
      await collect();
      lifecycle.prune();
      sendHeapSample(context, cycle, elapsed());
      context.progress({ type: 'progress', cycle, elapsedMs: Math.round(elapsed()), phase: 'workload' });
      nextSample = slot + 1;
    }
    if (
      nextSnapshot <= job.intermediateSnapshots &&
      progress(cycle) >= nextSnapshot / (job.intermediateSnapshots + 1)
    ) {
      // At quiescence, as the baseline and the final one: a sync in flight holds its
      // tracker and chunks, hundreds of KiB that would hide a footprint growing by bytes.
      await waitForQuiescence(system, QUIESCENCE_TIMEOUT_MS);
      await collect();
      snapshots.push(snapshot(job.snapshotDir, `during-${nextSnapshot}`, cycle));
      nextSnapshot++;
    }
  }
  const durationMs = Math.round(elapsed());
  context.progress({ type: 'progress', cycle, elapsedMs: durationMs, phase: 'quiescence' });
  const quiescent = await waitForQuiescence(system, QUIESCENCE_TIMEOUT_MS);
  await collect();
  sendHeapSample(context, cycle, elapsed());
  const stats = system.router.stats();
  const ended = lifecycle.counts('cycle');
  lifecycle.prune();
  // Reading the watcher's WeakRefs holds their targets until this task ends; in a new
  // task they are only weakly held again, and the router's footprint is its own.
  await collect();
  snapshots.push(snapshot(job.snapshotDir, 'final', cycle));
  system.channel.close();
  system = undefined;
  return {
    lifecycle: ended,
    cycles: cycle,
    durationMs,
    snapshots,
    startSnapshot,
    ...(postSyncSnapshot ? { postSyncSnapshot } : {}),
    finalStats: numericStats(stats),
    postSyncBufferedOutsideSyncPeak: postSyncPeak,
    quiescent,
  };
}

function numericStats(stats: object): Record<string, number> {
  return Object.fromEntries(Object.entries(stats).filter(([, value]) => typeof value === 'number'));
}

/**
 * Replays a shrunk counterexample `repeat` times, keeping every repetition's router
 * alive as a long-running router process keeps its own: what each one retains adds up.
 */
async function runCounterexample(
  job: Extract<WorkerJob, { mode: 'counterexample' }>,
  context: Context,
): Promise<WorkerOutcome> {
  const { counterexample, system } = readCounterexampleFile(job.file);
  const invariant = system.invariants[counterexample.property];
  if (invariant === undefined) throw new Error(`no property ${counterexample.property}`);
  const kept: RouterScenario[] = [];
  const spec = { target: job.profile, params: counterexample.params, steps: counterexample.steps };
  const hooks = { onScenario: (scenario: RouterScenario) => kept.push(scenario), keepScenario: true };
  // One repetition before the baseline, so that code and caches warmed up by the first run are not counted.
  await runCase(system, spec, invariant, hooks);
  await collect();
  const started = performance.now();
  const snapshots = [snapshot(job.snapshotDir, 'baseline', 0)];
  sendHeapSample(context, 0, 0);
  let nextSample = 1;
  for (let i = 1; i <= job.repeat; i++) {
    throwIfStopped(context.signal);
    await runCase(system, spec, invariant, hooks);
    const slot = Math.floor((i * HEAP_SAMPLES_WANTED) / job.repeat);
    if (slot >= nextSample) {
      nextSample = slot + 1;
      await collect();
      const elapsedMs = Math.round(performance.now() - started);
      sendHeapSample(context, i, elapsedMs);
      context.progress({ type: 'progress', cycle: i, elapsedMs, phase: 'repetitions' });
    }
    if (i === Math.ceil(job.repeat / 2)) {
      await collect();
      snapshots.push(snapshot(job.snapshotDir, 'during-1', i));
    }
  }
  await collect();
  snapshots.push(snapshot(job.snapshotDir, 'final', job.repeat));
  const last = kept.at(-1);
  return {
    lifecycle: mergeCounts(kept.map((scenario) => scenario.lifecycle?.counts() ?? [])),
    cycles: job.repeat,
    durationMs: Math.round(performance.now() - started),
    snapshots,
    finalStats: last ? numericStats(last.system.router.stats()) : {},
    postSyncBufferedOutsideSyncPeak: 0,
    quiescent: true,
  };
}

/** Counts of many watchers (one per kept repetition) as one. */
function mergeCounts(perWatcher: readonly (readonly KindCount[])[]): KindCount[] {
  const merged = new Map<string, { ended: number; retained: number; example?: string }>();
  for (const counts of perWatcher) {
    for (const count of counts) {
      const sum = merged.get(count.kind) ?? { ended: 0, retained: 0 };
      merged.set(count.kind, {
        ended: sum.ended + count.ended,
        retained: sum.retained + count.retained,
        ...((sum.example ?? count.example) !== undefined ? { example: (sum.example ?? count.example) as string } : {}),
      });
    }
  }
  return [...merged].map(([kind, sum]) => ({ kind, ...sum }));
}
