import { createRequire } from 'node:module';
import type { CallbackStore } from '../CallbackStore.js';
import { installedPackage } from '../installedPackage.js';
import type { StoreDefinition } from '../StoreDefinition.js';

const require = createRequire(import.meta.url);

interface ExpressMemoryStore extends CallbackStore {
  /** sid → the session as a JSON string. */
  sessions: Record<string, string>;
}

/**
 * express-session's own `MemoryStore`. It drops an expired session only when that
 * session is read again (`get`, `touch`, or `all`/`length`, which read every one), so
 * one that expires and is never read stays: the leak its documentation warns of.
 */
export function expressMemoryDefinition(): StoreDefinition {
  const { version } = installedPackage('express-session');
  return {
    name: 'express-memory',
    packageName: 'express-session',
    version,
    timers: 'in-process',
    keepsSessionObjects: false,
    documentedLeak: 'express-session documents its MemoryStore as leaking memory and not meant for production',
    async open() {
      const { MemoryStore } = require('express-session') as { MemoryStore: new () => ExpressMemoryStore };
      const store = new MemoryStore();
      return {
        store,
        promise: { forgetsWithinMs: undefined, how: 'none: an expired session is dropped only when it is read again' },
        // The keys of `sessions` are exactly what it holds; listing them parses nothing and
        // so runs none of the expiry check that lives in its getSession().
        retainedSessionIds: async () => Object.keys(store.sessions),
      };
    },
  };
}
