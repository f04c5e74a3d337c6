import { readFileSync } from 'node:fs';
import { afterEach, describe, expect, test } from 'vitest';
import { loadStore, resolveStoreDefinition } from '../../src/stores/loadStore.js';
import { BUILTIN_STORE_NAMES } from '../../src/stores/registry.js';
import type { StoreUnderTest } from '../../src/stores/StoreUnderTest.js';
import { sessionWithCookie } from '../../src/stores/sessionData.js';
import { StoreLoadError, UnknownStoreError } from '../../src/stores/storeErrors.js';

// express-session is a runtime dependency (the package's bin needs it), the other stores dev ones.
const manifest = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const pinned = { ...manifest.devDependencies, ...manifest.dependencies };

const opened: StoreUnderTest[] = [];
afterEach(async () => {
  for (const store of opened.splice(0)) await store.close();
});

describe('loadStore', () => {
  test.each([
    ['express-memory', 'express-session'],
    ['memorystore', 'memorystore'],
  ])('%s loads with the exact version pinned in package.json', async (name, packageName) => {
    const store = await loadStore(name);
    opened.push(store);
    expect(store.packageName).toBe(packageName);
    expect(store.version).toBe(pinned[packageName]);
    await store.set('a', sessionWithCookie({ version: 1 }, 60_000));
    expect((await store.get('a'))?.version).toBe(1);
  });

  test('connect-redis reports its pinned version without opening a connection', async () => {
    const definition = await resolveStoreDefinition('connect-redis');
    expect([definition.packageName, definition.version, definition.timers]).toEqual([
      'connect-redis',
      pinned['connect-redis'],
      'real',
    ]);
  });

  test('an unknown name is an UnknownStoreError listing every built-in name', async () => {
    const error = await loadStore('redis-memory').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnknownStoreError);
    for (const name of BUILTIN_STORE_NAMES) expect((error as Error).message).toContain(name);
    expect((error as Error).message).toContain('createStore(context)');
  });

  test('connect-redis without a Redis URL is a StoreLoadError saying how to get one', async () => {
    await expect(loadStore('connect-redis')).rejects.toThrow(
      /cannot load store "connect-redis": it needs a Redis server: pass context.redisUrl \(startRedisServer\(\) starts one\) \(built-in stores: express-memory, memorystore, connect-redis, connect-pg-simple, session-file-store, connect-session-knex\)/,
    );
  });

  test('connect-redis with nothing listening is a StoreLoadError naming the URL', async () => {
    const error = await loadStore('connect-redis', { redisUrl: 'redis://127.0.0.1:1' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as Error).message).toContain('cannot connect to Redis at redis://127.0.0.1:1');
  });

  test.each([
    ['./tests/stores/fixtures/missing.ts', /no such file .*missing\.ts/],
    ['./tests/stores/fixtures/noFactory.ts', /it does not export a function createStore\(context\)/],
  ])('a custom path that cannot be loaded is a StoreLoadError: %s', async (path, reason) => {
    const error = await loadStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StoreLoadError);
    expect((error as Error).message).toMatch(reason);
    expect((error as Error).message).toContain('built-in stores: express-memory, memorystore, connect-redis');
  });

  test('a custom createStore that returns no store fails when opened', async () => {
    await expect(loadStore('./tests/stores/fixtures/notAStore.ts')).rejects.toThrow(
      'createStore(context) did not return a store with get, set and destroy',
    );
  });

  test("a custom store loads with its module's exports and the version of the nearest package.json", async () => {
    const store = await loadStore('./tests/stores/fixtures/objectMapStore.ts');
    opened.push(store);
    expect([store.packageName, store.version, store.keepsSessionObjects, store.promise.forgetsWithinMs]).toEqual([
      'session-sync-harness',
      '0.1.0',
      true,
      1_000,
    ]);
    await store.set('a', sessionWithCookie({ version: 7 }, 60_000));
    expect(await store.retainedSessionIds()).toEqual(['a']);
    expect(store.supports('touch')).toBe(false);
  });
});
