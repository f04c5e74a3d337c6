import { createRequire } from 'node:module';
import type { CallbackStore } from '../CallbackStore.js';
import { installedPackage } from '../installedPackage.js';
import type { StoreDefinition } from '../StoreDefinition.js';

const require = createRequire(import.meta.url);

export const DEFAULT_CHECK_PERIOD_MS = 1_000;

interface MemoryStoreLru {
  /** lru-cache 4: the keys of its recency list, stale ones included, without touching them. */
  keys(): string[];
}

interface MemoryStoreInstance extends CallbackStore {
  readonly store: MemoryStoreLru;
  stopInterval(): void;
}

type MemoryStoreFactory = (session: unknown) => new (options: { checkPeriod: number }) => MemoryStoreInstance;

/** memorystore: an LRU cache with per-entry TTLs, pruned of expired entries every `checkPeriod`. */
export function memorystoreDefinition(): StoreDefinition {
  const { version } = installedPackage('memorystore');
  return {
    name: 'memorystore',
    packageName: 'memorystore',
    version,
    timers: 'in-process',
    keepsSessionObjects: false,
    async open(context) {
      const checkPeriod = context.checkPeriodMs ?? DEFAULT_CHECK_PERIOD_MS;
      const createMemoryStore = require('memorystore') as MemoryStoreFactory;
      // Made inside open() so that its prune interval lands on the clock installed now.
      const MemoryStore = createMemoryStore(require('express-session'));
      const store = new MemoryStore({ checkPeriod });
      return {
        store,
        promise: {
          forgetsWithinMs: checkPeriod,
          how: `its prune timer runs every checkPeriod (${checkPeriod} ms) and drops every expired entry`,
        },
        // lru-cache's keys() walks its recency list as is. get(), peek() and forEach() delete
        // a stale entry on sight and has() denies it: each would hide what is still held.
        retainedSessionIds: async () => store.store.keys(),
        close: async () => store.stopInterval(),
      };
    },
  };
}
