import { MIN_CYCLES_FOR_SLOPE } from '../../soak/analysis/thresholds.js';
import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import type { FaultProfileName } from '../faults.js';
import { CATCH_RUNS, EXPECTED_CATCHES } from '../harness/router/faultExpectations.js';
import { ROUTER_INVARIANT_NAMES, type RouterInvariantName } from '../harness/router/invariants/index.js';
import { STORE_CHECK_RUNS, STORE_EXPECTATIONS } from '../harness/store/storeExpectations.js';
import { BUILTIN_STORE_NAMES, builtinStoreDefinition } from '../stores/registry.js';
import { type Shard, shardSeed } from './Shard.js';

export const NIGHTLY_PARTS = ['properties', 'stores', 'soak', 'bench'] as const;
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

/** A property check: `holds` means the promise must be kept, `caught` that a fault profile must break it. */
export interface PropertyTask {
  readonly system: 'router' | 'store';
  readonly property: string;
  readonly target: string;
  readonly expect: 'holds' | 'caught';
  readonly seed: number;
  readonly runs: number;
  /** Only checks that must hold are time-boxed; a catch stops at its first failure anyway. */
  readonly timeBoxed: boolean;
}

export interface SoakTask {
  readonly system: 'router' | 'store';
  readonly scenario: string;
  /** A fault profile for the router, a store's name for a store. */
  readonly target: string;
  readonly expect: 'clean' | 'leak';
  /** At least this many cycles, so every limit can be judged however slow the machine is. */
  readonly minCycles: number;
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

/** Cases per store property that must hold: a store case costs more than a router case (real I/O for Redis). */
const STORE_RUNS = 300;

/** A soak that must be clean needs the slope judged: some margin over the minimum. */
const SOAK_MIN_CYCLES = MIN_CYCLES_FOR_SLOPE + 30;

/** Cheap checks first, `freed` (the costliest: it collects garbage) last, so it gets what the others leave of the share. */
const PROPERTY_ORDER: readonly RouterInvariantName[] = [
  ...ROUTER_INVARIANT_NAMES.filter((name) => name !== 'freed'),
  ...ROUTER_INVARIANT_NAMES.filter((name) => name === 'freed'),
];

const SHARE_WEIGHTS: Readonly<Record<NightlyPart, number>> = { properties: 0.35, stores: 0.1, soak: 0.35, bench: 0.2 };

/** The shares in words, for `--help`: "properties 35%, stores 10%, …". */
export function describeBudgetShares(): string {
  return NIGHTLY_PARTS.map((part) => `${part} ${Math.round(SHARE_WEIGHTS[part] * 100)}%`).join(', ');
}

export function planNightly(options: NightlyOptions): NightlyPlan {
  const underTest = options.forcedProfile ?? 'fixed';
  const properties: PropertyTask[] = [];
  const soaks: SoakTask[] = [];
  if (options.parts.has('properties')) {
    PROPERTY_ORDER.forEach((property, i) => {
      properties.push({
        system: 'router',
        property,
        target: underTest,
        expect: 'holds',
        seed: shardSeed(options.seed, options.shard, i),
        runs: options.runsPerProperty,
        timeBoxed: true,
      });
    });
    EXPECTED_CATCHES.forEach(([target, property], i) => {
      properties.push({
        system: 'router',
        property,
        target,
        expect: 'caught',
        seed: shardSeed(options.seed, options.shard, PROPERTY_ORDER.length + i),
        runs: CATCH_RUNS,
        timeBoxed: false,
      });
    });
  }
  if (options.parts.has('stores')) {
    STORE_EXPECTATIONS.forEach(({ store, property, expect, runs }, i) => {
      properties.push({
        system: 'store',
        property,
        target: store,
        expect,
        seed: shardSeed(options.seed, options.shard, 100 + i),
        runs: runs ?? (expect === 'caught' ? STORE_CHECK_RUNS : STORE_RUNS),
        timeBoxed: false,
      });
    });
    for (const store of BUILTIN_STORE_NAMES) {
      // A store documented to leak must be caught leaking; the others must stay clean.
      const expect = builtinStoreDefinition(store).documentedLeak !== undefined ? 'leak' : 'clean';
      soaks.push({ system: 'store', scenario: 'logins', target: store, expect, minCycles: SOAK_MIN_CYCLES });
    }
  }
  if (options.parts.has('soak')) {
    for (const scenario of SOAK_SCENARIO_NAMES) {
      soaks.push({ system: 'router', scenario, target: underTest, expect: 'clean', minCycles: SOAK_MIN_CYCLES });
    }
    for (const [target, scenario] of SOAK_EXPECTED_LEAKS) {
      soaks.push({ system: 'router', scenario, target, expect: 'leak', minCycles: SOAK_MIN_CYCLES });
    }
  }
  const bench = options.parts.has('bench');
  const weights = NIGHTLY_PARTS.map((part) => (options.parts.has(part) ? SHARE_WEIGHTS[part] : 0));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const shares = Object.fromEntries(
    NIGHTLY_PARTS.map((part, i) => [part, Math.floor((options.budgetMs * (weights[i] ?? 0)) / total)]),
  ) as Record<NightlyPart, number>;
  return { properties, soaks, bench, shares };
}
