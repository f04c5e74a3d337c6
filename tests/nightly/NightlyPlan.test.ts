import { describe, expect, test } from 'vitest';
import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import { EXPECTED_CATCHES } from '../../src/harness/model/faultExpectations.js';
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
    const fixed = plan.properties.filter((p) => p.slot === 'fixed');
    expect(fixed.map((p) => p.invariant).sort()).toEqual(
      ['bounded', 'convergence', 'freed', 'progress', 'robustness', 'safety'].sort(),
    );
    expect(fixed.every((p) => p.profile === 'fixed' && p.timeBoxed && p.runs === 5_000)).toBe(true);
    expect(plan.properties.filter((p) => p.slot !== 'fixed').map((p) => [p.profile, p.invariant])).toEqual(
      EXPECTED_CATCHES.map(([profile, invariant]) => [profile, invariant]),
    );
    expect(plan.soaks).toHaveLength(SOAK_SCENARIO_NAMES.length + SOAK_EXPECTED_LEAKS.length);
    expect(plan.bench).toBe(true);
    expect(plan.shares.properties + plan.shares.soak + plan.shares.bench).toBeLessThanOrEqual(300_000);
  });

  test('a forced profile takes the place of fixed everywhere, and only there', () => {
    const plan = planNightly({ ...base, forcedProfile: 'no-release' });
    expect(plan.properties.filter((p) => p.slot === 'fixed').every((p) => p.profile === 'no-release')).toBe(true);
    expect(plan.soaks.filter((s) => s.slot === 'fixed').every((s) => s.profile === 'no-release')).toBe(true);
    expect(plan.properties.some((p) => p.profile === 'fixed')).toBe(false);
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
