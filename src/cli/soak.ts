import { relative } from 'node:path';
import { MIN_CYCLES_FOR_SLOPE, SOAK_LIMITS } from '../../soak/analysis/thresholds.js';
import { runSoak, SoakFailedError, type SoakRequest } from '../../soak/runSoak.js';
import { SOAK_SCENARIO_NAMES } from '../../soak/scenarios/index.js';
import { FAULT_PROFILE_NAMES, isFaultProfileName } from '../faults.js';
import { readCounterexample } from '../harness/counterexample/CounterexampleFile.js';
import { reportsDir } from '../harness/counterexample/paths.js';
import { parsePositiveInt } from '../harness/model/budget.js';
import { parseDuration } from '../harness/parseDuration.js';
import { describeRepetitionCost } from '../harness/reports/SoakReport.js';
import { asUsageError, InputError, parseFlags, runCommand, UsageError } from './runCommand.js';

const usage = `Usage: npm run soak -- --profile <p> --scenario <s> (--duration <t> | --cycles <n>)
       npm run soak -- --from <counterexample.json> --repeat <n> [--profile <p>]

Runs a workload in a child process (node --expose-gc) on the real runtime and takes
heap snapshots: start before the router connects, baseline after the scenario's
warm-up, 3 during, final at quiescence after gc, and one the first time post-sync
data is queued while no sync is in progress. memlab analyses them: project objects
allocated after the baseline and still alive, their retained sizes and retainer
traces, live objects per class across the snapshots, and the heap's growth per cycle
(judged from ${MIN_CYCLES_FOR_SLOPE} cycles on). Writes reports/soak/<stamp>-<scenario>-<profile>/
(report.json, report.md, and on a leak the snapshots with the memlab find-leaks
command that rereads them) and prints where.
Exit 0 clean, 1 leak found, 2 the soak itself failed (bad flags, crashed worker).

  --profile   ${FAULT_PROFILE_NAMES.join(', ')} (default fixed)
  --scenario  ${SOAK_SCENARIO_NAMES.join(', ')}
  --duration  how long the workload runs, e.g. 30s, 2m
  --cycles    or how many cycles it runs
  --from      a counterexample file: replay its shrunk case <n> times, keeping each
              repetition alive, and report what each one retains; then the same
              replay under fixed (twice the time), so the report says what the
              fault costs a repetition
  --repeat    repetitions for --from (e.g. 200)
  --help      this text

Limits (a leak is any of them exceeded):
${Object.entries(SOAK_LIMITS)
  .map(([name, l]) => `  ${name.padEnd(24)} <= ${l.limit} ${l.unit}`)
  .join('\n')}`;

async function main(): Promise<number> {
  const { values, positionals } = parseFlags({
    options: {
      profile: { type: 'string' },
      scenario: { type: 'string' },
      duration: { type: 'string' },
      cycles: { type: 'string' },
      from: { type: 'string' },
      repeat: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  let request: SoakRequest;
  if (values.from !== undefined) {
    if (values.scenario !== undefined || values.duration !== undefined || values.cycles !== undefined) {
      throw new UsageError(
        '--from replays a counterexample; it takes --repeat, not --scenario, --duration or --cycles',
      );
    }
    if (values.repeat === undefined) throw new UsageError('--from needs --repeat <n>');
    const repeat = asUsageError(() => parsePositiveInt('--repeat', values.repeat ?? ''));
    const counterexample = readCounterexample(values.from);
    const profile = values.profile ?? counterexample.profile;
    if (!isFaultProfileName(profile)) throw new UsageError(`unknown profile "${profile}"`);
    request = { kind: 'counterexample', file: values.from, profile, repeat };
  } else {
    const profile = values.profile ?? 'fixed';
    if (!isFaultProfileName(profile)) throw new UsageError(`unknown profile "${profile}"`);
    if (values.scenario === undefined) throw new UsageError('--scenario is required');
    if (!SOAK_SCENARIO_NAMES.includes(values.scenario)) {
      throw new UsageError(`unknown scenario "${values.scenario}"; expected one of ${SOAK_SCENARIO_NAMES.join(', ')}`);
    }
    if ((values.duration === undefined) === (values.cycles === undefined)) {
      throw new UsageError('give exactly one of --duration or --cycles');
    }
    if (values.repeat !== undefined) throw new UsageError('--repeat goes with --from');
    request = {
      kind: 'scenario',
      scenario: values.scenario,
      profile,
      ...(values.duration !== undefined
        ? { durationMs: asUsageError(() => parseDuration('--duration', values.duration ?? '')) }
        : {}),
      ...(values.cycles !== undefined
        ? { cycles: asUsageError(() => parsePositiveInt('--cycles', values.cycles ?? '')) }
        : {}),
    };
  }
  let outcome: Awaited<ReturnType<typeof runSoak>>;
  try {
    outcome = await runSoak(request, reportsDir());
  } catch (error) {
    if (error instanceof SoakFailedError) throw new InputError(error.message);
    throw error;
  }
  const { report, dir } = outcome;
  const retained = report.retained.reduce((sum, row) => sum + row.retainedBytes, 0);
  const unit = report.from ? 'repetitions' : 'cycles';
  process.stdout.write(
    `${report.verdict === 'leak' ? 'LEAK' : 'CLEAN'}: ${report.scenario} under ${report.profile}, ${report.cycles} ${unit} in ` +
      `${(report.durationMs / 1000).toFixed(1)} s, ${report.from ? '' : `${retained} bytes of project objects retained, `}analysis ${(report.analysisMs / 1000).toFixed(1)} s\n` +
      report.reasons.map((r) => `  - ${r}\n`).join('') +
      (report.from ? `  ${describeRepetitionCost(report.from)}\n` : '') +
      `report: ${relative(process.cwd(), dir)}/report.md\n`,
  );
  return report.verdict === 'leak' ? 1 : 0;
}

await runCommand('soak', usage, main);
