import { execFileSync } from 'node:child_process';
import fc from 'fast-check';
import type { FaultProfileName } from '../../faults.js';
import {
  COUNTEREXAMPLE_FORMAT,
  COUNTEREXAMPLE_VERSION,
  type Counterexample,
} from '../counterexample/CounterexampleFile.js';
import { INVARIANTS, type InvariantName } from '../invariants/index.js';
import { paramsArbitrary, stepsArbitraryFor } from './arbitraries.js';
import { runCase, type Violation } from './runCase.js';
import { describeStep } from './Step.js';

export interface CheckOptions {
  readonly invariant: InvariantName;
  readonly profile: FaultProfileName;
  readonly numRuns: number;
  readonly seed: number;
  /** fast-check replay path; with the seed of the run that produced it, reruns the shrunk case. */
  readonly path?: string;
  /** Stop generating new runs after this long; the runs made so far count as a pass if none failed. */
  readonly timeLimitMs?: number;
  /** Called after every run fast-check makes (shrinking included), for progress reports. */
  readonly onRun?: () => void;
}

export interface CheckResult {
  readonly invariant: InvariantName;
  readonly profile: FaultProfileName;
  readonly seed: number;
  readonly passed: boolean;
  readonly runsExecuted: number;
  readonly numShrinks: number;
  readonly durationMs: number;
  /** True when the time limit stopped the check before its run count. */
  readonly interrupted: boolean;
  /** Run index (1-based) at which the first failure was found. */
  readonly firstFailureAtRun?: number;
  readonly counterexample?: Counterexample;
}

export class InvariantViolationError extends Error {
  constructor(readonly violation: Violation) {
    super(
      `invariant "${violation.invariant}" broken (${violation.phase}, entry ${violation.atEntry}): ${violation.message}`,
    );
    this.name = 'InvariantViolationError';
  }
}

let cachedCommit: string | undefined;
/** The commit under test, so a counterexample says which code it was found in. */
export function currentCommit(): string {
  if (cachedCommit === undefined) {
    try {
      cachedCommit = execFileSync('git', ['rev-parse', 'HEAD'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      }).trim();
    } catch {
      cachedCommit = 'unknown';
    }
  }
  return cachedCommit;
}

/** Builds the fast-check property for one invariant under one profile. */
export function invariantProperty(invariant: InvariantName, profile: FaultProfileName, onRun?: () => void) {
  return fc.asyncProperty(paramsArbitrary, stepsArbitraryFor(invariant), async (params, steps) => {
    const violation = await runCase({ profile, params, steps }, INVARIANTS[invariant]);
    onRun?.();
    if (violation) throw new InvariantViolationError(violation);
  });
}

/** Checks one invariant with fast-check; on failure, returns the shrunk counterexample. */
export async function checkInvariant(options: CheckOptions): Promise<CheckResult> {
  const started = performance.now();
  const details = await fc.check(invariantProperty(options.invariant, options.profile, options.onRun), {
    numRuns: options.numRuns,
    seed: options.seed,
    ...(options.path !== undefined ? { path: options.path } : {}),
    ...(options.timeLimitMs !== undefined ? { interruptAfterTimeLimit: options.timeLimitMs } : {}),
  });
  const base = {
    invariant: options.invariant,
    profile: options.profile,
    seed: options.seed,
    runsExecuted: details.numRuns,
    numShrinks: details.numShrinks,
    interrupted: details.interrupted,
    durationMs: performance.now() - started,
  };
  if (!details.failed || details.counterexample === null) return { ...base, passed: true };
  const [params, steps] = details.counterexample;
  const violation = await runCase({ profile: options.profile, params, steps }, INVARIANTS[options.invariant]);
  if (violation === undefined) {
    throw new Error(
      `fast-check reported a failure of ${options.invariant} that does not reproduce; is a check nondeterministic?`,
    );
  }
  const counterexample: Counterexample = {
    format: COUNTEREXAMPLE_FORMAT,
    version: COUNTEREXAMPLE_VERSION,
    property: options.invariant,
    profile: options.profile,
    seed: options.seed,
    path: details.counterexamplePath ?? '',
    numRuns: options.numRuns,
    fastCheckVersion: fc.__version,
    commit: currentCommit(),
    createdAt: new Date().toISOString(),
    params,
    steps,
    readableSteps: steps.map(describeStep),
    failure: violation,
  };
  const firstPathPart = Number((details.counterexamplePath ?? '').split(':')[0]);
  return {
    ...base,
    passed: false,
    counterexample,
    ...(Number.isInteger(firstPathPart) ? { firstFailureAtRun: firstPathPart + 1 } : {}),
  };
}
