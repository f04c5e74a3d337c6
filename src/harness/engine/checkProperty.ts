import fc from 'fast-check';
import { HarnessError, interruptionOf } from '../../errors.js';
import { MIN_RUNS_FOR_A_VERDICT } from './budget.js';
import { collectGarbage } from './collectGarbage.js';
import { currentCommit } from './commit.js';
import {
  COUNTEREXAMPLE_FORMAT,
  COUNTEREXAMPLE_VERSION,
  type Counterexample,
} from './counterexample/CounterexampleFile.js';
import { CoverageCounter, type CoverageTally } from './coverage.js';
import type { DeferredHeapCheck, Invariant, Violation } from './Invariant.js';
import type { ModelScenario, ModelSystem } from './ModelSystem.js';
import { runCase } from './runCase.js';

export type PropertyVerdict = 'holds' | 'broken' | 'inconclusive';

export interface PropertyRequest {
  readonly property: string;
  readonly target: string;
  readonly numRuns: number;
  readonly seed: number;
  /** fast-check replay path; with the seed of the run that produced it, reruns the shrunk case. */
  readonly path?: string;
  /** Stop generating new cases after this long; fewer than enough cases is "inconclusive". */
  readonly timeLimitMs?: number;
  readonly signal?: AbortSignal;
  /** Called after every generated case (not shrinks), for progress reports. */
  readonly onCase?: (casesSoFar: number) => void;
}

export interface PropertyResult<Params = unknown, Step = unknown> {
  readonly system: string;
  readonly target: string;
  readonly property: string;
  readonly seed: number;
  readonly verdict: PropertyVerdict;
  readonly runsRequested: number;
  /** Generated cases run, the failing one included, shrinks not. */
  readonly runsExecuted: number;
  readonly numShrinks: number;
  readonly durationMs: number;
  /** The time limit ended generation before the run count. */
  readonly timeLimited: boolean;
  /** Run (1-based) at which the first failure was found. */
  readonly firstFailureAtRun?: number;
  readonly counterexample?: Counterexample<Params, Step>;
  readonly coverage: CoverageTally;
  /** Why the verdict is inconclusive. */
  readonly note?: string;
}

export class NondeterministicCheckError extends Error {
  constructor(property: string, target: string, seed: number, path: string, failure: string) {
    super(
      `fast-check reported a failure of ${property} against ${target} (seed ${seed}, path ${path}) that does not ` +
        `reproduce; is a check nondeterministic? It said: ${failure}`,
    );
    this.name = 'NondeterministicCheckError';
  }
}

/** Thrown inside a case when a stop signal arrives, so fast-check ends quickly; never reported as a failure. */
class StopRequested extends Error {}

export class InvariantViolationError extends Error {
  constructor(readonly violation: Violation) {
    super(
      `invariant "${violation.invariant}" broken (${violation.phase}, entry ${violation.atEntry}): ${violation.message}`,
    );
    this.name = 'InvariantViolationError';
  }
}

/** Cases between two collections when a property's heap check waits for one. */
export const HEAP_CHECK_BATCH = 200;

/**
 * Checks one invariant of a system against one target with fast-check; on failure, returns
 * the shrunk counterexample. A property with a heap-level check runs its cases with one
 * full collection per batch of them; a case whose objects survive is run again alone,
 * collecting after it, and only a case that fails alone too is replayed (by its fast-check
 * path) and shrunk, each shrink collecting for itself.
 */
export async function checkProperty<Params, Step extends { readonly op: string }, Scenario extends ModelScenario>(
  system: ModelSystem<Params, Step, Scenario>,
  request: PropertyRequest,
): Promise<PropertyResult<Params, Step>> {
  const invariant = system.invariants[request.property];
  if (invariant === undefined) throw new Error(`the ${system.name} has no property "${request.property}"`);
  await system.prepareTarget?.(request.target);
  const started = performance.now();
  // An error of the harness's own kind in a case (a store that stops loading) ends the check as that error.
  let caseError: HarnessError | undefined;
  const coverage = new CoverageCounter();
  const batched = invariant.checks.onHeap && request.path === undefined;
  const batch = new HeapCheckBatch();
  let leakingRun: number | undefined;
  let searchOver = false;
  let shrinking = false;
  let calls = 0;
  // fast-check's time limit stops waiting for the case in flight without stopping it; it is
  // awaited before the check goes on, so it cannot run into the next check (a store case
  // holds the global fake timers until it ends).
  let inFlight: Promise<void> | undefined;
  const runOne = async (params: Params, steps: Step[]): Promise<void> => {
    // One job per case: a WeakRef keeps its target alive until the job that made it ends,
    // so a check that never yielded would hold every case's weakly watched objects.
    await new Promise((resolve) => setImmediate(resolve));
    if (request.signal?.aborted || caseError !== undefined) throw new StopRequested();
    // A confirmed leak ends the search: it is replayed and shrunk on its own below.
    if (searchOver) return;
    const run = calls++;
    const spec = { target: request.target, params, steps };
    const outcome = await runCase(system, spec, invariant, { deferHeapCheck: batched && !shrinking }).catch(
      (error: unknown) => {
        if (error instanceof HarnessError) caseError = error;
        throw error;
      },
    );
    if (!shrinking) {
      coverage.record(outcome.coverage);
      request.onCase?.(coverage.tally().cases);
    }
    if (outcome.violation) {
      shrinking = true;
      throw new InvariantViolationError(outcome.violation);
    }
    if (outcome.heapCheck !== undefined) batch.add(run, spec, outcome.heapCheck);
    if (batch.size() >= HEAP_CHECK_BATCH) {
      leakingRun = await batch.confirmedLeak(system, invariant);
      searchOver = leakingRun !== undefined;
    }
  };
  const property = fc.asyncProperty(
    system.paramsArbitrary,
    system.stepsArbitrary(request.property),
    (params, steps) => {
      const run = runOne(params, steps);
      inFlight = run.catch(() => {});
      return run;
    },
  );
  let details = await fc.check(property, {
    numRuns: request.numRuns,
    seed: request.seed,
    ...(request.path !== undefined ? { path: request.path } : {}),
    ...(request.timeLimitMs !== undefined ? { interruptAfterTimeLimit: request.timeLimitMs } : {}),
  });
  await inFlight;
  if (details.failed) await batch.release();
  if (caseError !== undefined) throw caseError;
  else if (leakingRun === undefined) leakingRun = await batch.confirmedLeak(system, invariant);
  if (!details.failed && leakingRun !== undefined) {
    // The leaking case again, by its path, with a collection per case: fast-check shrinks it.
    shrinking = true;
    searchOver = false;
    details = await fc.check(property, { numRuns: request.numRuns, seed: request.seed, path: String(leakingRun) });
    await inFlight;
  }
  if (request.signal?.aborted) throw interruptionOf(request.signal);
  const base = {
    system: system.name,
    target: request.target,
    property: request.property,
    seed: request.seed,
    runsRequested: request.numRuns,
    runsExecuted: leakingRun !== undefined ? leakingRun + 1 : details.numRuns,
    numShrinks: details.numShrinks,
    timeLimited: details.interrupted,
    durationMs: performance.now() - started,
    coverage: coverage.tally(),
  };
  if (!details.failed || details.counterexample === null) {
    const enough = Math.min(request.numRuns, MIN_RUNS_FOR_A_VERDICT);
    if (details.numRuns < enough) {
      return {
        ...base,
        verdict: 'inconclusive',
        note: `only ${details.numRuns} of ${request.numRuns} cases ran${details.interrupted ? ' before the time limit' : ''}; a verdict needs ${enough}`,
      };
    }
    return { ...base, verdict: 'holds' };
  }
  const [params, steps] = details.counterexample;
  const again = await runCase(system, { target: request.target, params, steps }, invariant);
  if (again.violation === undefined) {
    throw new NondeterministicCheckError(
      request.property,
      request.target,
      request.seed,
      details.counterexamplePath ?? '',
      details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance),
    );
  }
  const counterexample: Counterexample<Params, Step> = {
    format: COUNTEREXAMPLE_FORMAT,
    version: COUNTEREXAMPLE_VERSION,
    system: system.name,
    target: request.target,
    property: request.property,
    seed: request.seed,
    path: details.counterexamplePath ?? '',
    numRuns: request.numRuns,
    fastCheckVersion: fc.__version,
    commit: currentCommit(),
    createdAt: new Date().toISOString(),
    params,
    steps,
    readableSteps: steps.map((step) => system.steps.describe(step)),
    failure: again.violation,
  };
  const firstPathPart = leakingRun ?? Number((details.counterexamplePath ?? '').split(':')[0]);
  return {
    ...base,
    verdict: 'broken',
    counterexample,
    ...(Number.isInteger(firstPathPart) ? { firstFailureAtRun: firstPathPart + 1 } : {}),
  };
}

interface PendingCase<Params, Step> {
  readonly run: number;
  readonly spec: { readonly target: string; readonly params: Params; readonly steps: readonly Step[] };
  readonly check: DeferredHeapCheck;
}

/** Heap checks of finished cases, waiting for one collection for all of them. */
class HeapCheckBatch {
  // biome-ignore lint/suspicious/noExplicitAny: cases of the one system a check runs; typed where they are added
  private pending: PendingCase<any, any>[] = [];

  add<Params, Step>(run: number, spec: PendingCase<Params, Step>['spec'], check: DeferredHeapCheck): void {
    this.pending.push({ run, spec, check });
  }

  /** Lets go of the waiting cases unjudged (the search ended otherwise). */
  async release(): Promise<void> {
    const cases = this.pending;
    this.pending = [];
    for (const pending of cases) await pending.check.release();
  }

  size(): number {
    return this.pending.length;
  }

  /**
   * Collects once and asks every waiting case, each scenario still held; a case whose
   * objects survived is run again alone, with a collection of its own, and counts only if
   * it fails then too, so that no case is blamed for what another one keeps.
   */
  async confirmedLeak<Params, Step extends { readonly op: string }, Scenario extends ModelScenario>(
    system: ModelSystem<Params, Step, Scenario>,
    invariant: Invariant<Scenario>,
  ): Promise<number | undefined> {
    const cases = this.pending;
    this.pending = [];
    if (cases.length > 0) await collectGarbage('full');
    const suspects = cases.filter((pending) => pending.check.verdictAfterCollection() !== undefined);
    for (const pending of cases) await pending.check.release();
    for (const pending of suspects) {
      const alone = await runCase(system, pending.spec, invariant);
      if (alone.violation !== undefined) return pending.run;
    }
    return undefined;
  }
}
