import type { NightlySummary, PropertyOutcome, SoakOutcome } from '../../src/reports/NightlySummary.js';

export function propertyOutcome(overrides: Partial<PropertyOutcome> = {}): PropertyOutcome {
  return {
    system: 'router',
    target: 'fixed',
    property: 'freed',
    expect: 'holds',
    seed: 1,
    runsRequested: 100,
    runs: 100,
    durationMs: 1_000,
    verdict: 'holds',
    message: 'freed against fixed: holds over 100 cases in 1.0 s',
    ...overrides,
  };
}

export function soakOutcome(overrides: Partial<SoakOutcome> = {}): SoakOutcome {
  return {
    system: 'router',
    scenario: 'steady',
    target: 'fixed',
    expect: 'clean',
    verdict: 'clean',
    durationMs: 10_000,
    retainedBytes: 0,
    ...overrides,
  };
}

export function summaryOf(overrides: Partial<NightlySummary> = {}): NightlySummary {
  return {
    kind: 'nightly-summary',
    version: 2,
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
