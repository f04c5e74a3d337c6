import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../src/harness/repoRoot.js';
import type { SoakProgress } from '../SoakProgress.js';
import type { HeapSample, WorkerJob, WorkerMessage, WorkerResult } from './WorkerMessages.js';

const WORKER = fileURLToPath(new URL('./soakWorker.ts', import.meta.url));

/** The soak itself could not run: exit 2, with what the worker said. */
export class SoakFailedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SoakFailedError';
  }
}

/** Forks the worker (node --expose-gc via tsx), relays its progress, and gathers its heap samples and result. */
export function runWorker(
  job: WorkerJob,
  progress: SoakProgress,
  expectedMs: number | undefined,
  total: number | undefined,
) {
  return new Promise<WorkerResult>((resolve, reject) => {
    const child = fork(WORKER, [JSON.stringify(job)], {
      cwd: REPO_ROOT,
      execArgv: ['--expose-gc', '--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let result: WorkerResult | undefined;
    const heapTrend: HeapSample[] = [];
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    child.on('message', (message: WorkerMessage) => {
      if (message.type === 'result') result = { ...message, heapTrend };
      else if (message.type === 'heap-sample') heapTrend.push(message.sample);
      else {
        const fraction = total !== undefined ? message.cycle / total : expectedMs ? message.elapsedMs / expectedMs : 0;
        progress.update(
          fraction,
          `${message.phase}, cycle ${message.cycle}, ${(message.elapsedMs / 1000).toFixed(0)} s`,
        );
      }
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (result && code === 0) resolve(result);
      else {
        const tail = stderr.trim().split('\n').slice(-8).join('\n');
        reject(
          new SoakFailedError(
            `the soak worker ${signal ? `was killed (${signal})` : `exited with ${code}`}${tail ? `:\n${tail}` : ''}`,
          ),
        );
      }
    });
  });
}
