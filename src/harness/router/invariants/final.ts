import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

/**
 * The gate's reason to exist: a duplicate, late or stale chunk may carry a session ended
 * since, and caching it would bring that session back. The channel is FIFO and tokens are
 * never reused, so under `fixed` nothing the controller sends after a removal names the token.
 */
export const final: Invariant<RouterScenario> = {
  name: 'final',
  promise:
    'a session whose removal reached the router is never cached again: no replay, late chunk or reordering brings it back',
  afterStep(scenario) {
    return scenario.sessionsBroughtBack[0];
  },
};
