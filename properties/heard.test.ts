import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS } from '../src/harness/router/invariants/index.js';
import { routerSystem } from '../src/harness/router/RouterSystem.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`heard: ${ROUTER_INVARIANTS.heard.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'heard');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
