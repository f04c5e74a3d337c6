import type { Invariant } from '../../engine/Invariant.js';
import type { StoreModelScenario } from '../StoreModelScenario.js';
import { conformance } from './conformance.js';
import { freed } from './freed.js';

export const STORE_INVARIANTS = { conformance, freed } as const satisfies Readonly<
  Record<string, Invariant<StoreModelScenario>>
>;

export type StoreInvariantName = keyof typeof STORE_INVARIANTS;

export const STORE_INVARIANT_NAMES = Object.keys(STORE_INVARIANTS) as StoreInvariantName[];
