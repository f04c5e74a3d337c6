import { VirtualRuntime } from '../../../runtime/VirtualRuntime.js';
import type { ApiSession } from '../../../session/messages.js';
import { ReceiveQueue, type SyncRequest } from '../../../session/ReceiveQueue.js';
import { type RouterEvent, RouterEvents } from '../../../session/RouterEvents.js';
import type { TraceState } from '../../engine/ModelSystem.js';
import { PartScenario } from '../PartScenario.js';
import { COMPACTION_HEAD, type Ended, QueueModel } from './QueueModel.js';

/** What one push sends, before it is made into a request with fresh session arrays. */
export type RequestShape =
  | {
      readonly kind: 'chunk';
      readonly syncIndex: number;
      readonly sequence: number;
      readonly isLast: boolean;
      readonly sessions: number;
    }
  | { readonly kind: 'post-sync'; readonly syncIndex: number; readonly sessions: number }
  | { readonly kind: 'fail'; readonly syncIndex: number }
  | { readonly kind: 'legacy'; readonly sessions: number };

/** What the consumer does while it handles a request: the receive loop drops post-sync data from inside it. */
export type WhileConsuming =
  | { readonly op: 'nothing' }
  | { readonly op: 'push'; readonly request: RequestShape }
  | { readonly op: 'drop'; readonly syncIndex: number }
  | { readonly op: 'stop' };

/** Who hears the queue's announcements: nobody, an events object no one listens to, a listener. */
export type Observer = 'no events' | 'unobserved' | 'observed';

/** The behaviour the generator must keep reaching, or the compaction's mutants go untested. */
export const COMPACTED = 'compacted while requests waited';

/** An id no request of the case carries: no failure is queued for it. */
export const UNUSED_SYNC_ID = 'never-queued';

/** Sessions enough to tell arrays apart by identity and to count; nothing reads their content. */
function sessionsOf(count: number, serial: number): ApiSession[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `${serial}-${i}`,
    token: `token-${serial}-${i}`,
    identityId: 'identity',
    certFingerprints: [],
  }));
}

/**
 * The receive queue and its model, fed the same steps; what the last step handed the
 * consumer and announced ended, on both sides, for the queue's invariant.
 */
export class QueueScenario extends PartScenario {
  readonly runtime = new VirtualRuntime();
  readonly events: RouterEvents | undefined;
  readonly model: QueueModel;
  readonly queue: ReceiveQueue;
  /** Ended announcements the observer heard during the step. */
  readonly heard: Ended[] = [];
  /** What the model says the step announces ended. */
  readonly expectedEnded: Ended[] = [];
  /** Requests the consumer was handed during the step. */
  readonly consumed: SyncRequest[] = [];
  readonly expectedConsumed: SyncRequest[] = [];
  tasksRun = 0;
  expectedTasksRun = 0;
  /** What the consumer does inside its next run, set by a `run` step. */
  whileConsuming: WhileConsuming = { op: 'nothing' };
  private serial = 0;

  constructor(
    readonly syncIds: readonly string[],
    readonly capacity: number,
    observer: Observer,
  ) {
    super();
    this.events = observer === 'no events' ? undefined : new RouterEvents();
    if (observer === 'observed') {
      this.events?.subscribe((event: RouterEvent) => {
        if (event.type !== 'ended') throw new Error(`the queue emitted a ${event.type} event`);
        this.heard.push({ kind: event.kind, object: event.object });
      });
    }
    this.model = new QueueModel(observer === 'observed');
    this.queue = new ReceiveQueue(this.runtime, capacity, (request) => this.consume(request), this.events);
  }

  /** Each step is judged on what it alone handed out and announced. */
  override beginEntry(): void {
    this.consumed.length = 0;
    this.expectedConsumed.length = 0;
    this.heard.length = 0;
    this.expectedEnded.length = 0;
    this.tasksRun = 0;
    this.expectedTasksRun = 0;
  }

  /** The consumer: it records the request and does the nested step, to the model too, at the same point. */
  private consume(request: SyncRequest): void {
    this.consumed.push(request);
    const nested = this.whileConsuming;
    this.whileConsuming = { op: 'nothing' };
    switch (nested.op) {
      case 'nothing':
        return;
      case 'push': {
        const inner = this.makeRequest(nested.request);
        this.model.push(inner);
        this.queue.push(inner);
        return;
      }
      case 'drop':
        this.drop(nested.syncIndex);
        return;
      case 'stop':
        this.stop();
        return;
    }
  }

  /** The queue consumed past COMPACTION_HEAD in one stretch while others still waited: it compacted. */
  noteCompaction(): void {
    if (this.model.consumedSinceRebuild > COMPACTION_HEAD && this.model.waiting.length > 0) {
      this.reached.add(COMPACTED);
    }
  }

  push(shape: RequestShape): void {
    const request = this.makeRequest(shape);
    this.model.push(request);
    this.queue.push(request);
  }

  stop(): void {
    this.model.stop(this.expectedEnded);
    this.queue.stop();
  }

  drop(syncIndex: number): void {
    this.model.drop(this.syncIdAt(syncIndex), this.expectedEnded);
    this.queue.dropPostSyncOf(this.syncIdAt(syncIndex));
  }

  syncIdAt(index: number): string {
    const id = this.syncIds[index % this.syncIds.length];
    if (id === undefined) throw new Error(`no sync id at ${index}`);
    return id;
  }

  private makeRequest(shape: RequestShape): SyncRequest {
    this.serial++;
    switch (shape.kind) {
      case 'chunk':
        return {
          kind: 'chunk',
          syncState: { id: this.syncIdAt(shape.syncIndex), sequence: shape.sequence, isLast: shape.isLast },
          sessions: sessionsOf(shape.sessions, this.serial),
        };
      case 'post-sync':
        return {
          kind: 'post-sync',
          syncId: this.syncIdAt(shape.syncIndex),
          sessions: sessionsOf(shape.sessions, this.serial),
        };
      case 'fail':
        // Reasons differ per push, so the first queued failure is told from a later one.
        return { kind: 'fail', syncId: this.syncIdAt(shape.syncIndex), reason: `failure ${this.serial}` };
      case 'legacy':
        return { kind: 'legacy', sessions: sessionsOf(shape.sessions, this.serial) };
    }
  }

  state(): TraceState {
    return {
      length: this.queue.length(),
      blocked: this.queue.blockedSenders(),
      tasks: this.runtime.runnableCount(),
    };
  }
}
