import type { NightlySummary, NightVerdict, PropertyOutcome, SoakOutcome } from '../reports/NightlySummary.js';
import { selfCheckFailure } from './plantedLeakSelfCheck.js';

type Parts = Pick<NightlySummary, 'properties' | 'soaks' | 'benchmarks' | 'forcedProfile' | 'coverage' | 'leftOut'>;

export interface NightJudgement {
  readonly verdict: NightVerdict;
  /** Why the night did not pass, failures first. */
  readonly reasons: string[];
}

/**
 * A night fails only when the code under test is shown wrong: a counterexample, a leak, a
 * regression, a fault not caught, a behaviour the generators stopped reaching. Anything that
 * measured too little, or could not run, makes it inconclusive instead: never a pass.
 */
export function judgeNight(parts: Parts): NightJudgement {
  const failures: string[] = [];
  const unsure: string[] = [];
  if (parts.forcedProfile !== undefined)
    failures.push(`self-test: profile ${parts.forcedProfile} ran in the slot of fixed`);
  for (const p of parts.properties) judgeProperty(p, failures, unsure);
  for (const row of parts.coverage?.rows.filter((r) => !r.met) ?? []) {
    failures.push(
      `coverage: ${row.event} reached in ${row.perThousand.toFixed(1)} of 1,000 cases, target ${row.target}`,
    );
  }
  for (const s of parts.soaks) judgeSoak(s, failures, unsure);
  if (parts.benchmarks?.error) unsure.push(`benchmarks did not run: ${parts.benchmarks.error}`);
  for (const what of parts.leftOut ?? []) unsure.push(`left out: ${what}`);
  for (const r of parts.benchmarks?.regressions ?? []) failures.push(`benchmark regression: ${r}`);
  const verdict: NightVerdict = failures.length > 0 ? 'fail' : unsure.length > 0 ? 'inconclusive' : 'pass';
  return { verdict, reasons: [...failures, ...unsure] };
}

function judgeProperty(p: PropertyOutcome, failures: string[], unsure: string[]): void {
  const replay = p.counterexample ? ` (replay: npm run replay -- reports/${p.counterexample})` : '';
  if (p.verdict === 'inconclusive') unsure.push(`${p.message ?? `${p.property} against ${p.target}: inconclusive`}`);
  else if (p.expect === 'holds' && p.verdict === 'broken') failures.push(`${p.message ?? p.property}${replay}`);
  else if (p.expect === 'caught' && p.verdict === 'holds') {
    failures.push(`not caught: ${p.target} kept ${p.property} over ${p.runs} cases (seed ${p.seed})`);
  }
}

function judgeSoak(s: SoakOutcome, failures: string[], unsure: string[]): void {
  const where = `soak ${s.scenario} under ${s.target}`;
  const report = s.report ? ` (report: reports/${s.report})` : '';
  if (s.selfCheck !== undefined) {
    judgeSelfCheck(s, where, report, failures, unsure);
    return;
  }
  if (s.verdict === 'error') unsure.push(`${where} did not run: ${s.message ?? ''}`);
  else if (s.verdict === 'inconclusive') unsure.push(`${where} inconclusive: ${s.message ?? ''}${report}`);
  else if (s.expect === 'clean' && s.verdict === 'leak') failures.push(`leak: ${where}: ${s.message ?? ''}${report}`);
  else if (s.expect === 'leak' && s.verdict === 'clean') failures.push(`not caught: ${where} found no leak${report}`);
}

/**
 * The soak's self-check fails the night whenever its soak ran and did not report the
 * planted leak where it is held: a clean or inconclusive verdict, or a leak found elsewhere.
 * Only a soak that gave no report (it could not run, or the budget cut it) is inconclusive.
 */
function judgeSelfCheck(s: SoakOutcome, where: string, report: string, failures: string[], unsure: string[]): void {
  const name = `self-check: ${where} with a planted leak`;
  if (s.selfCheck?.caughtBy === undefined) {
    unsure.push(`${name} gave no report: ${s.message ?? s.verdict}`);
    return;
  }
  const failure = selfCheckFailure(s);
  if (failure !== undefined) failures.push(`${name}: ${failure}${report}`);
}

/** The exit code of a night: 0 pass, 1 fail, 2 inconclusive, 130 interrupted. */
export function nightExitCode(verdict: NightVerdict): number {
  return { pass: 0, fail: 1, inconclusive: 2, interrupted: 130 }[verdict];
}
