import { fileURLToPath } from 'node:url';
import { execaNode } from 'execa';
import { HarnessError, InterruptedError, interruptionOf, JobFailedError } from '../errors.js';
import type { ChildJob, ChildJobCancel, ChildJobMessage, ChildJobStart } from './ChildJob.js';
import { trackChildProcess } from './childProcesses.js';
import { TSX_LOADER } from './tsxLoader.js';

const CHILD_ENTRY = fileURLToPath(new URL('./childEntry.ts', import.meta.url));

export interface ChildRunOptions<Progress> {
  readonly signal?: AbortSignal;
  /** A child that runs past this is killed and the job fails (exit 2), never a verdict. */
  readonly timeoutMs: number;
  readonly onProgress?: (event: Progress) => void;
  /** The child's stderr, line by line. */
  readonly onStderrLine?: (line: string) => void;
  readonly env?: NodeJS.ProcessEnv;
}

/** How long a child gets to stop by itself after being asked, before SIGKILL. */
const FORCE_KILL_AFTER_MS = 1_000;

/** Runs `job` in a child node process (TypeScript through tsx) and returns its result. */
export async function runInChild<Request, Result, Progress>(
  job: ChildJob<Request, Result, Progress>,
  request: Request,
  options: ChildRunOptions<Progress>,
): Promise<Result> {
  const subprocess = execaNode(CHILD_ENTRY, [], {
    // The caller's folder, so a store path or reports folder means the same in the child;
    // TypeScript loads through the package's own tsx, wherever that folder is.
    cwd: process.cwd(),
    nodeOptions: [...job.nodeFlags, '--import', TSX_LOADER],
    ipc: true,
    serialization: 'advanced',
    timeout: options.timeoutMs,
    forceKillAfterDelay: FORCE_KILL_AFTER_MS,
    stdin: 'ignore',
    stdout: 'ignore',
    stderr: 'pipe',
    reject: false,
    env: options.env ?? {},
    extendEnv: true,
  });
  trackChildProcess(subprocess);
  const stderrTail: string[] = [];
  subprocess.stderr?.setEncoding('utf8');
  let partial = '';
  subprocess.stderr?.on('data', (chunk: string) => {
    const lines = (partial + chunk).split(/\r?\n|\r/);
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      stderrTail.push(line);
      if (stderrTail.length > 20) stderrTail.shift();
      options.onStderrLine?.(line);
    }
  });
  const start: ChildJobStart = { type: 'start', module: job.module, exportName: job.exportName, request };
  let outcome: ChildJobMessage | undefined;
  let ended: Awaited<typeof subprocess>;
  // Asked to stop: the child's job is cancelled, and the child killed if it has not ended soon after.
  const cancel = () => {
    const cancelMessage: ChildJobCancel = {
      type: 'cancel',
      signal: interruptionOf(options.signal as AbortSignal).signal,
    };
    subprocess.sendMessage(cancelMessage as never).catch(() => subprocess.kill('SIGKILL'));
    setTimeout(() => subprocess.kill('SIGKILL'), FORCE_KILL_AFTER_MS).unref();
  };
  if (options.signal?.aborted) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  try {
    await subprocess.sendMessage(start as never);
    for await (const message of subprocess.getEachMessage()) {
      const typed = message as unknown as ChildJobMessage;
      if (typed.type === 'progress') options.onProgress?.(typed.event as Progress);
      else {
        outcome = typed;
        break;
      }
    }
    ended = await subprocess;
    options.signal?.removeEventListener('abort', cancel);
  } catch (error) {
    options.signal?.removeEventListener('abort', cancel);
    // A child killed by the same signal that stops us cannot take the cancel message. One
    // still starting (before it ignores SIGINT) can die of a Ctrl-C to the group before our
    // own handler has run: its death is the stop, not a failure of the job.
    const stop = options.signal?.aborted ? interruptionOf(options.signal) : await stopThatKilled(subprocess);
    if (stop !== undefined) {
      subprocess.kill('SIGKILL');
      throw stop;
    }
    throw error;
  }
  if (options.signal?.aborted) throw interruptionOf(options.signal);
  // A stop signal that reached the child before our handler ran: the stop, not a failed job.
  // The time limit kills with SIGTERM too: that is a job that ran too long, not a stop.
  if (outcome === undefined && !ended.timedOut && (ended.signal === 'SIGINT' || ended.signal === 'SIGTERM')) {
    throw new InterruptedError(ended.signal);
  }
  if (outcome?.type === 'result') return outcome.result as Result;
  if (outcome?.type === 'error') {
    throw new HarnessError(outcome.code as HarnessError['code'], outcome.message, { exitCode: outcome.exitCode });
  }
  const why = ended.timedOut
    ? `ran past its ${Math.round(options.timeoutMs / 1000)} s limit and was killed`
    : ended.signal
      ? `was killed by ${ended.signal}`
      : `exited with ${ended.exitCode}`;
  throw new JobFailedError(
    `${job.exportName} in a child process ${why}${stderrTail.length > 0 ? `:\n${stderrTail.slice(-8).join('\n')}` : ''}`,
  );
}

/** The stop signal a failed child died of, if it died of one; waits at most a second to know. */
async function stopThatKilled(subprocess: PromiseLike<unknown>): Promise<InterruptedError | undefined> {
  const ended = await Promise.race([
    Promise.resolve(subprocess).then(
      (result) => result,
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(resolve, FORCE_KILL_AFTER_MS).unref()),
  ]);
  const { signal, timedOut } = (ended ?? {}) as { signal?: unknown; timedOut?: unknown };
  if (timedOut === true) return undefined;
  return signal === 'SIGINT' || signal === 'SIGTERM' ? new InterruptedError(signal) : undefined;
}
