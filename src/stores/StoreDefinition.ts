import type { CallbackStore } from './CallbackStore.js';

/** What a store needs from its surroundings; each store reads only its own fields. */
export interface StoreContext {
  /** Where connect-redis connects, e.g. `redis://127.0.0.1:6390` (see `startRedisServer`). */
  readonly redisUrl?: string;
  /** Key prefix for connect-redis; the probe and cleanup touch only keys under it. Default `sess:`. */
  readonly redisPrefix?: string;
  /** memorystore's prune period in ms. Default 1000. */
  readonly checkPeriodMs?: number;
  /** Resolves a custom store's relative path. Default `process.cwd()`. */
  readonly cwd?: string;
  /** How long a store may take to call back before the call fails. Default 5000 ms. */
  readonly callbackTimeoutMs?: number;
  /** Where the PostgreSQL stores connect (see `startPostgresServer`). */
  readonly postgres?: PostgresConnection;
}

/** A PostgreSQL the pg client reaches over its unix socket. */
export interface PostgresConnection {
  /** The folder holding the server's socket: the pg client's `host`. */
  readonly socketDir: string;
  readonly port: number;
  readonly user: string;
  readonly database: string;
  /** Set once the server exited under the run: the store's failures are then not the store's. */
  died?(): Error | undefined;
}

/** How long after a session expires the store promises to have forgotten it. */
export interface ExpiryPromise {
  /** Undefined: no promise at all (it may keep an expired session forever). */
  readonly forgetsWithinMs: number | undefined;
  /** The mechanism, in words, for reports. */
  readonly how: string;
}

/**
 * A store made for one run, with what the harness needs beside its API: how to see
 * what it still holds without disturbing it, and how to move its notion of time.
 */
export interface OpenedStore {
  readonly store: CallbackStore;
  readonly promise: ExpiryPromise;
  /**
   * Ids the store still holds, read without running its own expiry logic: a read
   * that may drop expired entries would hide exactly what `freed` looks for.
   * Undefined when the store offers no such probe; `freed` then cannot judge it.
   */
  readonly retainedSessionIds?: () => Promise<readonly string[]>;
  /**
   * For stores whose time is not the process's `Date` (Redis keeps real TTLs): make
   * `ms` of virtual time pass for them. In-process stores leave it out.
   */
  readonly elapse?: (ms: number) => Promise<void>;
  /**
   * Runs the store's own expiry sweep once, as its timer would (pg-simple's prune, knex's
   * cleanup, the file store's reap): a step may start it beside other ops to race them.
   */
  readonly sweep?: () => Promise<void>;
  /**
   * Why the store's calls cannot be judged just now (the server it talks to is gone), or
   * undefined: a call that fails then ends the run with this error instead of a finding.
   */
  readonly unavailable?: () => Error | undefined;
  readonly close?: () => Promise<void>;
}

export interface StoreDefinition {
  /** The registry name (`express-memory`), or the file path of a custom store. */
  readonly name: string;
  /** The npm package whose version is reported (read from its package.json). */
  readonly packageName: string;
  readonly version: string;
  /**
   * `in-process`: the store's timers may be faked with the clock.
   * `real`: it talks to something outside (a Redis client needs real timers), so only `Date` is faked.
   */
  readonly timers: 'in-process' | 'real';
  /**
   * True when the store keeps the session objects it is handed (not a serialized copy),
   * so a dead session can also be checked with `WeakRef` + `gc()`.
   */
  readonly keepsSessionObjects: boolean;
  /**
   * Set when the store's own documentation says it keeps what it should not (a leak it is
   * known for): the harness then expects `freed` and the soak to find it.
   */
  readonly documentedLeak?: string;
  /** A server the harness must start first; its address comes in the context. */
  readonly server?: 'redis' | 'postgres';
  /**
   * What of the store's time is virtual and what stays real, in words, for reports: a
   * store on a real server cannot have all of its time faked.
   */
  readonly time?: string;
  open(context: StoreContext): Promise<OpenedStore>;
}
