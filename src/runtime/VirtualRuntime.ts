import { labelText, type Runtime, type TaskLabel, type TimerHandle } from './Runtime.js';

/** One unit of work the virtual runtime holds: a spawned task or a timer. */
export interface PendingWork {
  readonly id: number;
  readonly kind: 'task' | 'timer';
  readonly label: string;
  /** For timers: the virtual time at which it becomes runnable. */
  readonly dueAt: number;
}

interface Entry extends Omit<PendingWork, 'label'> {
  readonly label: TaskLabel;
  readonly run: () => void;
}

export class NothingRunnableError extends Error {
  constructor(requested: number, available: number) {
    super(`no runnable work at index ${requested}: ${available} item(s) runnable; advance time or spawn work first`);
    this.name = 'NothingRunnableError';
  }
}

export class TimeTravelError extends Error {
  constructor(now: number, target: number) {
    super(`cannot move the virtual clock back from ${now} ms to ${target} ms`);
    this.name = 'TimeTravelError';
  }
}

/**
 * A runtime in which nothing happens until the caller says so. The caller reads
 * what is runnable (every spawned task, every timer already due), picks one to run,
 * and moves the clock. Every pick is something a real runtime could also do under
 * the contract of `Runtime`: tasks are unordered, timers run only once due.
 */
export class VirtualRuntime implements Runtime {
  private clock = 0;
  private nextId = 1;
  private readonly tasks = new Map<number, Entry>();
  private readonly timers = new Map<number, Entry>();
  private executed = 0;
  private timersEverSet = 0;

  now(): number {
    return this.clock;
  }

  spawn(label: TaskLabel, task: () => void): void {
    const id = this.nextId++;
    this.tasks.set(id, { id, kind: 'task', label, dueAt: this.clock, run: task });
  }

  setTimer(label: string, delayMs: number, callback: () => void): TimerHandle {
    const id = this.nextId++;
    this.timersEverSet++;
    const dueAt = this.clock + Math.max(0, delayMs);
    this.timers.set(id, { id, kind: 'timer', label, dueAt, run: callback });
    // Deleting the entry drops the callback, so a cancelled timer retains nothing.
    return { cancel: () => void this.timers.delete(id) };
  }

  /** Timers set so far, and those still pending: the rest fired or were cancelled. */
  timerCounts(): { readonly set: number; readonly pending: number } {
    return { set: this.timersEverSet, pending: this.timers.size };
  }

  /** Everything held: tasks in spawn order, then timers by due time. */
  pending(): PendingWork[] {
    return [...this.tasks.values(), ...this.sortedTimers()].map(describe);
  }

  /** What may run now, in a stable order: tasks by spawn order, then due timers by due time. */
  runnable(): PendingWork[] {
    const due = this.sortedTimers().filter((t) => t.dueAt <= this.clock);
    return [...this.tasks.values(), ...due].map(describe);
  }

  runnableCount(): number {
    let count = this.tasks.size;
    for (const t of this.timers.values()) if (t.dueAt <= this.clock) count++;
    return count;
  }

  /** Runs the runnable item at `index` (as listed by `runnable()`); returns what ran. */
  runAt(index: number): PendingWork {
    return describe(this.runEntryAt(index));
  }

  /** Runs the item at `index`; its label is left unread, which costs nothing when no one asks. */
  private runEntryAt(index: number): Entry {
    const entry = this.runnableEntryAt(index);
    if (entry === undefined) throw new NothingRunnableError(index, this.runnableCount());
    if (entry.kind === 'task') this.tasks.delete(entry.id);
    else this.timers.delete(entry.id);
    this.executed++;
    entry.run();
    return entry;
  }

  /** The earliest due time among pending timers, if any. */
  nextTimerDue(): number | undefined {
    let earliest: number | undefined;
    for (const t of this.timers.values()) {
      if (earliest === undefined || t.dueAt < earliest) earliest = t.dueAt;
    }
    return earliest;
  }

  /** Moves the clock forward; timers that fall due become runnable but do not run. */
  advanceTo(time: number): void {
    if (time < this.clock) throw new TimeTravelError(this.clock, time);
    this.clock = time;
  }

  advanceBy(ms: number): void {
    this.advanceTo(this.clock + Math.max(0, ms));
  }

  /** Jumps to the next timer's due time; false when no timer is pending. */
  advanceToNextTimer(): boolean {
    const due = this.nextTimerDue();
    if (due === undefined) return false;
    if (due > this.clock) this.clock = due;
    return true;
  }

  isIdle(): boolean {
    return this.tasks.size === 0 && this.timers.size === 0;
  }

  executedCount(): number {
    return this.executed;
  }

  /**
   * Runs work until nothing is runnable, choosing with `pick` (default: oldest first),
   * without moving the clock. Returns how many items ran.
   */
  runRunnable(options: { pick?: (count: number) => number; maxSteps?: number } = {}): number {
    const pick = options.pick ?? (() => 0);
    const maxSteps = options.maxSteps ?? 1_000_000;
    let steps = 0;
    for (let count = this.runnableCount(); count > 0 && steps < maxSteps; count = this.runnableCount()) {
      this.runEntryAt(Math.abs(pick(count)) % count);
      steps++;
    }
    return steps;
  }

  /**
   * Runs everything, moving the clock from timer to timer, until idle or until
   * `untilTime` would be passed. Periodic timers keep a runtime busy forever, so
   * callers bound it by time or steps.
   */
  runUntilIdle(options: { pick?: (count: number) => number; maxSteps?: number; untilTime?: number } = {}): number {
    const maxSteps = options.maxSteps ?? 1_000_000;
    let steps = 0;
    for (;;) {
      steps += this.runRunnable({ ...options, maxSteps: maxSteps - steps });
      if (steps >= maxSteps) return steps;
      const due = this.nextTimerDue();
      if (due === undefined) return steps;
      if (options.untilTime !== undefined && due > options.untilTime) {
        this.advanceTo(Math.max(this.clock, options.untilTime));
        return steps;
      }
      this.advanceTo(Math.max(this.clock, due));
    }
  }

  private sortedTimers(): Entry[] {
    return [...this.timers.values()].sort((a, b) => a.dueAt - b.dueAt || a.id - b.id);
  }

  // Walks the task map instead of copying it: soak-sized syncs keep thousands of tasks pending.
  private runnableEntryAt(index: number): Entry | undefined {
    if (!Number.isInteger(index) || index < 0) return undefined;
    if (index < this.tasks.size) {
      let i = 0;
      for (const task of this.tasks.values()) if (i++ === index) return task;
    }
    const due = this.sortedTimers().filter((t) => t.dueAt <= this.clock);
    return due[index - this.tasks.size];
  }
}

function describe(entry: Entry): PendingWork {
  return { id: entry.id, kind: entry.kind, label: labelText(entry.label), dueAt: entry.dueAt };
}
