import { afterEach, describe, expect, test } from 'vitest';
import { VirtualClock } from '../../src/harness/index.js';
import { loadStore } from '../../src/stores/loadStore.js';
import type { StoreContext } from '../../src/stores/StoreDefinition.js';
import type { StoreUnderTest } from '../../src/stores/StoreUnderTest.js';
import { sessionWithCookie } from '../../src/stores/sessionData.js';
import { redisTest, useRedisServer } from './support/redisForTests.js';

let clock: VirtualClock | undefined;
let store: StoreUnderTest | undefined;
afterEach(async () => {
  await store?.close();
  clock?.uninstall();
  store = undefined;
});

async function open(name: string, context: StoreContext = {}, timers: 'in-process' | 'real' = 'in-process') {
  clock = new VirtualClock(timers);
  store = await loadStore(name, context);
  return { store, clock };
}

/** Stores a session for 1 s, lets 2 s pass, and returns what the probe says twice, then what get says. */
async function expireUnread(s: StoreUnderTest, c: VirtualClock) {
  await s.set('gone', sessionWithCookie({ version: 1 }, 1_000));
  await s.set('kept', sessionWithCookie({ version: 2 }, 60_000));
  c.advance(2_000);
  await s.elapse(2_000);
  const first = await s.retainedSessionIds();
  const second = await s.retainedSessionIds();
  const read = await s.get('gone');
  return { first, second, read, after: await s.retainedSessionIds() };
}

describe('probes see what a store holds without running its expiry', () => {
  test('express-memory: an expired, unread session stays in `sessions` until it is read', async () => {
    const { store, clock } = await open('express-memory');
    const seen = await expireUnread(store, clock);
    expect(seen).toEqual({ first: ['gone', 'kept'], second: ['gone', 'kept'], read: undefined, after: ['kept'] });
    expect(store.promise.forgetsWithinMs).toBeUndefined();
  });

  test('memorystore: lru keys() lists an expired entry without evicting it; the prune timer drops it', async () => {
    const { store, clock } = await open('memorystore', { checkPeriodMs: 10_000 });
    const seen = await expireUnread(store, clock);
    expect(seen.first).toEqual(['kept', 'gone']);
    expect(seen.second).toEqual(['kept', 'gone']);
    expect(seen.read).toBeUndefined();
    expect(seen.after).toEqual(['kept']);
    await store.set('gone-too', sessionWithCookie({ version: 3 }, 1_000));
    clock.advance(10_000);
    expect(await store.retainedSessionIds()).toEqual(['kept']);
    expect(store.promise.forgetsWithinMs).toBe(10_000);
  });

  describe('connect-redis', () => {
    const redis = useRedisServer();
    redisTest('keys under its prefix only; elapse lowers TTLs and deletes keys that reach zero', async () => {
      const { store } = await open('connect-redis', { redisUrl: redis().url, redisPrefix: 'probe:' }, 'real');
      const other = await loadStore('connect-redis', { redisUrl: redis().url, redisPrefix: 'other:' });
      try {
        await other.set('elsewhere', sessionWithCookie({ version: 9 }, 60_000));
        await store.set('short', sessionWithCookie({ version: 1 }, 2_000));
        await store.set('long', sessionWithCookie({ version: 2 }, 5_000));
        expect(await store.retainedSessionIds()).toEqual(['long', 'short']);
        await store.elapse(1_000);
        expect(await store.retainedSessionIds()).toEqual(['long', 'short']);
        await store.elapse(1_000);
        expect(await store.retainedSessionIds()).toEqual(['long']);
        expect((await store.get('long'))?.version).toBe(2);
        await store.elapse(3_000);
        expect(await store.retainedSessionIds()).toEqual([]);
        expect(await other.retainedSessionIds()).toEqual(['elsewhere']);
      } finally {
        await other.close();
      }
    });
  });
});
