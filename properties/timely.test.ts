import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`timely: ${ROUTER_INVARIANTS.timely.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'timely');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
