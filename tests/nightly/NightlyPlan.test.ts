import { describe, expect, test } from 'vitest';
import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import { EXPECTED_CATCHES, ROUTER_INVARIANT_NAMES, STORE_EXPECTATIONS } from '../../src/harness/index.js';
import {
  DEFAULT_SLACK_MS,
  defaultBudgetMs,
  LEAST_MS,
  leastBudget,
  NIGHTLY_PARTS,
  PLANTED_LEAK_SELF_CHECK,
  planNightly,
  SOAK_EXPECTED_LEAKS,
} from '../../src/nightly/NightlyPlan.js';
import { BUILTIN_STORE_NAMES } from '../../src/stores/registry.js';

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
    // Each scenario under fixed, each fault where it shows, and the self-check.
    expect(plan.soaks.filter((s) => s.system === 'router')).toHaveLength(
      SOAK_SCENARIO_NAMES.length + SOAK_EXPECTED_LEAKS.length + 1,
    );
    // Every built-in store is soaked; the one documented to leak must be caught leaking.
    const storeSoaks = plan.soaks.filter((s) => s.system === 'store');
    expect(storeSoaks.map((s) => s.target)).toEqual([...BUILTIN_STORE_NAMES]);
    expect(storeSoaks.map((s) => [s.target, s.expect])).toEqual(
      expect.arrayContaining([
        ['express-memory', 'leak'],
        ['memorystore', 'clean'],
        ['connect-redis', 'clean'],
      ]),
    );
    expect(plan.bench).toBe(true);
    expect(Object.values(plan.shares).reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(
      Math.max(300_000, leastBudget(plan).ms),
    );
  });

  test('each phase gets the least it needs, then its weight of the time over the whole night least', () => {
    const budgetMs = 900_000;
    const plan = planNightly({ ...base, budgetMs });
    const least = leastBudget(plan);
    expect(least.ms).toBe(plan.least.properties.ms + plan.least.soaks.ms + plan.least.bench.ms);
    expect(least.ms).toBeLessThan(budgetMs);
    const slack = budgetMs - least.ms;
    expect(Math.abs(plan.shares.properties - plan.least.properties.ms - slack * 0.4)).toBeLessThanOrEqual(1);
    expect(Math.abs(plan.shares.soaks - plan.least.soaks.ms - slack * 0.4)).toBeLessThanOrEqual(1);
    expect(Math.abs(plan.shares.bench - plan.least.bench.ms - slack * 0.2)).toBeLessThanOrEqual(1);
    expect(least.why.join('; ')).toMatch(/\d+ catches, .*\d+ checks that must hold, .*soaks of at least 180 cycles/);
  });

  test("the least budget counts every task: one soak more needs a soak's least more", () => {
    const properties = planNightly({ ...base, parts: new Set(['properties'] as const) });
    const withSoaks = planNightly({ ...base, parts: new Set(['properties', 'soak'] as const) });
    const soaks = withSoaks.soaks.length;
    expect(soaks).toBeGreaterThan(0);
    expect(leastBudget(withSoaks).ms - leastBudget(properties).ms).toBe(
      withSoaks.soaks.reduce((sum, task) => sum + (task.expect === 'leak' ? LEAST_MS.leakSoak : LEAST_MS.soak), 0),
    );
  });

  test("runs the soak's self-check first: a planted leak under fixed, over the fewest cycles the footprint is judged at", () => {
    const plan = planNightly(base);
    const selfChecks = plan.soaks.filter((s) => s.selfCheck !== undefined);
    expect(selfChecks).toEqual([
      {
        system: 'router',
        scenario: 'steady',
        target: 'fixed',
        expect: 'leak',
        minCycles: 150,
        selfCheck: {
          leak: { bytes: 16, per: 'removal', every: 1, shape: 'map' },
          rules: ['routerFootprintGrowth', 'routerCollectionsGrowing'],
        },
      },
    ]);
    expect(plan.soaks.find((s) => s.system === 'router')).toBe(selfChecks[0]);
    expect(SOAK_SCENARIO_NAMES).toContain(PLANTED_LEAK_SELF_CHECK.scenario);
    // Accounted in the least budget as a soak that must find a leak, and named there.
    const withoutIt = { ...plan, soaks: plan.soaks.filter((s) => s.selfCheck === undefined) };
    expect(plan.least.soaks.ms).toBe(
      withoutIt.soaks.reduce((sum, task) => sum + (task.expect === 'leak' ? LEAST_MS.leakSoak : LEAST_MS.soak), 0) +
        LEAST_MS.leakSoak,
    );
    expect(leastBudget(plan).why.join('; ')).toMatch(/the soak's self-check, a leak planted in steady over 150 cycles/);
    // Under a forced profile it still runs under fixed: the planted leak must be the only one.
    const forced = planNightly({ ...base, forcedProfile: 'no-release' });
    expect(forced.soaks.filter((s) => s.selfCheck !== undefined).map((s) => s.target)).toEqual(['fixed']);
    // Only with the soak part.
    expect(planNightly({ ...base, parts: new Set(['properties'] as const) }).soaks).toEqual([]);
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
    expect(plan.shares).toEqual({ properties: 300_000, soaks: 0, bench: 0 });
  });

  test('shards check different seeds', () => {
    const one = planNightly(base).properties.map((p) => p.seed);
    const two = planNightly({ ...base, shard: { index: 2, count: 2 } }).properties.map((p) => p.seed);
    expect(one.filter((seed) => two.includes(seed))).toEqual([]);
  });

  test('with no budget given, the night gets its least plus a fixed slack, so the default is never refused', () => {
    const { budgetMs: _, ...rest } = base;
    const budgetMs = defaultBudgetMs(rest);
    expect(budgetMs).toBe(leastBudget(planNightly({ ...base, budgetMs })).ms + DEFAULT_SLACK_MS);
  });
});
