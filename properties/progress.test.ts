import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`progress: ${ROUTER_INVARIANTS.progress.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'progress');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
