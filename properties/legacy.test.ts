import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/index.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import { type ApiSession, fullSyncChunk, liveAdd, type WireMessage } from '../src/session/messages.js';
import { Router } from '../src/session/Router.js';
import type { RouterEvent } from '../src/session/RouterEvents.js';

// The legacy full sync: an old controller sends its whole state as one full-state message
// with no sync headers, and the router keeps exactly what it lists. No generator of the
// model sends one: with no bound, it deletes a live add handled while it waited in the queue,
// which is upstream's behaviour for old controllers and would break `safety`. Here it comes
// alone, after the router has cached sessions by live adds, so its result is exact.

const legacyCase = fc.record({
  /** Sessions the router caches first, by live adds. */
  cached: fc.integer({ min: 0, max: 6 }),
  /** Which of them the legacy sync lists, and how many new ones it adds. */
  kept: fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
  added: fc.integer({ min: 0, max: 3 }),
  /** Another legacy sync after the first: each replaces what the one before left. */
  again: fc.boolean(),
});

function sessionOf(serial: number): ApiSession {
  return {
    id: `as-${String(serial).padStart(4, '0')}`,
    token: `token-${serial}`,
    identityId: 'identity-1',
    certFingerprints: [`fp-${serial}`],
  };
}

/** A full-state message with no sync headers, as a controller before sync strategies sent it. */
function legacySync(sessions: readonly ApiSession[]): WireMessage {
  return { ...fullSyncChunk({ id: 'unused', isLast: true, sequence: 0 }, sessions), headers: {} };
}

test('legacy: a full sync without sync headers leaves exactly the sessions it lists, and ends as one', () => {
  fc.assert(
    fc.property(legacyCase, ({ cached, kept, added, again }) => {
      const runtime = new VirtualRuntime();
      const router = new Router({ runtime });
      const heard: RouterEvent[] = [];
      router.events.subscribe((event) => heard.push(event));
      const first = Array.from({ length: cached }, (_, i) => sessionOf(i + 1));
      for (const session of first)
        router.receive(liveAdd({ id: `live-${session.id}`, isLast: true, sequence: 0 }, [session]));
      runtime.runRunnable();

      const syncs = [
        first.filter((_, i) => kept[i]).concat(Array.from({ length: added }, (_, i) => sessionOf(100 + i))),
      ];
      if (again) syncs.push(syncs[0]?.slice(1) ?? []);
      for (const listed of syncs) {
        const before = router.state.allSessions();
        heard.length = 0;
        router.receive(legacySync(listed));
        runtime.runRunnable();
        const tokens = (sessions: readonly ApiSession[]) => sessions.map((s) => s.token).sort();
        expect(tokens(router.state.allSessions())).toEqual(tokens(listed));
        for (const session of listed) expect(router.state.getApiSession(session.token)).toEqual(session);
        const removed = before.filter((s) => !listed.some((l) => l.token === s.token));
        const endedSessions = heard
          .filter((e) => e.type === 'ended' && e.kind === 'session')
          .map((e) => e.type === 'ended' && e.object);
        for (const session of removed) expect(endedSessions).toContain(session);
        // Its sessions arrived as one chunk, applied: announced ended once, when the loop took it.
        const endedChunks = heard.filter((e) => e.type === 'ended' && e.kind === 'chunk');
        expect(endedChunks).toHaveLength(1);
        expect(router.stats()).toMatchObject({
          syncsStarted: 0,
          protocolErrors: 0,
          handlerCrashes: 0,
          syncInProgress: '',
          trackersHeld: 0,
          queueLength: 0,
        });
      }
    }),
    { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
  );
});
