import { describe, expect, it } from 'vitest';
import type { MeasurementGroup } from '../../bench/gates/Gate.js';
import { BenchGroupFailedError, figuresOrFailure } from '../../bench/runBenchmarks.js';
import { runInChild } from '../../src/child/runInChild.js';
import { describeFailure } from '../../src/errors.js';
import { exhaustHeapJob } from './fixtures/exhaustHeap.js';

const group: MeasurementGroup = {
  name: 'one-million',
  gates: [
    {
      name: 'sut/heap-per-session/1M',
      kind: 'count',
      measures: 'heap per session',
      unit: 'bytes/session',
      threshold: 1.25,
      limit: 300,
      figure: () => ({ value: 0, samples: 0 }),
    },
  ],
  rounds: 1,
  confirmRounds: 1,
  measure: async () => ({}),
  absolute: () => [],
};

describe('a benchmark group that cannot run', () => {
  it('is that group failing to run, naming its figures, exit 2: a child out of memory is never a pass', async () => {
    const failure = await figuresOrFailure(group, () => runInChild(exhaustHeapJob, {}, { timeoutMs: 120_000 })).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(BenchGroupFailedError);
    const { exitCode, text } = describeFailure(failure);
    expect(exitCode).toBe(2);
    expect(text).toMatch(/^benchmark group one-million failed to run, so its figures \(sut\/heap-per-session\/1M\)/);
    expect(text).toMatch(/heap out of memory|exited with|killed by/);
  }, 130_000);
});
