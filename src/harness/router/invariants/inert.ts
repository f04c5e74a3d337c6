import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const inert: Invariant<RouterScenario> = {
  name: 'inert',
  promise:
    "a tracker that is no longer the handler's, or has ended, changes nothing: not the cache, the sync flag, the handler's tracker, nor asks for a resync",
  afterStep(scenario) {
    return scenario.monitor.staleEffects[0];
  },
};
