import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS } from '../src/harness/router/invariants/index.js';
import { routerSystem } from '../src/harness/router/RouterSystem.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`unstalled: ${ROUTER_INVARIANTS.unstalled.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'unstalled');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
