import type { FaultFlags } from '../../../faults.js';
import type { ApiSession } from '../../../session/messages.js';
import type { RouterEvent } from '../../../session/RouterEvents.js';
import type { SyncTiming } from '../../../session/SyncTracker.js';
import { LoopTrackerModel, type TimerModel } from './LoopTrackerModel.js';

/** The events of the loop the model writes out, in order. */
export type TimedAnnounced = Extract<
  RouterEvent,
  {
    type: 'sync-started' | 'sync-applied' | 'sync-failed' | 'closed' | 'tracker-replaced' | 'tracker-acts';
  }
>;

export const TIMED_ANNOUNCED_TYPES: readonly string[] = [
  'sync-started',
  'sync-applied',
  'sync-failed',
  'closed',
  'tracker-replaced',
  'tracker-acts',
];

/** A queued chunk with its data. */
export interface QueuedChunk {
  readonly kind: 'chunk';
  readonly syncId: string;
  readonly sequence: number;
  readonly isLast: boolean;
  readonly sessions: readonly ApiSession[];
  readonly floor: string | undefined;
}

export type QueuedRequest =
  | QueuedChunk
  | { readonly kind: 'post-sync'; readonly syncId: string; readonly sessions: readonly ApiSession[] }
  | { readonly kind: 'fail'; readonly syncId: string };

export type StopFaults = Pick<
  FaultFlags,
  | 'stoppedTrackerMayApply'
  | 'stoppedTrackerMayFail'
  | 'removalBoundFromSyncOnly'
  | 'syncMarkedInReceiveLoop'
  | 'deadlineBeatsCompleteSync'
  | 'trackerNotReleased'
>;

/**
 * What the receive loop, its trackers' clocks and the cache behind it must do, written
 * from their contract: a sync applies when a tick or its deadline finds every chunk in,
 * fails at its deadline otherwise, and under the stop faults a tracker stopped by a
 * close still acts afterwards, on the cache and sync flag only.
 */
export class TimedLoopModel {
  now = 0;
  held: LoopTrackerModel | undefined;
  /** Every tracker started, so that a stopped one's timers still run. */
  readonly trackers: LoopTrackerModel[] = [];
  readonly queue: QueuedRequest[] = [];
  readonly cache = new Map<string, ApiSession>();
  largestEver = '';
  syncFlag = '';
  endedThrough = '';
  closes = 0;
  stale = 0;
  started = 0;
  applied = 0;
  failed = 0;
  aborted = 0;
  resyncs = 0;
  /** Trackers the loop let go of, and trackers announced ended (a few twice, as the faults make them). */
  released = 0;
  trackersEnded = 0;
  readonly announced: TimedAnnounced[] = [];
  private timersSet = 0;

  constructor(
    readonly faults: StopFaults,
    readonly timing: SyncTiming,
  ) {}

  /** A session put in the cache, as the handler does with live adds and chunks. */
  cachePut(session: ApiSession): void {
    this.cache.set(session.token, session);
    if (session.id > this.largestEver) this.largestEver = session.id;
  }

  markInProgress(syncId: string): void {
    this.syncFlag = syncId;
  }

  markStopped(syncId: string): void {
    if (syncId !== '' && this.syncFlag === syncId) this.syncFlag = '';
  }

  /** Every cached session whose token `known` lacks and, under a bound, whose id is not above it. */
  removeMissing(known: readonly ApiSession[], bound: string): void {
    const tokens = new Set(known.map((session) => session.token));
    for (const [token, session] of [...this.cache]) {
      if (!tokens.has(token) && (bound === '' || session.id <= bound)) this.cache.delete(token);
    }
  }

  /** The loop takes the oldest queued request. */
  consumeNext(): boolean {
    const request = this.queue.shift();
    if (request === undefined) return false;
    if (request.kind === 'chunk') this.chunk(request);
    else if (request.kind === 'post-sync') this.held?.postSync.push(...request.sessions);
    else this.handleFail(request.syncId);
    return true;
  }

  private chunk(request: QueuedChunk): void {
    const { syncId, sequence, isLast, sessions, floor } = request;
    if (syncId <= this.endedThrough) {
      this.stale++;
      return;
    }
    let tracker = this.held;
    if (tracker === undefined || tracker.state !== 'collecting' || tracker.syncId < syncId) {
      if (tracker !== undefined) this.replace(tracker);
      tracker = this.start(syncId, floor ?? '');
    } else if (tracker.syncId > syncId) {
      this.stale++;
      return;
    }
    tracker.addChunk(sequence, isLast, sessions);
  }

  private replace(old: LoopTrackerModel): void {
    if (old.state === 'collecting') {
      this.aborted++;
      this.announced.push({ type: 'tracker-replaced', syncId: old.syncId, complete: old.hasAll() });
    }
    old.stop(this.faults.stoppedTrackerMayApply, this.faults.stoppedTrackerMayFail);
    this.release(old);
    this.dropPostSyncOf(old.syncId);
  }

  private start(syncId: string, floor: string): LoopTrackerModel {
    this.started++;
    const tracker = new LoopTrackerModel(syncId, this.started, this.closes, floor);
    this.trackers.push(tracker);
    this.held = tracker;
    this.announced.push({ type: 'sync-started', syncId, serial: tracker.serial });
    if (this.faults.syncMarkedInReceiveLoop) this.markInProgress(syncId);
    tracker.tick = this.timer(this.timing.tickIntervalMs);
    tracker.deadline = this.timer(this.timing.deadlineMs);
    return tracker;
  }

  private timer(delayMs: number): TimerModel {
    return { dueAt: this.now + delayMs, order: this.timersSet++ };
  }

  private dropPostSyncOf(syncId: string): void {
    const kept = this.queue.filter((request) => !(request.kind === 'post-sync' && request.syncId === syncId));
    this.queue.splice(0, this.queue.length, ...kept);
  }

  /** The loop lets go of `tracker`; one that no longer collects is announced ended with it. */
  private release(tracker: LoopTrackerModel): void {
    if (this.held === tracker) this.held = undefined;
    this.released++;
    if (tracker.state !== 'collecting') this.trackersEnded++;
  }

  private ended(syncId: string): void {
    if (syncId > this.endedThrough) this.endedThrough = syncId;
  }

  private handleFail(syncId: string): void {
    if (syncId <= this.endedThrough) return;
    if (this.held?.syncId === syncId && this.held.state === 'collecting') {
      this.fail(this.held, 'broken-chunk');
      return;
    }
    this.failed++;
    this.markStopped(syncId);
    this.ended(syncId);
    this.dropPostSyncOf(syncId);
    this.announced.push({ type: 'sync-failed', syncId, cause: 'broken-chunk', missing: [], complete: false });
    this.resyncs++;
  }

  private fail(tracker: LoopTrackerModel, cause: 'deadline' | 'broken-chunk'): void {
    // Under the fault a stopped tracker's deadline fails whatever tracker the loop holds.
    const target = this.faults.stoppedTrackerMayFail && this.held !== undefined ? this.held : tracker;
    const missing = target.missing();
    const complete = target.hasAll();
    this.failed++;
    target.end('failed');
    this.markStopped(target.syncId);
    const held = this.held === target;
    if (held) this.release(target);
    else this.trackersEnded++;
    this.ended(target.syncId);
    this.dropPostSyncOf(target.syncId);
    this.announced.push({ type: 'sync-failed', syncId: target.syncId, cause, missing, complete });
    // Having reported, the tracker that acted ticks no more, whichever one its failure hit.
    if (target !== tracker) tracker.endAfterFailing();
    this.resyncs++;
  }

  private apply(tracker: LoopTrackerModel): void {
    const sessions = tracker.all();
    const content = largest(sessions);
    if (this.faults.removalBoundFromSyncOnly) this.removeMissing(sessions, content);
    else {
      const bound = later(tracker.floor, content);
      if (bound !== '') this.removeMissing(sessions, bound);
    }
    this.markStopped(tracker.syncId);
    // Under the fault an older tracker applying lets go of the loop's newer one, which runs on, orphaned.
    if (this.faults.stoppedTrackerMayApply && this.held !== undefined && this.held !== tracker) this.release(this.held);
    // The historical fault: the applied tracker stays held.
    if (!this.faults.trackerNotReleased && this.held === tracker) this.release(tracker);
    if (tracker.state === 'collecting') tracker.end('applied');
    this.ended(tracker.syncId);
    this.dropPostSyncOf(tracker.syncId);
    this.applied++;
    this.announced.push({ type: 'sync-applied', syncId: tracker.syncId, sessions: sessions.length });
    this.trackersEnded++;
  }

  /** A tracker whose connection closed applies to the shared cache and flag only. */
  private applyAfterClose(tracker: LoopTrackerModel): void {
    const sessions = tracker.all();
    const content = largest(sessions);
    const fromSyncOnly = this.faults.removalBoundFromSyncOnly;
    const bound = fromSyncOnly ? content : later(tracker.floor, content);
    // No bound removes every missing session: only the fault does that.
    if (bound !== '' || fromSyncOnly) this.removeMissing(sessions, bound);
    this.markStopped(tracker.syncId);
    if (tracker.state === 'collecting') tracker.end('applied');
    this.applied++;
    this.announced.push({ type: 'sync-applied', syncId: tracker.syncId, sessions: sessions.length });
    this.trackersEnded++;
  }

  /** A tracker whose connection closed fails on the shared flag only; its resync request is lost. */
  private failAfterClose(tracker: LoopTrackerModel): void {
    const missing = tracker.missing();
    const complete = tracker.hasAll();
    this.failed++;
    tracker.end('failed');
    this.markStopped(tracker.syncId);
    this.announced.push({ type: 'sync-failed', syncId: tracker.syncId, cause: 'deadline', missing, complete });
    this.trackersEnded++;
  }

  /** A tick or deadline runs while a failure of its sync waits in the queue: the sync fails for that cause. */
  private failIfBroken(tracker: LoopTrackerModel): boolean {
    if (tracker.state !== 'collecting') return false;
    if (!this.queue.some((request) => request.kind === 'fail' && request.syncId === tracker.syncId)) return false;
    this.fail(tracker, 'broken-chunk');
    return true;
  }

  private acts(tracker: LoopTrackerModel, on: 'tick' | 'deadline', act: () => void): void {
    const actor = {
      serial: tracker.serial,
      syncId: tracker.syncId,
      current: this.held === tracker,
      collecting: tracker.state === 'collecting',
    };
    this.announced.push({ type: 'tracker-acts', phase: 'start', actor, on });
    act();
    this.announced.push({ type: 'tracker-acts', phase: 'end', actor, on });
  }

  private complete(tracker: LoopTrackerModel, on: 'tick' | 'deadline'): void {
    this.acts(tracker, on, () => {
      if (tracker.connection !== this.closes) this.applyAfterClose(tracker);
      else if (!this.failIfBroken(tracker)) this.apply(tracker);
    });
  }

  private deadline(tracker: LoopTrackerModel): void {
    this.acts(tracker, 'deadline', () => {
      if (tracker.connection !== this.closes) this.failAfterClose(tracker);
      else if (!this.failIfBroken(tracker)) this.fail(tracker, 'deadline');
    });
  }

  /** Runs the earliest due timer (the oldest among equals); false when none is due. */
  fireNextDue(): boolean {
    let next: { tracker: LoopTrackerModel; which: 'tick' | 'deadline'; timer: TimerModel } | undefined;
    for (const tracker of this.trackers) {
      for (const which of ['tick', 'deadline'] as const) {
        const timer = tracker[which];
        if (timer === undefined || timer.dueAt > this.now) continue;
        if (next === undefined || before(timer, next.timer)) next = { tracker, which, timer };
      }
    }
    if (next === undefined) return false;
    const { tracker, which } = next;
    tracker[which] = undefined;
    if (which === 'tick') {
      if (tracker.hasAll()) this.complete(tracker, 'tick');
      else if (tracker.state === 'collecting') tracker.tick = this.timer(this.timing.tickIntervalMs);
    } else if (tracker.hasAll() && tracker.state === 'collecting' && !this.faults.deadlineBeatsCompleteSync) {
      this.complete(tracker, 'deadline');
    } else this.deadline(tracker);
    return true;
  }

  /** The connection closes and the next opens: the tracker held stops, the queue empties, the flag clears. */
  close(): void {
    const held = this.held;
    const standing =
      held === undefined || held.state !== 'collecting' ? 'none' : held.hasAll() ? 'complete' : 'collecting';
    this.announced.push({ type: 'closed', tracker: standing });
    if (held !== undefined) {
      if (held.state === 'collecting') this.aborted++;
      held.stop(this.faults.stoppedTrackerMayApply, this.faults.stoppedTrackerMayFail);
      this.release(held);
    }
    this.markStopped(this.syncFlag);
    this.queue.splice(0);
    this.endedThrough = '';
    this.closes++;
  }

  /** The timers still pending, by tracker and kind. */
  pendingTimers(): { label: string; dueAt: number }[] {
    const timers: { label: string; dueAt: number }[] = [];
    for (const tracker of this.trackers) {
      if (tracker.tick !== undefined) timers.push({ label: `tick ${tracker.syncId}`, dueAt: tracker.tick.dueAt });
      if (tracker.deadline !== undefined) {
        timers.push({ label: `deadline ${tracker.syncId}`, dueAt: tracker.deadline.dueAt });
      }
    }
    return timers;
  }
}

function before(a: TimerModel, b: TimerModel): boolean {
  return a.dueAt < b.dueAt || (a.dueAt === b.dueAt && a.order < b.order);
}

/** The largest id among `sessions`, "" for none. */
function largest(sessions: readonly ApiSession[]): string {
  let max = '';
  for (const session of sessions) if (session.id > max) max = session.id;
  return max;
}

/** The later of two ids. */
function later(a: string, b: string): string {
  if (a > b) return a;
  return b;
}
