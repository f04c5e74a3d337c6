import { describe, expect, test } from 'vitest';
import type { FaultProfileName } from '../src/faults.js';
import { INVARIANTS, type InvariantName } from '../src/harness/invariants/index.js';
import { runsFromEnvironment, seedFromEnvironment } from '../src/harness/model/budget.js';
import { checkInvariant } from '../src/harness/model/checkInvariant.js';
import { runCase } from '../src/harness/model/runCase.js';

/** Cheap, since a check stops at its first failure; 1,000 runs caught every case on 100 of 100 seeds. */
const SELF_CHECK_RUNS = Math.max(runsFromEnvironment(), 1_000);

/** Which promise each faulty profile must be caught breaking. */
const MUST_CATCH: ReadonlyArray<readonly [FaultProfileName, InvariantName]> = [
  ['pre-2670', 'freed'],
  ['pre-2670', 'bounded'],
  ['inverted-flag', 'bounded'],
  ['no-release', 'freed'],
  ['upstream-races', 'safety'],
  ['upstream-races', 'convergence'],
];

describe('self-check: the suite catches every fault profile', () => {
  test.each(MUST_CATCH)(
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
