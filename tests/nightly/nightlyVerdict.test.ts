import { describe, expect, test } from 'vitest';
import { nightlyFailureReasons } from '../../src/nightly/nightlyVerdict.js';
import { propertyOutcome, soakOutcome } from './summaryFixture.js';

describe('the night fails', () => {
  test('on nothing when fixed holds, faults are caught and no benchmark regressed', () => {
    expect(
      nightlyFailureReasons({
        properties: [propertyOutcome(), propertyOutcome({ profile: 'no-release', slot: 'no-release', passed: false })],
        soaks: [soakOutcome(), soakOutcome({ profile: 'pre-2670', slot: 'pre-2670', verdict: 'leak' })],
        benchmarks: { regressions: [] },
      }),
    ).toEqual([]);
  });

  test('on a counterexample under fixed, naming the replay command', () => {
    const reasons = nightlyFailureReasons({
      properties: [propertyOutcome({ passed: false, message: 'tracker held', counterexample: 'nightly/x/c.json' })],
      soaks: [],
    });
    expect(reasons).toEqual([
      'counterexample under fixed: freed broken (seed 1): tracker held (replay: npm run replay -- reports/nightly/x/c.json)',
    ]);
  });

  test('on a fault profile the properties or the soak failed to catch', () => {
    const reasons = nightlyFailureReasons({
      properties: [propertyOutcome({ profile: 'inverted-flag', slot: 'inverted-flag', invariant: 'bounded' })],
      soaks: [soakOutcome({ profile: 'no-release', slot: 'no-release', verdict: 'clean' })],
    });
    expect(reasons).toHaveLength(2);
    expect(reasons[0]).toMatch(/^not caught: inverted-flag held bounded/);
    expect(reasons[1]).toMatch(/^not caught: soak steady found no leak under no-release/);
  });

  test('on a leak under fixed, a soak that could not run, a benchmark regression or error, and a self-test', () => {
    const reasons = nightlyFailureReasons({
      forcedProfile: 'pre-2670',
      properties: [],
      soaks: [soakOutcome({ verdict: 'leak', report: 'soak/a/report.json' }), soakOutcome({ verdict: 'error' })],
      benchmarks: { regressions: ['sut/full-sync/1k is 2.10x its baseline'], error: 'benchmarks timed out' },
    });
    expect(reasons.map((r) => r.split(':')[0])).toEqual([
      'self-test',
      'leak under fixed',
      'soak failed to run',
      'benchmarks timed out',
      'benchmark regression',
    ]);
  });
});
