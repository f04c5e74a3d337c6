import { afterAll, describe, expect } from 'vitest';
import { stopPostgresOnDemand } from '../../src/harness/index.js';
import { postgresTest } from '../../tests/stores/support/postgresForTests.js';
import { checkStore } from '../../tests/stores/support/storeCase.js';

// connect-pg-simple 10 with pg on a private PostgreSQL cluster started for this file. Findings,
// with the seeds pinned: its get() keeps a row while `expire >= now`, so at the second a
// session's cookie expires it still answers it, and its touch() updates the row whatever its
// expiry, so a touch then (or at any time before the prune) revives it.
// tests/stores/pgFindings.test.ts shows each with fixed steps.
describe('connect-pg-simple on PostgreSQL', () => {
  afterAll(stopPostgresOnDemand);

  postgresTest(
    'conformance fails: at the second a session expires, connect-pg-simple still answers it',
    async () => {
      const result = await checkStore('connect-pg-simple', 'conformance', { numRuns: 200, seed: 11 });
      expect(result.verdict).toBe('broken');
      expect(result.counterexample?.readableSteps).toEqual(['set sid-1 maxAge 1s', 'advance 1s', 'get sid-1']);
      expect(result.counterexample?.failure.message).toBe(
        'get sid-1 answered version 1 at t=1s, but the session is gone (expired at t=1s)',
      );
    },
    60_000,
  );

  postgresTest(
    'freed fails: a touch at the expiry instant revives the row past its cookie and past the prune',
    async () => {
      const result = await checkStore('connect-pg-simple', 'freed', { numRuns: 200, seed: 2 });
      expect(result.verdict).toBe('broken');
      expect(result.counterexample?.readableSteps).toEqual([
        'set sid-0 maxAge 2s',
        'advance 2s',
        'touch sid-0 maxAge 1s',
      ]);
      expect(result.counterexample?.failure.message).toMatch(
        /^connect-pg-simple \(connect-pg-simple 10\.0\.0\) still holds 1 dead session\(s\) 1000 ms after the steps, its promise .*: sid-0 \(expired at t=2s\)$/,
      );
    },
    60_000,
  );
});
