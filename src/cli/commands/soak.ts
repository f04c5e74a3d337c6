import { relative } from 'node:path';
import { MIN_CYCLES_FOR_SLOPE, SOAK_LIMITS } from '../../../soak/analysis/thresholds.js';
import { runSoak, type SoakRequest } from '../../../soak/runSoak.js';
import { SOAK_SCENARIO_NAMES } from '../../../soak/scenarios/index.js';
import { UsageError } from '../../errors.js';
import type { FaultProfileName } from '../../faults.js';
import { readCounterexampleFile } from '../../harness/index.js';
import { referenceProfile } from '../../jobs/targets.js';
import { reportsDir } from '../../reports/paths.js';
import { describeRepetitionCost } from '../../reports/SoakReport.js';
import { defineCommand, type OptionSpecs, type OptionValues } from '../framework/CommandSpec.js';
import { durationOption, integerOption, oneOf, profileOption, storeOption, textOption } from '../framework/options.js';
import { targetOf } from '../framework/target.js';

const soakOptions = {
  profile: profileOption('fault profile of the router'),
  scenario: {
    flags: '--scenario <name>',
    description: `the workload: ${SOAK_SCENARIO_NAMES.join(', ')}`,
    parse: oneOf(SOAK_SCENARIO_NAMES, 'scenario'),
  },
  duration: durationOption('--duration <t>', 'run the workload at least this long, e.g. 30s, 2m (at most 24h)'),
  cycles: integerOption('--cycles <n>', 'run at least this many cycles', { min: 1, max: 10_000_000 }),
  from: textOption('--from <counterexample.json>', 'replay this counterexample instead of a scenario'),
  store: storeOption('soak an express-session store instead of the router'),
  repeat: integerOption('--repeat <n>', 'repetitions for --from', { min: 1, max: 100_000 }),
} satisfies OptionSpecs;

export const soakCommand = defineCommand({
  name: 'soak',
  invocation: 'npm run soak --',
  summary: 'a workload in a child process, heap snapshots, memlab analysis and the limits',
  description:
    'Runs a workload in a child process (node --expose-gc) on the real runtime and takes heap snapshots: ' +
    "start before the router connects, baseline after the scenario's warm-up, 3 during, final at " +
    'quiescence after gc, and one the first time post-sync data is queued while no sync is in progress. ' +
    'memlab analyses them: project objects allocated after the baseline and still alive, their retained ' +
    'sizes and retainer traces, live objects per class, and the heap growth per cycle (judged from ' +
    `${MIN_CYCLES_FOR_SLOPE} cycles on). Writes reports/soak/<stamp>-<scenario>-<profile>/ (report.json, ` +
    'report.md, and on a leak the snapshots with the memlab find-leaks command that rereads them). ' +
    'With --from it replays a counterexample <n> times, keeping each repetition alive, and reports what ' +
    'each one retains, then the same replay under fixed, so the report says what the fault costs. ' +
    'With --store it soaks an express-session store instead: a steady stream of logins, reads and expiries ' +
    "on a fake clock; then the store's promise passes and the sessions it still holds are counted, with " +
    "memlab's path to one of them.",
  options: soakOptions,
  exitCodes: {
    0: 'clean: every limit judged and held',
    1: 'leak: a limit exceeded (the report names it and keeps the snapshots)',
    2: `inconclusive (too few cycles: the heap slope needs ${MIN_CYCLES_FOR_SLOPE}), bad flags, or the soak failed`,
    130: 'stopped by SIGINT (the run folder is removed)',
    143: 'stopped by SIGTERM (the run folder is removed)',
  },
  environment: { REPORTS_DIR: 'where reports go (default ./reports)' },
  notes: `Limits (a leak is any of them exceeded):\n${Object.entries(SOAK_LIMITS)
    .map(([name, l]) => `  ${name.padEnd(24)} <= ${l.limit} ${l.unit}`)
    .join('\n')}`,
  async run({ options, signal, out, log }) {
    const request = soakRequestOf(options);
    const { report, dir } = await runSoak(request, { reportsRoot: reportsDir(), signal, log });
    const retained = report.retained.reduce((sum, row) => sum + row.retainedBytes, 0);
    const unit = report.from ? 'repetitions' : 'cycles';
    out(
      `${report.verdict.toUpperCase()}: ${report.scenario} under ${report.target}, ${report.cycles} ${unit} in ` +
        `${(report.durationMs / 1000).toFixed(1)} s, ${report.from ? '' : `${retained} bytes of project objects retained, `}` +
        `heap slope ${Math.round(report.heapSlopeBytesPerCycle)} bytes/cycle, analysis ${(report.analysisMs / 1000).toFixed(1)} s`,
    );
    for (const reason of report.reasons) out(`  - ${reason}`);
    if (report.from) out(`  ${describeRepetitionCost(report.from)}`);
    out(`report: ${relative(process.cwd(), dir)}/report.md`);
    return report.verdict === 'clean' ? 0 : report.verdict === 'leak' ? 1 : 2;
  },
});

/** Which soak the flags ask for; every combination that means nothing is a usage error. */
function soakRequestOf(options: OptionValues<typeof soakOptions>): SoakRequest {
  // The one check of --profile and --store: never both, and a target each system knows.
  targetOf(options);
  if (options.store !== undefined) {
    if (options.from !== undefined || options.scenario !== undefined) {
      throw new UsageError('--store soaks a store with its own workload; it takes --cycles and --duration only');
    }
    if (options.duration === undefined && options.cycles === undefined) {
      throw new UsageError('give --duration, --cycles, or both (the run lasts until both are reached)');
    }
    return {
      kind: 'store',
      store: options.store,
      ...(options.duration !== undefined ? { durationMs: options.duration } : {}),
      ...(options.cycles !== undefined ? { cycles: options.cycles } : {}),
    };
  }
  if (options.from !== undefined) {
    if (options.scenario !== undefined || options.duration !== undefined || options.cycles !== undefined) {
      throw new UsageError(
        '--from replays a counterexample; it takes --repeat, not --scenario, --duration or --cycles',
      );
    }
    if (options.repeat === undefined) throw new UsageError('--from needs --repeat <n>');
    const { counterexample } = readCounterexampleFile(options.from);
    if (counterexample.system !== 'router') throw new UsageError('--from replays router counterexamples');
    const profile = options.profile ?? (counterexample.target as FaultProfileName);
    return { kind: 'counterexample', file: options.from, profile, repeat: options.repeat };
  }
  if (options.scenario === undefined) throw new UsageError('--scenario is required (or --from)');
  if (options.duration === undefined && options.cycles === undefined) {
    throw new UsageError('give --duration, --cycles, or both (the run lasts until both are reached)');
  }
  if (options.repeat !== undefined) throw new UsageError('--repeat goes with --from');
  return {
    kind: 'scenario',
    scenario: options.scenario,
    profile: options.profile ?? referenceProfile(),
    ...(options.duration !== undefined ? { durationMs: options.duration } : {}),
    ...(options.cycles !== undefined ? { cycles: options.cycles } : {}),
  };
}
