import type { FaultFlags } from '../faults.js';
import type { Runtime, TimerHandle } from '../runtime/Runtime.js';
import type { ApiSession } from './messages.js';
import type { RouterEvents } from './RouterEvents.js';

export type TrackerState = 'collecting' | 'applied' | 'failed' | 'stopped';

export interface SyncTiming {
  /** How often the deadline loop checks whether every chunk is in (upstream: 1 s). */
  readonly tickIntervalMs: number;
  /** How long a sync may take before it fails into a resync (upstream: 20 s). */
  readonly deadlineMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = { tickIntervalMs: 1_000, deadlineMs: 20_000 };

export interface SyncTrackerEvents {
  /** A tick (or the deadline, due with the last tick) found every chunk in. */
  onComplete(tracker: SyncTracker, on: 'tick' | 'deadline'): void;
  /** The deadline passed with a chunk missing. */
  onDeadline(tracker: SyncTracker): void;
}

export interface SyncTrackerContext {
  readonly runtime: Runtime;
  readonly timing: SyncTiming;
  readonly faults: FaultFlags;
  readonly events: RouterEvents;
  readonly callbacks: SyncTrackerEvents;
}

/** Assembles one full sync from its chunks and runs its tick/deadline loop. */
export class SyncTracker {
  private readonly chunks = new Map<number, readonly ApiSession[]>();
  private postSync: ApiSession[] = [];
  private lastSeq = -1;
  private highestSeq = -1;
  private tickTimer: TimerHandle | undefined;
  private deadlineTimer: TimerHandle | undefined;
  private currentState: TrackerState = 'collecting';
  readonly startedAt: number;
  endedAt: number | undefined;
  /** Sessions up to this id predate the snapshot; see `StateManager.largestIdEverCached`. */
  removalFloor = '';

  constructor(
    readonly syncId: string,
    /** The tracker's number in the router's registry: which of two trackers of one sync acted. */
    readonly serial: number,
    private readonly context: SyncTrackerContext,
  ) {
    this.startedAt = context.runtime.now();
  }

  get state(): TrackerState {
    return this.currentState;
  }

  /** Starts the deadline loop: a tick every interval and one deadline. */
  start(): void {
    this.scheduleTick();
    const { runtime, timing, faults, callbacks } = this.context;
    const deadline = runtime.setTimer(`deadline ${this.syncId}`, timing.deadlineMs, () => {
      this.deadlineTimer = undefined;
      this.timerEnded(deadline, 'deadline');
      // Every ending cancels the deadline, except a stop under `stoppedTrackerMayFail`: upstream's loop
      // may still take a stopped tracker's deadline (its stop channel was cleared unlocked).
      // Due with the last tick, a deadline that finds every chunk in applies the sync: failing it would cost a resync for nothing.
      if (this.hasAll() && this.currentState === 'collecting' && !faults.deadlineBeatsCompleteSync) {
        callbacks.onComplete(this, 'deadline');
      } else callbacks.onDeadline(this);
    });
    this.deadlineTimer = deadline;
  }

  /** Stores a chunk; false when that sequence is already held (the first copy wins). */
  addChunk(sequence: number, isLast: boolean, sessions: readonly ApiSession[]): boolean {
    if (this.chunks.has(sequence)) return false;
    this.chunks.set(sequence, sessions);
    if (isLast) this.lastSeq = sequence;
    if (sequence > this.highestSeq) this.highestSeq = sequence;
    return true;
  }

  addPostSync(sessions: readonly ApiSession[]): void {
    for (const session of sessions) this.postSync.push(session);
  }

  hasLast(): boolean {
    return this.lastSeq >= 0;
  }

  /** Every sequence from 0 to the last is in; chunks past the last are refused upstream of here. */
  hasAll(): boolean {
    return this.lastSeq >= 0 && this.highestSeq === this.lastSeq && this.chunks.size === this.lastSeq + 1;
  }

  /**
   * The first few sequences not yet in, up to the last (or one past the highest seen while
   * the last is unknown). A few: a forged sequence near the limit would make the list huge.
   */
  missingSequences(shown = 5): number[] {
    const upTo = this.lastSeq >= 0 ? this.lastSeq : this.highestSeq + 1;
    const missing: number[] = [];
    for (let seq = 0; seq <= upTo && missing.length < shown; seq++) if (!this.chunks.has(seq)) missing.push(seq);
    return missing;
  }

  /** The sessions of chunks 0..last in order, then the post-sync sessions. */
  all(): ApiSession[] {
    const sessions: ApiSession[] = [];
    for (let seq = 0; seq <= this.lastSeq; seq++) {
      for (const session of this.chunks.get(seq) ?? []) sessions.push(session);
    }
    for (const session of this.postSync) sessions.push(session);
    return sessions;
  }

  chunkCount(): number {
    return this.chunks.size;
  }

  chunkSessionCount(): number {
    let count = 0;
    for (const chunk of this.chunks.values()) count += chunk.length;
    return count;
  }

  postSyncCount(): number {
    return this.postSync.length;
  }

  markApplied(): void {
    this.end('applied');
  }

  markFailed(): void {
    this.end('failed');
    this.clearData();
  }

  /**
   * It reported a failure (its deadline, say) that acted on another tracker (`stoppedTrackerMayFail`):
   * upstream's loop returns after reporting all the same, so this one ticks no more and drops its chunks.
   */
  endAfterFailing(): void {
    if (this.currentState === 'collecting') {
      this.markFailed();
      return;
    }
    this.cancelTick();
    this.clearData(this.currentState !== 'applied');
  }

  /** Ends the loop and drops the chunks; a tracker that already ended keeps its state. */
  stop(): void {
    if (this.currentState !== 'collecting') {
      // An applied tracker announced its chunks' end as it applied (held on under `trackerNotReleased`).
      this.clearData(this.currentState !== 'applied');
      return;
    }
    const { faults } = this.context;
    this.currentState = 'stopped';
    this.endedAt = this.context.runtime.now();
    // Upstream's loop only sees the stop on its next select: a due tick or deadline may run first.
    if (!faults.stoppedTrackerMayApply) this.cancelTick();
    if (!faults.stoppedTrackerMayFail) this.cancelDeadline();
    if (!faults.stoppedTrackerMayApply) this.clearData();
  }

  private end(state: TrackerState): void {
    this.currentState = state;
    this.endedAt = this.context.runtime.now();
    this.cancelTick();
    this.cancelDeadline();
    // An applied tracker's chunks go with it; the router releases the tracker next.
    if (state === 'applied') this.chunksEnded('applied');
  }

  private cancelTick(): void {
    const timer = this.tickTimer;
    this.tickTimer = undefined;
    if (timer === undefined) return;
    timer.cancel();
    this.timerEnded(timer, 'tick, cancelled');
  }

  private cancelDeadline(): void {
    const timer = this.deadlineTimer;
    this.deadlineTimer = undefined;
    if (timer === undefined) return;
    timer.cancel();
    this.timerEnded(timer, 'deadline, cancelled');
  }

  private clearData(announce = true): void {
    if (announce) this.chunksEnded('dropped');
    this.chunks.clear();
    this.postSync = [];
  }

  private chunksEnded(how: string): void {
    const { events } = this.context;
    for (const [seq, chunk] of this.chunks) events.ended('chunk', chunk, `chunk ${seq} of ${this.syncId}, ${how}`);
  }

  private timerEnded(timer: TimerHandle, what: string): void {
    this.context.events.ended('timer', timer, `${what} of ${this.syncId}`);
  }

  private scheduleTick(): void {
    const { runtime, timing, callbacks } = this.context;
    const tick = runtime.setTimer(`tick ${this.syncId}`, timing.tickIntervalMs, () => {
      this.tickTimer = undefined;
      this.timerEnded(tick, 'tick');
      // Every ending cancels the tick, except a stop under `stoppedTrackerMayApply`: upstream's loop may
      // still take a stopped tracker's tick, and with every chunk in, it applies.
      if (this.hasAll()) callbacks.onComplete(this, 'tick');
      else if (this.currentState === 'collecting') this.scheduleTick();
    });
    this.tickTimer = tick;
  }
}
