import type { VirtualRuntime } from '../../runtime/VirtualRuntime.js';

/** A model that knows the runtime's tasks in spawn order and what running one does. */
export interface TaskModel {
  readonly tasks: readonly unknown[];
  runTask(index: number): void;
}

/**
 * Runs the task at `pick` (modulo how many the model expects) in the runtime and in the
 * model; what went otherwise than the model says, in words, or undefined.
 */
export function runOneTask(runtime: VirtualRuntime, model: TaskModel, pick: number): string | undefined {
  if (model.tasks.length === 0) return undefined;
  const index = pick % model.tasks.length;
  const ran = runtime.runAt(index);
  model.runTask(index);
  return ran.kind === 'task' ? undefined : `work #${index} was a ${ran.kind} (${ran.label}), not a task`;
}

/**
 * Runs every task, and those they spawn, in both; bounded, so that a peer that spawns
 * forever fails here rather than hanging.
 */
export function runAllTasks(runtime: VirtualRuntime, model: TaskModel): string | undefined {
  let expectedSteps = 0;
  for (; model.tasks.length > 0; expectedSteps++) model.runTask(0);
  const steps = runtime.runRunnable({ maxSteps: expectedSteps + 1 });
  return steps === expectedSteps
    ? undefined
    : `running every task took ${steps} step(s), the model says ${expectedSteps}`;
}
