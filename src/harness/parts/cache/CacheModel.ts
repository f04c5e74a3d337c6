import type { ApiSession } from '../../../session/messages.js';
import type { RouterEvent } from '../../../session/RouterEvents.js';
import type { SessionEvent } from '../../../session/StateManager.js';

/** A listener for one token's removal, as the case registered it, and the calls it must get. */
export interface Listening {
  readonly token: string;
  unsubscribe: () => void;
  calls: number;
  expectedCalls: number;
  active: boolean;
  /** When set, the listener caches this session when called: a put from inside a removal, mid-sweep. */
  readonly readds?: ApiSession;
}

/** What the cache must hold and say: the contract written plainly. */
export class CacheModel {
  readonly sessions = new Map<string, ApiSession>();
  largestEver = '';
  syncId = '';
  readonly sessionEvents: SessionEvent[] = [];
  readonly routerEvents: RouterEvent[] = [];
  sessionEventsHeard = true;

  put(kind: 'added' | 'updated', session: ApiSession): void {
    const before = this.sessions.get(session.token);
    this.sessions.set(session.token, session);
    if (session.id > this.largestEver) this.largestEver = session.id;
    const replaced = before !== undefined && before !== session ? { replaced: before } : {};
    if (this.sessionEventsHeard) this.sessionEvents.push({ kind, session, ...replaced });
    this.routerEvents.push({ type: 'effect', effect: 'cache', detail: `${kind} ${session.token}` });
    if (before !== undefined && before !== session) {
      this.routerEvents.push({
        type: 'ended',
        kind: 'session',
        object: before,
        label: `session ${before.token} (${before.id}), replaced`,
      });
    }
  }

  remove(token: string, listening: readonly Listening[]): void {
    const session = this.sessions.get(token);
    if (session === undefined) return;
    this.sessions.delete(token);
    // The listeners run before the removal is announced; what they cache is announced first.
    for (const listener of listening) {
      if (listener.token === token && listener.active) {
        listener.expectedCalls++;
        listener.active = false;
        if (listener.readds !== undefined) this.put('added', listener.readds);
      }
    }
    if (this.sessionEventsHeard) this.sessionEvents.push({ kind: 'removed', session });
    this.routerEvents.push({ type: 'effect', effect: 'cache', detail: `removed ${token}` });
    this.routerEvents.push({
      type: 'ended',
      kind: 'session',
      object: session,
      label: `session ${token} (${session.id}), removed`,
    });
  }

  /** Tokens a sync of `known` removes: not in it, and not newer than `beforeId` when there is one. */
  missing(known: readonly string[], beforeId: string): string[] {
    return [...this.sessions.values()]
      .filter((session) => !known.includes(session.token) && (beforeId === '' || session.id <= beforeId))
      .map((session) => session.token);
  }

  /**
   * A sync of `known` bounded by `beforeId`: every session cached when it starts is judged in
   * cache order, as it is when reached (a listener may have replaced it meanwhile); what a
   * listener caches under a token not cached then, or removed already, is not judged. The count removed.
   */
  removeMissing(known: readonly string[], beforeId: string, listening: readonly Listening[]): number {
    let removed = 0;
    for (const token of [...this.sessions.keys()]) {
      // Only this sync removes, and only on reaching a token: every token ahead is still cached.
      const session = this.sessions.get(token) as ApiSession;
      if (known.includes(token) || (beforeId !== '' && session.id > beforeId)) continue;
      this.remove(token, listening);
      removed++;
    }
    return removed;
  }

  markInProgress(syncId: string): void {
    if (this.syncId === syncId) return;
    this.syncId = syncId;
    this.routerEvents.push({ type: 'effect', effect: 'sync flag', detail: `${syncId} marked in progress` });
  }

  markStopped(syncId: string): void {
    if (syncId === '' || this.syncId !== syncId) return;
    this.syncId = '';
    this.routerEvents.push({ type: 'effect', effect: 'sync flag', detail: `${syncId} marked stopped` });
  }
}
