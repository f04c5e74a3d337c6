import { expect, test } from 'vitest';
import { FAULT_PROFILES } from '../src/faults.js';
import { collectGarbage, runsFromEnvironment, trackerSystem } from '../src/harness/index.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import { RouterEvents } from '../src/session/RouterEvents.js';
import { DEFAULT_SYNC_TIMING, SyncTracker } from '../src/session/SyncTracker.js';
import { TrackerRegistry } from '../src/session/TrackerRegistry.js';
import { assertPropertyHolds } from './support/assertPropertyHolds.js';

test(`tracker: ${trackerSystem.invariants.model?.promise}`, async () => {
  const result = await assertPropertyHolds(trackerSystem, 'model', 'fixed', 5 * runsFromEnvironment());
  expect(result.runsExecuted).toBe(result.runsRequested);
});

test("tracker: a router built without timing waits as upstream's does, a tick a second and 20 s for a sync", () => {
  expect(DEFAULT_SYNC_TIMING).toEqual({ tickIntervalMs: 1_000, deadlineMs: 20_000 });
});

test('tracker registry: a collected tracker leaves the list, a live one stays, and serials only grow', async () => {
  const runtime = new VirtualRuntime();
  const context = {
    runtime,
    timing: DEFAULT_SYNC_TIMING,
    faults: FAULT_PROFILES.fixed,
    events: new RouterEvents(),
    callbacks: { onComplete: () => undefined, onDeadline: () => undefined },
  };
  const registry = new TrackerRegistry();
  const kept = new SyncTracker('sync-2', 2, context);
  registry.register(kept, 2);
  // Registered out of order: the next serial stays above every one seen.
  (() => registry.register(new SyncTracker('sync-1', 1, context), 1))();
  expect(registry.nextSerial()).toBe(3);
  await collectGarbage();
  expect(registry.list().map((info) => info.serial)).toEqual([2]);
  expect(registry.size()).toBe(1);
  expect(kept.syncId).toBe('sync-2');
});
