import { expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { assertInvariantHolds } from './support/assertInvariantHolds.js';

test(`bounded: ${INVARIANTS.bounded.promise}`, async () => {
  const result = await assertInvariantHolds('bounded');
  expect(result.runsExecuted).toBeGreaterThan(0);
});
