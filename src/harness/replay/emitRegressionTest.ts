import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { type Counterexample, counterexampleFileName } from '../counterexample/CounterexampleFile.js';

/**
 * Writes a vitest regression test for a counterexample: the case as JSON beside a
 * test that replays it under `fixed` (or REGRESSION_PROFILE) and expects the invariant to hold.
 */
export function emitRegressionTest(counterexample: Counterexample, sourceFile: string, directory: string): string {
  mkdirSync(directory, { recursive: true });
  const jsonName = counterexampleFileName(counterexample);
  copyFileSync(sourceFile, join(directory, jsonName));
  const testFile = join(directory, `${basename(jsonName, '.json')}.test.ts`);
  const c = counterexample;
  const source = `import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { faultProfile } from '../../src/faults.js';
import { readCounterexample } from '../../src/harness/counterexample/CounterexampleFile.js';
import { replayCounterexample } from '../../src/harness/replay/replayCounterexample.js';

// Found under profile ${c.profile} (seed ${c.seed}, commit ${c.commit.slice(0, 12)}): ${c.failure.invariant} broke.
// REGRESSION_PROFILE=${c.profile} shows the fault again; the default is the fixed profile.
const profile = process.env.REGRESSION_PROFILE ?? 'fixed';
const counterexample = readCounterexample(fileURLToPath(new URL('./${jsonName}', import.meta.url)));

test(\`${c.property} holds under \${profile} for the schedule found under ${c.profile} (seed ${c.seed})\`, async () => {
  faultProfile(profile);
  const result = await replayCounterexample(counterexample, profile as typeof counterexample.profile);
  expect(result.violation?.message).toBeUndefined();
});
`;
  writeFileSync(testFile, source);
  return testFile;
}
