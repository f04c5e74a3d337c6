import { relative } from 'node:path';
import { runBenchmarks } from '../../../bench/runBenchmarks.js';
import { reportsDir } from '../../harness/reports/paths.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { switchOption } from '../framework/options.js';

export const benchCommand = defineCommand({
  name: 'bench',
  invocation: 'npm run bench --',
  summary: 'tinybench figures of the router, the harness and the soak analysis, compared with the baseline',
  description:
    'Benchmarks the system under test (full syncs, heap per session, removeMissingApiSessions and its growth, ' +
    'live adds), the harness (steps per second, fast-check overhead) and the soak analysis (memlab ms per MB). ' +
    'Writes reports/bench/<stamp>.json and compares each figure with the baseline of its mode in bench/baseline.json.',
  options: {
    quick: switchOption('--quick', '1k and 10k only, no 1M sync, fewer samples (about a minute)'),
    updateBaseline: switchOption('--update-baseline', "write this run's figures as its mode's baseline"),
  },
  exitCodes: {
    0: 'no regression past a threshold',
    1: 'a regression past its threshold',
    2: 'bad flags, a broken baseline, or the benchmarks could not run',
    130: 'stopped by SIGINT',
    143: 'stopped by SIGTERM',
  },
  environment: { REPORTS_DIR: 'where reports go (default ./reports)' },
  async run({ options, signal, out, log }) {
    const { report, file } = await runBenchmarks(
      { quick: options.quick === true, updateBaseline: options.updateBaseline === true, reportsRoot: reportsDir() },
      { signal, log: (line) => log(`bench: ${line}`) },
    );
    for (const row of report.comparison) {
      out(
        `${row.regressed ? 'REGRESSED' : 'ok       '} ${row.name.padEnd(48)} ${row.ratio.toFixed(2)}x baseline (limit ${row.threshold}x)`,
      );
    }
    out(`report: ${relative(process.cwd(), file)}`);
    return report.comparison.some((row) => row.regressed) ? 1 : 0;
  },
});
