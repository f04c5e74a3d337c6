import { describe, expect, it } from 'vitest';
import { FAULT_PROFILES } from '../../../src/faults.js';
import { collectGarbage } from '../../../src/harness/index.js';
import { VirtualRuntime } from '../../../src/runtime/VirtualRuntime.js';
import { RouterEvents } from '../../../src/session/RouterEvents.js';
import { DEFAULT_SYNC_TIMING, SyncTracker } from '../../../src/session/SyncTracker.js';
import { TrackerRegistry } from '../../../src/session/TrackerRegistry.js';
import { sessions } from '../../support/routerFixture.js';

const runtime = new VirtualRuntime();
const context = {
  runtime,
  timing: DEFAULT_SYNC_TIMING,
  faults: FAULT_PROFILES.fixed,
  events: new RouterEvents(),
  callbacks: { onComplete: () => {}, onDeadline: () => {} },
};

describe('TrackerRegistry', () => {
  it('lists live trackers as plain data and does not keep them alive', async () => {
    const registry = new TrackerRegistry();
    let kept: SyncTracker | undefined = new SyncTracker('sync-1', 1, context);
    kept.addChunk(0, true, sessions(1, 3));
    kept.addPostSync(sessions(4, 5));
    registry.register(kept, registry.nextSerial());
    // Never started: no timer holds it, only this function's variables do.
    registry.register(new SyncTracker('sync-2', 2, context), registry.nextSerial());
    await collectGarbage();
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
    await collectGarbage();
    expect(registry.size()).toBe(0);
  });
});
