import { throwIfStopped } from '../../errors.js';
import { FAULT_PROFILE_NAMES, type FaultProfileName } from '../../faults.js';
import {
  type FuzzReport,
  formatErrorTable,
  formatFuzzTable,
  fuzzFailed,
  fuzzRouter,
  randomSeed,
} from '../../harness/index.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { integerOption, profileOption, seedOption, withReferenceDefault } from '../framework/options.js';

export const fuzzCommand = defineCommand({
  name: 'fuzz',
  invocation: 'npm run fuzz --',
  summary: 'any message at all, one by one, to a router holding sessions: crashes, typed errors, losses',
  description:
    'Sends generated messages (any JavaScript value, JSON-shaped messages, damaged copies of real ones) ' +
    'one by one to a router holding a few sessions, and prints what it did with them: crashes, typed ' +
    'errors by code, messages accepted, and sessions lost or changed by a malformed or rejected message.',
  options: {
    messages: {
      ...integerOption('--messages <n>', 'messages per profile', { min: 1, max: 100_000_000 }),
      defaultValue: 10_000,
    },
    profile: withReferenceDefault(profileOption('fault profile of the router', { all: true })),
    seed: seedOption('fast-check seed'),
  },
  exitCodes: {
    0: 'nothing crashed and no malformed or rejected message was taken or changed the cache',
    1: 'a crash, or a malformed or rejected message that was taken or changed the cache',
    2: 'bad flags',
    130: 'stopped by SIGINT',
    143: 'stopped by SIGTERM',
  },
  async run({ options, signal, out, log }) {
    const seed = options.seed ?? randomSeed();
    const profiles: readonly FaultProfileName[] = options.profile === 'all' ? FAULT_PROFILE_NAMES : [options.profile];
    out(`seed ${seed}, ${options.messages} messages per profile`);
    const reports: FuzzReport[] = [];
    for (const profile of profiles) {
      throwIfStopped(signal);
      const report = await fuzzRouter(
        { messages: options.messages, profile, seed },
        { log: (line) => log(`  ${line}`), signal },
      );
      reports.push(report);
      for (const example of report.examples) out(`  ${profile}: ${example}`);
    }
    out(`\n${formatFuzzTable(reports)}\n\ntyped errors by code:\n${formatErrorTable(reports)}\n`);
    const failed = reports.filter(fuzzFailed).map((r) => r.profile);
    out(failed.length === 0 ? 'PASS' : `FAIL under ${failed.join(', ')}`);
    return failed.length === 0 ? 0 : 1;
  },
});
