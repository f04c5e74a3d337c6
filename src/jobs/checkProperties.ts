import { relative } from 'node:path';
import { HarnessError, throwIfStopped } from '../errors.js';
import type { AnyModelSystem } from '../harness/index.js';
import {
  type CoverageRow,
  type CoverageTally,
  checkProperty,
  counterexampleLines,
  coverageRows,
  MIN_CASES_FOR_COVERAGE,
  MIN_RUNS_FOR_A_VERDICT,
  mergeTallies,
  missedCoverage,
  type PropertyResult,
  propertyHeadline,
  writeCounterexample,
} from '../harness/index.js';

/** `holds`: the promise must be kept; `caught`: a known fault must be found breaking it. */
export type Expectation = 'holds' | 'caught';

/** One property to check; everything that decides the run is here, as data. */
export interface PropertyCheck {
  readonly system: AnyModelSystem;
  readonly property: string;
  readonly target: string;
  readonly seed: number;
  readonly runs: number;
  /** Default `holds`. */
  readonly expect?: Expectation;
  /** Time-boxed checks share the loop's `timeBoxMs`; the others run all their cases, or to their first failure. */
  readonly timeBoxed?: boolean;
}

/** What a result means against what was expected. */
export type CheckOutcome = 'pass' | 'fail' | 'inconclusive';

export interface CheckedProperty {
  readonly check: PropertyCheck;
  readonly result: PropertyResult;
  readonly outcome: CheckOutcome;
  /** The one line saying what was measured and what it means (`propertyHeadline`). */
  readonly headline: string;
  /** The counterexample file written, when the property broke and the loop was given a folder. */
  readonly file?: string;
}

export interface CoverageVerdict {
  readonly system: string;
  readonly target: string;
  readonly tally: CoverageTally;
  readonly rows: readonly CoverageRow[];
  /** Events below their target; judged only against the reference target, over enough cases. */
  readonly missed: readonly CoverageRow[];
  readonly judged: boolean;
}

export interface CheckLoopOptions {
  /** Where counterexample files go; without it none is written (the catch counts measure, they keep nothing). */
  readonly counterexampleDir?: string;
  /** The time the time-boxed checks share: each gets an even split of what is left when it starts. */
  readonly timeBoxMs?: number;
  /**
   * A `performance.now()` time no check runs past: each is time-limited to it, and one that
   * would get less than `MIN_CHECK_MS` is left out (and listed as such).
   */
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  /** Progress of a long check, every 5 s. */
  readonly log?: (line: string) => void;
  /** The verdict lines of each check as it ends (`verdictLines`). */
  readonly report?: (line: string) => void;
  /** Each check as it ends, so a caller that stops waiting keeps what finished. */
  readonly onChecked?: (checked: CheckedProperty) => void;
}

export interface CheckRun {
  readonly checked: readonly CheckedProperty[];
  /** Checks the deadline left no time for, in order. */
  readonly leftOut: readonly PropertyCheck[];
  /** Coverage of the checks that must hold, one verdict per system and target. */
  readonly coverage: readonly CoverageVerdict[];
}

const PROGRESS_EVERY_MS = 5_000;
/** A time-boxed check gets at least this long; under a deadline, a check that would get less is left out. */
export const MIN_CHECK_MS = 1_000;

/**
 * The one property-check loop, behind `npm run props`, the nightly, `npm run catches` and
 * the vitest properties: checks in order, progress while each runs, one verdict line for
 * each, a counterexample file for each that broke, and coverage over those that must hold.
 */
export async function checkProperties(
  checks: readonly PropertyCheck[],
  options: CheckLoopOptions = {},
): Promise<CheckRun> {
  const started = performance.now();
  const checked: CheckedProperty[] = [];
  const leftOut: PropertyCheck[] = [];
  let boxedLeft = checks.filter((check) => check.timeBoxed).length;
  let checksLeft = checks.length;
  for (const check of checks) {
    checksLeft--;
    throwIfStopped(options.signal);
    let timeLimitMs: number | undefined;
    if (check.timeBoxed) {
      const remaining = (options.timeBoxMs ?? Number.POSITIVE_INFINITY) - (performance.now() - started);
      timeLimitMs = Math.max(MIN_CHECK_MS, Math.floor(remaining / boxedLeft));
      boxedLeft--;
      if (!Number.isFinite(timeLimitMs)) timeLimitMs = undefined;
    }
    if (options.deadline !== undefined) {
      const untilDeadline = Math.floor(options.deadline - performance.now());
      if (untilDeadline < MIN_CHECK_MS) {
        leftOut.push(check);
        continue;
      }
      // A check that runs to its first failure gets a fair part of what is left, so one slow
      // catch is cut (and named inconclusive) rather than leaving no time for the rest.
      const fair = Math.max(MIN_CHECK_MS, Math.floor(untilDeadline / (checksLeft + 1)));
      timeLimitMs = Math.min(timeLimitMs ?? fair, untilDeadline);
    }
    const one = await checkOne(check, timeLimitMs, options);
    checked.push(one);
    for (const line of verdictLines(one)) options.report?.(line);
    options.onChecked?.(one);
  }
  return { checked, leftOut, coverage: coverageOf(checked) };
}

async function checkOne(
  check: PropertyCheck,
  timeLimitMs: number | undefined,
  options: CheckLoopOptions,
): Promise<CheckedProperty> {
  const expect = check.expect ?? 'holds';
  const label = `${check.property} against ${check.target}${expect === 'caught' ? ' (must be found broken)' : ''}`;
  let lastReport = performance.now();
  const started = performance.now();
  const result = await checkProperty(check.system, {
    property: check.property,
    target: check.target,
    numRuns: check.runs,
    seed: check.seed,
    ...(timeLimitMs !== undefined ? { timeLimitMs } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onCase: (cases) => {
      if (performance.now() - lastReport < PROGRESS_EVERY_MS) return;
      lastReport = performance.now();
      options.log?.(`${label}: ${cases} of ${check.runs} cases so far`);
    },
  }).catch((error: unknown) => {
    // A property that cannot judge this target says why; the other checks still run.
    if (!(error instanceof HarnessError && error.code === 'inconclusive')) throw error;
    return cannotJudge(check, error.message, performance.now() - started);
  });
  const file =
    result.counterexample && options.counterexampleDir !== undefined
      ? writeCounterexample(options.counterexampleDir, result.counterexample)
      : undefined;
  return {
    check,
    result,
    outcome: outcomeOf(result, expect),
    headline: propertyHeadline(result, expect),
    ...(file !== undefined ? { file } : {}),
  };
}

function cannotJudge(check: PropertyCheck, note: string, durationMs: number): PropertyResult {
  return {
    system: check.system.name,
    target: check.target,
    property: check.property,
    seed: check.seed,
    verdict: 'inconclusive',
    runsRequested: check.runs,
    runsExecuted: 0,
    numShrinks: 0,
    durationMs,
    timeLimited: false,
    coverage: { cases: 0, hits: {} },
    note,
  };
}

/**
 * A fault not found is a failure only when every case asked for ran: one the time limit
 * stopped first says nothing either way. A promise that held over fewer cases than a verdict
 * needs, even all that were asked for, is inconclusive: too little was measured to call it held.
 */
export function outcomeOf(result: PropertyResult, expect: Expectation): CheckOutcome {
  if (result.verdict === 'inconclusive') return 'inconclusive';
  if (expect === 'holds') {
    if (result.verdict !== 'holds') return 'fail';
    return result.runsExecuted < MIN_RUNS_FOR_A_VERDICT ? 'inconclusive' : 'pass';
  }
  if (result.verdict === 'broken') return 'pass';
  return result.timeLimited ? 'inconclusive' : 'fail';
}

const MARKS: Readonly<Record<CheckOutcome, string>> = { pass: 'PASS', fail: 'FAIL', inconclusive: 'INCONCLUSIVE' };

/** The verdict of one check: mark, headline and seed; for a broken promise, its shrunk steps and replay command. */
export function verdictLines(checked: CheckedProperty): string[] {
  // A fault found is what was wanted: marked CAUGHT, so "PASS ... broken" never reads as a contradiction.
  const mark = checked.outcome === 'pass' && checked.check.expect === 'caught' ? 'CAUGHT' : MARKS[checked.outcome];
  const head = `${mark} ${checked.headline} [seed ${checked.check.seed}]`;
  if (checked.outcome !== 'fail' || checked.result.verdict !== 'broken') return [head];
  const file = checked.file === undefined ? undefined : relative(process.cwd(), checked.file);
  return [head, ...counterexampleLines(checked.result, file)];
}

/** 1 when a promise broke, a fault escaped or coverage was missed; 2 when something measured too little; else 0. */
export function checkRunExitCode(run: CheckRun): number {
  if (run.checked.some((c) => c.outcome === 'fail') || run.coverage.some((c) => c.missed.length > 0)) return 1;
  return run.checked.some((c) => c.outcome === 'inconclusive') || run.leftOut.length > 0 ? 2 : 0;
}

/** Coverage over every case the checks that must hold ran, per system and target. */
function coverageOf(checked: readonly CheckedProperty[]): CoverageVerdict[] {
  const groups = new Map<string, CheckedProperty[]>();
  for (const one of checked) {
    if ((one.check.expect ?? 'holds') !== 'holds') continue;
    const key = `${one.check.system.name}\u0000${one.check.target}`;
    groups.set(key, [...(groups.get(key) ?? []), one]);
  }
  return [...groups.values()].flatMap((group) => {
    const first = group[0];
    if (first === undefined) return [];
    return [
      judgeCoverage(
        first.check.system,
        first.check.target,
        group.map((one) => one.result),
      ),
    ];
  });
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
    system: system.name,
    target,
    tally,
    rows: coverageRows(tally, system.coverageTargets),
    missed: judged ? missedCoverage(tally, system.coverageTargets) : [],
    judged,
  };
}
