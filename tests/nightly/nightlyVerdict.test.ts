import { describe, expect, test } from 'vitest';
import { judgeNight, nightExitCode } from '../../src/nightly/nightlyVerdict.js';
import { propertyOutcome, soakOutcome } from './summaryFixture.js';

const caught = (target: string, property = 'freed') =>
  propertyOutcome({
    target,
    property,
    expect: 'caught',
    verdict: 'broken',
    message: `${property} against ${target}: broken`,
  });

describe('the verdict of a night', () => {
  test('passes when fixed holds, faults are caught, soaks are as expected and no benchmark regressed', () => {
    const night = judgeNight({
      properties: [propertyOutcome(), caught('no-release')],
      soaks: [soakOutcome(), soakOutcome({ target: 'pre-2670', expect: 'leak', verdict: 'leak' })],
      benchmarks: { regressions: [] },
    });
    expect(night).toEqual({ verdict: 'pass', reasons: [] });
    expect(nightExitCode(night.verdict)).toBe(0);
  });

  test('fails on a counterexample under fixed, naming the replay command', () => {
    const night = judgeNight({
      properties: [
        propertyOutcome({
          verdict: 'broken',
          message: 'freed against fixed: broken: tracker held',
          counterexample: 'nightly/x/c.json',
        }),
      ],
      soaks: [],
    });
    expect(night.verdict).toBe('fail');
    expect(night.reasons).toEqual([
      'freed against fixed: broken: tracker held (replay: npm run replay -- reports/nightly/x/c.json)',
    ]);
  });

  test('fails on a fault profile the properties or the soak did not catch, and on a missed coverage target', () => {
    const night = judgeNight({
      properties: [
        propertyOutcome({ target: 'inverted-flag', property: 'bounded', expect: 'caught', verdict: 'holds' }),
      ],
      soaks: [soakOutcome({ target: 'no-release', expect: 'leak', verdict: 'clean' })],
      coverage: {
        cases: 1_000,
        rows: [{ event: 'sync of 0 sessions', hits: 3, perThousand: 3, target: 10, met: false }],
      },
    });
    expect(night.verdict).toBe('fail');
    expect(night.reasons[0]).toMatch(/^not caught: inverted-flag kept bounded over 100 cases/);
    expect(night.reasons[1]).toMatch(/^coverage: sync of 0 sessions reached in 3\.0 of 1,000 cases, target 10/);
    expect(night.reasons[2]).toMatch(/^not caught: soak steady under no-release found no leak/);
  });

  test('is inconclusive, never a pass, when a part measured too little or did not run', () => {
    const night = judgeNight({
      properties: [
        propertyOutcome({
          verdict: 'inconclusive',
          message: 'freed against fixed: inconclusive: only 12 of 5000 cases ran',
        }),
      ],
      soaks: [
        soakOutcome({ verdict: 'inconclusive', message: 'heapSlopePerCycle not judged: 40 cycles' }),
        soakOutcome({ verdict: 'error', message: 'crashed' }),
      ],
      benchmarks: { regressions: [], error: 'timed out' },
    });
    expect(night.verdict).toBe('inconclusive');
    expect(nightExitCode(night.verdict)).toBe(2);
    expect(night.reasons).toHaveLength(4);
  });

  test('fails, not inconclusive, when something failed besides, with the failures first', () => {
    const night = judgeNight({
      forcedProfile: 'pre-2670',
      properties: [],
      soaks: [
        soakOutcome({ verdict: 'leak', report: 'soak/a/report.json', message: 'retainedTrackers: 1' }),
        soakOutcome({ verdict: 'error', message: 'x' }),
      ],
      benchmarks: { regressions: ['sut/remove-missing/1k is 2.90x its reference'] },
    });
    expect(night.verdict).toBe('fail');
    expect(nightExitCode(night.verdict)).toBe(1);
    expect(night.reasons.map((r) => r.split(':')[0])).toEqual([
      'self-test',
      'leak',
      'benchmark regression',
      'soak steady under fixed did not run',
    ]);
  });

  test('a task the budget left out or cut makes the night inconclusive, named in the reasons', () => {
    const night = judgeNight({
      properties: [propertyOutcome()],
      soaks: [],
      benchmarks: { regressions: [] },
      leftOut: ['soak steady under pre-2670: needs about 0:20, 0:03 of the budget left for it'],
    });
    expect(night).toEqual({
      verdict: 'inconclusive',
      reasons: ['left out: soak steady under pre-2670: needs about 0:20, 0:03 of the budget left for it'],
    });
  });
});
