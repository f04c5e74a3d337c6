import { describe, expect, test } from 'vitest';
import { INVARIANTS } from '../src/harness/invariants/index.js';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/model/budget.js';
import { checkInvariant } from '../src/harness/model/checkInvariant.js';
import { CATCH_RUNS, EXPECTED_CATCHES } from '../src/harness/model/faultExpectations.js';
import { runCase } from '../src/harness/model/runCase.js';

const SELF_CHECK_RUNS = Math.max(runsFromEnvironment(), CATCH_RUNS);

describe('self-check: the suite catches every fault profile', () => {
  test.each(EXPECTED_CATCHES)(
    '%s is caught breaking %s, and its counterexample passes under fixed',
    async (profile, invariant) => {
      const result = await checkInvariant({
        invariant,
        profile,
        numRuns: SELF_CHECK_RUNS,
        seed: seedFromEnvironment(),
      });
      expect(result.passed, `${invariant} should fail under ${profile}`).toBe(false);
      const counterexample = result.counterexample;
      if (counterexample === undefined) throw new Error('a failed check must carry its counterexample');
      expect(counterexample.failure.invariant).toBe(invariant);

      const spec = { params: counterexample.params, steps: counterexample.steps };
      const again = await runCase({ ...spec, profile }, INVARIANTS[invariant]);
      expect(again, 'the shrunk case replays the same failure').toEqual(counterexample.failure);
      const underFixed = await runCase({ ...spec, profile: 'fixed' }, INVARIANTS[invariant]);
      expect(underFixed, 'the same schedule is fine under the fixed profile').toBeUndefined();
    },
  );

  test('no-release shrinks to a single completed sync: no generated steps at all', async () => {
    const result = await checkInvariant({
      invariant: 'freed',
      profile: 'no-release',
      numRuns: 50,
      seed: seedFromEnvironment(),
    });
    expect(result.counterexample?.steps).toEqual([]);
  });
});
