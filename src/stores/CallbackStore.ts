/**
 * The callback API every express-session store implements (express-session's
 * `Store` contract). `touch`, `all`, `length` and `clear` are optional there too.
 */

/** The value express-session hands a store: its fields plus a `cookie` whose `expires` says when it dies. */
export interface SessionData {
  readonly cookie: { readonly expires?: Date | string | null; readonly originalMaxAge?: number | null };
  readonly [field: string]: unknown;
}

export type StoreCallback<T = unknown> = (error?: unknown, result?: T) => void;

export interface CallbackStore {
  get(sid: string, callback: StoreCallback<SessionData | null | undefined>): unknown;
  set(sid: string, session: SessionData, callback?: StoreCallback): unknown;
  destroy(sid: string, callback?: StoreCallback): unknown;
  touch?(sid: string, session: SessionData, callback?: StoreCallback): unknown;
  /** MemoryStore answers with an object keyed by id; connect-redis with an array of sessions carrying `id`. */
  all?(callback: StoreCallback<Record<string, SessionData> | readonly SessionData[] | null | undefined>): unknown;
  length?(callback: StoreCallback<number>): unknown;
  clear?(callback?: StoreCallback): unknown;
}

export function isCallbackStore(value: unknown): value is CallbackStore {
  if (typeof value !== 'object' || value === null) return false;
  const store = value as Record<string, unknown>;
  return typeof store.get === 'function' && typeof store.set === 'function' && typeof store.destroy === 'function';
}
