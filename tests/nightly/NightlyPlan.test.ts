import { describe, expect, test } from 'vitest';
import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import { EXPECTED_CATCHES } from '../../src/harness/router/faultExpectations.js';
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
    const mustHold = plan.properties.filter((p) => p.expect === 'holds');
    expect(mustHold.map((p) => p.property).sort()).toEqual(
      ['bounded', 'convergence', 'freed', 'progress', 'robustness', 'safety'].sort(),
    );
    expect(mustHold.every((p) => p.target === 'fixed' && p.timeBoxed && p.runs === 5_000)).toBe(true);
    expect(plan.properties.filter((p) => p.expect === 'caught').map((p) => [p.target, p.property])).toEqual(
      EXPECTED_CATCHES.map(([profile, invariant]) => [profile, invariant]),
    );
    expect(plan.soaks.every((s) => s.minCycles >= 150)).toBe(true);
    expect(plan.soaks).toHaveLength(SOAK_SCENARIO_NAMES.length + SOAK_EXPECTED_LEAKS.length);
    expect(plan.bench).toBe(true);
    expect(plan.shares.properties + plan.shares.soak + plan.shares.bench).toBeLessThanOrEqual(300_000);
  });

  test('a forced profile takes the place of fixed everywhere, and only there', () => {
    const plan = planNightly({ ...base, forcedProfile: 'no-release' });
    expect(plan.properties.filter((p) => p.expect === 'holds').every((p) => p.target === 'no-release')).toBe(true);
    expect(plan.soaks.filter((s) => s.expect === 'clean').every((s) => s.target === 'no-release')).toBe(true);
    expect(plan.properties.some((p) => p.target === 'fixed')).toBe(false);
  });

  test('--only gives the whole budget to the parts that run', () => {
    const plan = planNightly({ ...base, parts: new Set(['properties'] as const) });
    expect(plan.soaks).toEqual([]);
    expect(plan.bench).toBe(false);
    expect(plan.shares).toEqual({ properties: 300_000, soak: 0, bench: 0 });
  });

  test('shards check different seeds', () => {
    const one = planNightly(base).properties.map((p) => p.seed);
    const two = planNightly({ ...base, shard: { index: 2, count: 2 } }).properties.map((p) => p.seed);
    expect(one.filter((seed) => two.includes(seed))).toEqual([]);
  });
});
