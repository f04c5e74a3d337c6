import { describe, expect, test } from 'vitest';
import { MergeError, mergeSummaries } from '../../src/nightly/mergeSummaries.js';
import { propertyOutcome, soakOutcome, summaryOf } from './summaryFixture.js';

describe('merging shard summaries', () => {
  test('keeps every check and soak, takes the slowest shard and recomputes the verdict', () => {
    const merged = mergeSummaries([
      summaryOf({ durationMs: 10, shards: [{ index: 2, count: 2, seed: 5, parts: ['properties'] }] }),
      summaryOf({
        durationMs: 30,
        startedAt: '2026-11-24T02:16:00.000Z',
        shards: [{ index: 1, count: 2, seed: 5, parts: ['properties'] }],
        properties: [propertyOutcome({ passed: false, message: 'x' })],
        soaks: [soakOutcome()],
      }),
    ]);
    expect(merged.properties).toHaveLength(2);
    expect(merged.soaks).toHaveLength(2);
    expect(merged.durationMs).toBe(30);
    expect(merged.startedAt).toBe('2026-11-24T02:16:00.000Z');
    expect(merged.shards.map((s) => s.index)).toEqual([1, 2]);
    expect(merged.verdict).toBe('fail');
    expect(merged.reasons).toHaveLength(1);
  });

  test('refuses nothing, and nights of different self-tests', () => {
    expect(() => mergeSummaries([])).toThrow(MergeError);
    expect(() => mergeSummaries([summaryOf(), summaryOf({ forcedProfile: 'no-release' })])).toThrow(/self-test/);
  });
});
