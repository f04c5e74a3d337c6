import { describe, expect, test } from 'vitest';
import {
  CATCH_RUNS,
  checkProperty,
  EXPECTED_CATCHES,
  ROUTER_INVARIANTS,
  routerSystem,
  runCase,
  runsFromEnvironment,
  seedFromEnvironment,
} from '../src/harness/index.js';

const SELF_CHECK_RUNS = Math.max(runsFromEnvironment(), CATCH_RUNS);

describe('self-check: the suite catches every fault profile', () => {
  test.each(EXPECTED_CATCHES)(
    '%s is caught breaking %s, and its counterexample passes under fixed',
    async (profile, invariant) => {
      const result = await checkProperty(routerSystem, {
        property: invariant,
        target: profile,
        numRuns: SELF_CHECK_RUNS,
        seed: seedFromEnvironment(),
      });
      expect(result.verdict, `${invariant} should break under ${profile}`).toBe('broken');
      const counterexample = result.counterexample;
      if (counterexample === undefined) throw new Error('a broken property must carry its counterexample');
      expect(counterexample.failure.invariant).toBe(invariant);

      const spec = { params: counterexample.params, steps: counterexample.steps };
      const again = await runCase(routerSystem, { ...spec, target: profile }, ROUTER_INVARIANTS[invariant]);
      expect(again.violation, 'the shrunk case replays the same failure').toEqual(counterexample.failure);
      const underFixed = await runCase(routerSystem, { ...spec, target: 'fixed' }, ROUTER_INVARIANTS[invariant]);
      expect(underFixed.violation, 'the same schedule is fine under the fixed profile').toBeUndefined();
    },
  );

  test('no-release shrinks to a single completed sync: no generated steps at all', async () => {
    const result = await checkProperty(routerSystem, {
      property: 'freed',
      target: 'no-release',
      numRuns: 50,
      seed: seedFromEnvironment(),
    });
    expect(result.counterexample?.steps).toEqual([]);
  });
});
