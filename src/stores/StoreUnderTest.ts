import type { CallbackStore, SessionData, StoreCallback } from './CallbackStore.js';
import type { ExpiryPromise, OpenedStore, StoreDefinition } from './StoreDefinition.js';
import { StoreCallError } from './storeErrors.js';

// Taken at load, before any test fakes the clock: a hung callback must time out in real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export type OptionalOperation = 'touch' | 'all' | 'length' | 'clear';

export const DEFAULT_CALLBACK_TIMEOUT_MS = 5_000;

/** The key prefix `all()` gives a session answered without its id. */
export const ANONYMOUS_SESSION = '#';

/**
 * What a store did against the callback contract express-session relies on, each of which
 * breaks an app whatever the answer was: a second callback runs the request's continuation
 * twice; a throw after calling back reaches express-session's caller; a promise the store
 * returns and rejects is one nobody awaits (express-session ignores what store methods
 * return), so it is an unhandled rejection, which ends a Node process by default; a call
 * that never calls back leaves its request hanging.
 */
export type MisbehaviourKind =
  | 'called back twice'
  | 'threw after calling back'
  | 'unhandled rejection'
  | 'never called back';

export interface Misbehaviour {
  readonly kind: MisbehaviourKind;
  readonly call: string;
  readonly detail: string;
}

export function describeMisbehaviour(m: Misbehaviour): string {
  return `${m.call} misbehaved (${m.kind}): ${m.detail}`;
}

/**
 * An express-session store behind promises. Every call settles exactly once: with the
 * callback's result, with a `StoreCallError` when the store answers with an error or
 * throws, or when it has not called back within the timeout.
 */
export class StoreUnderTest {
  readonly name: string;
  readonly packageName: string;
  readonly version: string;
  readonly timers: StoreDefinition['timers'];
  readonly keepsSessionObjects: boolean;
  readonly documentedLeak: string | undefined;
  /** The server it talks to, if any (see `StoreDefinition.server`). */
  readonly server: StoreDefinition['server'];
  readonly promise: ExpiryPromise;
  private readonly store: CallbackStore;
  private misbehaviours: Misbehaviour[] = [];

  constructor(
    definition: StoreDefinition,
    private readonly opened: OpenedStore,
    private readonly callbackTimeoutMs = DEFAULT_CALLBACK_TIMEOUT_MS,
  ) {
    this.name = definition.name;
    this.packageName = definition.packageName;
    this.version = definition.version;
    this.timers = definition.timers;
    this.keepsSessionObjects = definition.keepsSessionObjects;
    this.documentedLeak = definition.documentedLeak;
    this.server = definition.server;
    this.promise = opened.promise;
    this.store = opened.store;
  }

  supports(operation: OptionalOperation): boolean {
    return typeof this.store[operation] === 'function';
  }

  /** Whether `retainedSessionIds()` can say anything. */
  get hasProbe(): boolean {
    return this.opened.retainedSessionIds !== undefined;
  }

  async get(sid: string): Promise<SessionData | undefined> {
    // express-session reads an ENOENT error from get() as "no session" (the file store answers so).
    const session = await this.call<SessionData | null | undefined>(
      `get(${sid})`,
      (cb) => this.store.get(sid, cb),
      isNoSuchFile,
    );
    return session ?? undefined;
  }

  async set(sid: string, session: SessionData): Promise<void> {
    await this.call(`set(${sid})`, (cb) => this.store.set(sid, session, cb));
  }

  async destroy(sid: string): Promise<void> {
    await this.call(`destroy(${sid})`, (cb) => this.store.destroy(sid, cb));
  }

  async touch(sid: string, session: SessionData): Promise<void> {
    const touch = this.optional('touch');
    await this.call(`touch(${sid})`, (cb) => touch.call(this.store, sid, session, cb));
  }

  /** Every live session by id, whichever shape the store answers in. */
  async all(): Promise<Map<string, SessionData>> {
    const all = this.optional('all');
    const answer = await this.call<Record<string, SessionData> | readonly SessionData[] | null | undefined>(
      'all()',
      (cb) => all.call(this.store, cb),
    );
    const sessions = new Map<string, SessionData>();
    if (Array.isArray(answer)) {
      // express-session documents all() as "all sessions as an array"; some stores leave out
      // which id each one is. Those are keyed by position, `#0`, `#1`, ... (see ANONYMOUS_SESSION).
      for (const [index, session] of (answer as readonly SessionData[]).entries()) {
        sessions.set(typeof session.id === 'string' ? session.id : `${ANONYMOUS_SESSION}${index}`, session);
      }
    } else if (answer) {
      for (const [sid, session] of Object.entries(answer)) sessions.set(sid, session);
    }
    return sessions;
  }

  async length(): Promise<number> {
    const length = this.optional('length');
    const count = await this.call<number>('length()', (cb) => length.call(this.store, cb));
    if (typeof count !== 'number') throw new StoreCallError(this.name, 'length()', `answered ${String(count)}`);
    return count;
  }

  async clear(): Promise<void> {
    const clear = this.optional('clear');
    await this.call('clear()', (cb) => clear.call(this.store, cb));
  }

  /** See `OpenedStore.retainedSessionIds`; an empty list when the store has no probe (check `hasProbe`). */
  async retainedSessionIds(): Promise<readonly string[]> {
    return (await this.opened.retainedSessionIds?.()) ?? [];
  }

  /** Lets `ms` of virtual time pass for a store that keeps its own time (Redis TTLs) or sweeps on a real timer. */
  async elapse(ms: number): Promise<void> {
    await this.guarded(() => this.opened.elapse?.(ms));
  }

  /** Whether the store has an expiry sweep the harness can start (`sweep()`). */
  get hasSweep(): boolean {
    return this.opened.sweep !== undefined;
  }

  /** Runs the store's own expiry sweep once, as its timer would. */
  async sweep(): Promise<void> {
    await this.guarded(() => this.opened.sweep?.());
  }

  /** Why the store cannot be judged just now (its server is gone), or undefined. */
  unavailable(): Error | undefined {
    return this.opened.unavailable?.();
  }

  /** The misbehaviours seen since the last call of this method, oldest first. */
  takeMisbehaviours(): Misbehaviour[] {
    const seen = this.misbehaviours;
    this.misbehaviours = [];
    return seen;
  }

  async close(): Promise<void> {
    await this.opened.close?.();
  }

  private optional<K extends OptionalOperation>(operation: K): NonNullable<CallbackStore[K]> {
    const method = this.store[operation];
    if (typeof method !== 'function') {
      throw new StoreCallError(this.name, `${operation}()`, 'is not implemented by this store');
    }
    return method as NonNullable<CallbackStore[K]>;
  }

  /** A failure while the store's server is gone is the server's, not the store's. */
  private async guarded(action: () => Promise<void> | undefined): Promise<void> {
    try {
      await action();
    } catch (error) {
      throw this.unavailable() ?? error;
    }
  }

  private call<T = unknown>(
    label: string,
    start: (callback: StoreCallback<T>) => unknown,
    isEmptyAnswer: (error: unknown) => boolean = () => false,
  ): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      let settled = false;
      let calledBack = false;
      const misbehaved = (kind: MisbehaviourKind, detail: string) =>
        this.misbehaviours.push({ kind, call: label, detail });
      const timer = realSetTimeout(() => {
        misbehaved('never called back', `no callback within ${this.callbackTimeoutMs} ms`);
        settle(() =>
          reject(new StoreCallError(this.name, label, `did not call back within ${this.callbackTimeoutMs} ms`)),
        );
      }, this.callbackTimeoutMs);
      timer.unref?.();
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        realClearTimeout(timer);
        const gone = this.unavailable();
        if (gone) reject(gone);
        else action();
      };
      const fail = (verb: string, error: unknown) =>
        settle(() => reject(new StoreCallError(this.name, label, `${verb}: ${brief(error)}`, { cause: error })));
      try {
        const returned = start((error, result) => {
          if (calledBack) {
            misbehaved('called back twice', `again with ${error ? `error ${brief(error)}` : 'success'}`);
            return;
          }
          calledBack = true;
          if (error && !isEmptyAnswer(error)) fail('failed', error);
          else settle(() => resolve(error ? undefined : result));
        });
        if (isThenable(returned)) {
          returned.then(undefined, (error: unknown) => {
            misbehaved(
              'unhandled rejection',
              `the promise it returned rejected with ${brief(error)}${calledBack ? ' after it had called back' : ''}, and express-session never awaits it`,
            );
            if (!calledBack) {
              misbehaved('never called back', 'it rejected its returned promise instead, so the request would hang');
              fail('rejected without calling back', error);
            }
          });
        }
      } catch (error) {
        if (calledBack) misbehaved('threw after calling back', brief(error));
        else fail('threw', error);
      }
    });
  }
}

/** An error in a line a verdict can carry: a driver's message may hold a whole SQL statement before its point. */
function brief(error: unknown): string {
  const text = String(error).replace(/\s+/g, ' ');
  if (text.length <= 200) return text;
  // knex puts the statement before its driver's message: "<sql> - duplicate key value ...".
  const point = text.lastIndexOf(' - ');
  const tail = point >= 0 ? text.slice(point + 3) : text.slice(-160);
  return `${text.slice(0, text.indexOf(':') + 1 || 0)} … ${tail.slice(-160)}`.trim();
}

function isNoSuchFile(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ENOENT';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
