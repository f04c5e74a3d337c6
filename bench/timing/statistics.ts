import { Bench } from 'tinybench';
import type { SampleStatistics } from '../../src/reports/BenchReport.js';

export class NoSamplesError extends Error {
  constructor(what: string) {
    super(`no samples of ${what} to describe`);
    this.name = 'NoSamplesError';
  }
}

/**
 * tinybench's statistics (mean, p50, p99, rme) of samples taken across rounds. tinybench
 * computes statistics over one task's own samples, and each round is a Bench of its own,
 * so the rounds' values are handed to one task as overridden durations, one per iteration:
 * the statistics are tinybench's, not a second implementation of them.
 */
export function describeSamples(what: string, values: readonly number[]): SampleStatistics {
  if (values.length === 0) throw new NoSamplesError(what);
  let next = 0;
  const bench = new Bench({ name: what, iterations: values.length, time: 0, warmup: false, throws: true });
  // Stated sync: left to guess, tinybench calls the function once to see, which would eat a value.
  bench.add(what, () => ({ overriddenDuration: values[next++] ?? 0 }), { async: false });
  bench.runSync();
  const result = bench.tasks[0]?.result;
  if (result?.state !== 'completed') throw new NoSamplesError(what);
  const { samplesCount, mean, p50, p99, rme } = result.latency;
  return { samples: samplesCount, mean, p50, p99, rme: Number.isFinite(rme) ? rme : 0 };
}
