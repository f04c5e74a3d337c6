import type { FaultFlags } from '../faults.js';
import type { ApiSession } from './messages.js';

export type SessionEvent =
  | { readonly kind: 'added' | 'updated'; readonly session: ApiSession }
  | { readonly kind: 'removed'; readonly session: ApiSession };

/** The router's API-session cache and the id of the sync in progress; the only thing that mutates them. */
export class StateManager {
  private readonly sessions = new Map<string, ApiSession>();
  private readonly removedListeners = new Map<string, Set<() => void>>();
  private readonly eventListeners = new Set<(event: SessionEvent) => void>();
  private currentSync = '';
  private largestIdCached = '';

  constructor(private readonly faults: FaultFlags) {}

  markSyncInProgress(syncId: string): void {
    this.currentSync = syncId;
  }

  /** Clears the flag only for the sync that set it, so a late finisher cannot end a newer sync. */
  markSyncStopped(syncId: string): void {
    if (this.currentSync === syncId) this.currentSync = '';
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
    this.sessions.set(session.token, session);
    if (session.id > this.largestIdCached) this.largestIdCached = session.id;
    this.emit({ kind: 'added', session });
  }

  updateApiSession(session: ApiSession): void {
    this.sessions.set(session.token, session);
    if (session.id > this.largestIdCached) this.largestIdCached = session.id;
    this.emit({ kind: 'updated', session });
  }

  removeApiSession(token: string): void {
    const session = this.sessions.get(token);
    if (session === undefined) return;
    this.sessions.delete(token);
    const listeners = this.removedListeners.get(token);
    this.removedListeners.delete(token);
    for (const listener of listeners ?? []) listener();
    this.emit({ kind: 'removed', session });
  }

  /**
   * Deletes every cached session whose token is not in `known` and, when `beforeId`
   * is non-empty, whose id is not newer than `beforeId`: sessions created after the
   * snapshot survive it.
   */
  removeMissingApiSessions(known: readonly ApiSession[], beforeId: string): number {
    // The slowed profile repeats the whole scan; every pass finds the same sessions.
    const passes = this.faults.removeMissingTripled ? 3 : 1;
    let doomed: string[] = [];
    for (let pass = 0; pass < passes; pass++) doomed = this.sessionsMissingFrom(known, beforeId);
    for (const token of doomed) this.removeApiSession(token);
    return doomed.length;
  }

  private sessionsMissingFrom(known: readonly ApiSession[], beforeId: string): string[] {
    const knownTokens = new Set<string>();
    for (const session of known) knownTokens.add(session.token);
    const missing: string[] = [];
    for (const [token, session] of this.sessions) {
      if (knownTokens.has(token)) continue;
      if (beforeId === '' || session.id <= beforeId) missing.push(token);
    }
    return missing;
  }

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
    return [...this.sessions.values()];
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
}
