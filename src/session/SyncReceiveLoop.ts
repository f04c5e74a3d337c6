import type { FaultFlags } from '../faults.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { ApiSession } from './messages.js';
import { ReceiveQueue, type SyncRequest } from './ReceiveQueue.js';
import type { RouterCounters } from './RouterCounters.js';
import type { RouterEvents } from './RouterEvents.js';
import type { StateManager } from './StateManager.js';
import type { SyncChunkGate } from './SyncChunkGate.js';
import { type SyncTiming, SyncTracker } from './SyncTracker.js';
import type { TrackerRegistry } from './TrackerRegistry.js';

export interface SyncReceiveLoopDeps {
  readonly runtime: Runtime;
  readonly faults: FaultFlags;
  readonly timing: SyncTiming;
  readonly queueCapacity: number;
  readonly state: StateManager;
  readonly gate: SyncChunkGate;
  readonly counters: RouterCounters;
  readonly registry: TrackerRegistry;
  readonly events: RouterEvents;
  readonly requestResync: (reason: string) => void;
}

/** The largest id among `sessions`, or "" for none: the bound of a sync's removals. */
export function largestId(sessions: readonly ApiSession[]): string {
  let largest = '';
  for (const session of sessions) if (session.id > largest) largest = session.id;
  return largest;
}

/**
 * Takes sync requests off the queue in order and owns the tracker of the sync being
 * assembled: creates, replaces, applies, fails and releases it.
 */
export class SyncReceiveLoop {
  readonly queue: ReceiveQueue;
  private tracker: SyncTracker | undefined;
  /** The newest sync that ended on this connection: a chunk of it or of an older one, still queued, is stale. */
  private endedThrough = '';
  /** Connections closed so far, and the one each tracker began on. */
  private closes = 0;
  private readonly connectionOf = new WeakMap<SyncTracker, number>();

  constructor(private readonly deps: SyncReceiveLoopDeps) {
    this.queue = new ReceiveQueue(deps.runtime, deps.queueCapacity, (request) => this.handle(request), deps.events);
  }

  /** The tracker the handler holds, if any; introspection only. */
  currentTracker(): SyncTracker | undefined {
    return this.tracker;
  }

  /** Channel closed: abort the sync being assembled and drop what is queued. */
  abort(): void {
    const { state, counters, gate, events } = this.deps;
    const held = this.tracker;
    const tracker =
      held === undefined || held.state !== 'collecting' ? 'none' : held.hasAll() ? 'complete' : 'collecting';
    events.emit({ type: 'closed', tracker });
    if (held !== undefined) {
      if (held.state === 'collecting') counters.syncsAborted++;
      held.stop();
      this.release(held, 'stopped: the channel closed');
    }
    state.markSyncStopped(state.syncInProgressId());
    this.queue.stop();
    gate.reset();
    this.endedThrough = '';
    // Stryker disable next-line UpdateOperator: equivalent, a tracker compares the count it began with for equality only
    this.closes++;
  }

  resume(): void {
    this.queue.restart();
  }

  private handle(request: SyncRequest): void {
    const { events } = this.deps;
    switch (request.kind) {
      case 'legacy':
        for (const session of request.sessions) this.deps.state.addApiSession(session);
        this.deps.state.removeMissingApiSessions(request.sessions, '');
        events.ended('chunk', request.sessions, 'legacy sync, applied');
        return;
      case 'post-sync':
        this.tracker?.addPostSync(request.sessions);
        events.ended('post-sync batch', request.sessions, `post-sync data of ${request.syncId}, consumed`);
        return;
      case 'chunk':
        this.handleChunk(request);
        return;
      case 'fail':
        this.handleFail(request.syncId, request.reason);
        return;
    }
  }

  private handleChunk(request: Extract<SyncRequest, { kind: 'chunk' }>): void {
    const { id, sequence, isLast } = request.syncState;
    // Queued before its sync ended (its deadline, say): a tracker made for it now could never complete.
    if (id <= this.endedThrough && !this.deps.faults.endedSyncChunksStartTwin) {
      this.deps.counters.staleChunksIgnored++;
      this.deps.events.ended('chunk', request.sessions, `chunk ${sequence} of ${id}, ignored (its sync ended)`);
      return;
    }
    let tracker = this.tracker;
    if (tracker === undefined || tracker.state !== 'collecting' || tracker.syncId < id) {
      if (tracker !== undefined) this.replace(tracker);
      tracker = this.startTracker(id);
      this.tracker = tracker;
      tracker.removalFloor = request.removalFloor ?? '';
    } else if (tracker.syncId > id) {
      this.deps.counters.staleChunksIgnored++;
      this.deps.events.ended('chunk', request.sessions, `chunk ${sequence} of ${id}, ignored (older sync)`);
      return;
    }
    if (!tracker.addChunk(sequence, isLast, request.sessions)) {
      this.deps.events.ended('chunk', request.sessions, `chunk ${sequence} of ${id}, ignored (held already)`);
    }
  }

  private replace(old: SyncTracker): void {
    const { counters, events } = this.deps;
    if (old.state === 'collecting') {
      counters.syncsAborted++;
      events.emit({ type: 'tracker-replaced', syncId: old.syncId, complete: old.hasAll() });
    }
    old.stop();
    this.release(old, 'replaced by a newer sync');
    this.queue.dropPostSyncOf(old.syncId);
  }

  private startTracker(syncId: string): SyncTracker {
    const { runtime, timing, registry, counters, state, faults, events } = this.deps;
    const serial = registry.nextSerial();
    const tracker = new SyncTracker(syncId, serial, {
      runtime,
      timing,
      faults,
      events,
      callbacks: {
        onComplete: (t, on) =>
          this.actAs(t, on, () => {
            if (this.closedSince(t)) this.applyAfterClose(t);
            else if (!this.failIfBroken(t)) this.apply(t);
          }),
        onDeadline: (t) =>
          this.actAs(t, 'deadline', () => {
            if (this.closedSince(t)) this.failAfterClose(t);
            else if (!this.failIfBroken(t)) {
              this.fail(t, `sync ${t.syncId} missed its ${timing.deadlineMs} ms deadline`, 'deadline');
            }
          }),
      },
    });
    registry.register(tracker, serial);
    this.connectionOf.set(tracker, this.closes);
    counters.syncsStarted++;
    events.emit({ type: 'sync-started', syncId, serial });
    if (faults.syncMarkedInReceiveLoop) state.markSyncInProgress(syncId);
    tracker.start();
    return tracker;
  }

  /** Runs what a tracker's loop does on a tick or deadline, telling observers who acts and in what standing. */
  private actAs(tracker: SyncTracker, on: 'tick' | 'deadline', act: () => void): void {
    const { events } = this.deps;
    const actor = {
      serial: tracker.serial,
      syncId: tracker.syncId,
      current: this.tracker === tracker,
      collecting: tracker.state === 'collecting',
    };
    events.emit({ type: 'tracker-acts', phase: 'start', actor, on });
    try {
      act();
    } finally {
      events.emit({ type: 'tracker-acts', phase: 'end', actor, on });
    }
  }

  private apply(tracker: SyncTracker): void {
    const { state, faults, counters, gate, events } = this.deps;
    const sessions = tracker.all();
    const contentBound = largestId(sessions);
    // Not only the sync's own ids: a session ended while the channel was down may be newer than all of them.
    if (faults.removalBoundFromSyncOnly) {
      state.removeMissingApiSessions(sessions, contentBound);
    } else {
      // biome-ignore lint/complexity/useMathMinMax: ids are strings; Math.max would compare NaN
      const bound = tracker.removalFloor > contentBound ? tracker.removalFloor : contentBound;
      // No bound means no session predates the snapshot; "" would mean "delete all" to removeMissing.
      if (bound !== '') state.removeMissingApiSessions(sessions, bound);
    }
    state.markSyncStopped(tracker.syncId);
    // Upstream releases whatever tracker the handler holds; a stopped tracker applying late orphans the newer one.
    const held = this.tracker;
    if (faults.stoppedTrackerMayApply && held !== undefined && held !== tracker)
      this.release(held, 'released by an older tracker');
    // The historical fault: the finished tracker, chunks and all, stayed referenced here.
    if (!faults.trackerNotReleased && this.tracker === tracker) this.release(tracker, 'applied');
    if (tracker.state === 'collecting') tracker.markApplied();
    gate.close(tracker.syncId);
    this.ended(tracker.syncId);
    this.queue.dropPostSyncOf(tracker.syncId);
    counters.syncsApplied++;
    events.emit({ type: 'sync-applied', syncId: tracker.syncId, sessions: sessions.length });
    // Applied: its life is over, whether or not something still holds it.
    events.ended('tracker', tracker, `tracker of ${tracker.syncId}, applied`);
  }

  /**
   * Only a fault lets a tracker act once its connection closed (a close stops it). Upstream's
   * tracker then acts on the closed connection's handler (`manager.go:1776` binds one per
   * connection): on the shared cache and sync flag, never on this connection's tracker,
   * queue or chunk bookkeeping.
   */
  private closedSince(tracker: SyncTracker): boolean {
    return this.connectionOf.get(tracker) !== this.closes;
  }

  private applyAfterClose(tracker: SyncTracker): void {
    const { state, faults, counters, events } = this.deps;
    const sessions = tracker.all();
    const contentBound = largestId(sessions);
    const bound =
      !faults.removalBoundFromSyncOnly && tracker.removalFloor > contentBound ? tracker.removalFloor : contentBound;
    if (bound !== '' || faults.removalBoundFromSyncOnly) state.removeMissingApiSessions(sessions, bound);
    state.markSyncStopped(tracker.syncId);
    if (tracker.state === 'collecting') tracker.markApplied();
    counters.syncsApplied++;
    events.emit({ type: 'sync-applied', syncId: tracker.syncId, sessions: sessions.length });
    events.ended('tracker', tracker, `tracker of ${tracker.syncId}, applied after its connection closed`);
  }

  /** Its resync request would go out on the closed connection, and is lost. */
  private failAfterClose(tracker: SyncTracker): void {
    const { state, counters, events } = this.deps;
    const missing = tracker.missingSequences();
    const complete = tracker.hasAll();
    counters.syncsFailed++;
    tracker.markFailed();
    state.markSyncStopped(tracker.syncId);
    events.emit({ type: 'sync-failed', syncId: tracker.syncId, cause: 'deadline', missing, complete });
    events.ended('tracker', tracker, `tracker of ${tracker.syncId}, failed after its connection closed`);
  }

  private fail(tracker: SyncTracker, reason: string, cause: 'deadline' | 'broken-chunk'): void {
    const { state, counters, gate, faults, events } = this.deps;
    // Upstream fails whatever the handler holds: a stopped tracker's deadline fails the current one.
    const target = faults.stoppedTrackerMayFail && this.tracker !== undefined ? this.tracker : tracker;
    const missing = target.missingSequences();
    const complete = target.hasAll();
    counters.syncsFailed++;
    target.markFailed();
    state.markSyncStopped(target.syncId);
    // Released, a failed tracker's end is announced with its release; otherwise here, once.
    const held = this.tracker === target;
    if (held) this.release(target, 'failed');
    gate.close(target.syncId);
    this.ended(target.syncId);
    this.queue.dropPostSyncOf(target.syncId);
    events.emit({ type: 'sync-failed', syncId: target.syncId, cause, missing, complete });
    if (!held) events.ended('tracker', target, `tracker of ${target.syncId}, failed`);
    if (target !== tracker) tracker.endAfterFailing();
    this.deps.requestResync(reason);
  }

  /**
   * Where the handler judged a chunk of this sync broken and queued its failure, a tick or
   * deadline that runs before the receive loop reaches it fails the sync for that cause:
   * it must neither apply a broken sync nor blame its deadline. True when it did.
   */
  private failIfBroken(tracker: SyncTracker): boolean {
    if (tracker.state !== 'collecting') return false;
    const reason = this.queue.queuedFailureOf(tracker.syncId);
    if (reason === undefined) return false;
    this.fail(tracker, reason, 'broken-chunk');
    return true;
  }

  private handleFail(syncId: string, reason: string): void {
    const { counters, state, events } = this.deps;
    // Failed meanwhile, by its own tick or deadline: it was failed once, and resynced once.
    if (syncId <= this.endedThrough) return;
    if (this.tracker?.syncId === syncId && this.tracker.state === 'collecting') {
      this.fail(this.tracker, reason, 'broken-chunk');
      return;
    }
    // Broken before any chunk of it was accepted: no tracker to end, still a resync.
    counters.syncsFailed++;
    state.markSyncStopped(syncId);
    this.ended(syncId);
    this.queue.dropPostSyncOf(syncId);
    events.emit({ type: 'sync-failed', syncId, cause: 'broken-chunk', missing: [], complete: false });
    this.deps.requestResync(reason);
  }

  private ended(syncId: string): void {
    if (syncId > this.endedThrough) this.endedThrough = syncId;
  }

  /** The handler lets go of its tracker: what the tracker holds must be collectable from now on. */
  private release(tracker: SyncTracker, why: string): void {
    if (this.tracker === tracker) this.tracker = undefined;
    const { events } = this.deps;
    events.emit({ type: 'effect', effect: 'tracker released', detail: `tracker of ${tracker.syncId} ${why}` });
    if (tracker.state !== 'collecting') events.ended('tracker', tracker, `tracker of ${tracker.syncId}, ${why}`);
  }
}
