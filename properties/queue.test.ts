import { expect, test } from 'vitest';
import { COMPACTED, queueSystem } from '../src/harness/index.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`queue: ${queueSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(queueSystem, 'model');
  expect(result.runsExecuted).toBe(result.runsRequested);
  // The generator must keep reaching the compaction in shift(), or its mutants go untested.
  expect(result.coverage.hits[COMPACTED] ?? 0).toBeGreaterThan(result.coverage.cases / 10);
});
