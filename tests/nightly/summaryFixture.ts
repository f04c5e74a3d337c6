import type { NightlySummary } from '../../src/harness/reports/NightlySummary.js';

type Property = NightlySummary['properties'][number];
type Soak = NightlySummary['soaks'][number];

export function propertyOutcome(overrides: Partial<Property> = {}): Property {
  return {
    invariant: 'freed',
    profile: 'fixed',
    slot: 'fixed',
    seed: 1,
    runs: 100,
    durationMs: 1_000,
    passed: true,
    ...overrides,
  };
}

export function soakOutcome(overrides: Partial<Soak> = {}): Soak {
  return {
    scenario: 'steady',
    profile: 'fixed',
    slot: 'fixed',
    verdict: 'clean',
    durationMs: 10_000,
    retainedBytes: 0,
    ...overrides,
  };
}

export function summaryOf(overrides: Partial<NightlySummary> = {}): NightlySummary {
  return {
    kind: 'nightly-summary',
    version: 1,
    startedAt: '2026-11-24T02:17:00.000Z',
    durationMs: 60_000,
    budgetMs: 300_000,
    commit: 'abc',
    shards: [{ index: 1, count: 1, seed: 9, parts: ['properties'] }],
    verdict: 'pass',
    reasons: [],
    properties: [propertyOutcome()],
    soaks: [soakOutcome()],
    ...overrides,
  };
}
