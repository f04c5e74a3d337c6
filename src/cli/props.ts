import { relative } from 'node:path';
import { FAULT_PROFILE_NAMES, isFaultProfileName } from '../faults.js';
import { writeCounterexample } from '../harness/counterexample/CounterexampleFile.js';
import { counterexamplesDir } from '../harness/counterexample/paths.js';
import { INVARIANT_NAMES, type InvariantName, isInvariantName } from '../harness/invariants/index.js';
import { BudgetError, CI_RUNS, parsePositiveInt, runsFromEnvironment } from '../harness/model/budget.js';
import { checkInvariant } from '../harness/model/checkInvariant.js';
import { parseFlags, runCommand, UsageError } from './runCommand.js';

const usage = `Usage: npm run props -- [--profile <p>] [--runs <n>] [--seed <s>] [--property <name>]

Checks the model-based properties against one fault profile, outside vitest.
Exit 0 when every property holds, 1 when one fails (its counterexample file is
written under reports/counterexamples/ and its path printed), 2 on bad flags.

  --profile   ${FAULT_PROFILE_NAMES.join(', ')} (default fixed)
  --runs      runs per property (default: NIGHTLY_RUNS if set, else ${CI_RUNS})
  --seed      fast-check seed (default: drawn at random and printed)
  --property  one of ${INVARIANT_NAMES.join(', ')} (default: all)
  --help      this text`;

const PROGRESS_EVERY_MS = 5_000;

async function main(): Promise<number> {
  const { values, positionals } = parseFlags({
    options: {
      profile: { type: 'string', default: 'fixed' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      property: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  const profile = values.profile;
  if (!isFaultProfileName(profile)) throw new UsageError(`unknown profile "${profile}"`);
  let runs: number;
  try {
    runs = values.runs !== undefined ? parsePositiveInt('--runs', values.runs) : runsFromEnvironment();
  } catch (error) {
    if (error instanceof BudgetError) throw new UsageError(error.message);
    throw error;
  }
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) {
    throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);
  if (values.property !== undefined && !isInvariantName(values.property)) {
    throw new UsageError(`unknown property "${values.property}"; expected one of ${INVARIANT_NAMES.join(', ')}`);
  }
  const properties: InvariantName[] =
    values.property !== undefined ? [values.property as InvariantName] : INVARIANT_NAMES;

  process.stdout.write(`profile ${profile}, seed ${seed}, ${runs} runs per property\n`);
  let failures = 0;
  for (const invariant of properties) {
    let done = 0;
    let lastReport = performance.now();
    const result = await checkInvariant({
      invariant,
      profile,
      numRuns: runs,
      seed,
      onRun: () => {
        done++;
        if (performance.now() - lastReport >= PROGRESS_EVERY_MS) {
          lastReport = performance.now();
          process.stderr.write(`  ${invariant}: ${done} runs so far (of ${runs}, plus shrinking)\n`);
        }
      },
    });
    const seconds = (result.durationMs / 1000).toFixed(1);
    if (result.passed) {
      process.stdout.write(`PASS ${invariant.padEnd(12)} ${result.runsExecuted} runs in ${seconds} s\n`);
      continue;
    }
    failures++;
    const c = result.counterexample;
    if (c === undefined) throw new Error('a failed check must carry its counterexample');
    const file = relative(process.cwd(), writeCounterexample(counterexamplesDir(), c));
    process.stdout.write(
      [
        `FAIL ${invariant.padEnd(12)} after ${result.firstFailureAtRun ?? '?'} run(s), ${result.numShrinks} shrinks, ${seconds} s`,
        `     ${c.failure.message}`,
        `     shrunk to ${c.steps.length} step(s): ${c.readableSteps.join('; ') || '(none: the initial full sync alone)'}`,
        `     counterexample: ${file}`,
        `     replay: npm run replay -- ${file}`,
        '',
      ].join('\n'),
    );
  }
  return failures > 0 ? 1 : 0;
}

await runCommand('props', usage, main);
