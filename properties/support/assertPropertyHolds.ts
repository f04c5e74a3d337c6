import type { AnyModelSystem, PropertyResult } from '../../src/harness/index.js';
import { runsFromEnvironment, seedFromEnvironment } from '../../src/harness/index.js';
import { checkProperties, verdictLines } from '../../src/jobs/checkProperties.js';
import { counterexamplesDir } from '../../src/reports/paths.js';

/**
 * Checks one property at the budget from the environment (or `runs`), through the loop every command
 * uses. A broken property writes its counterexample file and fails with the shrunk steps
 * and the replay command; one that ran too few cases fails as inconclusive.
 */
export async function assertPropertyHolds(
  system: AnyModelSystem,
  property: string,
  target: string = system.referenceTarget ?? '',
  runs: number = runsFromEnvironment(),
): Promise<PropertyResult> {
  const run = await checkProperties([{ system, property, target, runs, seed: seedFromEnvironment() }], {
    counterexampleDir: counterexamplesDir(),
  });
  const [checked] = run.checked;
  if (checked === undefined) throw new Error(`${property} against ${target}: the check did not run`);
  if (checked.outcome === 'pass') return checked.result;
  throw new Error(verdictLines(checked).join('\n'));
}
