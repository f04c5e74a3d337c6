import type { FaultProfileName } from '../../faults.js';
import { VirtualRuntime } from '../../runtime/VirtualRuntime.js';
import type { Direction } from '../../session/ControlChannel.js';
import { describeThrown } from '../../session/describeThrown.js';
import { ContentType, type WireMessage } from '../../session/messages.js';
import { createSyncSystem, type SyncSystem } from '../SyncSystem.js';
import { adversarialMessage } from './adversarialMessage.js';
import { type AdversarialWire, applyHostileStep, applyMutateStep } from './hostile/hostileSteps.js';
import { RejectionMonitor } from './hostile/RejectionMonitor.js';
import type { InjectKind, ScenarioParams, Step } from './Step.js';

/** The router's state after a step, as plain data for replays and reports. */
export interface StateSnapshot {
  readonly time: number;
  readonly syncInProgress: string;
  readonly trackersHeld: number;
  readonly heldTrackerState: string | undefined;
  readonly postSyncBuffered: number;
  readonly routerSessions: number;
  readonly controllerSessions: number;
  readonly queueLength: number;
  readonly inFlightToRouter: number;
  readonly syncs: { started: number; applied: number; failed: number; aborted: number };
  readonly protocolErrors: number;
  readonly resyncsRequested: number;
  readonly channelOpen: boolean;
}

/** How long, in virtual time and steps, quiescence may take before it counts as a livelock. */
export const QUIESCENCE_LIMITS = { virtualMs: 10 * 60_000, steps: 200_000 } as const;

const CHUNK_LOG_KEPT = 32;

/**
 * A controller and router on a virtual runtime, driven one `Step` at a time, with
 * the monitors the invariants read: deletions of live sessions, errors thrown out of
 * tasks, adversarial messages delivered.
 */
export class SyncScenario {
  readonly system: SyncSystem<VirtualRuntime>;
  readonly runtime = new VirtualRuntime();
  /** "token (id) deleted at t=… while the controller still had it". */
  readonly liveSessionsDeleted: string[] = [];
  readonly taskErrors: string[] = [];
  /** Checks each hostile or damaged message as the router handles it. */
  readonly rejections: RejectionMonitor;
  private readonly wire: AdversarialWire;
  private readonly injected = new WeakMap<WireMessage, InjectKind>();
  private readonly injectedDeliveredByKind = new Map<InjectKind, number>();
  private chunkLog: WireMessage[] = [];

  constructor(
    readonly params: ScenarioParams,
    readonly profile: FaultProfileName,
  ) {
    this.system = createSyncSystem({
      runtime: this.runtime,
      profile,
      chunkSize: params.chunkSize,
      timing: { tickIntervalMs: params.tickIntervalMs, deadlineMs: params.deadlineMs },
      onDeliver: (direction, message) => this.observeDelivery(direction, message),
    });
    const { router, controller } = this.system;
    this.rejections = new RejectionMonitor(router, this.runtime);
    this.system.channel.attach(this.rejections.peer(), controller);
    this.wire = {
      channel: this.system.channel,
      tag: (value, description) => this.rejections.tag(value, description),
      isAdversarial: (value) => this.rejections.isAdversarial(value),
    };
    router.state.onEvent((event) => {
      if (event.kind !== 'removed') return;
      if (controller.getSession(event.session.token) !== undefined) {
        this.liveSessionsDeleted.push(
          `${event.session.token} (${event.session.id}) deleted at t=${this.runtime.now()} ms while the controller still had it`,
        );
      }
    });
    for (let i = 0; i < params.initialSessions; i++) controller.createSession();
    this.system.channel.connect();
  }

  /** Applies one step; returns what actually happened. */
  apply(step: Step): string {
    const { controller, channel } = this.system;
    const live = () => controller.liveSessions();
    switch (step.op) {
      case 'create':
        for (let i = 0; i < step.count; i++) controller.createSession();
        return `created ${step.count}`;
      case 'update': {
        const sessions = live();
        const target = sessions[step.pick % Math.max(1, sessions.length)];
        if (target === undefined) return 'no live session to update';
        controller.updateSession(target.token);
        return `updated ${target.token}`;
      }
      case 'end': {
        const sessions = live();
        const target = sessions[step.pick % Math.max(1, sessions.length)];
        if (target === undefined) return 'no live session to end';
        controller.endSession(target.token);
        return `ended ${target.token}`;
      }
      case 'resync':
        if (!channel.isOpen()) return 'channel closed: no sync';
        return `started ${controller.startFullSync('generated resync')}`;
      case 'run': {
        const count = this.runtime.runnableCount();
        if (count === 0) return 'nothing runnable';
        return this.runGuarded(step.pick % count);
      }
      case 'advance':
        this.runtime.advanceBy(step.ms);
        return `clock at ${this.runtime.now()} ms`;
      case 'close':
        if (!channel.isOpen()) return 'already closed';
        channel.close();
        this.chunkLog = [];
        return 'closed';
      case 'reconnect':
        if (channel.isOpen()) return 'already open';
        channel.connect();
        return 'reconnected';
      case 'inject': {
        if (!channel.isOpen()) return 'channel closed: nothing injected';
        const message = adversarialMessage(step.kind, step.pick, this.chunkLog, controller);
        if (message === undefined) return 'nothing to replay yet';
        // A replayed chunk is the same object as the original: copy it so it can be told apart.
        const copy: WireMessage = { ...message };
        this.injected.set(copy, step.kind);
        channel.injectToRouter(copy);
        return `injected ${step.kind}`;
      }
      case 'hostile':
        return applyHostileStep(this.wire, step);
      case 'mutate':
        return applyMutateStep(this.wire, step);
    }
  }

  /**
   * One action toward quiescence, oldest work first: reconnect a closed channel, run
   * the oldest runnable item, or jump to the next timer. Undefined once idle.
   */
  drainStep(): string | undefined {
    if (!this.system.channel.isOpen()) {
      this.system.channel.connect();
      return 'reconnect channel (quiescence)';
    }
    if (this.runtime.runnableCount() > 0) return this.runGuarded(0);
    if (this.runtime.advanceToNextTimer()) return `clock to ${this.runtime.now()} ms (quiescence)`;
    return undefined;
  }

  /** Runs `drainStep` until idle; false when the limits were hit first (a livelock). */
  drain(onStep?: (action: string) => void): boolean {
    const deadline = this.runtime.now() + QUIESCENCE_LIMITS.virtualMs;
    for (let steps = 0; steps < QUIESCENCE_LIMITS.steps; steps++) {
      if (this.runtime.now() > deadline) return false;
      const action = this.drainStep();
      if (action === undefined) return true;
      onStep?.(action);
    }
    return false;
  }

  /** Adversarial messages that reached the router, by kind. */
  injectedDelivered(kind: InjectKind): number {
    return this.injectedDeliveredByKind.get(kind) ?? 0;
  }

  snapshot(): StateSnapshot {
    const stats = this.system.router.stats();
    return {
      time: this.runtime.now(),
      syncInProgress: stats.syncInProgress,
      trackersHeld: stats.trackersHeld,
      heldTrackerState: stats.heldTrackerState,
      postSyncBuffered: stats.postSyncEntriesBuffered,
      routerSessions: stats.sessionsCached,
      controllerSessions: this.system.controller.liveSessionCount(),
      queueLength: stats.queueLength,
      inFlightToRouter: this.system.channel.pending('toRouter'),
      syncs: {
        started: stats.syncsStarted,
        applied: stats.syncsApplied,
        failed: stats.syncsFailed,
        aborted: stats.syncsAborted,
      },
      protocolErrors: stats.protocolErrors,
      resyncsRequested: stats.resyncsRequested,
      channelOpen: this.system.channel.isOpen(),
    };
  }

  private runGuarded(index: number): string {
    const label = this.runtime.runnable()[index]?.label ?? '?';
    try {
      this.rejections.runAt(index);
    } catch (error) {
      this.taskErrors.push(`task "${label}" threw: ${describeThrown(error)}`);
    }
    return `ran ${label}`;
  }

  private observeDelivery(direction: Direction, message: WireMessage): void {
    if (direction !== 'toRouter' || this.rejections.isAdversarial(message)) return;
    const kind = this.injected.get(message);
    if (kind !== undefined) this.injectedDeliveredByKind.set(kind, this.injectedDelivered(kind) + 1);
    if (message.contentType === ContentType.ApiSessionAdded && isFullState(message)) {
      this.chunkLog.push(message);
      if (this.chunkLog.length > CHUNK_LOG_KEPT) this.chunkLog.shift();
    }
  }
}

/** Reads the body defensively: adversarial bodies may be anything, even a throwing getter. */
function isFullState(message: WireMessage): boolean {
  try {
    return (message.body as { isFullState?: unknown } | null)?.isFullState === true;
  } catch {
    return false;
  }
}
