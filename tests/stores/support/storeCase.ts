import type { StoreStep } from '../../../src/harness/index.js';
import {
  checkProperty,
  counterexampleLines,
  createStoreSystem,
  DEFAULT_STORE_PARAMS,
  type PropertyResult,
  propertyHeadline,
  runCase,
  runsFromEnvironment,
  STORE_INVARIANTS,
  type StoreInvariantName,
  type StoreParams,
  seedFromEnvironment,
  type TraceEntry,
} from '../../../src/harness/index.js';

/** Runs per store property in `npm test`: a store case costs more than a router case (real I/O for Redis). */
export const STORE_CI_RUNS = 100;

export function storeBudget(): { numRuns: number; seed: number } {
  const raw = process.env.NIGHTLY_RUNS;
  return {
    numRuns: raw === undefined || raw === '' ? STORE_CI_RUNS : runsFromEnvironment(),
    seed: seedFromEnvironment(),
  };
}

export interface StoreCaseRun {
  readonly violation: string | undefined;
  readonly atEntry: number | undefined;
  /** What each generated step did. */
  readonly results: readonly string[];
  readonly trace: readonly TraceEntry[];
}

/** One case against `store` with fixed steps, judged by `property`. */
export async function runStoreSteps(
  store: string,
  steps: readonly StoreStep[],
  property: StoreInvariantName = 'conformance',
  params: Partial<StoreParams> = {},
  context: { readonly callbackTimeoutMs?: number } = {},
): Promise<StoreCaseRun> {
  const system = createStoreSystem({ ...DEFAULT_STORE_PARAMS, ...params }, context);
  const trace: TraceEntry[] = [];
  const outcome = await runCase(
    system,
    { target: store, params: { ...DEFAULT_STORE_PARAMS, ...params }, steps },
    STORE_INVARIANTS[property],
    { onEntry: (entry) => trace.push(entry) },
  );
  return {
    violation: outcome.violation?.message,
    atEntry: outcome.violation?.atEntry,
    results: trace.filter((entry) => entry.phase === 'step').map((entry) => entry.outcome),
    trace,
  };
}

/** Checks a store property with fast-check. */
export function checkStore(
  store: string,
  property: StoreInvariantName,
  budget: { numRuns: number; seed: number },
  params: Partial<StoreParams> = {},
): Promise<PropertyResult<StoreParams, StoreStep>> {
  const system = createStoreSystem({ ...DEFAULT_STORE_PARAMS, ...params });
  return checkProperty(system, { property, target: store, ...budget });
}

/** Checks that the property holds; on failure throws the one wording of property failures. */
export async function assertStoreHolds(
  store: string,
  property: StoreInvariantName,
  maxRuns?: number,
): Promise<PropertyResult<StoreParams, StoreStep>> {
  const budget = storeBudget();
  const numRuns = maxRuns === undefined ? budget.numRuns : Math.min(maxRuns, budget.numRuns);
  const result = await checkStore(store, property, { numRuns, seed: budget.seed });
  if (result.verdict === 'holds') return result;
  throw new Error([propertyHeadline(result), ...counterexampleLines(result)].join('\n'));
}
