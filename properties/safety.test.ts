import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`safety: ${ROUTER_INVARIANTS.safety.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'safety');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
