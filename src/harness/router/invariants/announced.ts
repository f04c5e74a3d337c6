import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const announced: Invariant<RouterScenario> = {
  name: 'announced',
  promise:
    "what the router tells observers is what it did: every cache change, sync flag, tracker held or released and close is announced, every session that leaves the cache is announced ended, and each actor's standing is its own",
  afterStep(scenario) {
    return scenario.announcements.afterAction();
  },
};
