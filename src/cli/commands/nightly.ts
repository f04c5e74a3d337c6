import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { InputError, UsageError } from '../../errors.js';
import { formatClock, NIGHTLY_RUNS_DEFAULT, parseRuns, randomSeed } from '../../harness/index.js';
import { mergeSummaries } from '../../nightly/mergeSummaries.js';
import { NIGHT_MARGIN_MS } from '../../nightly/NightBudget.js';
import {
  DEFAULT_SLACK_MS,
  defaultBudgetMs,
  describeBudgetShares,
  NIGHTLY_PARTS,
  type NightlyPart,
} from '../../nightly/NightlyPlan.js';
import { nightExitCode } from '../../nightly/nightlyVerdict.js';
import { runNightly } from '../../nightly/runNightly.js';
import { parseShard } from '../../nightly/Shard.js';
import { writeNightlyOutputs } from '../../nightly/writeNightlyOutputs.js';
import { fileStamp } from '../../reports/fileStamp.js';
import { type NightlySummary, readNightlySummary } from '../../reports/NightlySummary.js';
import { reportsDir } from '../../reports/paths.js';
import { defineCommand, type OptionSpecs } from '../framework/CommandSpec.js';
import { durationOption, oneOf, profileOption, runsOption, seedOption, switchOption } from '../framework/options.js';

const nightlyOptions = {
  budget: {
    ...durationOption(
      '--budget <t>',
      `wall-clock budget, e.g. 20m, 1h. Each part first gets the least it needs to judge what it runs; the time over ` +
        `that is shared ${describeBudgetShares()}, and time a part leaves unused passes on. A budget below the ` +
        `night's least is refused at once (exit 2) with that least and why; a task the budget cannot finish is cut ` +
        `at its end, named, and the night is inconclusive. A night ends at most ${NIGHT_MARGIN_MS / 1000} s past its ` +
        `budget`,
    ),
    defaultText: `the least of the parts asked for, plus ${formatClock(DEFAULT_SLACK_MS)}`,
  },
  shard: {
    flags: '--shard <i/n>',
    description: 'run shard i of n: each shard checks the properties with seeds of its own',
    parse: (raw: string) => parseShard(raw),
    defaultValue: { index: 1, count: 1 },
    defaultText: '1/1',
  },
  seed: seedOption("the night's seed, from which each shard's seeds derive"),
  only: {
    flags: '--only <parts>',
    description: `comma-separated parts to run: ${NIGHTLY_PARTS.join(', ')}`,
    parse: (raw: string, flag: string) =>
      new Set(
        raw.split(',').map((part) => oneOf(NIGHTLY_PARTS, 'part')(part.trim(), flag)),
      ) as ReadonlySet<NightlyPart>,
    defaultText: 'all',
  },
  runs: runsOption(
    'upper bound of cases per property that must hold; the budget may stop it sooner',
    `NIGHTLY_RUNS if set, else ${NIGHTLY_RUNS_DEFAULT}`,
  ),
  forceProfile: profileOption(
    'self-test: run this fault profile in the slot of the reference, so the night must fail',
    {
      flags: '--force-profile <name>',
      faultsOnly: true,
    },
  ),
  merge: switchOption(
    '--merge',
    'merge shard summaries (files, or folders holding summary.json, searched one level down) into one night',
  ),
} satisfies OptionSpecs;

export const nightlyCommand = defineCommand({
  name: 'nightly',
  invocation: 'npm run nightly --',
  summary: 'the nightly job: router properties, store checks, soaks, benchmarks; summary.json, summary.md, junit.xml',
  description:
    'Runs the nightly job (npm start runs it at its default budget): the model-based properties (fixed ' +
    'must hold, every fault profile must be caught, every behaviour must reach its coverage target), ' +
    'the soak of each scenario under fixed and of each fault where it shows, and the benchmarks against ' +
    'their baseline. Writes reports/nightly/<stamp>/ with summary.json, summary.md, junit.xml and the ' +
    'counterexamples and soak and bench reports it produced, and prints where.',
  arguments: '[summaries...]',
  options: nightlyOptions,
  exitCodes: {
    0: 'pass: everything ran and held',
    1: 'fail: the code is wrong (counterexample, leak, regression, fault not caught, coverage missed); summary.md says why',
    2: 'inconclusive (a part measured too little, did not run, or was left out or cut by the budget), a budget below the least the night needs, or bad flags',
    130: 'stopped by SIGINT; the summary written is marked interrupted',
    143: 'stopped by SIGTERM; likewise',
  },
  environment: {
    REPORTS_DIR: 'where reports go (default ./reports)',
    NIGHTLY_RUNS: 'cases per property when --runs is not given',
  },
  async run({ options, args, signal, out, log }) {
    const root = reportsDir();
    if (options.merge) return merge(args, root, out);
    if (args.length > 0) throw new UsageError(`unexpected argument "${args[0]}" (only --merge takes paths)`);
    const envRuns = process.env.NIGHTLY_RUNS;
    const runsPerProperty =
      options.runs ??
      (envRuns !== undefined && envRuns !== '' ? parseRuns('NIGHTLY_RUNS', envRuns) : NIGHTLY_RUNS_DEFAULT);
    const seed = options.seed ?? randomSeed();
    const parts = options.only ?? new Set(NIGHTLY_PARTS);
    const budgetMs = options.budget ?? defaultBudgetMs({ shard: options.shard, seed, runsPerProperty, parts });
    const { summary, files } = await runNightly(
      {
        budgetMs,
        shard: options.shard,
        seed,
        runsPerProperty,
        parts,
        ...(options.forceProfile ? { forcedProfile: options.forceProfile } : {}),
      },
      { reportsRoot: root, signal, log },
    );
    out(
      `nightly ${summary.verdict.toUpperCase()} in ${formatClock(summary.durationMs)} (budget ${formatClock(budgetMs)}, at most ${NIGHT_MARGIN_MS / 1000} s past it)`,
    );
    for (const reason of summary.reasons) out(`  - ${reason}`);
    for (const spent of summary.pastBudget ?? []) out(`  past the budget: ${spent}`);
    out(`summary: ${relative(process.cwd(), files.summaryMd)}`);
    out(`junit:   ${relative(process.cwd(), files.junitXml)}`);
    return nightExitCode(summary.verdict);
  },
});

/** A summary.json, a folder holding one, or a folder of such folders (downloaded CI artifacts). */
function summaryFilesIn(path: string): string[] {
  if (!existsSync(path)) throw new InputError(`${path}: no such file or folder`);
  if (!statSync(path).isDirectory()) return [path];
  const direct = join(path, 'summary.json');
  if (existsSync(direct)) return [direct];
  return readdirSync(path)
    .sort()
    .map((entry) => join(path, entry, 'summary.json'))
    .filter((file) => existsSync(file));
}

function merge(paths: readonly string[], root: string, out: (line: string) => void): number {
  if (paths.length === 0) throw new UsageError('--merge needs at least one summary.json or folder');
  const files = paths.flatMap(summaryFilesIn);
  if (files.length === 0) throw new InputError(`no summary.json under ${paths.join(', ')}`);
  const merged: NightlySummary = mergeSummaries(files.map(readNightlySummary));
  const nightDir = join(root, 'nightly', `${fileStamp(new Date())}-merged`);
  const written = writeNightlyOutputs(nightDir, root, merged);
  out(`merged ${files.length} summaries: ${merged.verdict.toUpperCase()}`);
  for (const reason of merged.reasons) out(`  - ${reason}`);
  out(`summary: ${relative(process.cwd(), written.summaryMd)}`);
  return nightExitCode(merged.verdict);
}
