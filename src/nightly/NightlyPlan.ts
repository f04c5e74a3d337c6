import { MIN_CYCLES_FOR_SLOPE } from '../../soak/analysis/thresholds.js';
import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import type { PlantedLeak } from '../../soak/worker/plantedLeak.js';
import type { FaultProfileName } from '../faults.js';
import {
  CATCH_RUNS,
  EXPECTED_CATCHES,
  ROUTER_INVARIANT_NAMES,
  type RouterInvariantName,
  STORE_CHECK_RUNS,
  STORE_EXPECTATIONS,
} from '../harness/index.js';
import { MIN_CHECK_MS } from '../jobs/checkProperties.js';
import { referenceProfile } from '../jobs/targets.js';
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
  /** The soak's self-check: a leak planted under `fixed` that the soak must report where it is held. */
  readonly selfCheck?: PlantedLeakSelfCheck;
}

/** The footprint's two rules: the router's bytes, and its collections. */
export type FootprintRule = 'routerFootprintGrowth' | 'routerCollectionsGrowing';

export interface PlantedLeakSelfCheck {
  readonly leak: PlantedLeak;
  /** Each of these rules must report the leak at the planted records' path. */
  readonly rules: readonly FootprintRule[];
}

/**
 * The soak checks itself each night: steady, the cheapest scenario (no sync after the
 * connect), with a 16-character string kept in a Map per removed session, about 50 a cycle,
 * which both footprint rules caught in every run measured (docs/soak.md), over the fewest
 * cycles at which they judge. A soak that does not report it fails the night: it could not
 * have seen a leak of the router either.
 */
export const PLANTED_LEAK_SELF_CHECK: {
  readonly scenario: string;
  readonly cycles: number;
  readonly check: PlantedLeakSelfCheck;
} = {
  scenario: 'steady',
  cycles: MIN_CYCLES_FOR_SLOPE,
  check: {
    leak: { bytes: 16, per: 'removal', every: 1, shape: 'map' },
    rules: ['routerFootprintGrowth', 'routerCollectionsGrowing'],
  },
};

export interface NightlyPlan {
  readonly properties: readonly PropertyTask[];
  readonly soaks: readonly SoakTask[];
  readonly bench: boolean;
  /** The least each phase needs to judge what it runs, in ms, and why. */
  readonly least: Readonly<Record<NightlyPhase, PhaseNeed>>;
  /**
   * Each phase's time: its least, plus its weight's part of what the budget has over the
   * least of the whole night; whatever a phase leaves unused passes to the next.
   */
  readonly shares: Readonly<Record<NightlyPhase, number>>;
}

/** The night runs in three phases: every property check (the router's and the stores'), every soak, the benchmarks. */
export const NIGHTLY_PHASES = ['properties', 'soaks', 'bench'] as const;
export type NightlyPhase = (typeof NIGHTLY_PHASES)[number];

export interface PhaseNeed {
  readonly ms: number;
  /** What takes that long, in words: "17 catches, each run to its first failure (about 0.35 s each)". */
  readonly why: readonly string[];
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

/** How the time over the night's least is shared; a part not run gives its weight to the others. */
const SHARE_WEIGHTS: Readonly<Record<NightlyPart, number>> = { properties: 0.35, stores: 0.1, soak: 0.35, bench: 0.2 };

/**
 * The least time each kind of task needs to give a verdict. Floors from the nights of
 * 2026-12 on a 2-core machine: the 17 catches took 6 s in all, the 6 store checks 26 s
 * (connect-redis needs thousands of cases), a soak of 180 cycles with memlab's analysis
 * 16-22 s, one that keeps its leak's snapshots longer, the quick benchmarks about a minute.
 * A slower machine is not refused: what the budget cuts off is named and the night is inconclusive.
 */
export const LEAST_MS = {
  catch: 350,
  /** A check that must hold needs 100 cases (`MIN_RUNS_FOR_A_VERDICT`); the loop gives it at least this. */
  holds: MIN_CHECK_MS,
  storeCheck: 4_000,
  soak: 15_000,
  leakSoak: 20_000,
  bench: 60_000,
} as const;

/** The least a soak task needs: one that must find a leak keeps and traces its snapshots. */
export function leastSoakMs(task: SoakTask): number {
  return task.expect === 'leak' ? LEAST_MS.leakSoak : LEAST_MS.soak;
}

/** The shares in words, for `--help`: "properties 35%, stores 10%, …". */
export function describeBudgetShares(): string {
  return NIGHTLY_PARTS.map((part) => `${part} ${Math.round(SHARE_WEIGHTS[part] * 100)}%`).join(', ');
}

export function planNightly(options: NightlyOptions): NightlyPlan {
  const underTest = options.forcedProfile ?? referenceProfile();
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
    // First: the soaks after it are only worth their verdicts if it passes. Always under
    // fixed, so that the planted leak is the only one.
    soaks.push({
      system: 'router',
      scenario: PLANTED_LEAK_SELF_CHECK.scenario,
      target: referenceProfile(),
      expect: 'leak',
      minCycles: PLANTED_LEAK_SELF_CHECK.cycles,
      selfCheck: PLANTED_LEAK_SELF_CHECK.check,
    });
    for (const scenario of SOAK_SCENARIO_NAMES) {
      soaks.push({ system: 'router', scenario, target: underTest, expect: 'clean', minCycles: SOAK_MIN_CYCLES });
    }
    for (const [target, scenario] of SOAK_EXPECTED_LEAKS) {
      soaks.push({ system: 'router', scenario, target, expect: 'leak', minCycles: SOAK_MIN_CYCLES });
    }
  }
  const bench = options.parts.has('bench');
  const least = leastOf(properties, soaks, bench);
  const leastTotal = NIGHTLY_PHASES.reduce((sum, phase) => sum + least[phase].ms, 0);
  const slack = Math.max(0, options.budgetMs - leastTotal);
  const weights = NIGHTLY_PARTS.map((part) => (options.parts.has(part) ? SHARE_WEIGHTS[part] : 0));
  const total = weights.reduce((a, b) => a + b, 0) || 1;
  const weightOf = (part: NightlyPart) => (weights[NIGHTLY_PARTS.indexOf(part)] ?? 0) / total;
  // The stores' weight goes half to their checks, half to their soaks.
  const phaseWeights: Record<NightlyPhase, number> = {
    properties: weightOf('properties') + weightOf('stores') / 2,
    soaks: weightOf('soak') + weightOf('stores') / 2,
    bench: weightOf('bench'),
  };
  const shares = Object.fromEntries(
    NIGHTLY_PHASES.map((phase) => [phase, least[phase].ms + Math.floor(slack * phaseWeights[phase])]),
  ) as Record<NightlyPhase, number>;
  return { properties, soaks, bench, least, shares };
}

function leastOf(
  properties: readonly PropertyTask[],
  soaks: readonly SoakTask[],
  bench: boolean,
): Record<NightlyPhase, PhaseNeed> {
  const catches = properties.filter((task) => task.expect === 'caught' && task.system === 'router').length;
  const holds = properties.filter((task) => task.timeBoxed).length;
  const storeChecks = properties.filter((task) => task.system === 'store').length;
  const clean = soaks.filter((task) => task.expect === 'clean').length;
  const leaks = soaks.filter((task) => task.expect === 'leak' && task.selfCheck === undefined).length;
  const selfChecks = soaks.filter((task) => task.selfCheck !== undefined);
  const seconds = (ms: number) => `${ms / 1000} s`;
  const counted = (n: number, text: string) => (n > 0 ? [text] : []);
  return {
    properties: {
      ms: catches * LEAST_MS.catch + holds * LEAST_MS.holds + storeChecks * LEAST_MS.storeCheck,
      why: [
        ...counted(
          catches,
          `${catches} catches, each run to its first failure (about ${seconds(LEAST_MS.catch)} each)`,
        ),
        ...counted(holds, `${holds} checks that must hold, ${seconds(LEAST_MS.holds)} each for at least 100 cases`),
        ...counted(storeChecks, `${storeChecks} store checks (about ${seconds(LEAST_MS.storeCheck)} each)`),
      ],
    },
    soaks: {
      ms: clean * LEAST_MS.soak + leaks * LEAST_MS.leakSoak + selfChecks.length * LEAST_MS.leakSoak,
      why: [
        ...counted(
          clean + leaks,
          `${clean + leaks} soaks of at least ${SOAK_MIN_CYCLES} cycles each, so the heap slope can be judged, and memlab's analysis (about ${seconds(LEAST_MS.soak)} each, ${seconds(LEAST_MS.leakSoak)} for one that must find a leak)`,
        ),
        ...selfChecks.map(
          (task) =>
            `the soak's self-check, a leak planted in ${task.scenario} over ${task.minCycles} cycles (about ${seconds(LEAST_MS.leakSoak)}, as a soak that must find a leak)`,
        ),
      ],
    },
    bench: {
      ms: bench ? LEAST_MS.bench : 0,
      why: counted(Number(bench), `the quick benchmark set in a child process (about ${seconds(LEAST_MS.bench)})`),
    },
  };
}

/** What a night gets over its least when no budget is given: the checks that must hold and the soaks stretch into it. */
export const DEFAULT_SLACK_MS = 120_000;

/**
 * The budget of a night given none: its least plus DEFAULT_SLACK_MS, so the default grows
 * with the night (a new store, a new invariant) and is never refused.
 */
export function defaultBudgetMs(options: Omit<NightlyOptions, 'budgetMs'>): number {
  return leastBudget(planNightly({ ...options, budgetMs: 0 })).ms + DEFAULT_SLACK_MS;
}

/** The least budget a plan can judge everything it runs in, with what takes that long. */
export function leastBudget(plan: NightlyPlan): PhaseNeed {
  return {
    ms: NIGHTLY_PHASES.reduce((sum, phase) => sum + plan.least[phase].ms, 0),
    why: NIGHTLY_PHASES.flatMap((phase) => plan.least[phase].why),
  };
}
