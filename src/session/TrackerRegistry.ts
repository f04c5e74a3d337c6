import type { SyncTracker, TrackerState } from './SyncTracker.js';

/** What is known of a tracker that may still be in the heap; plain data, holds no tracker. */
export interface LiveTrackerInfo {
  readonly serial: number;
  readonly syncId: string;
  readonly state: TrackerState;
  readonly startedAt: number;
  readonly endedAt: number | undefined;
  readonly chunks: number;
  readonly chunkSessions: number;
  readonly postSyncSessions: number;
}

/**
 * Weak references to every tracker ever created, so tests and the soak can ask which
 * are still in the heap without keeping any of them alive.
 */
export class TrackerRegistry {
  private readonly refs = new Map<number, WeakRef<SyncTracker>>();
  // Stryker disable next-line ArrowFunction: equivalent, memory only: `list()` drops a collected tracker's entry itself
  private readonly finalizer = new FinalizationRegistry<number>((serial) => this.refs.delete(serial));
  private serial = 0;

  /** The serial the next tracker gets. */
  nextSerial(): number {
    return this.serial + 1;
  }

  register(tracker: SyncTracker, serial: number): void {
    this.serial = Math.max(this.serial, serial);
    this.refs.set(serial, new WeakRef(tracker));
    this.finalizer.register(tracker, serial);
  }

  /** Trackers not yet collected; before a `gc()` this includes garbage awaiting collection. */
  list(): LiveTrackerInfo[] {
    const infos: LiveTrackerInfo[] = [];
    for (const [serial, ref] of this.refs) {
      const tracker = ref.deref();
      if (tracker === undefined) {
        this.refs.delete(serial);
        continue;
      }
      infos.push({
        serial,
        syncId: tracker.syncId,
        state: tracker.state,
        startedAt: tracker.startedAt,
        endedAt: tracker.endedAt,
        chunks: tracker.chunkCount(),
        chunkSessions: tracker.chunkSessionCount(),
        postSyncSessions: tracker.postSyncCount(),
      });
    }
    return infos;
  }

  /** How many `list()` would give, without describing each: `stats()` reads it after every step. */
  size(): number {
    let alive = 0;
    for (const [serial, ref] of this.refs) {
      if (ref.deref() === undefined) this.refs.delete(serial);
      else alive++;
    }
    return alive;
  }
}
