import type { StepOutcome, StoreScenario } from '../StoreScenario.js';

export type StoreInvariantName = 'conformance' | 'freed';

/**
 * One promise a store makes, checked after every step where it must always hold and
 * at quiescence where it must hold eventually. A check returns what broke, in words.
 */
export interface StoreInvariant {
  readonly name: StoreInvariantName;
  readonly promise: string;
  afterStep?(scenario: StoreScenario, outcome: StepOutcome): string | undefined;
  /**
   * How far to move the clock once the steps are done, before `atQuiescence`: the case
   * runner does it, so the move shows in the trace.
   */
  quiescenceAdvanceMs?(scenario: StoreScenario): number;
  atQuiescence?(scenario: StoreScenario): Promise<string | undefined>;
}
