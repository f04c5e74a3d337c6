import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`prompt: ${ROUTER_INVARIANTS.prompt.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'prompt');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
