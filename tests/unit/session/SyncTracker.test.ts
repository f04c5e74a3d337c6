import { describe, expect, it } from 'vitest';
import { FAULT_PROFILES } from '../../../src/faults.js';
import { VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';
import { RouterEvents } from '../../../src/session/RouterEvents.js';
import { SyncTracker } from '../../../src/session/SyncTracker.js';
import { session, sessions } from '../../support/routerFixture.js';

function trackerOnVirtualTime() {
  const runtime = new VirtualRuntime();
  const events: string[] = [];
  const tracker = new SyncTracker('sync-1', 1, {
    runtime,
    timing: { tickIntervalMs: 1000, deadlineMs: 20_000 },
    faults: FAULT_PROFILES.fixed,
    events: new RouterEvents(),
    callbacks: {
      onComplete: (t) => {
        events.push(`complete@${runtime.now()}`);
        t.markApplied();
      },
      onDeadline: (t) => {
        events.push(`deadline@${runtime.now()}`);
        t.markFailed();
      },
    },
  });
  tracker.start();
  return { runtime, tracker, events };
}

describe('SyncTracker', () => {
  it('completes on the first tick after every chunk is in, whatever order they came in', () => {
    const { runtime, tracker, events } = trackerOnVirtualTime();
    expect(tracker.addChunk(1, true, [session(2)])).toBe(true);
    runtime.runUntilIdle({ untilTime: 2500 });
    expect(events).toEqual([]);
    expect(tracker.hasLast()).toBe(true);
    expect(tracker.hasAll()).toBe(false);
    tracker.addChunk(0, false, [session(1)]);
    tracker.addPostSync([session(3)]);
    expect(tracker.all().map((s) => s.id)).toEqual([session(1).id, session(2).id, session(3).id]);
    runtime.runUntilIdle({ untilTime: 60_000 });
    expect(events).toEqual(['complete@3000']);
    expect(tracker.state).toBe('applied');
    expect(tracker.endedAt).toBe(3000);
    // Applying cancelled the deadline: nothing left to run.
    expect(runtime.isIdle()).toBe(true);
  });

  it('keeps the first copy of a sequence', () => {
    const { tracker } = trackerOnVirtualTime();
    expect(tracker.addChunk(0, false, sessions(1, 2))).toBe(true);
    expect(tracker.addChunk(0, false, sessions(3, 9))).toBe(false);
    expect(tracker.chunkSessionCount()).toBe(2);
  });

  it('fails at its deadline when a chunk never comes, and drops its data', () => {
    const { runtime, tracker, events } = trackerOnVirtualTime();
    tracker.addChunk(0, false, sessions(1, 100));
    tracker.addPostSync([session(101)]);
    runtime.runUntilIdle({ untilTime: 60_000 });
    expect(events).toEqual(['deadline@20000']);
    expect(tracker.state).toBe('failed');
    expect(tracker.chunkCount()).toBe(0);
    expect(tracker.postSyncCount()).toBe(0);
    expect(runtime.isIdle()).toBe(true);
  });

  it('stop ends the loop and drops the chunks, but an ended tracker keeps its state', () => {
    const { runtime, tracker } = trackerOnVirtualTime();
    tracker.addChunk(0, true, sessions(1, 3));
    tracker.stop();
    expect(tracker.state).toBe('stopped');
    expect(tracker.chunkCount()).toBe(0);
    expect(runtime.isIdle()).toBe(true);
    tracker.markFailed();
    tracker.stop();
    expect(tracker.state).toBe('failed');
  });
});
