import fc from 'fast-check';
import { expect, test } from 'vitest';
import { FAULT_PROFILES, type FaultFlags } from '../src/faults.js';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/engine/budget.js';
import { VirtualRuntime } from '../src/runtime/VirtualRuntime.js';
import {
  ChannelNotAttachedError,
  type ChannelPeer,
  ControlChannel,
  type Direction,
  type Uplink,
} from '../src/session/ControlChannel.js';
import {
  Controller,
  ControllerInputError,
  formatSessionId,
  formatSyncId,
  type SyncRecord,
} from '../src/session/Controller.js';
import {
  type ApiSession,
  type ApiSessionAddedBody,
  ContentType,
  fullSyncChunk,
  liveAdd,
  resyncRequest,
  type SyncState,
  SyncStateHeader,
  sessionsRemoved,
  sessionsUpdated,
  type WireMessage,
} from '../src/session/messages.js';

// The router's peers in the model, the channel (ControlChannel.ts) and the controller
// (Controller.ts), against what their API says, misuse included. The router properties
// only use them as the harness does (peerActions.ts checks each request first), so their
// guards and bookkeeping go untested there; a hand-written scenario or an edited replay
// can misuse them, and a peer that quietly does less than asked makes a case test less
// than its steps say. Each property keeps a small model of its peer, step by step.

const RUNS = runsFromEnvironment();
const SEED = seedFromEnvironment();

/** What an untyped caller (a replay file) can pass where the types promise a value. */
const MISSING_PEER = undefined as unknown as ChannelPeer;
/** A hostile peer may put `undefined` on the wire itself; the channel must carry it like any message. */
const UNDEFINED_MESSAGE = undefined as unknown as WireMessage;

// ---------------------------------------------------------------------------------------
// The channel
// ---------------------------------------------------------------------------------------

type PeerName = 'router' | 'controller';

/** Everything the channel tells its peers and hooks, in the order it tells them. */
type ChannelEvent =
  | { readonly kind: 'connected' | 'disconnected'; readonly peer: PeerName }
  | { readonly kind: 'received'; readonly peer: PeerName; readonly message: WireMessage }
  | { readonly kind: 'delivered'; readonly direction: Direction; readonly message: WireMessage }
  | { readonly kind: 'closed'; readonly label: string };

/** A peer that only records: it never reacts, so every event it logs was the channel's doing. */

/** A model that knows the runtime's tasks in spawn order and what running one does. */
interface TaskModel {
  readonly tasks: readonly unknown[];
  runTask(index: number): void;
}

/** Runs the task at `pick` (modulo how many there are) in the runtime and in the model. */
function runOneTask(runtime: VirtualRuntime, model: TaskModel, pick: number): void {
  if (model.tasks.length === 0) return;
  const index = pick % model.tasks.length;
  expect(runtime.runAt(index).kind).toBe('task');
  model.runTask(index);
}

/** Runs every task, and those they spawn, in both; bounded, so that a peer that spawns forever fails here rather than hanging. */
function runAllTasks(runtime: VirtualRuntime, model: TaskModel): void {
  let expectedSteps = 0;
  for (; model.tasks.length > 0; expectedSteps++) model.runTask(0);
  expect(runtime.runRunnable({ maxSteps: expectedSteps + 1 })).toBe(expectedSteps);
}

class RecordingPeer implements ChannelPeer {
  /** Every uplink handed to it, oldest first: the older ones belong to closed connections. */
  readonly uplinks: Uplink[] = [];

  constructor(
    private readonly name: PeerName,
    private readonly journal: ChannelEvent[],
  ) {}

  connected(uplink: Uplink): void {
    this.uplinks.push(uplink);
    this.journal.push({ kind: 'connected', peer: this.name });
  }

  disconnected(): void {
    this.journal.push({ kind: 'disconnected', peer: this.name });
  }

  receive(message: WireMessage): void {
    this.journal.push({ kind: 'received', peer: this.name, message });
  }
}

/**
 * Which index a step passes, chosen against the queue in flight to the router when the
 * step runs, so that most name a message and the rest fall just past the end or outside.
 */
type IndexChoice =
  | { readonly kind: 'inRange'; readonly pick: number }
  | { readonly kind: 'pastEnd'; readonly by: number }
  | { readonly kind: 'literal'; readonly value: number };

function indexFor(choice: IndexChoice, inFlight: number): number {
  if (choice.kind === 'inRange') return choice.pick % Math.max(1, inFlight);
  return choice.kind === 'pastEnd' ? inFlight + choice.by : choice.value;
}

type ChannelOp =
  | { readonly kind: 'attach' }
  | { readonly kind: 'connect' }
  | { readonly kind: 'close' }
  /** The peer sends through one of its uplinks: 0 is the newest, older ones belong to closed connections. */
  | { readonly kind: 'send'; readonly from: PeerName; readonly uplinkBack: number }
  | { readonly kind: 'inject'; readonly undefinedMessage: boolean }
  | { readonly kind: 'peek'; readonly at: IndexChoice }
  | { readonly kind: 'insert'; readonly at: IndexChoice; readonly undefinedMessage: boolean }
  | { readonly kind: 'drop'; readonly at: IndexChoice }
  | { readonly kind: 'replace'; readonly at: IndexChoice; readonly undefinedMessage: boolean }
  | { readonly kind: 'runOne'; readonly pick: number }
  | { readonly kind: 'runAll' };

interface ChannelCase {
  /** Which peers are attached before the first step; an `attach` step attaches both. */
  readonly attachedAtStart: 'both' | 'none' | 'routerOnly' | 'controllerOnly';
  /** Without hooks the channel must not call any. */
  readonly withHooks: boolean;
  readonly ops: readonly ChannelOp[];
}

const indexChoiceArb: fc.Arbitrary<IndexChoice> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('inRange' as const), pick: fc.nat({ max: 7 }) }), weight: 5 },
  { arbitrary: fc.record({ kind: fc.constant('pastEnd' as const), by: fc.nat({ max: 1 }) }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('literal' as const),
      value: fc.constantFrom(-1, -2, 0.5, 1.5, Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
    }),
    weight: 2,
  },
);
/** Now and then the message is `undefined`, as a hostile peer may send. */
const undefinedMessageArb = fc.oneof({ arbitrary: fc.constant(false), weight: 4 }, fc.constant(true));

const channelOpArb: fc.Arbitrary<ChannelOp> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'attach' as const }), weight: 1 },
  { arbitrary: fc.constant({ kind: 'connect' as const }), weight: 3 },
  { arbitrary: fc.constant({ kind: 'close' as const }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('send' as const),
      from: fc.constantFrom<PeerName>('router', 'controller'),
      uplinkBack: fc.oneof({ arbitrary: fc.constant(0), weight: 3 }, { arbitrary: fc.nat({ max: 3 }), weight: 1 }),
    }),
    weight: 8,
  },
  {
    arbitrary: fc.record({ kind: fc.constant('inject' as const), undefinedMessage: undefinedMessageArb }),
    weight: 4,
  },
  { arbitrary: fc.record({ kind: fc.constant('peek' as const), at: indexChoiceArb }), weight: 1 },
  {
    arbitrary: fc.record({
      kind: fc.constant('insert' as const),
      at: indexChoiceArb,
      undefinedMessage: undefinedMessageArb,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('drop' as const), at: indexChoiceArb }), weight: 4 },
  {
    arbitrary: fc.record({
      kind: fc.constant('replace' as const),
      at: indexChoiceArb,
      undefinedMessage: undefinedMessageArb,
    }),
    weight: 2,
  },
  { arbitrary: fc.record({ kind: fc.constant('runOne' as const), pick: fc.nat({ max: 7 }) }), weight: 6 },
  { arbitrary: fc.constant({ kind: 'runAll' as const }), weight: 2 },
);

const channelCaseArb: fc.Arbitrary<ChannelCase> = fc.record({
  attachedAtStart: fc.oneof(
    { arbitrary: fc.constant('both' as const), weight: 6 },
    { arbitrary: fc.constantFrom('none' as const, 'routerOnly' as const, 'controllerOnly' as const), weight: 1 },
  ),
  withHooks: fc.boolean(),
  // Most cases open a connection first: without one, every step tests only the refusals.
  ops: fc
    .tuple(
      fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
      fc.array(channelOpArb, { maxLength: 40, size: 'max' }),
    )
    .map(([connectFirst, ops]): ChannelOp[] => (connectFirst ? [{ kind: 'connect' }, ...ops] : ops)),
});

/** A delivery task as the model expects the runtime to hold it: for one connection and direction. */
interface ExpectedTask {
  readonly serial: number;
  readonly direction: Direction;
}

/** An event as expected; a close is expected to name its connection, in whatever words. */
type ExpectedEvent = Exclude<ChannelEvent, { kind: 'closed' }> | { readonly kind: 'closed'; readonly label: unknown };

const receiverOf = (direction: Direction): PeerName => (direction === 'toRouter' ? 'router' : 'controller');
const directionFrom = (sender: PeerName): Direction => (sender === 'router' ? 'toController' : 'toRouter');

/**
 * What the channel's API promises, kept by hand: one ordered stream per direction per
 * connection, at most one delivery task pending per direction, one message per task,
 * nothing carried across a close.
 */
class ChannelModel {
  attached: boolean;
  /** The serial of the open connection. */
  open: number | undefined;
  connections = 0;
  accepted = 0;
  delivered = 0;
  dropped = 0;
  inFlight: Record<Direction, WireMessage[]> = { toRouter: [], toController: [] };
  /** Delivery tasks in spawn order, as VirtualRuntime lists them. */
  readonly tasks: ExpectedTask[] = [];
  /** The connection serial of each uplink handed to each peer, oldest first. */
  readonly uplinkSerials: Record<PeerName, number[]> = { router: [], controller: [] };
  readonly expected: ExpectedEvent[] = [];

  constructor(
    attached: boolean,
    private readonly withHooks: boolean,
  ) {
    this.attached = attached;
  }

  connect(): void {
    if (this.open !== undefined) return;
    const serial = ++this.connections;
    this.open = serial;
    for (const peer of ['router', 'controller'] as const) {
      this.uplinkSerials[peer].push(serial);
      this.expected.push({ kind: 'connected', peer });
    }
  }

  close(): void {
    if (this.open === undefined) return;
    this.dropped += this.inFlight.toRouter.length + this.inFlight.toController.length;
    this.expected.push({ kind: 'disconnected', peer: 'router' }, { kind: 'disconnected', peer: 'controller' });
    if (this.withHooks) {
      this.expected.push({ kind: 'closed', label: expect.stringMatching(new RegExp(`\\b${this.open}\\b`)) });
    }
    this.open = undefined;
    this.inFlight = { toRouter: [], toController: [] };
  }

  send(serial: number, direction: Direction, message: WireMessage): void {
    this.accepted++;
    if (serial !== this.open) {
      this.dropped++;
      return;
    }
    this.inFlight[direction].push(message);
    this.scheduleDelivery(direction);
  }

  /** Whether `index` names a message in flight to the router. */
  holds(index: number): boolean {
    return this.open !== undefined && Number.isInteger(index) && index >= 0 && index < this.inFlight.toRouter.length;
  }

  runTask(index: number): void {
    const [task] = this.tasks.splice(index, 1);
    if (task === undefined || task.serial !== this.open) return;
    const queue = this.inFlight[task.direction];
    if (queue.length === 0) return;
    const message = queue.shift() as WireMessage;
    this.delivered++;
    if (this.withHooks) this.expected.push({ kind: 'delivered', direction: task.direction, message });
    this.expected.push({ kind: 'received', peer: receiverOf(task.direction), message });
    this.scheduleDelivery(task.direction);
  }

  private scheduleDelivery(direction: Direction): void {
    const open = this.open;
    if (open === undefined || this.inFlight[direction].length === 0) return;
    if (this.tasks.some((t) => t.serial === open && t.direction === direction)) return;
    this.tasks.push({ serial: open, direction });
  }
}

function runChannelCase({ attachedAtStart, withHooks, ops }: ChannelCase): void {
  const runtime = new VirtualRuntime();
  const journal: ChannelEvent[] = [];
  const closedConnections: object[] = [];
  const channel = new ControlChannel(
    runtime,
    withHooks
      ? {
          onDeliver: (direction, message) => journal.push({ kind: 'delivered', direction, message }),
          onConnectionClosed: (connection, label) => {
            closedConnections.push(connection);
            journal.push({ kind: 'closed', label });
          },
        }
      : undefined,
  );
  const peers: Record<PeerName, RecordingPeer> = {
    router: new RecordingPeer('router', journal),
    controller: new RecordingPeer('controller', journal),
  };
  if (attachedAtStart === 'both') channel.attach(peers.router, peers.controller);
  if (attachedAtStart === 'routerOnly') channel.attach(peers.router, MISSING_PEER);
  if (attachedAtStart === 'controllerOnly') channel.attach(MISSING_PEER, peers.controller);
  const model = new ChannelModel(attachedAtStart === 'both', withHooks);
  let messageSerial = 0;
  const nextMessage = (undefinedMessage: boolean): WireMessage =>
    undefinedMessage ? UNDEFINED_MESSAGE : { contentType: 'Probe', headers: {}, body: { serial: ++messageSerial } };
  let closes = 0;

  for (const op of ops) {
    switch (op.kind) {
      case 'attach':
        channel.attach(peers.router, peers.controller);
        model.attached = true;
        break;
      case 'connect': {
        let thrown: unknown;
        try {
          channel.connect();
        } catch (error) {
          thrown = error;
        }
        if (model.attached) {
          expect(thrown).toBeUndefined();
          model.connect();
        } else {
          expect(thrown).toBeInstanceOf(ChannelNotAttachedError);
          expect(thrown).toMatchObject({ name: 'ChannelNotAttachedError', message: expect.stringMatching(/attach/) });
        }
        break;
      }
      case 'close':
        if (model.open !== undefined) closes++;
        channel.close();
        model.close();
        break;
      case 'send': {
        const uplinks = peers[op.from].uplinks;
        const back = op.uplinkBack % Math.max(1, uplinks.length);
        const uplink = uplinks[uplinks.length - 1 - back];
        const serial = model.uplinkSerials[op.from][uplinks.length - 1 - back];
        if (uplink === undefined || serial === undefined) break;
        const message = nextMessage(false);
        uplink.send(message);
        model.send(serial, directionFrom(op.from), message);
        break;
      }
      case 'inject': {
        const message = nextMessage(op.undefinedMessage);
        channel.injectToRouter(message);
        if (model.open !== undefined) model.send(model.open, 'toRouter', message);
        break;
      }
      case 'peek': {
        const index = indexFor(op.at, model.inFlight.toRouter.length);
        expect(channel.inFlightToRouter(index)).toBe(model.holds(index) ? model.inFlight.toRouter[index] : undefined);
        break;
      }
      case 'insert': {
        const message = nextMessage(op.undefinedMessage);
        const index = indexFor(op.at, model.inFlight.toRouter.length);
        const holds = model.holds(index);
        expect(channel.insertInFlightToRouter(index, message)).toBe(holds);
        if (holds) {
          model.inFlight.toRouter.splice(index, 0, message);
          model.accepted++;
        }
        break;
      }
      case 'drop': {
        const index = indexFor(op.at, model.inFlight.toRouter.length);
        const holds = model.holds(index);
        const lost = holds ? model.inFlight.toRouter.splice(index, 1)[0] : undefined;
        expect(channel.dropInFlightToRouter(index)).toBe(lost);
        if (holds) model.dropped++;
        break;
      }
      case 'replace': {
        const message = nextMessage(op.undefinedMessage);
        const index = indexFor(op.at, model.inFlight.toRouter.length);
        const holds = model.holds(index);
        expect(channel.replaceInFlightToRouter(index, message)).toBe(holds);
        if (holds) model.inFlight.toRouter[index] = message;
        break;
      }
      case 'runOne':
        runOneTask(runtime, model, op.pick);
        break;
      case 'runAll': {
        runAllTasks(runtime, model);
        // Liveness: once its tasks ran, an open connection has nothing left in flight.
        expect(channel.pending('toRouter') + channel.pending('toController')).toBe(0);
        break;
      }
    }
    checkChannel();
  }

  /** The channel's whole observable state against the model's, after every step. */
  function checkChannel(): void {
    expect(journal.splice(0)).toEqual(model.expected.splice(0));
    const counts = channel.counts();
    const pending = { toRouter: channel.pending('toRouter'), toController: channel.pending('toController') };
    const toRouter = model.inFlight.toRouter;
    expect({
      open: channel.isOpen(),
      counts,
      pending,
      // One past the end too: nothing is there.
      inFlightToRouter: Array.from({ length: toRouter.length + 1 }, (_, i) => channel.inFlightToRouter(i)),
      // At most one delivery task per direction per connection: a flood of tasks would show here.
      tasks: runtime.runnableCount(),
      closedConnections: new Set(closedConnections).size,
    }).toStrictEqual({
      open: model.open !== undefined,
      counts: {
        accepted: model.accepted,
        delivered: model.delivered,
        dropped: model.dropped,
        connections: model.connections,
      },
      pending: { toRouter: toRouter.length, toController: model.inFlight.toController.length },
      inFlightToRouter: [...toRouter, undefined],
      tasks: model.tasks.length,
      // Each close reports its own connection object, once.
      closedConnections: withHooks ? closes : 0,
    });
    // Every message taken is delivered, dropped or still in flight.
    expect(counts.accepted).toBe(counts.delivered + counts.dropped + pending.toRouter + pending.toController);
  }
}

test('peers: the channel carries each message once, in order, one per task, and refuses every misuse without a trace', () => {
  fc.assert(
    fc.property(channelCaseArb, (c) => runChannelCase(c)),
    { seed: SEED, numRuns: RUNS },
  );
});

// ---------------------------------------------------------------------------------------
// The controller
// ---------------------------------------------------------------------------------------

/** A message from the router side and what the controller must make of it. */
interface RouterMessage {
  readonly message: WireMessage;
  /** The reason of the full sync it must start; undefined: it must be ignored. */
  readonly syncReason: string | undefined;
}

const NO_REASON = 'resync requested: no reason';

const routerMessageArb: fc.Arbitrary<RouterMessage> = fc.oneof(
  fc
    .string({ maxLength: 6 })
    .map((reason) => ({ message: resyncRequest(reason), syncReason: `resync requested: ${reason}` })),
  fc.constantFrom<unknown>(null, undefined, {}, { reason: 7 }, { reason: ['a'] }).map((body) => ({
    message: { contentType: ContentType.RequestClientReSync, headers: {}, body },
    syncReason: NO_REASON,
  })),
  // Anything else is not a request, whatever its body says.
  fc
    .constantFrom(
      ContentType.ApiSessionAdded,
      ContentType.ApiSessionUpdated,
      ContentType.ApiSessionRemoved,
      'requestclientresync',
      '',
    )
    .map((contentType) => ({ message: { contentType, headers: {}, body: { reason: 'r' } }, syncReason: undefined })),
);

/** A token the controller issued (`back` from the newest, ended or not), or one it never did. */
type SessionTarget =
  | { readonly issued: true; readonly back: number }
  | { readonly issued: false; readonly token: string };

const sessionTargetArb: fc.Arbitrary<SessionTarget> = fc.oneof(
  { arbitrary: fc.record({ issued: fc.constant(true as const), back: fc.nat({ max: 5 }) }), weight: 4 },
  {
    arbitrary: fc.record({
      issued: fc.constant(false as const),
      token: fc.constantFrom('', 'token-0', 'token-zz', formatSessionId(1)),
    }),
    weight: 1,
  },
);

type ControllerOp =
  | { readonly kind: 'connect' }
  | { readonly kind: 'disconnect' }
  | { readonly kind: 'receive'; readonly routerMessage: RouterMessage }
  | { readonly kind: 'startSync'; readonly reason: string }
  | { readonly kind: 'create'; readonly identityId: string | undefined }
  | { readonly kind: 'update'; readonly target: SessionTarget }
  | { readonly kind: 'end'; readonly target: SessionTarget }
  | { readonly kind: 'runOne'; readonly pick: number }
  | { readonly kind: 'runAll' };

const controllerOpArb: fc.Arbitrary<ControllerOp> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'connect' as const }), weight: 2 },
  { arbitrary: fc.constant({ kind: 'disconnect' as const }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('receive' as const), routerMessage: routerMessageArb }), weight: 2 },
  {
    arbitrary: fc.record({ kind: fc.constant('startSync' as const), reason: fc.string({ maxLength: 4 }) }),
    weight: 1,
  },
  {
    arbitrary: fc.record({
      kind: fc.constant('create' as const),
      identityId: fc.option(fc.constantFrom('identity-1', 'identity-2', ''), { nil: undefined }),
    }),
    weight: 5,
  },
  { arbitrary: fc.record({ kind: fc.constant('update' as const), target: sessionTargetArb }), weight: 2 },
  { arbitrary: fc.record({ kind: fc.constant('end' as const), target: sessionTargetArb }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('runOne' as const), pick: fc.nat({ max: 7 }) }), weight: 6 },
  { arbitrary: fc.constant({ kind: 'runAll' as const }), weight: 1 },
);

/** `default`: the option left out, so the controller's own default (100, or `fixed`) applies. */
interface ControllerCase {
  readonly chunkSize: number | 'default';
  readonly faults: 'default' | 'fixed' | 'no-last-chunk';
  readonly ops: readonly ControllerOp[];
}

const controllerCaseArb: fc.Arbitrary<ControllerCase> = fc.record({
  chunkSize: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 4 }, fc.constant('default' as const)),
  faults: fc.constantFrom('default' as const, 'fixed' as const, 'no-last-chunk' as const),
  // Most cases begin with sessions and a connection, so that a sync streams while the steps act.
  ops: fc
    .tuple(
      fc.nat({ max: 8 }),
      fc.oneof({ arbitrary: fc.constant(true), weight: 3 }, fc.constant(false)),
      fc.array(controllerOpArb, { maxLength: 40, size: 'max' }),
    )
    .map(([sessions, connectFirst, ops]): ControllerOp[] => [
      ...Array.from({ length: sessions }, (): ControllerOp => ({ kind: 'create', identityId: undefined })),
      ...(connectFirst ? [{ kind: 'connect' } as const] : []),
      ...ops,
    ]),
});

function controllerFor(runtime: VirtualRuntime, c: Pick<ControllerCase, 'chunkSize' | 'faults'>): Controller {
  return new Controller({
    runtime,
    ...(c.chunkSize === 'default' ? {} : { chunkSize: c.chunkSize }),
    ...(c.faults === 'default' ? {} : { faults: FAULT_PROFILES[c.faults] }),
  });
}

/** A full sync as the model expects it; `snapshot` is the tokens taken when chunk 0 goes out. */
interface ExpectedSync extends SyncRecord {
  snapshot: string[] | undefined;
}

const recordOf = ({ snapshot: _snapshot, ...record }: ExpectedSync): SyncRecord => record;

interface Sent {
  /** Which of the uplinks handed to the controller carried it, counted from 1. */
  readonly uplink: number;
  readonly message: WireMessage;
}

/**
 * The controller's promises, kept by hand: live sessions and their events on the uplink;
 * a full sync per connect, request or call, snapshotted when chunk 0 goes out and sent
 * one chunk per task; a newer sync or a disconnect abandons the one streaming.
 */
class ControllerModel {
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

const syncStateOf = (message: WireMessage): SyncState =>
  JSON.parse(message.headers[SyncStateHeader] ?? 'null') as SyncState;

function isFullSyncChunk(message: WireMessage): boolean {
  return message.contentType === ContentType.ApiSessionAdded && (message.body as ApiSessionAddedBody).isFullState;
}

/** Each kept record against the chunks the router side received, without the model. */
function checkHistoryAgainstChunks(
  history: readonly SyncRecord[],
  received: readonly WireMessage[],
  chunkSize: number,
  faulty: boolean,
): void {
  const chunks = received.filter(isFullSyncChunk);
  for (const record of history) {
    const own = chunks.filter((m) => syncStateOf(m).id === record.syncId);
    expect(own.map((m) => syncStateOf(m).sequence)).toEqual(own.map((_, i) => i));
    expect(record.chunksSent).toBe(own.length);
    expect(record.sessionsSent).toBe(
      own.reduce((sum, m) => sum + (m.body as ApiSessionAddedBody).apiSessions.length, 0),
    );
    const unmarked = faulty && (record.snapshotSize ?? 0) % chunkSize === 0;
    expect(own.filter((m) => syncStateOf(m).isLast)).toEqual(record.complete && !unmarked ? own.slice(-1) : []);
    if (record.complete) expect(record.chunksSent).toBe(faulty && record.snapshotSize === 0 ? 0 : record.totalChunks);
  }
}

function runControllerCase(c: ControllerCase): void {
  const runtime = new VirtualRuntime();
  const controller = controllerFor(runtime, c);
  const faults = c.faults === 'default' ? FAULT_PROFILES.fixed : FAULT_PROFILES[c.faults];
  const model = new ControllerModel(c.chunkSize === 'default' ? 100 : c.chunkSize, faults);
  expect(controller.chunkSize).toBe(model.chunkSize);
  const sent: Sent[] = [];
  const everSent: WireMessage[] = [];
  let uplinks = 0;

  const tokenOf = (target: SessionTarget): string => {
    if (!target.issued || model.issued.length === 0) return target.issued ? 'token-none' : target.token;
    return model.issued[model.issued.length - 1 - (target.back % model.issued.length)] as string;
  };
  const expectNewFingerprint = (session: ApiSession): void => {
    expect(session.certFingerprints).toHaveLength(1);
    const fingerprint = session.certFingerprints[0] as string;
    expect(model.fingerprints.has(fingerprint)).toBe(false);
    model.fingerprints.add(fingerprint);
  };

  for (const op of c.ops) {
    switch (op.kind) {
      case 'connect': {
        const uplink = ++uplinks;
        controller.connected({ send: (message) => sent.push({ uplink, message }) });
        model.uplink = uplink;
        model.startSync('router connected');
        break;
      }
      case 'disconnect':
        controller.disconnected();
        model.uplink = undefined;
        model.streaming = undefined;
        break;
      case 'receive': {
        controller.receive(op.routerMessage.message);
        const reason = op.routerMessage.syncReason;
        if (reason !== undefined) {
          model.resyncRequests++;
          model.startSync(reason);
        }
        break;
      }
      case 'startSync':
        expect(controller.startFullSync(op.reason)).toBe(model.startSync(op.reason));
        break;
      case 'create': {
        const session =
          op.identityId === undefined ? controller.createSession() : controller.createSession(op.identityId);
        expect(session.id).toBe(formatSessionId(model.issued.length + 1));
        expect(session.identityId).toBe(op.identityId ?? 'identity-1');
        expect(model.issued).not.toContain(session.token);
        expectNewFingerprint(session);
        model.issued.push(session.token);
        model.sessions.set(session.token, session);
        model.send(liveAdd({ id: `live-${session.id}`, isLast: true, sequence: 0 }, [session]));
        break;
      }
      case 'update': {
        const token = tokenOf(op.target);
        const before = model.sessions.get(token);
        expect(controller.updateSession(token)).toBe(before !== undefined);
        const after = controller.getSession(token);
        if (before === undefined) {
          expect(after).toBeUndefined();
          break;
        }
        if (after === undefined) throw new Error(`session ${token} is gone after an update`);
        expect(after).not.toBe(before);
        expect({ ...after, certFingerprints: [] }).toEqual({ ...before, certFingerprints: [] });
        expectNewFingerprint(after);
        model.sessions.set(token, after);
        model.send(sessionsUpdated([after]));
        break;
      }
      case 'end': {
        const token = tokenOf(op.target);
        const session = model.sessions.get(token);
        expect(controller.endSession(token)).toBe(session !== undefined);
        expect(controller.getSession(token)).toBeUndefined();
        if (session === undefined) break;
        model.sessions.delete(token);
        model.send(sessionsRemoved([session]));
        break;
      }
      case 'runOne':
        runOneTask(runtime, model, op.pick);
        break;
      case 'runAll':
        runAllTasks(runtime, model);
        break;
    }
    const justSent = sent.splice(0);
    everSent.push(...justSent.map((s) => s.message));
    expect(justSent).toEqual(model.expectedSent.splice(0));
    expect({
      streaming: controller.isStreaming(),
      liveCount: controller.liveSessionCount(),
      live: controller.liveSessions(),
      history: controller.syncHistory(),
      syncsBegun: controller.fullSyncsBegun(),
      resyncRequests: controller.resyncRequestsReceived(),
      tasks: runtime.runnableCount(),
    }).toStrictEqual({
      streaming: model.streaming !== undefined,
      liveCount: model.sessions.size,
      live: [...model.sessions.values()],
      history: model.history.slice(-Controller.HISTORY_KEPT).map(recordOf),
      syncsBegun: model.syncsBegun,
      resyncRequests: model.resyncRequests,
      tasks: model.tasks.length,
    });
  }
  checkHistoryAgainstChunks(controller.syncHistory(), everSent, model.chunkSize, faults.lastChunkNeverMarked);
}

test('peers: the controller sends what it is asked to, syncs in chunks from a snapshot, and records each sync as sent', () => {
  fc.assert(
    fc.property(controllerCaseArb, (c) => runControllerCase(c)),
    { seed: SEED, numRuns: RUNS },
  );
});

test('peers: a full sync marks exactly its final chunk last, except what the last-chunk fault leaves unmarked', () => {
  const profileArb = fc.constantFrom<keyof typeof FAULT_PROFILES>('fixed', 'no-last-chunk', 'upstream-races');
  fc.assert(
    fc.property(profileArb, fc.integer({ min: 1, max: 5 }), fc.nat({ max: 16 }), (profile, chunkSize, count) => {
      const runtime = new VirtualRuntime();
      const faulty = FAULT_PROFILES[profile].lastChunkNeverMarked;
      const controller = new Controller({ runtime, chunkSize, faults: FAULT_PROFILES[profile] });
      for (let i = 0; i < count; i++) controller.createSession();
      const received: WireMessage[] = [];
      controller.connected({ send: (message) => received.push(message) });
      const syncId = formatSyncId(1);
      const chunks = Math.max(1, Math.ceil(count / chunkSize));
      // One chunk per task: the first task sends one, and all of them the rest.
      runtime.runAt(0);
      const first = faulty && count === 0 ? 0 : 1;
      expect(received).toHaveLength(first);
      runtime.runRunnable();
      expect(runtime.executedCount()).toBe(first === 0 ? 1 : chunks);
      const record = controller.syncHistory()[0];
      expect(controller.isStreaming()).toBe(false);
      if (faulty && count === 0) {
        expect(received).toEqual([]);
        expect(record).toStrictEqual({
          syncId,
          reason: 'router connected',
          chunksSent: 0,
          sessionsSent: 0,
          snapshotSize: 0,
          totalChunks: 1,
          complete: true,
        });
        return;
      }
      const sessions = controller.liveSessions();
      const marked = faulty && count % chunkSize === 0 ? [] : [chunks - 1];
      expect(received).toEqual(
        Array.from({ length: chunks }, (_, sequence) =>
          fullSyncChunk(
            { id: syncId, isLast: marked.includes(sequence), sequence },
            sessions.slice(sequence * chunkSize, (sequence + 1) * chunkSize),
          ),
        ),
      );
      expect(record).toStrictEqual({
        syncId,
        reason: 'router connected',
        chunksSent: chunks,
        sessionsSent: count,
        snapshotSize: count,
        totalChunks: chunks,
        complete: true,
      });
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('peers: the sync history keeps the newest Controller.HISTORY_KEPT records, oldest first', () => {
  const kept = Controller.HISTORY_KEPT;
  fc.assert(
    fc.property(fc.integer({ min: kept - 3, max: kept + 25 }), fc.boolean(), (begun, connected) => {
      const runtime = new VirtualRuntime();
      const controller = new Controller({ runtime, chunkSize: 1 });
      const received: WireMessage[] = [];
      if (connected) controller.connected({ send: (message) => received.push(message) });
      const byHand = connected ? begun - 1 : begun;
      for (let i = 1; i <= byHand; i++)
        expect(controller.startFullSync(`call ${i}`)).toBe(formatSyncId(begun - byHand + i));
      expect(controller.fullSyncsBegun()).toBe(begun);
      const history = controller.syncHistory();
      expect(history).toHaveLength(Math.min(begun, kept));
      const firstKept = begun - history.length + 1;
      expect(history.map((record) => record.syncId)).toEqual(history.map((_, i) => formatSyncId(firstKept + i)));
      expect(history.at(-1)?.reason).toBe(byHand === 0 ? 'router connected' : `call ${byHand}`);
      expect(history.every((record) => !record.complete && record.chunksSent === 0)).toBe(true);
      // Only the newest sync streams; every older one's task finds it abandoned.
      runtime.runRunnable();
      expect(received.filter(isFullSyncChunk).map((m) => syncStateOf(m).id)).toEqual(
        connected ? [formatSyncId(begun)] : [],
      );
      expect(history.filter((record) => record.complete).map((record) => record.syncId)).toEqual(
        connected ? [formatSyncId(begun)] : [],
      );
    }),
    { seed: SEED, numRuns: RUNS },
  );
});

test('peers: a chunk size that is not a positive integer is refused; any other is kept, and 100 by default', () => {
  const invalidArb = fc.oneof(
    fc.integer({ min: -1000, max: 0 }),
    fc.tuple(fc.integer({ min: -5, max: 5 }), fc.constantFrom(0.25, 0.5, 0.75)).map(([whole, part]) => whole + part),
    fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY),
  );
  expect(new Controller({ runtime: new VirtualRuntime() }).chunkSize).toBe(100);
  fc.assert(
    fc.property(invalidArb, fc.integer({ min: 1, max: 1000 }), (invalid, valid) => {
      let thrown: unknown;
      try {
        new Controller({ runtime: new VirtualRuntime(), chunkSize: invalid });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(ControllerInputError);
      expect(thrown).toMatchObject({ name: 'ControllerInputError', message: expect.stringContaining(String(invalid)) });
      expect(new Controller({ runtime: new VirtualRuntime(), chunkSize: valid }).chunkSize).toBe(valid);
    }),
    { seed: SEED, numRuns: 10 * RUNS },
  );
});

test('peers: session and sync ids are fixed width, so that string order is creation order', () => {
  const serialArb = fc.oneof(fc.integer({ min: 1, max: 200 }), fc.integer({ min: 1, max: 2 ** 31 - 1 }));
  fc.assert(
    fc.property(serialArb, serialArb, (earlier, later) => {
      for (const format of [formatSessionId, formatSyncId]) {
        const [a, b] = [format(earlier), format(later)];
        expect([typeof a, a.length]).toEqual(['string', b.length]);
        expect([a < b, a === b]).toEqual([earlier < later, earlier === later]);
      }
    }),
    { seed: SEED, numRuns: 10 * RUNS },
  );
});
