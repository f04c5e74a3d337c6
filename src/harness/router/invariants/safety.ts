import type { Invariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';

export const safety: Invariant<RouterScenario> = {
  name: 'safety',
  promise: 'the router never deletes a session the controller still has (such as one created after the snapshot)',
  afterStep(scenario) {
    const deleted = scenario.liveSessionsDeleted;
    return deleted.length > 0 ? deleted.join('; ') : undefined;
  },
};
