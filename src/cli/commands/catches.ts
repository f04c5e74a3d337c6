import {
  CI_RUNS,
  EXPECTED_CATCHES,
  routerSystem,
  STORE_CHECK_RUNS,
  STORE_EXPECTATIONS,
  stopStoreServers,
  storeSystem,
} from '../../harness/index.js';
import { type CatchRow, catchDistribution, catchesPerTarget } from '../../jobs/catchDistribution.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { integerOption, oneOf } from '../framework/options.js';
import { textTable } from '../framework/textTable.js';

/** The built-in stores with a finding the nightly expects, in the nightly's order. */
const STORES_WITH_FINDINGS = [
  ...new Set(STORE_EXPECTATIONS.filter((e) => e.expect === 'caught').map((e) => e.store)),
] as const;

const ROUTER_MAX_RUNS = 5_000;

/** One pair to measure, with the cases it must be caught within and the cases tried at most. */
interface CatchPlan {
  readonly target: string;
  readonly property: string;
  readonly budget: number;
  readonly maxRuns: number;
}

export const catchesCommand = defineCommand({
  name: 'catches',
  invocation: 'npm run catches --',
  summary: "how many cases each fault profile takes to be caught, over many seeds: the margin of CI's budget",
  description:
    'For every fault profile and each property it must break, checks seeds 1..n and prints how many ' +
    'generated cases each needed (median and max); then, per profile, the fewest cases any of its properties ' +
    "needed on each seed, which is when a run of every property goes red, against CI's budget. " +
    "With --store, the same for each finding the nightly expects of that built-in store, against the nightly's cases for it.",
  options: {
    seeds: { ...integerOption('--seeds <n>', 'seeds 1..n per profile', { min: 1, max: 10_000 }), defaultValue: 30 },
    budget: {
      ...integerOption('--budget <n>', 'cases a fault must be caught within', { min: 1, max: 10_000_000 }),
      defaultText: `${CI_RUNS}; with --store, the nightly's cases for the finding (${STORE_CHECK_RUNS} unless it names more)`,
    },
    maxRuns: {
      ...integerOption('--max-runs <n>', 'cases tried per seed before giving up', { min: 1, max: 10_000_000 }),
      defaultText: `${ROUTER_MAX_RUNS}; with --store, the budget`,
    },
    store: {
      flags: '--store <name>',
      description: `a built-in store's findings instead of the router's faults: ${STORES_WITH_FINDINGS.join(', ')}`,
      parse: oneOf(STORES_WITH_FINDINGS, 'store with findings'),
    },
  },
  exitCodes: {
    0: 'every profile (or finding) caught (by one of its properties at least) within the budget on every seed',
    1: 'a profile (or finding) escaped all its properties for the whole budget on some seed',
    2: 'bad flags',
  },
  async run({ options, signal, out, log }) {
    const seeds = Array.from({ length: options.seeds }, (_, i) => i + 1);
    const system = options.store === undefined ? routerSystem : storeSystem;
    const plans: CatchPlan[] =
      options.store === undefined
        ? EXPECTED_CATCHES.map(([target, property]) => {
            const budget = options.budget ?? CI_RUNS;
            return { target, property, budget, maxRuns: Math.max(options.maxRuns ?? ROUTER_MAX_RUNS, budget) };
          })
        : STORE_EXPECTATIONS.filter((e) => e.store === options.store && e.expect === 'caught').map((e) => {
            const budget = options.budget ?? e.runs ?? STORE_CHECK_RUNS;
            return { target: e.store, property: e.property, budget, maxRuns: options.maxRuns ?? budget };
          });
    const rows: Array<CatchRow & { readonly budget: number }> = [];
    try {
      for (const plan of plans) {
        const [row] = await catchDistribution(
          { system, catches: [[plan.target, plan.property]], seeds, maxRuns: plan.maxRuns },
          { signal, log },
        );
        if (row) rows.push({ ...row, budget: plan.budget });
      }
    } finally {
      await stopStoreServers();
    }
    const kind = system === storeSystem ? 'store' : 'profile';
    const overBudget = (budget: number) => (runs: number | undefined) => runs === undefined || runs > budget;
    for (const line of textTable(
      [kind, 'property', 'median', 'max', 'budget', 'over budget', 'missed'],
      rows.map((row) => [
        row.target,
        row.property,
        row.median ?? '-',
        row.max ?? '-',
        row.budget,
        row.runsToCatch.filter(overBudget(row.budget)).length,
        row.missed,
      ]),
    )) {
      out(line);
    }
    // A target is red as soon as any of its properties is: judged against the largest budget of its properties.
    const budgetOf = (target: string) => Math.max(...rows.filter((row) => row.target === target).map((r) => r.budget));
    const perTarget = catchesPerTarget(rows);
    out('');
    for (const line of textTable(
      [kind, 'caught first by any of', 'median', 'max', 'over budget'],
      perTarget.map((row) => [
        row.target,
        row.properties.join(', '),
        row.median ?? '-',
        row.max ?? '-',
        row.runsToCatch.filter(overBudget(budgetOf(row.target))).length,
      ]),
    )) {
      out(line);
    }
    const slowPairs = rows.filter((row) => row.runsToCatch.some(overBudget(row.budget)));
    if (slowPairs.length > 0) {
      out(
        `one property alone needed more than its budget on some seed: ${slowPairs.map((row) => `${row.property} against ${row.target} (${row.budget})`).join(', ')}`,
      );
    }
    const escaped = perTarget.filter((row) => row.runsToCatch.some(overBudget(budgetOf(row.target))));
    out(
      escaped.length === 0
        ? `every ${kind} caught within its budget on all ${seeds.length} seeds`
        : `escaped every property for its budget on some seed: ${escaped.map((row) => row.target).join(', ')}`,
    );
    return escaped.length === 0 ? 0 : 1;
  },
});
