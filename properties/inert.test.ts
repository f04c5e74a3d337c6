import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`inert: ${ROUTER_INVARIANTS.inert.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'inert');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
