import { CI_RUNS } from '../../harness/engine/budget.js';
import { EXPECTED_CATCHES } from '../../harness/router/faultExpectations.js';
import { routerSystem } from '../../harness/router/RouterSystem.js';
import { catchDistribution } from '../../jobs/catchDistribution.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { integerOption } from '../framework/options.js';
import { textTable } from '../framework/textTable.js';

export const catchesCommand = defineCommand({
  name: 'catches',
  invocation: 'npm run catches --',
  summary: "how many cases each fault profile takes to be caught, over many seeds: the margin of CI's budget",
  description:
    'For every fault profile and the property it must break, checks seeds 1..n and prints how many ' +
    "generated cases each needed (median and max), against CI's budget of runs per property.",
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
    0: 'every profile caught within the budget on every seed',
    1: 'a profile needed more cases than the budget on some seed',
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
    const over = rows.filter((row) => row.runsToCatch.some((runs) => runs === undefined || runs > options.budget));
    out(
      over.length === 0
        ? `every profile caught within ${options.budget} cases on all ${seeds.length} seeds`
        : `over the budget of ${options.budget}: ${over.map((row) => `${row.property} against ${row.target}`).join(', ')}`,
    );
    return over.length === 0 ? 0 : 1;
  },
});
