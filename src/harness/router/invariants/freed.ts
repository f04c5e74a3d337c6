import { defineInvariant } from '../../engine/Invariant.js';
import { describeSurvivors, type LifeEnd } from '../../engine/lifecycle/LifecycleWatcher.js';
import type { RouterScenario } from '../RouterScenario.js';

/** The router holds a tracker that has ended: the historical leak, seen without a collection. */
function heldTrackerEnded(scenario: RouterScenario): string | undefined {
  const router = scenario.system.router;
  const tracker = router.heldTracker();
  if (tracker === undefined || tracker.state === 'collecting') return undefined;
  const held = router.liveTrackers().find((t) => t.syncId === tracker.syncId);
  return `the router still holds an ${tracker.state} tracker${
    held ? ` (${held.syncId}: ${held.chunkSessions} chunk sessions, ${held.postSyncSessions} post-sync)` : ''
  }`;
}

export const freed = defineInvariant<RouterScenario>({
  name: 'freed',
  promise:
    'every object whose life ended (a session removed or replaced, a tracker, its chunks, post-sync data, a connection, a timer) is collected once the work in flight is done',
  watchesLifecycle: true,
  afterStep: heldTrackerEnded,
  async atQuiescence(scenario) {
    const structural = heldTrackerEnded(scenario);
    if (structural !== undefined || scenario.options.deferHeapCheck) return structural;
    const watcher = scenario.lifecycle;
    if (watcher === undefined) return 'the scenario watched no lifetimes';
    const stillInUse = cachedAgain(scenario);
    return survivorsMessage(await watcher.survivors(stillInUse));
  },
  heapCheck(scenario) {
    const watcher = scenario.lifecycle;
    if (watcher === undefined) return undefined;
    // The engine keeps the scenario as it was at quiescence until it asks: the cache is read then, and only if needed.
    return {
      verdictAfterCollection: () =>
        watcher.aliveNow().length === 0 ? undefined : survivorsMessage(watcher.aliveNow(cachedAgain(scenario))),
    };
  },
});

/** A session the cache holds again (a later chunk brought it back) lives for a reason; weakly held, it keeps nothing alive. */
function cachedAgain(scenario: RouterScenario): (object: object) => boolean {
  const cached = new WeakSet<object>(scenario.system.router.state.allSessions());
  return (object) => cached.has(object);
}

function survivorsMessage(survivors: readonly LifeEnd[]): string | undefined {
  if (survivors.length === 0) return undefined;
  return `${survivors.length} object(s) whose life ended survived collection at quiescence: ${describeSurvivors(survivors)}`;
}
