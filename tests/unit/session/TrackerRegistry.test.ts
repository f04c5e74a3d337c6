import { describe, expect, it } from 'vitest';
import { VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';
import { DEFAULT_SYNC_TIMING, SyncTracker } from '../../../src/session/SyncTracker.js';
import { TrackerRegistry } from '../../../src/session/TrackerRegistry.js';
import { collectGarbageOrFail, sessions } from '../../support/routerFixture.js';

const noEvents = { onComplete: () => {}, onDeadline: () => {} };

describe('TrackerRegistry', () => {
  it('lists live trackers as plain data and does not keep them alive', async () => {
    const registry = new TrackerRegistry();
    const runtime = new VirtualRuntime();
    let kept: SyncTracker | undefined = new SyncTracker('sync-1', runtime, DEFAULT_SYNC_TIMING, noEvents);
    kept.addChunk(0, true, sessions(1, 3));
    kept.addPostSync(sessions(4, 5));
    registry.register(kept);
    // Never started: no timer holds it, only this function's variables do.
    registry.register(new SyncTracker('sync-2', runtime, DEFAULT_SYNC_TIMING, noEvents));
    await collectGarbageOrFail();
    expect(registry.list()).toEqual([
      {
        serial: 1,
        syncId: 'sync-1',
        state: 'collecting',
        startedAt: 0,
        endedAt: undefined,
        chunks: 1,
        chunkSessions: 3,
        postSyncSessions: 2,
      },
    ]);
    kept = undefined;
    await collectGarbageOrFail();
    expect(registry.size()).toBe(0);
  });
});
