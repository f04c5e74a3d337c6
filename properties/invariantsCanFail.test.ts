import { describe, expect, test } from 'vitest';
import type { AnnouncementShadow, CaseJudge } from '../src/harness/index.js';
import {
  ROUTER_INVARIANTS as INVARIANTS,
  ROUTER_INVARIANT_NAMES,
  ROUTER_STEPS,
  type RouterInvariantName,
  RouterScenario as SyncScenario,
  watchAnnouncements,
} from '../src/harness/index.js';
import { ProtocolError } from '../src/session/ProtocolError.js';
import type { ReceiveQueue } from '../src/session/ReceiveQueue.js';
import type { Router } from '../src/session/Router.js';
import type { RouterCounters } from '../src/session/RouterCounters.js';
import type { RouterEvent } from '../src/session/RouterEvents.js';
import type { SyncChunkGate } from '../src/session/SyncChunkGate.js';
import type { SyncTracker } from '../src/session/SyncTracker.js';

// The fault profiles prove freed, bounded, safety and convergence can fail (selfCheck.test.ts).
// These break the system by hand where no profile does, so no check here is one that cannot fail.

const params = { chunkSize: 2, initialSessions: 3, tickIntervalMs: 1_000, deadlineMs: 20_000 };

/** Every invariant judging each scenario from its start, as a property run has its one invariant judge a case. */
const judges = new WeakMap<SyncScenario, Record<RouterInvariantName, CaseJudge>>();
/** `announced`'s own record of each scenario, for checks that read its disagreements directly. */
const shadows = new WeakMap<SyncScenario, AnnouncementShadow>();

function watched(...args: ConstructorParameters<typeof SyncScenario>): SyncScenario {
  const scenario = new SyncScenario(...args);
  shadows.set(scenario, watchAnnouncements(scenario));
  const all = Object.fromEntries(
    ROUTER_INVARIANT_NAMES.map((name) => [name, INVARIANTS[name].begin(scenario)]),
  ) as Record<RouterInvariantName, CaseJudge>;
  judges.set(scenario, all);
  return scenario;
}

function judgeOf(name: RouterInvariantName, scenario: SyncScenario): CaseJudge {
  const judge = judges.get(scenario)?.[name];
  if (judge === undefined) throw new Error('the scenario was not made by watched()');
  return judge;
}

const afterStep = (name: RouterInvariantName, scenario: SyncScenario) => judgeOf(name, scenario).afterStep?.();
const atQuiescence = (name: RouterInvariantName, scenario: SyncScenario, reached: boolean) =>
  judgeOf(name, scenario).atQuiescence?.(reached);

function drained(): SyncScenario {
  const scenario = watched(params, 'fixed', { watchLifecycle: true });
  expect(scenario.drain()).toBe(true);
  return scenario;
}

describe('each invariant reports the breakage it guards', () => {
  test('freed: a tracker kept alive outside the router is found by the heap-level check', async () => {
    const scenario = watched(params, 'fixed', { watchLifecycle: true });
    const stash: SyncTracker[] = [];
    // Run until the first tracker exists, then keep a reference the router does not know of.
    while (stash.length === 0 && scenario.drainStep() !== undefined) {
      const receiveLoop = (scenario.system.router as unknown as { receiveLoop: { currentTracker(): SyncTracker } })
        .receiveLoop;
      const tracker = receiveLoop.currentTracker();
      if (tracker) stash.push(tracker);
    }
    expect(scenario.drain()).toBe(true);
    expect(afterStep('freed', scenario), 'the router itself released it').toBeUndefined();
    const message = await atQuiescence('freed', scenario, true);
    // The stashed tracker keeps its chunks too: everything it reaches is named.
    expect(message).toMatch(/^3 object\(s\) whose life ended survived collection at quiescence: 2 chunk\(s\)/);
    expect(message).toMatch(/1 tracker\(s\): tracker of sync-\d+, applied/);
    expect(stash).toHaveLength(1);
  });

  test('freed: with nothing kept, the heap-level check passes', async () => {
    const scenario = drained();
    expect(await atQuiescence('freed', scenario, true)).toBeUndefined();
  });

  test('progress: a sync left marked in progress is reported', async () => {
    const scenario = drained();
    expect(await atQuiescence('progress', scenario, true)).toBeUndefined();
    scenario.system.router.state.markSyncInProgress('sync-999999999999');
    expect(await atQuiescence('progress', scenario, true)).toMatch(/still marked in progress/);
  });

  test('progress: work that never runs out is reported as a livelock', async () => {
    const scenario = drained();
    expect(await atQuiescence('progress', scenario, false)).toMatch(/livelock/);
  });

  test('robustness: an exception escaping a handler is reported', () => {
    const scenario = drained();
    // Handlers see only parsed data now, so break one from inside: the cache refuses an update.
    scenario.system.router.state.updateApiSession = () => {
      throw new Error('update exploded');
    };
    ROUTER_STEPS.apply({ op: 'update', pick: 0 }, scenario);
    expect(scenario.drain()).toBe(true);
    expect(afterStep('robustness', scenario)).toMatch(/1 exception\(s\) escaped a handler/);
  });

  /** A drained scenario whose router handles a `null` message as `onNull` says, then a null sent to it. */
  function nullHandledBy(onNull: (router: Router, receive: (message: unknown) => void) => void): SyncScenario {
    const scenario = drained();
    const router = scenario.system.router;
    const receive = router.receive.bind(router);
    router.receive = (message) => (message === null ? onNull(router, receive) : receive(message));
    expect(ROUTER_STEPS.apply({ op: 'hostile', message: { kind: 'null' } }, scenario)).toBe('sent');
    expect(scenario.drain()).toBe(true);
    return scenario;
  }

  test('robustness: a hostile message taken without a typed error is reported', () => {
    const scenario = nullHandledBy(() => undefined);
    expect(afterStep('robustness', scenario)).toMatch(
      /^hostile message null \(message \d+\) got 0 protocol error\(s\) of its own; expected exactly one$/,
    );
  });

  test('robustness: a rejected message that changes the cache is reported', () => {
    const scenario = nullHandledBy((router, receive) => {
      receive(null);
      const victim = router.state.allSessions()[0];
      if (victim !== undefined) router.state.removeApiSession(victim.token);
    });
    expect(afterStep('robustness', scenario)).toMatch(
      /hostile message null \(message \d+\) was rejected \(malformed-envelope\) but changed the cache: removed token-/,
    );
  });

  test('robustness: a rejected message that queues work for the receive loop is reported', () => {
    const scenario = nullHandledBy((router, receive) => {
      receive(null);
      const queue = (router as unknown as { receiveLoop: { queue: ReceiveQueue } }).receiveLoop.queue;
      queue.push({ kind: 'legacy', sessions: [] });
    });
    expect(afterStep('robustness', scenario)).toMatch(
      /was rejected \(malformed-envelope\) but queued 1 request\(s\) for the receive loop/,
    );
  });

  test('robustness: where each message has a task of its own, the check wraps that task', async () => {
    const scenario = watched(params, 'upstream-races');
    expect(scenario.drain()).toBe(true);
    const router = scenario.system.router;
    const receive = router.receive.bind(router);
    // As upstream did before parsing moved into receive: the message is handled later, in a task.
    router.receive = (message) =>
      scenario.runtime.spawn('handle later', () => {
        receive(message);
        const victim = router.state.allSessions()[0];
        if (message === null && victim !== undefined) router.state.removeApiSession(victim.token);
      });
    ROUTER_STEPS.apply({ op: 'hostile', message: { kind: 'null' } }, scenario);
    const deliver = scenario.runtime.runnable().findIndex((work) => work.label.endsWith(' to router'));
    scenario.runtime.runAt(deliver);
    expect(afterStep('robustness', scenario)).toBeUndefined();
    expect(await atQuiescence('robustness', scenario, true)).toMatch(
      /1 hostile or damaged message\(s\) delivered but never handled/,
    );
    expect(scenario.drain()).toBe(true);
    expect(afterStep('robustness', scenario)).toMatch(
      /hostile message null \(message \d+\) was rejected \(malformed-envelope\) but changed the cache: removed token-/,
    );
  });

  test('robustness: malformed input that goes uncounted is reported', async () => {
    const scenario = watched(params, 'fixed');
    ROUTER_STEPS.apply({ op: 'inject', kind: 'malformed-body', pick: 0 }, scenario);
    expect(scenario.drain()).toBe(true);
    expect(await atQuiescence('robustness', scenario, true)).toBeUndefined();
    // Pretend the router had not counted it.
    (scenario.system.router as unknown as { counters: { protocolErrors: number } }).counters.protocolErrors = 0;
    expect(await atQuiescence('robustness', scenario, true)).toMatch(/1 malformed message\(s\) delivered/);
  });
  /** A drained scenario whose first session was ended, its removal handled, then its oldest chunk replayed. */
  function lateChunkAfterRemoval(breakGate: boolean): SyncScenario {
    const scenario = drained();
    if (breakGate) {
      const gate = (scenario.system.router as unknown as { gate: SyncChunkGate }).gate;
      // A gate that takes every chunk as the first of a new sync: replays reach the cache.
      gate.admit = () => ({ kind: 'first-chunk' });
    }
    ROUTER_STEPS.apply({ op: 'end', pick: 0 }, scenario);
    expect(scenario.drain()).toBe(true);
    expect(ROUTER_STEPS.apply({ op: 'inject', kind: 'late-chunk', pick: 0 }, scenario)).toBe('injected late-chunk');
    expect(scenario.drain()).toBe(true);
    return scenario;
  }

  test('final: a replayed chunk that brings back an ended session is reported; the gate refuses it', () => {
    expect(afterStep('final', lateChunkAfterRemoval(false))).toBeUndefined();
    expect(afterStep('final', lateChunkAfterRemoval(true))).toMatch(
      /^token-1 \(as-000000000001\) added at t=\d+ ms, after its removal reached the router \(entry \d+\)$/,
    );
  });

  /** The router's counters, to break by hand. */
  const countersOf = (scenario: SyncScenario) =>
    (scenario.system.router as unknown as { counters: RouterCounters }).counters;

  test('ledger: a counter that goes down is reported', () => {
    const scenario = drained();
    expect(afterStep('ledger', scenario)).toBeUndefined();
    countersOf(scenario).syncsApplied--;
    expect(afterStep('ledger', scenario)).toBe('syncsApplied went down from 1 to 0');
  });

  test("ledger: the channel's dropped count going down is reported", () => {
    const scenario = drained();
    ROUTER_STEPS.apply({ op: 'close' }, scenario);
    expect(afterStep('ledger', scenario)).toBeUndefined();
    const channel = scenario.system.channel as unknown as { dropped: number };
    const before = channel.dropped;
    channel.dropped = before - 1;
    expect(afterStep('ledger', scenario)).toBe(`the channel's dropped count went down from ${before} to ${before - 1}`);
  });

  test('ledger: a protocol error no adversarial message explains is reported', () => {
    const scenario = drained();
    countersOf(scenario).recordProtocolError(new ProtocolError('duplicate-chunk', 'made up', 1));
    expect(afterStep('ledger', scenario)).toBe(
      "1 protocol error(s) from 0 adversarial message(s): the controller's own messages are well-formed",
    );
  });

  test('ledger: a message the channel neither delivered, dropped nor holds is reported', () => {
    const scenario = drained();
    expect(afterStep('ledger', scenario)).toBeUndefined();
    const channel = scenario.system.channel as unknown as { accepted: number };
    // As if one more message had been taken and then lost without a count.
    channel.accepted++;
    expect(afterStep('ledger', scenario)).toMatch(
      /^the channel took \d+ message\(s\) but accounts for \d+ delivered \+ 0 dropped \+ 0 in flight$/,
    );
  });

  test('ledger: a protocol error counted under a code the router does not have is reported', () => {
    const run = (misspell: boolean): string | undefined => {
      const scenario = watched(params, 'fixed');
      const counters = countersOf(scenario);
      const record = counters.recordProtocolError.bind(counters);
      // A router whose parser names an error by a code no list has.
      if (misspell) {
        counters.recordProtocolError = (error) =>
          record(new ProtocolError('unknown content type' as ProtocolError['code'], error.detail, 1));
      }
      ROUTER_STEPS.apply({ op: 'inject', kind: 'unknown-content-type', pick: 0 }, scenario);
      expect(scenario.drain()).toBe(true);
      return afterStep('ledger', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toBe(
      'protocol errors were counted under "unknown content type", which is none of the router\'s codes',
    );
  });

  test('ledger: a counter that disagrees with the events the router reported is reported', () => {
    const scenario = drained();
    countersOf(scenario).syncsStarted++;
    expect(afterStep('ledger', scenario)).toBe('syncsStarted is 2, but the router reported 1 such event(s)');
  });

  test('sorted: a chunk judged other than what it is is reported', () => {
    const clean = watched(params, 'fixed');
    expect(clean.drain()).toBe(true);
    expect(afterStep('sorted', clean)).toBeUndefined();
    const scenario = watched(params, 'fixed');
    const gate = (scenario.system.router as unknown as { gate: SyncChunkGate }).gate;
    // A gate that places every chunk in an older sync, yet still takes them.
    gate.relationOf = () => 'older';
    expect(scenario.drain()).toBe(true);
    expect(afterStep('sorted', scenario)).toMatch(
      /^a controller chunk of sync-000000000001 \(older to the gate\) was judged first, not stale \(entry \d+\)$/,
    );
  });

  test('sorted: a chunk past the last, taken as a next chunk, is reported', () => {
    const run = (blind: boolean): string | undefined => {
      const scenario = watched({ ...params, chunkSize: 1, initialSessions: 0 }, 'fixed');
      if (blind) {
        const gate = (scenario.system.router as unknown as { gate: SyncChunkGate }).gate;
        const admit = gate.admit.bind(gate);
        // A gate blind to a sync's end: a chunk past the last goes in as the next one.
        gate.admit = (state) => {
          const verdict = admit(state);
          return verdict.kind === 'error' && verdict.code === 'chunk-after-last' ? { kind: 'next-chunk' } : verdict;
        };
      }
      // Send and deliver sync-1's only chunk (the last), then a chunk past it.
      ROUTER_STEPS.apply({ op: 'run', pick: 0 }, scenario);
      ROUTER_STEPS.apply({ op: 'run', pick: 0 }, scenario);
      ROUTER_STEPS.apply({ op: 'inject', kind: 'chunk-past-last', pick: 0 }, scenario);
      ROUTER_STEPS.apply({ op: 'run', pick: 1 }, scenario);
      return afterStep('sorted', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(
      /^a chunk-past-last chunk of sync-000000000001 \(current to the gate\) was judged next, not past-last \(entry \d+\)$/,
    );
  });

  test('prompt: a sync applied by its tick after a chunk broke it is reported', () => {
    const steps = [
      { op: 'run', pick: 0 },
      { op: 'run', pick: 0 },
      { op: 'run', pick: 0 },
      { op: 'advance', ms: 1_000 },
      { op: 'inject', kind: 'second-last-chunk', pick: 0 },
      { op: 'run', pick: 0 },
      { op: 'run', pick: 7 },
    ] as const;
    const run = (blind: boolean): string | undefined => {
      const scenario = watched({ ...params, chunkSize: 1, initialSessions: 0 }, 'fixed');
      // As before the fix: a tick never asks whether a chunk broke its sync.
      if (blind) {
        const { receiveLoop } = scenario.system.router as unknown as { receiveLoop: { failIfBroken(): boolean } };
        receiveLoop.failIfBroken = () => false;
      }
      for (const step of steps) ROUTER_STEPS.apply(step, scenario);
      return afterStep('prompt', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(/^sync sync-000000000001 was applied \(entry \d+\) after a second-last chunk broke it/);
  });

  /** A router that keeps some of its announcements to itself, from the start of the case. */
  const withholding = (withheld: (event: RouterEvent) => boolean): SyncScenario => {
    const scenario = watched(params, 'fixed');
    const { events } = scenario.system.router;
    const emit = events.emit.bind(events);
    events.emit = (event) => {
      if (!withheld(event)) emit(event);
    };
    return scenario;
  };

  test.each([
    [
      'a cache change',
      (e: RouterEvent) => e.type === 'effect' && e.effect === 'cache',
      /^the cache changed 2 time\(s\), the router announced 0 \(entry \d+\)$/,
    ],
    [
      'a sync flag change',
      (e: RouterEvent) => e.type === 'effect' && e.effect === 'sync flag',
      /^the sync flag reads "sync-000000000001", "" where its last change was announced/,
    ],
    [
      'a tracker released',
      (e: RouterEvent) => e.type === 'effect' && e.effect === 'tracker released',
      /^the handler holds the tracker of no sync, that of sync-000000000001 at the last announced start or release/,
    ],
    [
      'who acts',
      (e: RouterEvent) => e.type === 'tracker-acts',
      /^sync sync-000000000001 was applied outside its tracker's tick or deadline/,
    ],
    [
      "a timer's end",
      (e: RouterEvent) => e.type === 'ended' && e.kind === 'timer',
      /^\d+ timer\(s\) fired or were cancelled, the router announced the end of 0/,
    ],
    [
      "a tracker's end",
      (e: RouterEvent) => e.type === 'ended' && e.kind === 'tracker',
      /^1 tracker\(s\) started and 0 announced ended, but the handler holds 0/,
    ],
    [
      "the end of a tracker's action",
      (e: RouterEvent) => e.type === 'tracker-acts' && e.phase === 'end',
      /^a tracker's action on its tick or deadline never announced its end/,
    ],
  ] as const)('announced: %s the router keeps to itself is reported', (_what, withheld, expected) => {
    const clean = watched(params, 'fixed');
    expect(clean.drain()).toBe(true);
    expect(afterStep('announced', clean)).toBeUndefined();
    const scenario = withholding(withheld);
    let found: string | undefined;
    // Checked after every action, as a property does, so the first disagreement is the one reported.
    for (let entry = 0; found === undefined; entry++) {
      scenario.beginEntry(entry);
      if (scenario.drainStep() === undefined) break;
      found = afterStep('announced', scenario);
    }
    expect(found).toMatch(expected);
  });

  test('announced: a close, and a session removed, whose news the router keeps to itself are reported', () => {
    const closed = withholding((e) => e.type === 'closed');
    expect(closed.drain()).toBe(true);
    ROUTER_STEPS.apply({ op: 'close' }, closed);
    expect(afterStep('announced', closed)).toMatch(
      /^the channel closed 1 time\(s\), the router announced 0 close\(s\)/,
    );

    const removed = withholding((e) => e.type === 'ended' && e.kind === 'session');
    expect(removed.drain()).toBe(true);
    expect(afterStep('announced', removed)).toBeUndefined();
    removed.system.router.state.removeApiSession('token-1');
    expect(afterStep('announced', removed)).toMatch(/^session token-1 was removed, but its end was not announced/);
  });

  test('announced: a deadline failure that names no missing chunk is reported', () => {
    const run = (forget: boolean): string | undefined => {
      const scenario = watched({ ...params, chunkSize: 1, initialSessions: 2 }, 'fixed');
      const { events } = scenario.system.router;
      const emit = events.emit.bind(events);
      // As a tracker that lists none of its missing chunks would announce its failure.
      events.emit = (event) => emit(forget && event.type === 'sync-failed' ? { ...event, missing: [] } : event);
      // Chunk 1 of sync 1 is lost on the way: the sync misses its deadline with it missing.
      for (let entry = 0; entry < 200; entry++) {
        scenario.beginEntry(entry);
        const lost = String(ROUTER_STEPS.apply({ op: 'lose', pick: 0 }, scenario));
        if (lost.startsWith('lost')) break;
        ROUTER_STEPS.apply({ op: 'run', pick: 0 }, scenario);
      }
      expect(scenario.drain()).toBe(true);
      return shadows.get(scenario)?.disagreements[0];
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(
      /^sync sync-000000000001 failed for its deadline incomplete, naming chunk\(s\) \[\] missing/,
    );
  });

  test('ledger: stats() that disagree with the handler, or a count below zero, are reported', () => {
    const scenario = drained();
    expect(afterStep('ledger', scenario)).toBeUndefined();
    const { router } = scenario.system;
    const stats = router.stats.bind(router);
    router.stats = () => ({ ...stats(), trackersHeld: 1, heldTrackerSyncId: 'sync-000000000001' });
    expect(afterStep('ledger', scenario)).toBe(
      'stats() says 1 tracker(s) held (sync-000000000001), but the handler holds none',
    );
    router.stats = () => ({ ...stats(), postSyncEntriesBuffered: -1 });
    expect(afterStep('ledger', scenario)).toBe('postSyncEntriesBuffered reads -1, not a count');
  });

  test('announced: a tracker serial that does not count up, a sync that ends twice and a flag change that changes nothing are reported', () => {
    const run = (rewrite: (event: RouterEvent) => RouterEvent | undefined): string | undefined => {
      const scenario = watched(params, 'fixed');
      const { events } = scenario.system.router;
      const emit = events.emit.bind(events);
      events.emit = (event) => {
        emit(event);
        const extra = rewrite(event);
        if (extra !== undefined) emit(extra);
      };
      expect(scenario.drain()).toBe(true);
      ROUTER_STEPS.apply({ op: 'resync' }, scenario);
      expect(scenario.drain()).toBe(true);
      return shadows.get(scenario)?.disagreements[0];
    };
    expect(run(() => undefined)).toBeUndefined();
    // A second announcement of each start, with the first tracker's serial.
    expect(run((e) => (e.type === 'sync-started' ? { ...e, serial: 1 } : undefined))).toMatch(
      /^the tracker of sync-000000000001 started with serial 1, after serial 1/,
    );
    expect(run((e) => (e.type === 'sync-applied' ? { ...e } : undefined))).toMatch(
      /^sync sync-000000000001 applied, though it had applied already/,
    );
    expect(run((e) => (e.type === 'effect' && e.effect === 'sync flag' ? e : undefined))).toMatch(
      /^a sync flag change was announced, but the flag still reads "sync-000000000001"/,
    );
  });

  test('announced: chunks whose end the router keeps to itself are reported once the work runs out', async () => {
    const clean = watched(params, 'fixed');
    expect(clean.drain()).toBe(true);
    expect(await atQuiescence('announced', clean, true)).toBeUndefined();
    const scenario = withholding((e) => e.type === 'ended' && e.kind === 'chunk');
    expect(scenario.drain()).toBe(true);
    expect(await atQuiescence('announced', scenario, true)).toMatch(
      /^2 chunk\(s\) judged, but 0 announced ended once the work ran out/,
    );
  });

  test('justified: a sync failed for a replayed chunk is reported', () => {
    const run = (poisonDuplicates: boolean): string | undefined => {
      const scenario = watched({ ...params, chunkSize: 1, initialSessions: 2 }, 'fixed');
      const gate = (scenario.system.router as unknown as { gate: SyncChunkGate }).gate;
      const admit = gate.admit.bind(gate);
      // A gate that ends a sync for a duplicate, as if the replay had broken it.
      if (poisonDuplicates) {
        gate.admit = (state) => {
          const verdict = admit(state);
          return verdict.kind === 'error' && verdict.code === 'duplicate-chunk'
            ? { ...verdict, poisons: true }
            : verdict;
        };
      }
      for (let entry = 0; scenario.system.router.heldTracker()?.state !== 'collecting' && entry < 50; entry++) {
        scenario.beginEntry(entry);
        ROUTER_STEPS.apply({ op: 'run', pick: 0 }, scenario);
      }
      ROUTER_STEPS.apply({ op: 'inject', kind: 'duplicate-chunk', pick: 0 }, scenario);
      expect(scenario.drain()).toBe(true);
      return afterStep('justified', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(
      /failed \(broken-chunk\) without cause: no broken chunk reached the router on this connection \(a replayed chunk breaks nothing\)/,
    );
  });

  test('announced: post-sync data whose end the router keeps to itself is reported once the work runs out', async () => {
    const run = async (withheld: boolean): Promise<string | undefined> => {
      const scenario = withholding((e) => withheld && e.type === 'ended' && e.kind === 'post-sync batch');
      for (let entry = 0; scenario.system.router.state.syncInProgressId() === '' && entry < 50; entry++) {
        scenario.beginEntry(entry);
        ROUTER_STEPS.apply({ op: 'run', pick: 0 }, scenario);
      }
      // A live add that reaches the router while the sync is in progress: kept as post-sync data.
      ROUTER_STEPS.apply({ op: 'create', count: 1 }, scenario);
      expect(scenario.drain()).toBe(true);
      return atQuiescence('announced', scenario, true);
    };
    expect(await run(false)).toBeUndefined();
    expect(await run(true)).toMatch(
      /^1 live add\(s\) arrived during a sync, but 0 post-sync batch\(es\) were announced ended/,
    );
  });

  test('announced: a removal listener the router forgets, or keeps past its session, is reported', () => {
    const run = (broken: 'forgets' | 'keeps' | undefined): string | undefined => {
      const scenario = drained();
      const { state } = scenario.system.router;
      if (broken === 'forgets') state.addApiSessionRemovedListener = () => () => undefined;
      if (broken === 'keeps') state.removedListenerCount = () => 1;
      ROUTER_STEPS.apply({ op: 'listen', pick: 0 }, scenario);
      state.removeApiSession('token-1');
      return scenario.removalListeners.check();
    };
    expect(run(undefined)).toBeUndefined();
    expect(run('forgets')).toBe('token-1 left the cache, but a listener on its removal was not told');
    expect(run('keeps')).toBe('the router holds 1 removal listener(s), but 0 listen on cached sessions');
  });

  /**
   * A restart while the router collects sync-000000000001 (one of its two chunks in), then the
   * drain; `breakRouter` first breaks what a close must reset.
   */
  function restartedWhileCollecting(breakRouter?: (router: Router) => void): SyncScenario {
    const scenario = watched(params, 'fixed');
    const { router } = scenario.system;
    while (router.heldTracker()?.state !== 'collecting' && scenario.drainStep() !== undefined) {}
    expect(router.heldTracker()).toEqual({ syncId: 'sync-000000000001', state: 'collecting' });
    breakRouter?.(router);
    expect(ROUTER_STEPS.apply({ op: 'restart', lost: 0 }, scenario)).toMatch(/^closed, restarted as life 1/);
    scenario.drain();
    return scenario;
  }

  const internals = (router: Router) =>
    router as unknown as { gate: SyncChunkGate; receiveLoop: { queue: ReceiveQueue; abort(): void } };

  test('unstalled: a tracker kept across a restart, which the new sync sorts below, is reported', () => {
    expect(afterStep('unstalled', restartedWhileCollecting())).toBeUndefined();
    // A close that stops the queue but keeps the tracker and what the gate knew.
    const scenario = restartedWhileCollecting((router) => {
      const loop = internals(router).receiveLoop;
      loop.abort = () => loop.queue.stop();
    });
    expect(afterStep('unstalled', scenario)).toMatch(
      /^chunk 0 of sync-\.998\.000000000001 \(after restart 1\) reached the router at t=0 ms while it still collected sync-000000000001 from before the restart, which sorts above it/,
    );
  });

  test('heard: a gate that keeps the old sync id across a restart, and ignores the new sync, is reported', () => {
    expect(afterStep('heard', restartedWhileCollecting())).toBeUndefined();
    const scenario = restartedWhileCollecting((router) => {
      internals(router).gate.reset = () => undefined;
    });
    expect(afterStep('heard', scenario)).toMatch(
      /^a chunk of sync-\.998\.000000000001, the restarted controller's newest sync, was ignored as older at t=0 ms/,
    );
  });

  test('forgotten: a session the restart lost, still cached after the new sync is applied, is reported', () => {
    const run = (broken: boolean): string | undefined => {
      const scenario = drained();
      // A sync that removes nothing keeps what the restarted controller no longer has.
      if (broken) scenario.system.router.state.removeMissingApiSessions = () => 0;
      ROUTER_STEPS.apply({ op: 'restart', lost: 1 }, scenario);
      expect(scenario.drain()).toBe(true);
      return afterStep('forgotten', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(
      /^token-3 \(as-000000000003\), which the controller no longer had after restart 1, is still cached after sync-\.998\.000000000001 of the restarted controller was applied/,
    );
  });
});

describe('the promises of time, of every apply and of the footprint, broken by hand', () => {
  /** Drives `scenario` one action at a time toward quiescence, as a property does; the first breach of `name`. */
  function firstBreach(name: RouterInvariantName, scenario: SyncScenario, entries = 400): string | undefined {
    for (let entry = 0; entry < entries; entry++) {
      scenario.beginEntry(entry);
      if (scenario.drainStep() === undefined) return undefined;
      const found = afterStep(name, scenario);
      if (found !== undefined) return found;
    }
    return undefined;
  }

  /** A sync of two chunks whose second is lost on the way: it can only end by its deadline. */
  function chunkLost(scenario: SyncScenario): void {
    for (let entry = 0; entry < 200; entry++) {
      scenario.beginEntry(entry);
      const lost = String(ROUTER_STEPS.apply({ op: 'lose', pick: 0 }, scenario));
      if (lost.startsWith('lost')) return;
      ROUTER_STEPS.apply({ op: 'run', pick: 0 }, scenario);
    }
  }

  test('timely: a tracker that arms its deadline late is reported once the deadline plus a tick has passed', () => {
    const run = (late: boolean): string | undefined => {
      const scenario = watched({ ...params, chunkSize: 1, initialSessions: 2 }, 'fixed');
      if (late) {
        const { runtime } = scenario;
        const setTimer = runtime.setTimer.bind(runtime);
        runtime.setTimer = (label, delayMs, callback) =>
          setTimer(label, label.startsWith('deadline ') ? delayMs + 30_000 : delayMs, callback);
      }
      chunkLost(scenario);
      return firstBreach('timely', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(
      /^sync sync-000000000001 began at t=\d+ ms and is still open at t=\d+ ms, past its deadline plus a tick \(t=\d+ ms\), with no timer due by then left to end it$/,
    );
  });

  test('resynced: a failure whose resync is asked for later, in a task of its own, is reported', () => {
    const run = (deferred: boolean): string | undefined => {
      const scenario = watched({ ...params, chunkSize: 1, initialSessions: 2 }, 'fixed');
      if (deferred) {
        const router = scenario.system.router as unknown as { requestResync(reason: string): void };
        const requestResync = router.requestResync.bind(router);
        router.requestResync = (reason) => scenario.runtime.spawn('resync later', () => requestResync(reason));
      }
      chunkLost(scenario);
      return firstBreach('resynced', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(
      /^1 sync\(s\) failed in this action \(sync-000000000001 \(deadline\)\) but 0 resync\(s\) were asked for \(entry \d+\)$/,
    );
  });

  test('applied: a sync applied without a session the controller still has is reported', () => {
    const run = (dropOne: boolean): string | undefined => {
      const scenario = watched(params, 'fixed');
      const { state } = scenario.system.router;
      if (dropOne) {
        // A cache that forgets one session as the sync is applied, as a lost post-sync add would.
        const add = state.addApiSession.bind(state);
        state.addApiSession = (session) => {
          if (session.token !== 'token-2') add(session);
        };
      }
      return firstBreach('applied', scenario);
    };
    expect(run(false)).toBeUndefined();
    expect(run(true)).toMatch(
      /^sync sync-000000000001 was applied \(entry \d+\) without 1 session\(s\) the router was told of and the controller still has: token-2$/,
    );
  });

  test('footprint: a record of every finished sync, never pruned, is reported by its path from the router', async () => {
    const run = async (keepRecords: boolean): Promise<string | undefined> => {
      const scenario = watched(params, 'fixed');
      if (keepRecords) {
        const finished = new Map<string, number>();
        Object.assign(scenario.system.router, { finishedSyncs: finished });
        scenario.system.router.events.subscribe((event) => {
          if (event.type === 'sync-applied') finished.set(event.syncId, event.sessions);
        });
      }
      expect(scenario.drain()).toBe(true);
      return atQuiescence('footprint', scenario, true);
    };
    expect(await run(false)).toBeUndefined();
    expect(await run(true)).toMatch(
      /^over 4 rounds of syncs with the live set unchanged, 1 collection\(s\) the router keeps grew every time: Router\.finishedSyncs \(1 → 2 → 3 → 4 → 5\)$/,
    );
  });
});
