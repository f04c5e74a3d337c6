import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const announced: Invariant<RouterScenario> = {
  name: 'announced',
  promise:
    "what the router tells observers is what it did: every cache change, sync flag, tracker held or released and close is announced, every session that leaves the cache, and every timer, tracker and chunk, is announced ended once, and each actor's standing is its own",
  afterStep(scenario) {
    return scenario.announcements.afterAction();
  },
  atQuiescence(scenario, reachedQuiescence) {
    return reachedQuiescence ? scenario.announcements.atQuiescence() : undefined;
  },
};
