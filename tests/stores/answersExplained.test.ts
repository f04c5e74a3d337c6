import { describe, expect, test } from 'vitest';
import type { StoreOp } from '../../src/harness/index.js';
import { checkStore, runStoreSteps } from './support/storeCase.js';

// When no order explains the answers, the verdict says where the answered data came from.

const STORE = './tests/stores/fixtures/touchWritesDataStore.ts';
const set = (sid: number): StoreOp => ({ op: 'set', sid, maxAgeSeconds: 5 });
const touch = (sid: number): StoreOp => ({ op: 'touch', sid, maxAgeSeconds: 5 });

describe('a wrong answer says where its data came from', () => {
  test('data no one saved is the data a touch carried: the store writes what touch hands it', async () => {
    const outcome = await runStoreSteps(STORE, [
      { op: 'concurrent', ops: [set(1), touch(1)] },
      { op: 'get', sid: 1 },
    ]);
    expect(outcome.violation).toBe(
      "get sid-1 answered version 0 at t=0s, but version 1 is live until t=5s: version 0 was never saved: it is the data a touch carried (touch sid-1 at t=0s), so this store's touch writes session data; a request that only touched overwrote one that saved",
    );
  });

  test('an older save brought back by a touch: the newer save was undone', async () => {
    const outcome = await runStoreSteps(STORE, [
      set(1),
      { op: 'concurrent', ops: [set(1), touch(1)] },
      { op: 'get', sid: 1 },
    ]);
    expect(outcome.violation).toBe(
      "get sid-1 answered version 1 at t=0s, but version 2 is live until t=5s: version 1 was saved by set sid-1 at t=0s and replaced by version 2; a touch carried version 1 (touch sid-1 at t=0s), so this store's touch writes session data: it undid the newer save",
    );
  });

  test('a plain expiry answer says no more than that', async () => {
    const outcome = await runStoreSteps('memorystore', [set(0), { op: 'advance', ms: 5_000 }, { op: 'get', sid: 0 }]);
    expect(outcome.violation).toBe('get sid-0 answered version 1 at t=5s, but the session is gone (expired at t=5s)');
  });

  test('the property finds it and its verdict carries the explanation', async () => {
    const result = await checkStore(STORE, 'conformance', { numRuns: 200, seed: 1 });
    expect(result.verdict).toBe('broken');
    expect(result.counterexample?.failure.message).toMatch(/so this store's touch writes session data/);
  });
});
