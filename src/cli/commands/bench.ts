import { relative } from 'node:path';
import { describeGate, gateMark } from '../../../bench/gates/describeGate.js';
import { BaselineProfileError, benchReportFile, runBenchmarks } from '../../../bench/runBenchmarks.js';
import { UsageError } from '../../errors.js';
import { referenceProfile } from '../../jobs/targets.js';
import { reportsDir } from '../../reports/paths.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { profileOption, switchOption, withReferenceDefault } from '../framework/options.js';

export const benchCommand = defineCommand({
  name: 'bench',
  invocation: 'npm run bench --',
  summary: 'benchmarks gated only on what a busy machine cannot fake: ratios in one run, growth, counts',
  description:
    'Benchmarks the router (full syncs, removeMissingApiSessions, live adds during and outside a sync, heap and ' +
    'runtime tasks per session, a full sync of 1M sessions in a child process), the harness (runCase against the ' +
    "bare scenario, fc.check against runCase) and the soak's memlab analysis. Writes reports/bench/<stamp>.json. " +
    'Only figures a busy machine cannot fake decide the exit code: each time over a fixed reference workload timed ' +
    'in the same rounds (the median of the per-round ratios, in CPU time), growth t(10N)/t(N), the harness overhead ' +
    "on the same cases, and counts. Each is compared with the same mode's baseline in bench/baseline.json; one past " +
    'its threshold is measured again and fails only if still past. Absolute times are reported, for trends only.',
  options: {
    quick: switchOption('--quick', '1k and 10k only, fewer rounds, no soak analysis and no 1M sync (about a minute)'),
    profile: withReferenceDefault(
      profileOption('fault profile of the router measured; slow-remove-missing is the self-test and must exit 1'),
    ),
    updateBaseline: switchOption(
      '--update-baseline',
      "write each gate's median over 3 processes as its mode's baseline (fixed only)",
    ),
  },
  exitCodes: {
    0: 'no gate past its threshold (or nothing to judge: no baseline of this mode)',
    1: 'a regression past its threshold, confirmed by measuring again',
    2: 'bad flags, a broken baseline, or the benchmarks could not run',
    130: 'stopped by SIGINT (no report written)',
    143: 'stopped by SIGTERM (no report written)',
  },
  environment: { REPORTS_DIR: 'where reports go (default ./reports)' },
  async run({ options, signal, out, log }) {
    const request = {
      quick: options.quick === true,
      profile: options.profile,
      updateBaseline: options.updateBaseline === true,
    };
    if (request.updateBaseline && request.profile !== referenceProfile()) {
      throw new UsageError(new BaselineProfileError(request.profile).message);
    }
    const reportsRoot = reportsDir();
    const report = await runBenchmarks(request, { log: (line) => log(`bench: ${line}`), signal, reportsRoot });
    for (const gate of report.gates) out(`${gateMark(gate).padEnd(11)} ${describeGate(gate)}`);
    const regressed = report.gates.filter((gate) => gate.verdict === 'regressed');
    if (report.verdict === 'inconclusive' && !request.updateBaseline) {
      out(
        `no ${request.quick ? 'quick' : 'full'} baseline in bench/baseline.json: nothing judged (--update-baseline writes one)`,
      );
    }
    for (const gate of regressed) out(`regression: ${describeGate(gate)}`);
    out(`report: ${relative(process.cwd(), benchReportFile(report, reportsRoot))}`);
    return regressed.length > 0 ? 1 : 0;
  },
});
