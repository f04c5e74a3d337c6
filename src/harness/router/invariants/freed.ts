import { collectGarbage } from '../../engine/collectGarbage.js';
import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const freed: Invariant<RouterScenario> = {
  name: 'freed',
  promise: 'once a sync is applied, aborted or failed, nothing keeps its tracker or its chunks',
  afterStep(scenario) {
    const stats = scenario.system.router.stats();
    if (stats.trackersHeld > 0 && stats.heldTrackerState !== 'collecting') {
      const held = scenario.system.router.liveTrackers().find((t) => t.state === stats.heldTrackerState);
      return `the router still holds an ${stats.heldTrackerState} tracker${
        held ? ` (${held.syncId}: ${held.chunkSessions} chunk sessions, ${held.postSyncSessions} post-sync)` : ''
      }`;
    }
    return undefined;
  },
  async atQuiescence(scenario) {
    const structural = this.afterStep?.(scenario);
    if (structural !== undefined) return structural;
    // Heap level: with no sync in progress, no tracker may survive a collection.
    if (!(await collectGarbage())) return undefined;
    const alive = scenario.system.router.liveTrackers();
    if (alive.length === 0) return undefined;
    const list = alive.map((t) => `${t.syncId} (${t.state}, ${t.chunkSessions} chunk sessions)`).join(', ');
    return `${alive.length} tracker(s) survived gc() at quiescence: ${list}`;
  },
};
