import { describe, expect, it } from 'vitest';
import type { FaultProfileName } from '../../../src/faults.js';
import { collectGarbage, createSyncSystem, waitForQuiescence } from '../../../src/harness/index.js';
import { RealRuntime } from '../../../src/runtime/RealRuntime.js';
import { sessionsRemoved } from '../../../src/session/messages.js';
import type { Router } from '../../../src/session/Router.js';
import { applyInitialSync, chunk, live, routerFixture, session, sessions } from '../../support/routerFixture.js';

const LIVE_ADDS = 1_000;

/** What the router holds after one full sync of 250 sessions and 1,000 live adds. */
interface Held {
  readonly trackersHeld: number;
  readonly heldState: string | undefined;
  readonly postSyncBuffered: number;
  readonly trackersAliveAfterGc: number;
  readonly sessionsCached: number;
}

async function held(router: Router): Promise<Held> {
  await collectGarbage();
  const stats = router.stats();
  return {
    trackersHeld: stats.trackersHeld,
    heldState: stats.heldTrackerState,
    postSyncBuffered: stats.postSyncEntriesBuffered,
    trackersAliveAfterGc: router.liveTrackers().length,
    sessionsCached: stats.sessionsCached,
  };
}

/** The scenario on the virtual runtime: one full sync, then 1,000 live adds. */
async function oneSyncThenLiveAddsOnVirtualTime(profile: FaultProfileName): Promise<Held> {
  const fixture = routerFixture(profile);
  applyInitialSync(fixture, 250);
  expect(fixture.router.stats().syncsApplied).toBe(1);
  for (let n = 1; n <= LIVE_ADDS; n++) fixture.router.receive(live(session(250 + n)));
  fixture.settle();
  return held(fixture.router);
}

/** The same on the real runtime, through a controller and the channel, with a 5 ms tick. */
async function oneSyncThenLiveAddsOnRealTime(profile: FaultProfileName): Promise<Held> {
  const system = createSyncSystem({
    runtime: new RealRuntime(),
    profile,
    timing: { tickIntervalMs: 5, deadlineMs: 2_000 },
  });
  for (let n = 0; n < 250; n++) system.controller.createSession();
  system.channel.connect();
  expect(await waitForQuiescence(system, 10_000)).toBe(true);
  expect(system.router.stats().syncsApplied).toBe(1);
  for (let n = 0; n < LIVE_ADDS; n++) system.controller.createSession();
  expect(await waitForQuiescence(system, 10_000)).toBe(true);
  const result = await held(system.router);
  system.channel.close();
  return result;
}

const EXPECTED: Record<'fixed' | 'pre-2670' | 'no-release' | 'inverted-flag', Held> = {
  // The tracker is released when it applies; live adds outside a sync are only cached.
  fixed: { trackersHeld: 0, heldState: undefined, postSyncBuffered: 0, trackersAliveAfterGc: 0, sessionsCached: 1250 },
  // Both faults: the applied tracker stays, and every live add lands in its post-sync slot.
  'pre-2670': {
    trackersHeld: 1,
    heldState: 'applied',
    postSyncBuffered: LIVE_ADDS,
    trackersAliveAfterGc: 1,
    sessionsCached: 1250,
  },
  // The tracker stays with its chunks, but the flag is right: nothing is buffered.
  'no-release': {
    trackersHeld: 1,
    heldState: 'applied',
    postSyncBuffered: 0,
    trackersAliveAfterGc: 1,
    sessionsCached: 1250,
  },
  // The flag is wrong, but with no tracker to hold them the buffered adds are dropped once drained.
  'inverted-flag': {
    trackersHeld: 0,
    heldState: undefined,
    postSyncBuffered: 0,
    trackersAliveAfterGc: 0,
    sessionsCached: 1250,
  },
};

describe('one full sync and 1,000 live adds, per fault profile', () => {
  for (const [profile, expected] of Object.entries(EXPECTED) as [keyof typeof EXPECTED, Held][]) {
    it(`${profile} on the virtual runtime`, async () => {
      expect(await oneSyncThenLiveAddsOnVirtualTime(profile)).toEqual(expected);
    });
    it(`${profile} on the real runtime`, async () => {
      expect(await oneSyncThenLiveAddsOnRealTime(profile)).toEqual(expected);
    });
  }

  it('pre-2670 holds the finished tracker with all 1,000 sessions in its post-sync slot', async () => {
    const fixture = routerFixture('pre-2670');
    applyInitialSync(fixture, 250);
    for (let n = 1; n <= LIVE_ADDS; n++) fixture.router.receive(live(session(250 + n)));
    fixture.settle();
    await collectGarbage();
    expect(fixture.router.liveTrackers()).toEqual([
      expect.objectContaining({
        syncId: 'sync-000000000001',
        state: 'applied',
        chunkSessions: 250,
        postSyncSessions: 1000,
      }),
    ]);
  });
});

describe('inverted-flag, where its defect shows', () => {
  it('queues live adds as post-sync data while no sync is in progress', () => {
    for (const [profile, queued] of [
      ['fixed', 0],
      ['inverted-flag', 10],
    ] as const) {
      const fixture = routerFixture(profile);
      applyInitialSync(fixture, 3);
      for (let n = 4; n <= 13; n++) fixture.router.receive(live(session(n)));
      const stats = fixture.router.stats();
      expect(stats.syncInProgress).toBe('');
      expect(stats.postSyncEntriesBuffered).toBe(queued);
    }
  });

  it('does not keep live adds seen during a sync as post-sync data', () => {
    for (const [profile, queued] of [
      ['fixed', 1],
      ['inverted-flag', 0],
    ] as const) {
      const fixture = routerFixture(profile);
      applyInitialSync(fixture, 3);
      fixture.router.receive(chunk(2, 0, false, sessions(1, 3)));
      fixture.router.receive(live(session(4)));
      expect(fixture.router.stats().postSyncEntriesBuffered).toBe(queued);
    }
  });
});

describe('upstream-races, where its out-of-order handling shows', () => {
  it('a removal handled before the add it follows brings the session back for good', () => {
    for (const [profile, cached] of [
      ['fixed', false],
      ['upstream-races', true],
    ] as const) {
      const fixture = routerFixture(profile);
      applyInitialSync(fixture, 3);
      fixture.router.receive(live(session(4)));
      fixture.router.receive(sessionsRemoved([session(4)]));
      // Under upstream-races each message is its own task: run the removal first.
      fixture.runtime.runRunnable({ pick: (count) => count - 1 });
      fixture.settle();
      expect(fixture.router.state.getApiSession('token-4') !== undefined).toBe(cached);
    }
  });
});
