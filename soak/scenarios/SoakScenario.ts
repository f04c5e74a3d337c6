import type { SyncSystem } from '../../src/harness/index.js';
import type { RealRuntime } from '../../src/runtime/RealRuntime.js';

/** One soak workload: a warm-up, then the same cycle again and again on the real runtime. */
export interface SoakScenario {
  readonly name: string;
  readonly description: string;
  /** Sessions the controller holds throughout; each cycle ends as many as it creates. */
  readonly liveSessions: number;
  /**
   * Cycles run before the baseline snapshot. Until every session alive at the connect has
   * been replaced by churn and the controller's sync history is full, the heap grows for
   * reasons that stop by themselves; measured from then on, a fixed router's heap is flat.
   */
  readonly warmUpCycles: number;
  /** One cycle of work; it returns once its messages are sent (not necessarily handled). */
  cycle(system: SyncSystem<RealRuntime>, cycle: number): Promise<void>;
}

/** Lets the real runtime run for a while: deliveries, handler tasks, ticks. */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Live churn that keeps the controller's live set the same size: ends the oldest, creates as many. */
export function churn(system: SyncSystem<RealRuntime>, count: number): void {
  const live = system.controller.liveSessions();
  for (let i = 0; i < count && i < live.length; i++) {
    const session = live[i];
    if (session !== undefined) system.controller.endSession(session.token);
  }
  for (let i = 0; i < count; i++) system.controller.createSession();
  const after = system.controller.liveSessions();
  for (let i = 0; i < Math.min(count, after.length); i += 2) {
    const session = after[after.length - 1 - i];
    if (session !== undefined) system.controller.updateSession(session.token);
  }
}
