import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const justified: Invariant<RouterScenario> = {
  name: 'justified',
  promise:
    'a sync fails only for a cause the model can name: a chunk really missing at its own deadline, or a broken chunk that reached the router',
  afterStep(scenario) {
    const needless = scenario.monitor.failuresWithoutCause()[0];
    return needless === undefined
      ? undefined
      : `sync ${needless.syncId} failed (${needless.cause}) without cause: ${needless.why}; it costs a stall and a resync of every session`;
  },
};
