import { UsageError } from '../../errors.js';
import { emitRegressionTest, formatReplay, readCounterexampleFile, replayCounterexample } from '../../harness/index.js';
import { defineCommand } from '../framework/CommandSpec.js';
import { profileOption, storeOption, switchOption } from '../framework/options.js';
import { targetOf } from '../framework/target.js';

export const replayCommand = defineCommand({
  name: 'replay',
  invocation: 'npm run replay --',
  summary: 'reruns a counterexample exactly, printing every step with the state after it',
  description:
    'Reruns exactly the case in a counterexample file written by a failing property and prints each ' +
    'step with the state after it (with a legend of the columns), then the invariant that broke.',
  arguments: '<counterexample.json>',
  options: {
    profile: profileOption('replay a router counterexample under another fault profile', {
      defaultText: 'the one it was found under',
    }),
    store: storeOption('replay a store counterexample against another store'),
    emitTest: switchOption('--emit-test', 'also write a vitest regression test under properties/regressions/'),
  },
  exitCodes: {
    0: 'the invariant holds (say, replayed against fixed)',
    1: 'the invariant breaks',
    2: 'the file is missing, too large, corrupt or not a counterexample; or an unknown target',
  },
  notes:
    'A counterexample file is at most 1 MiB with at most 1,000 steps; every number in it is bounded ' +
    '(the schema names the limit of a field that passes it).',
  async run({ options, args, out }) {
    const file = args[0] as string;
    const { counterexample, system } = readCounterexampleFile(file);
    const { target, named } = targetOf(options, system);
    const result = await replayCounterexample(system, counterexample, named ? target : undefined);
    out(formatReplay(system, counterexample, result));
    if (options.emitTest) {
      if (system.referenceTarget === undefined) {
        throw new UsageError(`--emit-test needs a reference target; the ${system.name} has none`);
      }
      out(
        `regression test written: ${emitRegressionTest(counterexample, file, 'properties/regressions', system.referenceTarget)}`,
      );
    }
    return result.violation === undefined ? 0 : 1;
  },
});
