import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const prompt: Invariant<RouterScenario> = {
  name: 'prompt',
  promise:
    'a sync that a second last chunk, a chunk past its last or a chunk whose body no longer parses broke fails for it at once: it is never applied, nor left to its deadline',
  afterStep(scenario) {
    return scenario.monitor.brokenSyncsKept[0];
  },
};
