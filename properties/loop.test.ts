import { expect, test } from 'vitest';
import { runsFromEnvironment } from '../src/harness/engine/budget.js';
import { loopSystem } from '../src/harness/parts/loop/LoopSystem.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`loop: ${loopSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(loopSystem, 'model', 'fixed', 3 * runsFromEnvironment());
  expect(result.runsExecuted).toBe(result.runsRequested);
});
