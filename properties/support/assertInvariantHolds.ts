import { relative } from 'node:path';
import type { FaultProfileName } from '../../src/faults.js';
import { writeCounterexample } from '../../src/harness/counterexample/CounterexampleFile.js';
import { counterexamplesDir } from '../../src/harness/counterexample/paths.js';
import type { InvariantName } from '../../src/harness/invariants/index.js';
import { runsFromEnvironment, seedFromEnvironment } from '../../src/harness/model/budget.js';
import { type CheckResult, checkInvariant } from '../../src/harness/model/checkInvariant.js';

/**
 * Checks one invariant at the budget from the environment; on failure writes the
 * counterexample file and fails with the invariant, the shrunk steps and the replay command.
 */
export async function assertInvariantHolds(
  invariant: InvariantName,
  profile: FaultProfileName = 'fixed',
): Promise<CheckResult> {
  const result = await checkInvariant({
    invariant,
    profile,
    numRuns: runsFromEnvironment(),
    seed: seedFromEnvironment(),
  });
  if (result.passed || result.counterexample === undefined) return result;
  const file = relative(process.cwd(), writeCounterexample(counterexamplesDir(), result.counterexample));
  const c = result.counterexample;
  throw new Error(
    [
      `invariant "${invariant}" broken under profile ${profile} (seed ${c.seed}, path ${c.path}):`,
      `  ${c.failure.message}`,
      `shrunk steps (${c.steps.length}):`,
      ...c.readableSteps.map((s, i) => `  ${i}. ${s}`),
      `replay: npm run replay -- ${file}`,
    ].join('\n'),
  );
}
