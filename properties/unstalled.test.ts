import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`unstalled: ${ROUTER_INVARIANTS.unstalled.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'unstalled');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
