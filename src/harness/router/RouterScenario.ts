import type { FaultProfileName } from '../../faults.js';
import { VirtualRuntime } from '../../runtime/VirtualRuntime.js';
import { describeThrown } from '../../session/describeThrown.js';
import type { ModelScenario, ScenarioOptions, TraceState } from '../engine/ModelSystem.js';
import { DeliveryLog } from './DeliveryLog.js';
import type { AdversarialWire } from './hostile/hostileSteps.js';
import { RejectionMonitor } from './hostile/RejectionMonitor.js';
import type { RouterParams } from './params.js';
import { routerState } from './routerState.js';
import { createSyncSystem, type SyncSystem } from './SyncSystem.js';

/** How long, in virtual time and actions, quiescence may take before it counts as a livelock. */
export const QUIESCENCE_LIMITS = { virtualMs: 10 * 60_000, actions: 200_000 } as const;

/**
 * A controller and router on a virtual runtime, driven one step at a time, with the
 * monitors the invariants read: deletions of live sessions, errors thrown out of tasks,
 * what was delivered.
 */
export class RouterScenario implements ModelScenario {
  readonly runtime = new VirtualRuntime();
  readonly system: SyncSystem<VirtualRuntime>;
  readonly deliveries: DeliveryLog;
  /** "token (id) deleted at t=… while the controller still had it". */
  readonly liveSessionsDeleted: string[] = [];
  readonly taskErrors: string[] = [];
  /** Checks each hostile or damaged message as the router handles it. */
  readonly rejections: RejectionMonitor;
  private entry = 0;
  private drainDeadline: number | undefined;

  constructor(
    readonly params: RouterParams,
    readonly profile: FaultProfileName,
    readonly options: ScenarioOptions = { watchLifecycle: false },
  ) {
    this.deliveries = new DeliveryLog();
    this.system = createSyncSystem({
      runtime: this.runtime,
      profile,
      chunkSize: params.chunkSize,
      timing: { tickIntervalMs: params.tickIntervalMs, deadlineMs: params.deadlineMs },
      onDeliver: (direction, message) => {
        if (!this.rejections.isAdversarial(message)) this.deliveries.observe(direction, message);
      },
    });
    const { router, controller } = this.system;
    this.rejections = new RejectionMonitor(router, this.runtime);
    this.system.channel.attach(this.rejections.peer(), controller);
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

  beginEntry(index: number): void {
    this.entry = index;
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

  /** The wire as the hostile steps use it: what they put on it is marked adversarial. */
  adversarialWire(): AdversarialWire {
    return {
      channel: this.system.channel,
      tag: (value, description) => this.rejections.tag(value, description),
      isAdversarial: (value) => this.rejections.isAdversarial(value),
    };
  }

  /**
   * One action toward quiescence, oldest work first: reconnect a closed channel, run the
   * oldest runnable item, or jump to the next timer. Undefined once idle.
   */
  drainStep(): string | undefined {
    this.drainDeadline ??= this.runtime.now() + QUIESCENCE_LIMITS.virtualMs;
    if (!this.system.channel.isOpen()) {
      this.system.channel.connect();
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
    return new Set();
  }

  dispose(): void {}
}
