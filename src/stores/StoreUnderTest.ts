import type { CallbackStore, SessionData, StoreCallback } from './CallbackStore.js';
import type { ExpiryPromise, OpenedStore, StoreDefinition } from './StoreDefinition.js';
import { StoreCallError } from './storeErrors.js';

// Taken at load, before any test fakes the clock: a hung callback must time out in real time.
const realSetTimeout = globalThis.setTimeout;
const realClearTimeout = globalThis.clearTimeout;

export type OptionalOperation = 'touch' | 'all' | 'length' | 'clear';

export const DEFAULT_CALLBACK_TIMEOUT_MS = 5_000;

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
  readonly promise: ExpiryPromise;
  private readonly store: CallbackStore;

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
    const session = await this.call<SessionData | null | undefined>(`get(${sid})`, (cb) => this.store.get(sid, cb));
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
      for (const session of answer as readonly SessionData[]) {
        if (typeof session.id !== 'string')
          throw new StoreCallError(this.name, 'all()', 'answered a session without id');
        sessions.set(session.id, session);
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

  /** Lets `ms` of virtual time pass for a store that keeps its own time (Redis TTLs). */
  async elapse(ms: number): Promise<void> {
    await this.opened.elapse?.(ms);
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

  private call<T = unknown>(label: string, start: (callback: StoreCallback<T>) => unknown): Promise<T | undefined> {
    return new Promise<T | undefined>((resolve, reject) => {
      let settled = false;
      const timer = realSetTimeout(() => {
        settle(() =>
          reject(new StoreCallError(this.name, label, `did not call back within ${this.callbackTimeoutMs} ms`)),
        );
      }, this.callbackTimeoutMs);
      timer.unref?.();
      const settle = (action: () => void) => {
        if (settled) return;
        settled = true;
        realClearTimeout(timer);
        action();
      };
      const fail = (verb: string, error: unknown) =>
        settle(() => reject(new StoreCallError(this.name, label, `${verb}: ${String(error)}`, { cause: error })));
      try {
        const returned = start((error, result) => {
          if (error) fail('failed', error);
          else settle(() => resolve(result));
        });
        // An async method that rejects instead of calling back must not leave the call hanging.
        if (isThenable(returned)) returned.then(undefined, (error: unknown) => fail('rejected', error));
      } catch (error) {
        fail('threw', error);
      }
    });
  }
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as { then?: unknown } | null)?.then === 'function';
}
