import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`sorted: ${ROUTER_INVARIANTS.sorted.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'sorted');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
