import type { Runtime, TimerHandle } from '../runtime/Runtime.js';
import type { ApiSession } from './messages.js';

export type TrackerState = 'collecting' | 'applied' | 'failed' | 'stopped';

export interface SyncTiming {
  /** How often the deadline loop checks whether every chunk is in (upstream: 1 s). */
  readonly tickIntervalMs: number;
  /** How long a sync may take before it fails into a resync (upstream: 20 s). */
  readonly deadlineMs: number;
}

export const DEFAULT_SYNC_TIMING: SyncTiming = { tickIntervalMs: 1_000, deadlineMs: 20_000 };

export interface SyncTrackerEvents {
  /** A tick found every chunk in. */
  onComplete(tracker: SyncTracker): void;
  /** The deadline passed first. */
  onDeadline(tracker: SyncTracker): void;
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
    private readonly runtime: Runtime,
    private readonly timing: SyncTiming,
    private readonly events: SyncTrackerEvents,
  ) {
    this.startedAt = runtime.now();
  }

  get state(): TrackerState {
    return this.currentState;
  }

  /** Starts the deadline loop: a tick every interval and one deadline. */
  start(): void {
    this.scheduleTick();
    this.deadlineTimer = this.runtime.setTimer(`deadline ${this.syncId}`, this.timing.deadlineMs, () => {
      this.deadlineTimer = undefined;
      if (this.currentState === 'collecting') this.events.onDeadline(this);
    });
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

  /** Ends the loop and drops the chunks; a tracker that already ended keeps its state. */
  stop(): void {
    if (this.currentState === 'collecting') this.end('stopped');
    this.clearData();
  }

  private end(state: TrackerState): void {
    this.currentState = state;
    this.endedAt = this.runtime.now();
    this.tickTimer?.cancel();
    this.deadlineTimer?.cancel();
    this.tickTimer = undefined;
    this.deadlineTimer = undefined;
  }

  private clearData(): void {
    this.chunks.clear();
    this.postSync = [];
  }

  private scheduleTick(): void {
    this.tickTimer = this.runtime.setTimer(`tick ${this.syncId}`, this.timing.tickIntervalMs, () => {
      this.tickTimer = undefined;
      if (this.currentState !== 'collecting') return;
      if (this.hasAll()) this.events.onComplete(this);
      else this.scheduleTick();
    });
  }
}
