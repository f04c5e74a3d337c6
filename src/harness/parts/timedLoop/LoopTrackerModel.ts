import type { ApiSession } from '../../../session/messages.js';
import type { TrackerState } from '../../../session/SyncTracker.js';

/** A pending timer of a tracker: when it falls due, and its place among timers set at that time. */
export interface TimerModel {
  readonly dueAt: number;
  readonly order: number;
}

/** One tracker the receive loop started, as its contract says it holds and times its sync. */
export class LoopTrackerModel {
  state: TrackerState = 'collecting';
  readonly chunks = new Map<number, readonly ApiSession[]>();
  postSync: ApiSession[] = [];
  lastSequence = -1;
  highestSequence = -1;
  tick: TimerModel | undefined;
  deadline: TimerModel | undefined;

  constructor(
    readonly syncId: string,
    readonly serial: number,
    /** Closes of the connection before this tracker began: it belongs to the connection after them. */
    readonly connection: number,
    /** Sessions up to this id predate the snapshot. */
    readonly floor: string,
  ) {}

  addChunk(sequence: number, isLast: boolean, sessions: readonly ApiSession[]): void {
    if (this.chunks.has(sequence)) return;
    this.chunks.set(sequence, sessions);
    if (isLast) this.lastSequence = sequence;
    this.highestSequence = Math.max(this.highestSequence, sequence);
  }

  /** Every sequence from 0 to the last, and none past it. */
  hasAll(): boolean {
    if (this.lastSequence < 0) return false;
    for (let sequence = 0; sequence <= this.lastSequence; sequence++) if (!this.chunks.has(sequence)) return false;
    return this.chunks.size === this.lastSequence + 1;
  }

  /** The first five sequences not in, up to the last (or one past the highest while no last is known). */
  missing(): number[] {
    const upTo = this.lastSequence >= 0 ? this.lastSequence : this.highestSequence + 1;
    const missing: number[] = [];
    for (let sequence = 0; sequence <= upTo; sequence++) if (!this.chunks.has(sequence)) missing.push(sequence);
    return missing.slice(0, 5);
  }

  /** The chunks 0 to the last in order, then the post-sync sessions. */
  all(): ApiSession[] {
    const sessions: ApiSession[] = [];
    for (let sequence = 0; sequence <= this.lastSequence; sequence++) {
      sessions.push(...(this.chunks.get(sequence) ?? []));
    }
    return [...sessions, ...this.postSync];
  }

  clearData(): void {
    this.chunks.clear();
    this.postSync = [];
  }

  /** Applied or failed: its timers end; a failed one drops what it held. */
  end(state: 'applied' | 'failed'): void {
    this.state = state;
    this.tick = undefined;
    this.deadline = undefined;
    if (state === 'failed') this.clearData();
  }

  /** It reported a failure that hit another tracker: a collecting one fails, any other stops ticking and drops its data. */
  endAfterFailing(): void {
    if (this.state === 'collecting') {
      this.end('failed');
      return;
    }
    this.tick = undefined;
    this.clearData();
  }

  /**
   * Stopped by the loop. One that ended keeps its state. A collecting one stops, but under
   * the stop faults its tick (and with it its data) or its deadline still runs.
   */
  stop(mayApply: boolean, mayFail: boolean): void {
    if (this.state !== 'collecting') {
      this.clearData();
      return;
    }
    this.state = 'stopped';
    if (!mayApply) {
      this.tick = undefined;
      this.clearData();
    }
    if (!mayFail) this.deadline = undefined;
  }
}
