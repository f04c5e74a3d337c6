import { describe, expect, it } from 'vitest';
import { soakNotes } from '../../src/nightly/runSoakTasks.js';
import { summaryMarkdown } from '../../src/nightly/summaryMarkdown.js';
import { soakOutcome, summaryOf } from './summaryFixture.js';

const check = { measured: 0, limit: 0, unit: 'x', passed: true, justification: 'why' };

describe('what the nightly says of a soak', () => {
  it('names a check the run was too short to judge, beside the reasons of a leak', () => {
    const notes = soakNotes({
      reasons: ['retainedTrackers: 1 trackers (limit 0)'],
      checks: [
        { ...check, name: 'retainedTrackers', passed: false },
        { ...check, name: 'heapSlopePerCycle', notJudged: '90 cycles; the slope is judged from 150 on' },
      ],
    });
    expect(notes).toEqual([
      'retainedTrackers: 1 trackers (limit 0)',
      'heapSlopePerCycle not judged (90 cycles; the slope is judged from 150 on)',
    ]);
    expect(soakNotes({ reasons: [], checks: [{ ...check, name: 'retainedTrackers' }] })).toEqual([]);
  });

  it('prints the note next to the report in the summary', () => {
    const markdown = summaryMarkdown(
      summaryOf({
        soaks: [soakOutcome({ report: 'nightly/x/soak/y/report.json', message: 'heapSlopePerCycle not judged' })],
      }),
    );
    expect(markdown).toContain('`reports/nightly/x/soak/y/report.json`: heapSlopePerCycle not judged |');
  });
});
