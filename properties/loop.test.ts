import { expect, test } from 'vitest';
import { loopSystem, runsFromEnvironment } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`loop: ${loopSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(loopSystem, 'model', 'fixed', 3 * runsFromEnvironment());
  expect(result.runsExecuted).toBe(result.runsRequested);
});
