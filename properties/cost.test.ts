import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`cost: ${ROUTER_INVARIANTS.cost.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'cost');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
