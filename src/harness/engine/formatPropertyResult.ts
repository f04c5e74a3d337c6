import { MIN_RUNS_FOR_A_VERDICT } from './budget.js';
import type { PropertyResult } from './checkProperty.js';

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

/**
 * The one wording of a property's outcome, used by `npm run props`, the vitest suite,
 * the nightly summary and its JUnit file. `expect` says what was wanted: the promise to
 * hold, or a known fault to be caught.
 */
export function propertyHeadline(result: PropertyResult, expect: 'holds' | 'caught' = 'holds'): string {
  const subject = `${result.property} against ${result.target}`;
  switch (result.verdict) {
    case 'holds':
      if (expect === 'caught' && result.timeLimited) {
        return `${subject}: not found broken in ${result.runsExecuted} of ${result.runsRequested} cases before the time limit (${seconds(result.durationMs)}): inconclusive`;
      }
      if (expect === 'holds' && result.runsExecuted < MIN_RUNS_FOR_A_VERDICT) {
        return `${subject}: held over only ${result.runsExecuted} case(s) in ${seconds(result.durationMs)}; a verdict needs ${MIN_RUNS_FOR_A_VERDICT}: inconclusive`;
      }
      return `${subject}: holds over ${result.runsExecuted} cases in ${seconds(result.durationMs)}${expect === 'caught' ? ' (NOT CAUGHT: a fault profile must break it)' : ''}`;
    case 'inconclusive':
      return `${subject}: inconclusive: ${result.note ?? 'too few cases'}`;
    case 'broken':
      return `${subject}: broken after ${result.firstFailureAtRun ?? result.runsExecuted} case(s), ${result.numShrinks} shrinks, ${seconds(result.durationMs)}: ${result.counterexample?.failure.message ?? ''}`;
  }
}

/** The shrunk case under the headline: its steps and how to replay it. */
export function counterexampleLines(result: PropertyResult, file?: string): string[] {
  const c = result.counterexample;
  if (c === undefined) return [];
  return [
    `  seed ${c.seed}, path ${c.path}`,
    `  shrunk to ${c.steps.length} step(s)${c.steps.length === 0 ? ' (none: the initial state and the drain alone break it)' : ':'}`,
    ...c.readableSteps.map((step, i) => `    ${i}. ${step}`),
    `  fails at entry ${c.failure.atEntry} (${c.failure.phase === 'step' ? 'after that action' : 'at quiescence'}): ${c.failure.message}`,
    ...(file !== undefined ? [`  counterexample: ${file}`, `  replay: npm run replay -- ${file}`] : []),
  ];
}
