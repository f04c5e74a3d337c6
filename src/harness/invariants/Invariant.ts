import type { SyncScenario } from '../model/SyncScenario.js';

export type InvariantName = 'freed' | 'bounded' | 'convergence' | 'safety' | 'progress' | 'robustness';

/**
 * One promise of the design, checked after every step where it must always hold
 * and at quiescence where it must hold eventually. A check returns what broke, in
 * words, or undefined.
 */
export interface Invariant {
  readonly name: InvariantName;
  readonly promise: string;
  afterStep?(scenario: SyncScenario): string | undefined;
  /** `reachedQuiescence` is false when draining hit its limits first. */
  atQuiescence?(scenario: SyncScenario, reachedQuiescence: boolean): string | undefined | Promise<string | undefined>;
}
