import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`forgotten: ${ROUTER_INVARIANTS.forgotten.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'forgotten');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
