import { defineInvariant } from '../../engine/Invariant.js';
import type { StoreModelScenario } from '../StoreModelScenario.js';

export const conformance = defineInvariant<StoreModelScenario>({
  name: 'conformance',
  promise:
    'every answer matches the live set: after expiry get is empty, touch extends, destroy removes, length and all agree',
  afterStep(scenario) {
    const mismatches = scenario.lastOutcome?.mismatches ?? [];
    return mismatches.length === 0 ? undefined : scenario.noted(mismatches.join('; '));
  },
});
