import { describe, expect, test } from 'vitest';
import { checkStoreInvariant } from '../../src/harness/store/checkStoreInvariant.js';
import { STORE_INVARIANTS } from '../../src/harness/store/invariants/index.js';
import { assertStoreInvariantHolds, storeBudget } from './support/storeProperty.js';

// express-session's own MemoryStore, documented as leaking: an expired session is dropped
// only when it is read again, so one that is never read stays for good.
describe('express-memory (express-session MemoryStore)', () => {
  test(`conformance: ${STORE_INVARIANTS.conformance.promise}`, async () => {
    const result = await assertStoreInvariantHolds({ store: 'express-memory', invariant: 'conformance' });
    expect(result.runsExecuted).toBe(storeBudget().numRuns);
  });

  test('freed fails: an expired session that is never read again is kept for good (the documented leak)', async () => {
    const result = await checkStoreInvariant({ store: 'express-memory', invariant: 'freed', ...storeBudget() });
    expect(result.passed).toBe(false);
    const c = result.counterexample;
    expect(c?.readableSteps).toEqual(['set sid-0 maxAge 1s', 'advance 1s']);
    expect(c?.steps).toEqual([
      { op: 'set', sid: 0, maxAgeSeconds: 1 },
      { op: 'advance', ms: 1_000 },
    ]);
    expect(c?.failure).toEqual({
      invariant: 'freed',
      phase: 'quiescence',
      atEntry: 2,
      message:
        'express-memory (express-session 1.19.0) still holds 1 dead session(s) 24 h after the steps, though it promises to forget nothing by itself (none: an expired session is dropped only when it is read again): sid-0 (expired at t=1s)',
    });
  });
});
