import { describe, expect, test } from 'vitest';
import { STORE_INVARIANTS } from '../../src/harness/index.js';
import { assertStoreHolds, checkStore, storeBudget } from '../../tests/stores/support/storeCase.js';

// express-session's own MemoryStore, documented as leaking: an expired session is dropped
// only when it is read again, so one that is never read stays for good.
describe('express-memory (express-session MemoryStore)', () => {
  test(`conformance: ${STORE_INVARIANTS.conformance.promise}`, async () => {
    const result = await assertStoreHolds('express-memory', 'conformance');
    expect(result.runsExecuted).toBe(storeBudget().numRuns);
  });

  test('freed fails: an expired session that is never read again is kept for good (the documented leak)', async () => {
    const result = await checkStore('express-memory', 'freed', storeBudget());
    expect(result.verdict).toBe('broken');
    const c = result.counterexample;
    expect(c?.readableSteps).toEqual(['set sid-0 maxAge 1s', 'advance 1s']);
    expect(c?.failure).toEqual({
      invariant: 'freed',
      phase: 'quiescence',
      atEntry: 3,
      message:
        'express-memory (express-session 1.19.0) still holds 1 dead session(s) 24 h after the steps, though it promises to forget nothing by itself (none: an expired session is dropped only when it is read again): sid-0 (expired at t=1s)',
    });
  });
});
