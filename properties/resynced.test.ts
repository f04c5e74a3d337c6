import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`resynced: ${ROUTER_INVARIANTS.resynced.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'resynced');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
