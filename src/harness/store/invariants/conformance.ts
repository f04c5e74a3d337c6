import type { StoreInvariant } from './StoreInvariant.js';

export const conformance: StoreInvariant = {
  name: 'conformance',
  promise:
    'every answer matches the live set: after expiry get is empty, touch extends, destroy removes, length and all agree',
  afterStep(_scenario, outcome) {
    return outcome.mismatches.length === 0 ? undefined : outcome.mismatches.join('; ');
  },
};
