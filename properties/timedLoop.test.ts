import { expect, test } from 'vitest';
import { runsFromEnvironment, timedLoopSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`timed loop: ${timedLoopSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(timedLoopSystem, 'model', 'fixed', 3 * runsFromEnvironment());
  expect(result.runsExecuted).toBe(result.runsRequested);
});
