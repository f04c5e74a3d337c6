/**
 * Time and tasks behind one interface, so the system under test can run on real
 * timers or on a virtual clock whose every scheduling choice the tests make.
 *
 * Contract shared by every implementation:
 * - spawned tasks are independent units of work (like goroutines): no order is
 *   promised between two pending tasks; code that needs order queues its work itself;
 * - a timer never runs before it is due; timers due together run in any order;
 * - a cancelled timer never runs, and the runtime drops its callback at once, so
 *   cancelling releases whatever the callback captured.
 */
export interface Runtime {
  /** Milliseconds since this runtime's epoch. */
  now(): number;
  /**
   * Run `task` once, later, as its own unit of work. `label` names it in traces; a
   * function is asked when the name is needed, so it can say what the task will do then.
   */
  spawn(label: TaskLabel, task: () => void): void;
  /** Run `callback` once, no earlier than `delayMs` from now. */
  setTimer(label: string, delayMs: number, callback: () => void): TimerHandle;
}

export type TaskLabel = string | (() => string);

export function labelText(label: TaskLabel): string {
  return typeof label === 'string' ? label : label();
}

export interface TimerHandle {
  cancel(): void;
}
