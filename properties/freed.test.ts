import { expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { assertInvariantHolds } from './support/assertInvariantHolds.js';

test(`freed: ${INVARIANTS.freed.promise}`, async () => {
  const result = await assertInvariantHolds('freed');
  expect(result.runsExecuted).toBeGreaterThan(0);
});
