// The contract a custom store module is written against, and the package's one export
// (types only): `import type { CustomStoreModule } from 'session-sync-harness'`.
import type { CallbackStore } from './CallbackStore.js';
import type { StoreContext } from './StoreDefinition.js';

export type { CallbackStore, SessionData, StoreCallback } from './CallbackStore.js';
export type { PostgresConnection, StoreContext } from './StoreDefinition.js';

/**
 * The contract of a custom store: one module file, loaded with
 * `loadStore('./path/to/myStore.ts')` or given as `--store ./path/to/myStore.js`. It must export
 *
 *   export function createStore(context: StoreContext): CallbackStore | Promise<CallbackStore>
 *
 * returning a new, empty express-session store on every call (one per generated case).
 * Optional exports:
 *
 *   export function retainedSessionIds(store): Iterable<string> | Promise<Iterable<string>>
 *     the ids the store still holds, read WITHOUT its own expiry logic (no get(), no
 *     all()); without it the `freed` invariant cannot judge the store.
 *   export const forgetsExpiredWithinMs: number
 *     how long after a session expires the store promises to have dropped it; leave it
 *     out when the store makes no such promise (then any expired session it keeps fails `freed`).
 *   export const keepsSessionObjects: boolean
 *     true when it keeps the very objects `set` hands it (not a serialized copy):
 *     `freed` then also checks with WeakRef + gc() that a dead session's object is collectable.
 *   export const timers: 'in-process' | 'real'
 *     'real' when the store talks to a server and needs real timers; only Date is faked then.
 *   export function closeStore(store): void | Promise<void>
 *     called after each case (stop timers, close connections).
 *   export const storePackage: string
 *     the npm package the adapter loads (e.g. 'session-memory-store'): reports name it and
 *     the version installed where the adapter resolves it. Or declare both:
 *   export const storeVersion: string
 *
 * Without `storePackage` the package and version reported are those of the package.json
 * nearest to the file (the store's own repository, when the adapter lives in it).
 */
export interface CustomStoreModule<S extends CallbackStore = CallbackStore> {
  createStore(context: StoreContext): S | Promise<S>;
  retainedSessionIds?(store: S): Iterable<string> | Promise<Iterable<string>>;
  readonly forgetsExpiredWithinMs?: number;
  readonly keepsSessionObjects?: boolean;
  readonly timers?: 'in-process' | 'real';
  closeStore?(store: S): void | Promise<void>;
  /** The npm package the adapter loads: its name in reports, its version read where the adapter resolves it. */
  readonly storePackage?: string;
  /** The version to report, when the adapter declares it rather than have it read. */
  readonly storeVersion?: string;
}
