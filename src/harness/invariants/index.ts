import { bounded } from './bounded.js';
import { convergence } from './convergence.js';
import { freed } from './freed.js';
import type { Invariant, InvariantName } from './Invariant.js';
import { progress } from './progress.js';
import { robustness } from './robustness.js';
import { safety } from './safety.js';

export { collectGarbage } from './freed.js';
export type { Invariant, InvariantName } from './Invariant.js';

export const INVARIANTS: Readonly<Record<InvariantName, Invariant>> = {
  freed,
  bounded,
  convergence,
  safety,
  progress,
  robustness,
};

export const INVARIANT_NAMES = Object.keys(INVARIANTS) as InvariantName[];

export function isInvariantName(name: string): name is InvariantName {
  return Object.hasOwn(INVARIANTS, name);
}
