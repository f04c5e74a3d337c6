import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import type { FaultProfileName } from '../faults.js';
import { INVARIANT_NAMES, type InvariantName } from '../harness/invariants/index.js';
import { CATCH_RUNS, EXPECTED_CATCHES } from '../harness/model/faultExpectations.js';
import { type Shard, shardSeed } from './Shard.js';

export const NIGHTLY_PARTS = ['properties', 'soak', 'bench'] as const;
export type NightlyPart = (typeof NIGHTLY_PARTS)[number];

export interface NightlyOptions {
  readonly budgetMs: number;
  readonly shard: Shard;
  readonly seed: number;
  /** Runs per property under `fixed`, an upper bound: the time share may stop it sooner. */
  readonly runsPerProperty: number;
  readonly parts: ReadonlySet<NightlyPart>;
  /** Self-test: this profile runs wherever `fixed` would, so the night must fail. */
  readonly forcedProfile?: FaultProfileName;
}

/** A property check; `slot` is the role: `fixed` must hold, a fault profile must be caught. */
export interface PropertyTask {
  readonly invariant: InvariantName;
  readonly profile: FaultProfileName;
  readonly slot: FaultProfileName;
  readonly seed: number;
  readonly runs: number;
  /** Only `fixed`-slot checks are time-boxed; a catch stops at its first failure anyway. */
  readonly timeBoxed: boolean;
}

export interface SoakTask {
  readonly scenario: string;
  readonly profile: FaultProfileName;
  readonly slot: FaultProfileName;
}

export interface NightlyPlan {
  readonly properties: readonly PropertyTask[];
  readonly soaks: readonly SoakTask[];
  readonly bench: boolean;
  /** Shares of the budget, in ms; whatever a part leaves unused passes to the next. */
  readonly shares: Readonly<Record<NightlyPart, number>>;
}

/** Where each fault shows in a soak: one scenario per fault keeps the night short. */
export const SOAK_EXPECTED_LEAKS: ReadonlyArray<readonly [FaultProfileName, string]> = [
  ['pre-2670', 'steady'],
  ['inverted-flag', 'steady'],
  ['no-release', 'resync-storm'],
];

/** Fast checks first, `freed` (a gc per run) last, so it gets what the others leave of the share. */
const PROPERTY_ORDER: readonly InvariantName[] = [
  ...INVARIANT_NAMES.filter((name) => name !== 'freed'),
  ...INVARIANT_NAMES.filter((name) => name === 'freed'),
];

const SHARE_WEIGHTS: Readonly<Record<NightlyPart, number>> = { properties: 0.4, soak: 0.4, bench: 0.2 };

export function planNightly(options: NightlyOptions): NightlyPlan {
  const underTest = options.forcedProfile ?? 'fixed';
  const properties: PropertyTask[] = [];
  const soaks: SoakTask[] = [];
  if (options.parts.has('properties')) {
    PROPERTY_ORDER.forEach((invariant, i) => {
      properties.push({
        invariant,
        profile: underTest,
        slot: 'fixed',
        seed: shardSeed(options.seed, options.shard, i),
        runs: options.runsPerProperty,
        timeBoxed: true,
      });
    });
    EXPECTED_CATCHES.forEach(([profile, invariant], i) => {
      properties.push({
        invariant,
        profile,
        slot: profile,
        seed: shardSeed(options.seed, options.shard, PROPERTY_ORDER.length + i),
        runs: CATCH_RUNS,
        timeBoxed: false,
      });
    });
  }
  if (options.parts.has('soak')) {
    for (const scenario of SOAK_SCENARIO_NAMES) soaks.push({ scenario, profile: underTest, slot: 'fixed' });
    for (const [profile, scenario] of SOAK_EXPECTED_LEAKS) soaks.push({ scenario, profile, slot: profile });
  }
  const bench = options.parts.has('bench');
  const weights = NIGHTLY_PARTS.map((part) => (options.parts.has(part) ? SHARE_WEIGHTS[part] : 0));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const shares = Object.fromEntries(
    NIGHTLY_PARTS.map((part, i) => [part, Math.floor((options.budgetMs * (weights[i] ?? 0)) / total)]),
  ) as Record<NightlyPart, number>;
  return { properties, soaks, bench, shares };
}
