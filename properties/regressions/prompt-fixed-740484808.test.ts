import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';
import { readCounterexampleFile, replayCounterexample } from '../../src/harness/index.js';

// Found against fixed (seed 740484808, commit 6b76e716daf2): prompt broke.
// Not a fault profile, found by a nightly: the first fix judged a chunk broken by asking the
// gate, which forgets a broken sync once a newer one opens, so the broken sync's deadline
// failed it as a deadline. A tick or deadline now asks whether a failure of its sync is
// queued. Any profile may be given in REGRESSION_TARGET.
const target = process.env.REGRESSION_TARGET ?? 'fixed';
const { counterexample, system } = readCounterexampleFile(
  fileURLToPath(new URL('./prompt-fixed-740484808.json', import.meta.url)),
);

test(`prompt holds against ${target} for the schedule found against fixed (seed 740484808)`, async () => {
  const result = await replayCounterexample(system, counterexample, target);
  expect(result.violation?.message).toBeUndefined();
});
