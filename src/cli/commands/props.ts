import { UsageError } from '../../errors.js';
import {
  CI_RUNS,
  ROUTER_INVARIANT_NAMES,
  randomSeed,
  runsFromEnvironment,
  STORE_INVARIANT_NAMES,
  stopStoreServers,
} from '../../harness/index.js';
import { type CoverageVerdict, checkProperties, checkRunExitCode } from '../../jobs/checkProperties.js';
import { counterexamplesDir } from '../../reports/paths.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { oneOf, profileOption, runsOption, seedOption, storeOption } from '../framework/options.js';
import { targetOf } from '../framework/target.js';
import { textTable } from '../framework/textTable.js';

export const propsCommand = defineCommand({
  name: 'props',
  invocation: 'npm run props --',
  summary: 'the properties against one fault profile (or one store), outside vitest, with the coverage table',
  description:
    'Checks the model-based properties against one fault profile of the router, or against one express-session ' +
    'store (--store), outside vitest, and prints how many ' +
    'generated cases reached each named behaviour. A broken property writes its shrunk counterexample ' +
    'under reports/counterexamples/ and prints its path and replay command.',
  options: {
    profile: profileOption('fault profile of the router'),
    store: storeOption('check an express-session store instead of the router'),
    runs: runsOption('cases per property', `NIGHTLY_RUNS if set, else ${CI_RUNS}`),
    seed: seedOption('fast-check seed'),
    property: {
      flags: '--property <name>',
      description: `the router's ${ROUTER_INVARIANT_NAMES.join(', ')}; a store's ${STORE_INVARIANT_NAMES.join(', ')}`,
      parse: oneOf([...new Set([...ROUTER_INVARIANT_NAMES, ...STORE_INVARIANT_NAMES])], 'property'),
      defaultText: 'all',
    },
  },
  exitCodes: {
    0: 'every property holds and every coverage target is met',
    1: 'a property broke (counterexample written), or a behaviour missed its coverage target',
    2: 'bad flags, or a property ran too few cases to judge (inconclusive)',
  },
  environment: {
    NIGHTLY_RUNS: 'cases per property when --runs is not given',
    REPORTS_DIR: 'where counterexamples go (default ./reports)',
  },
  async run({ options, signal, out, log }) {
    const { system, target } = targetOf(options);
    if (target === undefined) throw new UsageError(`the ${system.name} has no reference target: name one`);
    if (options.property !== undefined && !Object.hasOwn(system.invariants, options.property)) {
      throw new UsageError(
        `the ${system.name} has no property "${options.property}"; it has ${Object.keys(system.invariants).join(', ')}`,
      );
    }
    const runs = options.runs ?? runsFromEnvironment();
    const seed = options.seed ?? randomSeed();
    out(`${system.targetKind} ${target}, seed ${seed}, ${runs} cases per property`);
    const properties = options.property !== undefined ? [options.property] : Object.keys(system.invariants);
    const run = await checkProperties(
      properties.map((property) => ({ system, property, target, runs, seed })),
      { counterexampleDir: counterexamplesDir(), signal, log: (line) => log(`  ${line}`), report: out },
    ).finally(stopStoreServers);
    for (const coverage of run.coverage) for (const line of coverageReport(coverage)) out(line);
    return checkRunExitCode(run);
  },
});

/** The coverage table, and a line per missed target. */
export function coverageReport(coverage: CoverageVerdict): string[] {
  if (coverage.rows.length === 0) return [];
  const lines = [
    `coverage over ${coverage.tally.cases} generated cases${coverage.judged ? '' : ' (not judged: judged only under the reference target over enough cases)'}:`,
    ...textTable(
      ['behaviour', 'cases', 'per 1,000', 'target', ''],
      coverage.rows.map((row) => [
        row.event,
        row.hits,
        Number(row.perThousand.toFixed(1)),
        row.target,
        row.met ? 'ok' : 'MISSED',
      ]),
    ).map((line) => `  ${line}`),
  ];
  for (const row of coverage.missed) {
    lines.push(`MISSED coverage: ${row.event}: ${row.perThousand.toFixed(1)} per 1,000 cases, target ${row.target}`);
  }
  return lines;
}
