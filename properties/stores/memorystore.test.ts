import { describe, expect, test } from 'vitest';
import { checkStoreInvariant } from '../../src/harness/store/checkStoreInvariant.js';
import { opsAtAnExpiryInstant } from './support/storeProperty.js';

// Findings, not regressions: memorystore (lru-cache 4) counts an entry as stale only once
// `now - stored > ttl`, so at the very millisecond a session's cookie expires it still
// answers it, counts it and lets touch() revive it, where express-session's MemoryStore
// (`expires <= now`) and the model do not. tests/stores/findings.test.ts shows each with
// fixed steps. The seeds are pinned: these check that the properties find the finding.
describe('memorystore: what the properties find', () => {
  test('conformance fails: at the millisecond a session expires, memorystore still answers it', async () => {
    const result = await checkStoreInvariant({ store: 'memorystore', invariant: 'conformance', numRuns: 100, seed: 2 });
    expect(result.passed).toBe(false);
    const c = result.counterexample;
    expect(c?.readableSteps).toEqual(['set sid-0 maxAge 1s', 'advance 1s', 'all']);
    expect(c?.failure.message).toBe('all at t=1s answered sid-0 (gone: expired at t=1s)');
    expect(opsAtAnExpiryInstant(c?.steps ?? [])).toEqual([2]);
  });

  test('freed fails: a touch at the expiry instant revives the session past its cookie and its promise', async () => {
    const result = await checkStoreInvariant({ store: 'memorystore', invariant: 'freed', numRuns: 200, seed: 2 });
    expect(result.passed).toBe(false);
    const c = result.counterexample;
    expect(c?.readableSteps).toEqual(['set sid-1 maxAge 1s', 'advance 1s', 'touch sid-1 maxAge 1s']);
    expect(c?.failure.message).toBe(
      'memorystore (memorystore 1.6.8) still holds 1 dead session(s) 1000 ms after the steps, its promise (its prune timer runs every checkPeriod (1000 ms) and drops every expired entry): sid-1 (expired at t=1s)',
    );
    expect(opsAtAnExpiryInstant(c?.steps ?? [])).toEqual([2]);
  });
});
