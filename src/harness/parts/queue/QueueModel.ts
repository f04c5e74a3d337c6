import type { SyncRequest } from '../../../session/ReceiveQueue.js';
import type { LifecycleKind } from '../../../session/RouterEvents.js';

/** Requests consumed since the queue last rebuilt its array (stop, drop), past which it compacts. */
export const COMPACTION_HEAD = 64;

/** What an observer is told: the object whose life ended, and as what. */
export interface Ended {
  readonly kind: LifecycleKind;
  readonly object: object;
}

/**
 * The queue as a plain array and two flags. A consumer task is pending from the push or
 * restart that finds work and none pending, until it runs; a stop does not take it back,
 * and a task run while stopped consumes nothing.
 */
export class QueueModel {
  waiting: SyncRequest[] = [];
  running = true;
  consumerPending = false;
  highWater = 0;
  /** Requests consumed since the array was last emptied or filtered (stop, drop). */
  consumedSinceRebuild = 0;

  constructor(private readonly observed: boolean) {}

  push(request: SyncRequest): void {
    this.waiting.push(request);
    this.highWater = Math.max(this.highWater, this.waiting.length);
    if (this.running) this.consumerPending = true;
  }

  /** The consumer task runs: the request it takes, if any. */
  takeNext(): SyncRequest | undefined {
    this.consumerPending = false;
    if (!this.running) return undefined;
    const request = this.waiting.shift();
    if (request !== undefined) this.consumedSinceRebuild++;
    return request;
  }

  /** After the consumer handled a request: it waits again if there is more. */
  afterConsuming(): void {
    if (this.running && this.waiting.length > 0) this.consumerPending = true;
  }

  stop(announce: Ended[]): void {
    this.running = false;
    if (this.observed) {
      for (const request of this.waiting) {
        if (request.kind === 'fail') continue;
        announce.push({ kind: request.kind === 'post-sync' ? 'post-sync batch' : 'chunk', object: request.sessions });
      }
    }
    this.waiting = [];
    this.consumedSinceRebuild = 0;
  }

  restart(): void {
    this.running = true;
    if (this.waiting.length > 0) this.consumerPending = true;
  }

  drop(syncId: string, announce: Ended[]): void {
    const kept: SyncRequest[] = [];
    for (const request of this.waiting) {
      if (request.kind === 'post-sync' && request.syncId === syncId) {
        if (this.observed) announce.push({ kind: 'post-sync batch', object: request.sessions });
      } else {
        kept.push(request);
      }
    }
    this.waiting = kept;
    this.consumedSinceRebuild = 0;
  }

  postSyncSessions(): number {
    let total = 0;
    for (const request of this.waiting) if (request.kind === 'post-sync') total += request.sessions.length;
    return total;
  }

  failureOf(syncId: string): string | undefined {
    const failure = this.waiting.find((request) => request.kind === 'fail' && request.syncId === syncId);
    return failure?.kind === 'fail' ? failure.reason : undefined;
  }
}
