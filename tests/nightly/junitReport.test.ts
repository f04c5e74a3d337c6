import { describe, expect, test } from 'vitest';
import { junitReport } from '../../src/nightly/junitReport.js';
import { propertyOutcome, soakOutcome, summaryOf } from './summaryFixture.js';

describe('junit.xml', () => {
  test('one test case per property, soak and benchmark: failures where the code is wrong, errors where nothing was judged', () => {
    const xml = junitReport(
      summaryOf({
        properties: [
          propertyOutcome(),
          propertyOutcome({ property: 'safety', verdict: 'broken', message: 'deleted as-1' }),
          propertyOutcome({ target: 'no-release', expect: 'caught', verdict: 'holds', message: 'not caught' }),
          propertyOutcome({ property: 'progress', verdict: 'inconclusive', message: 'only 3 cases' }),
        ],
        soaks: [soakOutcome(), soakOutcome({ verdict: 'error', message: 'worker crashed' })],
        benchmarks: { regressions: [] },
      }),
      {
        kind: 'bench-report',
        version: 1,
        startedAt: '',
        durationMs: 0,
        node: 'v20',
        machine: { cpus: 2, totalMemBytes: 1 },
        quick: true,
        results: [
          {
            name: 'a',
            group: 'sut',
            unit: 'ms',
            value: 2,
            higherIsBetter: false,
            spread: { samples: 3, min: 1, max: 3 },
          },
        ],
        comparison: [{ name: 'a', baseline: 1, current: 2, ratio: 2, threshold: 1.5, regressed: true }],
      },
    );
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml).toMatch(/<testsuite name="properties" tests="4" failures="2" errors="1"/);
    expect(xml).toMatch(/<testsuite name="soak" tests="2" failures="0" errors="1"/);
    expect(xml).toMatch(/<testsuite name="benchmarks" tests="1" failures="1" errors="0"/);
    expect(xml).toContain('not caught');
  });

  test('untrusted text is escaped', () => {
    const xml = junitReport(
      summaryOf({ properties: [propertyOutcome({ verdict: 'broken', message: '<img src=x onerror="alert(1)"> &' })] }),
      undefined,
    );
    expect(xml).toContain('message="&lt;img src=x onerror=&quot;alert(1)&quot;> &amp;"');
    expect(xml).not.toContain('<img');
  });
});
