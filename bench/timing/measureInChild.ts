import { type ChildJobContext, childJob } from '../../src/child/ChildJob.js';
import { runInChild } from '../../src/child/runInChild.js';
import type { FaultProfileName } from '../../src/faults.js';
import { createGroup, type GroupName } from '../groups.js';
import type { Samples } from './TimedWork.js';

/**
 * V8 compiles hot code and marks the heap on threads of its own. On a busy machine those
 * threads get the core late or not at all, so when optimised code arrives and how much
 * collection lands in a timed run depended on the neighbours: the same group's ratio moved
 * by 50% from one process to the next. Doing that work on the measuring thread, on a fixed
 * schedule, makes it part of the work measured, the same in every process (about 10%).
 */
const WORKER_FLAGS = ['--expose-gc', '--single-threaded', '--predictable-gc-schedule'];

export interface GroupMeasurement {
  readonly group: GroupName;
  readonly quick: boolean;
  readonly profile: FaultProfileName;
  readonly rounds: number;
}

/** A process per measurement: no group inherits another's compiled code or heap, and a re-measurement not the first's. */
const measureGroupJob = childJob<GroupMeasurement, Samples, never>(
  new URL(import.meta.url).href,
  'measureGroup',
  WORKER_FLAGS,
);

/** The child's side: measures one group and returns its samples. */
export function measureGroup(request: GroupMeasurement, context: ChildJobContext<never>): Promise<Samples> {
  return createGroup(request.group, request).measure(request.rounds, context.signal);
}

/** Measures one group in a child process of its own and returns its samples. */
export function measureInChild(
  group: GroupName,
  request: { quick: boolean; profile: FaultProfileName },
  rounds: number,
  signal?: AbortSignal,
): Promise<Samples> {
  return runInChild(
    measureGroupJob,
    { group, quick: request.quick, profile: request.profile, rounds },
    { timeoutMs: 30 * 60_000, ...(signal ? { signal } : {}) },
  );
}
