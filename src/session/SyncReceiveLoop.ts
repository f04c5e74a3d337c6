import type { FaultFlags } from '../faults.js';
import type { Runtime } from '../runtime/Runtime.js';
import type { ApiSession } from './messages.js';
import { ReceiveQueue, type SyncRequest } from './ReceiveQueue.js';
import type { RouterCounters } from './RouterCounters.js';
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

  constructor(private readonly deps: SyncReceiveLoopDeps) {
    this.queue = new ReceiveQueue(deps.runtime, deps.queueCapacity, (request) => this.handle(request));
  }

  /** The tracker the handler holds, if any; introspection only. */
  currentTracker(): SyncTracker | undefined {
    return this.tracker;
  }

  /** Channel closed: abort the sync being assembled and drop what is queued. */
  abort(): void {
    const { state, counters, gate } = this.deps;
    if (this.tracker !== undefined) {
      if (this.tracker.state === 'collecting') counters.syncsAborted++;
      this.tracker.stop();
      this.tracker = undefined;
    }
    state.markSyncStopped(state.syncInProgressId());
    this.queue.stop();
    gate.reset();
  }

  resume(): void {
    this.queue.restart();
  }

  private handle(request: SyncRequest): void {
    switch (request.kind) {
      case 'legacy':
        for (const session of request.sessions) this.deps.state.addApiSession(session);
        this.deps.state.removeMissingApiSessions(request.sessions, '');
        return;
      case 'post-sync':
        this.tracker?.addPostSync(request.sessions);
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
    const current = this.tracker;
    if (current === undefined || current.state !== 'collecting' || current.syncId < id) {
      if (current !== undefined) this.replace(current);
      this.tracker = this.startTracker(id);
      this.tracker.removalFloor = request.removalFloor ?? '';
    } else if (current.syncId > id) {
      this.deps.counters.staleChunksIgnored++;
      return;
    }
    this.tracker?.addChunk(sequence, isLast, request.sessions);
  }

  private replace(old: SyncTracker): void {
    if (old.state === 'collecting') this.deps.counters.syncsAborted++;
    old.stop();
    this.queue.dropPostSyncOf(old.syncId);
  }

  private startTracker(syncId: string): SyncTracker {
    const { runtime, timing, registry, counters, state, faults } = this.deps;
    const tracker = new SyncTracker(syncId, runtime, timing, {
      onComplete: (t) => this.apply(t),
      onDeadline: (t) => this.fail(t, `sync ${t.syncId} missed its ${timing.deadlineMs} ms deadline`),
    });
    registry.register(tracker);
    counters.syncsStarted++;
    if (faults.syncMarkedInReceiveLoop) state.markSyncInProgress(syncId);
    tracker.start();
    return tracker;
  }

  private apply(tracker: SyncTracker): void {
    const { state, faults, counters, gate } = this.deps;
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
    // The historical fault: the finished tracker, chunks and all, stayed referenced here.
    if (!faults.trackerNotReleased && this.tracker === tracker) this.tracker = undefined;
    tracker.markApplied();
    gate.close(tracker.syncId);
    this.queue.dropPostSyncOf(tracker.syncId);
    counters.syncsApplied++;
  }

  private fail(tracker: SyncTracker, reason: string): void {
    const { state, counters, gate } = this.deps;
    counters.syncsFailed++;
    tracker.markFailed();
    state.markSyncStopped(tracker.syncId);
    if (this.tracker === tracker) this.tracker = undefined;
    gate.close(tracker.syncId);
    this.queue.dropPostSyncOf(tracker.syncId);
    this.deps.requestResync(reason);
  }

  private handleFail(syncId: string, reason: string): void {
    if (this.tracker?.syncId === syncId && this.tracker.state === 'collecting') {
      this.fail(this.tracker, reason);
      return;
    }
    // Broken before any chunk of it was accepted: no tracker to end, still a resync.
    this.deps.counters.syncsFailed++;
    this.deps.state.markSyncStopped(syncId);
    this.queue.dropPostSyncOf(syncId);
    this.deps.requestResync(reason);
  }
}
