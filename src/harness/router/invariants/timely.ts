import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';
import { OpenSyncs } from './observers/OpenSyncs.js';

/**
 * Whether `limit` has passed in a way the router answers for: the clock is past it and no
 * timer due by then is still waiting to run. A timer that fell due but that the scheduler
 * has not run yet is the runtime's delay, not the router's.
 */
function overdue(scenario: RouterScenario, limit: number): boolean {
  const { runtime } = scenario;
  if (runtime.now() <= limit) return false;
  const next = runtime.nextTimerDue();
  return next === undefined || next > limit;
}

/**
 * Whether a tracker of `syncId` still collects. A sync ends with an event, except for a tracker
 * orphaned by another's apply whose deadline failed the handler's tracker instead of itself
 * (`stoppedTrackerMayFail`): its loop ended all the same, so only the trackers can say.
 */
function stillCollecting(scenario: RouterScenario, syncId: string): boolean {
  return scenario.system.router
    .liveTrackers()
    .some((tracker) => tracker.syncId === syncId && tracker.state === 'collecting');
}

export const timely = defineInvariant<RouterScenario, OpenSyncs>({
  name: 'timely',
  promise:
    'every sync ends, applied or failed, within its deadline plus one tick of its first chunk, and post-sync data is buffered only while a sync whose deadline has not passed is in progress',
  watch: (scenario) => new OpenSyncs(scenario),
  afterStep(scenario, open) {
    const { deadlineMs, tickIntervalMs } = scenario.params;
    const now = scenario.runtime.now();
    for (const [syncId, startedAt] of open.entries()) {
      const limit = startedAt + deadlineMs + tickIntervalMs;
      if (overdue(scenario, limit) && stillCollecting(scenario, syncId)) {
        return `sync ${syncId} began at t=${startedAt} ms and is still open at t=${now} ms, past its deadline plus a tick (t=${limit} ms), with no timer due by then left to end it`;
      }
    }
    const { router } = scenario.system;
    const syncing = router.state.syncInProgressId();
    if (syncing === '') {
      // No sync in progress: nothing may wait to be merged into one (the inverted flag of #2669
      // queues every live add as post-sync data, and an unreleased tracker keeps it for good).
      const buffered = router.postSyncEntriesBuffered();
      if (buffered === 0) return undefined;
      return `${buffered} post-sync entries buffered at t=${now} ms with no sync in progress (entry ${scenario.currentEntry()})`;
    }
    const startedAt = open.startedAtOf(syncing);
    if (startedAt === undefined) return undefined;
    const limit = startedAt + deadlineMs + tickIntervalMs;
    // Only a sync past its time makes what it buffers wrong, so the counters are read only then.
    if (!overdue(scenario, limit)) return undefined;
    const buffered = router.postSyncEntriesBuffered();
    if (buffered === 0) return undefined;
    return `${buffered} post-sync entries buffered at t=${now} ms for sync ${syncing}, whose deadline plus a tick passed at t=${limit} ms`;
  },
});
