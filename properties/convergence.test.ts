import { expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { assertInvariantHolds } from './support/assertInvariantHolds.js';

test(`convergence: ${INVARIANTS.convergence.promise}`, async () => {
  const result = await assertInvariantHolds('convergence');
  expect(result.runsExecuted).toBeGreaterThan(0);
});
