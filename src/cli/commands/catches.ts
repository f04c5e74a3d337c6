import { CI_RUNS, EXPECTED_CATCHES, routerSystem } from '../../harness/index.js';
import { catchDistribution, catchesPerTarget } from '../../jobs/catchDistribution.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { integerOption } from '../framework/options.js';
import { textTable } from '../framework/textTable.js';

export const catchesCommand = defineCommand({
  name: 'catches',
  invocation: 'npm run catches --',
  summary: "how many cases each fault profile takes to be caught, over many seeds: the margin of CI's budget",
  description:
    'For every fault profile and each property it must break, checks seeds 1..n and prints how many ' +
    'generated cases each needed (median and max); then, per profile, the fewest cases any of its properties ' +
    "needed on each seed, which is when a run of every property goes red, against CI's budget.",
  options: {
    seeds: { ...integerOption('--seeds <n>', 'seeds 1..n per profile', { min: 1, max: 10_000 }), defaultValue: 30 },
    budget: {
      ...integerOption('--budget <n>', 'cases a fault must be caught within', { min: 1, max: 10_000_000 }),
      defaultValue: CI_RUNS,
    },
    maxRuns: {
      ...integerOption('--max-runs <n>', 'cases tried per seed before giving up', { min: 1, max: 10_000_000 }),
      defaultValue: 5_000,
    },
  },
  exitCodes: {
    0: 'every profile caught (by one of its properties at least) within the budget on every seed',
    1: 'a profile escaped all its properties for the whole budget on some seed',
    2: 'bad flags',
  },
  async run({ options, signal, out, log }) {
    const seeds = Array.from({ length: options.seeds }, (_, i) => i + 1);
    const rows = await catchDistribution(
      { system: routerSystem, catches: EXPECTED_CATCHES, seeds, maxRuns: Math.max(options.maxRuns, options.budget) },
      { signal, log },
    );
    for (const line of textTable(
      ['profile', 'property', 'median', 'max', 'over budget', 'missed'],
      rows.map((row) => [
        row.target,
        row.property,
        row.median ?? '-',
        row.max ?? '-',
        row.runsToCatch.filter((runs) => runs === undefined || runs > options.budget).length,
        row.missed,
      ]),
    )) {
      out(line);
    }
    const overBudget = (runs: number | undefined) => runs === undefined || runs > options.budget;
    const perTarget = catchesPerTarget(rows);
    out('');
    for (const line of textTable(
      ['profile', 'caught first by any of', 'median', 'max', 'over budget'],
      perTarget.map((row) => [
        row.target,
        row.properties.join(', '),
        row.median ?? '-',
        row.max ?? '-',
        row.runsToCatch.filter(overBudget).length,
      ]),
    )) {
      out(line);
    }
    const slowPairs = rows.filter((row) => row.runsToCatch.some(overBudget));
    if (slowPairs.length > 0) {
      out(
        `one property alone needed more than ${options.budget} cases on some seed: ${slowPairs.map((row) => `${row.property} against ${row.target}`).join(', ')}`,
      );
    }
    const escaped = perTarget.filter((row) => row.runsToCatch.some(overBudget));
    out(
      escaped.length === 0
        ? `every profile caught within ${options.budget} cases on all ${seeds.length} seeds`
        : `escaped every property for ${options.budget} cases on some seed: ${escaped.map((row) => row.target).join(', ')}`,
    );
    return escaped.length === 0 ? 0 : 1;
  },
});
