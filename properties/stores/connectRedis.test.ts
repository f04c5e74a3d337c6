import { afterAll, describe, expect } from 'vitest';
import { stopRedisOnDemand } from '../../src/harness/index.js';
import { redisTest } from '../../tests/stores/support/redisForTests.js';
import { checkStore } from '../../tests/stores/support/storeCase.js';

// connect-redis 9 on a real redis-server, started on a free loopback port for this file:
// virtual time is applied to the keys' TTLs.
describe('connect-redis on redis-server', () => {
  afterAll(stopRedisOnDemand);

  // A finding, with the seed pinned: clear() is a SCAN then a DEL, so a set called with it
  // lands between the two and survives, though the length() after them counted it live.
  // tests/stores/findings.test.ts shows it with fixed steps.
  redisTest('conformance fails: a session set during clear() survives it', async () => {
    const result = await checkStore('connect-redis', 'conformance', { numRuns: 300, seed: 4 });
    expect(result.verdict).toBe('broken');
    expect(result.counterexample?.readableSteps).toEqual([
      'set sid-0 maxAge 1s',
      'concurrently: clear, set sid-1 maxAge 1s, length',
      'all',
    ]);
    expect(result.counterexample?.failure.message).toBe('all at t=0s answered sid-1 (gone: cleared at t=0s)');
  });

  // The same finding seen by freed, with the seed pinned: the session set during clear()
  // is still in Redis, though the length() after them rules out every order that keeps it.
  redisTest('freed fails: a session set during clear() outlives it', async () => {
    const result = await checkStore('connect-redis', 'freed', { numRuns: 300, seed: 60 });
    expect(result.verdict).toBe('broken');
    expect(result.counterexample?.readableSteps).toEqual([
      'set sid-0 maxAge 1s',
      'concurrently: clear, set sid-1 maxAge 1s, length',
    ]);
    expect(result.counterexample?.failure.message).toMatch(
      /still holds 1 dead session\(s\) .*: sid-1 \(cleared at t=0s\)$/,
    );
  });

  // A finding: clear(), all() and length() take two round trips (SCAN, then DEL or MGET),
  // so ops called after them can take effect in between. Linearizable, not call-ordered.
  redisTest('in call order, ops called after a SCAN-based op can take effect before it', async () => {
    const result = await checkStore(
      'connect-redis',
      'conformance',
      { numRuns: 300, seed: 1 },
      { concurrency: 'call-order' },
    );
    expect(result.verdict).toBe('broken');
    const batch = result.counterexample?.steps.find((step) => step.op === 'concurrent');
    const first =
      batch?.op === 'concurrent' ? batch.ops.findIndex((op) => ['clear', 'all', 'length'].includes(op.op)) : -1;
    expect(first, 'a SCAN-based op with a later op in the same batch').toBeGreaterThanOrEqual(0);
    expect(result.counterexample?.failure.message).toMatch(/; judged in call order$/);
  });
});
