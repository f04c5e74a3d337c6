import { afterAll, describe, expect } from 'vitest';
import type { StoreOp, StoreStep } from '../../src/harness/index.js';
import { stopPostgresOnDemand } from '../../src/harness/index.js';
import { postgresTest } from './support/postgresForTests.js';
import { runStoreSteps } from './support/storeCase.js';

// What the PostgreSQL stores do around expiry and under concurrent calls, with fixed steps.

afterAll(stopPostgresOnDemand);

const set = (sid: number, maxAgeSeconds: number): StoreOp => ({ op: 'set', sid, maxAgeSeconds });
const advance = (seconds: number): StoreStep => ({ op: 'advance', ms: seconds * 1_000 });

describe('connect-pg-simple', () => {
  postgresTest('finding: at the second a session expires, get() still answers it (expire >= now)', async () => {
    const outcome = await runStoreSteps('connect-pg-simple', [set(0, 1), advance(1), { op: 'get', sid: 0 }]);
    expect(outcome.results).toEqual(['set sid-0 maxAge 1s: ok', 'clock at t=1s', 'get sid-0: version 1']);
    expect(outcome.violation).toBe('get sid-0 answered version 1 at t=1s, but the session is gone (expired at t=1s)');
    const later = await runStoreSteps('connect-pg-simple', [set(0, 1), advance(2), { op: 'get', sid: 0 }]);
    expect(later.violation).toBeUndefined();
  });

  postgresTest('finding: a touch after expiry and before the prune revives the session', async () => {
    // Pruned once a minute: the expired row is still there when the touch comes.
    const steps: StoreStep[] = [
      set(0, 1),
      advance(2),
      { op: 'touch', sid: 0, maxAgeSeconds: 5 },
      { op: 'get', sid: 0 },
    ];
    const outcome = await runStoreSteps('connect-pg-simple', steps, 'conformance', { checkPeriodMs: 60_000 });
    expect(outcome.results.at(-1)).toBe('get sid-0: version 1');
    expect(outcome.violation).toBe('get sid-0 answered version 1 at t=2s, but the session is gone (expired at t=1s)');
    // Pruned every second, the row is gone before the touch: nothing to revive.
    const pruned = await runStoreSteps('connect-pg-simple', steps, 'conformance', { checkPeriodMs: 1_000 });
    expect(pruned.violation).toBeUndefined();
  });

  postgresTest(
    'holds: two saves of one new session together, and a save racing a destroy (its upsert is one statement)',
    async () => {
      for (let round = 0; round < 5; round++) {
        const outcome = await runStoreSteps('connect-pg-simple', [
          { op: 'concurrent', ops: [set(0, 5), set(0, 5)] },
          { op: 'concurrent', ops: [set(1, 5), { op: 'destroy', sid: 1 }] },
          { op: 'get', sid: 0 },
          { op: 'get', sid: 1 },
        ]);
        expect(outcome.violation).toBeUndefined();
      }
    },
  );

  postgresTest('its prune runs on virtual time: an expired row is gone one period after it expires', async () => {
    const outcome = await runStoreSteps('connect-pg-simple', [set(0, 1), set(1, 60), advance(2)], 'freed', {
      checkPeriodMs: 1_000,
    });
    expect(outcome.violation).toBeUndefined();
  });
});
