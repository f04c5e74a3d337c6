import { describe, expect, test } from 'vitest';
import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import { EXPECTED_CATCHES } from '../../src/harness/router/faultExpectations.js';
import { ROUTER_INVARIANT_NAMES } from '../../src/harness/router/invariants/index.js';
import { STORE_EXPECTATIONS } from '../../src/harness/store/storeExpectations.js';
import { NIGHTLY_PARTS, planNightly, SOAK_EXPECTED_LEAKS } from '../../src/nightly/NightlyPlan.js';

const base = {
  budgetMs: 300_000,
  shard: { index: 1, count: 1 },
  seed: 7,
  runsPerProperty: 5_000,
  parts: new Set(NIGHTLY_PARTS),
};

describe('the nightly plan', () => {
  test('checks every invariant under fixed, every expected catch, every soak scenario and each fault where it shows', () => {
    const plan = planNightly(base);
    const router = plan.properties.filter((p) => p.system === 'router');
    const mustHold = router.filter((p) => p.expect === 'holds');
    expect(mustHold.map((p) => p.property).sort()).toEqual([...ROUTER_INVARIANT_NAMES].sort());
    expect(mustHold.every((p) => p.target === 'fixed' && p.timeBoxed && p.runs === 5_000)).toBe(true);
    expect(router.filter((p) => p.expect === 'caught').map((p) => [p.target, p.property])).toEqual(
      EXPECTED_CATCHES.map(([profile, invariant]) => [profile, invariant]),
    );
    const stores = plan.properties.filter((p) => p.system === 'store');
    expect(stores.map((p) => [p.target, p.property, p.expect])).toEqual(
      STORE_EXPECTATIONS.map((e) => [e.store, e.property, e.expect]),
    );
    expect(plan.soaks.every((s) => s.minCycles >= 150)).toBe(true);
    expect(plan.soaks.filter((s) => s.system === 'router')).toHaveLength(
      SOAK_SCENARIO_NAMES.length + SOAK_EXPECTED_LEAKS.length,
    );
    expect(plan.soaks.filter((s) => s.system === 'store').map((s) => [s.target, s.expect])).toEqual([
      ['express-memory', 'leak'],
      ['memorystore', 'clean'],
      ['connect-redis', 'clean'],
      ['connect-pg-simple', 'clean'],
      ['session-file-store', 'clean'],
    ]);
    expect(plan.bench).toBe(true);
    expect(Object.values(plan.shares).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(300_000);
  });

  test('a forced profile takes the place of fixed everywhere, and only there', () => {
    const plan = planNightly({ ...base, forcedProfile: 'no-release' });
    const router = plan.properties.filter((p) => p.system === 'router');
    expect(router.filter((p) => p.expect === 'holds').every((p) => p.target === 'no-release')).toBe(true);
    expect(
      plan.soaks.filter((s) => s.system === 'router' && s.expect === 'clean').every((s) => s.target === 'no-release'),
    ).toBe(true);
    expect(router.some((p) => p.target === 'fixed')).toBe(false);
  });

  test('--only gives the whole budget to the parts that run', () => {
    const plan = planNightly({ ...base, parts: new Set(['properties'] as const) });
    expect(plan.soaks).toEqual([]);
    expect(plan.bench).toBe(false);
    expect(plan.shares).toEqual({ properties: 300_000, stores: 0, soak: 0, bench: 0 });
  });

  test('shards check different seeds', () => {
    const one = planNightly(base).properties.map((p) => p.seed);
    const two = planNightly({ ...base, shard: { index: 2, count: 2 } }).properties.map((p) => p.seed);
    expect(one.filter((seed) => two.includes(seed))).toEqual([]);
  });
});
