import { relative } from 'node:path';
import { describeGate } from '../../bench/gates/describeGate.js';
import { benchJob, benchReportFile } from '../../bench/runBenchmarks.js';
import { runInChild } from '../child/runInChild.js';
import { describeFailure, InterruptedError } from '../errors.js';
import type { FaultProfileName } from '../faults.js';
import type { NightlySummary } from '../reports/NightlySummary.js';

export type BenchOutcome = NonNullable<NightlySummary['benchmarks']>;

export interface BenchRunContext {
  readonly nightDir: string;
  readonly reportsRoot: string;
  readonly shareMs: number;
  /** The self-test's forced profile measures the slowed router in place of fixed. */
  readonly profile: FaultProfileName;
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
    const report = await runInChild(
      benchJob,
      { quick, profile: context.profile, updateBaseline: false, reportsRoot: context.nightDir },
      {
        timeoutMs: Math.max(10 * 60_000, context.shareMs * 4),
        ...(context.signal ? { signal: context.signal } : {}),
        onProgress: (line) => context.log(`bench: ${line}`),
      },
    );
    const regressions = report.gates.filter((gate) => gate.verdict === 'regressed').map(describeGate);
    const file = benchReportFile(report, context.nightDir);
    return { report: relative(context.reportsRoot, file).replaceAll('\\', '/'), regressions };
  } catch (error) {
    if (error instanceof InterruptedError) throw error;
    return { regressions: [], error: describeFailure(error).text.split('\n').slice(0, 4).join(' | ') };
  }
}
