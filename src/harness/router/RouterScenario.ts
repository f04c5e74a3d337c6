import type { FaultProfileName } from '../../faults.js';
import { VirtualRuntime } from '../../runtime/VirtualRuntime.js';
import type { Direction } from '../../session/ControlChannel.js';
import { describeThrown } from '../../session/describeThrown.js';
import { ContentType, SyncStateHeader, type WireMessage } from '../../session/messages.js';
import { LifecycleWatcher } from '../engine/lifecycle/LifecycleWatcher.js';
import type { ModelScenario, ScenarioOptions, TraceState } from '../engine/ModelSystem.js';
import { AnnouncementMonitor } from './AnnouncementMonitor.js';
import type { InjectKind } from './adversarialMessage.js';
import { COVERAGE } from './coverage.js';
import { DeliveryLog } from './DeliveryLog.js';
import type { AdversarialWire } from './hostile/hostileSteps.js';
import { RejectionMonitor } from './hostile/RejectionMonitor.js';
import type { RouterParams } from './params.js';
import { openChannel } from './peerActions.js';
import { RemovalListeners } from './RemovalListeners.js';
import { RouterMonitor } from './RouterMonitor.js';
import { routerState } from './routerState.js';
import { createSyncSystem, type SyncSystem } from './SyncSystem.js';

/** What `deliveringKind` says while a hostile, damaged or corrupted message is handed to the router. */
export const ADVERSARIAL = 'adversarial';

/** How long, in virtual time and actions, quiescence may take before it counts as a livelock. */
export const QUIESCENCE_LIMITS = { virtualMs: 10 * 60_000, actions: 200_000 } as const;

/**
 * A controller and router on a virtual runtime, driven one step at a time, with the
 * monitors the invariants read: deletions of live sessions, errors thrown out of tasks,
 * what was delivered, who acted, why syncs failed, and (for `freed`) every object whose
 * life ended, watched by a WeakRef.
 */
/** Injected kinds that only replay a chunk already delivered. */
const REPLAYS: readonly string[] = ['duplicate-chunk', 'late-chunk'] satisfies InjectKind[];

export class RouterScenario implements ModelScenario {
  readonly runtime = new VirtualRuntime();
  readonly system: SyncSystem<VirtualRuntime>;
  readonly deliveries = new DeliveryLog();
  /** "token (id) deleted at t=… while the controller still had it". */
  readonly liveSessionsDeleted: string[] = [];
  /** "token (id) added at t=… after its removal reached the router (entry …)": what `final` forbids. */
  readonly sessionsBroughtBack: string[] = [];
  /** Every message delivered to the router, adversarial ones included. */
  deliveredToRouter = 0;
  /** Adversarial messages delivered to the router: injected, corrupted, hostile or damaged. */
  adversarialDelivered = 0;
  readonly taskErrors: string[] = [];
  /** Checks each hostile or damaged message as the router handles it. */
  readonly rejections: RejectionMonitor;
  readonly monitor: RouterMonitor;
  /** Checks that what the router announces to observers is what it did. */
  readonly announcements: AnnouncementMonitor;
  /** The edge connections that listen for their session's removal. */
  readonly removalListeners: RemovalListeners;
  /** Present when the invariant judges lifetimes (`freed`): it costs a WeakRef per ended object. */
  readonly lifecycle: LifecycleWatcher | undefined;
  private entry = 0;
  private drainDeadline: number | undefined;
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
  /** Tokens whose removal the controller sent and the router was handed, with the entry it happened at. */
  private readonly removalsDelivered = new Map<string, number>();

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
    this.rejections = new RejectionMonitor(router, this.runtime);
    this.system.channel.attach(this.rejections.peer(), controller);
    this.monitor = new RouterMonitor({
      router,
      controller,
      deadlineMs: params.deadlineMs,
      now: () => this.runtime.now(),
      currentEntry: () => this.entry,
      breakingDelivered: () => this.breakingThisConnection,
      deliveringKind: () => this.delivering,
      adversarialBefore: () => this.adversarialBefore,
      lastChunkDelivered: (syncId) => this.lastChunksDelivered.has(syncId),
    });
    this.removalListeners = new RemovalListeners(router.state);
    this.announcements = new AnnouncementMonitor({
      router,
      currentEntry: () => this.entry,
      closes: () => {
        const { channel } = this.system;
        return channel.counts().connections - (channel.isOpen() ? 1 : 0);
      },
      timers: () => this.runtime.timerCounts(),
      adversarialDelivered: () => this.adversarialThisConnection,
      chunksOf: (syncId) => controller.syncHistory().find((record) => record.syncId === syncId)?.totalChunks,
    });
    router.state.onEvent((event) => {
      if (event.kind !== 'removed') {
        const removedAt = this.removalsDelivered.get(event.session.token);
        if (removedAt !== undefined) {
          this.sessionsBroughtBack.push(
            `${event.session.token} (${event.session.id}) ${event.kind} at t=${this.runtime.now()} ms, after its removal reached the router (entry ${removedAt})`,
          );
        }
        return;
      }
      if (controller.getSession(event.session.token) !== undefined) {
        this.liveSessionsDeleted.push(
          `${event.session.token} (${event.session.id}) deleted at t=${this.runtime.now()} ms while the controller still had it`,
        );
      }
    });
    for (let i = 0; i < params.initialSessions; i++) controller.createSession();
    openChannel(this.system.channel);
  }

  beginEntry(index: number): void {
    this.entry = index;
    this.announcements.actionBegins();
  }

  /** The trace entry being run: what a monitor stamps on what it records. */
  currentEntry(): number {
    return this.entry;
  }

  /** Runs the runnable item at `index`; an exception out of a task is recorded, never thrown. */
  runAt(index: number): string {
    const label = this.runtime.runnable()[index]?.label ?? '?';
    try {
      this.rejections.runAt(index);
    } catch (error) {
      this.taskErrors.push(`task "${label}" threw: ${describeThrown(error)}`);
    }
    return `ran ${label}`;
  }

  /** The wire as the adversary's steps use it: what they put on it is marked adversarial. */
  adversarialWire(): AdversarialWire {
    return {
      channel: this.system.channel,
      tag: (value, description) => this.rejections.tag(value, description),
      isAdversarial: (value) => this.rejections.isAdversarial(value),
    };
  }

  /** The controller ended a session; ended while the channel is down, its removal never reaches the router. */
  noteSessionEnded(): void {
    if (!this.system.channel.isOpen()) this.endedWhileDown = true;
  }

  /** Opens the channel again, as a reconnect step or the drain does. */
  reconnect(): void {
    openChannel(this.system.channel);
    if (this.endedWhileDown) this.monitor.reached.add(COVERAGE.reconnectAfterEndedWhileDown);
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
    const reached = new Set(this.monitor.reached);
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

  private observeDelivery(direction: Direction, message: WireMessage): void {
    if (direction !== 'toRouter') return;
    this.deliveredToRouter++;
    this.adversarialBefore = this.adversarialThisConnection;
    if (this.rejections.isAdversarial(message)) {
      const brokenSync = this.corrupted.get(message);
      if (brokenSync !== undefined && !this.system.router.faults.messagesHandledOutOfOrder) {
        this.monitor.brokenChunkDelivered(brokenSync);
      }
      this.adversarialThisConnection = true;
      this.breakingThisConnection = true;
      this.adversarialDelivered++;
      this.delivering = ADVERSARIAL;
      return;
    }
    const injected = this.deliveries.injectedKind(message);
    if (injected !== undefined) {
      this.adversarialThisConnection = true;
      // A replay of a chunk already delivered is refused as a duplicate or ignored as stale: it breaks nothing.
      if (!REPLAYS.includes(injected)) this.breakingThisConnection = true;
      this.adversarialDelivered++;
    } else if (
      message.contentType === ContentType.ApiSessionAdded &&
      (message.body as { isFullState?: unknown }).isFullState === false
    ) {
      this.announcements.liveAddDelivered();
    } else if (message.contentType === ContentType.ApiSessionRemoved) {
      // Tokens are never reused: once the router has this, nothing the controller sends later names them.
      for (const token of (message.body as { tokens?: readonly string[] }).tokens ?? []) {
        if (!this.removalsDelivered.has(token)) this.removalsDelivered.set(token, this.entry);
      }
    }
    this.deliveries.observe(direction, message);
    this.noteCoverage(message, injected);
    // The router handles the message right after this returns; the monitor reads the kind meanwhile.
    this.delivering = injected;
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
      this.monitor.reached.add(COVERAGE.liveAddBeforeFirstChunkHandled);
    }
    if (message.contentType === ContentType.ApiSessionRemoved) {
      const delivered = this.chunkTokens.get(syncing);
      for (const token of body.tokens ?? []) {
        this.monitor.reached.add(
          delivered?.has(token) ? COVERAGE.removedAfterItsChunk : COVERAGE.removedBeforeItsChunk,
        );
      }
    }
  }
}
