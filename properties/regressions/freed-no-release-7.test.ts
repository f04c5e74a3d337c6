import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { faultProfile } from '../../src/faults.js';
import { readCounterexample } from '../../src/harness/counterexample/CounterexampleFile.js';
import { replayCounterexample } from '../../src/harness/replay/replayCounterexample.js';

// Found under profile no-release (seed 7, commit abc976445b51): freed broke.
// REGRESSION_PROFILE=no-release shows the fault again; the default is the fixed profile.
const profile = process.env.REGRESSION_PROFILE ?? 'fixed';
const counterexample = readCounterexample(fileURLToPath(new URL('./freed-no-release-7.json', import.meta.url)));

test(`freed holds under ${profile} for the schedule found under no-release (seed 7)`, async () => {
  faultProfile(profile);
  const result = await replayCounterexample(counterexample, profile as typeof counterexample.profile);
  expect(result.violation?.message).toBeUndefined();
});
