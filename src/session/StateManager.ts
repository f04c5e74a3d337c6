import type { FaultFlags } from '../faults.js';
import type { ApiSession } from './messages.js';
import type { RouterEvents } from './RouterEvents.js';
import { SessionCache } from './SessionCache.js';

export type SessionEvent =
  /** `replaced` is the object the cache held for the token before, when there was one. */
  | { readonly kind: 'added' | 'updated'; readonly session: ApiSession; readonly replaced?: ApiSession }
  | { readonly kind: 'removed'; readonly session: ApiSession };

/** The router's API-session cache and the id of the sync in progress; the only thing that mutates them. */
export class StateManager {
  private readonly sessions = new SessionCache();
  private readonly removedListeners = new Map<string, Set<() => void>>();
  private readonly eventListeners = new Set<(event: SessionEvent) => void>();
  private currentSync = '';
  private largestIdCached = '';
  /** The fault `removedSessionsKept`: every removed session, in a list nothing reads. */
  // Stryker disable next-line ArrayDeclaration: equivalent, nothing reads the list
  private readonly removedHistory: ApiSession[] = [];

  constructor(
    private readonly faults: FaultFlags,
    private readonly events?: RouterEvents,
  ) {}

  markSyncInProgress(syncId: string): void {
    if (this.currentSync === syncId) return;
    this.currentSync = syncId;
    this.events?.emit({ type: 'effect', effect: 'sync flag', detail: `${syncId} marked in progress` });
  }

  /** Clears the flag only for the sync that set it, so a late finisher cannot end a newer sync. */
  markSyncStopped(syncId: string): void {
    if (this.currentSync !== syncId || syncId === '') return;
    this.currentSync = '';
    this.events?.emit({ type: 'effect', effect: 'sync flag', detail: `${syncId} marked stopped` });
  }

  isSyncInProgress(): boolean {
    // The historical fault compared the id with "" the wrong way round.
    return this.faults.invertedSyncFlag ? this.currentSync === '' : this.currentSync !== '';
  }

  /** The raw id, for introspection; not subject to any fault. */
  syncInProgressId(): string {
    return this.currentSync;
  }

  addApiSession(session: ApiSession): void {
    this.put('added', session);
  }

  updateApiSession(session: ApiSession): void {
    this.put('updated', session);
  }

  removeApiSession(token: string): void {
    const session = this.sessions.delete(token);
    if (session !== undefined) this.removed(session);
  }

  /**
   * What follows a session's leaving the cache: the fault's history, its listeners, the
   * events. The session is read only when someone is told: in the common case a removal
   * touches nothing of it, which at a million sessions saves a cache miss apiece.
   */
  private removed(session: ApiSession): void {
    if (this.faults.removedSessionsKept) this.removedHistory.push(session);
    // Most sessions have no listener: the common case costs no lookup.
    if (this.removedListeners.size > 0) {
      const listeners = this.removedListeners.get(session.token);
      this.removedListeners.delete(session.token);
      for (const listener of listeners ?? []) listener();
    }
    if (this.heard) this.emit({ kind: 'removed', session });
    // Events nobody hears are not built: a sync of a million sessions would make a million.
    if (this.events?.observed) {
      this.events.emit({ type: 'effect', effect: 'cache', detail: `removed ${session.token}` });
      this.events.ended('session', session, `session ${session.token} (${session.id}), removed`);
    }
  }

  private put(kind: 'added' | 'updated', session: ApiSession): void {
    const replaced = this.sessions.put(session);
    if (session.id > this.largestIdCached) this.largestIdCached = session.id;
    // The same object put back replaces nothing.
    const gone = replaced === session ? undefined : replaced;
    if (this.heard) this.emit(gone === undefined ? { kind, session } : { kind, session, replaced: gone });
    if (this.events?.observed) {
      this.events.emit({ type: 'effect', effect: 'cache', detail: `${kind} ${session.token}` });
      if (gone !== undefined) this.events.ended('session', gone, `session ${gone.token} (${gone.id}), replaced`);
    }
  }

  /**
   * Deletes every cached session whose token is not in `known` and, when `beforeId`
   * is non-empty, whose id is not newer than `beforeId`: sessions created after the
   * snapshot survive it.
   */
  removeMissingApiSessions(known: readonly ApiSession[], beforeId: string): number {
    // The benchmarks' slowed copy: the same answer, worked out three times.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the same answer however often it is worked out
    if (this.faults.removeMissingTripled) for (let i = 0; i < 2; i++) this.countMissing(known, beforeId);
    // Marks what the sync lists, then sweeps the rest: no set of every token per call.
    // A bound at or past every id ever cached bounds nothing, and spares reading each id.
    const everyIdPredates = beforeId === '' || beforeId >= this.largestIdCached;
    let removed = 0;
    this.sessions.sweep(this.sessions.mark(known), (session, slot) => {
      if (!everyIdPredates && !predates(session, beforeId)) return;
      if (this.sessions.deleteSwept(slot) === undefined) return;
      this.removed(session);
      removed++;
    });
    return removed;
  }

  /** What `removeMissingApiSessions` would remove, counted and left in place. */
  // Stryker disable all: equivalent, only the slowed copy calls it and discards its answer; its mark and sweep change nothing kept
  private countMissing(known: readonly ApiSession[], beforeId: string): number {
    let missing = 0;
    this.sessions.sweep(this.sessions.mark(known), (session) => {
      if (predates(session, beforeId)) missing++;
    });
    return missing;
  }
  // Stryker restore all

  /**
   * The largest session id ever cached, removed ones included. Every session up to it
   * was created before any full sync that starts now, so it may bound that sync's removals.
   */
  largestIdEverCached(): string {
    return this.largestIdCached;
  }

  getApiSession(token: string): ApiSession | undefined {
    return this.sessions.get(token);
  }

  sessionCount(): number {
    return this.sessions.size;
  }

  /** A copy, so callers cannot mutate the cache. */
  allSessions(): ApiSession[] {
    return this.sessions.values();
  }

  /** Registers `listener` for the removal of `token`; returns the unsubscribe function. */
  addApiSessionRemovedListener(token: string, listener: () => void): () => void {
    let listeners = this.removedListeners.get(token);
    if (listeners === undefined) {
      listeners = new Set();
      this.removedListeners.set(token, listeners);
    }
    listeners.add(listener);
    return () => {
      const current = this.removedListeners.get(token);
      if (current === undefined) return;
      current.delete(listener);
      if (current.size === 0) this.removedListeners.delete(token);
    };
  }

  removedListenerCount(): number {
    let count = 0;
    for (const set of this.removedListeners.values()) count += set.size;
    return count;
  }

  onEvent(listener: (event: SessionEvent) => void): () => void {
    this.eventListeners.add(listener);
    return () => void this.eventListeners.delete(listener);
  }

  private emit(event: SessionEvent): void {
    for (const listener of this.eventListeners) listener(event);
  }

  /** Whether an event would reach anyone: without listeners, a removal builds no event. */
  private get heard(): boolean {
    return this.eventListeners.size > 0;
  }
}

/** A session a removal bounded by `beforeId` may delete: any when there is no bound. */
function predates(session: ApiSession, beforeId: string): boolean {
  return beforeId === '' || session.id <= beforeId;
}
