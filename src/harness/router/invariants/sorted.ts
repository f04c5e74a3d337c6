import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const sorted: Invariant<RouterScenario> = {
  name: 'sorted',
  promise:
    "every full-state chunk is judged what it is: a newer sync's first chunk, the current one's next, a replay, one past the last or a second last, or stale",
  afterStep(scenario) {
    return scenario.monitor.misjudged[0];
  },
};
