// The child side of `runInChild`: loads the job's module, runs it with the request it is
// sent, and sends back progress and the result. It stops when its parent cancels the job,
// and at once when its parent goes away.
//
// The cancel message is the project's own, not execa's graceful cancel: execa aborts that
// signal when any IPC channel of the process disconnects, so a job that runs children of
// its own (the benchmarks) was cancelled as soon as its first child finished.
import { getEachMessage, sendMessage } from 'execa';
import { describeFailure, HarnessError, InterruptedError } from '../errors.js';
import type { ChildJobCancel, ChildJobFunction, ChildJobMessage, ChildJobStart } from './ChildJob.js';

function send(message: ChildJobMessage): Promise<void> {
  return sendMessage(message as never);
}

/** The start message, then a cancel at any time: the controller is aborted with the signal named. */
async function receive(controller: AbortController): Promise<ChildJobStart> {
  const messages = getEachMessage()[Symbol.asyncIterator]();
  const first = await messages.next();
  if (first.done) throw new Error('the parent sent no job');
  void (async () => {
    for (let next = await messages.next(); !next.done; next = await messages.next()) {
      const message = next.value as unknown as ChildJobCancel;
      if (message.type === 'cancel') controller.abort(new InterruptedError(message.signal));
    }
  })();
  return first.value as unknown as ChildJobStart;
}

async function main(): Promise<void> {
  // An orphan has nothing to report to: it stops at once.
  process.on('disconnect', () => process.exit(0));
  // Ctrl-C reaches the whole process group; the parent stops this job through a cancel
  // message, and kills it if it lingers, so the child must not die half-way on its own.
  process.on('SIGINT', () => {});
  const controller = new AbortController();
  const start = await receive(controller);
  const module = (await import(start.module)) as Record<string, unknown>;
  const run = module[start.exportName] as ChildJobFunction<unknown, unknown, unknown> | undefined;
  if (typeof run !== 'function') throw new Error(`${start.module} exports no function ${start.exportName}`);
  try {
    const result = await run(start.request, {
      signal: controller.signal,
      progress: (event) => void send({ type: 'progress', event }).catch(() => {}),
    });
    await send({ type: 'result', result });
  } catch (error) {
    const failure = describeFailure(error);
    await send({
      type: 'error',
      code: error instanceof HarnessError ? error.code : 'internal',
      exitCode: failure.exitCode,
      message: failure.text,
    });
  }
}

// Disconnecting ends the process too (the handler above), once the result has gone out.
main().then(
  () => process.disconnect?.(),
  (error: unknown) => {
    process.stderr.write(`child job: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
