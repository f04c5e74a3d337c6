import { expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { assertInvariantHolds } from './support/assertInvariantHolds.js';

test(`progress: ${INVARIANTS.progress.promise}`, async () => {
  const result = await assertInvariantHolds('progress');
  expect(result.runsExecuted).toBeGreaterThan(0);
});
