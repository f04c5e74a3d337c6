import { afterAll, describe, expect, test } from 'vitest';
import { stopPostgresOnDemand } from '../../src/harness/index.js';
import { postgresTest } from '../../tests/stores/support/postgresForTests.js';
import { checkStore } from '../../tests/stores/support/storeCase.js';

// session-file-store on a temporary folder and connect-session-knex on PostgreSQL: what the
// properties find, with the seeds pinned. tests/stores/fileAndKnexFindings.test.ts shows
// each finding with fixed steps.
afterAll(stopPostgresOnDemand);

describe('session-file-store', () => {
  test('conformance fails: at the second a session expires, it still answers it', async () => {
    const result = await checkStore('session-file-store', 'conformance', { numRuns: 200, seed: 3 });
    expect(result.verdict).toBe('broken');
    expect(result.counterexample?.readableSteps).toEqual(['set sid-2 maxAge 2s', 'advance 2s', 'get sid-2']);
    expect(result.counterexample?.failure.message).toBe(
      'get sid-2 answered version 1 at t=2s, but the session is gone (expired at t=2s)',
    );
  });

  test('freed fails: a touch at the expiry instant writes the session back for a whole new maxAge', async () => {
    const result = await checkStore('session-file-store', 'freed', { numRuns: 200, seed: 4 });
    expect(result.verdict).toBe('broken');
    expect(result.counterexample?.readableSteps).toEqual([
      'set sid-1 maxAge 4s',
      'advance 4s',
      'touch sid-1 maxAge 1s',
    ]);
    expect(result.counterexample?.failure.message).toMatch(
      /^session-file-store \(session-file-store 1\.5\.0\) still holds 1 dead session\(s\) 1000 ms after the steps, its promise .*: sid-1 \(expired at t=4s\)$/,
    );
  });
});

describe('connect-session-knex on PostgreSQL', () => {
  postgresTest(
    'conformance fails: length() counts a row at the second it expires',
    async () => {
      const result = await checkStore('connect-session-knex', 'conformance', { numRuns: 200, seed: 1 });
      expect(result.verdict).toBe('broken');
      expect(result.counterexample?.readableSteps).toEqual(['set sid-0 maxAge 2s', 'advance 2s', 'length']);
      expect(result.counterexample?.failure.message).toBe('length answered 1 at t=2s, but 0 session(s) are live');
    },
    60_000,
  );

  postgresTest(
    'freed fails: a touch at the expiry instant extends the row past its cookie and past the cleanup',
    async () => {
      const result = await checkStore('connect-session-knex', 'freed', { numRuns: 200, seed: 1 });
      expect(result.verdict).toBe('broken');
      expect(result.counterexample?.readableSteps).toEqual([
        'set sid-1 maxAge 1s',
        'touch sid-1 maxAge 3s',
        'advance 3s',
        'touch sid-1 maxAge 1s',
      ]);
      expect(result.counterexample?.failure.message).toMatch(
        /^connect-session-knex \(connect-session-knex 5\.0\.0\) still holds 1 dead session\(s\) 1000 ms after the steps, its promise .*: sid-1 \(expired at t=3s\)$/,
      );
    },
    60_000,
  );
});
