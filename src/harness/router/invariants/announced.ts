import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const announced: Invariant<RouterScenario> = {
  name: 'announced',
  promise:
    "what the router tells observers is what it did: every cache change, sync flag, tracker held or released and close is announced, every session that leaves the cache, and every timer, tracker, chunk and post-sync batch, is announced ended once, each actor's standing is its own, and each listener on a session's removal is told once and then let go",
  afterStep(scenario) {
    return scenario.announcements.afterAction() ?? scenario.removalListeners.check();
  },
  atQuiescence(scenario, reachedQuiescence) {
    return reachedQuiescence ? scenario.announcements.atQuiescence() : undefined;
  },
};
