import type { FaultFlags } from '../../../faults.js';
import type { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import type { ApiSession } from '../../../session/messages.js';
import type { TrackerState } from '../../../session/SyncTracker.js';

export const TRACKER_SYNC_ID = 'sync-7';
export const TRACKER_SERIAL = 7;

/** What the timer's callbacks do when it fires, as the receive loop would. */
export type Reaction = 'none' | 'apply' | 'fail' | 'stop';

/** An end as announced; a chunk by the number of the very array handed to the tracker. */
export interface AnnouncedEnd {
  readonly kind: string;
  readonly object?: number;
  readonly label: string;
}

/** What the tracker must hold, say and have announced: its contract, written out plainly. */
export class TrackerModel {
  state: TrackerState = 'collecting';
  endedAt: number | undefined;
  readonly chunks = new Map<number, readonly ApiSession[]>();
  lastSequence = -1;
  highestSequence = -1;
  postSync: ApiSession[] = [];
  tickDue: number | undefined;
  deadlineDue: number | undefined;
  readonly expectedEnded: AnnouncedEnd[] = [];
  readonly expectedCalls: string[] = [];

  constructor(
    readonly runtime: VirtualRuntime,
    readonly timing: { tickIntervalMs: number; deadlineMs: number },
    readonly faults: FaultFlags,
    /** The number the case gave the very array handed to the tracker. */
    private readonly chunkNumber: (chunk: object) => number,
  ) {
    this.tickDue = runtime.now() + timing.tickIntervalMs;
    this.deadlineDue = runtime.now() + timing.deadlineMs;
  }

  /** Every sequence from 0 to the last and nothing past it. */
  hasAll(): boolean {
    if (this.lastSequence < 0) return false;
    const held = [...this.chunks.keys()].sort((a, b) => a - b);
    return held.length === this.lastSequence + 1 && held.every((seq, i) => seq === i);
  }

  missing(shown: number): number[] {
    const upTo = this.lastSequence >= 0 ? this.lastSequence : this.highestSequence + 1;
    const missing: number[] = [];
    for (let seq = 0; seq <= upTo; seq++) if (!this.chunks.has(seq)) missing.push(seq);
    return missing.slice(0, shown);
  }

  all(): ApiSession[] {
    const sessions: ApiSession[] = [];
    for (let seq = 0; seq <= this.lastSequence; seq++) sessions.push(...(this.chunks.get(seq) ?? []));
    return [...sessions, ...this.postSync];
  }

  addChunk(sequence: number, isLast: boolean, sessions: readonly ApiSession[]): boolean {
    if (this.chunks.has(sequence)) return false;
    this.chunks.set(sequence, sessions);
    if (isLast) this.lastSequence = sequence;
    this.highestSequence = Math.max(this.highestSequence, sequence);
    return true;
  }

  timerEnded(what: string): void {
    this.expectedEnded.push({ kind: 'timer', label: `${what} of ${TRACKER_SYNC_ID}` });
  }

  chunksEnded(how: string): void {
    for (const [seq, chunk] of this.chunks) {
      this.expectedEnded.push({
        kind: 'chunk',
        object: this.chunkNumber(chunk),
        label: `chunk ${seq} of ${TRACKER_SYNC_ID}, ${how}`,
      });
    }
  }

  cancelTick(): void {
    if (this.tickDue !== undefined) this.timerEnded('tick, cancelled');
    this.tickDue = undefined;
  }

  cancelDeadline(): void {
    if (this.deadlineDue !== undefined) this.timerEnded('deadline, cancelled');
    this.deadlineDue = undefined;
  }

  clearData(announce: boolean): void {
    if (announce) this.chunksEnded('dropped');
    this.chunks.clear();
    this.postSync = [];
  }

  end(state: TrackerState): void {
    this.state = state;
    this.endedAt = this.runtime.now();
    this.cancelTick();
    this.cancelDeadline();
    if (state === 'applied') this.chunksEnded('applied');
  }

  markApplied(): void {
    this.end('applied');
  }

  markFailed(): void {
    this.end('failed');
    this.clearData(true);
  }

  stop(): void {
    // An ended tracker keeps its state; an applied one announced its chunks' end already.
    if (this.state !== 'collecting') {
      this.clearData(this.state !== 'applied');
      return;
    }
    const { stoppedTrackerMayApply: mayApply, stoppedTrackerMayFail: mayFail } = this.faults;
    if (!mayApply && !mayFail) {
      this.end('stopped');
      this.clearData(true);
      return;
    }
    // The reference's loop sees the stop late: what it may still do keeps running.
    this.state = 'stopped';
    this.endedAt = this.runtime.now();
    if (!mayApply) this.cancelTick();
    if (!mayFail) this.cancelDeadline();
    if (!mayApply) this.clearData(true);
  }

  react(reaction: Reaction): void {
    if (reaction === 'apply') this.markApplied();
    else if (reaction === 'fail') this.markFailed();
    else if (reaction === 'stop') this.stop();
  }

  tickFired(reaction: Reaction): void {
    this.tickDue = undefined;
    this.timerEnded('tick');
    const stoppedButTicking = this.state === 'stopped' && this.faults.stoppedTrackerMayApply;
    if (this.state !== 'collecting' && !stoppedButTicking) return;
    if (this.hasAll()) {
      this.expectedCalls.push(`complete on tick at ${this.runtime.now()}`);
      this.react(reaction);
    } else if (this.state === 'collecting') {
      this.tickDue = this.runtime.now() + this.timing.tickIntervalMs;
    }
  }

  deadlineFired(reaction: Reaction): void {
    this.deadlineDue = undefined;
    this.timerEnded('deadline');
    if (this.state !== 'collecting' && !this.faults.stoppedTrackerMayFail) return;
    if (this.hasAll() && this.state === 'collecting' && !this.faults.deadlineBeatsCompleteSync) {
      this.expectedCalls.push(`complete on deadline at ${this.runtime.now()}`);
    } else {
      this.expectedCalls.push(`deadline at ${this.runtime.now()}`);
    }
    this.react(reaction);
  }

  timers(): { label: string; dueAt: number }[] {
    const timers: { label: string; dueAt: number }[] = [];
    if (this.deadlineDue !== undefined) timers.push({ label: `deadline ${TRACKER_SYNC_ID}`, dueAt: this.deadlineDue });
    if (this.tickDue !== undefined) timers.push({ label: `tick ${TRACKER_SYNC_ID}`, dueAt: this.tickDue });
    return timers;
  }
}
