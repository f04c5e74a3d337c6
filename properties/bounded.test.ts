import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`bounded: ${ROUTER_INVARIANTS.bounded.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'bounded');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
