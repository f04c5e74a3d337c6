import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const progress = defineInvariant<RouterScenario>({
  name: 'progress',
  promise: 'at quiescence no sync is left in progress, and every failed sync asked for a resync',
  atQuiescence(scenario, reachedQuiescence) {
    if (!reachedQuiescence) return 'work never ran out: quiescence was not reached within the limits (a livelock)';
    const stats = scenario.system.router.stats();
    if (stats.syncInProgress !== '') return `sync ${stats.syncInProgress} is still marked in progress at quiescence`;
    if (stats.heldTrackerState === 'collecting') return 'a tracker is still collecting at quiescence';
    if (scenario.system.controller.isStreaming()) return 'the controller is still streaming a sync at quiescence';
    if (stats.resyncsRequested < stats.syncsFailed) {
      return `${stats.syncsFailed} sync(s) failed but only ${stats.resyncsRequested} resync(s) were requested`;
    }
    return undefined;
  },
});
