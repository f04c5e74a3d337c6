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
        version: 2,
        startedAt: '',
        durationMs: 0,
        node: 'v20',
        machine: { cpus: 2, totalMemBytes: 1 },
        quick: true,
        profile: 'fixed',
        verdict: 'fail',
        gates: [
          {
            name: 'a/over-reference',
            kind: 'vs-reference',
            measures: 'a over its reference',
            unit: 'x reference',
            value: 2,
            samples: 15,
            baseline: 1,
            ratio: 2,
            threshold: 1.5,
            remeasured: { value: 2.1, samples: 15, ratio: 2.1 },
            verdict: 'regressed',
          },
        ],
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
      },
    );
    expect(xml.match(/<testcase /g)).toHaveLength(7);
    expect(xml).toMatch(/<testsuite name="properties" tests="4" failures="2" errors="1"/);
    expect(xml).toMatch(/<testsuite name="soak" tests="2" failures="0" errors="1"/);
    expect(xml).toMatch(/<testsuite name="benchmarks" tests="1" failures="1" errors="0"/);
    expect(xml).toContain('not caught');
    expect(xml).toContain('a/over-reference = 2.00 x reference (15 samples), 2.00x its baseline 1.00 (threshold 1.5x)');
  });

  test('untrusted text is escaped', () => {
    const xml = junitReport(
      summaryOf({ properties: [propertyOutcome({ verdict: 'broken', message: '<img src=x onerror="alert(1)"> &' })] }),
      undefined,
    );
    expect(xml).toContain('message="&lt;img src=x onerror=&quot;alert(1)&quot;> &amp;"');
    expect(xml).not.toContain('<img');
  });

  test('each task the budget left out or cut is an error test case naming it, never a pass', () => {
    const xml = junitReport(
      summaryOf({ leftOut: ['soak steady under fixed: needs about 0:15, 0:03 of the budget left for it'] }),
      undefined,
    );
    expect(xml).toMatch(/<testsuite name="budget" tests="1" failures="0" errors="1"/);
    expect(xml).toContain('name="soak steady under fixed"');
    expect(xml).toContain('needs about 0:15, 0:03 of the budget left for it');
  });

  test("the soak's self-check is a failure when its leak was not reported at the planted path, even as a leak", () => {
    const selfCheck = (caughtBy: string[]) =>
      soakOutcome({
        expect: 'leak',
        verdict: 'leak',
        selfCheck: { path: '.context.records', rules: ['routerFootprintGrowth'], caughtBy },
      });
    const xml = junitReport(summaryOf({ soaks: [selfCheck(['routerFootprintGrowth']), selfCheck([])] }), undefined);
    expect(xml).toMatch(/<testsuite name="soak" tests="2" failures="1" errors="0"/);
    expect(xml).toContain('name="self-check: steady under fixed reports the leak planted at .context.records"');
    expect(xml).toContain('the leak planted at .context.records was not reported by routerFootprintGrowth');
  });
});
