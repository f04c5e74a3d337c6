// The child side of `runInChild`: loads the job's module, runs it with the request it is
// sent, and sends back progress and the result. It ends when its parent goes away.
import { getCancelSignal, getOneMessage, sendMessage } from 'execa';
import { describeFailure, HarnessError } from '../../errors.js';
import type { ChildJobFunction, ChildJobMessage, ChildJobStart } from './ChildJob.js';

function send(message: ChildJobMessage): Promise<void> {
  return sendMessage(message as never);
}

async function main(): Promise<void> {
  // An orphan has nothing to report to: it stops at once.
  process.on('disconnect', () => process.exit(0));
  // Ctrl-C reaches the whole process group; the parent stops this job through its cancel
  // signal, and kills it if it lingers, so the child must not die half-way on its own.
  process.on('SIGINT', () => {});
  const start = (await getOneMessage()) as unknown as ChildJobStart;
  const signal = await getCancelSignal();
  const module = (await import(start.module)) as Record<string, unknown>;
  const run = module[start.exportName] as ChildJobFunction<unknown, unknown, unknown> | undefined;
  if (typeof run !== 'function') throw new Error(`${start.module} exports no function ${start.exportName}`);
  try {
    const result = await run(start.request, {
      signal,
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

main().then(
  () => process.disconnect?.(),
  (error: unknown) => {
    process.stderr.write(`child job: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exit(3);
  },
);
