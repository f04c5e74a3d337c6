import type { Invariant } from '../../engine/Invariant.js';
import { describeSurvivors, type LifeEnd } from '../../engine/lifecycle/LifecycleWatcher.js';
import type { RouterScenario } from '../RouterScenario.js';

/** The router holds a tracker that has ended: the historical leak, seen without a collection. */
function heldTrackerEnded(scenario: RouterScenario): string | undefined {
  const stats = scenario.system.router.stats();
  if (stats.trackersHeld === 0 || stats.heldTrackerState === 'collecting') return undefined;
  const held = scenario.system.router.liveTrackers().find((t) => t.syncId === stats.heldTrackerSyncId);
  return `the router still holds an ${stats.heldTrackerState} tracker${
    held ? ` (${held.syncId}: ${held.chunkSessions} chunk sessions, ${held.postSyncSessions} post-sync)` : ''
  }`;
}

export const freed: Invariant<RouterScenario> = {
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
    const stillInUse = cachedAgain(scenario);
    return { verdictAfterCollection: () => survivorsMessage(watcher.aliveNow(stillInUse)) };
  },
};

/** A session the cache holds again (a later chunk brought it back) lives for a reason; weakly held, it keeps nothing alive. */
function cachedAgain(scenario: RouterScenario): (object: object) => boolean {
  const cached = new WeakSet<object>(scenario.system.router.state.allSessions());
  return (object) => cached.has(object);
}

function survivorsMessage(survivors: readonly LifeEnd[]): string | undefined {
  if (survivors.length === 0) return undefined;
  return `${survivors.length} object(s) whose life ended survived collection at quiescence: ${describeSurvivors(survivors)}`;
}
