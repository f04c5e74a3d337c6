import { throwIfStopped } from '../errors.js';
import { checkProperty, type PropertyResult } from '../harness/engine/checkProperty.js';
import { writeCounterexample } from '../harness/engine/counterexample/CounterexampleFile.js';
import {
  type CoverageRow,
  type CoverageTally,
  coverageRows,
  MIN_CASES_FOR_COVERAGE,
  mergeTallies,
  missedCoverage,
} from '../harness/engine/coverage.js';
import type { AnyModelSystem } from '../harness/engine/ModelSystem.js';

export interface PropertiesRequest {
  readonly system: AnyModelSystem;
  readonly target: string;
  /** Default: every invariant of the system. */
  readonly properties?: readonly string[];
  readonly runs: number;
  readonly seed: number;
  /** Where counterexample files go. */
  readonly counterexampleDir: string;
  /** Per property; past it the property stops generating and may be inconclusive. */
  readonly timeLimitMs?: number;
}

export interface CheckedProperty {
  readonly result: PropertyResult;
  /** The counterexample file written, when the property broke. */
  readonly file?: string;
}

export interface CoverageVerdict {
  readonly tally: CoverageTally;
  readonly rows: readonly CoverageRow[];
  /** Events below their target; judged only against the reference target, over enough cases. */
  readonly missed: readonly CoverageRow[];
  readonly judged: boolean;
}

export interface PropertiesReport {
  readonly system: string;
  readonly target: string;
  readonly seed: number;
  readonly runs: number;
  readonly checked: readonly CheckedProperty[];
  readonly coverage: CoverageVerdict;
}

export interface JobContext {
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

const PROGRESS_EVERY_MS = 5_000;

/** Checks properties of one system against one target, writing a counterexample file for each that breaks. */
export async function checkProperties(request: PropertiesRequest, context: JobContext = {}): Promise<PropertiesReport> {
  const { system } = request;
  const names = request.properties ?? Object.keys(system.invariants);
  const checked: CheckedProperty[] = [];
  for (const property of names) {
    throwIfStopped(context.signal);
    let lastReport = performance.now();
    const result = await checkProperty(system, {
      property,
      target: request.target,
      numRuns: request.runs,
      seed: request.seed,
      ...(request.timeLimitMs !== undefined ? { timeLimitMs: request.timeLimitMs } : {}),
      ...(context.signal ? { signal: context.signal } : {}),
      onCase: (cases) => {
        if (performance.now() - lastReport < PROGRESS_EVERY_MS) return;
        lastReport = performance.now();
        context.log?.(`  ${property}: ${cases} of ${request.runs} cases so far`);
      },
    });
    const file = result.counterexample
      ? writeCounterexample(request.counterexampleDir, result.counterexample)
      : undefined;
    checked.push({ result, ...(file !== undefined ? { file } : {}) });
  }
  return {
    system: system.name,
    target: request.target,
    seed: request.seed,
    runs: request.runs,
    checked,
    coverage: judgeCoverage(
      system,
      request.target,
      checked.map((c) => c.result),
    ),
  };
}

/** Coverage of the generators over every case the checks ran. */
export function judgeCoverage(
  system: AnyModelSystem,
  target: string,
  results: readonly PropertyResult[],
): CoverageVerdict {
  const tally = mergeTallies(results.map((r) => r.coverage));
  const judged = target === system.referenceTarget && tally.cases >= MIN_CASES_FOR_COVERAGE;
  return {
    tally,
    rows: coverageRows(tally, system.coverageTargets),
    missed: judged ? missedCoverage(tally, system.coverageTargets) : [],
    judged,
  };
}
