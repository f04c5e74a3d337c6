import { expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { assertInvariantHolds } from './support/assertInvariantHolds.js';

test(`robustness: ${INVARIANTS.robustness.promise}`, async () => {
  const result = await assertInvariantHolds('robustness');
  expect(result.runsExecuted).toBeGreaterThan(0);
});
