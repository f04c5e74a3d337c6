import { fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../src/harness/repoRoot.js';
import type { StoreSoakResult, StoreSoakWorkload } from './StoreSoak.js';
import type { RetainedSessionTrace } from './traceRetainedSession.js';

const CHILD = fileURLToPath(new URL('./storeSoakChild.ts', import.meta.url));

export interface StoreSoakJob {
  /** Built-in names or custom module paths, each soaked in turn in the same child. */
  readonly stores: readonly string[];
  readonly workload?: StoreSoakWorkload;
}

export interface StoreSoakReport {
  readonly results: readonly StoreSoakResult[];
  /** Per store: memlab's path to the data of a session that expired unread, or none if nothing holds it. */
  readonly traces: readonly {
    readonly store: string;
    readonly sessionId: string;
    readonly trace: RetainedSessionTrace | undefined;
  }[];
}

export class StoreSoakChildError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'StoreSoakChildError';
  }
}

/** Soaks the stores in a child process (tsx) and returns its results and retainer paths. */
export function runStoreSoakInChild(job: StoreSoakJob): Promise<StoreSoakReport> {
  return new Promise((resolve, reject) => {
    const child = fork(CHILD, [JSON.stringify(job)], {
      cwd: REPO_ROOT,
      execArgv: ['--import', 'tsx'],
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    let stderr = '';
    let report: StoreSoakReport | undefined;
    child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
      stderr = (stderr + chunk).slice(-4_000);
    });
    child.on('message', (message: StoreSoakReport) => {
      report = message;
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (report && code === 0) resolve(report);
      else {
        const tail = stderr.trim().split('\n').slice(-8).join('\n');
        reject(
          new StoreSoakChildError(
            `the store soak child ${signal ? `was killed (${signal})` : `exited with ${code}`}${tail ? `:\n${tail}` : ''}`,
          ),
        );
      }
    });
  });
}
