import { describe, expect, it } from 'vitest';
import { summaryMarkdown } from '../../src/nightly/summaryMarkdown.js';
import { soakOutcome, summaryOf } from './summaryFixture.js';

describe('summary.md', () => {
  it('says why a night did not pass, and prints a soak note next to its report', () => {
    const markdown = summaryMarkdown(
      summaryOf({
        verdict: 'inconclusive',
        reasons: ['soak steady under fixed inconclusive: heapSlopePerCycle not judged'],
        soaks: [
          soakOutcome({
            verdict: 'inconclusive',
            report: 'nightly/x/soak/y/report.json',
            message: 'heapSlopePerCycle not judged',
          }),
        ],
      }),
    );
    expect(markdown).toContain('# Nightly 2026-11-24T02:17:00.000Z: INCONCLUSIVE');
    expect(markdown).toContain('Why it did not pass:');
    expect(markdown).toMatch(/`reports\/nightly\/x\/soak\/y\/report.json`: heapSlopePerCycle not judged +\|/);
  });

  it('keeps a pipe in a message from breaking the table', () => {
    const markdown = summaryMarkdown(summaryOf({ soaks: [soakOutcome({ message: 'a | b' })] }));
    expect(markdown).toContain('a \\| b');
  });

  it('says what the time past the budget went on', () => {
    const markdown = summaryMarkdown(
      summaryOf({ durationMs: 21_300, budgetMs: 20_000, pastBudget: ['1.3 s stopping soak steady under fixed'] }),
    );
    expect(markdown).toContain('0:21 of a 0:20 budget.');
    expect(markdown).toMatch(
      /Past the budget \(a night may run \d+ s past it\):\n\n- 1\.3 s stopping soak steady under fixed/,
    );
  });
});
