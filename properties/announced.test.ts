import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`announced: ${ROUTER_INVARIANTS.announced.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'announced');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
