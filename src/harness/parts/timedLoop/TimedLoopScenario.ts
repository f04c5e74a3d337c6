import { FAULT_PROFILES, type FaultFlags } from '../../../faults.js';
import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import type { ApiSession } from '../../../session/messages.js';
import type { SyncRequest } from '../../../session/ReceiveQueue.js';
import { RouterCounters } from '../../../session/RouterCounters.js';
import { type RouterEvent, RouterEvents } from '../../../session/RouterEvents.js';
import { StateManager } from '../../../session/StateManager.js';
import { SyncChunkGate } from '../../../session/SyncChunkGate.js';
import { SyncReceiveLoop } from '../../../session/SyncReceiveLoop.js';
import type { SyncTiming } from '../../../session/SyncTracker.js';
import { TrackerRegistry } from '../../../session/TrackerRegistry.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { type QueuedRequest, type StopFaults, TIMED_ANNOUNCED_TYPES, TimedLoopModel } from './TimedLoopModel.js';

export interface TimedLoopCaseParams extends StopFaults {
  readonly tickIntervalMs: number;
  readonly deadlineMs: number;
}

/**
 * The receive loop with its trackers' clocks running, a real cache behind it, and the
 * handler's part played by the steps: they cache what arrives, mark a sync in progress
 * and queue requests, as the ApiSessionAdded handler does. Beside it, its model.
 */
export class TimedLoopScenario extends PartScenario {
  readonly runtime = new VirtualRuntime();
  readonly events = new RouterEvents();
  readonly faults: FaultFlags;
  /** The router's cache and sync flag. */
  readonly manager: StateManager;
  readonly counters = new RouterCounters();
  readonly resyncs: string[] = [];
  readonly loop: SyncReceiveLoop;
  readonly model: TimedLoopModel;
  /** Announcements the model writes out, in order. */
  readonly heard: RouterEvent[] = [];
  trackersEnded = 0;
  released = 0;
  private serial = 0;

  constructor(params: TimedLoopCaseParams) {
    super();
    const { tickIntervalMs, deadlineMs, ...flags } = params;
    this.faults = { ...FAULT_PROFILES.fixed, ...flags };
    const timing: SyncTiming = { tickIntervalMs, deadlineMs };
    this.events.subscribe((event) => {
      if (TIMED_ANNOUNCED_TYPES.includes(event.type)) this.heard.push(event);
      if (event.type === 'ended' && event.kind === 'tracker') this.trackersEnded++;
      if (event.type === 'effect' && event.effect === 'tracker released') this.released++;
    });
    this.manager = new StateManager(this.faults, this.events);
    this.loop = new SyncReceiveLoop({
      runtime: this.runtime,
      faults: this.faults,
      timing,
      queueCapacity: 100,
      state: this.manager,
      gate: new SyncChunkGate(),
      counters: this.counters,
      registry: new TrackerRegistry(),
      events: this.events,
      requestResync: (reason) => this.resyncs.push(reason),
    });
    this.model = new TimedLoopModel(flags, timing);
  }

  /** Fresh session objects: the cache must keep the very ones it was given. */
  sessionsOf(listed: readonly { readonly token: string; readonly id: string }[]): ApiSession[] {
    return listed.map(({ token, id }) => {
      this.serial++;
      return { id, token, identityId: `identity-${this.serial}`, certFingerprints: [`fp-${this.serial}`] };
    });
  }

  /** Caches a session as the handler does, in the cache and in the model. */
  cache(session: ApiSession): void {
    this.manager.addApiSession(session);
    this.model.cachePut(session);
  }

  /** Queues a request for the loop and the model; the loop takes it when it next runs. */
  push(request: SyncRequest, modelled: QueuedRequest): void {
    this.loop.queue.push(request);
    this.model.queue.push(modelled);
  }

  /** The loop takes everything queued; the clock stays put, so no timer runs. */
  runLoop(): void {
    this.runtime.runRunnable();
    while (this.model.consumeNext()) {}
  }

  /** The clock moves on and every timer due runs, earliest first, with the loop's own work left waiting. */
  advance(ms: number): number {
    this.runtime.advanceBy(ms);
    this.model.now = this.runtime.now();
    let ran = 0;
    for (;;) {
      const runnable = this.runtime.runnable();
      const tasks = runnable.filter((work) => work.kind === 'task').length;
      if (runnable.length === tasks) break;
      this.runtime.runAt(tasks);
      ran++;
    }
    let modelled = 0;
    while (this.model.fireNextDue()) modelled++;
    if (ran !== modelled) this.answerDiffers(`${ran} timer(s) ran, the model says ${modelled}`);
    return ran;
  }

  state(): TraceState {
    const tracker = this.loop.currentTracker();
    return {
      time: this.runtime.now(),
      tracker: tracker === undefined ? '-' : `${tracker.syncId} ${tracker.state}`,
      cached: this.manager
        .allSessions()
        .map((session) => `${session.token}:${session.id}`)
        .join(' '),
      flag: this.manager.syncInProgressId(),
    };
  }
}
