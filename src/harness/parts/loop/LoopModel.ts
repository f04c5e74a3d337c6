import type { RouterEvent } from '../../../session/RouterEvents.js';

interface Held {
  readonly syncId: string;
  readonly chunks: Map<number, boolean>;
  /** The sessions array of each sequence's first copy: what the tracker holds until it ends. */
  readonly arrays: object[];
}

export type Announced = Extract<
  RouterEvent,
  { type: 'sync-failed' } | { type: 'closed' } | { type: 'tracker-replaced' } | { type: 'sync-started' }
>;

/** The event types the loop announces that the model writes out. */
export const ANNOUNCED_TYPES: readonly string[] = ['sync-failed', 'closed', 'tracker-replaced', 'sync-started'];

/** What the loop must do with each request, written from its contract. */
export class LoopModel {
  held: Held | undefined;
  endedThrough = '';
  stale = 0;
  started = 0;
  failed = 0;
  aborted = 0;
  resyncs = 0;
  /** Trackers that ended (failed, replaced, stopped by a close): each announced ended and released once. */
  trackersEnded = 0;
  readonly announced: Announced[] = [];

  chunk(syncId: string, sequence: number, isLast: boolean, sessions: object): void {
    if (syncId <= this.endedThrough) {
      this.stale++;
      return;
    }
    if (this.held === undefined || this.held.syncId < syncId) {
      if (this.held !== undefined) {
        this.aborted++;
        this.trackersEnded++;
        this.announced.push({ type: 'tracker-replaced', syncId: this.held.syncId, complete: this.hasAll(this.held) });
      }
      this.started++;
      this.held = { syncId, chunks: new Map(), arrays: [] };
      this.announced.push({ type: 'sync-started', syncId, serial: this.started });
    } else if (this.held.syncId > syncId) {
      this.stale++;
      return;
    }
    if (!this.held.chunks.has(sequence)) {
      this.held.chunks.set(sequence, isLast);
      this.held.arrays.push(sessions);
    }
  }

  hasAll(held: Held): boolean {
    const last = [...held.chunks].filter(([, isLast]) => isLast).map(([seq]) => seq);
    const lastSeq = last.at(-1);
    if (lastSeq === undefined || held.chunks.size !== lastSeq + 1) return false;
    return [...held.chunks.keys()].every((seq) => seq <= lastSeq);
  }

  missing(held: Held): number[] {
    const lasts = [...held.chunks].filter(([, isLast]) => isLast).map(([seq]) => seq);
    const upTo = lasts.at(-1) ?? Math.max(...held.chunks.keys()) + 1;
    const missing: number[] = [];
    for (let seq = 0; seq <= upTo && missing.length < 5; seq++) if (!held.chunks.has(seq)) missing.push(seq);
    return missing;
  }

  fail(syncId: string): void {
    if (syncId <= this.endedThrough) return;
    const held = this.held?.syncId === syncId ? this.held : undefined;
    this.failed++;
    this.resyncs++;
    if (held !== undefined) this.trackersEnded++;
    this.announced.push({
      type: 'sync-failed',
      syncId,
      cause: 'broken-chunk',
      missing: held === undefined ? [] : this.missing(held),
      complete: held === undefined ? false : this.hasAll(held),
    });
    if (held !== undefined) this.held = undefined;
    if (syncId > this.endedThrough) this.endedThrough = syncId;
  }

  close(): void {
    const held = this.held;
    this.announced.push({
      type: 'closed',
      tracker: held === undefined ? 'none' : this.hasAll(held) ? 'complete' : 'collecting',
    });
    if (held !== undefined) {
      this.aborted++;
      this.trackersEnded++;
    }
    this.held = undefined;
    this.endedThrough = '';
  }
}
