import { copyFileSync, existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Counterexample, counterexampleFileName } from '../counterexample/CounterexampleFile.js';

/** `name.json`, or `name-2.json`, `name-3.json`… : the first whose case and test are both free. */
function freeName(directory: string, name: string): string {
  const stem = basename(name, '.json');
  for (let n = 1; ; n++) {
    const candidate = n === 1 ? stem : `${stem}-${n}`;
    if (!existsSync(join(directory, `${candidate}.json`)) && !existsSync(join(directory, `${candidate}.test.ts`))) {
      return `${candidate}.json`;
    }
  }
}

/**
 * Writes a vitest regression test for a counterexample: the case as JSON beside a test
 * that replays it against `referenceTarget` (or REGRESSION_TARGET) and expects the
 * invariant to hold. An earlier regression of the same name is never overwritten.
 */
export function emitRegressionTest(
  counterexample: Counterexample,
  sourceFile: string,
  directory: string,
  referenceTarget: string,
): string {
  mkdirSync(directory, { recursive: true });
  const jsonName = freeName(directory, counterexampleFileName(counterexample));
  copyFileSync(sourceFile, join(directory, jsonName));
  const testFile = join(directory, `${basename(jsonName, '.json')}.test.ts`);
  const c = counterexample;
  const source = `import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { replayCounterexample } from '../../src/harness/engine/replay/replayCounterexample.js';
import { readCounterexampleFile } from '../../src/harness/systems.js';

// Found against ${c.target} (seed ${c.seed}, commit ${c.commit.slice(0, 12)}): ${c.failure.invariant} broke.
// ${c.target === referenceTarget ? `Found against the reference itself: a bug fixed since. Any target may be given in REGRESSION_TARGET.` : `REGRESSION_TARGET=${c.target} shows the fault again; the default is ${referenceTarget}.`}
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
