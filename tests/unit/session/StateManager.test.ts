import { describe, expect, it } from 'vitest';
import { FAULT_PROFILES } from '../../../src/faults.js';
import type { ApiSession } from '../../../src/session/messages.js';
import { type SessionEvent, StateManager } from '../../../src/session/StateManager.js';
import { session, sessions } from '../../support/routerFixture.js';

/** A sync's sessions that count how often they are read from start to end. */
class CountedSessions extends Array<ApiSession> {
  reads = 0;
  override [Symbol.iterator](): ArrayIterator<ApiSession> {
    this.reads++;
    return super[Symbol.iterator]();
  }
}

describe('StateManager', () => {
  it('caches by token and reports the sync in progress', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    expect(state.isSyncInProgress()).toBe(false);
    state.markSyncInProgress('sync-2');
    expect(state.isSyncInProgress()).toBe(true);
    // A late finisher of an older sync must not end the newer one.
    state.markSyncStopped('sync-1');
    expect(state.syncInProgressId()).toBe('sync-2');
    state.markSyncStopped('sync-2');
    expect(state.isSyncInProgress()).toBe(false);
  });

  it('answers the flag the wrong way round under the inverted-flag fault, and only the answer', () => {
    const state = new StateManager(FAULT_PROFILES['inverted-flag']);
    expect(state.isSyncInProgress()).toBe(true);
    state.markSyncInProgress('sync-1');
    expect(state.isSyncInProgress()).toBe(false);
    expect(state.syncInProgressId()).toBe('sync-1');
  });

  it('removes the sessions a sync does not know, but none newer than its bound', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    for (const s of sessions(1, 5)) state.addApiSession(s);
    const removed = state.removeMissingApiSessions([session(1), session(3)], session(4).id);
    expect(removed).toBe(2);
    expect(
      state
        .allSessions()
        .map((s) => s.token)
        .sort(),
    ).toEqual(['token-1', 'token-3', 'token-5']);
  });

  it('with no bound, removes every session the sync does not know', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    for (const s of sessions(1, 3)) state.addApiSession(s);
    expect(state.removeMissingApiSessions([session(2)], '')).toBe(2);
    expect(state.sessionCount()).toBe(1);
  });

  it('remembers the largest id ever cached after its session is removed', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    state.addApiSession(session(7));
    state.updateApiSession(session(9));
    state.removeApiSession('token-9');
    expect(state.largestIdEverCached()).toBe(session(9).id);
  });

  it('tells removal listeners once and forgets them, so a removed token holds nothing', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    state.addApiSession(session(1));
    let calls = 0;
    state.addApiSessionRemovedListener('token-1', () => calls++);
    const unsubscribe = state.addApiSessionRemovedListener('token-1', () => calls++);
    unsubscribe();
    expect(state.removedListenerCount()).toBe(1);
    state.removeApiSession('token-1');
    state.removeApiSession('token-1');
    expect(calls).toBe(1);
    expect(state.removedListenerCount()).toBe(0);
  });

  it('emits added, updated and removed events; allSessions is a copy', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    const events: SessionEvent['kind'][] = [];
    const off = state.onEvent((e) => events.push(e.kind));
    state.addApiSession(session(1));
    state.updateApiSession(session(1));
    state.allSessions().pop();
    state.removeApiSession('token-1');
    off();
    state.addApiSession(session(2));
    expect(events).toEqual(['added', 'updated', 'removed']);
    expect(state.getApiSession('token-2')?.id).toBe(session(2).id);
  });

  it('under slow-remove-missing reads the sync three times and removes, returns and emits exactly what fixed does', () => {
    const outcome = (profile: 'fixed' | 'slow-remove-missing') => {
      const state = new StateManager(FAULT_PROFILES[profile]);
      for (const s of sessions(1, 9)) state.addApiSession(s);
      const removed: string[] = [];
      state.onEvent((e) => removed.push(`${e.kind} ${e.session.token}`));
      const known = CountedSessions.from([session(2), session(5), session(8)]) as CountedSessions;
      const count = state.removeMissingApiSessions(known, session(7).id);
      const left = state
        .allSessions()
        .map((s) => s.token)
        .sort();
      return { count, removed, left, reads: known.reads };
    };
    const fixed = outcome('fixed');
    const slow = outcome('slow-remove-missing');
    expect(fixed.reads).toBe(1);
    expect(slow.reads).toBe(3);
    expect({ ...slow, reads: 0 }).toEqual({ ...fixed, reads: 0 });
    expect(fixed.count).toBe(5);
    expect(fixed.left).toEqual(['token-2', 'token-5', 'token-8', 'token-9']);
  });

  it('removes in cache order, and a sync after it marks afresh: what the last sync listed survives, not what an earlier one did', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    for (const s of sessions(1, 6)) state.addApiSession(s);
    const removed: string[] = [];
    state.onEvent((e) => {
      if (e.kind === 'removed') removed.push(e.session.token);
    });
    expect(state.removeMissingApiSessions([session(2), session(4), session(6)], '')).toBe(3);
    expect(removed).toEqual(['token-1', 'token-3', 'token-5']);
    // Listed by the first sync, not by the second: the first one's marks must not save them.
    expect(state.removeMissingApiSessions([session(4)], '')).toBe(2);
    expect(state.allSessions().map((s) => s.token)).toEqual(['token-4']);
  });

  it('keeps a token in its first place when it is put back, and gives a freed place to the next new token', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    for (const s of sessions(1, 3)) state.addApiSession(s);
    state.removeApiSession('token-2');
    state.updateApiSession(session(1));
    state.addApiSession(session(4));
    expect(state.allSessions().map((s) => s.token)).toEqual(['token-1', 'token-3', 'token-4']);
    expect(state.removeMissingApiSessions([session(4)], '')).toBe(2);
    expect(state.getApiSession('token-4')).toEqual(session(4));
    expect(state.sessionCount()).toBe(1);
  });

  it('keeps a session a removal listener caches while the sync removes the missing ones', () => {
    const state = new StateManager(FAULT_PROFILES.fixed);
    for (const s of sessions(1, 3)) state.addApiSession(s);
    state.addApiSessionRemovedListener('token-1', () => state.addApiSession(session(9)));
    expect(state.removeMissingApiSessions([session(3)], '')).toBe(2);
    expect(
      state
        .allSessions()
        .map((s) => s.token)
        .sort(),
    ).toEqual(['token-3', 'token-9']);
  });
});
