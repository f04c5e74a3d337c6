import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`convergence: ${ROUTER_INVARIANTS.convergence.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'convergence');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
