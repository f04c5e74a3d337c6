import { describe, expect, test } from 'vitest';
import { checkStore } from '../../tests/stores/support/storeCase.js';
import { opsAtAnExpiryInstant } from './support/storeProperty.js';

// Findings, not regressions: memorystore (lru-cache 4) counts an entry as stale only once
// `now - stored > ttl`, so at the very millisecond a session's cookie expires it still
// answers it, counts it and lets touch() revive it, where express-session's MemoryStore
// (`expires <= now`) and the model do not. tests/stores/findings.test.ts shows each with
// fixed steps. The seeds are pinned: these check that the properties find the finding.
describe('memorystore: what the properties find', () => {
  test('conformance fails: at the millisecond a session expires, memorystore still answers it', async () => {
    const result = await checkStore('memorystore', 'conformance', { numRuns: 200, seed: 2 });
    expect(result.verdict).toBe('broken');
    const c = result.counterexample;
    expect(c?.steps.length).toBeLessThanOrEqual(4);
    expect(c?.failure.message).toMatch(
      /answered .*at t=(\d+)s, but .*(gone \(expired at t=\1s\)|session\(s\) are live)/,
    );
    expect(opsAtAnExpiryInstant(c?.steps ?? []).length).toBeGreaterThan(0);
  });

  test('freed fails: a touch at the expiry instant revives the session past its cookie and its promise', async () => {
    const result = await checkStore('memorystore', 'freed', { numRuns: 400, seed: 9 });
    expect(result.verdict).toBe('broken');
    const c = result.counterexample;
    // Shrunk to three steps on one session; which of the four ids is left is the shrinker's choice.
    const sid = /^set (sid-\d) maxAge 1s$/.exec(c?.readableSteps[0] ?? '')?.[1];
    expect(c?.readableSteps).toEqual([`set ${sid} maxAge 1s`, 'advance 1s', `touch ${sid} maxAge 1s`]);
    expect(c?.failure.message).toMatch(
      /^memorystore \(memorystore 1\.6\.8\) still holds 1 dead session\(s\) 1000 ms after the steps, its promise/,
    );
    expect(opsAtAnExpiryInstant(c?.steps ?? []).length).toBeGreaterThan(0);
  });
});
