import { defineInvariant } from '../../engine/Invariant.js';
import type { RouterScenario } from '../RouterScenario.js';
import { SyncFailures } from './observers/SyncFailures.js';

export const justified = defineInvariant<RouterScenario, SyncFailures>({
  name: 'justified',
  promise:
    'a sync fails only for a cause the model can name: a chunk really missing at its own deadline, or a broken chunk that reached the router',
  watch: SyncFailures.of,
  afterStep(_scenario, failures) {
    const needless = failures.firstWithoutCause();
    return needless === undefined
      ? undefined
      : `sync ${needless.syncId} failed (${needless.cause}) without cause: ${needless.why}; it costs a stall and a resync of every session`;
  },
});
