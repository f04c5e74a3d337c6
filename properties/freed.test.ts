import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`freed: ${ROUTER_INVARIANTS.freed.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'freed');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
