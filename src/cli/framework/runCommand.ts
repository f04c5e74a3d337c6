import { Command, CommanderError, Option } from 'commander';
import { killChildProcesses } from '../../child/childProcesses.js';
import { describeFailure, InterruptedError, type StopSignal, UsageError } from '../../errors.js';
import type { AnyCommandSpec, OptionSpecs } from './CommandSpec.js';
import { helpAfterOptions } from './helpText.js';
import { asInvoked, invocationOf } from './invokedAs.js';

/** After a stop signal, a job that has not ended by then is cut off: workers are killed, the process exits. */
export const STOP_GRACE_MS = 1_500;

/** How often a command checks that the process that started it is still there. */
const ORPHAN_CHECK_MS = 250;

/** Builds commander's program for a spec: the one parser every command uses. */
export function commandProgram(spec: AnyCommandSpec): Command {
  const program = new Command(invocationOf(spec))
    .description(spec.description)
    .exitOverride()
    .allowExcessArguments(false)
    .showSuggestionAfterError(true)
    .helpOption('-h, --help', 'this text')
    .addHelpText('after', helpAfterOptions(spec));
  for (const [key, option] of Object.entries(spec.options as OptionSpecs)) {
    // commander prints a default only when there is a value; one decided later (drawn at
    // random, the reference target, the night's least) is still said in --help.
    const unsetDefault = option.defaultValue === undefined && option.defaultText !== undefined;
    const declared = new Option(
      option.flags,
      unsetDefault ? `${option.description} (default: ${option.defaultText})` : option.description,
    );
    if (option.parse) {
      const parse = option.parse;
      declared.argParser((raw: string) => parse(raw, option.flags.split(/[ ,]/)[0] ?? key));
    }
    if (option.defaultValue !== undefined) declared.default(option.defaultValue, option.defaultText);
    program.addOption(declared);
  }
  if (spec.arguments !== undefined) program.arguments(spec.arguments);
  return program;
}

/**
 * Parses the flags, runs the command with a signal that SIGINT and SIGTERM abort, and
 * exits with the command's code, or the one `describeFailure` gives its error.
 */
export async function runCommand(spec: AnyCommandSpec, argv: readonly string[]): Promise<never> {
  const out = (line: string) => process.stdout.write(`${asInvoked(line)}\n`);
  const log = (line: string) => process.stderr.write(`${asInvoked(line)}\n`);
  const program = commandProgram(spec);
  // Commander's own error text is replaced by one line of ours, below.
  program.configureOutput({ writeOut: (text) => process.stdout.write(text), writeErr: () => {} });
  try {
    program.parse(argv, { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError && error.code === 'commander.helpDisplayed') return exitAfterOutput(0);
    if (error instanceof CommanderError && error.code === 'commander.version') return exitAfterOutput(0);
    const message =
      error instanceof CommanderError
        ? error.message.replace(/^error: /, '')
        : error instanceof UsageError
          ? error.message
          : describeFailure(error).text;
    log(`${spec.name}: ${message} (${invocationOf(spec)} --help lists every option)`);
    return exitAfterOutput(2);
  }
  const controller = new AbortController();
  const stop = (signal: StopSignal, why: string = signal) => {
    if (controller.signal.aborted) return;
    log(`${spec.name}: ${why}: stopping`);
    const interruption = new InterruptedError(signal);
    controller.abort(interruption);
    // A job that does not wind down in time is cut off, and its child processes with it.
    setTimeout(() => {
      killChildProcesses();
      process.exit(interruption.exitCode);
    }, STOP_GRACE_MS).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  // A wrapper that dies without passing its signal on (a shell between npm and node) leaves
  // this process to init: nothing will read its output, so it stops as if terminated.
  const parentAtStart = process.ppid;
  setInterval(() => {
    if (process.ppid !== parentAtStart) stop('SIGTERM', 'the parent process went away');
  }, ORPHAN_CHECK_MS).unref();
  let code: number;
  try {
    code = await spec.run({
      options: program.opts(),
      args: program.args,
      signal: controller.signal,
      out,
      log,
    });
  } catch (error) {
    const failure = describeFailure(error);
    const hint = error instanceof UsageError ? ` (${invocationOf(spec)} --help lists every option)` : '';
    log(`${spec.name}: ${failure.text}${hint}`);
    code = failure.exitCode;
  }
  return exitAfterOutput(code);
}

/**
 * Exits once stdout and stderr have taken everything written: into a pipe, writes are
 * asynchronous, and `process.exit` at once cut a long replay short at 64 KiB.
 */
async function exitAfterOutput(code: number): Promise<never> {
  await new Promise<void>((resolve) => process.stdout.write('', () => resolve()));
  await new Promise<void>((resolve) => process.stderr.write('', () => resolve()));
  process.exit(code);
}
