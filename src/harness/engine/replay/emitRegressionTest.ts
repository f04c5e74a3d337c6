import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Counterexample, counterexampleFileName } from '../counterexample/CounterexampleFile.js';

/**
 * Writes a vitest regression test for a counterexample: the case as JSON beside a test
 * that replays it against `referenceTarget` (or REGRESSION_TARGET) and expects the
 * invariant to hold.
 */
export function emitRegressionTest(
  counterexample: Counterexample,
  sourceFile: string,
  directory: string,
  referenceTarget: string,
): string {
  mkdirSync(directory, { recursive: true });
  const jsonName = counterexampleFileName(counterexample);
  copyFileSync(sourceFile, join(directory, jsonName));
  const testFile = join(directory, `${basename(jsonName, '.json')}.test.ts`);
  const c = counterexample;
  const source = `import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { replayCounterexample } from '../../src/harness/engine/replay/replayCounterexample.js';
import { readCounterexampleFile } from '../../src/harness/systems.js';

// Found against ${c.target} (seed ${c.seed}, commit ${c.commit.slice(0, 12)}): ${c.failure.invariant} broke.
// REGRESSION_TARGET=${c.target} shows the fault again; the default is ${referenceTarget}.
const target = process.env.REGRESSION_TARGET ?? '${referenceTarget}';
const { counterexample, system } = readCounterexampleFile(fileURLToPath(new URL('./${jsonName}', import.meta.url)));

test(\`${c.property} holds against \${target} for the schedule found against ${c.target} (seed ${c.seed})\`, async () => {
  const result = await replayCounterexample(system, counterexample, target);
  expect(result.violation?.message).toBeUndefined();
});
`;
  writeFileSync(testFile, source);
  return testFile;
}
