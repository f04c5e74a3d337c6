import { Bench } from 'tinybench';
import type { BenchResult } from '../src/harness/reports/BenchReport.js';

export interface TimedTask {
  readonly name: string;
  readonly group: BenchResult['group'];
  /** Work per iteration, for a per-item figure (e.g. sessions per sync); 1 if none. */
  readonly items: number;
  readonly unit: 'ms' | 'µs/item' | 'items/s';
  readonly setup?: () => void;
  readonly run: () => void | Promise<void>;
  readonly note?: string;
}

/** The middle value: a gc pause or a neighbour's burst moves the mean of a few samples by multiples, not this. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  if (sorted.length === 0) return Number.NaN;
  return sorted.length % 2 === 1 ? (sorted[mid] ?? Number.NaN) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Times each task with tinybench and turns its latency statistics (the median, and the range) into results. */
export async function timeTasks(tasks: readonly TimedTask[], timeMs: number, log: (line: string) => void) {
  const results: BenchResult[] = [];
  for (const task of tasks) {
    const bench = new Bench({ time: timeMs, iterations: 3, warmupIterations: 1, warmupTime: 0 });
    bench.add(task.name, task.run, task.setup ? { beforeEach: task.setup } : {});
    await bench.run();
    const latency =
      bench.tasks[0]?.result && 'latency' in bench.tasks[0].result ? bench.tasks[0].result.latency : undefined;
    if (!latency) throw new Error(`benchmark ${task.name} did not complete`);
    const scale = (ms: number) =>
      task.unit === 'ms' ? ms : task.unit === 'µs/item' ? (ms * 1_000) / task.items : (task.items * 1_000) / ms;
    const value = scale(latency.p50);
    const [a, b] = [scale(latency.min), scale(latency.max)];
    results.push({
      name: task.name,
      group: task.group,
      unit: task.unit,
      value,
      higherIsBetter: task.unit === 'items/s',
      spread: { samples: latency.samplesCount, min: Math.min(a, b), max: Math.max(a, b), rme: latency.rme },
      ...(task.note ? { note: task.note } : {}),
    });
    log(
      `${task.name}: ${value.toPrecision(4)} ${task.unit} median, mean ±${latency.rme.toFixed(1)}% (${latency.samplesCount} samples)`,
    );
  }
  return results;
}
