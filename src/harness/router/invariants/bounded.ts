import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const bounded = defineInvariant<RouterScenario>({
  name: 'bounded',
  promise: 'nothing buffers post-sync data while no sync is in progress',
  afterStep(scenario) {
    const stats = scenario.system.router.stats();
    if (stats.syncInProgress === '' && stats.postSyncEntriesBuffered > 0) {
      return `${stats.postSyncEntriesBuffered} post-sync entries buffered while no sync is in progress`;
    }
    return undefined;
  },
  atQuiescence(scenario) {
    const buffered = scenario.system.router.stats().postSyncEntriesBuffered;
    return buffered > 0 ? `${buffered} post-sync entries still buffered at quiescence` : undefined;
  },
});
