import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS } from '../src/harness/router/invariants/index.js';
import { routerSystem } from '../src/harness/router/RouterSystem.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`sorted: ${ROUTER_INVARIANTS.sorted.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'sorted');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
