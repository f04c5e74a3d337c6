import { afterAll, describe, expect, test } from 'vitest';
import type { StoreOp, StoreStep } from '../../src/harness/index.js';
import { postgresOnDemand, serverContextFor, stopPostgresOnDemand } from '../../src/harness/index.js';
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
    'finding: two saves of one new session together: one fails on a duplicate key, calls back with it and rejects unawaited',
    async () => {
      // Inserts made slow by a trigger, so that both saves run their update-then-insert
      // before either inserts: the race a busy server shows now and then, every time.
      const server = await postgresOnDemand();
      const { default: pg } = await import('pg');
      const admin = new pg.Client({
        host: server.socketDir,
        port: server.port,
        user: server.user,
        database: server.database,
      });
      await admin.connect();
      try {
        await runStoreSteps('connect-session-knex', []); // the store makes its table
        await admin.query(
          'CREATE OR REPLACE FUNCTION slow_insert() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_sleep(0.2); RETURN NEW; END $$',
        );
        await admin.query(
          'CREATE TRIGGER slow_insert BEFORE INSERT ON sessions FOR EACH ROW EXECUTE FUNCTION slow_insert()',
        );
        const outcome = await runStoreSteps('connect-session-knex', [
          { op: 'concurrent', ops: [set(0, 5), set(0, 5)] },
        ]);
        expect(outcome.violation).toMatch(
          /^set sid-0 maxAge 5s failed: store connect-session-knex: set\(sid-0\) failed: error: … duplicate key value violates unique constraint "sessions_pkey"; set\(sid-0\) misbehaved \(unhandled rejection\): the promise it returned rejected with .* after it had called back, and express-session never awaits it$/,
        );
      } finally {
        await admin.query('DROP TRIGGER IF EXISTS slow_insert ON sessions');
        await admin.end();
      }
    },
    30_000,
  );

  postgresTest(
    'finding: a failed save calls back with the error and then rejects unawaited; a failed touch never calls back',
    async () => {
      const definition = await resolveStoreDefinition('connect-session-knex');
      const store = await loadStore('connect-session-knex', await serverContextFor(definition));
      try {
        // A session JSON cannot encode fails inside set(), as a database error would.
        const unencodable = { cookie: { expires: null }, big: 1n } as unknown as Parameters<typeof store.set>[1];
        await expect(store.set('sid-0', unencodable)).rejects.toThrow(/set\(sid-0\) failed: TypeError/);
        await new Promise((resolve) => setImmediate(resolve));
        expect(store.takeMisbehaviours().map((m) => m.kind)).toEqual(['unhandled rejection']);
        // touch() has no catch at all: a failure inside it never calls back, and rejects unawaited.
        const undated = { cookie: { expires: 'not a date' } } as unknown as Parameters<typeof store.touch>[1];
        await expect(store.touch('sid-0', undated)).rejects.toThrow(
          /touch\(sid-0\) rejected without calling back: RangeError/,
        );
        expect(store.takeMisbehaviours().map((m) => m.kind)).toEqual(['unhandled rejection', 'never called back']);
      } finally {
        await store.close();
      }
    },
  );
});
