import fc from 'fast-check';
import { interruptionOf } from '../../errors.js';
import { MIN_RUNS_FOR_A_VERDICT } from './budget.js';
import { currentCommit } from './commit.js';
import {
  COUNTEREXAMPLE_FORMAT,
  COUNTEREXAMPLE_VERSION,
  type Counterexample,
} from './counterexample/CounterexampleFile.js';
import { CoverageCounter, type CoverageTally } from './coverage.js';
import type { Violation } from './Invariant.js';
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
  constructor(property: string) {
    super(`fast-check reported a failure of ${property} that does not reproduce; is a check nondeterministic?`);
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

/** Checks one invariant of a system against one target with fast-check; on failure, returns the shrunk counterexample. */
export async function checkProperty<Params, Step extends { readonly op: string }, Scenario extends ModelScenario>(
  system: ModelSystem<Params, Step, Scenario>,
  request: PropertyRequest,
): Promise<PropertyResult<Params, Step>> {
  const invariant = system.invariants[request.property];
  if (invariant === undefined) throw new Error(`the ${system.name} has no property "${request.property}"`);
  const started = performance.now();
  const coverage = new CoverageCounter();
  let shrinking = false;
  const property = fc.asyncProperty(
    system.paramsArbitrary,
    system.stepsArbitrary(request.property),
    async (params, steps) => {
      if (request.signal?.aborted) throw new StopRequested();
      const outcome = await runCase(system, { target: request.target, params, steps }, invariant);
      if (!shrinking) {
        coverage.record(outcome.coverage);
        request.onCase?.(coverage.tally().cases);
      }
      if (outcome.violation) {
        shrinking = true;
        throw new InvariantViolationError(outcome.violation);
      }
    },
  );
  const details = await fc.check(property, {
    numRuns: request.numRuns,
    seed: request.seed,
    ...(request.path !== undefined ? { path: request.path } : {}),
    ...(request.timeLimitMs !== undefined ? { interruptAfterTimeLimit: request.timeLimitMs } : {}),
  });
  if (request.signal?.aborted) throw interruptionOf(request.signal);
  const base = {
    system: system.name,
    target: request.target,
    property: request.property,
    seed: request.seed,
    runsRequested: request.numRuns,
    runsExecuted: details.numRuns,
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
  if (again.violation === undefined) throw new NondeterministicCheckError(request.property);
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
  const firstPathPart = Number((details.counterexamplePath ?? '').split(':')[0]);
  return {
    ...base,
    verdict: 'broken',
    counterexample,
    ...(Number.isInteger(firstPathPart) ? { firstFailureAtRun: firstPathPart + 1 } : {}),
  };
}
