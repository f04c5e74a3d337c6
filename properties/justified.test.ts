import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`justified: ${ROUTER_INVARIANTS.justified.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'justified');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
