import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`robustness: ${ROUTER_INVARIANTS.robustness.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'robustness');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
