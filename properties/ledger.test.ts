import { expect, test } from 'vitest';
import { ROUTER_INVARIANTS, routerSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`ledger: ${ROUTER_INVARIANTS.ledger.promise}`, async () => {
  const result = await assertPropertyHolds(routerSystem, 'ledger');
  expect(result.verdict).toBe('holds');
  expect(result.runsExecuted).toBe(result.runsRequested);
});
