import { relative } from 'node:path';
import { describeGate, gateMark } from '../../bench/gates/describeGate.js';
import { BaselineProfileError, benchReportFile, runBenchmarks } from '../../bench/runBenchmarks.js';
import { FAULT_PROFILE_NAMES, isFaultProfileName } from '../faults.js';
import { parseFlags, runCommand, UsageError } from './runCommand.js';

const usage = `Usage: npm run bench -- [--quick] [--profile p] [--update-baseline]

Benchmarks the system under test (full syncs of 1k, 10k, 100k sessions in chunks of
100; removeMissingApiSessions; live adds during and outside a sync; heap per session;
runtime tasks per session), a full sync of 1M sessions in a child process, the
harness (runCase against the bare scenario, fc.check against runCase) and the soak's
memlab analysis. Writes reports/bench/<stamp>.json.

Only figures a busy machine cannot fake decide the exit code: each time over a fixed
reference workload timed in the same rounds (median of the per-round ratios), growth
t(10N)/t(N), the harness's overhead on the same cases, and counts. Each is compared
with the same mode's baseline in bench/baseline.json; one past its threshold is
measured again and fails the run only if it is still past. Absolute times are in the
report for trends and decide nothing. Exit 1 on a confirmed regression, 0 otherwise,
2 on bad flags or a broken baseline.

  --quick            1k and 10k only, fewer rounds, no 1M sync (about a minute)
  --profile p        the fault profile of the system under test (default fixed):
                     ${FAULT_PROFILE_NAMES.join(', ')};
                     slow-remove-missing is the self-test and must exit 1
  --update-baseline  write this run's gates as its mode's baseline (fixed only;
                     the other mode's is kept)
  --help             this text`;

async function main(): Promise<number> {
  const { values, positionals } = parseFlags({
    options: {
      quick: { type: 'boolean' },
      profile: { type: 'string' },
      'update-baseline': { type: 'boolean' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const profile = values.profile ?? 'fixed';
  if (!isFaultProfileName(profile)) throw new UsageError(`unknown profile "${profile}"`);
  const request = { quick: values.quick === true, profile, updateBaseline: values['update-baseline'] === true };
  if (request.updateBaseline && profile !== 'fixed') throw new UsageError(new BaselineProfileError(profile).message);
  const report = await runBenchmarks(request, { log: (line) => process.stderr.write(`bench: ${line}\n`) });

  for (const gate of report.gates) process.stdout.write(`${gateMark(gate).padEnd(11)} ${describeGate(gate)}\n`);
  const regressed = report.gates.filter((gate) => gate.verdict === 'regressed');
  if (report.verdict === 'inconclusive' && !request.updateBaseline) {
    process.stdout.write(
      `no ${request.quick ? 'quick' : 'full'} baseline in bench/baseline.json: nothing judged (--update-baseline writes one)\n`,
    );
  }
  for (const gate of regressed) process.stdout.write(`regression: ${describeGate(gate)}\n`);
  process.stdout.write(`report: ${relative(process.cwd(), benchReportFile(report))}\n`);
  return regressed.length > 0 ? 1 : 0;
}

await runCommand('bench', usage, main);
