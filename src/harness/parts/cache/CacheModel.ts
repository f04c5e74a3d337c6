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
    for (const listener of listening) {
      if (listener.token === token && listener.active) {
        listener.expectedCalls++;
        listener.active = false;
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
