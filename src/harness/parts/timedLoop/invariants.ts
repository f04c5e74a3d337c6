import { defineInvariant } from '../../engine/Invariant.js';
import { firstDifference } from '../differences.js';
import type { TimedLoopScenario } from './TimedLoopScenario.js';

const byLabel = (a: { label: string; dueAt: number }, b: { label: string; dueAt: number }): number =>
  a.label.localeCompare(b.label) || a.dueAt - b.dueAt;

/** The cache, the sync flag, the tracker held, the queue and the timers, against the model's. */
function heldDifference(scenario: TimedLoopScenario): string | undefined {
  const { loop, manager, model, runtime } = scenario;
  const tracker = loop.currentTracker();
  return firstDifference(
    'the loop',
    {
      cached: manager.allSessions(),
      syncFlag: manager.syncInProgressId(),
      held: tracker?.syncId,
      state: tracker?.state,
      chunks: tracker?.chunkCount(),
      postSync: tracker?.postSyncCount(),
      floor: tracker?.removalFloor,
      queued: loop.queue.length(),
      timers: runtime
        .pending()
        .filter((work) => work.kind === 'timer')
        .map(({ label, dueAt }) => ({ label, dueAt }))
        .sort(byLabel),
    },
    {
      cached: [...model.cache.values()],
      syncFlag: model.syncFlag,
      held: model.held?.syncId,
      state: model.held?.state,
      chunks: model.held?.chunks.size,
      postSync: model.held?.postSync.length,
      floor: model.held?.floor,
      queued: model.queue.length,
      timers: model.pendingTimers().sort(byLabel),
    },
  );
}

/** The loop's counters and what it announced, in order. */
function toldDifference(scenario: TimedLoopScenario): string | undefined {
  const { counters, resyncs, model } = scenario;
  return firstDifference(
    'the loop',
    {
      started: counters.syncsStarted,
      applied: counters.syncsApplied,
      failed: counters.syncsFailed,
      aborted: counters.syncsAborted,
      stale: counters.staleChunksIgnored,
      resyncs: resyncs.length,
      released: scenario.released,
      trackersEnded: scenario.trackersEnded,
      announced: scenario.heard,
    },
    {
      started: model.started,
      applied: model.applied,
      failed: model.failed,
      aborted: model.aborted,
      stale: model.stale,
      resyncs: model.resyncs,
      released: model.released,
      trackersEnded: model.trackersEnded,
      announced: model.announced,
    },
  );
}

/** After every step the loop, its trackers' timers and the cache are where the model says. */
export const timedLoopModel = defineInvariant<TimedLoopScenario>({
  name: 'model',
  promise:
    'ticks, deadlines and closes apply, fail or stop each sync as the model says, a closed connection’s tracker on the cache and flag only',
  afterStep: (scenario) => scenario.takeAnswerDifference() ?? heldDifference(scenario) ?? toldDifference(scenario),
});

export const TIMED_LOOP_INVARIANTS = { model: timedLoopModel } as const;
