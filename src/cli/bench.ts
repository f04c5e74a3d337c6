import { spawnSync } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { join, relative } from 'node:path';
import { type BenchMode, compareWithBaseline, readBaselineFile } from '../../bench/compareWithBaseline.js';
import { harnessBenchmarks } from '../../bench/harnessBenchmarks.js';
import { soakAnalysisBenchmark } from '../../bench/soakAnalysisBenchmark.js';
import { sutBenchmarks } from '../../bench/sutBenchmarks.js';
import { reportsDir } from '../harness/counterexample/paths.js';
import { REPO_ROOT } from '../harness/repoRoot.js';
import { BENCH_REPORT_KIND, type BenchReport, type BenchResult } from '../harness/reports/BenchReport.js';
import { fileStamp } from '../harness/reports/fileStamp.js';
import { writeJsonAtomic } from '../harness/reports/writeFileAtomic.js';
import { InputError, parseFlags, runCommand, UsageError } from './runCommand.js';

const BASELINE = join(REPO_ROOT, 'bench', 'baseline.json');

const usage = `Usage: npm run bench -- [--quick] [--update-baseline]

Benchmarks the system under test (full syncs of 1k, 10k, 100k sessions in chunks of
100, per session; heap per session; removeMissingApiSessions and its growth
t(10N)/t(N); live adds per second during and outside a sync), a full sync of 1M
sessions in a child process (time and peak heap), the harness (steps explored per
second under fixed, fast-check's overhead) and the soak (memlab analysis ms per MB).
Each figure is the median of its samples. Writes reports/bench/<stamp>.json and
compares each figure with the baseline of the same mode (full or quick) in
bench/baseline.json as a ratio (>1 is worse): 2x allowed for times and ratios of
times, 1.5x for heap per session. Exit 1 when one passes its threshold, 0 otherwise,
2 on bad flags or a broken baseline.

  --quick            1k and 10k only, no 1M sync, fewer samples (about a minute)
  --update-baseline  write this run's figures as its mode's baseline (the other
                     mode's is kept)
  --help             this text`;

function oneMillion(log: (line: string) => void): BenchResult[] {
  log('sut/full-sync/1M: in a child process');
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/oneMillionWorker.ts', '1000000'], {
    cwd: REPO_ROOT,
    encoding: 'utf8',
    timeout: 20 * 60_000,
  });
  if (run.status !== 0)
    throw new InputError(`the 1M full sync failed: ${run.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  const figures = JSON.parse(run.stdout.trim().split('\n').at(-1) ?? '{}') as {
    ms: number;
    peakHeapBytes: number;
    cached: number;
  };
  log(
    `sut/full-sync/1M: ${(figures.ms / 1000).toFixed(1)} s, peak heap ${(figures.peakHeapBytes / 2 ** 20).toFixed(0)} MiB, ${figures.cached} cached`,
  );
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

async function main(): Promise<number> {
  const { values, positionals } = parseFlags({
    options: { quick: { type: 'boolean' }, 'update-baseline': { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const quick = values.quick === true;
  const mode: BenchMode = quick ? 'quick' : 'full';
  const baselines = readBaselineFile(BASELINE);
  const baseline = values['update-baseline'] ? undefined : baselines[mode];
  const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
  const started = performance.now();
  // The snapshot benchmark first, while this process's heap is small.
  const soakAnalysis = await soakAnalysisBenchmark(quick ? 2 : 5, log);
  const results: BenchResult[] = [
    ...(await sutBenchmarks(quick ? [1_000, 10_000] : [1_000, 10_000, 100_000], quick ? 300 : 1_000, log)),
    ...(quick ? [] : oneMillion(log)),
    ...(await harnessBenchmarks(quick ? 100 : 300, quick ? 2 : 5, log)),
    soakAnalysis,
  ];
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
  const file = join(reportsDir(), 'bench', `${fileStamp()}${quick ? '-quick' : ''}.json`);
  writeJsonAtomic(file, report);
  if (values['update-baseline']) {
    writeJsonAtomic(BASELINE, { ...baselines, [mode]: Object.fromEntries(results.map((r) => [r.name, r.value])) });
    log(`${mode} baseline written: ${relative(process.cwd(), BASELINE)}`);
  }
  const regressions = comparison.filter((row) => row.regressed);
  for (const row of comparison) {
    process.stdout.write(
      `${row.regressed ? 'REGRESSED' : 'ok       '} ${row.name.padEnd(48)} ${row.ratio.toFixed(2)}x baseline (limit ${row.threshold}x)\n`,
    );
  }
  if (!baseline && !values['update-baseline']) {
    process.stdout.write(
      `no ${mode} baseline in bench/baseline.json: nothing compared (--update-baseline writes one)\n`,
    );
  }
  process.stdout.write(`report: ${relative(process.cwd(), file)}\n`);
  return regressions.length > 0 ? 1 : 0;
}

await runCommand('bench', usage, main);
