import { describe, expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { SyncScenario } from '../src/harness/model/SyncScenario.js';
import type { SyncTracker } from '../src/session/SyncTracker.js';

// The fault profiles prove freed, bounded, safety and convergence can fail (selfCheck.test.ts).
// These break the system by hand where no profile does, so no check here is one that cannot fail.

const params = { chunkSize: 2, initialSessions: 3, tickIntervalMs: 1_000, deadlineMs: 20_000 };

function drained(): SyncScenario {
  const scenario = new SyncScenario(params, 'fixed');
  expect(scenario.drain()).toBe(true);
  return scenario;
}

describe('each invariant reports the breakage it guards', () => {
  test('freed: a tracker kept alive outside the router is found by the heap-level check', async () => {
    const scenario = new SyncScenario(params, 'fixed');
    const stash: SyncTracker[] = [];
    // Run until the first tracker exists, then keep a reference the router does not know of.
    while (stash.length === 0 && scenario.drainStep() !== undefined) {
      const receiveLoop = (scenario.system.router as unknown as { receiveLoop: { currentTracker(): SyncTracker } })
        .receiveLoop;
      const tracker = receiveLoop.currentTracker();
      if (tracker) stash.push(tracker);
    }
    expect(scenario.drain()).toBe(true);
    expect(INVARIANTS.freed.afterStep?.(scenario), 'the router itself released it').toBeUndefined();
    const message = await INVARIANTS.freed.atQuiescence?.(scenario, true);
    expect(message).toMatch(/1 tracker\(s\) survived gc\(\) at quiescence: sync-\d+ \(applied/);
    expect(stash).toHaveLength(1);
  });

  test('freed: with nothing kept, the heap-level check passes', async () => {
    const scenario = drained();
    expect(await INVARIANTS.freed.atQuiescence?.(scenario, true)).toBeUndefined();
  });

  test('progress: a sync left marked in progress is reported', async () => {
    const scenario = drained();
    expect(await INVARIANTS.progress.atQuiescence?.(scenario, true)).toBeUndefined();
    scenario.system.router.state.markSyncInProgress('sync-999999999999');
    expect(await INVARIANTS.progress.atQuiescence?.(scenario, true)).toMatch(/still marked in progress/);
  });

  test('progress: work that never runs out is reported as a livelock', async () => {
    const scenario = drained();
    expect(await INVARIANTS.progress.atQuiescence?.(scenario, false)).toMatch(/livelock/);
  });

  test('robustness: an exception escaping a handler is reported', () => {
    const scenario = drained();
    // Handlers see only parsed data now, so break one from inside: the cache refuses an update.
    scenario.system.router.state.updateApiSession = () => {
      throw new Error('update exploded');
    };
    scenario.apply({ op: 'update', pick: 0 });
    expect(scenario.drain()).toBe(true);
    expect(INVARIANTS.robustness.afterStep?.(scenario)).toMatch(/1 exception\(s\) escaped a handler/);
  });

  test('robustness: malformed input that goes uncounted is reported', async () => {
    const scenario = new SyncScenario(params, 'fixed');
    scenario.apply({ op: 'inject', kind: 'malformed-body', pick: 0 });
    expect(scenario.drain()).toBe(true);
    expect(await INVARIANTS.robustness.atQuiescence?.(scenario, true)).toBeUndefined();
    // Pretend the router had not counted it.
    (scenario.system.router as unknown as { counters: { protocolErrors: number } }).counters.protocolErrors = 0;
    expect(await INVARIANTS.robustness.atQuiescence?.(scenario, true)).toMatch(/1 malformed message\(s\) delivered/);
  });
});
