import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`applied: ${ROUTER_INVARIANTS.applied.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'applied');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
