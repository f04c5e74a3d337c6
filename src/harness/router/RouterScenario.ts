import type { FaultProfileName } from '../../faults.js';
import type { PendingWork } from '../../runtime/VirtualRuntime.js';
import { VirtualRuntime } from '../../runtime/VirtualRuntime.js';
import type { ChannelPeer, Direction } from '../../session/ControlChannel.js';
import { describeThrown } from '../../session/describeThrown.js';
import { ContentType, SyncStateHeader, type WireMessage } from '../../session/messages.js';
import type { TrackerActor } from '../../session/RouterEvents.js';
import { LifecycleWatcher } from '../engine/lifecycle/LifecycleWatcher.js';
import type { ModelScenario, ScenarioOptions, TraceState } from '../engine/ModelSystem.js';
import type { InjectKind } from './adversarialMessage.js';
import { COVERAGE, type CoverageName } from './coverage.js';
import { DeliveryLog } from './DeliveryLog.js';
import { AdversaryTags } from './hostile/AdversaryTags.js';
import type { AdversarialWire } from './hostile/hostileSteps.js';
import type { RouterParams } from './params.js';
import { openChannel } from './peerActions.js';
import { RemovalListeners } from './RemovalListeners.js';
import { RouterCoverage } from './RouterCoverage.js';
import { routerState } from './routerState.js';
import { createSyncSystem, type SyncSystem } from './SyncSystem.js';

/** What `deliveringKind` says while a hostile, damaged or corrupted message is handed to the router. */
export const ADVERSARIAL = 'adversarial';

/** How long, in virtual time and actions, quiescence may take before it counts as a livelock. */
export const QUIESCENCE_LIMITS = { virtualMs: 10 * 60_000, actions: 200_000 } as const;

/** Injected kinds that only replay a chunk already delivered. */
const REPLAYS: readonly string[] = ['duplicate-chunk', 'late-chunk'] satisfies InjectKind[];

/** A message the channel hands the router, as the scenario tells it to the invariants watching deliveries. */
export interface Delivery {
  readonly message: WireMessage;
  /** Hostile, damaged or corrupted: tagged by the adversary's steps. */
  readonly adversarial: boolean;
  /** The adversary's injected kind (a replayed or forged chunk), if it is one. */
  readonly injected: string | undefined;
  /** The sync a corrupted full-sync chunk still names, while the router handles messages in order. */
  readonly corruptedSync: string | undefined;
}

/**
 * How an adversarial message reaches the router: `robustness` installs its check here;
 * without it the message goes straight in.
 */
export interface AdversarialHandling {
  deliver(message: WireMessage, what: string): void;
  runAt(index: number): PendingWork;
}

/**
 * A controller and router on a virtual runtime, driven one step at a time, with the small
 * view every invariant shares (the trace entry, who acts, what is being delivered, what
 * this connection has seen) and an event bus. Each invariant watches what it needs
 * through `onDelivery`, `onActionBegins` and the router's own events, and keeps its own
 * state; the scenario keeps only what its steps, its drain and the coverage table need.
 */
export class RouterScenario implements ModelScenario {
  readonly runtime = new VirtualRuntime();
  readonly system: SyncSystem<VirtualRuntime>;
  readonly deliveries = new DeliveryLog();
  /** Every message delivered to the router, adversarial ones included. */
  deliveredToRouter = 0;
  /** Adversarial messages delivered to the router: injected, corrupted, hostile or damaged. */
  adversarialDelivered = 0;
  readonly taskErrors: string[] = [];
  /** Which values on the wire the adversary put there. */
  readonly adversary = new AdversaryTags();
  /** The edge connections that listen for their session's removal. */
  readonly removalListeners: RemovalListeners;
  /** Present when the invariant judges lifetimes (`freed`): it costs a WeakRef per ended object. */
  readonly lifecycle: LifecycleWatcher | undefined;
  private readonly coverageSeen: RouterCoverage;
  private readonly deliveryListeners: ((delivery: Delivery) => void)[] = [];
  private readonly actionListeners: (() => void)[] = [];
  /** Observers several invariants share, each built once per case by the first that watches through it. */
  private readonly sharedObservers = new Map<(scenario: RouterScenario) => unknown, unknown>();
  private handling: AdversarialHandling;
  private entry = 0;
  private drainDeadline: number | undefined;
  /** The tracker acting on its tick or deadline right now, and on which. */
  private acting: { readonly actor: TrackerActor; readonly on: 'tick' | 'deadline' } | undefined;
  /** Set while an adversarial message is handed to the router: its kind, for the coverage table. */
  private delivering: string | undefined;
  /** Chunks the `corrupt` step damaged, with the sync their headers still name. */
  private readonly corrupted = new WeakMap<object, string>();
  /** Whether an adversarial message reached the router on this connection before the one being delivered. */
  private adversarialBefore = false;
  private adversarialThisConnection = false;
  /** An adversarial message that can break a sync reached the router on this connection: anything but a replay. */
  private breakingThisConnection = false;
  private endedWhileDown = false;
  /** Tokens of each sync's chunks delivered on this connection. */
  private chunkTokens = new Map<string, Set<string>>();
  /** Syncs whose last chunk (the controller's, marked last) reached the router on this connection. */
  private lastChunksDelivered = new Set<string>();

  constructor(
    readonly params: RouterParams,
    readonly profile: FaultProfileName,
    readonly options: ScenarioOptions = { watchLifecycle: false },
  ) {
    this.lifecycle = options.watchLifecycle ? new LifecycleWatcher() : undefined;
    this.system = createSyncSystem({
      runtime: this.runtime,
      profile,
      chunkSize: params.chunkSize,
      timing: { tickIntervalMs: params.tickIntervalMs, deadlineMs: params.deadlineMs },
      onDeliver: (direction, message) => this.observeDelivery(direction, message),
      ...(this.lifecycle ? { lifecycle: { watcher: this.lifecycle, at: () => this.entry } } : {}),
      onConnectionClosed: () => {
        this.adversarialThisConnection = false;
        this.breakingThisConnection = false;
        this.chunkTokens = new Map();
        this.lastChunksDelivered = new Set();
      },
    });
    const { router, controller } = this.system;
    this.handling = {
      deliver: (message) => router.receive(message),
      runAt: (index) => this.runtime.runAt(index),
    };
    this.system.channel.attach(this.peer(), controller);
    this.coverageSeen = new RouterCoverage({
      controller,
      router,
      deadlineMs: params.deadlineMs,
      now: () => this.runtime.now(),
      actingOn: () => this.acting?.on,
      deliveringKind: () => this.delivering,
    });
    router.events.subscribe((event) => {
      if (event.type === 'tracker-acts') {
        this.acting = event.phase === 'start' ? { actor: event.actor, on: event.on } : undefined;
      }
      this.coverageSeen.observe(event);
    });
    this.removalListeners = new RemovalListeners(router.state);
    for (let i = 0; i < params.initialSessions; i++) controller.createSession();
    openChannel(this.system.channel);
  }

  beginEntry(index: number): void {
    this.entry = index;
    for (const listener of this.actionListeners) listener();
  }

  /** The trace entry being run: what a monitor stamps on what it records. */
  currentEntry(): number {
    return this.entry;
  }

  /** Calls `listener` with every message the channel hands the router, just before the router handles it. */
  onDelivery(listener: (delivery: Delivery) => void): void {
    this.deliveryListeners.push(listener);
  }

  /**
   * The observer `make` builds on this case, built the first time an invariant asks: two
   * invariants that judge from the same record (why syncs failed, which live sessions were
   * deleted) share it, and a run of neither pays for it.
   */
  sharedObserver<T>(make: (scenario: RouterScenario) => T): T {
    if (!this.sharedObservers.has(make)) this.sharedObservers.set(make, make(this));
    return this.sharedObservers.get(make) as T;
  }

  /** Calls `listener` as each action (a step or a drain action) begins. */
  onActionBegins(listener: () => void): void {
    this.actionListeners.push(listener);
  }

  /** Puts `handling` between the channel and the router for adversarial messages (one at a time: `robustness`'s check). */
  handleAdversarial(handling: AdversarialHandling): void {
    this.handling = handling;
  }

  /** The tracker acting on its tick or deadline right now, and on which. */
  actingNow(): { readonly actor: TrackerActor; readonly on: 'tick' | 'deadline' } | undefined {
    return this.acting;
  }

  /** The kind of adversarial message being delivered right now, if it is one. */
  deliveringKind(): string | undefined {
    return this.delivering;
  }

  /** Whether an adversarial message reached the router on this connection before the one being delivered. */
  adversarialCameBefore(): boolean {
    return this.adversarialBefore;
  }

  /** Whether adversarial input reached the router on this connection. */
  adversarialOnThisConnection(): boolean {
    return this.adversarialThisConnection;
  }

  /** Whether an adversarial message that can break a sync (anything but a replay) reached the router on this connection. */
  breakingOnThisConnection(): boolean {
    return this.breakingThisConnection;
  }

  /** Whether the controller's last chunk of `syncId` reached the router on this connection. */
  lastChunkDelivered(syncId: string): boolean {
    return this.lastChunksDelivered.has(syncId);
  }

  /** Connections the channel closed so far. */
  closes(): number {
    const { channel } = this.system;
    return channel.counts().connections - (channel.isOpen() ? 1 : 0);
  }

  /** How many chunks the controller sent `syncId` in, once it knows. */
  chunksOf(syncId: string): number | undefined {
    return this.system.controller.syncHistory().find((record) => record.syncId === syncId)?.totalChunks;
  }

  /** Runs the runnable item at `index`; an exception out of a task is recorded, never thrown. */
  runAt(index: number): string {
    const label = this.runtime.runnable()[index]?.label ?? '?';
    try {
      this.handling.runAt(index);
    } catch (error) {
      this.taskErrors.push(`task "${label}" threw: ${describeThrown(error)}`);
    }
    return `ran ${label}`;
  }

  /** The wire as the adversary's steps use it: what they put on it is marked adversarial. */
  adversarialWire(): AdversarialWire {
    return {
      channel: this.system.channel,
      tag: (value, description) => this.adversary.tag(value, description),
      isAdversarial: (value) => this.adversary.isAdversarial(value),
    };
  }

  /** The controller ended a session; ended while the channel is down, its removal never reaches the router. */
  noteSessionEnded(): void {
    if (!this.system.channel.isOpen()) this.endedWhileDown = true;
  }

  /** A step saw `behaviour` happen, for the coverage table. */
  reach(behaviour: CoverageName): void {
    this.coverageSeen.reached.add(behaviour);
  }

  /** Opens the channel again, as a reconnect step or the drain does. */
  reconnect(): void {
    openChannel(this.system.channel);
    if (this.endedWhileDown) this.coverageSeen.reached.add(COVERAGE.reconnectAfterEndedWhileDown);
    this.endedWhileDown = false;
  }

  /**
   * One action toward quiescence, oldest work first: reconnect a closed channel, run the
   * oldest runnable item, or jump to the next timer. Undefined once idle.
   */
  drainStep(): string | undefined {
    this.drainDeadline ??= this.runtime.now() + QUIESCENCE_LIMITS.virtualMs;
    if (!this.system.channel.isOpen()) {
      this.reconnect();
      return 'reconnect channel (quiescence)';
    }
    if (this.runtime.runnableCount() > 0) return this.runAt(0);
    if (this.runtime.advanceToNextTimer()) return `clock to ${this.runtime.now()} ms (quiescence)`;
    return undefined;
  }

  drainExhausted(drainActions: number): boolean {
    return (
      drainActions >= QUIESCENCE_LIMITS.actions ||
      (this.drainDeadline !== undefined && this.runtime.now() > this.drainDeadline)
    );
  }

  /** Runs `drainStep` until idle; false when the limits were hit first (a livelock). */
  drain(onStep?: (action: string) => void): boolean {
    for (let actions = 0; !this.drainExhausted(actions); actions++) {
      const action = this.drainStep();
      if (action === undefined) return true;
      onStep?.(action);
    }
    return false;
  }

  state(): TraceState {
    return routerState(this.system);
  }

  coverage(): ReadonlySet<string> {
    const reached = new Set(this.coverageSeen.reached);
    const chunkSize = this.params.chunkSize;
    if (
      this.system.controller
        .syncHistory()
        .some((s) => (s.snapshotSize ?? 0) > 0 && (s.snapshotSize ?? 0) % chunkSize === 0)
    ) {
      reached.add(COVERAGE.exactMultipleOfChunkSize);
    }
    return reached;
  }

  dispose(): void {}

  /** `damaged` stands for the full-sync chunk `original` on the wire: its sync can no longer complete. */
  markCorrupted(damaged: WireMessage, original: WireMessage): void {
    const { id } = JSON.parse(original.headers[SyncStateHeader] ?? '{}') as { id?: unknown };
    if (typeof id === 'string') this.corrupted.set(damaged, id);
  }

  /** The router as the channel's peer: adversarial messages go through `handling`. */
  private peer(): ChannelPeer {
    const { router } = this.system;
    return {
      connected: (uplink) => router.connected(uplink),
      disconnected: () => {
        this.adversary.connectionClosed();
        router.disconnected();
      },
      receive: (message) => {
        if (this.adversary.isAdversarial(message))
          this.handling.deliver(message, this.adversary.nameDelivered(message));
        else router.receive(message);
      },
    };
  }

  private observeDelivery(direction: Direction, message: WireMessage): void {
    if (direction !== 'toRouter') return;
    this.deliveredToRouter++;
    this.adversarialBefore = this.adversarialThisConnection;
    if (this.adversary.isAdversarial(message)) {
      const brokenSync = this.corrupted.get(message);
      const corruptedSync = this.system.router.faults.messagesHandledOutOfOrder ? undefined : brokenSync;
      this.adversarialThisConnection = true;
      this.breakingThisConnection = true;
      this.adversarialDelivered++;
      this.delivering = ADVERSARIAL;
      this.announce({ message, adversarial: true, injected: undefined, corruptedSync });
      return;
    }
    const injected = this.deliveries.injectedKind(message);
    if (injected !== undefined) {
      this.adversarialThisConnection = true;
      // A replay of a chunk already delivered is refused as a duplicate or ignored as stale: it breaks nothing.
      if (!REPLAYS.includes(injected)) this.breakingThisConnection = true;
      this.adversarialDelivered++;
    }
    this.announce({ message, adversarial: false, injected, corruptedSync: undefined });
    this.deliveries.observe(direction, message);
    this.noteCoverage(message, injected);
    // The router handles the message right after this returns; the monitor reads the kind meanwhile.
    this.delivering = injected;
  }

  private announce(delivery: Delivery): void {
    for (const listener of this.deliveryListeners) listener(delivery);
  }

  /** Behaviours that show in what reaches the router and what it holds at that moment. */
  private noteCoverage(message: WireMessage, injected: string | undefined): void {
    if (injected !== undefined) return;
    const stats = this.system.router.stats();
    const syncing = stats.syncInProgress;
    const body = message.body as { isFullState?: boolean; apiSessions?: { token: string }[]; tokens?: string[] };
    if (message.contentType === ContentType.ApiSessionAdded && body.isFullState === true) {
      const { id, isLast } = JSON.parse(message.headers.syncState ?? '{}') as { id?: string; isLast?: boolean };
      if (id === undefined) return;
      if (isLast === true) this.lastChunksDelivered.add(id);
      const tokens = this.chunkTokens.get(id) ?? new Set<string>();
      for (const session of body.apiSessions ?? []) tokens.add(session.token);
      this.chunkTokens.set(id, tokens);
      return;
    }
    if (syncing === '') return;
    if (message.contentType === ContentType.ApiSessionAdded && stats.heldTrackerSyncId !== syncing) {
      this.coverageSeen.reached.add(COVERAGE.liveAddBeforeFirstChunkHandled);
    }
    if (message.contentType === ContentType.ApiSessionRemoved) {
      const delivered = this.chunkTokens.get(syncing);
      for (const token of body.tokens ?? []) {
        this.coverageSeen.reached.add(
          delivered?.has(token) ? COVERAGE.removedAfterItsChunk : COVERAGE.removedBeforeItsChunk,
        );
      }
    }
  }
}
