import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { FaultProfileName } from '../../src/faults.js';
import { REPO_ROOT } from '../../src/harness/repoRoot.js';
import type { GroupName } from '../groups.js';
import { BenchAbortedError } from './measureRounds.js';
import type { Samples } from './TimedWork.js';

export class GroupMeasurementError extends Error {
  constructor(group: string, reason: string) {
    super(`measuring ${group} failed: ${reason}`);
    this.name = 'GroupMeasurementError';
  }
}

/**
 * V8 compiles hot code and marks the heap on threads of its own. On a busy machine those
 * threads get the core late or not at all, so when optimised code arrives and how much
 * collection lands in a timed run depended on the neighbours: the same group's ratio moved
 * by 50% from one process to the next. Doing that work on the measuring thread, on a fixed
 * schedule, makes it part of the work measured, the same in every process (about 10%).
 */
const WORKER_FLAGS = ['--expose-gc', '--single-threaded', '--predictable-gc-schedule'];

/** Runs `bench/measureGroupWorker.ts` for one group and reads back its samples. */
export async function measureInChild(
  group: GroupName,
  request: { quick: boolean; profile: FaultProfileName },
  rounds: number,
  signal?: AbortSignal,
): Promise<Samples> {
  const args = [
    ...WORKER_FLAGS,
    '--import',
    'tsx',
    'bench/measureGroupWorker.ts',
    group,
    request.profile,
    request.quick ? 'quick' : 'full',
    String(rounds),
  ];
  let stdout: string;
  try {
    ({ stdout } = await promisify(execFile)(process.execPath, args, {
      cwd: REPO_ROOT,
      encoding: 'utf8',
      timeout: 30 * 60_000,
      maxBuffer: 16 << 20,
      ...(signal ? { signal } : {}),
    }));
  } catch (error) {
    if (signal?.aborted) throw new BenchAbortedError();
    const stderr = (error as { stderr?: string }).stderr || (error as Error).message;
    throw new GroupMeasurementError(group, stderr.trim().split('\n').slice(-3).join(' | '));
  }
  const line = stdout.trim().split('\n').at(-1) ?? '';
  try {
    return JSON.parse(line) as Samples;
  } catch {
    throw new GroupMeasurementError(group, `its worker printed no samples: ${line.slice(0, 200)}`);
  }
}
