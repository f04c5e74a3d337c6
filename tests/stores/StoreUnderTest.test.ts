import { describe, expect, test } from 'vitest';
import type { CallbackStore, SessionData } from '../../src/stores/CallbackStore.js';
import type { StoreDefinition } from '../../src/stores/StoreDefinition.js';
import { StoreUnderTest } from '../../src/stores/StoreUnderTest.js';
import { StoreCallError } from '../../src/stores/storeErrors.js';

const session: SessionData = { cookie: { expires: null }, version: 1 };

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
    await expect(rejecting.get('a')).rejects.toThrow('store fake: get(a) rejected: Error: lost connection');
  });

  test('a store that never calls back fails after the timeout', async () => {
    await expect(wrap({ get: () => undefined }, 30).get('a')).rejects.toThrow(
      'store fake: get(a) did not call back within 30 ms',
    );
  });

  test('a second callback is ignored', async () => {
    const store = wrap({
      get: (_sid, cb) => {
        cb(null, session);
        cb(new Error('late'));
      },
    });
    expect(await store.get('a')).toEqual(session);
  });

  test('all() reads both shapes: an object keyed by id and an array of sessions with id', async () => {
    const keyed = wrap({ all: (cb) => cb(null, { a: session }) });
    expect([...(await keyed.all()).keys()]).toEqual(['a']);
    const listed = wrap({ all: (cb) => cb(null, [{ ...session, id: 'b' }]) });
    expect([...(await listed.all()).keys()]).toEqual(['b']);
    const nameless = wrap({ all: (cb) => cb(null, [session]) });
    await expect(nameless.all()).rejects.toThrow('answered a session without id');
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
