import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`heard: ${ROUTER_INVARIANTS.heard.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'heard');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
