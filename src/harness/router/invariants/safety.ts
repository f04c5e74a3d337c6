import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';
import { watchLiveDeletions } from './observers/liveDeletions.js';

export const safety = defineInvariant<RouterScenario, readonly string[]>({
  name: 'safety',
  promise: 'the router never deletes a session the controller still has (such as one created after the snapshot)',
  watch: watchLiveDeletions,
  afterStep(_scenario, deleted) {
    return deleted.length > 0 ? deleted.join('; ') : undefined;
  },
});
