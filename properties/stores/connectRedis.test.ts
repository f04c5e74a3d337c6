import { describe, expect } from 'vitest';
import { checkStoreInvariant } from '../../src/harness/store/checkStoreInvariant.js';
import { STORE_INVARIANTS } from '../../src/harness/store/invariants/index.js';
import { redisTest, useRedisServer } from '../../tests/stores/support/redisForTests.js';
import { assertStoreInvariantHolds, storeBudget } from './support/storeProperty.js';

// connect-redis 9 on a real redis-server: virtual time is applied to the keys' TTLs.
describe('connect-redis on redis-server', () => {
  const redis = useRedisServer();

  redisTest(`conformance: ${STORE_INVARIANTS.conformance.promise}`, async () => {
    const result = await assertStoreInvariantHolds({
      store: 'connect-redis',
      invariant: 'conformance',
      context: { redisUrl: redis().url },
    });
    expect(result.runsExecuted).toBe(storeBudget().numRuns);
  });

  redisTest(`freed: ${STORE_INVARIANTS.freed.promise}`, async () => {
    const result = await assertStoreInvariantHolds({
      store: 'connect-redis',
      invariant: 'freed',
      context: { redisUrl: redis().url },
    });
    expect(result.runsExecuted).toBe(storeBudget().numRuns);
  });

  // A finding: clear(), all() and length() take two round trips (SCAN, then DEL or MGET),
  // so ops called after them can take effect in between. Linearizable, not call-ordered.
  redisTest('in call order, ops called after a SCAN-based op can take effect before it', async () => {
    const result = await checkStoreInvariant({
      store: 'connect-redis',
      invariant: 'conformance',
      concurrency: 'call-order',
      numRuns: 200,
      seed: 1,
      context: { redisUrl: redis().url },
    });
    expect(result.passed).toBe(false);
    const batch = result.counterexample?.steps.find((step) => step.op === 'concurrent');
    const first =
      batch?.op === 'concurrent' ? batch.ops.findIndex((op) => ['clear', 'all', 'length'].includes(op.op)) : -1;
    expect(first, 'a SCAN-based op with a later op in the same batch').toBeGreaterThanOrEqual(0);
    expect(result.counterexample?.failure.message).toMatch(/; judged in call order$/);
  });
});
