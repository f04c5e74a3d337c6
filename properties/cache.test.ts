import fc from 'fast-check';
import { expect, test } from 'vitest';
import { cacheIdArbitrary, cacheSystem, runsFromEnvironment, seedFromEnvironment } from '../src/harness/index.js';
import { largestId } from '../src/session/SyncReceiveLoop.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`cache: ${cacheSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(cacheSystem, 'model', 'fixed', 3 * runsFromEnvironment());
  expect(result.runsExecuted).toBe(result.runsRequested);
});

test('cache: the largest id of a sync is the largest of its ids, "" for none', () => {
  fc.assert(
    fc.property(fc.array(cacheIdArbitrary, { maxLength: 6 }), (ids) => {
      const sessions = ids.map((id, n) => ({ id, token: `t${n}`, identityId: `identity-${n}`, certFingerprints: [] }));
      const sorted = [...ids].sort();
      expect(largestId(sessions)).toBe(sorted.at(-1) ?? '');
    }),
    { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
  );
});
