import fc from 'fast-check';
import { expect, test } from 'vitest';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/engine/budget.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import type { ApiSession } from '../src/session/messages.js';
import { ReceiveQueue, type SyncRequest } from '../src/session/ReceiveQueue.js';
import { type LifecycleKind, type RouterEvent, RouterEvents } from '../src/session/RouterEvents.js';

// The receive queue on its own, against a plain array. In the whole router the handler
// and the receive loop around it hide most of what it does: its scheduling, its queries
// and its compaction change nothing the router's properties read. Here every step is
// compared with the model: what the consumer is handed, how many consumer tasks wait,
// every query, and what an observer is told has ended.

/** What one push sends, before it is made into a request with fresh session arrays. */
type RequestShape =
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
type WhileConsuming =
  | { readonly op: 'nothing' }
  | { readonly op: 'push'; readonly request: RequestShape }
  | { readonly op: 'drop'; readonly syncIndex: number }
  | { readonly op: 'stop' };

type QueueStep =
  | { readonly op: 'push'; readonly request: RequestShape }
  | { readonly op: 'run'; readonly whileConsuming: WhileConsuming }
  | { readonly op: 'stop' }
  | { readonly op: 'restart' }
  | { readonly op: 'drop'; readonly syncIndex: number };

/** Who hears the queue's announcements: nobody, an events object no one listens to, a listener. */
type Observer = 'no events' | 'unobserved' | 'observed';

const SYNC_IDS = 3;
const syncIndexArb = fc.nat(SYNC_IDS - 1);
const sessionCountArb = fc.nat(3);

const requestShapeArb: fc.Arbitrary<RequestShape> = fc.oneof(
  fc.record({
    kind: fc.constant('chunk'),
    syncIndex: syncIndexArb,
    sequence: fc.nat(4),
    isLast: fc.boolean(),
    sessions: sessionCountArb,
  }),
  fc.record({ kind: fc.constant('post-sync'), syncIndex: syncIndexArb, sessions: sessionCountArb }),
  fc.record({ kind: fc.constant('fail'), syncIndex: syncIndexArb }),
  fc.record({ kind: fc.constant('legacy'), sessions: sessionCountArb }),
);

/**
 * Steps with stops and drops `disruptions` times as likely as a restart: at 0 neither
 * happens, so a long case consumes past COMPACTION_HEAD and compacts while requests wait.
 */
function stepArb(disruptions: number): fc.Arbitrary<QueueStep> {
  const whileConsuming: fc.Arbitrary<WhileConsuming> = fc.oneof(
    { weight: 12, arbitrary: fc.constant({ op: 'nothing' } as const) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant('push'), request: requestShapeArb }) },
    { weight: disruptions, arbitrary: fc.record({ op: fc.constant('drop'), syncIndex: syncIndexArb }) },
    { weight: disruptions, arbitrary: fc.constant({ op: 'stop' } as const) },
  );
  return fc.oneof(
    // Pushes a little likelier than runs, so requests wait while others are consumed.
    { weight: 11, arbitrary: fc.record({ op: fc.constant('push'), request: requestShapeArb }) },
    { weight: 10, arbitrary: fc.record({ op: fc.constant('run'), whileConsuming }) },
    { weight: disruptions, arbitrary: fc.constant({ op: 'stop' } as const) },
    { weight: 1, arbitrary: fc.constant({ op: 'restart' } as const) },
    { weight: disruptions, arbitrary: fc.record({ op: fc.constant('drop'), syncIndex: syncIndexArb }) },
  );
}

/** Requests consumed since the queue last rebuilt its array (stop, drop), past which it compacts. */
const COMPACTION_HEAD = 64;

const queueCaseArb = fc.record({
  syncIds: fc.uniqueArray(fc.string({ unit: fc.constantFrom('0', 'A', 'a', 'z', '-'), minLength: 1, maxLength: 2 }), {
    minLength: SYNC_IDS,
    maxLength: SYNC_IDS,
  }),
  capacity: fc.nat(6),
  observer: fc.constantFrom<Observer>('no events', 'unobserved', 'observed'),
  steps: fc.oneof(
    fc.array(stepArb(1), { maxLength: 120, size: 'max' }),
    fc.array(stepArb(0), { maxLength: 5 * COMPACTION_HEAD, size: 'max' }),
  ),
});

/** An id no request of the case carries: no failure is queued for it. */
const UNUSED_SYNC_ID = 'never-queued';

/** What an observer is told: the object whose life ended, and as what. */
interface Ended {
  readonly kind: LifecycleKind;
  readonly object: object;
}

/**
 * The queue as a plain array and two flags. A consumer task is pending from the push or
 * restart that finds work and none pending, until it runs; a stop does not take it back,
 * and a task run while stopped consumes nothing.
 */
class QueueModel {
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

/** Everything the queue answers, read the same way off the queue and the model. */
interface QueueReadings {
  readonly length: number;
  readonly blockedSenders: number;
  readonly highWaterMark: number;
  readonly postSyncSessionsQueued: number;
  readonly queuedFailures: readonly (string | undefined)[];
  /** Tasks pending on the runtime: only the consumer's. */
  readonly consumerTasks: number;
  /** Tasks the step ran. */
  readonly tasksRun: number;
}

function sameReadings(a: QueueReadings, b: QueueReadings): boolean {
  return (
    a.length === b.length &&
    a.blockedSenders === b.blockedSenders &&
    a.highWaterMark === b.highWaterMark &&
    a.postSyncSessionsQueued === b.postSyncSessionsQueued &&
    a.consumerTasks === b.consumerTasks &&
    a.tasksRun === b.tasksRun &&
    a.queuedFailures.length === b.queuedFailures.length &&
    a.queuedFailures.every((reason, i) => reason === b.queuedFailures[i])
  );
}

function sameObjects(a: readonly object[], b: readonly object[]): boolean {
  return a.length === b.length && a.every((object, i) => object === b[i]);
}

function sameEnded(a: readonly Ended[], b: readonly Ended[]): boolean {
  return a.length === b.length && a.every((ended, i) => ended.kind === b[i]?.kind && ended.object === b[i]?.object);
}

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
 * Runs one case, comparing queue and model after every step. Returns whether the queue
 * consumed more than COMPACTION_HEAD requests in one stretch while others still waited.
 */
function runQueueCase(
  syncIds: readonly string[],
  capacity: number,
  observer: Observer,
  steps: readonly QueueStep[],
): boolean {
  const runtime = new VirtualRuntime();
  const events = observer === 'no events' ? undefined : new RouterEvents();
  const heard: Ended[] = [];
  if (observer === 'observed') {
    events?.subscribe((event: RouterEvent) => {
      if (event.type !== 'ended') throw new Error(`the queue emitted a ${event.type} event`);
      heard.push({ kind: event.kind, object: event.object });
    });
  }
  const model = new QueueModel(observer === 'observed');
  const expectedEnded: Ended[] = [];
  const consumed: SyncRequest[] = [];
  let whileConsuming: WhileConsuming = { op: 'nothing' };
  let serial = 0;
  let compacted = false;

  const syncIdAt = (index: number): string => {
    const id = syncIds[index];
    if (id === undefined) throw new Error(`no sync id at ${index}`);
    return id;
  };
  const makeRequest = (shape: RequestShape): SyncRequest => {
    serial++;
    switch (shape.kind) {
      case 'chunk':
        return {
          kind: 'chunk',
          syncState: { id: syncIdAt(shape.syncIndex), sequence: shape.sequence, isLast: shape.isLast },
          sessions: sessionsOf(shape.sessions, serial),
        };
      case 'post-sync':
        return { kind: 'post-sync', syncId: syncIdAt(shape.syncIndex), sessions: sessionsOf(shape.sessions, serial) };
      case 'fail':
        // Reasons differ per push, so the first queued failure is told from a later one.
        return { kind: 'fail', syncId: syncIdAt(shape.syncIndex), reason: `failure ${serial}` };
      case 'legacy':
        return { kind: 'legacy', sessions: sessionsOf(shape.sessions, serial) };
    }
  };

  const queue: ReceiveQueue = new ReceiveQueue(
    runtime,
    capacity,
    (request) => {
      consumed.push(request);
      // The nested step goes to the model here too, at the same point of the consumer's run.
      const nested = whileConsuming;
      whileConsuming = { op: 'nothing' };
      switch (nested.op) {
        case 'nothing':
          return;
        case 'push': {
          const inner = makeRequest(nested.request);
          model.push(inner);
          queue.push(inner);
          return;
        }
        case 'drop':
          model.drop(syncIdAt(nested.syncIndex), expectedEnded);
          queue.dropPostSyncOf(syncIdAt(nested.syncIndex));
          return;
        case 'stop':
          model.stop(expectedEnded);
          queue.stop();
          return;
      }
    },
    events,
  );

  const idsAsked = [...syncIds, UNUSED_SYNC_ID];
  const readQueue = (tasksRun: number): QueueReadings => ({
    length: queue.length(),
    blockedSenders: queue.blockedSenders(),
    highWaterMark: queue.highWaterMark(),
    postSyncSessionsQueued: queue.postSyncSessionsQueued(),
    queuedFailures: idsAsked.map((id) => queue.queuedFailureOf(id)),
    consumerTasks: runtime.runnableCount(),
    tasksRun,
  });
  const readModel = (tasksRun: number): QueueReadings => ({
    length: model.waiting.length,
    blockedSenders: Math.max(0, model.waiting.length - capacity),
    highWaterMark: model.highWater,
    postSyncSessionsQueued: model.postSyncSessions(),
    queuedFailures: idsAsked.map((id) => model.failureOf(id)),
    consumerTasks: model.consumerPending ? 1 : 0,
    tasksRun,
  });

  for (const [index, step] of steps.entries()) {
    consumed.length = 0;
    heard.length = 0;
    expectedEnded.length = 0;
    const expectedConsumed: SyncRequest[] = [];
    let tasksRun = 0;
    let expectedTasksRun = 0;
    switch (step.op) {
      case 'push': {
        const request = makeRequest(step.request);
        model.push(request);
        queue.push(request);
        break;
      }
      case 'run': {
        if (model.consumerPending) {
          expectedTasksRun = 1;
          const next = model.takeNext();
          if (next !== undefined) {
            expectedConsumed.push(next);
            whileConsuming = step.whileConsuming;
          }
          tasksRun = runtime.runRunnable({ maxSteps: 1 });
          whileConsuming = { op: 'nothing' };
          if (next !== undefined) model.afterConsuming();
        } else {
          tasksRun = runtime.runRunnable({ maxSteps: 1 });
        }
        break;
      }
      case 'stop':
        model.stop(expectedEnded);
        queue.stop();
        break;
      case 'restart':
        model.restart();
        queue.restart();
        break;
      case 'drop':
        model.drop(syncIdAt(step.syncIndex), expectedEnded);
        queue.dropPostSyncOf(syncIdAt(step.syncIndex));
        break;
    }
    if (model.consumedSinceRebuild > COMPACTION_HEAD && model.waiting.length > 0) compacted = true;
    const actual = readQueue(tasksRun);
    const expected = readModel(expectedTasksRun);
    // Compared by hand first: a full expect on every step would cost more than the queue does.
    if (!sameReadings(actual, expected)) expect({ index, step, ...actual }).toEqual({ index, step, ...expected });
    if (!sameObjects(consumed, expectedConsumed)) {
      expect({ index, step, consumed }).toEqual({ index, step, consumed: expectedConsumed });
      expect.fail(`step ${index}: the consumer was handed a copy, not the request object pushed`);
    }
    if (!sameEnded(heard, expectedEnded)) {
      expect({ index, step, heard }).toEqual({ index, step, heard: expectedEnded });
      expect.fail(`step ${index}: an ended announcement names a copy, not the sessions array pushed`);
    }
  }
  return compacted;
}

test('queue: the receive queue consumes, drops, answers and announces as a plain array does', () => {
  let compactingCases = 0;
  let runs = 0;
  fc.assert(
    fc.property(queueCaseArb, ({ syncIds, capacity, observer, steps }) => {
      runs++;
      if (runQueueCase(syncIds, capacity, observer, steps)) compactingCases++;
    }),
    { seed: seedFromEnvironment(), numRuns: runsFromEnvironment() },
  );
  // The generator must keep reaching the compaction in shift(), or its mutants go untested.
  expect(compactingCases).toBeGreaterThan(runs / 10);
});
