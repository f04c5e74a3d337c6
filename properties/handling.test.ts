import { expect, test } from 'vitest';
import { handlingSystem, runsFromEnvironment } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`handling: ${handlingSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(handlingSystem, 'model', 'fixed', 3 * runsFromEnvironment());
  expect(result.runsExecuted).toBe(result.runsRequested);
});
