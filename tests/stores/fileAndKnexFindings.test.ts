import { afterAll, describe, expect, test } from 'vitest';
import { stopPostgresOnDemand } from '../../src/harness/store/postgresOnDemand.js';
import type { StoreOp, StoreStep } from '../../src/harness/store/StoreStep.js';
import { serverContextFor } from '../../src/harness/store/storeServers.js';
import { loadStore, resolveStoreDefinition } from '../../src/stores/loadStore.js';
import { postgresTest } from './support/postgresForTests.js';
import { runStoreSteps } from './support/storeCase.js';

// session-file-store on a temporary folder and connect-session-knex on PostgreSQL, with
// fixed steps: what each does around expiry and beside a concurrent call.

afterAll(stopPostgresOnDemand);

const set = (sid: number, maxAgeSeconds: number): StoreOp => ({ op: 'set', sid, maxAgeSeconds });
const advance = (seconds: number): StoreStep => ({ op: 'advance', ms: seconds * 1_000 });

describe('session-file-store', () => {
  test('finding: at the second a session expires, get() still answers it (expired only once lastAccess + maxAge < now)', async () => {
    const outcome = await runStoreSteps('session-file-store', [set(0, 1), advance(1), { op: 'get', sid: 0 }]);
    expect(outcome.violation).toBe('get sid-0 answered version 1 at t=1s, but the session is gone (expired at t=1s)');
  });

  test('finding: length() counts the files, expired ones too, until the reaper runs', async () => {
    const outcome = await runStoreSteps(
      'session-file-store',
      [set(0, 1), set(1, 60), advance(2), { op: 'length' }],
      'conformance',
      { checkPeriodMs: 60_000 },
    );
    expect(outcome.violation).toBe('length answered 2 at t=2s, but 1 session(s) are live (sid-1)');
  });

  test('finding: a touch beside a destroy (a logout) writes the session back: the logout is undone', async () => {
    const outcome = await runStoreSteps('session-file-store', [
      set(0, 5),
      {
        op: 'concurrent',
        ops: [
          { op: 'destroy', sid: 0 },
          { op: 'touch', sid: 0, maxAgeSeconds: 5 },
        ],
      },
      { op: 'get', sid: 0 },
    ]);
    expect(outcome.results.at(-1)).toBe('get sid-0: version 1');
    expect(outcome.violation).toMatch(
      /^get sid-0 answered version 1 at t=0s, but the session is gone \(destroyed at t=0s\)/,
    );
  });

  test('its reap runs on virtual time: an expired file is gone one period after it expires', async () => {
    const outcome = await runStoreSteps('session-file-store', [set(0, 1), set(1, 60), advance(2)], 'freed');
    expect(outcome.violation).toBeUndefined();
  });

  test('a touch of a session that is gone may answer ENOENT; of a live one it may not', async () => {
    const gone = await runStoreSteps('session-file-store', [{ op: 'touch', sid: 0, maxAgeSeconds: 1 }]);
    expect(gone.results).toEqual(['touch sid-0 maxAge 1s: no such session (ENOENT)']);
    expect(gone.violation).toBeUndefined();
  });
});

describe('connect-session-knex', () => {
  postgresTest('finding: at the second a session expires, get() still answers it (now <= expired)', async () => {
    const outcome = await runStoreSteps('connect-session-knex', [set(0, 1), advance(1), { op: 'get', sid: 0 }]);
    expect(outcome.violation).toBe('get sid-0 answered version 1 at t=1s, but the session is gone (expired at t=1s)');
  });

  postgresTest('finding: length() counts every row, expired ones too, until the cleanup', async () => {
    const outcome = await runStoreSteps(
      'connect-session-knex',
      [set(0, 1), set(1, 60), advance(2), { op: 'length' }],
      'conformance',
      { checkPeriodMs: 60_000 },
    );
    expect(outcome.violation).toBe('length answered 2 at t=2s, but 1 session(s) are live (sid-1)');
  });

  postgresTest('all() answers sessions without their ids: judged by their data', async () => {
    const outcome = await runStoreSteps('connect-session-knex', [set(0, 5), set(1, 5), { op: 'all' }]);
    expect(outcome.results.at(-1)).toBe('all: 2 session(s) without ids (versions 1, 2)');
    expect(outcome.violation).toBeUndefined();
  });

  postgresTest(
    'finding: a failed save calls back with the error and then rejects the promise it returns: an unhandled rejection',
    async () => {
      const definition = await resolveStoreDefinition('connect-session-knex');
      const store = await loadStore('connect-session-knex', await serverContextFor(definition));
      try {
        // A session JSON cannot encode fails inside set(), as a database error would.
        const unencodable = { cookie: { expires: null }, big: 1n } as unknown as Parameters<typeof store.set>[1];
        await expect(store.set('sid-0', unencodable)).rejects.toThrow(/set\(sid-0\) failed: TypeError/);
        await new Promise((resolve) => setImmediate(resolve));
        expect(store.takeMisbehaviours().map((m) => m.kind)).toEqual(['unhandled rejection']);
      } finally {
        await store.close();
      }
    },
  );
});
