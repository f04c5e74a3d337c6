import { isFaultProfileName } from '../faults.js';
import { readCounterexample } from '../harness/counterexample/CounterexampleFile.js';
import { emitRegressionTest } from '../harness/replay/emitRegressionTest.js';
import { formatReplay, replayCounterexample } from '../harness/replay/replayCounterexample.js';
import { parseFlags, runCommand, UsageError } from './runCommand.js';

const usage = `Usage: npm run replay -- <counterexample.json> [--profile <p>] [--emit-test]

Reruns exactly the case in a counterexample file written by a failing property and
prints each step with the router's state after it, then the invariant that broke.
Exit 1 when the invariant breaks, 0 when it holds (say, under --profile fixed),
2 when the file is missing, corrupt or not a counterexample.

  --profile    replay under another fault profile (default: the one it was found under)
  --emit-test  also write a vitest regression test under properties/regressions/
  --help       this text`;

async function main(): Promise<number> {
  const { values, positionals } = parseFlags({
    options: { profile: { type: 'string' }, 'emit-test': { type: 'boolean' }, help: { type: 'boolean' } },
    allowPositionals: true,
  });
  if (values.help) {
    process.stdout.write(`${usage}\n`);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('give exactly one counterexample file');
  const file = positionals[0] as string;
  if (values.profile !== undefined && !isFaultProfileName(values.profile)) {
    throw new UsageError(`unknown profile "${values.profile}"`);
  }
  const counterexample = readCounterexample(file);
  const profile = values.profile !== undefined && isFaultProfileName(values.profile) ? values.profile : undefined;
  const result = await replayCounterexample(counterexample, profile);
  process.stdout.write(`${formatReplay(counterexample, result)}\n`);
  if (values['emit-test']) {
    const testFile = emitRegressionTest(counterexample, file, 'properties/regressions');
    process.stdout.write(`regression test written: ${testFile}\n`);
  }
  return result.violation === undefined ? 0 : 1;
}

await runCommand('replay', usage, main);
