import { expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { assertInvariantHolds } from './support/assertInvariantHolds.js';

test(`safety: ${INVARIANTS.safety.promise}`, async () => {
  const result = await assertInvariantHolds('safety');
  expect(result.runsExecuted).toBeGreaterThan(0);
});
