import { join, relative } from 'node:path';
import { CI_SEED } from '../../harness/index.js';
import { formatMutationSummary } from '../../jobs/mutation/formatSummary.js';
import { defaultConcurrency, MUTATION_RUNS, runMutation } from '../../jobs/mutation/runMutation.js';
import { fileStamp } from '../../reports/fileStamp.js';
import { readMutationReport } from '../../reports/MutationReport.js';
import { reportsDir } from '../../reports/paths.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { integerOption, runsOption, seedOption, switchOption, textOption } from '../framework/options.js';

export const mutateCommand = defineCommand({
  name: 'mutate',
  invocation: 'npm run mutate --',
  summary: 'StrykerJS mutates src/session and runs the property suite on each mutant: the mutation score',
  description:
    'Mutation testing of the router with StrykerJS (stryker.config.mjs, vitest runner, incremental): each mutant ' +
    'of src/session is run against the property suite alone (vitest.mutation.config.ts: properties/ without ' +
    'the self-check and the stores). Writes reports/mutation/<stamp>/summary.json (score, counts, ' +
    "every undetected mutant), Stryker's index.html and mutation.json, and prints the survivors by file. Results " +
    'are kept in reports/mutation/incremental/, one file per property code and budget, and reused for mutants ' +
    'whose code did not change.',
  options: {
    runs: {
      ...runsOption('cases per property in each test', `${MUTATION_RUNS}`),
      defaultValue: MUTATION_RUNS,
    },
    seed: {
      ...seedOption('fast-check seed of the properties'),
      defaultValue: CI_SEED,
      defaultText: `${CI_SEED}, the seed of npm test`,
    },
    concurrency: {
      ...integerOption('--concurrency <n>', "Stryker's test processes", { min: 1, max: 64 }),
      defaultText: 'one per core up to 4, one spare above',
    },
    force: switchOption('--force', 'test every mutant again, reusing no earlier result'),
    reuse: textOption(
      '--reuse <summary.json>',
      "start from that run's results although the properties changed: only its survivors a new test covers are tested again (right only when properties were added, not changed)",
    ),
    minScore: integerOption('--min-score <p>', 'exit 1 when the score is below this percentage', { min: 0, max: 100 }),
  },
  exitCodes: {
    0: 'the run finished (and the score reached --min-score)',
    1: 'the score is below --min-score',
    2: 'bad flags, or Stryker could not finish the run',
  },
  environment: { REPORTS_DIR: 'where reports go (default ./reports)' },
  async run({ options, signal, out, log }) {
    const run = await runMutation(
      {
        runs: options.runs,
        seed: options.seed,
        concurrency: options.concurrency ?? defaultConcurrency(),
        force: options.force === true,
        ...(options.reuse !== undefined
          ? { reuse: join(reportsDir(), readMutationReport(options.reuse).incrementalFile) }
          : {}),
        reportsRoot: reportsDir(),
        stamp: fileStamp(),
      },
      { signal, log: (line) => log(`mutate: ${line}`) },
    );
    for (const line of formatMutationSummary(run.summary)) out(line);
    out(`report: ${relative(process.cwd(), run.summaryFile)}`);
    if (options.minScore !== undefined && (run.summary.score ?? 0) < options.minScore) {
      out(`score below --min-score ${options.minScore}`);
      return 1;
    }
    return 0;
  },
});
