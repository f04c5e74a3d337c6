import { InterruptedError, UsageError } from '../errors.js';
import { formatClock } from '../harness/index.js';

/** How long a task still running when the budget is spent gets to stop before the night goes on without it. */
export const STOP_GRACE_MS = 3_000;

/**
 * A night ends at most this long after its budget: a task running at the end is stopped
 * (STOP_GRACE_MS at most), then the summary, its Markdown and the JUnit file are written.
 */
export const NIGHT_MARGIN_MS = 5_000;

/** A budget below what the night's plan needs to judge anything: refused before anything runs. */
export class BudgetTooSmallError extends UsageError {
  constructor(
    readonly budgetMs: number,
    readonly leastMs: number,
    why: readonly string[],
  ) {
    super(
      `--budget ${formatClock(budgetMs)} is less than this night needs to judge what it runs, about ` +
        `${formatClock(leastMs)}: ${why.join('; ')}. Give --budget ${asFlag(leastMs)} or more, ` +
        'or run fewer parts with --only',
    );
    this.name = 'BudgetTooSmallError';
  }
}

/** `4m52s` for 291,950 ms: rounded up, as `--budget` takes it. */
function asFlag(ms: number): string {
  const seconds = Math.ceil(ms / 1000);
  return `${Math.floor(seconds / 60)}m${seconds % 60}s`;
}

export interface BudgetedRun<T> {
  /** Undefined when the task was cut at the budget. */
  readonly value?: T;
  readonly cut: boolean;
}

/**
 * The night's clock against its budget: it runs each task with a signal that also fires
 * when the budget is spent, names what was left out or cut, and puts any time past the
 * budget down to the task that used it.
 */
export class NightBudget {
  readonly started = performance.now();
  /** A `performance.now()` time: the end of the budget. */
  readonly deadline: number;
  private readonly omitted: string[] = [];
  private readonly overrun: string[] = [];

  constructor(readonly budgetMs: number) {
    this.deadline = this.started + budgetMs;
  }

  elapsedMs(): number {
    return performance.now() - this.started;
  }

  leftMs(): number {
    return this.deadline - performance.now();
  }

  /** Names a task the budget had no room for. */
  leaveOut(what: string, why: string): void {
    this.omitted.push(`${what}: ${why}`);
  }

  /** Every task left out or cut, with why. */
  leftOut(): readonly string[] {
    return this.omitted;
  }

  /** What the time past the budget went on; empty when the night kept it. */
  spentPastBudget(): readonly string[] {
    return this.overrun;
  }

  /**
   * Runs one task with a signal that fires at the end of the budget (or when `outer` does).
   * A task still running then has STOP_GRACE_MS to stop; after that the night goes on
   * without it. A stop by `outer` (SIGINT, SIGTERM) is thrown as it is.
   */
  async run<T>(
    what: string,
    outer: AbortSignal | undefined,
    task: (signal: AbortSignal) => Promise<T>,
  ): Promise<BudgetedRun<T>> {
    const controller = new AbortController();
    const onOuter = () => controller.abort(outer?.reason);
    if (outer?.aborted) onOuter();
    else outer?.addEventListener('abort', onOuter, { once: true });
    let expired = false;
    const timers: NodeJS.Timeout[] = [];
    const givenUp = new Promise<'given up'>((resolve) => {
      timers.push(
        setTimeout(
          () => {
            expired = true;
            controller.abort(new InterruptedError('SIGTERM'));
            timers.push(setTimeout(() => resolve('given up'), STOP_GRACE_MS));
          },
          Math.max(0, this.leftMs()),
        ),
      );
    });
    const running = task(controller.signal);
    // A task the night goes on without may still end later, perhaps by throwing: nobody waits for it.
    running.catch(() => {});
    const taskStarted = performance.now();
    try {
      const ended = await Promise.race([running.then((value) => ({ value })), givenUp]);
      if (ended === 'given up') {
        this.notePastBudget(
          `not stopping ${what} within ${formatClock(STOP_GRACE_MS)}, then going on without it`,
          taskStarted,
        );
        return { cut: true };
      }
      this.notePastBudget(`finishing ${what}`, taskStarted);
      return { value: ended.value, cut: false };
    } catch (error) {
      if (!(error instanceof InterruptedError) || outer?.aborted || !expired) throw error;
      this.notePastBudget(`stopping ${what}`, taskStarted);
      return { cut: true };
    } finally {
      for (const timer of timers) clearTimeout(timer);
      outer?.removeEventListener('abort', onOuter);
    }
  }

  private notePastBudget(what: string, taskStarted: number): void {
    const past = performance.now() - Math.max(this.deadline, taskStarted);
    if (past >= 1) this.overrun.push(`${(past / 1000).toFixed(1)} s ${what}`);
  }
}
