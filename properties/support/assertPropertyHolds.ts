import { relative } from 'node:path';
import { runsFromEnvironment, seedFromEnvironment } from '../../src/harness/engine/budget.js';
import { checkProperty, type PropertyResult } from '../../src/harness/engine/checkProperty.js';
import { writeCounterexample } from '../../src/harness/engine/counterexample/CounterexampleFile.js';
import { counterexampleLines, propertyHeadline } from '../../src/harness/engine/formatPropertyResult.js';
import type { AnyModelSystem } from '../../src/harness/engine/ModelSystem.js';
import { counterexamplesDir } from '../../src/reports/paths.js';

/**
 * Checks one property at the budget from the environment. A broken property writes its
 * counterexample file and fails with the shrunk steps and the replay command; one that
 * ran too few cases fails as inconclusive.
 */
export async function assertPropertyHolds(
  system: AnyModelSystem,
  property: string,
  target: string = system.referenceTarget ?? '',
): Promise<PropertyResult> {
  const result = await checkProperty(system, {
    property,
    target,
    numRuns: runsFromEnvironment(),
    seed: seedFromEnvironment(),
  });
  if (result.verdict === 'holds') return result;
  const file = result.counterexample
    ? relative(process.cwd(), writeCounterexample(counterexamplesDir(), result.counterexample))
    : undefined;
  throw new Error([propertyHeadline(result), ...counterexampleLines(result, file)].join('\n'));
}
