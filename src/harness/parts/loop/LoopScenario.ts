import { FAULT_PROFILES } from '../../../faults.js';
import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import type { ApiSession } from '../../../session/messages.js';
import { RouterCounters } from '../../../session/RouterCounters.js';
import { type RouterEvent, RouterEvents } from '../../../session/RouterEvents.js';
import { StateManager } from '../../../session/StateManager.js';
import { SyncChunkGate } from '../../../session/SyncChunkGate.js';
import { SyncReceiveLoop } from '../../../session/SyncReceiveLoop.js';
import { DEFAULT_SYNC_TIMING } from '../../../session/SyncTracker.js';
import { TrackerRegistry } from '../../../session/TrackerRegistry.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { ANNOUNCED_TYPES, LoopModel } from './LoopModel.js';

/**
 * The receive loop with a real cache, gate and registry behind it, beside its model, and
 * what it announced. The clock never moves: syncs end only by failure or close.
 */
export class LoopScenario extends PartScenario {
  readonly runtime = new VirtualRuntime();
  readonly events = new RouterEvents();
  /** Announcements the model writes out, in order. */
  readonly heard: RouterEvent[] = [];
  /** Chunk arrays announced ended, in order. */
  readonly endedChunks: object[] = [];
  trackersEnded = 0;
  released = 0;
  /** Every chunk's sessions array pushed. */
  readonly pushed: object[] = [];
  readonly counters = new RouterCounters();
  readonly resyncs: string[] = [];
  readonly loop: SyncReceiveLoop;
  readonly model = new LoopModel();
  private serial = 0;

  constructor() {
    super();
    this.events.subscribe((event) => {
      if (ANNOUNCED_TYPES.includes(event.type)) this.heard.push(event);
      if (event.type === 'ended' && event.kind === 'chunk') this.endedChunks.push(event.object);
      if (event.type === 'ended' && event.kind === 'tracker') this.trackersEnded++;
      if (event.type === 'effect' && event.effect === 'tracker released') this.released++;
    });
    this.loop = new SyncReceiveLoop({
      runtime: this.runtime,
      faults: FAULT_PROFILES.fixed,
      timing: DEFAULT_SYNC_TIMING,
      queueCapacity: 100,
      state: new StateManager(FAULT_PROFILES.fixed, this.events),
      gate: new SyncChunkGate(),
      counters: this.counters,
      registry: new TrackerRegistry(),
      events: this.events,
      requestResync: (reason) => this.resyncs.push(reason),
    });
  }

  sessionsOf(): ApiSession[] {
    this.serial++;
    return [{ id: `as-${this.serial}`, token: `token-${this.serial}`, identityId: 'identity-1', certFingerprints: [] }];
  }

  /** The loop's own tasks run; no tick or deadline does, the clock stays put. */
  runLoop(): void {
    this.runtime.runRunnable();
  }

  state(): TraceState {
    const tracker = this.loop.currentTracker();
    return {
      tracker: tracker === undefined ? '-' : `${tracker.syncId} ${tracker.state}`,
      chunks: tracker?.chunkCount() ?? 0,
      stale: this.counters.staleChunksIgnored,
    };
  }
}
