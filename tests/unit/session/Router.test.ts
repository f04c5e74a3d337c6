import { describe, expect, it } from 'vitest';
import { fullSyncChunk, sessionsRemoved, sessionsUpdated, type WireMessage } from '../../../src/session/messages.js';
import { applyInitialSync, chunk, live, routerFixture, session, sessions } from '../../support/routerFixture.js';

describe('Router handlers and receive loop', () => {
  it('caches live adds, replaces on update, forgets on removal', () => {
    const fixture = routerFixture();
    fixture.router.receive(live(session(1), session(2)));
    const rotated = { ...session(1), certFingerprints: ['fp-new'] };
    fixture.router.receive(sessionsUpdated([rotated]));
    fixture.router.receive(sessionsRemoved([session(2)]));
    fixture.settle();
    expect(fixture.router.state.allSessions()).toEqual([rotated]);
    expect(fixture.router.stats().messagesReceived).toBe(3);
  });

  it('a full sync removes the sessions it does not list, but keeps live adds that arrived during it', () => {
    const fixture = routerFixture();
    applyInitialSync(fixture, 5);
    fixture.router.receive(chunk(2, 0, false, sessions(1, 2)));
    fixture.router.receive(live(session(6)));
    expect(fixture.router.stats().postSyncEntriesBuffered).toBe(1);
    fixture.router.receive(chunk(2, 1, true, [session(3)]));
    fixture.settle();
    expect(fixture.tokens()).toEqual(['token-1', 'token-2', 'token-3', 'token-6']);
    expect(fixture.router.stats()).toMatchObject({ syncsApplied: 2, trackersHeld: 0, postSyncEntriesBuffered: 0 });
  });

  it('a newer sync replaces one still collecting, and the older one’s stragglers are stale', () => {
    const fixture = routerFixture();
    fixture.router.receive(chunk(1, 0, false, sessions(1, 2)));
    fixture.router.receive(chunk(2, 0, true, sessions(1, 3)));
    fixture.router.receive(chunk(1, 1, true, [session(9)]));
    fixture.settle();
    expect(fixture.router.stats()).toMatchObject({
      syncsStarted: 2,
      syncsAborted: 1,
      syncsApplied: 1,
      staleChunksIgnored: 1,
    });
    expect(fixture.tokens()).toEqual(['token-1', 'token-2', 'token-3']);
  });

  it('a full state without sync headers (an old controller) replaces the cache at once', () => {
    const fixture = routerFixture();
    applyInitialSync(fixture, 3);
    const legacy: WireMessage = { ...fullSyncChunk({ id: 'x', isLast: true, sequence: 0 }, [session(2)]), headers: {} };
    fixture.router.receive(legacy);
    fixture.settle();
    expect(fixture.tokens()).toEqual(['token-2']);
  });

  it('a disconnect aborts the sync being assembled and releases its tracker', () => {
    const fixture = routerFixture();
    fixture.router.receive(chunk(1, 0, false, sessions(1, 2)));
    fixture.settle(500);
    expect(fixture.router.stats()).toMatchObject({ trackersHeld: 1, heldTrackerState: 'collecting' });
    fixture.router.disconnected();
    expect(fixture.router.stats()).toMatchObject({
      trackersHeld: 0,
      syncsAborted: 1,
      syncInProgress: '',
      queueLength: 0,
    });
    // Its timers went with it: nothing left to run.
    fixture.settle();
    expect(fixture.runtime.isIdle()).toBe(true);
    expect(fixture.router.stats().syncsFailed).toBe(0);
  });

  it('a session ended while disconnected goes at the next sync, though newer than every session in it', () => {
    const fixture = routerFixture();
    applyInitialSync(fixture, 3);
    fixture.router.receive(live(session(4)));
    fixture.settle();
    // Session 4 ends while the connection is down: its removal never arrives.
    fixture.router.disconnected();
    fixture.router.connected({ send: (m) => fixture.sent.push(m) });
    fixture.router.receive(chunk(2, 0, true, sessions(1, 3)));
    fixture.settle();
    expect(fixture.tokens()).toEqual(['token-1', 'token-2', 'token-3']);
  });
});
