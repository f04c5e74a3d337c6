/**
 * Every failure the harness reports on purpose, with a stable code. The code says what
 * went wrong in a word a script can match; the exit code says how a command ends.
 * Exit codes: 0 pass, 1 the code under test is wrong, 2 the run could not judge it
 * (bad input, a run that failed or measured too little), 130/143 interrupted.
 */
export const ERROR_CODES = {
  /** Bad flags or arguments. */
  usage: 2,
  /** Input that is well-formed but unusable: a missing folder, a store that does not load. */
  input: 2,
  'unknown-profile': 2,
  'unknown-store': 2,
  'store-load': 2,
  'counterexample-file': 2,
  'report-file': 2,
  baseline: 2,
  /** A soak, a benchmark or a child job that could not finish. */
  'job-failed': 2,
  /** A run that measured too little to give a verdict. */
  inconclusive: 2,
  /** Stopped by SIGINT (130) or SIGTERM (143); the exit code is set per signal. */
  interrupted: 130,
  /** A bug in the harness itself. */
  internal: 2,
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

/** The one base class: a code, an exit code, and a message that says what to do. */
export class HarnessError extends Error {
  readonly exitCode: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    options: { readonly exitCode?: number; readonly cause?: unknown } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HarnessError';
    this.exitCode = options.exitCode ?? ERROR_CODES[code];
  }
}

/** Bad flags or arguments: the command prints its usage after the message. */
export class UsageError extends HarnessError {
  constructor(message: string) {
    super('usage', message);
    this.name = 'UsageError';
  }
}

/** Input the run cannot use: the message alone, no stack. */
export class InputError extends HarnessError {
  constructor(message: string, code: ErrorCode = 'input') {
    super(code, message);
    this.name = 'InputError';
  }
}

/** A job that could not finish (a crashed worker, a timeout): exit 2, never a verdict on the code. */
export class JobFailedError extends HarnessError {
  constructor(message: string, cause?: unknown) {
    super('job-failed', message, { cause });
    this.name = 'JobFailedError';
  }
}

export type StopSignal = 'SIGINT' | 'SIGTERM';

/** A run stopped by a signal; the conventional exit code is 128 + the signal's number. */
export class InterruptedError extends HarnessError {
  constructor(readonly signal: StopSignal) {
    super('interrupted', `interrupted by ${signal}`, { exitCode: signal === 'SIGINT' ? 130 : 143 });
    this.name = 'InterruptedError';
  }
}

/** Throws the interruption when `signal` was aborted by a stop signal; for loops that check between units of work. */
export function throwIfStopped(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw interruptionOf(signal);
}

export function interruptionOf(signal: AbortSignal): InterruptedError {
  const reason: unknown = signal.reason;
  return reason instanceof InterruptedError ? reason : new InterruptedError('SIGINT');
}

/** The exit code and the text a command prints for any error; the only place that decides them. */
export function describeFailure(error: unknown): { readonly exitCode: number; readonly text: string } {
  if (error instanceof HarnessError) return { exitCode: error.exitCode, text: error.message };
  const text = error instanceof Error ? (error.stack ?? error.message) : String(error);
  return { exitCode: ERROR_CODES.internal, text: `internal error (a bug in the harness): ${text}` };
}
