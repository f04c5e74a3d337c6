import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`footprint: ${ROUTER_INVARIANTS.footprint.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'footprint');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
