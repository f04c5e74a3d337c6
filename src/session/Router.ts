import { FAULT_PROFILES, type FaultFlags } from '../faults.js';
import type { Runtime } from '../runtime/Runtime.js';
import { failBrokenChunk, handleApiSessionAdded } from './ApiSessionAddedHandler.js';
import { handleApiSessionRemoved } from './ApiSessionRemovedHandler.js';
import { handleApiSessionUpdated } from './ApiSessionUpdatedHandler.js';
import { describeMessage } from './describeMessage.js';
import { describeThrown } from './describeThrown.js';
import { ContentType, resyncRequest, type WireMessage } from './messages.js';
import { ProtocolError, type ProtocolErrorCode } from './ProtocolError.js';
import { type ControllerMessage, parseMessage } from './parseMessage.js';
import { RouterCounters } from './RouterCounters.js';
import { RouterEvents } from './RouterEvents.js';
import { StateManager } from './StateManager.js';
import { SyncChunkGate } from './SyncChunkGate.js';
import { SyncReceiveLoop } from './SyncReceiveLoop.js';
import { DEFAULT_SYNC_TIMING, type SyncTiming, type TrackerState } from './SyncTracker.js';
import { type LiveTrackerInfo, TrackerRegistry } from './TrackerRegistry.js';

export interface RouterOptions {
  readonly runtime: Runtime;
  readonly faults?: FaultFlags;
  readonly timing?: Partial<SyncTiming>;
  /** Capacity of the handler → receive loop queue (upstream: 100). */
  readonly queueCapacity?: number;
}

/** The side of the control channel the router sends on. */
export interface RouterUplink {
  send(message: WireMessage): void;
}

export interface RouterStats {
  readonly syncsStarted: number;
  readonly syncsApplied: number;
  readonly syncsFailed: number;
  readonly syncsAborted: number;
  readonly protocolErrors: number;
  readonly protocolErrorsByCode: Partial<Record<ProtocolErrorCode, number>>;
  readonly staleChunksIgnored: number;
  readonly resyncsRequested: number;
  readonly messagesReceived: number;
  /** Exceptions that escaped a handler; anything but 0 is a bug. */
  readonly handlerCrashes: number;
  readonly sessionsCached: number;
  /** Trackers the router references (0 or 1); a finished one here is a leak. */
  readonly trackersHeld: number;
  readonly heldTrackerState: TrackerState | undefined;
  readonly heldTrackerSyncId: string | undefined;
  /** Trackers not yet collected; exact only right after a `gc()`. */
  readonly trackersAlive: number;
  /** Post-sync sessions queued or in a held tracker's slot. */
  readonly postSyncEntriesBuffered: number;
  readonly queueLength: number;
  readonly queueHighWater: number;
  /** Requests queued beyond the queue's capacity: senders upstream's channel of 100 would have blocked. */
  readonly queueBlockedSenders: number;
  /** The raw id of the sync in progress ("" for none), whatever the fault profile says. */
  readonly syncInProgress: string;
}

/** The counters `stats()` reads, live and read-only. */
export type RouterCounts = Readonly<
  Pick<
    RouterCounters,
    | 'syncsStarted'
    | 'syncsApplied'
    | 'syncsFailed'
    | 'syncsAborted'
    | 'staleChunksIgnored'
    | 'resyncsRequested'
    | 'messagesReceived'
    | 'handlerCrashes'
    | 'protocolErrors'
  >
>;

/** The edge router's API-session sync: handlers, receive loop, state and counters. */
export class Router {
  readonly state: StateManager;
  readonly faults: FaultFlags;
  readonly timing: SyncTiming;
  /** Where an observer hears of lifetimes, actors and effects, and why syncs end. */
  readonly events = new RouterEvents();
  private readonly counters = new RouterCounters();
  private readonly registry = new TrackerRegistry();
  private readonly gate = new SyncChunkGate();
  private readonly receiveLoop: SyncReceiveLoop;
  private uplink: RouterUplink | undefined;
  /** Bumped on every open and close: a message's handling task knows whether its connection still stands. */
  private connection = 0;
  private readonly runtime: Runtime;

  constructor(options: RouterOptions) {
    this.runtime = options.runtime;
    this.faults = options.faults ?? FAULT_PROFILES.fixed;
    this.timing = { ...DEFAULT_SYNC_TIMING, ...options.timing };
    this.state = new StateManager(this.faults, this.events);
    this.receiveLoop = new SyncReceiveLoop({
      runtime: options.runtime,
      faults: this.faults,
      timing: this.timing,
      queueCapacity: options.queueCapacity ?? 100,
      state: this.state,
      gate: this.gate,
      counters: this.counters,
      registry: this.registry,
      events: this.events,
      requestResync: (reason) => this.requestResync(reason),
    });
  }

  /** Called by the channel when a connection opens. */
  connected(uplink: RouterUplink): void {
    this.uplink = uplink;
    this.connection++;
    this.receiveLoop.resume();
  }

  /** Called by the channel when the connection closes. */
  disconnected(): void {
    this.uplink = undefined;
    this.connection++;
    this.receiveLoop.abort();
  }

  /**
   * Called by the channel for each message, in the order sent. Takes anything and never
   * throws: what is not a message it can use is dropped with a typed error and counted.
   * Parsing touches no state, so doing it here rather than in the handling task keeps
   * upstream's races as they were.
   */
  receive(message: unknown): void {
    const index = ++this.counters.messagesReceived;
    const parsed = parseMessage(message, index);
    if (!parsed.ok) {
      this.counters.recordProtocolError(parsed.error);
      // A chunk whose sync headers read but whose body does not: that sync cannot complete.
      failBrokenChunk(this.handlerDeps(), parsed.error);
      return;
    }
    const usable = parsed.value;
    if (this.faults.messagesHandledOutOfOrder) {
      const connection = this.connection;
      this.runtime.spawn(
        () => `handle ${describeMessage(usable)} (message ${index})`,
        () => (connection === this.connection ? this.handle(usable, index) : this.handleAfterClose(usable)),
      );
    } else {
      this.handle(usable, index);
    }
  }

  stats(): RouterStats {
    const tracker = this.receiveLoop.currentTracker();
    const queue = this.receiveLoop.queue;
    return {
      syncsStarted: this.counters.syncsStarted,
      syncsApplied: this.counters.syncsApplied,
      syncsFailed: this.counters.syncsFailed,
      syncsAborted: this.counters.syncsAborted,
      protocolErrors: this.counters.protocolErrors,
      protocolErrorsByCode: { ...this.counters.protocolErrorsByCode },
      staleChunksIgnored: this.counters.staleChunksIgnored,
      resyncsRequested: this.counters.resyncsRequested,
      messagesReceived: this.counters.messagesReceived,
      handlerCrashes: this.counters.handlerCrashes,
      sessionsCached: this.state.sessionCount(),
      trackersHeld: tracker === undefined ? 0 : 1,
      heldTrackerState: tracker?.state,
      heldTrackerSyncId: tracker?.syncId,
      trackersAlive: this.registry.size(),
      postSyncEntriesBuffered: this.postSyncEntriesBuffered(),
      queueLength: queue.length(),
      queueHighWater: queue.highWaterMark(),
      queueBlockedSenders: queue.blockedSenders(),
      syncInProgress: this.state.syncInProgressId(),
    };
  }

  /** The counters `stats()` reports, read in place: a check after every step reads one without building `stats()`. */
  counts(): RouterCounts {
    return this.counters;
  }

  /** Post-sync sessions queued or in the held tracker's slot, as `stats()` reports them, without building the rest. */
  postSyncEntriesBuffered(): number {
    return this.receiveLoop.queue.postSyncSessionsQueued() + (this.receiveLoop.currentTracker()?.postSyncCount() ?? 0);
  }

  /** The tracker the handler holds, as plain data: what a check after every step needs, without `stats()`. */
  heldTracker(): { readonly syncId: string; readonly state: string } | undefined {
    const tracker = this.receiveLoop.currentTracker();
    return tracker === undefined ? undefined : { syncId: tracker.syncId, state: tracker.state };
  }

  /** Trackers still in the heap, as plain data; holds none of them. */
  liveTrackers(): LiveTrackerInfo[] {
    return this.registry.list();
  }

  recentProtocolErrors(): readonly ProtocolError[] {
    return [...this.counters.recentErrors];
  }

  private handle(message: ControllerMessage, index: number): void {
    try {
      this.dispatch(message, index);
    } catch (error) {
      // Handlers see only parsed plain data; reaching here is a bug the robustness property reports.
      this.counters.handlerCrashes++;
      this.counters.recordProtocolError(
        new ProtocolError('malformed-body', `handler crashed: ${describeThrown(error)}`, index),
      );
    }
  }

  /**
   * Upstream binds a handler to each connection (`manager.go:1776`): a message's goroutine
   * that runs after its connection closed still changes the shared cache, but what it queues
   * goes to the closed handler's stopped loop and is never taken.
   */
  private handleAfterClose(message: ControllerMessage): void {
    if (message.contentType !== ContentType.ApiSessionAdded) {
      this.handle(message, this.counters.messagesReceived);
      return;
    }
    const { apiSessions } = message.body;
    for (const session of apiSessions) this.state.addApiSession(session);
    this.events.ended('chunk', apiSessions, 'sessions of a closed connection, cached; its loop had stopped');
  }

  private handlerDeps() {
    return {
      faults: this.faults,
      state: this.state,
      gate: this.gate,
      queue: this.receiveLoop.queue,
      counters: this.counters,
      events: this.events,
    };
  }

  private dispatch(message: ControllerMessage, index: number): void {
    const deps = this.handlerDeps();
    switch (message.contentType) {
      case ContentType.ApiSessionAdded:
        handleApiSessionAdded(deps, message, index);
        return;
      case ContentType.ApiSessionUpdated:
        handleApiSessionUpdated(deps, message.body);
        return;
      case ContentType.ApiSessionRemoved:
        handleApiSessionRemoved(deps, message.body);
        return;
    }
  }

  private requestResync(reason: string): void {
    this.counters.resyncsRequested++;
    this.events.emit({ type: 'effect', effect: 'resync requested', detail: reason });
    this.uplink?.send(resyncRequest(reason));
  }
}
