import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { faultProfile } from '../../src/faults.js';
import { readCounterexample } from '../../src/harness/counterexample/CounterexampleFile.js';
import { replayCounterexample } from '../../src/harness/replay/replayCounterexample.js';

// Found under profile fixed (seed 20250114, commit 1472eb20cdfa): robustness broke.
// Not a fault profile: the router took a live add whose headers were undefined, with no error,
// before every envelope got checked. Any profile may be given in REGRESSION_PROFILE.
const profile = process.env.REGRESSION_PROFILE ?? 'fixed';
const counterexample = readCounterexample(fileURLToPath(new URL('./robustness-fixed-20250114.json', import.meta.url)));

test(`robustness holds under ${profile} for the schedule found under fixed (seed 20250114)`, async () => {
  faultProfile(profile);
  const result = await replayCounterexample(counterexample, profile as typeof counterexample.profile);
  expect(result.violation?.message).toBeUndefined();
});
