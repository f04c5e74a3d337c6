import { join, relative } from 'node:path';
import { describeGate } from '../../bench/gates/describeGate.js';
import type { FaultProfileName } from '../faults.js';
import { readBenchReport } from '../harness/reports/BenchReport.js';
import type { NightlySummary } from '../harness/reports/NightlySummary.js';
import { listReportFiles, newFiles } from './findNewReports.js';
import { runChildCommand } from './runChildCommand.js';

export type BenchOutcome = NonNullable<NightlySummary['benchmarks']>;

export interface BenchRunContext {
  readonly nightDir: string;
  readonly reportsRoot: string;
  readonly shareMs: number;
  readonly log: (line: string) => void;
  /** The night's self-test profile: the benchmarks run it too, so a slowed path fails the night. */
  readonly profile?: FaultProfileName;
}

/** Below this share the quick set runs (no 100k or 1M syncs): measured at about a minute. */
const FULL_BENCH_MIN_SHARE_MS = 15 * 60_000;

export async function runBenchmarks(context: BenchRunContext): Promise<BenchOutcome> {
  const quick = context.shareMs < FULL_BENCH_MIN_SHARE_MS;
  const benchDir = join(context.nightDir, 'bench');
  const jsonIn = (entry: string) => (entry.endsWith('.json') ? entry : undefined);
  const before = listReportFiles(benchDir, jsonIn);
  context.log(`bench: ${quick ? 'quick set' : 'full set'}`);
  const args = [...(quick ? ['--quick'] : []), ...(context.profile ? ['--profile', context.profile] : [])];
  const result = await runChildCommand('src/cli/bench.ts', args, {
    env: { REPORTS_DIR: context.nightDir },
    nodeFlags: ['--expose-gc'],
    timeoutMs: Math.max(10 * 60_000, context.shareMs * 4),
    onStderrLine: (line) => {
      if (!line.includes('\u001b')) context.log(`bench: ${line.trim()}`);
    },
  });
  const written = newFiles(before, listReportFiles(benchDir, jsonIn))[0];
  if ((result.code !== 0 && result.code !== 1) || written === undefined) {
    const why = result.timedOut ? 'timed out' : `exited with ${result.code ?? 'a signal'}`;
    return { regressions: [], error: `benchmarks ${why}: ${result.stderrTail.split('\n').slice(-3).join(' | ')}` };
  }
  const report = readBenchReport(written);
  const regressions = report.gates.filter((gate) => gate.verdict === 'regressed').map(describeGate);
  return { report: relative(context.reportsRoot, written).replaceAll('\\', '/'), regressions };
}
