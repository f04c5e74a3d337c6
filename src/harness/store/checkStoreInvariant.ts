import fc from 'fast-check';
import { resolveStoreDefinition } from '../../stores/loadStore.js';
import type { StoreContext } from '../../stores/StoreDefinition.js';
import { currentCommit } from '../model/checkInvariant.js';
import { STORE_INVARIANTS, type StoreInvariantName } from './invariants/index.js';
import { runStoreCase, type StoreViolation } from './runStoreCase.js';
import {
  STORE_COUNTEREXAMPLE_FORMAT,
  STORE_COUNTEREXAMPLE_VERSION,
  type StoreCounterexample,
} from './StoreCounterexample.js';
import type { ConcurrencyModel } from './StoreScenario.js';
import { describeStoreStep, type StoreStep } from './StoreStep.js';
import { storeStepsArbitrary } from './storeArbitraries.js';

export interface StoreCheckOptions {
  /** A built-in store name or a custom store's module path. */
  readonly store: string;
  readonly invariant: StoreInvariantName;
  readonly numRuns: number;
  readonly seed: number;
  /** fast-check replay path; with the seed of the run that produced it, reruns the shrunk case. */
  readonly path?: string;
  /** What the store needs that is not part of a case (where Redis listens). */
  readonly context?: StoreContext;
  readonly timeLimitMs?: number;
  readonly concurrency?: ConcurrencyModel;
}

export interface StoreCheckResult {
  readonly store: string;
  readonly packageName: string;
  readonly packageVersion: string;
  readonly invariant: StoreInvariantName;
  readonly seed: number;
  readonly passed: boolean;
  readonly runsExecuted: number;
  readonly numShrinks: number;
  readonly durationMs: number;
  readonly interrupted: boolean;
  readonly counterexample?: StoreCounterexample;
}

export class StoreInvariantViolationError extends Error {
  constructor(readonly violation: StoreViolation) {
    super(
      `invariant "${violation.invariant}" broken (${violation.phase}, entry ${violation.atEntry}): ${violation.message}`,
    );
    this.name = 'StoreInvariantViolationError';
  }
}

/** A shrunk failure that passes when run again: the store or a check depends on something besides the steps. */
export class StoreCheckNotReproducibleError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreCheckNotReproducibleError';
  }
}

/** Checks one invariant of one store with fast-check; on failure, returns the shrunk counterexample. */
export async function checkStoreInvariant(options: StoreCheckOptions): Promise<StoreCheckResult> {
  const started = performance.now();
  const definition = await resolveStoreDefinition(options.store, options.context);
  const invariant = STORE_INVARIANTS[options.invariant];
  const specOf = (steps: readonly StoreStep[]) => ({
    store: options.store,
    steps,
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
  });
  const property = fc.asyncProperty(storeStepsArbitrary, async (steps) => {
    const violation = await runStoreCase(specOf(steps), invariant, undefined, options.context);
    if (violation) throw new StoreInvariantViolationError(violation);
  });
  const details = await fc.check(property, {
    numRuns: options.numRuns,
    seed: options.seed,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.timeLimitMs !== undefined ? { interruptAfterTimeLimit: options.timeLimitMs } : {}),
  });
  const base = {
    store: options.store,
    packageName: definition.packageName,
    packageVersion: definition.version,
    invariant: options.invariant,
    seed: options.seed,
    runsExecuted: details.numRuns,
    numShrinks: details.numShrinks,
    interrupted: details.interrupted,
  };
  if (!details.failed || details.counterexample === null) {
    return { ...base, passed: true, durationMs: performance.now() - started };
  }
  const [steps] = details.counterexample;
  const failure = await runStoreCase(specOf(steps), invariant, undefined, options.context);
  if (failure === undefined) {
    const reason =
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
    throw new StoreCheckNotReproducibleError(
      `fast-check reported a failure of ${options.invariant} on ${options.store} that does not reproduce (${reason}); is the store or a check nondeterministic?`,
    );
  }
  return {
    ...base,
    passed: false,
    durationMs: performance.now() - started,
    counterexample: {
      format: STORE_COUNTEREXAMPLE_FORMAT,
      version: STORE_COUNTEREXAMPLE_VERSION,
      store: options.store,
      packageName: definition.packageName,
      packageVersion: definition.version,
      invariant: options.invariant,
      concurrency: options.concurrency ?? 'linearizable',
      seed: options.seed,
      path: details.counterexamplePath ?? '',
      numRuns: options.numRuns,
      fastCheckVersion: fc.__version,
      commit: currentCommit(),
      createdAt: new Date().toISOString(),
      steps,
      readableSteps: steps.map(describeStoreStep),
      failure,
    },
  };
}
