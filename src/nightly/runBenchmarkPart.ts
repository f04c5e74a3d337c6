import { relative } from 'node:path';
import { benchJob } from '../../bench/runBenchmarks.js';
import { describeFailure, InterruptedError } from '../errors.js';
import { runInChild } from '../harness/child/runInChild.js';
import type { NightlySummary } from '../harness/reports/NightlySummary.js';

export type BenchOutcome = NonNullable<NightlySummary['benchmarks']>;

export interface BenchRunContext {
  readonly nightDir: string;
  readonly reportsRoot: string;
  readonly shareMs: number;
  readonly signal?: AbortSignal;
  readonly log: (line: string) => void;
}

/** Below this share the quick set runs (no 100k or 1M syncs): measured at about a minute. */
const FULL_BENCH_MIN_SHARE_MS = 15 * 60_000;

/** The benchmarks in a child process (a clean heap), killed if they run far past their share. */
export async function runBenchmarkPart(context: BenchRunContext): Promise<BenchOutcome> {
  const quick = context.shareMs < FULL_BENCH_MIN_SHARE_MS;
  context.log(`bench: ${quick ? 'quick set' : 'full set'}`);
  try {
    const { report, file } = await runInChild(
      benchJob,
      { quick, updateBaseline: false, reportsRoot: context.nightDir },
      {
        timeoutMs: Math.max(10 * 60_000, context.shareMs * 4),
        ...(context.signal ? { signal: context.signal } : {}),
        onProgress: (line) => context.log(`bench: ${line}`),
      },
    );
    const regressions = report.comparison
      .filter((row) => row.regressed)
      .map((row) => `${row.name} is ${row.ratio.toFixed(2)}x its baseline (threshold ${row.threshold}x)`);
    return { report: relative(context.reportsRoot, file).replaceAll('\\', '/'), regressions };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return { regressions: [], error: describeFailure(error).text.split('\n').slice(0, 4).join(' | ') };
  }
}
