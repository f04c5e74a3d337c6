import type { BenchResult } from '../../src/reports/BenchReport.js';
import { median } from '../gates/figures.js';
import { describeSamples } from '../timing/statistics.js';

/**
 * An absolute figure from a work's per-run times, converted by `perRun` (ms per run to
 * the figure's unit). Kept for the trend of one machine; load moves it, so it gates nothing.
 */
export function absoluteResult(
  name: string,
  group: BenchResult['group'],
  unit: string,
  runMs: readonly number[],
  perRun: (ms: number) => number,
  higherIsBetter: boolean,
  note?: string,
): BenchResult {
  const values = runMs.map(perRun);
  return {
    name,
    group,
    unit,
    value: perRun(median(runMs)),
    higherIsBetter,
    spread: { samples: values.length, min: Math.min(...values), max: Math.max(...values) },
    ...(values.length > 0 ? { stats: describeSamples(name, values) } : {}),
    ...(note ? { note } : {}),
  };
}
