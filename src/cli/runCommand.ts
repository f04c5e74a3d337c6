import { type ParseArgsConfig, parseArgs } from 'node:util';

/** Bad flags or arguments: exit code 2, with the usage text. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Known failures that are the input's fault, not the harness's: exit 2 with the message only. */
export class InputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InputError';
  }
}

/** Runs a flag parser, turning whatever it throws into a usage error (exit 2 with the usage text). */
export function asUsageError<T>(parse: () => T): T {
  try {
    return parse();
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/** Parses flags with node's own parser, turning its errors into usage errors. */
export function parseFlags<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

/**
 * Runs a command's main and maps the outcome to an exit code: main's own number,
 * 2 for usage and input errors (with a message, not a stack trace).
 */
export async function runCommand(name: string, usage: string, main: () => Promise<number>): Promise<never> {
  let code: number;
  try {
    code = await main();
  } catch (error) {
    if (error instanceof UsageError) {
      process.stderr.write(`${name}: ${error.message}\n\n${usage}\n`);
      code = 2;
    } else if (
      error instanceof Error &&
      (error instanceof InputError || error.name.endsWith('FileError') || error.name === 'BaselineError')
    ) {
      process.stderr.write(`${name}: ${error.message}\n`);
      code = 2;
    } else {
      process.stderr.write(
        `${name}: failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
      code = 2;
    }
  }
  process.exit(code);
}
