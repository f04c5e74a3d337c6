import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { JobFailedError, throwIfStopped } from '../src/errors.js';
import { type ChildJobContext, childJob } from '../src/harness/child/ChildJob.js';
import { REPO_ROOT } from '../src/harness/repoRoot.js';
import { BENCH_REPORT_KIND, type BenchReport, type BenchResult } from '../src/harness/reports/BenchReport.js';
import { fileStamp } from '../src/harness/reports/fileStamp.js';
import { writeJsonAtomic } from '../src/harness/reports/writeFileAtomic.js';
import { type BenchMode, compareWithBaseline, readBaselineFile } from './compareWithBaseline.js';
import { harnessBenchmarks } from './harnessBenchmarks.js';
import { soakAnalysisBenchmark } from './soakAnalysisBenchmark.js';
import { sutBenchmarks } from './sutBenchmarks.js';

export const BASELINE_FILE = join(REPO_ROOT, 'bench', 'baseline.json');

export interface BenchRequest {
  readonly quick: boolean;
  readonly updateBaseline: boolean;
  readonly reportsRoot: string;
}

export interface BenchOutcome {
  readonly report: BenchReport;
  readonly file: string;
}

export interface BenchContext {
  readonly signal?: AbortSignal;
  readonly log?: (line: string) => void;
}

/** The benchmarks in a child process of their own, so their heap figures start clean. */
export const benchJob = childJob<BenchRequest, BenchOutcome, string>(new URL(import.meta.url).href, 'runBenchmarksJob');

export function runBenchmarksJob(request: BenchRequest, context: ChildJobContext<string>): Promise<BenchOutcome> {
  return runBenchmarks(request, { signal: context.signal, log: context.progress });
}

function oneMillion(log: (line: string) => void): BenchResult[] {
  log('sut/full-sync/1M: in a child process');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/oneMillionWorker.ts', '1000000'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  if (run.status !== 0) {
    throw new JobFailedError(`the 1M full sync failed: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as { ms: number; peakHeapBytes: number };
  const one = (name: string, unit: string, value: number): BenchResult => ({
    name,
    group: 'sut',
    unit,
    value,
    higherIsBetter: false,
    spread: { samples: 1, min: value, max: value },
  });
  return [
    one('sut/full-sync/1M-total', 'ms', figures.ms),
    one('sut/full-sync/1M-peak-heap', 'bytes', figures.peakHeapBytes),
  ];
}

/** Measures every figure, compares it with the baseline of its mode and writes `reports/bench/<stamp>.json`. */
export async function runBenchmarks(request: BenchRequest, context: BenchContext = {}): Promise<BenchOutcome> {
  const log = context.log ?? (() => {});
  const { quick } = request;
  const mode: BenchMode = quick ? 'quick' : 'full';
  const baselines = readBaselineFile(BASELINE_FILE);
  const baseline = request.updateBaseline ? undefined : baselines[mode];
  const started = performance.now();
  // The snapshot benchmark first, while this process's heap is small.
  const soakAnalysis = await soakAnalysisBenchmark(quick ? 2 : 5, log);
  throwIfStopped(context.signal);
  const results: BenchResult[] = [
    ...(await sutBenchmarks(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000], quick ? 300 : 1_000, log)),
    ...(quick ? [] : oneMillion(log)),
    ...(await harnessBenchmarks(quick ? 100 : 300, quick ? 2 : 5, log)),
    soakAnalysis,
  ];
  throwIfStopped(context.signal);
  const comparison = baseline ? compareWithBaseline(results, baseline) : [];
  const report: BenchReport = {
    kind: BENCH_REPORT_KIND,
    version: 1,
    startedAt: new Date().toISOString(),
    durationMs: Math.round(performance.now() - started),
    node: process.version,
    machine: { cpus: cpus().length, totalMemBytes: totalmem() },
    quick,
    results,
    comparison,
  };
  const file = join(request.reportsRoot, 'bench', `${fileStamp()}${quick ? '-quick' : ''}.json`);
  writeJsonAtomic(file, report);
  if (request.updateBaseline) {
    writeJsonAtomic(BASELINE_FILE, { ...baselines, [mode]: Object.fromEntries(results.map((r) => [r.name, r.value])) });
  }
  return { report, file };
}
