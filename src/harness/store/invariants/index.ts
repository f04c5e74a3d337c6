import { conformance } from './conformance.js';
import { freed } from './freed.js';
import type { StoreInvariant, StoreInvariantName } from './StoreInvariant.js';

export type { StoreInvariant, StoreInvariantName } from './StoreInvariant.js';

export const STORE_INVARIANTS: Readonly<Record<StoreInvariantName, StoreInvariant>> = { conformance, freed };

export const STORE_INVARIANT_NAMES = Object.keys(STORE_INVARIANTS) as StoreInvariantName[];
