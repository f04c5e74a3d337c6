import type { FaultFlags } from '../../../faults.js';
import { formatSyncId, type SyncRecord } from '../../../session/Controller.js';
import { type ApiSession, fullSyncChunk, type WireMessage } from '../../../session/messages.js';

/** A full sync as the model expects it; `snapshot` is the tokens taken when chunk 0 goes out. */
export interface ExpectedSync extends SyncRecord {
  snapshot: string[] | undefined;
}

export const recordOf = ({ snapshot: _snapshot, ...record }: ExpectedSync): SyncRecord => record;

export interface Sent {
  /** Which of the uplinks handed to the controller carried it, counted from 1. */
  readonly uplink: number;
  readonly message: WireMessage;
}

/**
 * The controller's promises, kept by hand: live sessions and their events on the uplink;
 * a full sync per connect, request or call, snapshotted when chunk 0 goes out and sent
 * one chunk per task; a newer sync or a disconnect abandons the one streaming.
 */
export class ControllerModel {
  readonly sessions = new Map<string, ApiSession>();
  /** Every token issued, oldest first, ended ones too. */
  readonly issued: string[] = [];
  readonly fingerprints = new Set<string>();
  uplink: number | undefined;
  streaming: ExpectedSync | undefined;
  readonly history: ExpectedSync[] = [];
  /** Chunk tasks in spawn order, each with its sync. */
  readonly tasks: ExpectedSync[] = [];
  syncsBegun = 0;
  resyncRequests = 0;
  readonly expectedSent: Sent[] = [];

  constructor(
    readonly chunkSize: number,
    private readonly faults: FaultFlags,
  ) {}

  send(message: WireMessage): void {
    if (this.uplink !== undefined) this.expectedSent.push({ uplink: this.uplink, message });
  }

  startSync(reason: string): string {
    const sync: ExpectedSync = {
      syncId: formatSyncId(++this.syncsBegun),
      // This model of the controller never restarts.
      life: 0,
      reason,
      chunksSent: 0,
      sessionsSent: 0,
      snapshotSize: undefined,
      totalChunks: undefined,
      complete: false,
      snapshot: undefined,
    };
    this.history.push(sync);
    this.streaming = sync;
    this.tasks.push(sync);
    return sync.syncId;
  }

  runTask(index: number): void {
    const [sync] = this.tasks.splice(index, 1);
    if (sync === undefined || sync !== this.streaming) return;
    // Begun with no router connected: nobody to send it to, so it is over, incomplete.
    if (this.uplink === undefined) {
      this.streaming = undefined;
      return;
    }
    sync.snapshot ??= [...this.sessions.keys()];
    const snapshot = sync.snapshot;
    const totalChunks = Math.max(1, Math.ceil(snapshot.length / this.chunkSize));
    sync.snapshotSize = snapshot.length;
    sync.totalChunks = totalChunks;
    if (this.faults.lastChunkNeverMarked && snapshot.length === 0) {
      this.finish(sync);
      return;
    }
    const sequence = sync.chunksSent;
    const sessions = snapshot
      .slice(sequence * this.chunkSize, (sequence + 1) * this.chunkSize)
      .flatMap((token) => this.sessions.get(token) ?? []);
    const final = sequence === totalChunks - 1;
    const isLast = final && !(this.faults.lastChunkNeverMarked && snapshot.length % this.chunkSize === 0);
    this.send(fullSyncChunk({ id: sync.syncId, isLast, sequence }, sessions));
    sync.chunksSent++;
    sync.sessionsSent += sessions.length;
    if (final) this.finish(sync);
    else this.tasks.push(sync);
  }

  private finish(sync: ExpectedSync): void {
    sync.complete = true;
    this.streaming = undefined;
  }
}
