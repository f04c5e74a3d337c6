import { FAULT_PROFILE_NAMES, type FaultProfileName, isFaultProfileName } from '../faults.js';
import { type FuzzReport, formatErrorTable, formatFuzzTable, fuzzFailed } from '../harness/fuzz/FuzzReport.js';
import { fuzzRouter } from '../harness/fuzz/fuzzRouter.js';
import { BudgetError, parsePositiveInt } from '../harness/model/budget.js';
import { parseFlags, runCommand, UsageError } from './runCommand.js';

const usage = `Usage: npm run fuzz -- --messages <n> [--profile <p>|all] [--seed <s>]

Sends n generated messages (any JavaScript value, JSON-shaped messages, damaged
copies of real ones) one by one to a router holding a few sessions, and prints
what it did with them: crashes, typed errors by code, messages accepted, and
sessions lost or changed by a malformed or rejected message.
Exit 0 when nothing crashed and no malformed or rejected message was taken or
changed the cache, 1 otherwise, 2 on bad flags.

  --messages  how many messages per profile
  --profile   ${FAULT_PROFILE_NAMES.join(', ')}, or all (default fixed)
  --seed      fast-check seed (default: drawn at random and printed)
  --help      this text`;

async function main(): Promise<number> {
  const { values, positionals } = parseFlags({
    options: {
      messages: { type: 'string' },
      profile: { type: 'string', default: 'fixed' },
      seed: { type: 'string' },
      help: { type: 'boolean' },
    },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`unexpected argument "${positionals[0]}"`);
  if (values.messages === undefined) throw new UsageError('--messages is required');
  let messages: number;
  try {
    messages = parsePositiveInt('--messages', values.messages);
  } catch (error) {
    if (error instanceof BudgetError) throw new UsageError(error.message);
    throw error;
  }
  const profile = values.profile;
  if (profile !== 'all' && !isFaultProfileName(profile)) throw new UsageError(`unknown profile "${profile}"`);
  const profiles: readonly FaultProfileName[] = profile === 'all' ? FAULT_PROFILE_NAMES : [profile];
  if (values.seed !== undefined && !/^-?\d+$/.test(values.seed)) {
    throw new UsageError(`--seed must be an integer, got "${values.seed}"`);
  }
  const seed = values.seed !== undefined ? Number(values.seed) : Math.floor(Math.random() * 2 ** 31);

  process.stdout.write(`seed ${seed}, ${messages} messages per profile\n`);
  const reports: FuzzReport[] = [];
  for (const name of profiles) {
    const report = fuzzRouter(
      { messages, profile: name, seed },
      { log: (line) => process.stderr.write(`  ${line}\n`) },
    );
    reports.push(report);
    for (const example of report.examples) process.stdout.write(`  ${name}: ${example}\n`);
  }
  process.stdout.write(`\n${formatFuzzTable(reports)}\n\ntyped errors by code:\n${formatErrorTable(reports)}\n`);
  const failed = reports.filter(fuzzFailed).map((r) => r.profile);
  process.stdout.write(failed.length === 0 ? '\nPASS\n' : `\nFAIL under ${failed.join(', ')}\n`);
  return failed.length === 0 ? 0 : 1;
}

await runCommand('fuzz', usage, main);
