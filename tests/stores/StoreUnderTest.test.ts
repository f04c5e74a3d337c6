import { describe, expect, test } from 'vitest';
import type { CallbackStore, SessionData } from '../../src/stores/CallbackStore.js';
import type { StoreDefinition } from '../../src/stores/StoreDefinition.js';
import { StoreUnderTest } from '../../src/stores/StoreUnderTest.js';
import { StoreCallError } from '../../src/stores/storeErrors.js';

const session: SessionData = { cookie: { expires: null }, version: 1 };

function wrapDefinition(): StoreDefinition {
  return {
    name: 'fake',
    packageName: 'fake-store',
    version: '0.0.0',
    timers: 'in-process',
    keepsSessionObjects: false,
    open: async () => {
      throw new Error('not opened in these tests');
    },
  };
}

function wrap(store: Partial<CallbackStore>, timeoutMs?: number): StoreUnderTest {
  const definition: StoreDefinition = {
    name: 'fake',
    packageName: 'fake-store',
    version: '0.0.0',
    timers: 'in-process',
    keepsSessionObjects: false,
    open: async () => ({ store: store as CallbackStore, promise: { forgetsWithinMs: 0, how: 'test' } }),
  };
  const base: CallbackStore = {
    get: (_sid, cb) => cb(null, undefined),
    set: (_sid, _s, cb) => cb?.(null),
    destroy: (_sid, cb) => cb?.(null),
  };
  return new StoreUnderTest(
    definition,
    { store: { ...base, ...store }, promise: { forgetsWithinMs: 0, how: 'test' } },
    timeoutMs,
  );
}

describe('StoreUnderTest turns callbacks into promises', () => {
  test('get answers the session, and nothing for null or undefined', async () => {
    expect(await wrap({ get: (_sid, cb) => setImmediate(() => cb(null, session)) }).get('a')).toEqual(session);
    expect(await wrap({ get: (_sid, cb) => cb(null, null) }).get('a')).toBeUndefined();
  });

  test('an error passed to the callback rejects with a StoreCallError naming the call', async () => {
    const store = wrap({ set: (_sid, _s, cb) => cb?.(new Error('disk full')) });
    const error = await store.set('sid-1', session).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreCallError);
    expect((error as Error).message).toBe('store fake: set(sid-1) failed: Error: disk full');
  });

  test('a method that throws, or rejects instead of calling back, rejects', async () => {
    const throwing = wrap({
      destroy: () => {
        throw new Error('boom');
      },
    });
    await expect(throwing.destroy('a')).rejects.toThrow('store fake: destroy(a) threw: Error: boom');
    const rejecting = wrap({ get: async () => Promise.reject(new Error('lost connection')) });
    await expect(rejecting.get('a')).rejects.toThrow(
      'store fake: get(a) rejected without calling back: Error: lost connection',
    );
    expect(rejecting.takeMisbehaviours().map((m) => m.kind)).toEqual(['unhandled rejection', 'never called back']);
    expect(throwing.takeMisbehaviours()).toEqual([]);
  });

  test('a store that calls back and then throws, or rejects the promise it returns, misbehaved: each is named', async () => {
    const throwsAfter = wrap({
      set: (_sid, _s, cb) => {
        cb?.(null);
        throw new Error('after');
      },
    });
    await throwsAfter.set('a', session);
    expect(throwsAfter.takeMisbehaviours()).toEqual([
      { kind: 'threw after calling back', call: 'set(a)', detail: 'Error: after' },
    ]);
    // connect-session-knex's shape: call back with the error, then rethrow it from an async method.
    const rejectsAfter = wrap({
      destroy: async (_sid, cb) => {
        cb?.(new Error('duplicate key'));
        throw new Error('duplicate key');
      },
    });
    await expect(rejectsAfter.destroy('a')).rejects.toThrow('store fake: destroy(a) failed: Error: duplicate key');
    await new Promise((resolve) => setImmediate(resolve));
    const [misbehaviour] = rejectsAfter.takeMisbehaviours();
    expect(misbehaviour?.kind).toBe('unhandled rejection');
    expect(misbehaviour?.detail).toBe(
      'the promise it returned rejected with Error: duplicate key after it had called back, and express-session never awaits it',
    );
  });

  test('get() answering ENOENT is no session, as express-session reads it; elsewhere it is an error', async () => {
    const enoent = Object.assign(new Error('no such file'), { code: 'ENOENT' });
    const files = wrap({ get: (_sid, cb) => cb(enoent), destroy: (_sid, cb) => cb?.(enoent) });
    expect(await files.get('a')).toBeUndefined();
    await expect(files.destroy('a')).rejects.toThrow('destroy(a) failed');
  });

  test('a call that fails while the store is unavailable rejects with why, not as the store failing', async () => {
    const gone = new Error('server gone');
    const store = new StoreUnderTest(wrapDefinition(), {
      store: { get: (_sid, cb) => cb(new Error('connection refused')), set: () => {}, destroy: () => {} },
      promise: { forgetsWithinMs: 0, how: 'test' },
      unavailable: () => gone,
    });
    await expect(store.get('a')).rejects.toBe(gone);
  });

  test('a store that never calls back fails after the timeout, named as such', async () => {
    const silent = wrap({ get: () => undefined }, 30);
    await expect(silent.get('a')).rejects.toThrow('store fake: get(a) did not call back within 30 ms');
    expect(silent.takeMisbehaviours()).toEqual([
      { kind: 'never called back', call: 'get(a)', detail: 'no callback within 30 ms' },
    ]);
  });

  test('a second callback does not change the answer; it is recorded as a misbehaviour', async () => {
    const store = wrap({
      get: (_sid, cb) => {
        cb(null, session);
        cb(new Error('late'));
      },
    });
    expect(await store.get('a')).toEqual(session);
    expect(store.takeMisbehaviours()).toEqual([
      { kind: 'called back twice', call: 'get(a)', detail: 'again with error Error: late' },
    ]);
  });

  test('all() reads both shapes: an object keyed by id and an array of sessions with id', async () => {
    const keyed = wrap({ all: (cb) => cb(null, { a: session }) });
    expect([...(await keyed.all()).keys()]).toEqual(['a']);
    const listed = wrap({ all: (cb) => cb(null, [{ ...session, id: 'b' }]) });
    expect([...(await listed.all()).keys()]).toEqual(['b']);
    const nameless = wrap({ all: (cb) => cb(null, [session]) });
    // An array without ids (connect-session-knex answers so) is keyed by position.
    expect([...(await nameless.all()).keys()]).toEqual(['#0']);
  });

  test('optional operations a store lacks are reported, not called', async () => {
    const store = wrap({});
    expect(store.supports('touch')).toBe(false);
    await expect(store.touch('a', session)).rejects.toThrow('store fake: touch() is not implemented by this store');
    const withLength = wrap({ length: (cb) => cb(null, 3) });
    expect(withLength.supports('length')).toBe(true);
    expect(await withLength.length()).toBe(3);
  });

  test('length() must answer a number', async () => {
    await expect(wrap({ length: (cb) => cb(null, '3' as unknown as number) }).length()).rejects.toThrow('answered 3');
  });
});
