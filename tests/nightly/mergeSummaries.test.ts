import { describe, expect, test } from 'vitest';
import { InputError } from '../../src/errors.js';
import { mergeSummaries } from '../../src/nightly/mergeSummaries.js';
import { propertyOutcome, soakOutcome, summaryOf } from './summaryFixture.js';

describe('merging shard summaries', () => {
  test('keeps every check and soak, takes the slowest shard, sums coverage and recomputes the verdict', () => {
    const merged = mergeSummaries([
      summaryOf({
        durationMs: 10,
        shards: [{ index: 2, count: 2, seed: 5, parts: ['properties'] }],
        coverage: { cases: 500, rows: [{ event: 'e', hits: 4, perThousand: 8, target: 10, met: false }] },
      }),
      summaryOf({
        durationMs: 30,
        startedAt: '2026-11-24T02:16:00.000Z',
        shards: [{ index: 1, count: 2, seed: 5, parts: ['properties'] }],
        properties: [propertyOutcome({ verdict: 'broken', message: 'x' })],
        soaks: [soakOutcome()],
        coverage: { cases: 500, rows: [{ event: 'e', hits: 8, perThousand: 16, target: 10, met: true }] },
      }),
    ]);
    expect(merged.properties).toHaveLength(2);
    expect(merged.soaks).toHaveLength(2);
    expect(merged.durationMs).toBe(30);
    expect(merged.startedAt).toBe('2026-11-24T02:16:00.000Z');
    expect(merged.shards.map((s) => s.index)).toEqual([1, 2]);
    expect(merged.coverage).toEqual({
      cases: 1_000,
      rows: [{ event: 'e', hits: 12, perThousand: 12, target: 10, met: true }],
    });
    expect(merged.verdict).toBe('fail');
    expect(merged.reasons).toEqual(['x']);
  });

  test('refuses nothing, and nights of different self-tests', () => {
    expect(() => mergeSummaries([])).toThrow(InputError);
    expect(() => mergeSummaries([summaryOf(), summaryOf({ forcedProfile: 'no-release' })])).toThrow(/self-test/);
  });
});
