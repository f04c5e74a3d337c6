import type { Runtime } from '../runtime/Runtime.js';
import type { ApiSession, SyncState } from './messages.js';
import type { RouterEvents } from './RouterEvents.js';

/** What the ApiSessionAdded handler hands to the receive loop, in message order. */
export type SyncRequest =
  | { readonly kind: 'legacy'; readonly sessions: readonly ApiSession[] }
  | {
      readonly kind: 'chunk';
      readonly syncState: SyncState;
      readonly sessions: readonly ApiSession[];
      /** On a sync's first chunk: the largest id cached before it, a floor for the removal bound. */
      readonly removalFloor?: string;
    }
  /** Live adds seen while `syncId` was in progress, so that sync does not delete them. */
  | { readonly kind: 'post-sync'; readonly syncId: string; readonly sessions: readonly ApiSession[] }
  /** The handler saw a broken chunk of `syncId`: end that sync and ask for another. */
  | { readonly kind: 'fail'; readonly syncId: string; readonly reason: string };

/**
 * The FIFO between the handler and the receive loop (upstream: a channel of 100).
 * A push past capacity waits in line, as a blocked sender would; nothing is dropped.
 * The consumer runs one request per task, so every request is a scheduling point.
 */
export class ReceiveQueue {
  /** Consumed slots before `head` are cleared, so a request is referenced only while it waits. */
  private items: (SyncRequest | undefined)[] = [];
  private head = 0;
  private consumerScheduled = false;
  private running = true;
  private highWater = 0;

  constructor(
    private readonly runtime: Runtime,
    readonly capacity: number,
    private readonly consume: (request: SyncRequest) => void,
    private readonly events?: RouterEvents,
  ) {}

  push(request: SyncRequest): void {
    this.items.push(request);
    this.highWater = Math.max(this.highWater, this.length());
    this.scheduleConsumer();
  }

  length(): number {
    return this.items.length - this.head;
  }

  /** Requests beyond capacity: senders that upstream would have blocked. */
  blockedSenders(): number {
    return Math.max(0, this.length() - this.capacity);
  }

  highWaterMark(): number {
    return this.highWater;
  }

  postSyncSessionsQueued(): number {
    let count = 0;
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i];
      // Stryker disable next-line OptionalChaining: equivalent, no slot from head on is empty (only consumed ones are cleared)
      if (item?.kind === 'post-sync') count += item.sessions.length;
    }
    return count;
  }

  /** The reason of a failure of `syncId` the handler queued and the receive loop has not reached. */
  queuedFailureOf(syncId: string): string | undefined {
    for (let i = this.head; i < this.items.length; i++) {
      const item = this.items[i];
      // Stryker disable next-line OptionalChaining: equivalent, as above
      if (item?.kind === 'fail' && item.syncId === syncId) return item.reason;
    }
    return undefined;
  }

  /** Drops queued post-sync data of a sync that has ended: those sessions are cached already. */
  dropPostSyncOf(syncId: string): void {
    this.compact((item) => {
      if (!(item.kind === 'post-sync' && item.syncId === syncId)) return true;
      this.events?.ended('post-sync batch', item.sessions, `post-sync data of ${syncId}, dropped: its sync ended`);
      return false;
    });
  }

  /** Stops the loop and drops every request (channel closed). */
  stop(): void {
    this.running = false;
    if (this.events?.observed) {
      for (let i = this.head; i < this.items.length; i++) {
        const item = this.items[i];
        if (item === undefined || item.kind === 'fail') continue;
        const kind = item.kind === 'post-sync' ? 'post-sync batch' : 'chunk';
        this.events.ended(kind, item.sessions, `${describeRequest(item)}, dropped: the channel closed`);
      }
    }
    this.items = [];
    this.head = 0;
  }

  restart(): void {
    this.running = true;
    this.scheduleConsumer();
  }

  private scheduleConsumer(): void {
    if (this.consumerScheduled || !this.running || this.length() === 0) return;
    this.consumerScheduled = true;
    this.runtime.spawn(
      () => `receive loop: ${describeRequest(this.items[this.head])}`,
      () => {
        this.consumerScheduled = false;
        if (!this.running) return;
        const request = this.shift();
        if (request !== undefined) this.consume(request);
        this.scheduleConsumer();
      },
    );
  }

  private shift(): SyncRequest | undefined {
    if (this.head >= this.items.length) return undefined;
    const request = this.items[this.head];
    // A consumed request must not outlive its handling: the queue may then sit idle for hours.
    this.items[this.head] = undefined;
    this.head++;
    // Compact now and then so the array does not grow with consumed slots.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator: equivalent but for memory and time, compaction keeps the waiting requests in order
    if (this.head > 64 && this.head * 2 > this.items.length) this.compact(() => true);
    return request;
  }

  private compact(keep: (item: SyncRequest) => boolean): void {
    this.items = this.items.slice(this.head).filter((item): item is SyncRequest => item !== undefined && keep(item));
    this.head = 0;
  }
}

/** The request the receive loop takes next, in a few words. */
function describeRequest(request: SyncRequest | undefined): string {
  switch (request?.kind) {
    case undefined:
      return 'nothing queued';
    case 'chunk':
      return `${request.syncState.id} chunk ${request.syncState.sequence}${request.syncState.isLast ? ' (last)' : ''}`;
    case 'post-sync':
      return `${request.sessions.length} post-sync session(s) of ${request.syncId}`;
    case 'fail':
      return `fail ${request.syncId}`;
    case 'legacy':
      return `legacy sync of ${request.sessions.length} session(s)`;
  }
}
