import type { StoreUnderTest } from '../../stores/StoreUnderTest.js';
import type { ModelScenario, TraceState } from '../engine/ModelSystem.js';
import type { StepOutcome, StoreScenario } from './StoreScenario.js';
import type { VirtualClock } from './VirtualClock.js';

/** How long to wait for a store that promises nothing: a day, memorystore's default TTL. */
export const NO_PROMISE_HORIZON_MS = 24 * 60 * 60 * 1_000;

/** Real time past which a case on a real-timer store may have let Redis expire a key by itself. */
const SLOW_CASE_MS = 500;

/**
 * One store case as the engine drives it: the steps run on `StoreScenario`; quiescence is
 * one move of the virtual clock past the store's own promise (a day for a store that
 * promises nothing), so `freed` judges what the store keeps after it had every chance.
 */
export class StoreModelScenario implements ModelScenario {
  /** What the last step did, for `conformance`. */
  lastOutcome: StepOutcome | undefined;
  private drained = false;
  private readonly startedMs = performance.now();

  constructor(
    readonly scenario: StoreScenario,
    readonly store: StoreUnderTest,
    private readonly clock: VirtualClock,
  ) {}

  beginEntry(): void {}

  /** How long after the steps the store must have forgotten every dead session. */
  promiseMs(): number {
    return this.store.promise.forgetsWithinMs ?? NO_PROMISE_HORIZON_MS;
  }

  async drainStep(): Promise<string | undefined> {
    if (this.drained) return undefined;
    this.drained = true;
    this.lastOutcome = undefined;
    this.scenario.markStepsDone();
    const wait = this.promiseMs();
    await this.scenario.advance(wait);
    return `advance ${wait / 1_000}s, past the store's promise (quiescence)`;
  }

  drainExhausted(drainActions: number): boolean {
    return drainActions > 1;
  }

  async state(): Promise<TraceState> {
    const now = this.scenario.now();
    return {
      time: `${now / 1_000}s`,
      live: this.scenario.model.liveIds(now).length,
      held: this.store.hasProbe ? (await this.store.retainedSessionIds()).length : '?',
    };
  }

  coverage(): ReadonlySet<string> {
    return this.scenario.reached;
  }

  /**
   * Redis keeps counting real time; a case slow enough to cross a whole second can see a
   * key expire early. A failure then says so rather than pass for the store's fault. The
   * PostgreSQL and file stores compare only times the process sends, so they need no note.
   */
  noted(message: string): string {
    const realMs = Math.round(performance.now() - this.startedMs);
    return this.store.server === 'redis' && realMs >= SLOW_CASE_MS
      ? `${message} (the case took ${realMs} ms of real time; real TTLs may have run out early)`
      : message;
  }

  async dispose(): Promise<void> {
    try {
      await this.store.close();
    } finally {
      this.clock.uninstall();
    }
  }
}
